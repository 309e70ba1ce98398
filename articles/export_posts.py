"""Tenures and posts as CSV (streamed, BOM, formulas neutralised: articles/export.py) and JSON
(paged), like every other public list. ``/nhiem-ky/`` (tenures; ``person``, ``post``, ``org``
narrow it) and ``/chuc-vu/`` (posts; ``org`` narrows it); ``format=csv`` or JSON by default."""

from django.db import router
from django.db.models import Count, F, Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from articles import search
from articles.export import _url_pattern, in_one_transaction, max_rows, stream_csv
from people.selectors import public_tenures

PER_PAGE = 50

TENURE_FIELDS = (
    "person__full_name", "person__slug", "post__name", "post__slug", "post__role", "post__organization__name",
    "start_date", "end_date", "first_evidenced", "last_evidenced", "chaired_count", "article_count", "evidence_count",
)
TENURE_HEADER = (
    "person", "person_page", "post", "post_page", "role", "organization", "from", "to", "first_evidenced",
    "last_evidenced", "meetings_chaired", "articles", "evidence",
)
POST_FIELDS = ("name", "slug", "role", "organization__name", "organization__slug", "holders")
POST_HEADER = ("post", "post_page", "role", "organization", "organization_page", "holders")


def _iso(day):
    return day.isoformat() if day else None


def _narrowed_tenures(params):
    """Public tenures, narrowed by ``person``, ``post`` and ``org`` slugs; (queryset, error)."""
    tenures = public_tenures()
    for param, field in (("person", "person__slug"), ("post", "post__slug"), ("org", "post__organization__slug")):
        value = (params.get(param) or "")[:100]
        if value:
            tenures = tenures.filter(**{field: value})
    return tenures.order_by("post__name", F("first_evidenced").asc(nulls_last=True), "person__full_name", "pk")


def public_post_list(params):
    posts = search.registry.public_posts().annotate(
        holders=Count("tenures", filter=Q(tenures__not_this_person=False, tenures__evidence_count__gt=0)))
    org = (params.get("org") or "")[:100]
    return (posts.filter(organization__slug=org) if org else posts).order_by("name", "pk")


def _tenure_row(row, urls):
    (name, slug, post, post_slug, role, org, start, end, first, last, chaired, articles, evidence) = row
    return (name, urls["person"].format(slug), post, urls["post"].format(post_slug), role, org or "",
            _iso(start or first), _iso(end or last), _iso(first), _iso(last), chaired, articles, evidence)


def _post_row(row, urls):
    name, slug, role, org, org_slug, holders = row
    return (name, urls["post"].format(slug), role, org or "", urls["organization"].format(org_slug) if org_slug else "",
            holders)


def _urls(request):
    base = request.build_absolute_uri("/").rstrip("/")
    return {
        "person": _url_pattern(base, "person-detail", "slug-placeholder-x"),
        "post": _url_pattern(base, "post-detail", "slug-placeholder-x"),
        "organization": _url_pattern(base, "organization-detail", "slug-placeholder-x"),
    }


def _csv(request, *, queryset, fields, header, shape, name):
    urls = _urls(request)
    limit = max_rows(request)
    rows = (shape(r, urls) for r in queryset.values_list(*fields).iterator(chunk_size=2000))
    using = router.db_for_read(queryset.model)
    streamed = in_one_transaction(rows, using=using, limit=limit)
    first = next(streamed, None)
    response = stream_csv(header=header, rows=streamed, head=[first] if first is not None else [],
                          filename=f"vankho-{name}-{timezone.localdate().isoformat()}.csv")
    response["X-Export-Max-Rows"] = str(limit) if limit is not None else "unlimited"
    return response


def _json(request, *, queryset, fields, header, shape):
    urls = _urls(request)
    page = search.page_of(queryset.values_list(*fields), number=request.GET.get("page"), per_page=PER_PAGE)

    def link(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(request.path + "?" + params.urlencode())

    return JsonResponse({
        "page": page.number,
        "next": link(page.next_page_number) if page.has_next and page.number < search.MAX_PAGE else None,
        "previous": link(page.previous_page_number) if page.has_previous else None,
        "results": [dict(zip(header, shape(row, urls), strict=True)) for row in page.items],
    }, json_dumps_params={"ensure_ascii": False})


def _respond(request, *, queryset, fields, header, shape, name):
    output = request.GET.get("format") or "json"
    if output == "csv":
        return _csv(request, queryset=queryset, fields=fields, header=header, shape=shape, name=name)
    if output == "json":
        return _json(request, queryset=queryset, fields=fields, header=header, shape=shape)
    return JsonResponse({"error": _("Định dạng “%(format)s” không có; hãy dùng csv hoặc json.") % {"format": output[:20]}},
                        status=400, json_dumps_params={"ensure_ascii": False})


@require_GET
def tenure_list(request):
    return _respond(request, queryset=_narrowed_tenures(request.GET), fields=TENURE_FIELDS, header=TENURE_HEADER,
                    shape=_tenure_row, name="nhiem-ky")


@require_GET
def post_list(request):
    return _respond(request, queryset=public_post_list(request.GET), fields=POST_FIELDS, header=POST_HEADER,
                    shape=_post_row, name="chuc-vu")

