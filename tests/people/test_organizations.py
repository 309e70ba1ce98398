"""Staff rename and merge organisations: nothing is lost, old links and old names lead to the survivor."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from articles import facts
from articles.extraction.results import OrganizationMention
from people.models import Organization, Post, Role, Tenure
from people.organizations import merge_organizations, rename_organization
from people.tenures import PostSpec, set_post_evidence
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db

TEXT = "Hội đồng nhân dân tỉnh Bình Định họp. Tỉnh Bình Định có nhiều đổi mới."


def test_a_merge_moves_meetings_articles_and_posts_and_the_old_address_redirects(client, staff_client):
    right = Organization.objects.create(name="Hội đồng nhân dân tỉnh Bình Định", kind="peoples_council")
    wrong = Organization.objects.create(name="Hội đồng nhân dân tỉnh Bịnh Định", kind="peoples_council")
    meeting = make_meeting("Kỳ họp thứ mười", organizer=wrong, date=datetime.date(2024, 7, 1))
    chair = add_participation(meeting, make_person("Hồ Quốc Dũng"), role=Role.CHAIR)
    make_article(body=TEXT, meetings=[meeting], organizations=[wrong])
    # a post as a misspelt organisation gave it (the parser itself reads "Bịnh Định" as "Bình Định")
    set_post_evidence(participation=chair, specs=[
        PostSpec("Chủ tịch Hội đồng nhân dân tỉnh Bịnh Định", "Chủ tịch", wrong, True, "Chủ tịch HĐND tỉnh Bịnh Định")])
    old_url = wrong.get_absolute_url()
    assert Post.objects.get().organization == wrong

    choose = staff_client.post("/admin/people/organization/", {
        "action": "merge_organizations", "_selected_action": [right.pk, wrong.pk]})
    page = choose.content.decode()
    assert "Giữ lại tổ chức nào?" in page and right.name in page and wrong.name in page
    assert 'name="action" value="merge_organizations"' in page and page.count('name="survivor"') == 2
    response = staff_client.post("/admin/people/organization/", {
        "action": "merge_organizations", "_selected_action": [right.pk, wrong.pk], "confirm": "1", "survivor": right.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.organizer == right and list(meeting.articles.get().organizations.all()) == [right]
    post = Post.objects.get()
    assert (post.name, post.organization) == ("Chủ tịch Hội đồng nhân dân tỉnh Bình Định", right)
    assert Tenure.objects.get().post == post
    assert client.get(old_url).headers["Location"] == right.get_absolute_url()
    # an article that still spells the old name is linked to the survivor
    assert facts.organization_for(OrganizationMention("Hội đồng nhân dân tỉnh Bịnh Định", "peoples_council")) == right


def test_a_rename_keeps_the_old_address_and_names_the_posts_after_it(client, staff_client):
    org = Organization.objects.create(name="Ủy ban nhân dân tỉnh Hòa Bìnhh", kind="peoples_committee")
    meeting = make_meeting("Phiên họp", organizer=org)
    add_participation(meeting, make_person("Bùi Văn Khánh"), role=Role.CHAIR, titles=["Chủ tịch UBND tỉnh Hòa Bìnhh"])
    make_article(body="UBND tỉnh Hòa Bìnhh họp.", meetings=[meeting])
    old_url = org.get_absolute_url()
    response = staff_client.post(f"/admin/people/organization/{org.pk}/change/",
                                 {"name": "Ủy ban nhân dân tỉnh Hòa Bình", "kind": "peoples_committee", "parent": ""})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Ủy ban nhân dân tỉnh Hòa Bình" and org.get_absolute_url() != old_url
    assert client.get(old_url).headers["Location"] == org.get_absolute_url()
    assert client.get(org.get_absolute_url()).status_code == 200
    assert Post.objects.get().name == "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình"
    assert org.history.count() >= 2  # the rename is in the history


def test_renaming_to_a_name_another_organisation_has_is_refused_with_a_sentence(staff_client):
    Organization.objects.create(name="Thành ủy Hà Nội", kind="party_committee")
    other = Organization.objects.create(name="Thành ủy Hà Nộii", kind="party_committee")
    response = staff_client.post(f"/admin/people/organization/{other.pk}/change/",
                                 {"name": "Thành ủy Hà Nội", "kind": "party_committee", "parent": ""})
    assert response.status_code == 200 and "hãy gộp hai tổ chức" in response.content.decode()
    with pytest.raises(ValidationError, match="gộp"):
        rename_organization(organization=other, name="Thành uỷ Hà Nội")
    with pytest.raises(ValidationError):
        merge_organizations(survivor=other, merged=other)


def test_reextraction_proposes_no_organisation_staff_merged_away(staff_client):
    from articles import ingestion, reextraction

    text = ("Hội nghị Tỉnh ủy\n\nSáng 3/4/2024, Tỉnh ủy Nghệ An tổ chức hội nghị. Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy "
            "Nghệ An chủ trì.\n\nHội nghị thảo luận nhiều nội dung.")
    article = ingestion.ingest_file(data=text.encode(), filename="a.txt").article
    extracted = Organization.objects.get(name="Tỉnh ủy Nghệ An")
    survivor = Organization.objects.create(name="Tỉnh ủy tỉnh Nghệ An", kind="party_committee")
    merge_organizations(survivor=survivor, merged=extracted)
    report = reextraction.reextract(article=article, dry_run=True)
    assert not [p for p in report.proposals if p.key.startswith("organization.add")]


def test_a_body_within_a_body_is_stored_with_its_parent():
    from articles import ingestion

    text = ("Hội nghị Ban Thường vụ\n\nSáng 3/4/2024, Ban Thường vụ Tỉnh ủy Nghệ An họp. Đồng chí Nguyễn Văn A, "
            "Ủy viên Ban Thường vụ Tỉnh ủy Nghệ An chủ trì. Tỉnh ủy Nghệ An đã ra nghị quyết.\n\n"
            "Hội nghị thảo luận nhiều nội dung.")
    ingestion.ingest_file(data=text.encode(), filename="a.txt")
    standing = Organization.objects.get(name="Ban Thường vụ Tỉnh ủy Nghệ An")
    assert standing.parent == Organization.objects.get(name="Tỉnh ủy Nghệ An")
    assert Post.objects.get(name="Ủy viên Ban Thường vụ Tỉnh ủy Nghệ An").organization == standing
