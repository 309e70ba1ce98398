"""Post, organisation and person pages: who held which post, when, with the evidence."""

import datetime

import pytest

from people import tenures
from people.models import Organization, Post, Role, Status, Tenure
from tests.factories import add_participation, aware, make_article, make_meeting, make_mention, make_person

pytestmark = pytest.mark.django_db

HANOI_TEXT = "Thành ủy Hà Nội tổ chức hội nghị tại thành phố Hà Nội."


def chaired(person, day, *, titles=("Bí thư Thành ủy",), role=Role.CHAIR, status=Status.PUBLISHED, title=None):
    meeting = make_meeting(title or f"Hội nghị Thành ủy {day:%d/%m/%Y}", status=status, date=day)
    add_participation(meeting, person, role=role, titles=titles, evidence=f"{person.full_name} chủ trì hội nghị.")
    make_article(body=HANOI_TEXT, status=status, meetings=[meeting])
    organizer = Organization.objects.get(name="Thành ủy Hà Nội")
    meeting.organizer = organizer
    meeting.save()
    return meeting


@pytest.fixture
def secretaries():
    dung, hoai = make_person("Đinh Tiến Dũng"), make_person("Bùi Thị Minh Hoài")
    chaired(hoai, datetime.date(2021, 3, 2))
    chaired(hoai, datetime.date(2022, 11, 5))
    chaired(dung, datetime.date(2023, 6, 10))
    chaired(dung, datetime.date(2024, 5, 20), role=Role.ATTENDEE)
    return dung, hoai


def post():
    return Post.objects.get(name="Bí thư Thành ủy Hà Nội")


def test_the_post_page_lists_its_holders_as_a_timeline_with_their_meetings(client, secretaries):
    page = client.get(post().get_absolute_url()).content.decode()
    assert page.index("Bùi Thị Minh Hoài") < page.index("Đinh Tiến Dũng")  # oldest first
    assert "02/03/2021 – 05/11/2022" in page and "10/06/2023 – 20/05/2024" in page
    assert "chủ trì 2 cuộc họp" in page and "chủ trì 1 cuộc họp" in page
    assert "Hội nghị Thành ủy 10/06/2023" in page and "Đinh Tiến Dũng chủ trì hội nghị." in page
    assert "“Bí thư Thành ủy”" in page  # the title as written


def test_a_holder_known_only_from_articles_shows_the_articles_and_their_sentences(client, secretaries):
    article = make_article("Thành ủy Hà Nội gặp mặt cán bộ lão thành", body=HANOI_TEXT, published_at=aware(2019, 5, 4))
    predecessor = make_person("Hoàng Trung Hải")
    make_mention(article, predecessor, titles=["Bí thư Thành ủy"], evidence="Đồng chí Hoàng Trung Hải, Bí thư Thành ủy, dự.")
    draft = make_article("Bài nháp", body=HANOI_TEXT, status=Status.DRAFT, published_at=aware(2019, 6, 1))
    make_mention(draft, predecessor, titles=["Bí thư Thành ủy"], evidence="Câu trong bài nháp.")
    page = client.get(post().get_absolute_url()).content.decode()
    holder = page.split(predecessor.get_absolute_url())[1].split("</li>\n      \n")[0]
    assert f'href="{article.get_absolute_url()}"' in holder and "04/05/2019" in holder
    assert "Nhắc tên trong bài · “Bí thư Thành ủy”" in holder
    assert "Đồng chí Hoàng Trung Hải, Bí thư Thành ủy, dự." in holder
    assert "Câu trong bài nháp." not in page


def test_who_held_the_post_on_a_date_on_the_page_and_in_json(client, secretaries):
    url = post().get_absolute_url()
    page = client.get(url, {"on": "2022-01-15"}).content.decode()
    on_section = page[page.index('id="on-heading"'):page.index('id="holders-heading"')]
    assert "Bùi Thị Minh Hoài" in on_section and "Đinh Tiến Dũng" not in on_section
    data = client.get(url, {"on": "2024-01-01", "format": "json"}).json()
    assert [h["person"]["name"] for h in data["held_on"]] == ["Đinh Tiến Dũng"]
    assert [(h["person"]["name"], h["from"], h["to"], h["meetings_chaired"]) for h in data["holders"]] == [
        ("Bùi Thị Minh Hoài", "2021-03-02", "2022-11-05", 2), ("Đinh Tiến Dũng", "2023-06-10", "2024-05-20", 1)]
    gap = client.get(url, {"on": "2023-01-01"}).content.decode()
    assert "Không có bằng chứng về người giữ chức vụ này vào ngày đó." in gap


def test_a_bad_date_gets_a_sentence_not_an_error(client, secretaries):
    url = post().get_absolute_url()
    page = client.get(url, {"on": "2024-13-45"})
    assert page.status_code == 200 and "không hợp lệ" in page.content.decode()
    answer = client.get(url, {"on": "hôm qua", "format": "json"})
    assert answer.status_code == 400 and "không hợp lệ" in answer.json()["error"]


def test_staff_dates_and_not_this_person_show_on_the_page(client, secretaries):
    dung, hoai = secretaries
    tenures.edit_tenure(tenure=Tenure.objects.get(person=dung), changes={"start_date": datetime.date(2022, 11, 30)})
    tenures.edit_tenure(tenure=Tenure.objects.get(person=hoai), changes={"not_this_person": True})
    page = client.get(post().get_absolute_url()).content.decode()
    assert "30/11/2022 – 20/05/2024" in page and "Bùi Thị Minh Hoài" not in page


def test_drafts_make_no_post_page(client):
    chaired(make_person("Nguyễn Văn A"), datetime.date(2024, 1, 1), status=Status.DRAFT)
    assert Post.objects.exists()
    assert client.get(post().get_absolute_url()).status_code == 404


def test_the_person_page_lists_positions_held_linked_to_their_post(client, secretaries):
    dung, _ = secretaries
    chaired(dung, datetime.date(2019, 2, 1), titles=["Chủ tịch UBND TP Hà Nội"], role=Role.ATTENDEE)
    page = client.get(dung.get_absolute_url()).content.decode()
    section = page[page.index('id="posts-heading"'):page.index('id="titles-heading"')]
    assert section.index("Chủ tịch Ủy ban nhân dân thành phố Hà Nội") < section.index("Bí thư Thành ủy Hà Nội")
    assert f'href="{post().get_absolute_url()}"' in section


def test_the_organisation_page_lists_its_posts_current_holders_and_meetings(client, secretaries):
    page = client.get(Organization.objects.get(name="Thành ủy Hà Nội").get_absolute_url()).content.decode()
    row = page[page.index("Bí thư Thành ủy Hà Nội"):]
    assert row.index("Đinh Tiến Dũng") < row.index("</tr>")  # the holder as last evidenced
    assert "4 cuộc họp" in page and "Hội nghị Thành ủy 02/03/2021" in page


def build_archive(n):
    """n secretaries one after another, each chairing n meetings."""
    for i in range(n):
        person = make_person(f"Nguyễn Văn {chr(65 + i)}")
        for j in range(n):
            chaired(person, datetime.date(2000 + i, 1 + j % 12, 1 + j // 12))


@pytest.mark.parametrize("size", [2, 6])
def test_post_organisation_and_person_pages_take_a_constant_number_of_queries(
    client, django_assert_max_num_queries, django_assert_num_queries, size
):
    build_archive(size)
    person = Tenure.objects.order_by("-pk").first().person
    with django_assert_max_num_queries(5):
        assert client.get(post().get_absolute_url(), {"on": "2001-02-01"}).status_code == 200
    with django_assert_num_queries(6):  # the same whether its meetings fill the list (size 6) or not
        assert client.get(Organization.objects.get(name="Thành ủy Hà Nội").get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(person.get_absolute_url()).status_code == 200


def test_an_organisation_only_articles_name_has_a_page_one_only_drafts_name_has_none(client):
    named = Organization.objects.create(name="Tỉnh ủy Nghệ An", kind="party_committee")
    make_article(organizations=[named])
    drafted = Organization.objects.create(name="Tỉnh ủy Hà Tĩnh", kind="party_committee")
    make_article(status=Status.DRAFT, organizations=[drafted])
    assert "Chưa ghi nhận chức vụ nào." in client.get(named.get_absolute_url()).content.decode()
    assert client.get(drafted.get_absolute_url()).status_code == 404
