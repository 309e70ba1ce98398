"""Posts and tenures follow every write of titles, publication and persons; staff corrections stick."""

import datetime

import pytest

from articles.services import publish_articles, unpublish_articles
from people import review, tenures
from people.models import Post, PostEvidence, Role, Status, Tenure
from people.services import merge_persons
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db

HANOI_TEXT = "Thành ủy Hà Nội tổ chức hội nghị. Các đồng chí lãnh đạo thành phố Hà Nội dự."


def chaired(person, day, *, titles=("Bí thư Thành ủy",), status=Status.PUBLISHED, body=HANOI_TEXT, role=Role.CHAIR):
    meeting = make_meeting("Hội nghị Thành ủy", status=status, date=day)
    participation = add_participation(meeting, person, role=role, titles=titles)
    article = make_article(body=body, status=status, meetings=[meeting])
    return participation, article


def held(person):
    return {
        (t.post.name, t.first_evidenced, t.last_evidenced, t.article_count, t.chaired_count)
        for t in Tenure.objects.filter(person=person).select_related("post")
    }


def test_a_bare_title_names_the_post_of_the_place_the_article_is_about():
    dung = make_person("Đinh Tiến Dũng")
    chaired(dung, datetime.date(2024, 5, 20))
    chaired(dung, datetime.date(2024, 9, 2), role=Role.ATTENDEE)
    assert held(dung) == {("Bí thư Thành ủy Hà Nội", datetime.date(2024, 5, 20), datetime.date(2024, 9, 2), 2, 1)}
    post = Post.objects.get()
    assert post.organization.name == "Thành ủy Hà Nội" and post.single_holder


def test_the_evidence_of_a_post_knows_its_meeting():
    # The search's post facet and filter read (meeting, post) from the evidence itself.
    dung = make_person("Đinh Tiến Dũng")
    participation, _ = chaired(dung, datetime.date(2024, 5, 20))
    evidence = PostEvidence.objects.get()
    assert (evidence.participation, evidence.meeting) == (participation, participation.meeting)


def test_only_published_meetings_count_and_unpublishing_takes_the_tenure_away():
    dung = make_person("Đinh Tiến Dũng")
    _, article = chaired(dung, datetime.date(2024, 5, 20), status=Status.DRAFT)
    assert held(dung) == set()
    publish_articles(articles=[article])
    assert held(dung) == {("Bí thư Thành ủy Hà Nội", datetime.date(2024, 5, 20), datetime.date(2024, 5, 20), 1, 1)}
    unpublish_articles(articles=[article])
    assert held(dung) == set()


def test_a_staff_correction_of_the_titles_moves_the_tenure():
    dung = make_person("Đinh Tiến Dũng")
    participation, _ = chaired(dung, datetime.date(2024, 5, 20))
    review.edit_facts(obj=participation, changes={"titles_as_written": ["Chủ tịch UBND TP Hà Nội"]})
    assert {name for name, *_ in held(dung)} == {"Chủ tịch Ủy ban nhân dân thành phố Hà Nội"}


def test_ranks_meeting_roles_and_unclear_places_are_no_posts():
    hai = make_person("Nguyễn Văn Hải")
    chaired(hai, datetime.date(2024, 5, 20), titles=["Thượng tướng", "Trưởng đoàn công tác", "Phó Chủ tịch"],
            body="Đoàn công tác làm việc với tỉnh Nghệ An và tỉnh Hà Tĩnh.")
    chaired(hai, datetime.date(2024, 6, 20), titles=["Phó Bí thư Tỉnh ủy"],
            body="Đoàn công tác làm việc với tỉnh Nghệ An và tỉnh Hà Tĩnh.")
    assert held(hai) == set()


def test_staff_dates_and_not_this_person_survive_every_recount():
    dung = make_person("Đinh Tiến Dũng")
    participation, _ = chaired(dung, datetime.date(2024, 5, 20))
    tenure = Tenure.objects.get(person=dung)
    tenures.edit_tenure(tenure=tenure, changes={"start_date": datetime.date(2024, 1, 3), "not_this_person": True})
    chaired(dung, datetime.date(2024, 8, 1))  # a new meeting: a recount
    tenure.refresh_from_db()
    assert (tenure.start_date, tenure.not_this_person, tenure.last_evidenced) == (
        datetime.date(2024, 1, 3), True, datetime.date(2024, 8, 1))
    assert tenure.edited_fields == ["not_this_person", "start_date"]


def test_two_heads_of_one_body_on_the_same_dates_are_flagged_until_staff_end_one():
    dung, hoai = make_person("Đinh Tiến Dũng"), make_person("Bùi Thị Minh Hoài")
    chaired(dung, datetime.date(2024, 1, 10))
    chaired(dung, datetime.date(2024, 6, 10))
    chaired(hoai, datetime.date(2024, 5, 1))
    assert set(Tenure.objects.filter(overlaps=True).values_list("person__full_name", flat=True)) == {
        "Đinh Tiến Dũng", "Bùi Thị Minh Hoài"}
    tenures.edit_tenure(tenure=Tenure.objects.get(person=dung), changes={"end_date": datetime.date(2024, 4, 30)})
    assert not Tenure.objects.filter(overlaps=True).exists()


def test_deputies_are_not_flagged_when_several_hold_the_post():
    for name in ("Nguyễn Văn A", "Trần Văn B"):
        chaired(make_person(name), datetime.date(2024, 5, 20), titles=["Phó Bí thư Thành ủy"], role=Role.ATTENDEE)
    assert Tenure.objects.count() == 2 and not Tenure.objects.filter(overlaps=True).exists()


def test_a_merge_joins_the_tenures_of_both_records():
    dung, copy = make_person("Đinh Tiến Dũng"), make_person("Đinh Tiến Dũng")
    chaired(dung, datetime.date(2024, 5, 20))
    chaired(copy, datetime.date(2024, 9, 2))
    merge_persons(survivor=dung, merged=copy)
    assert held(dung) == {("Bí thư Thành ủy Hà Nội", datetime.date(2024, 5, 20), datetime.date(2024, 9, 2), 2, 2)}


def test_current_posts_are_the_posts_last_evidenced_in_one_query(django_assert_num_queries):
    from people.selectors import current_posts

    dung, hai = make_person("Đinh Tiến Dũng"), make_person("Nguyễn Văn Hải")
    chaired(dung, datetime.date(2019, 2, 1), titles=["Chủ tịch UBND TP Hà Nội"])
    chaired(dung, datetime.date(2024, 5, 20))
    chaired(hai, datetime.date(2024, 5, 21), titles=["Phó Bí thư Thành ủy"], role=Role.ATTENDEE)
    with django_assert_num_queries(1):
        current = current_posts(person_ids=[dung.pk, hai.pk, 999])
    assert {pk: post.name for pk, post in current.items()} == {
        dung.pk: "Bí thư Thành ủy Hà Nội", hai.pk: "Phó Bí thư Thành ủy Hà Nội"}


def test_staff_correct_a_tenure_in_the_admin_and_find_overlaps_by_a_filter(staff_client):
    dung, hoai = make_person("Đinh Tiến Dũng"), make_person("Bùi Thị Minh Hoài")
    chaired(dung, datetime.date(2024, 1, 10))
    chaired(hoai, datetime.date(2024, 1, 10))
    listed = staff_client.get("/admin/people/tenure/", {"overlaps__exact": "1"}).content.decode()
    assert "Đinh Tiến Dũng" in listed and "Bùi Thị Minh Hoài" in listed
    tenure = Tenure.objects.get(person=hoai)
    response = staff_client.post(f"/admin/people/tenure/{tenure.pk}/change/",
                                 {"start_date": "", "end_date": "", "not_this_person": "on"})
    assert response.status_code == 302
    tenure.refresh_from_db()
    assert tenure.not_this_person and tenure.edited_fields == ["not_this_person"]
    assert not Tenure.objects.filter(overlaps=True).exists()


def test_a_title_in_a_mention_evidences_a_post_when_no_participation_speaks_for_it():
    from articles.services import resolve_mention
    from tests.factories import aware, make_mention

    hoai, dung = make_person("Bùi Thị Minh Hoài"), make_person("Đinh Tiến Dũng")
    article = make_article(body=HANOI_TEXT + " Bùi Thị Minh Hoài phát biểu.", status=Status.DRAFT,
                           published_at=aware(2024, 2, 3))
    make_mention(article, hoai, titles=["Bí thư Thành ủy"])
    assert held(hoai) == set()  # a draft
    publish_articles(articles=[article])
    assert held(hoai) == {("Bí thư Thành ủy Hà Nội", datetime.date(2024, 2, 3), datetime.date(2024, 2, 3), 1, 0)}

    # the same person at a meeting of the article: the participation speaks, the article counts once
    _, reported = chaired(dung, datetime.date(2024, 5, 20))
    make_mention(reported, dung, titles=["Bí thư Thành ủy"])
    assert held(dung) == {("Bí thư Thành ủy Hà Nội", datetime.date(2024, 5, 20), datetime.date(2024, 5, 20), 1, 1)}

    # staff say who an unresolved mention is: that person's tenures follow
    other = make_article(body=HANOI_TEXT, published_at=aware(2024, 9, 9))
    unresolved = make_mention(other, hoai, titles=["Bí thư Thành ủy"])
    unresolved.person = None
    unresolved.save()
    assert held(hoai) == {("Bí thư Thành ủy Hà Nội", datetime.date(2024, 2, 3), datetime.date(2024, 2, 3), 1, 0)}
    resolve_mention(mention=unresolved, person=hoai)
    assert held(hoai) == {("Bí thư Thành ủy Hà Nội", datetime.date(2024, 2, 3), datetime.date(2024, 9, 9), 2, 0)}
