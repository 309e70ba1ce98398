"""Reads about persons that more than one page needs."""

from django.db.models import Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber

from people.models import Participation, Status


def at_a_meeting_of_its_article():
    """For a mention: its person took part in a published meeting its article reports."""
    return Exists(
        Participation.objects.filter(
            person_id=OuterRef("person_id"), meeting__status=Status.PUBLISHED, meeting__articles=OuterRef("article_id")
        )
    )


def title_mentions(mentions):
    """The one rule for a person's titles at a meeting: they come from the participation (where
    staff correct them), never from the article's mention of the same person beside it.

    Narrows ``mentions`` (a queryset of mentions) to those that still speak for a title: the
    ones whose person took part in no published meeting their article reports. Every page that
    lists titles (person timeline, meeting page, article page, CSV, JSON) reads participations
    for meetings and only these mentions for articles, so a corrected title shows everywhere and
    the uncorrected one nowhere.
    """
    return mentions.exclude(at_a_meeting_of_its_article())


def current_post_labels(*, person_ids):
    """{person id: their titles at their newest published meeting that records any}, as written
    ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"): the post as last evidenced. One statement; persons
    with no titled participation are left out. (Tenures, when they exist, will say it better.)"""
    if not person_ids:
        return {}
    newest = (
        Participation.objects.filter(person_id__in=list(person_ids), meeting__status=Status.PUBLISHED)
        .exclude(titles_as_written=[])
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("person_id")],
                order_by=[F("meeting__date").desc(nulls_last=True), F("meeting_id").desc()],
            )
        )
        .filter(rank=1)
        .values_list("person_id", "titles_as_written")
    )
    return {person_id: ", ".join(titles) for person_id, titles in newest if titles}
