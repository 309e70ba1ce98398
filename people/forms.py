"""Form pieces shared by the admin pages and the review screen."""

import unicodedata

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class TitlesWidget(forms.Widget):
    """A list of titles as plain text inputs: one per title and an empty one to add another.
    Each input is named after the field (the browser sends them as a list) and labelled."""

    template_name = "admin/widgets/titles.html"

    def __init__(self, attrs=None, *, extra=1):
        super().__init__(attrs)
        self.extra = extra

    def format_value(self, value):
        return [str(v) for v in value or []] if isinstance(value, list | tuple) else []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base = context["widget"]["attrs"].pop("aria-label", "") or _("Chức danh")
        base_id = context["widget"]["attrs"].pop("id", "") or f"id_{name}"
        titles = self.format_value(value) + [""] * self.extra
        context["widget"]["inputs"] = [
            {"id": f"{base_id}_{i}", "value": title, "label": _("%(field)s, dòng %(n)s") % {"field": base, "n": i + 1}}
            for i, title in enumerate(titles)
        ]
        return context

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        values = getlist(name) if getlist else data.get(name, [])
        return values if isinstance(values, list) else [values]

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


class TitlesField(forms.Field):
    """Titles as written: a list of plain strings (NFC, trimmed, blanks and repeats dropped)."""

    widget = TitlesWidget
    hidden_widget = forms.MultipleHiddenInput
    default_error_messages = {"too_long": gettext_lazy("Mỗi chức danh tối đa 300 ký tự.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return []
        items = value if isinstance(value, list | tuple) else [value]
        titles = []
        for item in items:
            title = " ".join(unicodedata.normalize("NFC", str(item)).split())
            if title and title not in titles:
                titles.append(title)
        return titles

    def validate(self, value):
        super().validate(value)
        if any(len(t) > 300 for t in value):
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long")

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)
