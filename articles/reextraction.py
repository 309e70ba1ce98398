"""Re-extraction: run the current extractor again on an article's original upload.

It proposes, it never overrides. Every difference between what the extractor finds now and
what is stored becomes a :class:`Proposal`:

- **added**: a fact not stored yet (a participant, a mention, a meeting, an organisation);
- **changed** / **removed**: an extracted fact the extractor now reads differently or no
  longer finds;
- **kept because locked**: a change to a fact staff touched (people/locks.py), or a
  participant staff removed;
- **pending**: any change to an article staff already approved (published or marked
  reviewed): the public sees what staff approved, so nothing moves until staff accept it.

``reextract(article=..., accept=None)`` applies every proposal that is neither locked nor
pending (so a draft follows the new extractor where nobody corrected it, and a published article
stays as it is, its proposals counted in ``Article.pending_changes`` for staff);
``accept={keys}`` applies exactly those (staff's choice on the diff screen: all, some or none);
``dry_run=True`` computes the same proposals and writes nothing (the preview). A person is at a
meeting once: a re-extraction matches participants by person, then by name, and never adds a
second participation for the same person and meeting.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import extraction as engine
from articles import facts, ingestion
from articles.models import Article, Mention
from people import history
from people.history import show
from people.locks import is_locked, locked_fields, staff_made
from people.models import ChangeKind, Meeting, Participation, Role, Status
from people.names import clean_name, name_key
from people.organizations import organization_named
from people.services import activity_recount

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass
class Proposal:
    key: str  # stable between a preview and the run that applies it
    action: str  # ADDED | CHANGED | REMOVED
    what: str  # "Tiêu đề", "Nguyễn Văn A — vai trò (cuộc họp #5)"
    before: str = ""
    after: str = ""
    locked: bool = False
    pending: bool = False
    applied: bool = False


@dataclass
class Report:
    article: Article
    proposals: list[Proposal] = field(default_factory=list)
    error: str = ""
    dry_run: bool = False

    def _where(self, *, applied, locked=None, pending=None, action=None):
        return [
            p for p in self.proposals
            if p.applied == applied and (locked is None or p.locked == locked) and (pending is None or p.pending == pending)
            and (action is None or p.action == action)
        ]

    @property
    def added(self):
        return self._where(applied=True, action=ADDED)

    @property
    def changed(self):
        return [p for p in self.proposals if p.applied and p.action in (CHANGED, REMOVED)]

    @property
    def kept(self):
        """Proposals on locked facts that were not applied: staff's value stays."""
        return self._where(applied=False, locked=True)

    @property
    def pending(self):
        """Proposals for an approved article, waiting for staff."""
        return self._where(applied=False, locked=False, pending=True)

    @property
    def declined(self):
        """Proposals staff chose not to apply."""
        return self._where(applied=False, locked=False, pending=False)

    def __str__(self):
        parts = [_("Bài #%(id)s") % {"id": self.article.pk}]
        if self.error:
            parts.append(_("trích xuất lỗi: %(error)s") % {"error": self.error})
        for label, items in (
            (_("thêm"), self.added),
            (_("thay đổi"), self.changed),
            (_("giữ bản sửa tay"), self.kept),
            (_("chờ duyệt (bài đã được duyệt)"), self.pending),
            (_("không áp dụng"), self.declined),
        ):
            if items:
                parts.append(f"{label}: " + "; ".join(_line(p) for p in items))
        if not self.error and not self.proposals:
            parts.append(_("không có gì thay đổi"))
        return " — ".join(parts)


def _line(p):
    if p.action == ADDED:
        return f"{p.what}: {p.after}"
    if p.action == REMOVED:
        return f"{p.what} ({_('bỏ')})"
    return f"{p.what}: {p.before} → {p.after}"


class _Run:
    """One re-extraction of one article: decides each proposal and applies the accepted ones."""

    def __init__(self, article, accept):
        self.article = article
        self.accept = accept
        self.report = Report(article=article)
        self.headline = article.headline
        # Staff approved what the public sees: every change waits for them.
        self.approved = article.status == Status.PUBLISHED or article.reviewed_at is not None
        self.follow_text = False  # set once the stored body is the text just extracted

    def propose(self, key, action, what, *, before=None, after=None, locked=False, apply=None):
        pending = self.approved and not locked
        accepted = (not locked and not pending) if self.accept is None else key in self.accept
        proposal = Proposal(
            key, action, str(what),
            before=show(before) if action == CHANGED else "",
            after=show(after) if action != REMOVED else "",
            locked=locked,
            pending=pending,
        )
        if accepted and apply is not None:
            proposal.applied = apply() is not False
        self.report.proposals.append(proposal)
        return proposal.applied

    # --- article -------------------------------------------------------------------------------

    def article_fields(self, extraction):
        article = self.article
        fields = facts.article_fields(extraction, source_name=None, published=None)
        # The outlet chosen at upload time (or by staff) stays; the date falls back to the one stored.
        fields["source"] = article.source or fields["source"]
        fields["published_at"] = fields["published_at"] or article.published_at
        self.headline = fields["headline"]  # meetings are titled after the extracted headline
        for name in Article.EXTRACTED_FIELDS:
            new, old = fields[name], getattr(article, name)
            if new == old:
                continue

            def apply(name=name, new=new):
                setattr(article, name, new)
                if name == "body":
                    article.body_fingerprint = fields["body_fingerprint"]

            label = Article._meta.get_field(name).verbose_name
            shown = (show(old), show(new)) if name != "body" else (_("(văn bản cũ)"), _("(văn bản mới)"))
            self.propose(f"article.{name}", CHANGED, label, before=shown[0], after=shown[1],
                         locked=is_locked(article, name), apply=apply)
        # Bookkeeping, always refreshed; the history row of this save says it was a re-extraction.
        article.extractor_version = engine.EXTRACTOR_VERSION
        article.extraction_error = ""
        article.extraction_warnings = list(fields["extraction_warnings"])
        # Where names sit in the text, and evidence sentences, follow the text only while the
        # stored text is the one just extracted and nobody approved the article yet.
        self.follow_text = article.body == fields["body"] and not self.approved

    # --- mentions ------------------------------------------------------------------------------

    def mentions(self, extraction, resolver):
        article = self.article
        stored = {}
        for mention in article.mentions.order_by("pk"):
            stored.setdefault(mention.name_key, []).append(mention)
        found = {}
        for official in extraction.officials:
            found.setdefault(name_key(official.name), []).append(official)
        for key, officials in found.items():
            existing = stored.get(key, [])
            for index, official in enumerate(officials):
                if index < len(existing):
                    self.update_mention(existing[index], official, resolver)
                    continue

                def add(official=official, key=key):
                    res = resolver(official.name, official.titles)
                    Mention.objects.create(
                        article=article, person=res.person, name_as_written=official.name[:200],
                        titles_as_written=list(official.titles or []), evidence=official.sentence or "",
                        start=official.start, end=official.end, resolution_note=res.note,
                    )
                    if key in (article.removed_names or []):  # staff accepted it back
                        article.removed_names = [k for k in article.removed_names if k != key]
                        article.save(update_fields=["removed_names", "updated_at"])

                removed = key in (article.removed_names or [])  # staff removed this name from the article
                self.propose(f"mention.add.{key}.{index}", ADDED, _("Nhắc tên"), after=clean_name(official.name),
                             locked=removed, apply=add)
        for key, mentions in stored.items():
            for mention in mentions[len(found.get(key, [])):]:
                self.propose(
                    f"mention.{mention.pk}.remove", REMOVED, _("Nhắc tên %(name)s") % {"name": mention.name_as_written},
                    locked=bool(locked_fields(mention)), apply=mention.delete,
                )

    def update_mention(self, mention, official, resolver):
        titles = list(official.titles or [])
        what = _("%(name)s — chức danh khi nhắc tên") % {"name": mention.name_as_written}
        if titles != list(mention.titles_as_written or []):
            def set_titles():
                mention.titles_as_written = titles

            self.propose(f"mention.{mention.pk}.titles", CHANGED, what, before=mention.titles_as_written, after=titles,
                         locked=is_locked(mention, "titles_as_written"), apply=set_titles)
        if mention.person_id is None and not is_locked(mention, "person"):
            res = resolver(official.name, official.titles)
            if res.person is not None:
                def link():
                    mention.person, mention.resolution_note = res.person, ""

                self.propose(f"mention.{mention.pk}.person", CHANGED, _("%(name)s — là ai") % {"name": mention.name_as_written},
                             before=None, after=res.person.full_name, apply=link)
        if self.follow_text:
            mention.evidence, mention.start, mention.end = official.sentence or "", official.start, official.end
        save_changes(mention)

    # --- meetings ------------------------------------------------------------------------------

    def meetings(self, extraction, resolver):
        article = self.article
        meetings = list(article.meetings.order_by("pk"))
        for index, event in enumerate(extraction.events):
            if index < len(meetings):
                self.update_meeting(meetings[index], event, resolver)
                continue

            def add(event=event):
                meeting = Meeting.objects.create(
                    organizer=facts.organizer_for(event, list(article.organizations.all())),
                    **facts.meeting_fields(event, self.headline),
                )
                facts.store_participations(meeting, event, resolver)
                article.meetings.add(meeting)

            names = ", ".join(clean_name(p.name) for p in event.participants)
            self.propose(f"meeting.new.{index}", ADDED, _("Cuộc họp"), after=f"{event.kind or ''} {event.date_text or ''}: {names}".strip(), apply=add)
        for meeting in meetings[len(extraction.events):]:
            if meeting.articles.count() > 1:
                continue  # another article reports it too

            self.propose(f"meeting.{meeting.pk}.remove", REMOVED, _("Cuộc họp #%(id)s") % {"id": meeting.pk},
                         locked=staff_made(meeting), apply=meeting.delete)

    def update_meeting(self, meeting, event, resolver):
        new = facts.meeting_fields(event, self.headline)
        locked = locked_fields(meeting)
        groups = {
            "kind": (("kind", "kind_text"), _("loại")),
            "date": (("date", "date_text", "date_basis", "date_evidence"), _("ngày")),
            "title": (("title",), _("tiêu đề")),
        }
        for group, (names, label) in groups.items():
            if all(getattr(meeting, n) == new[n] for n in names):
                continue

            def apply(names=names):
                for n in names:
                    setattr(meeting, n, new[n])

            shown = names[0] if group != "kind" else "kind_text"
            self.propose(
                f"meeting.{meeting.pk}.{group}", CHANGED, _("Cuộc họp #%(id)s — %(field)s") % {"id": meeting.pk, "field": label},
                before=getattr(meeting, shown) if group != "kind" else (meeting.kind_text or meeting.get_kind_display()),
                after=new[shown] if group != "kind" else (new["kind_text"] or new["kind"]),
                locked=bool(set(names) & locked), apply=apply,
            )
        organizer = facts.organizer_for(event, list(self.article.organizations.all()))
        if organizer is not None and meeting.organizer_id != organizer.pk:
            self.propose(
                f"meeting.{meeting.pk}.organizer", CHANGED,
                _("Cuộc họp #%(id)s — %(field)s") % {"id": meeting.pk, "field": _("cơ quan tổ chức")},
                before=str(meeting.organizer or ""), after=organizer.name, locked="organizer" in locked,
                apply=lambda: setattr(meeting, "organizer", organizer),
            )
        save_changes(meeting)
        self.participants(meeting, event, resolver)

    def participants(self, meeting, event, resolver):
        stored = list(meeting.participations.select_related("person").order_by("pk"))
        by_person = {p.person_id: p for p in stored if p.person_id}
        by_name = {}
        for p in stored:
            by_name.setdefault(name_key(p.name_as_written), p)
        matched = set()
        for found in facts.participants_of(event, resolver):
            match = by_person.get(found.person.pk) if found.person else None
            candidate = by_name.get(name_key(found.name))
            if match is None and candidate is not None and candidate.pk not in matched:
                match = candidate
            if match is None or match.pk in matched:
                self.add_participant(meeting, found)
                continue
            matched.add(match.pk)
            self.update_participant(meeting, match, found)
        for p in stored:
            if p.pk in matched or p.origin == Participation.Origin.STAFF:
                continue  # staff added it: the extractor never claimed it
            self.propose(
                f"participation.{p.pk}.remove", REMOVED,
                _("%(name)s (cuộc họp #%(id)s)") % {"name": p.name_as_written, "id": meeting.pk},
                locked=bool(locked_fields(p)), apply=p.delete,
            )

    def add_participant(self, meeting, found):
        key = name_key(found.name)
        if found.person is not None and meeting.participations.filter(person=found.person).exists():
            return  # there under another spelling: never a second participation for one person at one meeting

        def add():
            facts.create_participation(meeting, found)
            if key in meeting.removed_names:
                meeting.removed_names = [k for k in meeting.removed_names if k != key]
                meeting.save(update_fields=["removed_names", "updated_at"])

        label = _("%(name)s (cuộc họp #%(id)s)") % {"name": clean_name(found.name), "id": meeting.pk}
        after = Role(found.role).label if found.role in Role.values else found.role
        if found.titles:
            after = f"{after}, {'; '.join(found.titles)}"
        removed = key in (meeting.removed_names or [])  # staff said this person was not there
        self.propose(f"meeting.{meeting.pk}.add.{key}", ADDED, label, after=after, locked=removed, apply=add)

    def update_participant(self, meeting, p, found):
        what = p.name_as_written
        checks = [
            ("role", found.role, _("vai trò"), lambda v: Role(v).label if v in Role.values else v),
            ("titles_as_written", list(found.titles), _("chức danh"), lambda v: v),
        ]
        if found.person is not None and p.person_id != found.person.pk:
            checks.append(("person", found.person, _("là ai"), lambda v: v.full_name if v else None))
        for name, value, label, shown in checks:
            current = getattr(p, name)
            if current == value or (name == "titles_as_written" and list(current or []) == value):
                continue

            def apply(name=name, value=value):
                if name == "person" and meeting.participations.filter(person=value).exclude(pk=p.pk).exists():
                    return False
                setattr(p, name, value)

            self.propose(
                f"participation.{p.pk}.{name}", CHANGED,
                _("%(name)s — %(field)s (cuộc họp #%(id)s)") % {"name": what, "field": label, "id": meeting.pk},
                before=shown(current), after=shown(value), locked=is_locked(p, name), apply=apply,
            )
        if self.follow_text and not is_locked(p, "evidence"):
            p.evidence = found.evidence
        save_changes(p)

    # --- organisations -------------------------------------------------------------------------

    def organizations(self, extraction):
        linked = set(self.article.organizations.values_list("name_key", flat=True))
        for mention in extraction.organizations:
            if not mention.resolved:
                continue  # see facts.store_organizations
            key = name_key(clean_name(mention.name)[:300])
            if not key or key in linked:
                continue
            linked.add(key)
            became = organization_named(mention.name)  # renamed or merged by staff
            if became is not None and became.name_key in linked:
                continue

            def add(mention=mention):
                org = facts.organization_for(mention)
                if org is not None:
                    self.article.organizations.add(org)

            self.propose(f"organization.add.{key}", ADDED, _("Tổ chức"), after=clean_name(mention.name), apply=add)


def save_changes(obj):
    """Save ``obj`` only if a field differs from the database (no empty history rows)."""
    stored = type(obj)._base_manager.filter(pk=obj.pk).values().first() or {}
    changed = [
        f.name for f in obj._meta.concrete_fields
        if f.attname in stored and f.name != "updated_at" and stored[f.attname] != getattr(obj, f.attname)
    ]
    if changed:
        obj.save()
    return changed


class _DryRun(Exception):
    pass


def reextract(*, article, accept=None, dry_run=False):
    """Re-run the extractor on ``article``'s original; see the module docstring. Returns a Report."""
    try:
        with transaction.atomic():
            report = _reextract(article, accept)
            report.dry_run = dry_run
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


@activity_recount()
def _reextract(article, accept):
    article = Article.objects.select_for_update(of=("self",)).select_related("original", "source").get(pk=article.pk)
    run = _Run(article, set(accept) if accept is not None else None)
    original = article.original
    published = timezone.localdate(article.published_at) if article.published_at else None
    note = _("phiên bản %(version)s") % {"version": engine.EXTRACTOR_VERSION}
    with history.change_reason(ChangeKind.REEXTRACTION, note=note):
        try:
            data, filename = ingestion.extraction_input(original)  # a web-archive record: its page
            extraction = engine.extract_upload(data, filename=filename, published=published)
        except Exception as exc:  # an extractor bug must not lose the article: it is reported
            run.report.error = f"{type(exc).__name__}: {exc}"[:2000]
            article.extraction_error = run.report.error
            article.extractor_version = engine.EXTRACTOR_VERSION
            article.save(update_fields=["extraction_error", "extractor_version", "updated_at"])
            return run.report
        run.article_fields(extraction)
        article.save()
        # A name staff (or an earlier resolution) linked to a person stays linked.
        previous = {m.name_key: m.person for m in article.mentions.select_related("person") if m.person_id}
        resolver = facts.Resolver(when=published, previous=previous)
        run.mentions(extraction, resolver)
        run.organizations(extraction)
        run.meetings(extraction, resolver)
        # An approved article's proposals wait for staff (the article list filters on this count);
        # a decision on the diff screen settles them all.
        pending = 0 if accept is not None else len(run.report.pending)
        if article.pending_changes != pending:  # bookkeeping: no history row of its own
            Article.objects.filter(pk=article.pk).update(pending_changes=pending)
    return run.report
