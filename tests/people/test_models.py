import unicodedata

import pytest
from django.db import IntegrityError, transaction

from people.models import Meeting, Organization, Participation, Person, PersonAlias, Role

pytestmark = pytest.mark.django_db


def test_person_name_is_stored_nfc_with_keys():
    person = Person.objects.create(full_name=unicodedata.normalize("NFD", "Trần  Quốc Bảo"))
    person.refresh_from_db()
    assert person.full_name == "Trần Quốc Bảo"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.name_key == "trần quốc bảo"
    assert person.search_key == "tran quoc bao"
    assert person.slug == "tran-quoc-bao"


def test_two_persons_with_the_same_name_get_distinct_slugs():
    first = Person.objects.create(full_name="Lê Văn Hải")
    second = Person.objects.create(full_name="Lê Văn Hải", description="Phó Chủ tịch UBND quận")
    assert first.slug != second.slug


def test_alias_keys_are_folded_and_unique_per_person():
    person = Person.objects.create(full_name="Trần Sỹ Thành")
    PersonAlias.objects.create(person=person, name="Trần Sĩ Thành")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonAlias.objects.create(person=person, name="TRẦN SĨ THÀNH")


def test_participation_role_must_come_from_the_vocabulary():
    meeting = Meeting.objects.create(title="Hội nghị sơ kết")
    person = Person.objects.create(full_name="Phạm Thu Trang")
    Participation.objects.create(meeting=meeting, person=person, role=Role.CHAIR, name_as_written="Phạm Thu Trang")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(meeting=meeting, person=person, role="emperor", name_as_written="Phạm Thu Trang")


def test_a_person_holds_a_role_once_per_meeting():
    meeting = Meeting.objects.create(title="Buổi làm việc")
    person = Person.objects.create(full_name="Phạm Thu Trang")
    Participation.objects.create(meeting=meeting, person=person, role=Role.CHAIR, name_as_written="Phạm Thu Trang")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(meeting=meeting, person=person, role=Role.CHAIR, name_as_written="Phạm Thu Trang")
    # Unresolved participants (no person yet) are not constrained.
    Participation.objects.create(meeting=meeting, role=Role.ATTENDEE, name_as_written="Ngô Minh")
    Participation.objects.create(meeting=meeting, role=Role.ATTENDEE, name_as_written="Ngô Minh")


def test_meeting_kind_from_the_extractors_phrase():
    assert Meeting.kind_from_text("hội nghị trực tuyến") == Meeting.Kind.CONFERENCE
    assert Meeting.kind_from_text("buổi làm việc") == Meeting.Kind.WORKING_SESSION
    assert Meeting.kind_from_text("Kỳ họp thứ 12") == Meeting.Kind.SESSION
    assert Meeting.kind_from_text("") == Meeting.Kind.OTHER


def test_organization_name_key_is_unique_across_tone_placement():
    Organization.objects.create(name="Thành uỷ Hà Nội", kind=Organization.Kind.PARTY_COMMITTEE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="Thành ủy Hà Nội")
