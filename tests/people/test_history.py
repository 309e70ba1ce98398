"""Every change has a history row (who, when, what before/after, why), and staff can undo one
change, or a whole merge."""

import pytest
from django.urls import reverse

from articles import ingestion, reextraction, services
from articles.models import Article, Mention
from people import history
from people import review as people_review
from people.models import ChangeKind, Meeting, Participation, Person, PersonAlias, PersonRedirect, Role, Status
from people.services import merge_persons
from tests.factories import add_participation, make_article, make_mention, make_person, make_published_meeting

pytestmark = pytest.mark.django_db

TEXT = """Hội nghị Ban Thường vụ Tỉnh ủy

Sáng 12/5/2024, đồng chí Trần Quốc Bảo, Bí thư Tỉnh ủy chủ trì hội nghị. Dự hội nghị có đồng chí Lê Thị Thu Hằng, \
Phó Chủ tịch UBND tỉnh và đồng chí Võ Thị Ngọc Lan, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh.
"""


def kinds(model, pk):
    return [r.history_kind for r in model.history.filter(id=pk).order_by("history_id")]


def test_every_change_of_the_review_loop_has_a_history_row_saying_why(staff_client, staff_user):
    article = ingestion.ingest_file(data=TEXT.encode(), filename="a.txt").article
    meeting = article.meetings.get()
    hang = meeting.participations.get(name_as_written="Lê Thị Thu Hằng")
    for obj in (article, meeting, hang, hang.person, article.mentions.first()):
        assert kinds(type(obj), obj.pk) == [ChangeKind.INGEST], obj

    # A staff edit in the admin: who, and the before/after of the field.
    response = staff_client.post(
        reverse("admin:people_participation_change", args=[hang.pk]),
        {"meeting": meeting.pk, "person": hang.person_id, "role": Role.SPEAKER, "name_as_written": hang.name_as_written,
         "titles_as_written": ["Phó Chủ tịch UBND tỉnh Hòa An"], "evidence": hang.evidence, "resolution_note": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = Participation.history.filter(id=hang.pk).latest("history_id")
    assert (record.history_kind, record.history_user) == (ChangeKind.STAFF_EDIT, staff_user)
    changes = {str(label): (before, after) for label, before, after in history.describe(record).changes}
    assert changes["vai trò"] == ("Tham dự", "Phát biểu")
    assert changes["chức danh như được viết"] == ("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh Hòa An")

    services.publish_articles(articles=[article])
    assert kinds(Article, article.pk)[-1] == ChangeKind.PUBLISH and kinds(Meeting, meeting.pk)[-1] == ChangeKind.PUBLISH
    Article.objects.filter(pk=article.pk).update(extractor_version="0")
    reextraction.reextract(article=article)
    assert kinds(Article, article.pk)[-1] == ChangeKind.REEXTRACTION

    # The history page shows it, in Vietnamese, with an undo button per row.
    page = staff_client.get(reverse("admin:people_meeting_history", args=[meeting.pk])).content.decode()
    assert "Biên tập viên sửa" in page and "Phó Chủ tịch UBND tỉnh Hòa An" in page and "Hoàn tác" in page


def test_undo_one_staff_edit_gives_the_fact_back_to_the_extractor(staff_client):
    article = ingestion.ingest_file(data=TEXT.encode(), filename="a.txt").article
    lan = Participation.objects.get(name_as_written="Võ Thị Ngọc Lan")
    people_review.edit_facts(obj=lan, changes={"role": Role.SPEAKER})
    people_review.edit_facts(obj=lan, changes={"titles_as_written": ["Chủ tịch MTTQ tỉnh"]})
    role_edit, titles_edit = Participation.history.filter(id=lan.pk).order_by("history_id")[1:3]

    response = staff_client.post(
        reverse("admin:people_meeting_undo", args=[lan.meeting_id]), {"record": history.token_for(role_edit)}, follow=True
    )
    assert "Đã hoàn tác." in response.content.decode()
    lan.refresh_from_db()
    assert lan.role == Role.ATTENDEE and lan.titles_as_written == ["Chủ tịch MTTQ tỉnh"]  # the later edit stays
    assert lan.edited_fields == ["titles_as_written"]  # the role is the extractor's again
    assert Participation.history.filter(id=lan.pk).latest("history_id").history_kind == ChangeKind.UNDO

    # An older change whose field changed again since cannot be undone silently.
    people_review.edit_facts(obj=lan, changes={"titles_as_written": ["Chủ tịch Ủy ban MTTQ tỉnh Hòa An"]})
    with pytest.raises(history.UndoError, match="đã được thay đổi tiếp"):
        history.undo_change(titles_edit)
    reextraction.reextract(article=article)
    lan.refresh_from_db()
    assert lan.role == Role.ATTENDEE


def test_undo_a_removal_puts_the_participant_back_and_reextraction_keeps_them():
    article = ingestion.ingest_file(data=TEXT.encode(), filename="a.txt").article
    meeting = article.meetings.get()
    hang = meeting.participations.get(name_as_written="Lê Thị Thu Hằng")
    hang_pk, person = hang.pk, hang.person
    people_review.remove_participant(participation=hang)
    meeting.refresh_from_db()
    assert meeting.removed_names and not meeting.participations.filter(pk=hang_pk).exists()

    deletion = Participation.history.filter(id=hang_pk, history_type="-").get()
    history.undo_change(deletion)
    meeting.refresh_from_db()
    assert meeting.participations.filter(pk=hang_pk, role=Role.ATTENDEE).exists() and meeting.removed_names == []
    reextraction.reextract(article=article)
    assert meeting.participations.filter(person=person).count() == 1


def test_a_merge_is_undone_as_a_whole(staff_client):
    keep = make_person("Đinh Tiến Dũng")
    twin = make_person("Đinh Tiến Dũng", description="bản trùng")
    PersonAlias.objects.create(person=twin, name="Đinh T. Dũng")
    shared = make_published_meeting("Họp chung", chair=keep)
    add_participation(shared, twin, role=Role.SPEAKER, titles=["Phó Bí thư"])
    own = make_published_meeting("Họp riêng", chair=twin)
    article = make_article("Tin", "Đinh Tiến Dũng phát biểu.")
    mention = make_mention(article, twin)
    twin_pk, twin_slug = twin.pk, twin.slug
    before = {
        "participations": sorted(Participation.objects.values_list("pk", "meeting_id", "person_id", "role", "titles_as_written")),
        "aliases": sorted(PersonAlias.objects.values_list("pk", "person_id", "name")),
    }

    moved = merge_persons(survivor=keep, merged=twin)
    assert not Person.objects.filter(pk=twin_pk).exists()
    assert Participation.objects.get(meeting=own).person == keep
    assert PersonRedirect.objects.filter(old_slug=twin_slug).exists()

    page = staff_client.get(reverse("admin:people_person_history", args=[keep.pk])).content.decode()
    assert "Hoàn tác việc gộp" in page and moved["operation"] in page
    response = staff_client.post(
        reverse("admin:people_person_undo", args=[keep.pk]), {"operation": moved["operation"]}, follow=True
    )
    assert "Đã hoàn tác." in response.content.decode()

    twin = Person.objects.get(pk=twin_pk)
    assert (twin.slug, twin.description) == (twin_slug, "bản trùng")
    assert sorted(Participation.objects.values_list("pk", "meeting_id", "person_id", "role", "titles_as_written")) == before["participations"]
    assert sorted(PersonAlias.objects.values_list("pk", "person_id", "name")) == before["aliases"]
    assert Mention.objects.get(pk=mention.pk).person == twin
    assert not PersonRedirect.objects.filter(old_slug=twin_slug).exists()
    assert staff_client.get(twin.get_absolute_url()).status_code == 200


def test_an_undo_that_would_create_a_duplicate_is_refused():
    meeting = make_published_meeting("Họp", status=Status.DRAFT)
    dung = make_person("Đinh Tiến Dũng")
    first = add_participation(meeting, dung, role=Role.ATTENDEE)
    first_pk = first.pk
    people_review.remove_participant(participation=first)
    people_review.add_participant(meeting=meeting, name="Đinh Tiến Dũng", person=dung, role=Role.CHAIR)
    deletion = Participation.history.filter(id=first_pk, history_type="-").get()
    with pytest.raises(history.UndoError, match="trùng"):
        history.undo_change(deletion)
    assert meeting.participations.filter(person=dung).count() == 1


def assert_history_is_whole():
    """Every row of every tracked model has a history whose latest entry is the row as it is now:
    a write that bypassed the history (a QuerySet.update, a raw query) would leave it stale."""
    for model in history.tracked_models():
        fields = [f for f in model.history.model.tracked_fields if f.name != "updated_at"]
        latest = {}
        for record in model.history.model.objects.order_by("history_id"):
            latest[getattr(record, model._meta.pk.attname)] = record
        for row in model._base_manager.all():
            record = latest.get(row.pk)
            assert record is not None and record.history_type != "-", (model, row.pk)
            stale = [f.name for f in fields if getattr(record, f.attname) != getattr(row, f.attname)]
            assert not stale, (model.__name__, row.pk, stale, record.history_kind)
            assert record.history_kind, (model, row.pk)
        live = set(model._base_manager.values_list("pk", flat=True))
        for pk, record in latest.items():
            if pk not in live:
                assert record.history_type == "-", (model, pk)


def test_every_write_of_every_workflow_leaves_a_history_row(staff_client, monkeypatch):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    article = ingestion.ingest_file(data=TEXT.encode(), filename="a.txt").article
    other = ingestion.ingest_file(data=TEXT.replace("12/5", "13/5").encode(), filename="b.txt").article
    assert_history_is_whole()
    meeting = article.meetings.get()
    lan = meeting.participations.get(name_as_written="Võ Thị Ngọc Lan")
    people_review.edit_facts(obj=lan, changes={"role": Role.SPEAKER, "titles_as_written": ["Chủ tịch MTTQ"]})
    people_review.edit_facts(obj=meeting, changes={"title": "Họp Ban Thường vụ"})
    people_review.add_participant(meeting=meeting, name="Ngô Văn Mới", role=Role.ATTENDEE)
    people_review.remove_participant(participation=meeting.participations.get(name_as_written="Lê Thị Thu Hằng"))
    services.edit_article(article=article, changes={"headline": "Tiêu đề mới"})
    services.resolve_mention(mention=article.mentions.get(name_as_written="Trần Quốc Bảo"), person=lan.person)
    assert_history_is_whole()
    services.publish_articles(articles=[article, other])
    services.unpublish_articles(articles=[other])
    assert_history_is_whole()
    reextraction.reextract(article=article)
    reextraction.reextract(article=other, accept={p.key for p in reextraction.reextract(article=other, dry_run=True).proposals})
    assert_history_is_whole()
    twin = Person.objects.create(full_name="Võ Thị Ngọc Lan", description="bản trùng")
    Participation.objects.create(meeting=other.meetings.get(), person=twin, role=Role.CHAIR, name_as_written="V. T. N. Lan")
    staff_client.post("/admin/people/person/", {
        "action": "merge_persons", ACTION_CHECKBOX_NAME: [lan.person_id, twin.pk], "confirm": "1", "survivor": lan.person_id,
    })
    assert_history_is_whole()
    staff_client.post(reverse("admin:articles_article_delete", args=[other.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=other.pk).exists()
    assert_history_is_whole()
    record = Participation.history.filter(id=lan.pk, history_kind=ChangeKind.STAFF_EDIT).first()
    history.undo_change(record)
    assert_history_is_whole()
