"""What every admin page of the archive shares: the history page with undo, Vietnamese
import/export with safe spreadsheets, and inline rows whose every field has a name."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import resources
from import_export.admin import ImportExportModelAdmin

from config.spreadsheets import FORMATS
from people import history
from people.forms import TitlesField
from people.models import ChangeKind


class SafeResource(resources.ModelResource):
    """Rows are validated like the admin's forms (an article's address must be http(s), …), so a
    bad row gets the model's own sentence rather than being stored; a file with none of the
    expected columns is refused with a sentence saying which columns are expected."""

    class Meta:
        clean_model_instances = True
        skip_unchanged = True

    def before_import(self, dataset, **kwargs):
        expected = [f.column_name for f in self.get_import_fields()]
        if not set(dataset.headers or []) & set(expected):
            raise ValueError(  # shown as its message (str of a ValidationError is a list)
                _("Tệp không có cột nào dùng được. Dòng đầu của tệp phải là tên cột, ví dụ: %(columns)s.")
                % {"columns": ", ".join(expected)}
            )
        super().before_import(dataset, **kwargs)


class HistoryAdminMixin:
    """The change page's “Lịch sử” button: every change to the object and to the rows that
    belong to it (who, when, why, before → after), each with an undo button."""

    object_history_template = "admin/history.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_undo"
        return [
            path("<path:object_id>/history/undo/", self.admin_site.admin_view(self.undo_view), name=name),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Lịch sử thay đổi: %(object)s") % {"object": obj},
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "entries": history.entries(obj, limit=200),
            "can_undo": self.has_change_permission(request, obj),
            "merge_kind": ChangeKind.MERGE,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def undo_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        try:
            if request.POST.get("operation"):
                if not request.user.has_perm("people.merge_person"):
                    raise PermissionDenied
                history.undo_operation(request.POST["operation"], user=request.user)
            else:
                record = history.record_for(request.POST.get("record", ""))
                if record is None:
                    raise history.UndoError(_("Không tìm thấy thay đổi cần hoàn tác."))
                meta = record.instance_type._meta
                if not request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
                    raise PermissionDenied
                history.undo_change(record, user=request.user)
        except history.UndoError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, _("Đã hoàn tác."), messages.SUCCESS)
        back = request.POST.get("next") or ""
        if not back.startswith("/admin/"):
            back = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        return HttpResponseRedirect(back)


class ArchiveAdmin(HistoryAdminMixin, ImportExportModelAdmin):
    """Base of the archive's model pages: history and undo, import/export in CSV (with a BOM),
    XLSX and JSON with formulas neutralised, import errors as sentences, imports recorded as such."""

    formats = FORMATS
    import_error_display = ("message",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widgets = getattr(getattr(formfield, "widget", None), "widgets", None)
        if widgets and len(widgets) == 2 and isinstance(db_field, models.DateTimeField):
            # The admin writes "Ngày:" and "Giờ:" beside the two inputs without tying them to them.
            widgets[0].attrs["aria-label"] = f"{capfirst(db_field.verbose_name)} — {_('ngày')}"
            widgets[1].attrs["aria-label"] = f"{capfirst(db_field.verbose_name)} — {_('giờ')}"
        return formfield

    def process_import(self, request, **kwargs):
        with history.change_reason(ChangeKind.IMPORT, user=request.user):
            return super().process_import(request, **kwargs)


class LabelledInlineMixin:
    """Inline rows in a table have no <label>: every field gets an accessible name that says
    which field of which row it is; titles are edited as a list of plain text fields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "titles_as_written":
            return TitlesField(label=capfirst(db_field.verbose_name))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                row = str(form.instance) if form.instance.pk else _("dòng mới %(n)s") % {"n": (index or 0) + 1}
                for name, field in form.fields.items():
                    if field.widget.is_hidden:
                        continue
                    label = _("Xóa") if name == "DELETE" else field.label
                    widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related-field wrapper
                    widget.attrs["aria-label"] = f"{label} — {row}"

        return LabelledFormSet
