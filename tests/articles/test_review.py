"""Staff review in the admin: edits that survive re-extraction, publishing, merging, resolving."""

from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import ingestion, reextraction, services
from articles.models import Article, Mention
from articles.roles import EDITORS
from people.models import Meeting, Participation, Person, PersonRedirect, Role, Status

pytestmark = pytest.mark.django_db

DEMO = Path(services.__file__).resolve().parent / "demo"


def ingest(name):
    return ingestion.ingest_file(data=(DEMO / name).read_bytes(), filename=name).article


def article_form_data(client, article):
    """The change form's current data, as a browser would post it back."""
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, list | tuple):
            value = [getattr(v, "pk", v) for v in value]
        data[name] = value
    data["published_at_0"], data["published_at_1"] = (
        article.published_at.strftime("%Y-%m-%d"), article.published_at.strftime("%H:%M:%S")
    ) if article.published_at else ("", "")
    data.pop("published_at", None)
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update({f"{fs.prefix}-{k}": v for k, v in fs.management_form.initial.items()})
        for i, f in enumerate(fs.forms):
            for name in f.fields:
                value = f.initial.get(name)
                if value is None:
                    continue
                if hasattr(value, "pk"):
                    value = value.pk
                data[f"{fs.prefix}-{i}-{name}"] = value  # titles: a list, one text field each
            data[f"{fs.prefix}-{i}-id"] = f.instance.pk
            data[f"{fs.prefix}-{i}-article"] = article.pk
    return data


def test_change_page_shows_extraction_facts_and_buttons(staff_client):
    article = ingest("03-ky-hop-hdnd-thang-7-2023.txt")
    html = staff_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert article.extractor_version in html
    assert 'id="publish-button"' in html and 'id="reextract-button"' in html
    assert "dropped" in html or "cảnh báo" in html  # warnings shown


def test_a_mention_deleted_on_the_article_page_stays_out_after_reextraction(staff_client):
    article = ingest("01-hoi-nghi-tinh-uy-thang-3-2023.txt")
    gone = article.mentions.order_by("pk").last()
    data = article_form_data(staff_client, article)
    (prefix,) = {k.rsplit("-", 2)[0] for k, v in data.items() if k.endswith("-id") and str(v) == str(gone.pk)}
    index = next(k for k, v in data.items() if k.startswith(prefix) and k.endswith("-id") and str(v) == str(gone.pk))
    data[index.replace("-id", "-DELETE")] = "on"
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert not Mention.objects.filter(pk=gone.pk).exists()
    reextraction.reextract(article=article)
    assert not article.mentions.filter(name_key=gone.name_key).exists()


def test_a_headline_edited_in_the_admin_survives_reextraction(staff_client):
    article = ingest("01-hoi-nghi-tinh-uy-thang-3-2023.txt")
    data = article_form_data(staff_client, article)
    data["headline"] = "Hội nghị Tỉnh ủy quý I (đã sửa)"
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article.refresh_from_db()
    assert article.edited_fields == ["headline"]

    response = staff_client.post(
        "/admin/articles/article/", {"action": "reextract_selected", ACTION_CHECKBOX_NAME: [article.pk]}, follow=True
    )
    article.refresh_from_db()
    assert article.headline == "Hội nghị Tỉnh ủy quý I (đã sửa)"
    assert "giữ bản sửa tay: tiêu đề: Hội nghị Tỉnh ủy quý I (đã sửa)" in response.content.decode()


def test_publish_button_then_unpublish(staff_client):
    article = ingest("02-ubnd-lam-viec-huyen-song-lam.txt")
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert staff_client.get(reverse("admin:articles_article_publish", args=[article.pk])).status_code == 405
    response = staff_client.post(reverse("admin:articles_article_publish", args=[article.pk]), follow=True)
    assert response.redirect_chain[-1][0] == change
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert set(article.meetings.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert 'id="unpublish-button"' in response.content.decode()
    staff_client.post(reverse("admin:articles_article_unpublish", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_publish_action_on_the_changelist(staff_client):
    a = ingest("05-hoi-thao-mat-tran.txt")
    b = ingest("06-kien-toan-nhan-su-2024.txt")
    staff_client.post("/admin/articles/article/", {"action": "publish_selected", ACTION_CHECKBOX_NAME: [a.pk, b.pk]})
    assert Article.objects.published().count() == 2
    assert not Meeting.objects.filter(status=Status.DRAFT).exists()


def test_editors_may_upload_but_not_publish(client, django_user_model):
    editor = django_user_model.objects.create_user("bientap", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    article = ingest("07-bau-chu-tich-ubnd-2024.txt")
    assert client.get("/admin/articles/article/upload/").status_code == 200
    assert client.post(reverse("admin:articles_article_publish", args=[article.pk])).status_code == 403
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'id="publish-button"' not in html
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_extraction_status_filter(staff_client):
    ok = ingest("08-bi-thu-kiem-tra-de-bien.txt")
    old = ingest("09-hoi-nghi-xuc-tien-dau-tu-2024.txt")
    Article.objects.filter(pk=old.pk).update(extractor_version="0-old")
    failed = ingest("10-tong-ket-nam-2024.txt")
    Article.objects.filter(pk=failed.pk).update(extraction_error="RuntimeError: x")

    def listed(value):
        response = staff_client.get("/admin/articles/article/", {"extraction": value})
        return {a.pk for a in response.context["cl"].result_list}

    assert listed("ok") == {ok.pk}
    assert listed("outdated") == {old.pk}
    assert listed("failed") == {failed.pk}


def test_meeting_edits_by_staff_are_kept_and_marked(staff_client):
    article = ingest("10-tong-ket-nam-2024.txt")
    meeting = article.meetings.get()
    url = reverse("admin:people_meeting_change", args=[meeting.pk])
    form = staff_client.get(url).context["adminform"].form
    parts = list(meeting.participations.order_by("role", "id"))
    data = {
        "kind": meeting.kind, "kind_text": meeting.kind_text, "title": "Hội nghị tổng kết 2024 (đã sửa)",
        "date": meeting.date.isoformat(), "date_text": meeting.date_text, "place": "", "organizer": meeting.organizer_id or "",
        "status": meeting.status,
        "participations-TOTAL_FORMS": len(parts) + 1, "participations-INITIAL_FORMS": len(parts),
        "participations-MIN_NUM_FORMS": 0, "participations-MAX_NUM_FORMS": 1000,
    }
    assert "title" in form.fields
    for i, p in enumerate(parts):
        data.update({
            f"participations-{i}-id": p.pk, f"participations-{i}-meeting": meeting.pk,
            f"participations-{i}-person": p.person_id or "", f"participations-{i}-role": p.role,
            f"participations-{i}-name_as_written": p.name_as_written,
            f"participations-{i}-titles_as_written": p.titles_as_written,
            f"participations-{i}-evidence": p.evidence,
        })
    new_person = Person.objects.create(full_name="Hoàng Đức Minh")
    n = len(parts)
    data.update({
        f"participations-{n}-meeting": meeting.pk, f"participations-{n}-person": new_person.pk,
        f"participations-{n}-role": Role.ATTENDEE, f"participations-{n}-name_as_written": "Hoàng Đức Minh",
        f"participations-{n}-titles_as_written": [""], f"participations-{n}-evidence": "",
    })
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    meeting.refresh_from_db()
    assert meeting.edited_fields == ["title"]
    added = meeting.participations.get(person=new_person)
    assert added.origin == Participation.Origin.STAFF

    reextraction.reextract(article=article)
    meeting.refresh_from_db()
    assert meeting.title == "Hội nghị tổng kết 2024 (đã sửa)"
    assert meeting.participations.filter(person=new_person, origin=Participation.Origin.STAFF).exists()


def test_merge_two_persons_through_the_admin(staff_client):
    ingest("01-hoi-nghi-tinh-uy-thang-3-2023.txt")
    keep = Person.objects.get(full_name="Nguyễn Văn Hải")
    other = Person.objects.create(full_name="Nguyễn Văn Hãi")
    meeting = Meeting.objects.create(title="Buổi tiếp")
    Participation.objects.create(meeting=meeting, person=other, role=Role.CHAIR, name_as_written="Nguyễn Văn Hãi")
    old_slug = other.slug
    changelist = "/admin/people/person/"

    confirm = staff_client.post(changelist, {"action": "merge_persons", ACTION_CHECKBOX_NAME: [keep.pk, other.pk]})
    assert confirm.status_code == 200 and "Giữ lại người nào?" in confirm.content.decode()
    assert keep.full_name in confirm.content.decode() and other.full_name in confirm.content.decode()
    staff_client.post(
        changelist,
        {"action": "merge_persons", ACTION_CHECKBOX_NAME: [keep.pk, other.pk], "confirm": "1", "survivor": keep.pk},
    )
    assert not Person.objects.filter(pk=other.pk).exists()
    assert Participation.objects.get(meeting=meeting).person == keep
    assert PersonRedirect.objects.get(old_slug=old_slug).person == keep
    assert keep.aliases.filter(name="Nguyễn Văn Hãi").exists()

    one = staff_client.post(changelist, {"action": "merge_persons", ACTION_CHECKBOX_NAME: [keep.pk]}, follow=True)
    assert "đúng hai người" in one.content.decode()


def test_unresolved_mentions_are_listed_and_resolved(staff_client):
    Person.objects.create(full_name="Hoàng Đức Minh", description="Sông Lam")
    Person.objects.create(full_name="Hoàng Đức Minh", description="Sở Y tế")
    article = ingest("02-ubnd-lam-viec-huyen-song-lam.txt")
    mention = article.mentions.get(name_as_written="Hoàng Đức Minh")
    response = staff_client.get("/admin/articles/mention/", {"resolution": "unresolved"})
    assert [m.pk for m in response.context["cl"].result_list] == [mention.pk]

    target = Person.objects.get(description="Sông Lam")
    page = staff_client.post("/admin/articles/mention/", {"action": "resolve_to", ACTION_CHECKBOX_NAME: [mention.pk]})
    assert page.status_code == 200 and "Trùng tên" in page.content.decode()
    staff_client.post(
        "/admin/articles/mention/",
        {"action": "resolve_to", ACTION_CHECKBOX_NAME: [mention.pk], "confirm": "1", "person": target.pk},
    )
    mention.refresh_from_db()
    assert mention.person == target and mention.resolution_note == ""


def test_create_a_new_person_from_an_unresolved_mention(staff_client):
    Person.objects.create(full_name="Đỗ Thanh Tùng", description="A")
    Person.objects.create(full_name="Đỗ Thanh Tùng", description="B")
    article = ingest("04-tiep-doan-cong-tac-trung-uong.html")
    mention = article.mentions.get(name_as_written="Đỗ Thanh Tùng")
    staff_client.post(
        "/admin/articles/mention/", {"action": "create_person_from_mentions", ACTION_CHECKBOX_NAME: [mention.pk]}
    )
    mention.refresh_from_db()
    assert mention.person is not None and Person.objects.filter(full_name="Đỗ Thanh Tùng").count() == 3
    assert not Mention.objects.filter(pk=mention.pk, person__isnull=True).exists()


def test_deleting_the_only_article_of_a_published_meeting_takes_the_meeting_out_of_public_view(client):
    text = "Hội nghị tổng kết\n\nSáng 4/1/2024, đồng chí Nguyễn Văn Hải, Bí thư Tỉnh ủy chủ trì hội nghị tổng kết."
    first = ingestion.ingest_file(data=text.encode(), filename="a.txt").article
    second = ingestion.ingest_file(data=(text + "\nBài viết lại.").encode(), filename="b.txt").article
    shared = first.meetings.get()
    second.meetings.add(shared)
    services.publish_articles(articles=[first, second])

    services.delete_article(article=first)
    assert Meeting.objects.get(pk=shared.pk).status == Status.PUBLISHED  # still reported by a published article
    assert client.get(shared.get_absolute_url()).status_code == 200

    services.delete_article(article=second)
    assert not Meeting.objects.filter(pk=shared.pk).exists()
    assert client.get(shared.get_absolute_url()).status_code == 404


def test_meeting_change_page_offers_the_publish_button_that_publishes_it(staff_client):
    meeting = ingest("02-ubnd-lam-viec-huyen-song-lam.txt").meetings.get()
    html = staff_client.get(reverse("admin:people_meeting_change", args=[meeting.pk])).content.decode()
    publish_url = reverse("admin:people_meeting_publish", args=[meeting.pk])
    assert f'action="{publish_url}"' in html and 'id="publish-button"' in html
    response = staff_client.post(publish_url, follow=True)
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED
    unpublish_url = reverse("admin:people_meeting_unpublish", args=[meeting.pk])
    assert f'action="{unpublish_url}"' in response.content.decode()
