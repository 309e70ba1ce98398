"""The review screen of a draft article (one form: the text with its names, beside the facts),
the re-extraction diff, and the review queue."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import ingestion
from articles.models import Article
from articles.roles import EDITORS
from people.models import Meeting, Participation, Role, Status

pytestmark = pytest.mark.django_db

TEXT = """Tỉnh ủy Hòa An họp bàn công tác cán bộ

Sáng 12/5/2024, đồng chí Trần Quốc Bảo, Bí thư Tỉnh ủy chủ trì hội nghị Ban Thường vụ Tỉnh ủy. Dự hội nghị có \
đồng chí Lê Thị Thu Hằng, Phó Chủ tịch UBND tỉnh và đồng chí Võ Thị Ngọc Lan, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh.

Theo báo cáo của đồng chí Đặng Văn Toàn, Giám đốc Sở Tài chính, thu ngân sách quý I đạt 30% dự toán.
"""


@pytest.fixture
def article():
    return ingestion.ingest_file(data=TEXT.encode(), filename="hop.txt").article


def url(article):
    return reverse("admin:articles_article_review", args=[article.pk])


def form_data(client, article):
    """The review form as the browser would post it back unchanged."""
    context = client.get(url(article)).context
    data = {}
    meetings = context["meetings"]
    for form in [*(m.form for m in meetings), *(p.form for m in meetings for p in m.review_participations), context["add_form"]]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                continue
            value = value if isinstance(value, list) else getattr(value, "pk", value)
            data[form.add_prefix(name)] = value
            if field.show_hidden_initial:
                data[form.add_initial_prefix(name)] = value  # what the reviewer saw
    return data


def test_the_screen_shows_the_text_with_its_names_beside_the_facts(staff_client, article):
    html = staff_client.get(url(article)).content.decode()
    toan = article.mentions.get(name_as_written="Đặng Văn Toàn")
    assert f'name="add_mention" value="{toan.pk}"' in html  # a name in the text is a button
    assert html.index("Tên bài nhắc tới nhưng chưa có vai trò") < html.index('id="meeting-')  # offered first
    offered = html[html.index('class="offered"'):html.index("</ul>", html.index('class="offered"'))]
    assert "Đặng Văn Toàn" in offered and "Trần Quốc Bảo" not in offered
    assert "Ghi trong bài" in html and "12/5/2024" in html  # how the date was found, and the words
    assert "Bí thư Tỉnh ủy chủ trì hội nghị" in html  # a participant's evidence sentence
    assert 'name="p' in html and "titles_as_written" in html


def test_change_role_fix_title_add_a_missed_chair_remove_a_wrong_one_and_publish(staff_client, staff_user, article):
    meeting = article.meetings.get()
    lan = meeting.participations.get(name_as_written="Võ Thị Ngọc Lan")
    hang = meeting.participations.get(name_as_written="Lê Thị Thu Hằng")
    toan = article.mentions.get(name_as_written="Đặng Văn Toàn")

    data = form_data(staff_client, article)
    data[f"p{lan.pk}-role"] = Role.SPEAKER
    data[f"p{hang.pk}-titles_as_written"] = ["Phó Chủ tịch UBND tỉnh Hòa An", ""]
    data["add-role"] = Role.CO_CHAIR
    data["add_mention"] = toan.pk  # the name clicked in the text
    response = staff_client.post(url(article), data)
    added = meeting.participations.get(name_as_written="Đặng Văn Toàn")
    assert response["Location"].endswith(f"?focus=id_p{added.pk}-role#id_p{added.pk}-role")
    assert (added.role, added.origin, added.person_id) == (Role.CO_CHAIR, Participation.Origin.STAFF, toan.person_id)
    lan.refresh_from_db()
    hang.refresh_from_db()
    assert (lan.role, lan.edited_fields) == (Role.SPEAKER, ["role"])
    assert (hang.titles_as_written, hang.edited_fields) == (["Phó Chủ tịch UBND tỉnh Hòa An"], ["titles_as_written"])
    page = staff_client.get(response["Location"]).content.decode()
    select = re.search(rf'<select name="p{added.pk}-role"[^>]*>', page).group(0)
    assert "autofocus" in select  # the new chair's role comes next

    data = form_data(staff_client, article)
    data["remove"] = hang.pk
    staff_client.post(url(article), data)
    assert not meeting.participations.filter(pk=hang.pk).exists()

    data = form_data(staff_client, article)
    data["action"] = "publish"
    staff_client.post(url(article), data)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and Meeting.objects.get(pk=meeting.pk).status == Status.PUBLISHED

    data = form_data(staff_client, article)
    data["action"] = "reviewed"
    staff_client.post(url(article), data)
    article.refresh_from_db()
    assert article.reviewed_by == staff_user and article.reviewed_at


def test_only_what_changed_is_written_so_two_reviewers_do_not_undo_each_other(staff_client, article):
    meeting = article.meetings.get()
    lan = meeting.participations.get(name_as_written="Võ Thị Ngọc Lan")
    stale = form_data(staff_client, article)  # reviewer A opens the screen
    Participation.objects.filter(pk=lan.pk).update(role=Role.SPEAKER)  # reviewer B saves a role meanwhile
    stale[f"m{meeting.pk}-title"] = "Hội nghị Ban Thường vụ (đã sửa)"
    staff_client.post(url(article), stale)
    lan.refresh_from_db()
    meeting.refresh_from_db()
    assert lan.role == Role.SPEAKER and meeting.title == "Hội nghị Ban Thường vụ (đã sửa)"


def test_adding_someone_already_there_is_refused_with_a_sentence_and_other_edits_are_kept(staff_client, article):
    meeting = article.meetings.get()
    bao = article.mentions.get(name_as_written="Trần Quốc Bảo")
    data = form_data(staff_client, article)
    data[f"m{meeting.pk}-title"] = "Tiêu đề mới"
    data["add_mention"] = bao.pk
    response = staff_client.post(url(article), data, follow=True)
    assert "Trần Quốc Bảo đã có trong thành phần cuộc họp này." in response.content.decode()
    assert meeting.participations.filter(person=bao.person).count() == 1
    meeting.refresh_from_db()
    assert meeting.title == "Tiêu đề mới"


def test_an_empty_title_list_and_bad_values_are_reported_not_saved(staff_client, article):
    meeting = article.meetings.get()
    data = form_data(staff_client, article)
    data[f"m{meeting.pk}-date"] = "31/02/2024"
    response = staff_client.post(url(article), data)
    assert response.status_code == 200 and "Chưa lưu" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).date.isoformat() == "2024-05-12"


def test_reextract_diff_preview_then_apply_the_chosen(staff_client, article):
    meeting = article.meetings.get()
    lan = meeting.participations.get(name_as_written="Võ Thị Ngọc Lan")
    data = form_data(staff_client, article)
    data[f"p{lan.pk}-role"] = Role.SPEAKER
    staff_client.post(url(article), data)
    Article.objects.filter(pk=article.pk).update(headline="Tiêu đề cũ của phiên bản trước")

    preview = staff_client.get(reverse("admin:articles_article_reextract", args=[article.pk])).content.decode()
    assert "bị khóa (đã sửa tay)" in preview and 'value="article.headline" id="accept-1" checked' in preview
    assert Article.objects.get(pk=article.pk).headline == "Tiêu đề cũ của phiên bản trước"  # nothing written yet

    result = staff_client.post(
        reverse("admin:articles_article_reextract", args=[article.pk]), {"decided": "1", "accept": ["article.headline"]}
    ).content.decode()
    assert Article.objects.get(pk=article.pk).headline == "Tỉnh ủy Hòa An họp bàn công tác cán bộ"
    kept = result[result.index('id="kept-list"'):]
    assert "Võ Thị Ngọc Lan" in kept and "Phát biểu" in kept
    assert Participation.objects.get(pk=lan.pk).role == Role.SPEAKER


def test_the_drafts_list_puts_the_ones_most_likely_to_need_a_human_first(staff_client):
    clean = ingestion.ingest_file(data=TEXT.encode(), filename="a.txt").article
    no_chair = ingestion.ingest_file(
        data="Hội nghị\n\nSáng 12/5/2024, hội nghị có đồng chí Lê Văn Năm, Phó Giám đốc Sở Nội vụ dự.".encode(),
        filename="b.txt",
    ).article
    Article.objects.filter(pk=clean.pk).update(extraction_warnings=[])
    reviewed = ingestion.ingest_file(data=TEXT.replace("30%", "40%").encode(), filename="c.txt").article
    Article.objects.filter(pk=reviewed.pk).update(reviewed_at="2024-05-13T09:00:00+07:00")
    Article.objects.filter(pk=no_chair.pk).update(extraction_error="")

    response = staff_client.get("/admin/articles/article/", {"status__exact": "draft"})
    order = [a.pk for a in response.context["cl"].result_list]
    assert order.index(no_chair.pk) < order.index(clean.pk) < order.index(reviewed.pk)
    html = response.content.decode()
    assert "không tìm thấy người chủ trì" in html and "đã duyệt" in html


def test_editors_review_but_only_reviewers_publish(client, django_user_model, article):
    editor = django_user_model.objects.create_user("bientap", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    page = client.get(url(article))
    assert page.status_code == 200 and 'id="publish-button"' not in page.content.decode()
    data = form_data(client, article)
    data["action"] = "publish"
    assert client.post(url(article), data).status_code == 403
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_anonymous_and_viewers_cannot_review(client, django_user_model, article):
    assert client.get(url(article)).status_code == 302  # to the login page
    viewer = django_user_model.objects.create_user("xem", password="pw", is_staff=True)
    client.force_login(viewer)
    assert client.get(url(article)).status_code == 403


def test_the_review_screen_and_diff_speak_english_when_chosen(staff_client, article):
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(url(article)).content.decode()
    assert "Review: Tỉnh ủy Hòa An" in html and ">Save<" in html and "Add a participant" in html
    assert "Stated in the article" in html  # how the date was found
    diff = staff_client.get(reverse("admin:articles_article_reextract", args=[article.pk])).content.decode()
    assert "The current extractor finds exactly the stored facts" in diff
