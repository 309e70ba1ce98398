"""Who, and what happened: persons, organisations, meetings and who took part in them.

Popolo-inspired. Names are stored as written (NFC); ``name_key`` identifies a name (diacritics
kept) and ``search_key`` serves search (diacritics folded). See people/names.py. Posts, their
evidence and tenures are in people/models/posts.py (imported here).
"""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.namelocks import save_with_slug
from people.names import clean_name, fold, name_key, slug_for
from people.textsearch import search_document_field


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")


class ChangeKind(models.TextChoices):
    """Why a row changed: every history row says which of these it was (people/history.py)."""

    STAFF_EDIT = "staff_edit", _("Biên tập viên sửa")
    REEXTRACTION = "reextraction", _("Trích xuất lại")
    MERGE = "merge", _("Gộp người")
    IMPORT = "import", _("Nhập từ bảng tính")
    PUBLISH = "publish", _("Công bố / thôi công bố")
    INGEST = "ingest", _("Tải lên và trích xuất")
    UNDO = "undo", _("Hoàn tác")


class HistoryFields(models.Model):
    """Added to every history table (django-simple-history): why the change was made, and which
    operation it belongs to (a merge touches many rows; undoing it undoes them all)."""

    history_kind = models.CharField(_("lý do"), max_length=20, choices=ChangeKind.choices, blank=True)
    history_operation = models.CharField(max_length=32, blank=True, db_index=True)

    class Meta:
        abstract = True


def tracked_history(*, exclude=()):
    """The history manager every tracked model declares (``history = tracked_history()``);
    ``exclude``: bookkeeping fields of that model that are not worth a history of their own."""
    return HistoricalRecords(bases=[HistoryFields], excluded_fields=list(exclude))


def unique_slug(model, name, *, exclude_pk=None):
    base = slug_for(name)[:80]
    slug, n = base, 1
    existing = model.objects.all()
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    while existing.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _label(choices, value):
    """The (translated) label of ``value`` in a TextChoices class; the value itself if unknown."""
    try:
        return choices(value).label
    except ValueError:
        return value


class PublicPersonQuerySet(models.QuerySet):
    def public(self):
        """Persons linked to published material: the only ones the public may see.

        The one home of this rule (search, autocomplete, person pages all use it). EXISTS rather
        than a join + DISTINCT; mentions are reached through the reverse relation's model, so
        this app imports nothing from articles.
        """
        participation = self.model._meta.get_field("participations").related_model
        mention = self.model._meta.get_field("mentions").related_model
        return self.filter(
            Exists(participation.objects.filter(person=OuterRef("pk"), meeting__status=Status.PUBLISHED))
            | Exists(mention.objects.filter(person=OuterRef("pk"), article__status=Status.PUBLISHED))
        )


class Person(models.Model):
    full_name = models.CharField(_("họ tên"), max_length=200, help_text=_("Như được viết trong bài (NFC)."))
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    search_key = models.CharField(max_length=200, db_index=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    description = models.CharField(
        _("ghi chú phân biệt"),
        max_length=300,
        blank=True,
        help_text=_("Giúp phân biệt hai người trùng tên, ví dụ chức vụ hoặc địa phương."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    # The folded name's words, indexed (GIN on PostgreSQL): what search matches names against.
    name_words = search_document_field(F("search_key"))

    objects = PublicPersonQuerySet.as_manager()
    history = tracked_history(exclude=["name_words"])

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("người")
        verbose_name_plural = _("người")
        permissions = [("merge_person", _("Có thể gộp hai người"))]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = clean_name(self.full_name)
        self.name_key = name_key(self.full_name)
        self.search_key = fold(self.full_name)
        save_with_slug(self, self.full_name, lambda: super(Person, self).save(*args, **kwargs))

    def get_absolute_url(self):
        return reverse("person-detail", kwargs={"slug": self.slug})


class PersonAlias(models.Model):
    """Another spelling of a person's name ("Sỹ"/"Sĩ", a short form, a maiden name)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên khác"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    search_key = models.CharField(max_length=200, db_index=True, editable=False)
    name_words = search_document_field(F("search_key"))  # as Person.name_words
    history = tracked_history(exclude=["name_words"])

    class Meta:
        verbose_name = _("tên khác")
        verbose_name_plural = _("tên khác")
        constraints = [
            models.UniqueConstraint(fields=["person", "name_key"], name="unique_alias_per_person"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)
        self.name_key = name_key(self.name)
        self.search_key = fold(self.name)
        super().save(*args, **kwargs)


class PersonRedirect(models.Model):
    """The slug of a person merged into another keeps working."""

    old_slug = models.SlugField(_("địa chỉ cũ"), max_length=100, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("người"))
    history = tracked_history()

    class Meta:
        verbose_name = _("chuyển hướng")
        verbose_name_plural = _("chuyển hướng")

    def __str__(self):
        return f"{self.old_slug} → {self.person.slug}"


def save_named(instance, save):
    """Save an organisation or a post: its name cleaned, its keys for lookup and search, a slug."""
    instance.name = clean_name(instance.name)
    instance.name_key = name_key(instance.name)
    instance.search_key = fold(instance.name)
    save_with_slug(instance, instance.name, save)


class Organization(models.Model):
    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
        PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        MINISTRY = "ministry", _("Bộ, ngành")
        FRONT = "front", _("Mặt trận, đoàn thể")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên"), max_length=300)
    name_key = models.CharField(max_length=300, unique=True, editable=False)
    search_key = models.CharField(max_length=300, db_index=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("trực thuộc")
    )
    history = tracked_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        save_named(self, lambda: super(Organization, self).save(*args, **kwargs))

    def get_absolute_url(self):
        return reverse("organization-detail", kwargs={"slug": self.slug})


class OrganizationRedirect(models.Model):
    """The slug of an organisation renamed or merged into another keeps working."""

    old_slug = models.SlugField(_("địa chỉ cũ"), max_length=100, unique=True)
    # The old name's key: an article that still spells it so is linked to the organisation it became.
    old_name_key = models.CharField(max_length=300, db_index=True, blank=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("tổ chức")
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("chuyển hướng tổ chức")
        verbose_name_plural = _("chuyển hướng tổ chức")

    def __str__(self):
        return f"{self.old_slug} → {self.organization.slug}"


class Meeting(models.Model):
    # Facts the extractor fills; a staff edit of one locks it (people/locks.py).
    EXTRACTED_FIELDS = ("kind", "kind_text", "date", "date_text", "title", "organizer")

    class DateBasis(models.TextChoices):
        STATED = "stated", _("ghi trong bài")
        STAMP = "stamp", _("năm lấy từ dấu thời gian đăng bài")
        INFERRED = "inferred", _("năm suy ra từ ngữ cảnh")
        STAFF = "staff", _("biên tập viên nhập")

    class Kind(models.TextChoices):
        CONFERENCE = "hoi-nghi", _("Hội nghị")
        WORKING_SESSION = "buoi-lam-viec", _("Buổi làm việc")
        SESSION = "ky-hop", _("Kỳ họp")
        CONGRESS = "dai-hoi", _("Đại hội")
        SEMINAR = "hoi-thao", _("Hội thảo")
        SITTING = "phien-hop", _("Phiên họp")
        CEREMONY = "le", _("Lễ")
        RECEPTION = "tiep", _("Buổi tiếp")
        INSPECTION = "kiem-tra", _("Kiểm tra, khảo sát")
        REPORT = "bao-cao", _("Báo cáo")
        OTHER = "khac", _("Khác")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    kind_text = models.CharField(_("loại như được viết"), max_length=100, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True, db_index=True)
    date_text = models.CharField(
        _("ngày như được viết"), max_length=50, blank=True, help_text=_("Ví dụ “22/4” khi bài không cho biết năm.")
    )
    date_basis = models.CharField(_("cách xác định ngày"), max_length=10, choices=DateBasis.choices, blank=True)
    date_evidence = models.CharField(
        _("căn cứ xác định ngày"), max_length=300, blank=True, help_text=_("Những chữ trong bài cho biết ngày (hoặc năm).")
    )
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    organizer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings", verbose_name=_("cơ quan tổ chức")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    edited_fields = models.JSONField(_("trường đã sửa tay"), default=list, blank=True, editable=False)
    # name_key of each participant staff removed: a re-extraction never adds them back.
    removed_names = models.JSONField(_("người biên tập viên đã bỏ"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # The title's folded words (people/textsearch.py); GIN index on PostgreSQL (articles/0004).
    search_vector = search_document_field(F("title"))
    history = tracked_history(exclude=["search_vector"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        permissions = [("publish_meeting", _("Có thể công bố cuộc họp"))]
        indexes = [models.Index(fields=["status", "date"], name="meeting_status_date")]

    def __str__(self):
        when = self.date.strftime("%d/%m/%Y") if self.date else (self.date_text or "?")
        return f"{self.get_kind_display()} {when}: {self.title}"[:200]

    def get_absolute_url(self):
        return reverse("meeting-detail", kwargs={"pk": self.pk})

    def get_kind_display(self):
        # Django's own rebuilds a dict of every choice on each call: a third of the time of a
        # person page listing 300 meetings.
        return _label(self.Kind, self.kind)

    @classmethod
    def kind_from_text(cls, text):
        """Map the extractor's Vietnamese noun phrase ("hội nghị trực tuyến") to a kind."""
        key = fold(text or "")
        for prefix, kind in (
            ("hoi nghi", cls.Kind.CONFERENCE),
            ("buoi lam viec", cls.Kind.WORKING_SESSION),
            ("lam viec", cls.Kind.WORKING_SESSION),
            ("ky hop", cls.Kind.SESSION),
            ("dai hoi", cls.Kind.CONGRESS),
            ("hoi thao", cls.Kind.SEMINAR),
            ("toa dam", cls.Kind.SEMINAR),
            ("phien hop", cls.Kind.SITTING),
            ("cuoc hop", cls.Kind.SITTING),
            ("le ", cls.Kind.CEREMONY),
            ("tiep", cls.Kind.RECEPTION),
            ("buoi tiep", cls.Kind.RECEPTION),
            ("kiem tra", cls.Kind.INSPECTION),
            ("khao sat", cls.Kind.INSPECTION),
            ("giam sat", cls.Kind.INSPECTION),
            ("bao cao", cls.Kind.REPORT),
        ):
            if key == prefix.strip() or key.startswith(prefix):
                return kind
        return cls.Kind.OTHER


class Role(models.TextChoices):
    CHAIR = "chair", _("Chủ trì")
    CO_CHAIR = "co_chair", _("Đồng chủ trì")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Trưởng đoàn")
    ATTENDEE = "attendee", _("Tham dự")
    SPEAKER = "speaker", _("Phát biểu")


CHAIR_ROLES = (Role.CHAIR, Role.CO_CHAIR)
# One participation per person and meeting: when a text gives someone two roles, the first of
# these is kept ("chủ trì và phát biểu" is a chair).
ROLE_PRECEDENCE = (Role.CHAIR, Role.CO_CHAIR, Role.HEAD_OF_DELEGATION, Role.SPEAKER, Role.ATTENDEE)


def stronger_role(a, b):
    return min(a, b, key=lambda role: ROLE_PRECEDENCE.index(role) if role in ROLE_PRECEDENCE else len(ROLE_PRECEDENCE))


class Participation(models.Model):
    EXTRACTED_FIELDS = ("person", "role", "name_as_written", "titles_as_written", "evidence")

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", _("Trích xuất tự động")
        STAFF = "staff", _("Biên tập viên")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations", verbose_name=_("cuộc họp"))
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("người"),
        help_text=_("Để trống khi chưa xác định được là ai."),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    name_as_written = models.CharField(_("tên như được viết"), max_length=200)
    titles_as_written = models.JSONField(_("chức danh như được viết"), default=list, blank=True)
    evidence = models.TextField(_("câu trích dẫn"), blank=True)
    origin = models.CharField(_("nguồn"), max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    resolution_note = models.CharField(
        _("ghi chú xác định"), max_length=300, blank=True, help_text=_("Vì sao chưa xác định được là ai.")
    )
    edited_fields = models.JSONField(_("trường đã sửa tay"), default=list, blank=True, editable=False)
    history = tracked_history()

    class Meta:
        ordering = ["meeting", "role", "id"]
        verbose_name = _("tham gia")
        verbose_name_plural = _("tham gia")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="participation_role_in_vocabulary"),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="one_participation_per_person_and_meeting",
                violation_error_message=_("Người này đã có trong thành phần cuộc họp."),
            ),
        ]
        indexes = [models.Index(fields=["person", "role"], name="participation_person_role")]

    def __str__(self):
        return f"{self.name_as_written} — {self.get_role_display()}"

    def save(self, *args, **kwargs):
        self.name_as_written = clean_name(self.name_as_written)
        super().save(*args, **kwargs)

    def get_role_display(self):
        return _label(Role, self.role)  # see Meeting.get_kind_display

    @property
    def titles_display(self):
        return ", ".join(self.titles_as_written or [])


class PersonActivity(models.Model):
    """Published meetings a person chaired and attended, per month: the person page's totals and
    chart read these few rows instead of counting every participation (76,000 for the busiest
    official of the 200k benchmark archive).

    Derived data: people.services.refresh_activity recounts a person after every write that can
    change it (people/signals.py for single rows, the services for bulk status changes and
    merges); ``manage.py refresh_activity`` rebuilds it all.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="activity")
    month = models.DateField(null=True)  # first day of the month; NULL: meetings without a date
    chaired = models.PositiveIntegerField(default=0)  # participations as chair or co-chair
    attended = models.PositiveIntegerField(default=0)  # participations in any other role

    class Meta:
        indexes = [models.Index(fields=["person", "month"], name="activity_person_month")]

    def __str__(self):
        return f"{self.person_id} {self.month}: {self.chaired}/{self.attended}"


# Posts and tenures live in their own module (defined after the models they point to).
from people.models.posts import Post, PostEvidence, Tenure  # noqa: E402, F401 (re-exported)
