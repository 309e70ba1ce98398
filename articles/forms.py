import re

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from articles.ingestion import MAX_BATCH_FILES, MAX_FILE_BYTES, MAX_WEB_ARCHIVE_BYTES, MAX_ZIP_BYTES, MB
from articles.models import Mention, Source
from people.models import Person

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's FileField takes one)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.zip,.warc,.gz,.wacz"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # No per-file FileField.clean: it refuses an empty file, and one bad file must not refuse
        # the batch. Every file's content is checked by the ingestion service and reported.
        files = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class LenientCharField(forms.CharField):
    """A text field that does not refuse the whole form for a NUL character (Django's does):
    the files chosen beside it would be lost. Pasted text keeps its control characters for the
    decoder, which removes them with a warning; one-line fields lose them here."""

    def __init__(self, *args, keep_control=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_control = keep_control
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.keep_control else _CONTROL.sub("", value)


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Tệp"),
        required=False,
        help_text=_(
            "Một hoặc nhiều tệp .txt, .html, .htm, tệp .zip chứa các tệp đó, hoặc tệp lưu trữ web "
            ".warc, .warc.gz, .wacz. Giới hạn: %(file)s MB mỗi tệp bài, %(zip)s MB mỗi tệp zip, "
            "%(archive)s MB mỗi tệp lưu trữ web, %(count)s tệp mỗi lần."
        )
        % {"file": MAX_FILE_BYTES // MB, "zip": MAX_ZIP_BYTES // MB, "archive": MAX_WEB_ARCHIVE_BYTES // MB,
           "count": f"{MAX_BATCH_FILES:,}"},
    )
    text = LenientCharField(
        label=_("Hoặc dán nội dung bài"), required=False, keep_control=True,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 90}),
    )
    text_filename = LenientCharField(
        label=_("Tên cho nội dung đã dán"), required=False, max_length=200, help_text=_("Tùy chọn, ví dụ bai-hoi-nghi.txt")
    )
    source = forms.ModelChoiceField(
        label=_("Nguồn tin có sẵn"), queryset=Source.objects.all(), required=False,
        help_text=_("Dùng cho cả đợt tải lên."),
    )
    new_source = LenientCharField(label=_("Hoặc tên nguồn tin mới"), required=False, max_length=200)
    published = forms.DateField(
        label=_("Ngày đăng"), required=False, widget=AdminDateWidget,
        # ISO first (what the admin calendar writes), then the Vietnamese day-first forms.
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
        help_text=_("Dùng khi tệp không ghi ngày đăng."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("files") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Hãy chọn ít nhất một tệp hoặc dán nội dung một bài."))
        if data.get("source") and (data.get("new_source") or "").strip():
            raise forms.ValidationError(_("Chọn một nguồn tin có sẵn hoặc nhập tên mới, không phải cả hai."))
        return data

    @property
    def source_name(self):
        if self.cleaned_data.get("source"):
            return self.cleaned_data["source"].name
        return (self.cleaned_data.get("new_source") or "").strip() or None

    @property
    def pasted_filename(self):
        name = (self.cleaned_data.get("text_filename") or "").strip() or "noi-dung-dan.txt"
        if not name.lower().endswith((".txt", ".html", ".htm")):
            name += ".txt"
        return name


class ResolveMentionForm(forms.Form):
    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = forms.ModelChoiceField(
            label=_("Người"),
            queryset=Person.objects.all(),
            widget=AutocompleteSelect(Mention._meta.get_field("person"), admin_site),
        )
