"""Reads about persons that more than one page needs."""

from django.db.models import Exists, F, OuterRef

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
    ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"): the post as last evidenced. Persons without titled
    participations are left out. (Tenures, when they exist, will say it better.)

    One statement, one uncorrelated subquery per person: with the person's id as a constant the
    planner knows how busy they are, and for the busiest official (tens of thousands of
    participations; sorting them all cost 0.5 s at 200k articles) walks the meetings newest
    first and probes each for them."""
    parts = []
    for person_id in dict.fromkeys(person_ids):
        newest = (
            Participation.objects.filter(person_id=person_id, meeting__status=Status.PUBLISHED)
            .exclude(titles_as_written=[])
            .order_by(F("meeting__date").desc(nulls_last=True), F("meeting_id").desc())
            .values("pk")[:1]
        )
        # Wrapped, as SQLite allows no LIMIT inside a UNION; an OR of the subqueries was planned
        # as a scan of every participation.
        parts.append(Participation.objects.filter(pk__in=newest).order_by().values("pk"))
    if not parts:
        return {}
    chosen = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    rows = Participation.objects.filter(pk__in=chosen).values_list("person_id", "titles_as_written")
    return {person_id: ", ".join(titles) for person_id, titles in rows if titles}
