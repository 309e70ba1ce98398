"""Every admin action, for every kind of visitor: anonymous, staff without a role, editor, reviewer.

The roles (articles/roles.py): editors upload and correct; reviewers also publish, unpublish,
delete and merge persons; only superusers manage users. Each test asserts what the person would
notice: the thing happened, or it did not and they got a refusal (403, or the action is not
offered). Anonymous visitors are always sent to the login page and nothing changes.
"""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import ingestion, services
from articles.models import Article, Mention, Original
from people.models import Meeting, Person, Status
from tests.reliability import corpus

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "no_role", "editor", "reviewer")


@pytest.fixture
def as_role(client, django_user_model, editor, reviewer):
    def login(role):
        if role == "no_role":
            user = django_user_model.objects.create_user("chi-staff", password="pw-staff-1", is_staff=True)
            client.force_login(user)
        elif role == "editor":
            client.force_login(editor)
        elif role == "reviewer":
            client.force_login(reviewer)
        return client

    return login


@pytest.fixture
def archive():
    """Two real ingested articles (one then published), their meetings, two persons to merge."""
    draft = ingestion.ingest_file(data=corpus.vi_article(501).encode(), filename="nhap.txt").article
    published = ingestion.ingest_file(data=corpus.vi_article(502).encode(), filename="cong-bo.txt").article
    services.publish_articles(articles=[published])
    draft_meeting = Meeting.objects.create(title="Cuộc họp nháp để thử quyền", status=Status.DRAFT)
    draft.meetings.add(draft_meeting)
    a = Person.objects.create(full_name="Quách Văn Thử")
    b = Person.objects.create(full_name="Quách Văn Thữ")
    return {"draft": draft, "published": published, "draft_meeting": draft_meeting, "a": a, "b": b}


def assert_nothing_left_behind():
    """After a delete: no original without its article, and no meeting left published that no published
    article reports any more (the public would see a meeting without its source)."""
    assert not Original.objects.filter(article__isnull=True).exists(), "an original outlived its article"
    unsourced = Meeting.objects.filter(status=Status.PUBLISHED).exclude(articles__status=Status.PUBLISHED)
    assert not unsourced.exists(), f"published meetings without a published article: {list(unsourced)}"


def status_of(obj):
    return type(obj).objects.get(pk=obj.pk).status


def refused(response):
    """A refusal a person sees: the login page (anonymous), 403, or (for an action the user is not
    offered) the admin's redirect back to the list. Callers also check that nothing changed."""
    if response.status_code == 302:
        location = response["Location"]
        return "/admin/login/" in location or location.rstrip("/").count("/") == 3  # /admin/<app>/<model>/
    if response.status_code == 200:
        # the list again: with the admin's warning that no (permitted) action was selected, or
        # with no actions offered at all
        return bool(re.search(rb'<ul class="messagelist">\s*<li class="warning">', response.content)) or (
            b'name="action"' not in response.content
        )
    return response.status_code == 403


def run_action(client, model_path, action, pks, **extra):
    return client.post(f"/admin/{model_path}/", {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks], **extra})


# ------------------------------------------------------------------------------------ publish / unpublish

CAN_PUBLISH = {"reviewer"}


@pytest.mark.parametrize("role", ROLES)
def test_publish_article_by_action_and_by_button(role, as_role, archive):
    client = as_role(role)
    draft = archive["draft"]
    response = run_action(client, "articles/article", "publish_selected", [draft.pk])
    if role in CAN_PUBLISH:
        assert status_of(draft) == Status.PUBLISHED
        assert status_of(archive["draft_meeting"]) == Status.PUBLISHED  # its meetings too
    else:
        assert refused(response) and status_of(draft) == Status.DRAFT
        button = client.post(f"/admin/articles/article/{draft.pk}/publish/")
        assert refused(button), button.status_code
        assert status_of(draft) == Status.DRAFT


@pytest.mark.parametrize("role", ROLES)
def test_unpublish_article_by_action_and_by_button(role, as_role, archive):
    client = as_role(role)
    published = archive["published"]
    button = client.post(f"/admin/articles/article/{published.pk}/unpublish/")
    if role in CAN_PUBLISH:
        assert button.status_code == 302 and status_of(published) == Status.DRAFT
    else:
        assert refused(button) and status_of(published) == Status.PUBLISHED
        response = run_action(client, "articles/article", "unpublish_selected", [published.pk])
        assert refused(response) and status_of(published) == Status.PUBLISHED


@pytest.mark.parametrize("role", ROLES)
def test_publish_meeting_by_action_and_by_button(role, as_role, archive):
    client = as_role(role)
    meeting = archive["draft_meeting"]
    button = client.post(f"/admin/people/meeting/{meeting.pk}/publish/")
    if role in CAN_PUBLISH:
        assert status_of(meeting) == Status.PUBLISHED
        run_action(client, "people/meeting", "unpublish_selected", [meeting.pk])
        assert status_of(meeting) == Status.DRAFT
    else:
        assert refused(button) and status_of(meeting) == Status.DRAFT
        response = run_action(client, "people/meeting", "publish_selected", [meeting.pk])
        assert refused(response) and status_of(meeting) == Status.DRAFT


def test_publish_buttons_refuse_get(as_role, archive):
    client = as_role("reviewer")
    assert client.get(f"/admin/articles/article/{archive['draft'].pk}/publish/").status_code == 405
    assert status_of(archive["draft"]) == Status.DRAFT


# ------------------------------------------------------------------------------------ re-extract

CAN_EDIT = {"editor", "reviewer"}


@pytest.mark.parametrize("role", ROLES)
def test_reextract_by_action_and_by_button(role, as_role, archive):
    client = as_role(role)
    draft = archive["draft"]

    def reruns():
        return Article.history.filter(id=draft.pk, history_kind="reextraction").count()

    button = client.post(f"/admin/articles/article/{draft.pk}/reextract/")
    after_button = reruns()
    Article.history.filter(id=draft.pk).delete()
    action = run_action(client, "articles/article", "reextract_selected", [draft.pk])
    after_action = reruns()
    if role in CAN_EDIT:
        assert button.status_code == 302 and after_button >= 1 and after_action >= 1
    else:
        assert refused(button) and refused(action) and after_button == after_action == 0


# ------------------------------------------------------------------------------------ merge persons


@pytest.mark.parametrize("role", ROLES)
def test_merge_persons(role, as_role, archive):
    client = as_role(role)
    a, b = archive["a"], archive["b"]
    response = run_action(client, "people/person", "merge_persons", [a.pk, b.pk], confirm="1", survivor=str(a.pk))
    if role == "reviewer":
        assert Person.objects.filter(pk=b.pk).count() == 0 and Person.objects.filter(pk=a.pk).count() == 1
    else:
        assert refused(response), response.status_code
        assert Person.objects.filter(pk__in=[a.pk, b.pk]).count() == 2


# ------------------------------------------------------------------------------------ upload page


@pytest.mark.parametrize("role", ROLES)
def test_upload_page(role, as_role, archive, upload_batch):
    client = as_role(role)
    page = client.get("/admin/articles/article/upload/")
    before = Article.objects.count()
    response = upload_batch(
        {"files": [SimpleUploadedFile("moi.txt", corpus.vi_article(503).encode())]}, as_client=client
    )
    if role in CAN_EDIT:
        # the batch page: editors follow their upload too
        assert page.status_code == 200 and response.status_code == 200 and response.context["state"]["finished"]
        assert Article.objects.count() == before + 1
        assert Original.objects.get(filename="moi.txt").uploaded_by.username in ("bien-tap", "nguoi-duyet")
    else:
        assert refused(page) and refused(response)
        assert Article.objects.count() == before


# ------------------------------------------------------------------------------------ delete


@pytest.mark.parametrize("role", ROLES)
def test_delete_article(role, as_role, archive):
    client = as_role(role)
    draft = archive["draft"]
    response = client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"})
    if role == "reviewer":
        assert not Article.objects.filter(pk=draft.pk).exists()
    else:
        assert refused(response) and Article.objects.filter(pk=draft.pk).exists()
    assert_nothing_left_behind()


@pytest.mark.parametrize("role", ROLES)
def test_delete_selected_articles(role, as_role, archive):
    client = as_role(role)
    pks = [archive["draft"].pk, archive["published"].pk]
    response = run_action(client, "articles/article", "delete_selected", pks, post="yes")
    if role == "reviewer":
        assert Article.objects.filter(pk__in=pks).count() == 0
    else:
        assert refused(response) and Article.objects.filter(pk__in=pks).count() == 2
    assert_nothing_left_behind()


def test_a_deleted_article_can_be_uploaded_again(as_role, archive):
    client = as_role("reviewer")
    draft = archive["draft"]
    client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()
    again = ingestion.ingest_file(data=corpus.vi_article(501).encode(), filename="nhap.txt")
    assert again.status == "created", again.message


@pytest.mark.parametrize("role", ROLES)
def test_nobody_but_a_superuser_deletes_or_edits_an_original(role, as_role, archive):
    client = as_role(role)
    original = archive["draft"].original
    delete = client.post(f"/admin/articles/original/{original.pk}/delete/", {"post": "yes"})
    change = client.post(f"/admin/articles/original/{original.pk}/change/", {"filename": "doi-ten.txt"})
    assert refused(delete) and Original.objects.filter(pk=original.pk).exists()
    assert change.status_code in (302, 403) or b"doi-ten.txt" not in change.content
    assert Original.objects.get(pk=original.pk).filename == "nhap.txt"


# ------------------------------------------------------------------------------------ users


@pytest.mark.parametrize("role", ROLES)
def test_only_superusers_manage_users(role, as_role, django_user_model, superuser):
    client = as_role(role)
    page = client.get("/admin/auth/user/")
    add = client.post(
        "/admin/auth/user/add/", {"username": "ke-la", "password1": "Xx-very-long-1", "password2": "Xx-very-long-1"}
    )
    assert refused(page) and refused(add)
    assert not django_user_model.objects.filter(username="ke-la").exists()
    client.force_login(superuser)
    assert client.get("/admin/auth/user/").status_code == 200


# ------------------------------------------------------------------------------------ import / export


def _import(client, model_path, csv_text):
    """The two steps of django-import-export: upload and preview, then confirm."""
    page = client.get(f"/admin/{model_path}/import/")
    if page.status_code != 200:
        return page
    form = page.context["form"]
    fmt = next(value for value, label in form.fields["format"].choices if str(label).lower() == "csv")
    data = {"format": fmt, "import_file": SimpleUploadedFile("nhap.csv", csv_text.encode(), content_type="text/csv")}
    if "resource" in form.fields:
        data["resource"] = form.fields["resource"].choices[0][0]
    preview = client.post(f"/admin/{model_path}/import/", data)
    confirm = preview.context and preview.context.get("confirm_form")
    if not confirm:
        return preview
    return client.post(f"/admin/{model_path}/process_import/", {**confirm.initial, "resource": confirm.initial.get("resource", "")})


@pytest.mark.parametrize("role", ["no_role", "editor", "anonymous"])
def test_import_cannot_publish_without_the_publish_permission(role, as_role, archive):
    client = as_role(role)
    meeting = archive["draft_meeting"]
    csv_text = f"id,kind,kind_text,title,date,date_text,place,organizer,status\n{meeting.pk},khac,,{meeting.title},,,,,published\n"
    _import(client, "people/meeting", csv_text)
    article = archive["draft"]
    article_csv = f"id,headline,source,url,published_at,byline,status,extractor_version,sha256\n{article.pk},{article.headline},,,,,published,,\n"
    _import(client, "articles/article", article_csv)
    assert status_of(meeting) == Status.DRAFT
    assert status_of(article) == Status.DRAFT


def test_import_by_a_reviewer_works(as_role, archive):
    client = as_role("reviewer")
    meeting = archive["draft_meeting"]
    csv_text = f"id,kind,kind_text,title,date,date_text,place,organizer,status\n{meeting.pk},khac,,Tiêu đề đã sửa,,,,,draft\n"
    _import(client, "people/meeting", csv_text)
    assert Meeting.objects.get(pk=meeting.pk).title == "Tiêu đề đã sửa"


@pytest.mark.parametrize("role", ROLES)
def test_export_articles(role, as_role, archive):
    client = as_role(role)
    page = client.get("/admin/articles/article/export/")
    if role in CAN_EDIT:
        assert page.status_code == 200
        form = page.context["form"]
        fmt = next(value for value, label in form.fields["format"].choices if str(label).lower() == "csv")
        data = {"format": fmt, "resource": "0", "export_items": [str(archive["draft"].pk), str(archive["published"].pk)]}
        for name in form.fields:
            if name.startswith("articleresource_"):
                data[name] = "on"
        response = client.post("/admin/articles/article/export/", data)
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert archive["draft"].headline.encode() in content
    else:
        assert refused(page)


# ------------------------------------------------------------------------------------ mentions


@pytest.mark.parametrize("role", ROLES)
def test_create_person_from_a_mention(role, as_role, archive):
    client = as_role(role)
    mention = Mention.objects.create(article=archive["draft"], name_as_written="Tạ Văn Chưa Rõ")
    response = run_action(client, "articles/mention", "create_person_from_mentions", [mention.pk])
    linked = Mention.objects.get(pk=mention.pk).person_id is not None
    if role in CAN_EDIT:
        assert linked
    else:
        assert refused(response) and not linked


# ------------------------------------------------------------------------------------ anonymous sees nothing of the admin


ANONYMOUS_URLS = [
    "/admin/", "/admin/articles/article/", "/admin/articles/original/", "/admin/articles/mention/",
    "/admin/people/person/", "/admin/people/meeting/", "/admin/auth/user/", "/admin/articles/article/upload/",
    "/admin/articles/article/export/", "/admin/articles/article/import/", "/admin/people/meeting/import/",
]


@pytest.mark.parametrize("url", ANONYMOUS_URLS)
def test_anonymous_is_sent_to_the_login_page(client, archive, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_anonymous_cannot_read_an_original(client, archive):
    original = archive["draft"].original
    response = client.get(f"/admin/articles/original/{original.pk}/change/")
    assert response.status_code == 302
    assert corpus.vi_article(501).split("\n")[1][:40].encode() not in response.content

