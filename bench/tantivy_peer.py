"""The peer a user might pick instead of PostgreSQL: the same archive in Tantivy (the engine
paperless-ngx moved to), with the same fields, filters and facets, searched with the same rules.

Three indexes under var/bench/tantivy-<size>/ (built once from the archive's database, reused):
- ``persons``: every public name holder: persons who took part in a published meeting (folded
  name and aliases, meetings counted in PersonActivity) and unresolved participants of published
  meetings (folded name as written), so participant-name routes are computed the same way;
- ``meetings``: published meetings: folded title, day, year, month, kind, organiser, outlets of
  the published articles reporting them, participants (all, chairs, others), unresolved ones;
- ``articles``: published articles: folded headline + body, day, year, month, outlet, the kinds
  and organisers of the meetings they report and their own organisations, persons named, and
  persons chairing / attending the meetings they report.

Text is tokenised and folded by Tantivy itself (an analyzer "vn": words of letters and digits,
lowercased, ASCII-folded: "Đinh Tiến Dũng" → dinh tien dung, as people.names.fold does); the
query is parsed by the app's own parser (articles.search.text.parse_query). ``compare`` runs
the benchmark's search mix through both engines at the selector level and reports times and
whether the tab totals agree (PostgreSQL's are exact up to 2 000; beyond, both say "2 000+").
"""

import json
import shutil
import statistics
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

CHUNK = 20_000
UNRESOLVED_BASE = 10**12  # holder ids of unresolved participants: participation id + this


def _day(value):
    return value.year * 10000 + value.month * 100 + value.day


def _schemas():
    import tantivy

    persons = tantivy.SchemaBuilder()
    persons.add_unsigned_field("holder", stored=True, fast=True, indexed=True)
    persons.add_text_field("name", tokenizer_name="vn")
    persons.add_unsigned_field("meetings", fast=True)
    meetings = tantivy.SchemaBuilder()
    articles = tantivy.SchemaBuilder()
    for builder in (meetings, articles):
        builder.add_unsigned_field("id", stored=True, fast=True, indexed=True)
        builder.add_text_field("text", tokenizer_name="vn")
        for name in ("day", "year", "month"):
            builder.add_integer_field(name, fast=True, indexed=True)
    for name in ("kind", "org", "sources"):
        meetings.add_text_field(name, fast=True, tokenizer_name="raw")
    for name in ("persons", "chairs", "attends", "unresolved"):
        meetings.add_unsigned_field(name, fast=True, indexed=True)
    for name in ("source", "kinds", "orgs"):
        articles.add_text_field(name, fast=True, tokenizer_name="raw")
    for name in ("persons", "chair_via", "attend_via"):
        articles.add_unsigned_field(name, fast=True, indexed=True)
    return persons.build(), meetings.build(), articles.build()


def _analyzer():
    import tantivy

    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def _open(schema, path):
    import tantivy

    index = tantivy.Index(schema, path=str(path))
    index.register_tokenizer("vn", _analyzer())
    return index


def _writer(path, schema):
    path.mkdir(parents=True, exist_ok=True)
    index = _open(schema, path)
    return index, index.writer(heap_size=400_000_000, num_threads=2)


def _document(**fields):
    import tantivy

    doc = tantivy.Document()
    for name, values in fields.items():
        for value in values if isinstance(values, (list, set, tuple)) else [values]:
            if value is None:
                continue
            if isinstance(value, str):
                doc.add_text(name, value)
            elif name in ("day", "year", "month"):
                doc.add_integer(name, value)
            else:
                doc.add_unsigned(name, value)
    return doc


def _chunks(queryset, *fields):
    """(ids, rows) of ``queryset`` in id order, CHUNK rows at a time (keyset pagination)."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk").values_list(*fields)[:CHUNK])
        if not rows:
            return
        ids = [r[0] for r in rows]
        last = ids[-1]
        yield ids, rows


def build(path, *, log=print):
    """Index the published archive of the current database into ``path`` (replaced)."""
    from django.db.models import Sum
    from django.utils import timezone

    from articles.models import Article, Mention
    from people.models import CHAIR_ROLES, Meeting, Participation, Person, PersonActivity, PersonAlias, Status

    started = time.monotonic()
    shutil.rmtree(path, ignore_errors=True)
    persons_schema, meetings_schema, articles_schema = _schemas()
    ArticleMeeting, ArticleOrganization = Article.meetings.through, Article.organizations.through

    index, writer = _writer(path / "persons", persons_schema)
    activity = dict(
        PersonActivity.objects.values("person_id").annotate(n=Sum("chaired") + Sum("attended")).values_list("person_id", "n")
    )
    aliases = defaultdict(list)
    for person_id, key in PersonAlias.objects.values_list("person_id", "search_key").iterator(chunk_size=CHUNK):
        aliases[person_id].append(key)
    for pk, key in Person.objects.filter(pk__in=list(activity)).values_list("pk", "search_key").iterator(chunk_size=CHUNK):
        writer.add_document(_document(holder=pk, name=[key, *aliases.get(pk, [])], meetings=activity[pk]))
    unresolved = Participation.objects.filter(person__isnull=True, meeting__status=Status.PUBLISHED)
    for pk, name in unresolved.values_list("pk", "name_as_written").iterator(chunk_size=CHUNK):
        writer.add_document(_document(holder=UNRESOLVED_BASE + pk, name=name, meetings=1))
    writer.commit()
    log(f"  tantivy persons: {len(activity)} ({time.monotonic() - started:.0f} s)")

    index, writer = _writer(path / "meetings", meetings_schema)
    published = Meeting.objects.filter(status=Status.PUBLISHED)
    for ids, rows in _chunks(published, "pk", "title", "date", "kind", "organizer__slug"):
        people = defaultdict(lambda: (set(), set(), set(), set()))
        for meeting_id, pk, person_id, role in Participation.objects.filter(meeting_id__in=ids).values_list(
            "meeting_id", "pk", "person_id", "role"
        ):
            everyone, chairs, attends, unknown = people[meeting_id]
            if person_id is None:
                unknown.add(UNRESOLVED_BASE + pk)
                continue
            everyone.add(person_id)
            (chairs if role in CHAIR_ROLES else attends).add(person_id)
        sources = defaultdict(set)
        for meeting_id, slug in ArticleMeeting.objects.filter(
            meeting_id__in=ids, article__status=Status.PUBLISHED, article__source__isnull=False
        ).values_list("meeting_id", "article__source__slug"):
            sources[meeting_id].add(slug)
        for pk, title, day, kind, org in rows:
            everyone, chairs, attends, unknown = people[pk]
            writer.add_document(_document(
                id=pk, text=title or "", kind=kind, org=org, sources=sources[pk], persons=everyone, chairs=chairs,
                attends=attends, unresolved=unknown, **({"day": _day(day), "year": day.year, "month": day.month} if day else {}),
            ))
    writer.commit()
    log(f"  tantivy meetings indexed ({time.monotonic() - started:.0f} s)")

    index, writer = _writer(path / "articles", articles_schema)
    published = Article.objects.filter(status=Status.PUBLISHED)
    for ids, rows in _chunks(published, "pk", "headline", "body", "published_at", "source__slug"):
        kinds, orgs, named, chair_via, attend_via = (defaultdict(set) for _ in range(5))
        reported = defaultdict(list)
        for article_id, meeting_id, kind, org in ArticleMeeting.objects.filter(
            article_id__in=ids, meeting__status=Status.PUBLISHED
        ).values_list("article_id", "meeting_id", "meeting__kind", "meeting__organizer__slug"):
            kinds[article_id].add(kind)
            reported[meeting_id].append(article_id)
            if org:
                orgs[article_id].add(org)
        for article_id, slug in ArticleOrganization.objects.filter(article_id__in=ids).values_list(
            "article_id", "organization__slug"
        ):
            orgs[article_id].add(slug)
        for meeting_id, person_id, role in Participation.objects.filter(
            meeting_id__in=list(reported), person__isnull=False
        ).values_list("meeting_id", "person_id", "role"):
            for article_id in reported[meeting_id]:
                (chair_via if role in CHAIR_ROLES else attend_via)[article_id].add(person_id)
        for article_id, person_id in Mention.objects.filter(article_id__in=ids, person__isnull=False).values_list(
            "article_id", "person_id"
        ):
            named[article_id].add(person_id)
        for pk, headline, body, published_at, source in rows:
            day = timezone.localtime(published_at).date() if published_at else None
            writer.add_document(_document(
                id=pk, text=f"{headline or ''}\n{(body or '')[:200_000]}", source=source, kinds=kinds[pk],
                orgs=orgs[pk], persons=named[pk], chair_via=chair_via[pk], attend_via=attend_via[pk],
                **({"day": _day(day), "year": day.year, "month": day.month} if day else {}),
            ))
    writer.commit()
    seconds = time.monotonic() - started
    (path / "marker.json").write_text(json.dumps({"seconds": round(seconds), "persons": len(activity)}))
    log(f"  tantivy index built in {seconds:.0f} s")
    return {"seconds": round(seconds)}


class Peer:
    """The search page's selectors, answered by Tantivy."""

    def __init__(self, path):
        import tantivy

        self.tantivy = tantivy
        self.schemas = dict(zip(("persons", "meetings", "articles"), _schemas(), strict=True))
        self.searchers = {}
        for name, schema in self.schemas.items():
            index = _open(schema, path / name)
            index.reload()
            self.searchers[name] = index.searcher()

    # --- queries

    def _term(self, index, field, term):
        words = list(term.words)
        schema = self.schemas[index]
        if len(words) == 1:
            return self.tantivy.Query.term_query(schema, field, words[0])
        return self.tantivy.Query.phrase_query(schema, field, words)

    def _all(self, clauses):
        Occur, Query = self.tantivy.Occur, self.tantivy.Query
        clauses = [c for c in clauses if c is not None]
        if not clauses:
            return Query.all_query()
        must = [(Occur.MustNot if negate else Occur.Must, q) for negate, q in clauses]
        if all(o == Occur.MustNot for o, _ in must):
            must.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(must)

    def _any(self, queries):
        Occur, Query = self.tantivy.Occur, self.tantivy.Query
        queries = [q for q in queries if q is not None]
        if not queries:
            return Query.empty_query()
        return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Should, q) for q in queries])

    def _text(self, index, terms):
        return [(t.negated, self._term(index, "text", t)) for t in terms]

    def _holders(self, term):
        searcher = self.searchers["persons"]
        hits = searcher.search(self._term("persons", "name", term), limit=max(searcher.num_docs, 1), count=False).hits
        addresses = [address for _, address in hits]
        holders = searcher.fast_field_values("holder", addresses)
        meetings = searcher.fast_field_values("meetings", addresses)
        return dict(zip(holders, meetings, strict=True))

    def _meeting_text(self, terms):
        """Same rule as articles/search/names.py: title, or title + one participant's name (longest first)."""
        from articles.search.names import NAME_ROUTE_MAX_WORDS

        Query = self.tantivy.Query
        wanted = [t for t in terms if not t.negated]
        excluded = [t for t in terms if t.negated]
        options = [self._all(self._text("meetings", terms))]
        if wanted:
            masks, meetings = defaultdict(int), {}
            for i, term in enumerate([*wanted, *excluded]):
                for holder, n in self._holders(term).items():
                    masks[holder] |= 1 << i
                    meetings[holder] = n
            dropped = sum(1 << (len(wanted) + i) for i in range(len(excluded)))
            masks = {h: m for h, m in masks.items() if not m & dropped}
            titled = {}
            for size in range(min(len(wanted), NAME_ROUTE_MAX_WORDS), 0, -1):
                routes = []
                for named in combinations(range(len(wanted)), size):
                    bits = sum(1 << i for i in named)
                    holders = [h for h, m in masks.items() if m & bits == bits]
                    if not holders:
                        continue
                    rest = [i for i in range(len(wanted)) if i not in named]
                    for i in rest:
                        if i not in titled:
                            found = self.searchers["meetings"].search(self._term("meetings", "text", wanted[i]), limit=1, count=True)
                            titled[i] = found.count > 0
                    if all(titled[i] for i in rest):
                        routes.append((rest, holders))
                if routes:
                    break
            for rest, holders in routes:
                persons = [h for h in holders if h < UNRESOLVED_BASE]
                unknown = [h for h in holders if h >= UNRESOLVED_BASE]
                who = self._any([
                    Query.term_set_query(self.schemas["meetings"], "persons", persons) if persons else None,
                    Query.term_set_query(self.schemas["meetings"], "unresolved", unknown) if unknown else None,
                ])
                title = self._text("meetings", [*(wanted[i] for i in rest), *excluded])
                options.append(self._all([*title, (False, who)]))
        return self._any(options)

    def _filters(self, index, criteria, *, skip=None):
        Query, schema = self.tantivy.Query, self.schemas[index]
        FieldType = self.tantivy.FieldType
        clauses = []
        meetings = index == "meetings"
        if criteria.terms and skip != "q":
            clauses.append((False, self._meeting_text(criteria.terms) if meetings else self._all(self._text(index, criteria.terms))))
        person = criteria.person
        if person:
            clauses.append((False, Query.term_query(schema, "persons", person.pk)))
            if criteria.role and skip != "role":
                field = ("chairs" if criteria.role == "chair" else "attends") if meetings else (
                    "chair_via" if criteria.role == "chair" else "attend_via")
                clauses.append((False, Query.term_query(schema, field, person.pk)))
        if (criteria.date_from or criteria.date_to) and skip != "dates":
            low = _day(criteria.date_from) if criteria.date_from else 0
            high = _day(criteria.date_to) if criteria.date_to else 99991231
            clauses.append((False, Query.range_query(schema, "day", FieldType.Integer, low, high)))
        if criteria.years and skip != "years":
            clauses.append((False, self._any([Query.term_query(schema, "year", y) for y in criteria.years])))
            if criteria.month and skip != "month":
                clauses.append((False, Query.term_query(schema, "month", criteria.month)))
        for name, meeting_field, article_field, values in (
            ("sources", "sources", "source", [s.slug for s in criteria.sources]),
            ("kinds", "kind", "kinds", list(criteria.kinds)),
            ("organizations", "org", "orgs", [o.slug for o in criteria.organizations]),
        ):
            if values and skip != name:
                field = meeting_field if meetings else article_field
                clauses.append((False, self._any([Query.term_query(schema, field, v) for v in values])))
        return self._all(clauses)

    def search(self, *, target, criteria, per_page=20, number=1):
        searcher = self.searchers[target]
        query = self._filters(target, criteria)
        result = searcher.search(query, limit=per_page + 1, offset=(number - 1) * per_page, count=True,
                                 **({} if criteria.terms and criteria.sort == "relevance" else {"order_by_field": "day"}))
        page = searcher.fast_field_values("id", [address for _, address in result.hits])
        other = "articles" if target == "meetings" else "meetings"
        other_count = self.searchers[other].search(self._filters(other, criteria), limit=1, count=True).count
        # One aggregation request per distinct filter set: a facet whose own filter is not set
        # counts over the query itself, so those facets (and the date histogram, when no date
        # range is set) share one pass over the matches; a chosen facet skips itself.
        chosen = {"kinds": criteria.kinds, "sources": criteria.sources, "organizations": criteria.organizations,
                  "years": criteria.years, "month": criteria.month, "dates": criteria.date_from or criteria.date_to}
        wanted = {name: {"terms": {"field": field, "size": 30}} for name, field in (
            ("kinds", "kind" if target == "meetings" else "kinds"), ("sources", "sources" if target == "meetings" else "source"),
            ("organizations", "org" if target == "meetings" else "orgs"), ("years", "year"))}
        if len(criteria.years) == 1:
            wanted["month"] = {"terms": {"field": "month", "size": 12}}
        wanted["dates"] = {"histogram": {"field": "day", "interval": 100, "min_doc_count": 1}}  # days are yyyymmdd
        shared = {name: agg for name, agg in wanted.items() if not chosen[name]}
        buckets = searcher.aggregate(query, shared) if shared else {}
        for name in set(wanted) - set(shared):
            buckets.update(searcher.aggregate(self._filters(target, criteria, skip=name), {name: wanted[name]}))
        facets = {name: {str(b["key"]): b["doc_count"] for b in buckets[name]["buckets"]} for name in wanted}
        if criteria.person:
            for role, field in (("chair", "chairs"), ("attend", "attends")):
                if target == "articles":
                    field = "chair_via" if role == "chair" else "attend_via"
                role_query = self._all([(False, self._filters(target, criteria, skip="role")),
                                        (False, self.tantivy.Query.term_query(self.schemas[target], field, criteria.person.pk))])
                facets.setdefault("role", {})[role] = searcher.search(role_query, limit=1, count=True).count
        return {"total": result.count, "other": other_count, "page": page, "facets": facets}


def compare(path, *, rounds=3, seed=1, log=print):
    """The search mix through PostgreSQL (articles.search, selector level) and Tantivy; times and totals.

    Each query's whole search page is timed too, and the page with Tantivy in its selector's place
    estimated as page − selector + Tantivy: a lower bound, since such a page would still read the
    listed rows and the facet values' names from PostgreSQL."""
    from django.http import QueryDict
    from django.urls import reverse

    from articles import search
    from articles.search import facets as pg_facets
    from bench.measure import _client, percentile, search_mix

    peer = Peer(path)
    mix, _, _ = search_mix(seed)
    client, search_url = _client(), reverse("search")
    rows = []
    for label, params, broad in mix:
        data = QueryDict(mutable=True)
        for key, value in params.items():
            data[key] = value
        target = "articles" if params.get("tab") == "articles" else "meetings"
        number = int(params.get("page", 1))

        def postgres(data=data, target=target, number=number):
            form = search.SearchForm(data)
            criteria = form.criteria()
            return criteria, search.search_results(target=target, criteria=criteria, number=number)

        criteria, pg = postgres()
        tv = peer.search(target=target, criteria=criteria, number=number)
        timings = {"postgresql": [], "tantivy": [], "page": []}
        page_status = client.get(search_url, params).status_code  # also the warm-up
        for _ in range(rounds):
            started = time.perf_counter()
            client.get(search_url, params)
            timings["page"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            postgres()
            timings["postgresql"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            peer.search(target=target, criteria=search.SearchForm(data).criteria(), number=number)
            timings["tantivy"].append((time.perf_counter() - started) * 1000)
        other = "articles" if target == "meetings" else "meetings"
        cap = pg_facets.CAP
        pg_totals = [pg["totals"][target], pg["totals"][other]]
        tv_totals = [tv["total"], tv["other"]]
        agree = all(
            (p.capped and t > cap) or (not p.capped and p.value == t) for p, t in zip(pg_totals, tv_totals, strict=True)
        )
        pg_ms, tv_ms, page_ms = (statistics.median(timings[k]) for k in ("postgresql", "tantivy", "page"))
        rows.append({
            "label": label, "broad": broad, "postgresql_ms": round(pg_ms, 1), "tantivy_ms": round(tv_ms, 1),
            # The whole search page, and the same page with Tantivy answering in place of the
            # selector: what the page does besides searching (its form, links, the listed rows'
            # chairs and snippets, the template) stays whichever engine searches.
            "page_ms": round(page_ms, 1), "page_status": page_status, "engine_page_ms": round(page_ms - pg_ms + tv_ms, 1), "totals_agree": agree,
            "postgresql_totals": [str(p) for p in pg_totals], "tantivy_totals": tv_totals,
        })
        log(f"  {label}: PostgreSQL {rows[-1]['postgresql_ms']} ms, Tantivy {rows[-1]['tantivy_ms']} ms"
            + ("" if agree else f" — totals differ: {rows[-1]['postgresql_totals']} vs {tv_totals}"))
    pg_all = [r["postgresql_ms"] for r in rows]
    tv_all = [r["tantivy_ms"] for r in rows]
    return {
        "queries": len(rows),
        "postgresql": _p50_p95(pg_all),
        "tantivy": _p50_p95(tv_all),
        "page": _p50_p95([r["page_ms"] for r in rows]),
        "engine_page": _p50_p95([r["engine_page_ms"] for r in rows]),
        "ratio_p95": round(percentile(pg_all, 95) / max(percentile(tv_all, 95), 0.01), 2),
        "ratio_p50": round(statistics.median(pg_all) / max(statistics.median(tv_all), 0.01), 2),
        "totals_agree": sum(r["totals_agree"] for r in rows),
        "rows": rows,
    }


def _p50_p95(values):
    from bench.measure import percentile

    return {"p50": round(statistics.median(values), 1), "p95": round(percentile(values, 95), 1)}


def run(size_label, *, rounds=3, seed=1, rebuild=False, log=print):
    """Build the index of this archive if missing (var/bench/tantivy-<size>), then compare."""
    from bench.measure import REPO

    path = REPO / "var" / "bench" / f"tantivy-{size_label}"
    built = None
    if rebuild or not (path / "marker.json").exists():
        log(f"== tantivy: indexing the {size_label} archive into {path}")
        built = build(path, log=log)
    result = compare(path, rounds=rounds, seed=seed, log=log)
    result["index"] = json.loads((path / "marker.json").read_text())
    result["index_bytes"] = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    if built:
        result["index"]["built_now"] = True
    return result
