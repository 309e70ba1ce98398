"""Posts and tenures: who held which post, when, as the published news evidence it (issue 15).

A Post is a position in an organisation ("Bí thư Thành ủy Hà Nội"), parsed from titles as written
by articles/extraction/posts.py (people never parses: the articles side hands the posts to
people.tenures). A PostEvidence row says "this participation's titles name this post". A Tenure
(person, post) is derived from the evidence of PUBLISHED meetings, recounted wherever
PersonActivity is recounted (people.tenures.recount_tenures); its staff fields are locked.
Defined here, imported by people.models: ``from people.models import Post`` as for every model.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Meeting, Organization, Participation, Person, save_named


class Post(models.Model):
    name = models.CharField(_("chức vụ"), max_length=300)
    name_key = models.CharField(max_length=300, unique=True, editable=False)
    search_key = models.CharField(max_length=300, db_index=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    role = models.CharField(_("chức danh"), max_length=100)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="posts", verbose_name=_("tổ chức")
    )
    single_holder = models.BooleanField(
        _("chỉ một người giữ"), default=False, help_text=_("Hai người cùng giữ chức vụ này một lúc là điều cần kiểm tra.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        save_named(self, lambda: super(Post, self).save(*args, **kwargs))

    def get_absolute_url(self):
        return reverse("post-detail", kwargs={"slug": self.slug})


class PostEvidence(models.Model):
    """A participation whose titles name a post, with the title as written."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("chức vụ"))
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="post_evidence", verbose_name=_("tham gia")
    )
    title_as_written = models.CharField(_("chức danh như được viết"), max_length=300)
    # The participation's meeting, copied (a participation never changes meeting): the search's
    # post facet and filter read (meeting, post) from one index instead of joining participations.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="post_evidence", editable=False, db_index=False,
        verbose_name=_("cuộc họp"),  # indexed by post_evidence_by_meeting
    )

    class Meta:
        verbose_name = _("căn cứ chức vụ")
        verbose_name_plural = _("căn cứ chức vụ")
        constraints = [models.UniqueConstraint(fields=["participation", "post"], name="one_evidence_per_post_and_participation")]
        indexes = [models.Index(fields=["meeting", "post"], name="post_evidence_by_meeting")]

    def __str__(self):
        return f"{self.title_as_written} → {self.post_id}"

    def save(self, *args, **kwargs):
        if self.meeting_id is None and self.participation_id is not None:
            self.meeting_id = Participation.objects.filter(pk=self.participation_id).values_list("meeting_id", flat=True).get()
        super().save(*args, **kwargs)


class Tenure(models.Model):
    """A person in a post, as the published news evidence it. Derived (people.tenures), except the
    staff fields (``STAFF_FIELDS``), which a recount keeps."""

    STAFF_FIELDS = ("start_date", "end_date", "not_this_person")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tenures", verbose_name=_("người"))
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tenures", verbose_name=_("chức vụ"))
    first_evidenced = models.DateField(_("lần đầu thấy"), null=True, blank=True)
    last_evidenced = models.DateField(_("lần cuối thấy"), null=True, blank=True)
    evidence_count = models.PositiveIntegerField(_("số căn cứ"), default=0)
    article_count = models.PositiveIntegerField(_("số bài"), default=0)
    chaired_count = models.PositiveIntegerField(_("số cuộc họp chủ trì"), default=0)
    start_date = models.DateField(_("bắt đầu (biên tập viên nhập)"), null=True, blank=True)
    end_date = models.DateField(_("kết thúc (biên tập viên nhập)"), null=True, blank=True)
    not_this_person = models.BooleanField(_("không phải người này"), default=False)
    overlaps = models.BooleanField(_("trùng thời gian với người khác"), default=False, db_index=True)
    edited_fields = models.JSONField(_("trường đã sửa tay"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["post", "first_evidenced"]
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        constraints = [models.UniqueConstraint(fields=["person", "post"], name="one_tenure_per_person_and_post")]
        indexes = [models.Index(fields=["post", "last_evidenced"], name="tenure_post_last")]

    def __str__(self):
        return f"{self.person_id} — {self.post_id}"

    @property
    def since(self):
        return self.start_date or self.first_evidenced

    @property
    def until(self):
        return self.end_date or self.last_evidenced

    @property
    def staff_edited(self):
        return bool(self.edited_fields)
