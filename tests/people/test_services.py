import datetime as dt
import hashlib

import pytest

from articles.models import Article, Mention, Original
from people.models import Meeting, Participation, Person, PersonAlias, PersonRedirect, Role, Status
from people.services import add_alias, merge_persons, publish_meetings, resolve_person, unpublish_meetings

pytestmark = pytest.mark.django_db


def make_article(text="bài"):
    data = text.encode()
    original = Original.objects.create(content=data, filename="a.txt", size=len(data), sha256=hashlib.sha256(data).hexdigest())
    return Article.objects.create(original=original, headline=text)


def test_an_unknown_name_creates_a_person_and_the_same_name_links_to_it():
    first = resolve_person(name="Nguyễn  Văn Hải")
    assert first.created and first.person.full_name == "Nguyễn Văn Hải"
    again = resolve_person(name="nguyễn văn hải")
    assert not again.created and again.person == first.person


def test_old_tone_placement_is_the_same_name_but_other_diacritics_are_not():
    hoa = resolve_person(name="Lê Thị Hòa").person
    assert resolve_person(name="Lê Thị Hoà").person == hoa
    phong = resolve_person(name="Nguyễn Văn Phong").person
    phong_accented = resolve_person(name="Nguyễn Văn Phòng").person
    assert phong != phong_accented
    assert Person.objects.filter(full_name__in=["Nguyễn Văn Phong", "Nguyễn Văn Phòng"]).count() == 2


def test_a_known_alias_resolves_to_its_person():
    person = Person.objects.create(full_name="Trần Sỹ Thanh")
    add_alias(person=person, name="Trần Sĩ Thanh")
    assert resolve_person(name="Trần Sĩ Thanh").person == person
    assert add_alias(person=person, name="trần sĩ thanh") == PersonAlias.objects.get()  # no second copy


def test_homonyms_without_evidence_stay_unresolved_with_a_note_naming_the_candidates():
    a = Person.objects.create(full_name="Phạm Minh Khôi", description="Hòa An")
    b = Person.objects.create(full_name="Phạm Minh Khôi", description="Bình Sơn")
    result = resolve_person(name="Phạm Minh Khôi", titles=["Giám đốc Sở Y tế"])
    assert result.person is None and not result.created
    assert f"#{a.pk}" in result.note and f"#{b.pk}" in result.note and "Bình Sơn" in result.note


def test_homonyms_are_told_apart_by_the_titles_seen_with_them_before():
    hoa_an = Person.objects.create(full_name="Phạm Minh Khôi", description="Hòa An")
    binh_son = Person.objects.create(full_name="Phạm Minh Khôi", description="Bình Sơn")
    meeting = Meeting.objects.create(title="Kỳ họp")
    Participation.objects.create(
        meeting=meeting, person=hoa_an, role=Role.CHAIR, name_as_written="Phạm Minh Khôi",
        titles_as_written=["Chủ tịch HĐND tỉnh Hòa An"],
    )
    Mention.objects.create(
        article=make_article(), person=binh_son, name_as_written="Phạm Minh Khôi",
        titles_as_written=["Giám đốc Sở Tài chính Bình Sơn"],
    )
    assert resolve_person(name="Phạm Minh Khôi", titles=["Phó Bí thư Tỉnh ủy Hòa An"]).person == hoa_an
    assert resolve_person(name="Phạm Minh Khôi", titles=["Giám đốc Sở Tài chính"]).person == binh_son


def test_merge_moves_every_link_keeps_the_old_name_and_slug_working():
    survivor = Person.objects.create(full_name="Trần Sỹ Thanh")
    merged = Person.objects.create(full_name="Trần Sĩ Thanh", description="Chủ tịch UBND TP")
    add_alias(person=merged, name="T. S. Thanh")
    old_slug = merged.slug
    both = Meeting.objects.create(title="Hội nghị chung")
    only_merged = Meeting.objects.create(title="Buổi làm việc")
    Participation.objects.create(meeting=both, person=survivor, role=Role.ATTENDEE, name_as_written="Trần Sỹ Thanh")
    Participation.objects.create(
        meeting=both, person=merged, role=Role.ATTENDEE, name_as_written="Trần Sĩ Thanh", titles_as_written=["Chủ tịch"]
    )
    Participation.objects.create(meeting=only_merged, person=merged, role=Role.CHAIR, name_as_written="Trần Sĩ Thanh")
    mention = Mention.objects.create(article=make_article(), person=merged, name_as_written="Trần Sĩ Thanh")

    merge_persons(survivor=survivor, merged=merged)

    assert not Person.objects.filter(pk=merged.pk).exists()
    mention.refresh_from_db()
    assert mention.person == survivor
    assert set(Participation.objects.values_list("meeting__title", "person_id", "role")) == {
        ("Hội nghị chung", survivor.pk, Role.ATTENDEE),
        ("Buổi làm việc", survivor.pk, Role.CHAIR),
    }
    assert Participation.objects.get(meeting=both).titles_as_written == ["Chủ tịch"]
    assert set(survivor.aliases.values_list("name", flat=True)) == {"Trần Sĩ Thanh", "T. S. Thanh"}
    assert PersonRedirect.objects.get(old_slug=old_slug).person == survivor
    survivor.refresh_from_db()
    assert survivor.description == "Chủ tịch UBND TP"
    assert resolve_person(name="Trần Sĩ Thanh").person == survivor


def test_a_person_cannot_be_merged_with_themself():
    person = Person.objects.create(full_name="Lê Thị Thu Hằng")
    with pytest.raises(ValueError):
        merge_persons(survivor=person, merged=person)


def test_publish_and_unpublish_meetings():
    meeting = Meeting.objects.create(title="Hội nghị", date=dt.date(2024, 1, 15))
    person = Person.objects.create(full_name="Nguyễn Văn Hải")
    Participation.objects.create(meeting=meeting, person=person, role=Role.CHAIR, name_as_written="Nguyễn Văn Hải")
    assert person not in Person.objects.public()
    assert publish_meetings(meetings=[meeting]) == 1
    assert Meeting.objects.get().status == Status.PUBLISHED
    assert person in Person.objects.public()
    assert unpublish_meetings(meetings=[meeting]) == 1
    assert person not in Person.objects.public()
