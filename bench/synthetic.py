"""Deterministic synthetic archives: published articles, meetings, officials, participations.

Shape of an archive of N articles (all PUBLISHED, like the public pages serve):
- persons: max(60, N // 10) officials named "Họ Đệm Tên"; a few of them (low ranks) are the top
  leaders. Official frequency is Zipf-distributed: person of rank r takes part in meetings with
  weight 1 / (r + 1) ** 0.9 (chairs: ** 1.1), so at 200k articles the busiest official has tens of
  thousands of meetings and the median one a few dozen;
- one meeting per article (and ~8% of articles also report the previous meeting), 1 chair, a
  co-chair one time in four, 2-7 attendees, a speaker 40% of the time: ~6 participations and
  ~6 mentions per article (≈ 1.2M participation rows at 200k);
- ~270 organizations (provincial party committees, people's councils and committees, ministries),
  28 outlets, dates spread over 20 years (2006-2025), bodies of ~250-400 words.

Loading: PostgreSQL COPY (psycopg 3 ``cursor.copy()``) with explicit column lists taken from the
Django models, so columns the models do not declare (the generated ``search_vector``) are left to
the database; any other database gets ``bulk_create`` in large batches. Growing an archive
(2k → 20k) appends articles; the person pool grows with it.
"""

import bisect
import datetime as dt
import hashlib
import itertools
import json
import random
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connections, models, transaction

from bench import vocab
from people.names import fold, name_key, slug_for

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START_DATE = dt.date(2006, 1, 1)
DAYS = (dt.date(2025, 12, 31) - START_DATE).days
ZIPF_ATTEND = 0.9
ZIPF_CHAIR = 1.1
CHUNK = 5000


def person_count(n_articles):
    return max(60, n_articles // 10)


# ---------------------------------------------------------------- people and organizations


def _weighted(pairs):
    names = [n for n, _ in pairs]
    cum = list(itertools.accumulate(w for _, w in pairs))
    return names, cum


_SURNAMES, _SURNAME_CUM = _weighted(vocab.SURNAMES)


def person_name(rng):
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    return f"{surname} {rng.choice(vocab.MIDDLE_NAMES)} {rng.choice(vocab.GIVEN_NAMES)}"


def _prov_label(prov, is_city):
    return ("thành phố " if is_city else "tỉnh ") + prov


def _party_org(prov, is_city):
    return ("Thành ủy " if is_city else "Tỉnh ủy ") + prov


def person_titles(rng, rank):
    """Titles as written for the official of this rank (rank 0 is the busiest)."""
    prov, is_city = rng.choice(vocab.PROVINCES)
    if rank < len(vocab.CENTRAL_TITLES):
        return ["Ủy viên Bộ Chính trị", vocab.CENTRAL_TITLES[rank]]
    if rank < 150:
        return ["Ủy viên Trung ương Đảng", rng.choice([
            f"Bí thư {_party_org(prov, is_city)}",
            f"Bộ trưởng Bộ {rng.choice(vocab.MINISTRIES)}",
            f"Chủ tịch UBND {_prov_label(prov, is_city)}",
        ])]
    return [rng.choice([
        f"Phó Bí thư {_party_org(prov, is_city)}",
        f"Phó Chủ tịch UBND {_prov_label(prov, is_city)}",
        f"Chủ tịch HĐND {_prov_label(prov, is_city)}",
        f"Thứ trưởng Bộ {rng.choice(vocab.MINISTRIES)}",
        f"Giám đốc Sở {rng.choice(vocab.DEPARTMENTS)}",
        f"Trưởng Ban Dân vận {_party_org(prov, is_city)}",
        f"Trưởng Ban Tuyên giáo {_party_org(prov, is_city)}",
        "Bí thư Huyện ủy",
        "Chủ tịch UBND huyện",
    ])]


def make_person(seed, rank):
    rng = random.Random(f"{seed}:person:{rank}")
    full_name = person_name(rng)
    titles = person_titles(rng, rank)
    return {"full_name": full_name, "titles": titles}


def organizations():
    """The fixed set of organizations: (name, kind)."""
    orgs = []
    for prov, is_city in vocab.PROVINCES:
        label = _prov_label(prov, is_city)
        orgs.append((_party_org(prov, is_city), "party_committee"))
        orgs.append((f"HĐND {label}", "peoples_council"))
        orgs.append((f"UBND {label}", "peoples_committee"))
        orgs.append((f"Ủy ban MTTQ Việt Nam {label}", "front"))
    for ministry in vocab.MINISTRIES:
        orgs.append((f"Bộ {ministry}", "ministry"))
    return orgs


# ---------------------------------------------------------------- articles


@dataclass
class Pool:
    """The officials an archive draws from, by rank, with the Zipf cumulative weights."""

    seed: int
    people: list = field(default_factory=list)  # [{"full_name", "titles"}], index = rank
    attend_cum: list = field(default_factory=list)
    chair_cum: list = field(default_factory=list)

    @classmethod
    def of_size(cls, seed, size):
        pool = cls(seed)
        pool.people = [make_person(seed, r) for r in range(size)]
        pool.attend_cum = list(itertools.accumulate(1 / (r + 1) ** ZIPF_ATTEND for r in range(size)))
        pool.chair_cum = list(itertools.accumulate(1 / (r + 1) ** ZIPF_CHAIR for r in range(size)))
        return pool

    def draw(self, rng, cum):
        return bisect.bisect_left(cum, rng.random() * cum[-1])


def _fmt_person(person):
    return f"{person['full_name']}, {', '.join(person['titles'])}"


def _sentence(rng, template, ctx):
    return template.format(
        topic=rng.choice(vocab.TOPICS),
        topic2=rng.choice(vocab.TOPICS),
        period=rng.choice(vocab.PERIODS),
        verb=rng.choice(vocab.VERBS),
        pct=f"{rng.randint(50, 130)},{rng.randint(0, 9)}",
        num=f"{rng.randint(1, 99)}.{rng.randint(100, 999)}",
        num2=rng.randint(3, 900),
        **ctx,
    )


def make_article(seed, index, pool):
    """One article: its text and what a careful reader would extract from it (a dict)."""
    rng = random.Random(f"{seed}:article:{index}")
    day = START_DATE + dt.timedelta(days=rng.randrange(DAYS))
    kind, kind_text, _ = rng.choices(vocab.MEETING_KINDS, weights=[w for *_, w in vocab.MEETING_KINDS])[0]
    prov, is_city = rng.choice(vocab.PROVINCES)
    org_index = rng.randrange(len(ORGS))
    org_name = ORGS[org_index][0]
    topic = rng.choice(vocab.TOPICS)
    place = rng.choice([
        f"trụ sở {_party_org(prov, is_city)}", "Hà Nội", "Nhà Quốc hội", "Trụ sở Chính phủ",
        f"Trung tâm Hội nghị {_prov_label(prov, is_city)}",
    ])

    # Participants: distinct officials, the chair drawn from a steeper Zipf.
    chosen = {}
    chair = pool.draw(rng, pool.chair_cum)
    chosen[chair] = "chair"
    roles = []
    if rng.random() < 0.25:
        roles.append("co_chair")
    roles += ["attendee"] * rng.randint(2, 7)
    if rng.random() < 0.4:
        roles.append("speaker")
    for role in roles:
        for _ in range(10):
            rank = pool.draw(rng, pool.attend_cum)
            if rank not in chosen:
                chosen[rank] = role
                break
    participants = [(rank, role, pool.people[rank]) for rank, role in chosen.items()]

    chair_p = pool.people[chair]
    lead = (
        f"{rng.choice(vocab.PART_OF_DAY)} {day.day}/{day.month}, tại {place}, {org_name} tổ chức "
        f"{kind_text} về {topic}."
    )
    evidence = {}
    evidence[chair] = f"Đồng chí {_fmt_person(chair_p)} chủ trì {kind_text}."
    paragraphs = [lead + " " + evidence[chair]]
    co = [r for r, role, _ in participants if role == "co_chair"]
    for rank in co:
        evidence[rank] = f"Cùng chủ trì có đồng chí {_fmt_person(pool.people[rank])}."
        paragraphs[0] += " " + evidence[rank]
    attendees = [r for r, role, _ in participants if role == "attendee"]
    if attendees:
        listing = "; ".join(_fmt_person(pool.people[r]) for r in attendees)
        sentence = f"Tham dự {kind_text} có các đồng chí: {listing}."
        paragraphs.append(sentence)
        for rank in attendees:
            evidence[rank] = f"Tham dự {kind_text} có đồng chí {_fmt_person(pool.people[rank])}."
    ctx = {"org": org_name, "year": day.year, "place": place, "kind": kind_text, "chair": chair_p["full_name"]}
    body_sentences = [_sentence(rng, t, ctx) for t in rng.choices(vocab.SENTENCES, k=rng.randint(9, 15))]
    if rng.random() < 0.03:
        body_sentences.insert(rng.randrange(len(body_sentences)), vocab.RARE_SENTENCE.format(rare=rng.choice(vocab.RARE_PHRASES)))
    for rank in [r for r, role, _ in participants if role == "speaker"]:
        evidence[rank] = f"Phát biểu tại {kind_text}, đồng chí {_fmt_person(pool.people[rank])} nhấn mạnh yêu cầu {rng.choice(vocab.TOPICS)}."
        body_sentences.insert(len(body_sentences) // 2, evidence[rank])
    for start in range(0, len(body_sentences), 3):
        paragraphs.append(" ".join(body_sentences[start:start + 3]))
    body = "\n\n".join(paragraphs)

    title_short = chair_p["titles"][-1]
    headline = rng.choice(vocab.HEADLINES).format(
        title_short=title_short, name=chair_p["full_name"], verb_cap=rng.choice(vocab.VERBS).capitalize(),
        verb=rng.choice(vocab.VERBS), topic=topic, prov=prov, kind=kind_text, kind_cap=kind_text.capitalize(),
        party_org=_party_org(prov, is_city), period=rng.choice(vocab.PERIODS),
    )
    published = dt.datetime.combine(day + dt.timedelta(days=rng.randint(0, 2)), dt.time(rng.randint(6, 22), rng.randrange(60)), TZ)
    source_index = rng.randrange(len(vocab.OUTLETS))
    return {
        "index": index,
        "headline": headline,
        "body": body,
        "published_at": published,
        "source_index": source_index,
        "byline": person_name(rng),
        "meeting": {
            "kind": kind, "kind_text": kind_text, "title": f"{kind_text.capitalize()} về {topic}",
            "date": day, "date_text": f"{day.day}/{day.month}", "place": place, "org_index": org_index,
        },
        "participants": [(rank, role, evidence[rank]) for rank, role, _ in participants],
    }


ORGS = organizations()


def article_text(article):
    """The article as a scraped text file: headline, a publication stamp, body, byline."""
    published = article["published_at"]
    stamp = f"{vocab.WEEKDAYS[published.weekday()]}, {published:%d/%m/%Y} | {published:%H:%M}"
    outlet = vocab.OUTLETS[article["source_index"]][0]
    return f"{article['headline']}\n\n  • Cập nhật: {stamp}\n\n{article['body']}\n\n{article['byline']}\n{outlet}\n"


def texts(count, seed=7, pool_size=2000):
    """``count`` raw article texts (for extraction and ingestion runs), no database needed."""
    pool = Pool.of_size(seed, pool_size)
    return [article_text(make_article(seed + 1, i, pool)) for i in range(count)]


# ---------------------------------------------------------------- loading


class Loader:
    """Writes rows for one model: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self, using):
        self.using = using
        self.connection = connections[using]
        self.copy = self.connection.vendor == "postgresql"

    def write(self, model, rows):
        if not rows:
            return
        if not self.copy:
            model.objects.using(self.using).bulk_create([model(**row) for row in rows], batch_size=2000)
            return
        fields = [f for f in model._meta.concrete_fields if not f.generated]  # generated columns: computed by PostgreSQL
        columns = ", ".join(self.connection.ops.quote_name(f.column) for f in fields)
        defaults = {f.attname: f.get_default() for f in fields}
        is_json = {f.attname for f in fields if isinstance(f, models.JSONField)}
        sql = f"COPY {self.connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        with self.connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                values = []
                for f in fields:
                    value = row.get(f.attname, defaults[f.attname])
                    if f.attname in is_json:
                        value = json.dumps(value, ensure_ascii=False)
                    values.append(value)
                copy.write_row(values)

    def reset_sequences(self, model_list):
        if not self.copy:
            return
        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), model_list):
                cursor.execute(sql)


class PostsByRank:
    """The posts an official's titles name, parsed once per official (articles/posts.py): [(post id, title)]."""

    def __init__(self, pool):
        self.pool = pool
        self.known = {}

    def __call__(self, rank):
        if rank not in self.known:
            from articles.posts import specs_for
            from people.tenures import post_for

            self.known[rank] = [
                (post_for(name=s.name, role=s.role, organization=s.organization, single_holder=s.single_holder).pk, s.title)
                for s in specs_for(self.pool.people[rank]["titles"], home={})
            ]
        return self.known[rank]


def _next_id(model, using):
    top = model.objects.using(using).aggregate(m=models.Max("id"))["m"]
    return (top or 0) + 1


def build(n_articles, *, seed=1, using="default", progress=None):
    """Grow the archive in ``using`` to ``n_articles`` generated articles; returns stats.

    Idempotent for a given seed: the articles already there (counted) are not generated again.
    The database must hold nothing but what this function wrote.
    """
    from articles.models import Article, Mention, Original, Source
    from people.models import Meeting, Organization, Participation, Person, PostEvidence, Status
    from people.services import rebuild_activity

    started = time.monotonic()
    loader = Loader(using)
    now = dt.datetime.now(dt.UTC)
    have = Article.objects.using(using).count()
    if have >= n_articles:
        return {"articles": have, "generated": 0, "seconds": 0.0}

    with transaction.atomic(using=using):
        # Outlets and organizations: fixed sets, created once.
        if not Source.objects.using(using).exists():
            loader.write(Source, [
                {"id": i + 1, "name": name, "name_key": name_key(name), "slug": slug_for(name)[:100], "site": site}
                for i, (name, site) in enumerate(vocab.OUTLETS)
            ])
            kinds = {"party_committee", "peoples_council", "peoples_committee", "ministry", "front"}
            loader.write(Organization, [
                {"id": i + 1, "name": name, "name_key": name_key(name), "search_key": fold(name),
                 "slug": slug_for(name)[:100], "kind": kind if kind in kinds else "other"}
                for i, (name, kind) in enumerate(ORGS)
            ])
            loader.reset_sequences([Source, Organization])  # the posts' organisations are created through the ORM
        source_ids = list(Source.objects.using(using).order_by("id").values_list("id", flat=True))
        org_ids = list(Organization.objects.using(using).order_by("id").values_list("id", flat=True))

        # Persons: rank r is the r-th person by id; the pool grows with the archive.
        size = person_count(n_articles)
        existing = list(Person.objects.using(using).order_by("id").values_list("id", "slug"))
        pool = Pool.of_size(seed, size)
        slugs = {slug for _, slug in existing}
        person_ids = [pk for pk, _ in existing]
        new_people = []
        next_person = _next_id(Person, using)
        for rank in range(len(existing), size):
            person = pool.people[rank]
            base = slug_for(person["full_name"])[:80]
            slug, n = base, 1
            while slug in slugs:
                n += 1
                slug = f"{base}-{n}"
            slugs.add(slug)
            pk = next_person + len(new_people)
            person_ids.append(pk)
            new_people.append({
                "id": pk, "full_name": person["full_name"], "name_key": name_key(person["full_name"]),
                "search_key": fold(person["full_name"]), "slug": slug, "description": ", ".join(person["titles"]),
                "created_at": now, "updated_at": now,
            })
        loader.write(Person, new_people)
    if progress:
        progress(f"  persons: {len(person_ids)} ({len(new_people)} new)")

    ArticleMeetings = Article.meetings.through
    ArticleOrgs = Article.organizations.through
    next_ids = {m: _next_id(m, using) for m in (Article, Original, Meeting, Participation, Mention, ArticleMeetings, ArticleOrgs,
                                                PostEvidence)}
    posts_of_rank = PostsByRank(pool)
    published_status = Status.PUBLISHED
    for chunk_start in range(have, n_articles, CHUNK):
        chunk = range(chunk_start, min(chunk_start + CHUNK, n_articles))
        rows = {m: [] for m in next_ids}
        for index in chunk:
            art = make_article(seed, index, pool)
            ids = {m: next_ids[m] + len(rows[m]) for m in (Article, Original, Meeting)}
            content = f"bench:{seed}:{index}\n{art['headline']}".encode()
            rows[Original].append({
                "id": ids[Original], "content": content, "filename": f"bench-{seed}-{index}.txt", "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(), "uploaded_at": now,
            })
            meeting = art["meeting"]
            rows[Meeting].append({
                "id": ids[Meeting], "kind": meeting["kind"], "kind_text": meeting["kind_text"], "title": meeting["title"],
                "date": meeting["date"], "date_text": meeting["date_text"], "place": meeting["place"],
                "organizer_id": org_ids[meeting["org_index"]], "status": published_status,
                "created_at": now, "updated_at": now,
            })
            rows[Article].append({
                "id": ids[Article], "headline": art["headline"], "source_id": source_ids[art["source_index"]],
                "url": f"https://{vocab.OUTLETS[art['source_index']][1]}/bai-viet-{seed}-{index}.html",
                "published_at": art["published_at"], "byline": art["byline"], "body": art["body"],
                "status": published_status, "original_id": ids[Original],
                "body_fingerprint": hashlib.sha1(art["body"].encode()).hexdigest(),
                "extractor_version": "bench", "created_at": now, "updated_at": now,
            })
            rows[ArticleMeetings].append({"id": next_ids[ArticleMeetings] + len(rows[ArticleMeetings]),
                                          "article_id": ids[Article], "meeting_id": ids[Meeting]})
            if index and index % 12 == 0:  # a follow-up report of the previous meeting
                rows[ArticleMeetings].append({"id": next_ids[ArticleMeetings] + len(rows[ArticleMeetings]),
                                              "article_id": ids[Article], "meeting_id": ids[Meeting] - 1})
            rows[ArticleOrgs].append({"id": next_ids[ArticleOrgs] + len(rows[ArticleOrgs]),
                                      "article_id": ids[Article], "organization_id": org_ids[meeting["org_index"]]})
            for rank, role, evidence in art["participants"]:
                person = pool.people[rank]
                participation_id = next_ids[Participation] + len(rows[Participation])
                rows[Participation].append({
                    "id": participation_id, "meeting_id": ids[Meeting],
                    "person_id": person_ids[rank], "role": role, "name_as_written": person["full_name"],
                    "titles_as_written": person["titles"], "evidence": evidence, "origin": "extracted",
                })
                for post_id, title in posts_of_rank(rank):  # what articles/posts.py would read from the titles
                    rows[PostEvidence].append({"id": next_ids[PostEvidence] + len(rows[PostEvidence]), "post_id": post_id,
                                               "participation_id": participation_id, "meeting_id": ids[Meeting],
                                               "title_as_written": title})
                rows[Mention].append({
                    "id": next_ids[Mention] + len(rows[Mention]), "article_id": ids[Article], "person_id": person_ids[rank],
                    "name_as_written": person["full_name"], "name_key": name_key(person["full_name"]),
                    "titles_as_written": person["titles"], "evidence": evidence,
                })
        with transaction.atomic(using=using):
            for model in (Original, Meeting, Article, ArticleMeetings, ArticleOrgs, Participation, Mention, PostEvidence):
                loader.write(model, rows[model])
        for model in rows:
            next_ids[model] += len(rows[model])
        if progress:
            progress(f"  articles: {chunk.stop}/{n_articles} ({time.monotonic() - started:.0f} s)")

    loader.reset_sequences([Source, Organization, Person, Original, Meeting, Article, Participation, Mention,
                            ArticleMeetings, ArticleOrgs, PostEvidence])
    if progress:
        progress("  person activity per month and tenures")
    rebuild_activity(using=using)  # the rows above bypassed the services that keep it (tenures with it)
    return {"articles": n_articles, "generated": n_articles - have, "persons": len(person_ids),
            "seconds": round(time.monotonic() - started, 1)}
