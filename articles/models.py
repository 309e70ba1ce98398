"""The documents and how they got in: outlets, original uploads, articles, mentions."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Meeting, Organization, Person, Status, tracked_history
from people.namelocks import save_with_slug
from people.names import clean_name, fold, name_key
from people.textsearch import BODY_LIMIT, search_document_field

# An article's address is shown to the public as a link: only the web's own schemes.
WEB_SCHEMES = ("http", "https")


class Source(models.Model):
    """An outlet: a newspaper, a portal, a broadcaster."""

    name = models.CharField(_("tên"), max_length=200)
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    site = models.CharField(_("trang web"), max_length=200, blank=True, help_text=_("Ví dụ chinhphu.vn"))
    history = tracked_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("nguồn tin")
        verbose_name_plural = _("nguồn tin")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)
        self.name_key = name_key(self.name)
        save_with_slug(self, self.name, lambda: super(Source, self).save(*args, **kwargs))


class Original(models.Model):
    """An upload exactly as it arrived, byte for byte, so any article can be re-extracted.

    Kept out of the article row so that lists and searches never drag the bytes along.
    """

    class Kind(models.TextChoices):
        FILE = "file", _("Tệp bài")
        WARC_RECORD = "warc_record", _("Bản ghi WARC")

    content = models.BinaryField(editable=False)
    filename = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    sha256 = models.CharField(max_length=64, unique=True)
    # A web-archive record is kept whole (WARC headers, HTTP headers, payload) and re-read from
    # here on re-extraction; its payload digest (WARC-Payload-Digest) finds the same page crawled twice.
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.FILE)
    payload_digest = models.CharField(_("mã băm nội dung (WARC)"), max_length=100, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("tệp gốc")
        verbose_name_plural = _("tệp gốc")
        constraints = [
            models.UniqueConstraint(
                fields=["payload_digest"], condition=~models.Q(payload_digest=""), name="unique_original_payload_digest"
            ),
        ]

    def __str__(self):
        return f"{self.filename} ({self.sha256[:12]})"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search document is as big as the body: only search reads it, in SQL.
        return super().get_queryset().defer("search_vector")


class Article(models.Model):
    # Facts the extractor fills; a staff edit of one locks it (people/locks.py).
    EXTRACTED_FIELDS = ("headline", "published_at", "byline", "body", "source")

    # NULL, not "": "this file has no headline" is a fact the extractor reports.
    headline = models.CharField(_("tiêu đề"), max_length=500, null=True, blank=True)  # noqa: DJ001
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles", verbose_name=_("nguồn tin")
    )
    url = models.URLField(
        _("địa chỉ gốc"),
        max_length=1000,
        blank=True,
        validators=[URLValidator(schemes=WEB_SCHEMES, message=_("Địa chỉ gốc phải bắt đầu bằng http:// hoặc https://."))],
    )
    published_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True, db_index=True)
    byline = models.CharField(_("tác giả"), max_length=300, blank=True)
    body = models.TextField(_("nội dung đã làm sạch"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    original = models.OneToOneField(Original, on_delete=models.PROTECT, related_name="article", verbose_name=_("tệp gốc"))
    body_fingerprint = models.CharField(max_length=64, db_index=True, blank=True, editable=False)
    possible_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("có thể trùng với")
    )
    extractor_version = models.CharField(_("phiên bản trích xuất"), max_length=30, blank=True)
    extraction_warnings = models.JSONField(_("cảnh báo trích xuất"), default=list, blank=True)
    extraction_error = models.TextField(_("lỗi trích xuất"), blank=True)
    edited_fields = models.JSONField(_("trường đã sửa tay"), default=list, blank=True, editable=False)
    removed_names = models.JSONField(_("tên biên tập viên đã bỏ"), default=list, blank=True, editable=False)
    staff_notes = models.TextField(_("ghi chú nội bộ"), blank=True)
    pending_changes = models.PositiveIntegerField(
        _("đề xuất chờ duyệt"), default=0, editable=False,
        help_text=_("Thay đổi mà lần trích xuất lại gần nhất đề xuất cho bài đã duyệt, chưa được áp dụng."),
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, verbose_name=_("người duyệt"),
    )
    meetings = models.ManyToManyField(Meeting, blank=True, related_name="articles", verbose_name=_("cuộc họp"))
    organizations = models.ManyToManyField(Organization, blank=True, related_name="articles", verbose_name=_("tổ chức"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Headline (weight A) and body (B) folded for search (people/textsearch.py); GIN index on
    # PostgreSQL (migration 0002).
    search_vector = search_document_field(F("headline"), F("body"), limits=(None, BODY_LIMIT))

    objects = ArticleManager()
    # A generated column is derived data: history keeps what staff and the extractor wrote.
    history = tracked_history(exclude=["pending_changes", "search_vector"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("bài báo")
        verbose_name_plural = _("bài báo")
        permissions = [("publish_article", _("Có thể công bố bài báo"))]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_published"),
            # The outlet filter of the search: a published outlet's article ids from the index
            # alone (the meetings they report are reached from these ids), instead of a scan of
            # every article's (id, status, source) for the few of one outlet.
            models.Index(fields=["source", "id"], condition=Q(status=Status.PUBLISHED), name="article_published_by_source"),
        ]

    def __str__(self):
        return self.headline or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("article-detail", kwargs={"pk": self.pk})

    @property
    def title_or_placeholder(self):
        return self.headline or _("(không có tiêu đề)")

    @property
    def link(self):
        """The original address when it is safe to show as a link (http or https), else ""."""
        scheme = (self.url or "").split(":", 1)[0].strip().lower()
        return self.url if scheme in WEB_SCHEMES else ""


class Mention(models.Model):
    """An official named in an article, as written, with the sentence that names them."""

    EXTRACTED_FIELDS = ("person", "titles_as_written")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("bài báo"))
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentions",
        verbose_name=_("người"),
        help_text=_("Để trống khi chưa xác định được là ai: biên tập viên sẽ xử lý."),
    )
    name_as_written = models.CharField(_("tên như được viết"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    titles_as_written = models.JSONField(_("chức danh như được viết"), default=list, blank=True)
    evidence = models.TextField(_("câu trích dẫn"), blank=True)
    start = models.PositiveIntegerField(_("vị trí đầu"), null=True, blank=True)
    end = models.PositiveIntegerField(_("vị trí cuối"), null=True, blank=True)
    resolution_note = models.CharField(_("ghi chú xác định"), max_length=300, blank=True)
    edited_fields = models.JSONField(_("trường đã sửa tay"), default=list, blank=True, editable=False)
    history = tracked_history()

    class Meta:
        ordering = ["article", "start", "id"]
        verbose_name = _("lần nhắc tên")
        verbose_name_plural = _("lần nhắc tên")

    def __str__(self):
        return self.name_as_written

    def save(self, *args, **kwargs):
        self.name_as_written = clean_name(self.name_as_written)
        self.name_key = name_key(self.name_as_written)
        super().save(*args, **kwargs)

    @property
    def titles_display(self):
        return ", ".join(self.titles_as_written or [])

    @property
    def search_key(self):
        return fold(self.name_as_written)


class MentionPost(models.Model):
    """A mention whose titles name a post (articles/posts.py writes it): evidence of a tenure when
    no participation speaks for the person in that article (people.selectors.title_mentions).
    people.tenures reads it through ``Post.mention_evidence``, never by import."""

    mention = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="post_evidence", verbose_name=_("lần nhắc tên"))
    post = models.ForeignKey("people.Post", on_delete=models.CASCADE, related_name="mention_evidence", verbose_name=_("chức vụ"))
    title_as_written = models.CharField(_("chức danh như được viết"), max_length=300)

    class Meta:
        verbose_name = _("căn cứ chức vụ trong bài")
        verbose_name_plural = _("căn cứ chức vụ trong bài")
        constraints = [models.UniqueConstraint(fields=["mention", "post"], name="one_evidence_per_post_and_mention")]

    def __str__(self):
        return f"{self.title_as_written} → {self.post_id}"


# --------------------------------------------------------------------------- ingestion batches


class IngestBatch(models.Model):
    """One upload (admin page) or one ``manage.py ingest`` run: its files are ingested in the
    background and its items are the per-file report. See articles/batches.py."""

    class Origin(models.TextChoices):
        ADMIN = "admin", _("Trang tải lên")
        COMMAND = "command", _("Lệnh ingest")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("người tải lên")
    )
    origin = models.CharField(_("nguồn"), max_length=10, choices=Origin.choices, default=Origin.ADMIN)
    source_name = models.CharField(_("nguồn tin"), max_length=200, blank=True)
    published = models.DateField(_("ngày đăng mặc định"), null=True, blank=True)
    planned = models.BooleanField(_("đã liệt kê hết tệp"), default=False)
    # Web-archive records left out, by reason (revisit, redirect, not_html, http_error).
    skipped = models.JSONField(_("bản ghi bỏ qua"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("đợt tải lên")
        verbose_name_plural = _("đợt tải lên")

    def __str__(self):
        return _("Đợt tải lên #%(n)s") % {"n": self.pk}


class IngestUpload(models.Model):
    """A file exactly as uploaded (an article, a zip, a WARC, a WACZ), staged in file storage
    until its batch is done: the workers read it from there."""

    class Kind(models.TextChoices):
        FILE = "file", _("Tệp bài")
        ZIP = "zip", _("Zip")
        WARC = "warc", _("WARC")
        WACZ = "wacz", _("WACZ")

    batch = models.ForeignKey(IngestBatch, on_delete=models.CASCADE, related_name="uploads")
    filename = models.CharField(_("tên tệp"), max_length=1000)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    file = models.FileField(upload_to="ingest/%Y/%m/", max_length=500, blank=True)
    planned = models.BooleanField(default=False)

    class Meta:
        ordering = ["batch", "id"]

    def __str__(self):
        return self.filename


class IngestItem(models.Model):
    """One line of a batch's report: one article file (a file, a zip entry, a WARC record)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        CREATED = "created", _("Đã tạo")
        DUPLICATE = "duplicate", _("Trùng")
        POSSIBLE_DUPLICATE = "possible_duplicate", _("Có thể trùng")
        FAILED = "failed", _("Lỗi")

    batch = models.ForeignKey(IngestBatch, on_delete=models.CASCADE, related_name="items")
    upload = models.ForeignKey(IngestUpload, on_delete=models.CASCADE, related_name="items")
    index = models.PositiveIntegerField()  # order within the upload
    filename = models.CharField(_("tệp"), max_length=1000)
    member = models.CharField(max_length=1000, blank=True)  # zip entry name
    offset = models.BigIntegerField(null=True, blank=True)  # WARC record: where it starts in the file
    length = models.BigIntegerField(null=True, blank=True)  # … and how many bytes it takes there
    status = models.CharField(_("kết quả"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # The message as a gettext msgid and its values, translated when shown (see ingestion.IngestResult).
    reason = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    duplicate_of = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["upload", "index"]
        constraints = [models.UniqueConstraint(fields=["upload", "index"], name="unique_item_per_upload_index")]
        indexes = [models.Index(fields=["batch", "status"], name="ingestitem_batch_status")]

    def __str__(self):
        return self.filename

    @property
    def message(self):
        from articles.ingestion import translated

        return translated(self.reason, self.params)
