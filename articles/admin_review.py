"""The review screen (one draft article: its text beside its facts) and the re-extraction diff.

Plain HTML forms, so everything works with the keyboard and without script: every name in the
text is a button that adds that person to the meeting; roles are selects; titles are a list of
text fields; each participant has a remove button. One POST saves every field that changed
(only those: two people reviewing at once do not undo each other) and then does the button's
action. The writes are services (people/review.py, articles/services.py), which lock what staff
touch and record it in the history.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import reextraction, selectors, services
from articles.models import Article, Mention
from people import history
from people import review as people_review
from people.forms import TitlesField
from people.models import ChangeKind, Meeting, Participation, Role, Status
from people.names import name_key


class OnlyWhatYouChanged:
    """Each field posts the value the reviewer saw too (Django's hidden initial), so a save writes
    only what this reviewer changed, never back what another reviewer saved meanwhile."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True


class MeetingForm(OnlyWhatYouChanged, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ("kind", "date", "title", "organizer")
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = {o.pk: o for o in organizations}
        if self.instance.organizer_id:
            choices[self.instance.organizer_id] = self.instance.organizer
        self.fields["organizer"].queryset = self.fields["organizer"].queryset.filter(pk__in=list(choices))
        self.fields["title"].widget.attrs["class"] = "vTextField"


class ParticipationForm(OnlyWhatYouChanged, forms.ModelForm):
    titles_as_written = TitlesField(label=gettext_lazy("chức danh như được viết"))

    class Meta:
        model = Participation
        fields = ("role", "titles_as_written")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        who = self.instance.name_as_written
        self.fields["role"].widget.attrs["aria-label"] = _("Vai trò của %(name)s") % {"name": who}
        self.fields["titles_as_written"].widget.attrs["aria-label"] = _("Chức danh của %(name)s") % {"name": who}


class AddForm(forms.Form):
    """Where a clicked name goes, and in which role."""

    meeting = forms.TypedChoiceField(label=gettext_lazy("Thêm vào cuộc họp"), coerce=int, required=False)
    role = forms.ChoiceField(label=gettext_lazy("với vai trò"), choices=Role.choices, initial=Role.ATTENDEE)
    name = forms.CharField(label=gettext_lazy("Tên khác (không có trong danh sách)"), max_length=200, required=False)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [(m.pk, _("Cuộc họp #%(id)s: %(title)s") % {"id": m.pk, "title": m}) for m in meetings]
        if meetings:
            self.fields["meeting"].initial = meetings[0].pk


def _forms(article, meetings, data=None):
    organizations = list(article.organizations.all())
    meeting_forms = {m.pk: MeetingForm(data, instance=m, prefix=f"m{m.pk}", organizations=organizations) for m in meetings}
    participation_forms = {
        p.pk: ParticipationForm(data, instance=p, prefix=f"p{p.pk}")
        for m in meetings
        for p in m.review_participations
    }
    return meeting_forms, participation_forms, AddForm(data, meetings=meetings, prefix="add")


def _meetings(article):
    meetings = list(article.meetings.select_related("organizer").order_by("pk"))
    for meeting in meetings:
        meeting.review_participations = list(
            meeting.participations.select_related("person").order_by("role", "pk")
        )
    return meetings


def review_view(model_admin, request, pk):
    article = get_object_or_404(Article.objects.select_related("source", "original").defer("original__content"), pk=pk)
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    meetings = _meetings(article)
    if request.method == "POST":
        meeting_forms, participation_forms, add_form = _forms(article, meetings, request.POST)
        valid = all(f.is_valid() for f in [*meeting_forms.values(), *participation_forms.values(), add_form])
        if valid:
            try:
                focus = _save(model_admin, request, article, meeting_forms, participation_forms, add_form)
            except ValidationError as exc:
                model_admin.message_user(request, " ".join(exc.messages), messages.ERROR)
                focus = ""
            url = reverse("admin:articles_article_review", args=[article.pk])
            return HttpResponseRedirect(url + (f"?focus={focus}#{focus}" if focus else ""))
        model_admin.message_user(request, _("Chưa lưu: hãy sửa các ô được đánh dấu."), messages.ERROR)
    else:
        meeting_forms, participation_forms, add_form = _forms(article, meetings)
    return TemplateResponse(
        request, "admin/articles/article/review.html",
        _context(model_admin, request, article, meetings, meeting_forms, participation_forms, add_form),
    )


def _context(model_admin, request, article, meetings, meeting_forms, participation_forms, add_form):
    mentions = list(article.mentions.select_related("person").order_by("start", "pk"))
    present = {
        (p.person_id or name_key(p.name_as_written)) for m in meetings for p in m.review_participations
    }
    # Names the extractor saw but gave no role: offered first (saying which ones staff removed).
    removed = {key for m in meetings for key in m.removed_names or []}
    offered, seen = [], set()
    for mention in mentions:
        who = mention.person_id or mention.name_key
        if who not in present and who not in seen:
            seen.add(who)
            mention.was_removed = mention.name_key in removed
            offered.append(mention)
    focus = request.GET.get("focus", "")
    for meeting in meetings:
        meeting.form = meeting_forms[meeting.pk]
        for p in meeting.review_participations:
            p.form = participation_forms[p.pk]
            if focus == p.form["role"].auto_id:  # the participant just added: choose their role next
                p.form.fields["role"].widget.attrs["autofocus"] = True
    body = article.body or ""
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Duyệt bài: %(headline)s") % {"headline": article.title_or_placeholder},
        "article": article,
        "object": article,
        "meetings": meetings,
        "add_form": add_form,
        "offered": offered,
        "segments": selectors.highlight_segments(body=body, mentions=mentions, pick=lambda m: m),
        "can_publish": model_admin.has_publish_permission(request),
        "is_published": article.status == Status.PUBLISHED,
        "entries": _recent_history(article, meetings),
        "can_undo": True,
        "merge_kind": ChangeKind.MERGE,
        "next": request.get_full_path(),
        "media": model_admin.media,
    }


def _recent_history(article, meetings, limit=15):
    rows = history.entries(article, limit=limit)
    for meeting in meetings:
        rows += history.entries(meeting, limit=limit)
    rows.sort(key=lambda e: (e.record.history_date, e.record.history_id), reverse=True)
    return rows[:limit]


@transaction.atomic
def _save(model_admin, request, article, meeting_forms, participation_forms, add_form):
    """Every changed field, then the button's action. Returns the element to focus next."""
    with history.change_reason(ChangeKind.STAFF_EDIT, user=request.user):
        for form in [*meeting_forms.values(), *participation_forms.values()]:
            if form.has_changed():
                # The row as stored now (a form's instance already holds the posted values; another
                # reviewer may have saved other fields since), with only this form's changes.
                stored = type(form.instance).objects.select_for_update().filter(pk=form.instance.pk).first()
                if stored is not None:
                    people_review.edit_facts(obj=stored, changes={n: form.cleaned_data[n] for n in form.changed_data})
        focus = ""
        if request.POST.get("add_mention") or request.POST.get("action") == "add":
            try:
                with transaction.atomic():  # a refused addition keeps the other edits of this POST
                    focus = _add(request, article, add_form)
            except ValidationError as exc:
                model_admin.message_user(request, " ".join(exc.messages), messages.ERROR)
        elif request.POST.get("remove"):
            participation = get_object_or_404(Participation, pk=request.POST["remove"], meeting__articles=article)
            people_review.remove_participant(participation=participation)
            model_admin.message_user(request, _("Đã bỏ %(name)s khỏi cuộc họp.") % {"name": participation.name_as_written})
        elif request.POST.get("action") == "reviewed":
            services.mark_reviewed(article=article, user=request.user)
            model_admin.message_user(request, _("Đã đánh dấu bài là đã duyệt."), messages.SUCCESS)
        else:
            model_admin.message_user(request, _("Đã lưu."), messages.SUCCESS)
    if request.POST.get("action") == "publish":
        if not model_admin.has_publish_permission(request):
            raise PermissionDenied
        services.publish_articles(articles=[article])
        model_admin.message_user(request, _("Đã công bố bài và các cuộc họp của bài."), messages.SUCCESS)
    return focus


def _add(request, article, add_form):
    meeting = Meeting.objects.filter(pk=add_form.cleaned_data["meeting"] or None, articles=article).first()
    if meeting is None:
        raise ValidationError(_("Hãy chọn cuộc họp để thêm người vào."), code="required")
    role = add_form.cleaned_data["role"]
    if request.POST.get("add_mention"):
        mention = get_object_or_404(Mention, pk=request.POST["add_mention"], article=article)
        participation = people_review.add_participant(
            meeting=meeting, name=mention.name_as_written, person=mention.person, role=role,
            titles=mention.titles_as_written, evidence=mention.evidence,
        )
    else:
        participation = people_review.add_participant(meeting=meeting, name=add_form.cleaned_data["name"], role=role)
    messages.success(request, _("Đã thêm %(name)s.") % {"name": participation.name_as_written})
    return f"id_p{participation.pk}-role"


# --- Re-extraction: the diff, before or after applying ------------------------------------------


def reextract_view(model_admin, request, pk):
    article = get_object_or_404(Article, pk=pk)
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    if request.method == "GET":
        report = reextraction.reextract(article=article, dry_run=True)
        title = _("Trích xuất lại: xem trước")
    elif request.method == "POST" and request.POST.get("decided"):
        if request.POST.get("all"):
            accept = {p.key for p in reextraction.reextract(article=article, dry_run=True).proposals}
        else:
            accept = set(request.POST.getlist("accept"))
        report = reextraction.reextract(article=article, accept=accept)
        title = _("Trích xuất lại: đã áp dụng")
    elif request.method == "POST":
        # The change list's action and old buttons: everything that is not locked.
        report = reextraction.reextract(article=article)
        level = messages.WARNING if report.error else messages.SUCCESS
        model_admin.message_user(request, str(report), level)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "article": article,
        "original": article,
        "report": report,
    }
    return TemplateResponse(request, "admin/articles/article/reextract.html", context)
