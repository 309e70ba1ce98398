"""Search over published meetings and articles: the public site's one way to find things.

Modules, each with one job (docs/ARCHITECTURE.md, "The search trip"):

- ``text``: the query typed (terms, phrases, negation) and the SQL that matches and ranks it.
- ``names``: meetings found through a participant's name.
- ``registry``: the filters, one entry each (URL parameter, form field, how it narrows meetings
  and articles, how its facet is counted). Everything below reads it.
- ``criteria``: the URL validated into ``Criteria`` by the registry's fields.
- ``facets``: facet counts and tab totals, one statement.
- ``results``: ordered lists, pages.
- ``persons``: public persons by slug, name, autocomplete, "did you mean".
"""

from articles.search.criteria import TARGETS, Criteria, SearchForm
from articles.search.facets import (
    BROAD_SAMPLE,
    CappedCount,
    Facet,
    FacetOption,
    capped_count,
    count_everything,
    facet_counts,
)
from articles.search.persons import (
    autocomplete_persons,
    find_public_person,
    person_or_redirect,
    persons_named,
    suggest_names,
)
from articles.search.registry import FILTERS, ROLE_ATTEND, ROLE_CHAIR, public_organizations, public_sources
from articles.search.results import (
    MAX_PAGE,
    SEARCHES,
    Page,
    page_of,
    search_articles,
    search_meetings,
    search_participations,
    search_results,
)
from articles.search.text import MAX_QUERY_LENGTH, parse_query

__all__ = [
    "BROAD_SAMPLE", "FILTERS", "MAX_PAGE", "MAX_QUERY_LENGTH", "ROLE_ATTEND", "ROLE_CHAIR", "SEARCHES", "TARGETS", "CappedCount",
    "Criteria", "Facet", "FacetOption", "Page", "SearchForm", "autocomplete_persons", "capped_count",
    "count_everything", "facet_counts", "find_public_person", "page_of", "parse_query", "person_or_redirect", "persons_named",
    "public_organizations", "public_sources", "search_articles", "search_meetings", "search_participations",
    "search_results", "suggest_names",
]
