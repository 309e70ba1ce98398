"""The public site: thin function views over articles/search/ and articles/selectors.py."""

import datetime
from urllib.parse import urlencode

from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from articles import export, search, selectors
from articles.histogram import date_histogram
from articles.search import snippets
from people import selectors as people_selectors
from people.names import fold

PER_PAGE = 20
SEARCHABLE_FACET_SIZE = 8  # a facet with more options than this gets a box that filters its list
BODY_DISPLAY_LIMIT = 300_000  # characters; longer bodies are cut on the page (the original link has all)


def example_query():
    """The hint's example: a public official's name typed without diacritics (so that it finds
    something in this archive, whatever it holds); None for an empty archive."""
    name = selectors.example_person_name()
    return fold(name) if name else None


@require_GET
def home(request):
    return render(
        request,
        "articles/home.html",
        {
            "recent_meetings": selectors.attach_chairs(selectors.recent_meetings(limit=10)),
            "active_persons": selectors.most_active_persons(limit=10),
            "example": example_query(),
        },
    )


def _pairs(params):
    """The query's parameters as {name: [values]} without the page number (a QueryDict's copy()
    is a deepcopy: ~120 of them per search page, one per facet option, were a visible share of it)."""
    return {key: params.getlist(key) for key in params if key != "page"}


def _encoded(pairs):
    return urlencode([(key, value) for key, values in pairs.items() for value in values])


def _querystring(params, **changes):
    pairs = _pairs(params)
    for key, value in changes.items():
        if value is None:
            pairs.pop(key, None)
        else:
            pairs[key] = [value]
    return _encoded(pairs)


def _toggle(params, name, value, *, multiple):
    pairs = _pairs(params)
    values = pairs.get(name, [])
    if value in values:
        values = [v for v in values if v != value]
    else:
        values = [*values, value] if multiple else [value]
    for entry in search.FILTERS:  # a filter that needs this one (month needs a year) starts over
        if entry.needs and search.registry.by_name(entry.needs).param == name:
            pairs.pop(entry.param, None)
    pairs[name] = values
    return _encoded(pairs)


@require_GET
def search_view(request):
    form = search.SearchForm(request.GET)
    criteria = form.criteria()
    tab = request.GET.get("tab")
    tab = tab if tab in search.TARGETS else "meetings"
    output = request.GET.get("format")
    if form.unknown_person:
        criteria = None  # a person was asked for and there is nobody of that name: nothing to show
    if output in ("csv", "json"):
        if criteria is None:
            return JsonResponse({"error": "unknown person"}, status=400)
        if output == "csv":
            return export.csv_response(request=request, target=tab, criteria=criteria)
        return export.json_response(request=request, target=tab, criteria=criteria)

    context = {
        "form": form.form,
        "inputs": form.inputs(),
        "hidden_filters": [*form.hidden(request.GET), *(("tab", t) for t in request.GET.getlist("tab")[:1] if t)],
        "tab": tab,
        "criteria": criteria,
        "query_cut": len(request.GET.get("q") or "") > search.MAX_QUERY_LENGTH,
        "max_query_length": search.MAX_QUERY_LENGTH,
        "searchable_facet_size": SEARCHABLE_FACET_SIZE,
    }
    if criteria is not None and not criteria.active():  # an empty search page: show what to type
        context["example"] = example_query()
    if criteria is not None:
        list_tab = "articles" if tab == "articles" else "meetings"
        results = search.search_results(
            target=list_tab, criteria=criteria, number=request.GET.get("page"), per_page=PER_PAGE
        )
        page, totals, facets = results["page"], results["totals"], results["facets"]
        if list_tab == "meetings":
            everyone = snippets.words_may_name_someone(criteria.terms)  # the snippet lists whom they name
            listed = selectors.attach_chairs(page.items, everyone=everyone, person=criteria.person)
            snippets.attach_to_meetings(listed, criteria.terms, person=criteria.person)
        else:
            snippets.attach_to_articles(page.items, criteria.terms)
        multiple = {entry.param for entry in search.FILTERS if entry.multiple}
        for facet in facets:
            for option in facet.options:
                option.href = "?" + _toggle(request.GET, facet.name, option.value, multiple=facet.name in multiple) + "#results"
        people_first = _people_first(request, criteria) if page.number == 1 else []
        chips = _chips(request, criteria)
        context.update(
            histogram=date_histogram(
                results["histogram"],
                target=list_tab,
                date_from=criteria.date_from,
                date_to=criteria.date_to,
                link=lambda start, end: "?"
                + _querystring(request.GET, date_from=start.isoformat(), date_to=end.isoformat())
                + "#results",
            ),
            histogram_complete=results["complete"],
            histogram_sample=search.BROAD_SAMPLE,
            chips=chips,
            folded_filters=sum(1 for chip in chips if chip["param"] != "q"),
            people_first=people_first,
            page=page,
            totals=totals,
            facets=facets,
            list_tab=list_tab,
            suggestions=search.suggest_names(q=criteria.q) if criteria.q and not page.items and not people_first else [],
            tab_links={t: "?" + _querystring(request.GET, tab=t) for t in ("meetings", "articles")},
            csv_link="?" + _querystring(request.GET, format="csv", tab=list_tab),
            csv_participations_link="?" + _querystring(request.GET, format="csv", tab="participations"),
            json_link="?" + _querystring(request.GET, format="json", tab=list_tab),
            feed_link=reverse("search-feed") + "?" + _querystring(request.GET, tab=list_tab),
            next_link="?" + _querystring(request.GET, page=str(page.next_page_number)) if page.has_next else None,
            previous_link="?" + _querystring(request.GET, page=str(page.previous_page_number))
            if page.has_previous
            else None,
        )
    return render(request, "articles/search.html", context)


def _chip_label(entry, value):
    """How a chosen value reads on its chip: the label the page uses for it elsewhere."""
    if isinstance(value, datetime.date):
        return date_format(value, "d/m/Y")
    url_value, label = entry.option(value)
    labels = {str(k): str(v) for k, v in entry.choices}
    if entry.name == "month":
        return _("Tháng %(n)s") % {"n": value}
    return labels.get(url_value, label)


def _chips(request, criteria):
    """The filters in force, each with the URL without it (removing a filter others need, a
    person for a role, removes those too): [{"label", "value", "href"}]."""
    chips = []
    for entry, value in criteria.active():
        values = value if entry.multiple else [value]
        for one in values:
            if entry.name == "q":
                url_value, label = request.GET.get("q", ""), criteria.q
            else:
                url_value, label = entry.option(one)[0], _chip_label(entry, one)
            params = request.GET.copy()
            if url_value not in params.getlist(entry.param):  # given by name (a person typed): drop what was typed
                params.setlist(entry.param, [url_value])
            chips.append(
                {
                    "param": entry.param,
                    "label": entry.label,
                    "value": label,
                    "href": "?" + _toggle(params, entry.param, url_value, multiple=entry.multiple) + "#results",
                }
            )
    return chips


def _people_first(request, criteria):
    """The officials the words name, to open the results with: name (matched words marked),
    post as last evidenced, meetings chaired and attended, a link that filters by them."""
    if not criteria.terms or criteria.person:
        return []
    persons = search.persons_named(terms=criteria.terms, memo=criteria.memo)
    posts = people_selectors.current_posts(person_ids=[p.pk for p in persons]) if persons else {}
    for person in persons:
        person.name_html = snippets.highlighted(person.full_name, criteria.terms)
        person.post = posts.get(person.pk)
        person.filter_href = "?" + _querystring(request.GET, person=person.slug, q=None)
    return persons


@require_GET
def person_autocomplete(request):
    term = (request.GET.get("q") or "")[:100]
    return JsonResponse({"results": search.autocomplete_persons(term=term, limit=10)}, json_dumps_params={"ensure_ascii": False})


@require_GET
def person_detail(request, slug):
    person, new_slug = search.person_or_redirect(slug=slug)
    if new_slug:
        return HttpResponsePermanentRedirect(reverse("person-detail", kwargs={"slug": new_slug}))
    if person is None:
        raise Http404
    profile = selectors.person_profile(person=person, limit=selectors.PERSON_LIST_LIMIT)
    return render(
        request,
        "articles/person.html",
        {
            "person": person,
            "profile": profile,
            "tenures": people_selectors.person_tenures(person=person),
            "feed_link": reverse("person-feed", kwargs={"slug": person.slug}),
            "chart": activity_chart(profile["months"]),
            "limit": selectors.PERSON_LIST_LIMIT,
            "title_rows": selectors.TITLE_ROWS,
            "csv_link": reverse("search") + "?" + f"person={person.slug}&tab=participations&format=csv",
            "search_link": reverse("search") + "?" + f"person={person.slug}",
            "chaired_link": reverse("search") + "?" + f"person={person.slug}&role={search.ROLE_CHAIR}",
            "attended_link": reverse("search") + "?" + f"person={person.slug}&role={search.ROLE_ATTEND}",
            "articles_link": reverse("search") + "?" + f"person={person.slug}&tab=articles",
        },
    )


CHART_MONTHS = 120
CHART_WIDTH = 600
CHART_HEIGHT = 120


def activity_chart(months):
    """Bars for an inline SVG: one per month between the first and the last (at most CHART_MONTHS)."""
    if not months:
        return None
    counts = dict(months)
    first, last = months[0][0], months[-1][0]
    series = []
    year, month = last.year, last.month
    while len(series) < CHART_MONTHS:
        day = datetime.date(year, month, 1)
        series.append((day, counts.get(day, 0)))
        if day <= first:
            break
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    series.reverse()
    peak = max(n for _, n in series) or 1
    step = CHART_WIDTH / len(series)
    bars = []
    for i, (day, n) in enumerate(series):
        height = round(n / peak * (CHART_HEIGHT - 20), 1)
        bars.append(
            {
                "x": round(i * step, 1),
                "y": round(CHART_HEIGHT - 15 - height, 1),
                "width": max(round(step * 0.8, 1), 1),
                "height": height,
                "month": day,
                "count": n,
                "year_start": day.month == 1 or i == 0,
            }
        )
    return {
        "bars": bars,
        "peak": peak,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_HEIGHT - 15,
        "label_y": CHART_HEIGHT - 2,
        "first": series[0][0],
        "last": series[-1][0],
        "total": sum(n for _, n in series),
    }


@require_GET
def meeting_detail(request, pk):
    meeting = selectors.published_meeting(pk=pk)
    if meeting is None:
        raise Http404
    return render(request, "articles/meeting.html", {"meeting": meeting, **selectors.meeting_details(meeting=meeting)})


@require_GET
def article_detail(request, pk):
    article = selectors.published_article(pk=pk)
    if article is None:
        raise Http404
    details = selectors.article_details(article=article)
    body = article.body or ""
    truncated = len(body) > BODY_DISPLAY_LIMIT
    body = body[:BODY_DISPLAY_LIMIT]
    segments = selectors.highlight_segments(body=body, mentions=details["mentions"])
    return render(
        request,
        "articles/article.html",
        {"article": article, "body_html": render_body(segments), "truncated": truncated, **details},
    )


def render_body(segments):
    """Paragraphs of escaped text; recognised officials as links around <mark>. Never trusts the text."""
    paragraphs, current = [], []
    for text, person in segments:
        if person is not None:
            current.append(
                format_html('<a href="{}" class="official"><mark>{}</mark></a>', person.get_absolute_url(), text)
            )
            continue
        pieces = text.replace("\r\n", "\n").split("\n")
        for i, piece in enumerate(pieces):
            if i:
                paragraphs.append(current)
                current = []
            if piece:
                current.append(conditional_escape(piece))
    paragraphs.append(current)
    html = "".join(
        format_html("<p>{}</p>", mark_safe("".join(str(part) for part in parts)))  # parts are escaped above
        for parts in paragraphs
        if any(str(part).strip() for part in parts)
    )
    return mark_safe(html)

