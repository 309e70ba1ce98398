"""What the public pages read (selectors): person, meeting and article pages, the home page.

Plain functions with keyword-only arguments that return model instances or plain data, each page
in a constant number of queries. Search has its own package (articles/search/); exports read
through articles/export.py.
"""

import json
import re
from collections import defaultdict
from datetime import date

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from articles.models import Article, Mention
from people.models import CHAIR_ROLES, Meeting, Participation, Person, PersonActivity, Status
from people.names import name_key, normalize_spaces
from people.selectors import at_a_meeting_of_its_article, title_mentions

PERSON_LIST_LIMIT = 20  # newest meetings (and articles) per list on the person page, as a search page; the rest through search ("Xem tất cả")
TITLE_ROWS = 500  # newest participations (and mentions) the title timeline is built from (was 2000: 35 ms of the busiest page at 200k)


def person_profile(*, person, limit=PERSON_LIST_LIMIT):
    """Everything the person page shows, in a constant number of queries (lists capped at ``limit``).

    Totals and the monthly chart come from PersonActivity (counted at write time: a few hundred
    rows at most, whatever the number of meetings); the title timeline is aggregated by the
    database over the newest participations and mentions; the lists are LIMITed.
    """
    published = Participation.objects.filter(person=person, meeting__status=Status.PUBLISHED)
    chaired_total = attended_total = 0
    by_month = {}
    for month, chaired_n, attended_n in PersonActivity.objects.filter(person=person).values_list(
        "month", "chaired", "attended"
    ):
        chaired_total += chaired_n
        attended_total += attended_n
        if month is not None:
            by_month[month] = chaired_n + attended_n
    listing = published.select_related("meeting").order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id")
    chaired = list(listing.filter(role__in=CHAIR_ROLES)[:limit])
    attended = list(listing.exclude(role__in=CHAIR_ROLES)[:limit])
    mentions = Mention.objects.filter(person=person, article__status=Status.PUBLISHED)
    # Driven by the person's mentions (EXISTS on mention_person_article); the planner walks
    # article_published_desc for a busy person and the person's mentions for a rare one.
    articles = list(
        Article.objects.filter(status=Status.PUBLISHED)
        .filter(Exists(Mention.objects.filter(article=OuterRef("pk"), person=person)))
        .select_related("source")
        .defer("body")
        .order_by(F("published_at").desc(nulls_last=True), "-id")[:limit]
    )
    return {
        "aliases": list(person.aliases.order_by("name")),
        "chaired_total": chaired_total,
        "attended_total": attended_total,
        "chaired": chaired,
        "attended": attended,
        "months": sorted(by_month.items()),
        "titles": _title_timeline(person, published, mentions),
        "articles": articles,
    }


def _title_timeline(person, participations, mentions, *, links=3, rows=None):
    """Titles as written, with first and last seen date and a few source articles or meetings.

    Over the person's newest ``rows`` participations and ``rows`` mentions (the cap the page had
    before; older titles of an official with more meetings than that are not listed), the database
    groups the rows by their list of titles (a person has few distinct lists): per list, MIN/MAX
    date and the ``links`` newest distinct sources (PostgreSQL: sliced ordered arrays; elsewhere a
    DENSE_RANK window). Python merges lists that share a title (by name_key): its work grows with
    the distinct lists, not with the meetings.
    """
    from django.db.models import Max, Min, Window
    from django.db.models.functions import DenseRank

    rows = rows or TITLE_ROWS

    def ranked(queryset, day, source, narrow=lambda qs: qs):
        group = [F("titles_as_written")]
        newest = queryset.order_by(F(day).desc(nulls_last=True), F(source).desc()).values("pk")[:rows]
        return (
            narrow(queryset.filter(pk__in=newest))
            .annotate(
                first_seen=Window(Min(day), partition_by=group),
                last_seen=Window(Max(day), partition_by=group),
                rank=Window(
                    DenseRank(), partition_by=group, order_by=[F(day).desc(nulls_last=True), F(source).desc()]
                ),
            )
            .filter(rank__lte=links)
            .order_by()
        )

    if connection.vendor == "postgresql":
        meeting_rows, article_rows = _title_rows_postgresql(person, mentions, links, rows)
    else:
        meeting_rows = ranked(participations, "meeting__date", "meeting_id").values_list(
            "titles_as_written", "first_seen", "last_seen", "meeting_id", "meeting__date", "meeting__title"
        )
        # A mention's titles count only where no participation speaks for them (people.selectors).
        article_rows = ranked(mentions, "article__published_at", "article_id", title_mentions).values_list(
            "titles_as_written", "first_seen", "last_seen", "article_id", "article__published_at", "article__headline"
        )

    def local_day(when):
        return timezone.localtime(when).date() if when else None

    rows = []  # (kind order, -date, -id) so that links keep "meetings first, newest first"
    for titles, first, last, pk, day, label in meeting_rows:
        rows.append((0, day, pk, titles, first, last, ("meeting", pk, label)))
    for titles, first, last, pk, when, label in article_rows:
        rows.append((1, local_day(when), pk, titles, local_day(first), local_day(last), ("article", pk, label)))
    rows.sort(key=lambda r: (r[0], r[1] is None, -(r[1].toordinal() if r[1] else 0), -r[2]))

    seen = {}
    keys = {}  # name_key() per distinct title
    for _, _, _, titles, first, last, link in rows:
        for raw in titles or []:
            raw = str(raw)
            if raw not in keys:
                clean = normalize_spaces(raw)
                keys[raw] = (clean, name_key(clean) if clean else None)
            title, key = keys[raw]
            if not title:
                continue
            entry = seen.setdefault(key, {"title": title, "first": first, "last": last, "links": []})
            if first and (entry["first"] is None or first < entry["first"]):
                entry["first"] = first
            if last and (entry["last"] is None or last > entry["last"]):
                entry["last"] = last
            # One link per article or meeting (two mentions in one article give the same source).
            if len(entry["links"]) < links and all(link[:2] != seen_link[:2] for seen_link in entry["links"]):
                entry["links"].append(link)
    return sorted(seen.values(), key=lambda e: (e["first"] or date.max, e["title"]))


def _title_rows_postgresql(person, mentions, links, rows):
    """One GROUP BY per source on PostgreSQL over the person's newest ``rows`` participations or
    mentions (walked through meeting_date_desc / article_published_desc): per list of titles
    (grouped as text, collation "C": sorting jsonb cost 5x more), MIN/MAX date and the newest
    sources as sliced ordered arrays. Rows in the shape of the portable window query:
    (titles, first, last, id, date, label)."""
    take = links * 3  # duplicates (two roles in one meeting, two mentions in one article) are dropped by the caller

    def run(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("{take}", str(take)), params)
            for titles, first, last, ids, days, labels in cursor.fetchall():
                titles = json.loads(titles)
                for pk, day, label in zip(ids, days, labels, strict=False):
                    yield titles, first, last, pk, day, label

    # The inner query reads the newest rows through indexes only (date/published_at order, status
    # and ids); titles come from the matching participation/mention row; labels are fetched for
    # the sliced ids alone.
    grouped = """
        SELECT g.titles, g.first, g.last, g.ids, g.days,
               ARRAY(SELECT s.{label} FROM {table} s JOIN unnest(g.ids) WITH ORDINALITY u(id, n) ON u.id = s.id ORDER BY u.n)
        FROM (
            SELECT t.titles COLLATE "C" AS titles, MIN(t.day) AS first, MAX(t.day) AS last,
                   (ARRAY_AGG(t.id ORDER BY t.day DESC NULLS LAST, t.id DESC))[1:{take}] AS ids,
                   (ARRAY_AGG(t.day ORDER BY t.day DESC NULLS LAST, t.id DESC))[1:{take}] AS days
            FROM ({inner}) t(titles, day, id)
            GROUP BY 1
        ) g
    """
    meetings = run(
        grouped.replace("{label}", "title").replace("{table}", "people_meeting").replace(
            "{inner}",
            """
            SELECT p.titles_as_written::text AS titles, m.date AS day, m.id
            FROM people_participation p JOIN people_meeting m ON m.id = p.meeting_id
            WHERE p.person_id = %s AND m.status = %s
            ORDER BY m.date DESC NULLS LAST, m.id DESC LIMIT %s
            """,
        ),
        [person.pk, Status.PUBLISHED, rows],
    )
    # The newest mentions, then the title rule (people.selectors) on those few.
    newest = mentions.order_by(F("article__published_at").desc(nulls_last=True), F("article_id").desc()).values("pk")[:rows]
    inner, params = (
        title_mentions(Mention.objects.filter(pk__in=newest))
        .annotate(titles=Cast("titles_as_written", TextField()), day=F("article__published_at"))
        .values_list("titles", "day", "article_id")
        .query.sql_with_params()
    )
    articles = run(
        grouped.replace("{label}", "headline").replace("{table}", "articles_article").replace("{inner}", inner), params
    )
    return list(meetings), list(articles)


# --- Meeting and article pages ---------------------------------------------------------------


def published_meeting(*, pk):
    return Meeting.objects.filter(status=Status.PUBLISHED, pk=pk).select_related("organizer").first()


def meeting_details(*, meeting):
    participations = list(meeting.participations.select_related("person").order_by("role", "id"))
    groups = defaultdict(list)
    for participation in participations:
        groups[participation.role].append(participation)
    articles = list(
        meeting.articles.filter(status=Status.PUBLISHED)
        .select_related("source")
        .defer("body")
        .order_by(F("published_at").desc(nulls_last=True), "id")
    )
    return {"groups": [(role, groups[role]) for role in _ROLE_ORDER if groups.get(role)], "articles": articles}


_ROLE_ORDER = ("chair", "co_chair", "head_of_delegation", "speaker", "attendee")


def published_article(*, pk):
    return Article.objects.filter(status=Status.PUBLISHED, pk=pk).select_related("source").first()


def article_details(*, article):
    # Persons who took part in a meeting the article reports are listed with their participation
    # (its titles, as staff corrected them: people.selectors); the body still highlights everyone.
    mentions = list(
        article.mentions.select_related("person").annotate(at_meeting=at_a_meeting_of_its_article()).order_by("start", "id")
    )
    meetings = list(article.meetings.filter(status=Status.PUBLISHED).order_by("date", "id"))
    participations = list(
        Participation.objects.filter(meeting__in=[m.pk for m in meetings])
        .select_related("person", "meeting")
        .order_by("meeting_id", "role", "id")
    )
    return {
        "mentions": mentions,
        "meetings": meetings,
        "people": article_people(participations=participations, mentions=mentions, several_meetings=len(meetings) > 1),
    }


def article_people(*, participations, mentions, several_meetings=False):
    """Each person the article names, once: their roles at the meetings it reports (with the
    meeting when it reports several), or "named" when they took part in none of them; titles and
    quotations without repeats. A person is their Person, or for an unresolved name its name_key."""
    people, by_name = {}, {}

    def entry(person, name):
        key = ("person", person.pk) if person is not None else ("name", name_key(name))
        if key not in people and name_key(name) in by_name:  # the same name, resolved on one side only
            key = by_name[name_key(name)]
        by_name.setdefault(name_key(name), key)
        return people.setdefault(key, {"person": person, "name": name, "roles": [], "titles": [], "evidence": []})

    def add(found, *, titles, evidence):
        for title in titles or []:
            if title not in found["titles"]:
                found["titles"].append(title)
        if evidence and evidence not in found["evidence"]:
            found["evidence"].append(evidence)

    for p in participations:
        found = entry(p.person, p.name_as_written)
        found["person"] = found["person"] or p.person
        found["roles"].append({"label": p.get_role_display(), "meeting": p.meeting if several_meetings else None})
        add(found, titles=p.titles_as_written, evidence=p.evidence)
    for m in mentions:
        if m.at_meeting:
            continue  # its titles are the participation's (people.selectors.title_mentions)
        found = entry(m.person, m.name_as_written)
        found["person"] = found["person"] or m.person
        if not found["roles"] or found.get("named"):
            found["named"] = True
            add(found, titles=m.titles_as_written, evidence=m.evidence)
    for found in people.values():
        found["titles_display"] = ", ".join(found["titles"])
    return list(people.values())


def highlight_segments(*, body, mentions, pick=lambda mention: mention.person):
    """Split ``body`` into (text, person) pieces, person set where a recognised official is named
    (``pick`` chooses what a named piece carries and skips the mention when it gives None: the
    review screen takes every mention, resolved or not).

    A mention's start/end offsets are used when they still point at its name in the body;
    otherwise (and for every further occurrence) the name is found by string search.
    """
    spans = []
    for mention in mentions:
        value = pick(mention)
        if value is None:
            continue
        name = mention.name_as_written
        if (
            mention.start is not None
            and mention.end is not None
            and 0 <= mention.start < mention.end <= len(body)
            and name_key(body[mention.start : mention.end]) == mention.name_key
        ):
            spans.append((mention.start, mention.end, value))
        if name:
            for match in re.finditer(re.escape(name), body):
                spans.append((match.start(), match.end(), value))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    segments, position = [], 0
    for start, end, person in spans:
        if start < position:
            continue  # overlaps a span already taken
        if start > position:
            segments.append((body[position:start], None))
        segments.append((body[start:end], person))
        position = end
    if position < len(body):
        segments.append((body[position:], None))
    return segments


# --- Home ------------------------------------------------------------------------------------


def recent_meetings(*, limit=10):
    return list(
        Meeting.objects.filter(status=Status.PUBLISHED, date__isnull=False)
        .select_related("organizer")
        .order_by("-date", "-id")[:limit]
    )


def most_active_persons(*, limit=10, window=2000):
    """Persons with the most participations among the latest ``window`` published meetings (bounded work)."""
    latest = Meeting.objects.filter(status=Status.PUBLISHED).order_by(F("date").desc(nulls_last=True), "-id")
    rows = list(
        Participation.objects.filter(meeting__in=latest.values("pk")[:window], person__isnull=False)
        .values("person")
        .annotate(n=Count("id"))
        .order_by("-n", "person")[:limit]
    )
    by_pk = Person.objects.in_bulk([row["person"] for row in rows])
    return [(by_pk[row["person"]], row["n"]) for row in rows if row["person"] in by_pk]



def example_person_name():
    """A name the search box can suggest typing: the chair of the newest published meeting that
    has one (a real, public official; found through the meetings' date index). None when there is
    none. One statement."""
    return (
        Participation.objects.filter(meeting__status=Status.PUBLISHED, role__in=CHAIR_ROLES, person__isnull=False)
        .order_by(F("meeting__date").desc(nulls_last=True), F("meeting_id").desc(), "id")
        .values_list("person__full_name", flat=True)
        .first()
    )


LISTED_PARTICIPATION_FIELDS = (
    "meeting_id", "person_id", "role", "name_as_written", "titles_as_written", "person__full_name", "person__slug"
)


def attach_chairs(meetings, *, everyone=False, person=None):
    """Attach each meeting's chairs as ``meeting.chairs`` (one query for the whole list); with
    ``everyone``, all its participants too as ``meeting.participants`` (the search page looks
    among them for the ones the words name), with ``person`` that person's participations."""
    # Only what a list shows: every participant's evidence sentence and edit bookkeeping were
    # most of what these rows read and decoded.
    participations = (
        Participation.objects.filter(meeting__in=[m.pk for m in meetings])
        .select_related("person")
        .only(*LISTED_PARTICIPATION_FIELDS)
    )
    if not everyone:
        shown = Q(role__in=CHAIR_ROLES)
        participations = participations.filter((shown | Q(person=person)) if person else shown)
    by_meeting = {}
    for participation in participations.order_by("meeting_id", "role", "id"):
        by_meeting.setdefault(participation.meeting_id, []).append(participation)
    for meeting in meetings:
        meeting.participants = by_meeting.get(meeting.pk, [])
        meeting.chairs = [p for p in meeting.participants if p.role in CHAIR_ROLES]
    return meetings
