"""PersonActivity: the person page's totals and chart, counted at write time, follow every write."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from articles import selectors
from articles.services import delete_article, publish_articles, unpublish_articles
from people.models import Meeting, PersonActivity, Role, Status
from people.services import activity_drift, merge_persons, publish_meetings, unpublish_meetings
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db


def shown(person):
    """(chaired, attended, {month: meetings}) as the person page shows them."""
    profile = selectors.person_profile(person=person)
    return profile["chaired_total"], profile["attended_total"], dict(profile["months"])


def test_counts_follow_publication_of_the_article():
    dung = make_person("Đinh Tiến Dũng")
    meeting = make_meeting("Hội nghị Thành ủy", status=Status.DRAFT, date=datetime.date(2024, 5, 20))
    add_participation(meeting, dung, role=Role.CHAIR)
    article = make_article(status=Status.DRAFT, meetings=[meeting])
    assert shown(dung) == (0, 0, {})  # drafts count for nobody

    publish_articles(articles=[article])
    assert shown(dung) == (1, 0, {datetime.date(2024, 5, 1): 1})

    unpublish_articles(articles=[article])
    assert shown(dung) == (0, 0, {})


def test_role_person_and_date_edits_on_a_published_meeting_move_the_counts():
    dung, hai = make_person("Đinh Tiến Dũng"), make_person("Nguyễn Văn Hải")
    meeting = make_meeting(date=datetime.date(2024, 5, 20))
    participation = add_participation(meeting, dung, role=Role.CHAIR)

    participation.role = Role.ATTENDEE
    participation.save()
    assert shown(dung) == (0, 1, {datetime.date(2024, 5, 1): 1})

    meeting.date = datetime.date(2023, 11, 2)
    meeting.save()
    assert shown(dung) == (0, 1, {datetime.date(2023, 11, 1): 1})

    participation.person = hai  # staff corrected who it was
    participation.save()
    assert shown(dung) == (0, 0, {})
    assert shown(hai) == (0, 1, {datetime.date(2023, 11, 1): 1})

    participation.delete()
    assert shown(hai) == (0, 0, {})


def test_undated_meetings_count_in_the_totals_but_not_in_the_chart():
    dung = make_person("Đinh Tiến Dũng")
    meeting = Meeting.objects.create(title="Hội nghị", status=Status.PUBLISHED, date=None, date_text="22/4")
    add_participation(meeting, dung, role=Role.CO_CHAIR)
    assert shown(dung) == (1, 0, {})


def test_meeting_status_changes_and_deleting_the_source_article():
    dung = make_person("Đinh Tiến Dũng")
    meeting = make_meeting(date=datetime.date(2024, 1, 9))
    add_participation(meeting, dung, role=Role.ATTENDEE)
    article = make_article(meetings=[meeting])
    unpublish_meetings(meetings=[meeting])
    assert shown(dung)[:2] == (0, 0)
    publish_meetings(meetings=[meeting])
    assert shown(dung)[:2] == (0, 1)
    delete_article(article=article)  # its only source: the meeting leaves public view
    assert shown(dung)[:2] == (0, 0)


def test_merging_two_persons_adds_their_meetings_up():
    dung, duplicate = make_person("Đinh Tiến Dũng"), make_person("Đinh Tiến Dũng", description="trùng")
    for day in (3, 4):
        add_participation(make_meeting(date=datetime.date(2024, 6, day)), dung, role=Role.CHAIR)
    shared = make_meeting(date=datetime.date(2024, 7, 1))
    add_participation(shared, dung, role=Role.ATTENDEE)
    add_participation(shared, duplicate, role=Role.ATTENDEE)  # the same person twice: counted once after
    add_participation(make_meeting(date=datetime.date(2024, 7, 2)), duplicate, role=Role.CHAIR)

    merge_persons(survivor=dung, merged=duplicate)
    assert shown(dung) == (3, 1, {datetime.date(2024, 6, 1): 2, datetime.date(2024, 7, 1): 2})
    assert not PersonActivity.objects.filter(person_id=duplicate.pk).exists()


def test_refresh_activity_command_finds_and_repairs_drift():
    dung = make_person("Đinh Tiến Dũng")
    add_participation(make_meeting(date=datetime.date(2024, 5, 20)), dung, role=Role.CHAIR)
    PersonActivity.objects.filter(person=dung).update(chaired=7)  # as a raw SQL write would leave it
    with pytest.raises(CommandError, match="1 person"):
        call_command("refresh_activity", "--check")
    call_command("refresh_activity")
    assert activity_drift() == []
    assert shown(dung)[0] == 1
