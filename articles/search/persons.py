"""Persons as the public finds them: by slug or name typed, by autocomplete, by "did you mean".

Who is public is decided in one place, Person.objects.public() (people/models/__init__.py).
"""

from difflib import SequenceMatcher

from django.db import connection
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from articles.search import names
from articles.search.text import negated, positive
from people.models import Person, PersonActivity, PersonAlias, PersonRedirect
from people.names import fold, normalize_spaces
from people.textsearch import WORD_RE

MAX_WORDS = 8


def find_public_person(*, value):
    """A public person from a slug or a name as typed (folded match on name or alias); else None.

    (Not people.services.resolve_person, which decides who a name in an article is.)
    """
    value = normalize_spaces(value or "")
    if not value:
        return None
    persons = Person.objects.public()
    found = persons.filter(slug=value[:100]).first()
    if found:
        return found
    key = fold(value)
    matches = list(
        persons.filter(
            Q(search_key=key) | Q(pk__in=PersonAlias.objects.filter(search_key=key).values("person_id"))
        ).order_by("pk")[:2]
    )
    return matches[0] if len(matches) == 1 else None


def autocomplete_persons(*, term, limit=10):
    """Public persons whose folded name or alias contains every word typed, by name."""
    words = WORD_RE.findall(fold(term or ""))[:MAX_WORDS]
    if not words:
        return []
    condition = Q()
    alias_condition = Q()
    for word in words:
        condition &= Q(search_key__contains=word)
        alias_condition &= Q(search_key__contains=word)
    qs = (
        Person.objects.public()
        .filter(condition | Q(pk__in=PersonAlias.objects.filter(alias_condition).values("person_id")))
        .order_by("full_name", "pk")
    )
    return [
        {"name": p.full_name, "slug": p.slug, "description": p.description, "url": p.get_absolute_url()}
        for p in qs[:limit]
    ]


PEOPLE_FIRST = 5  # persons listed above the results when the words name them


def persons_named(*, terms, limit=PEOPLE_FIRST, memo=None):
    """Officials whose name (or one alias) holds every word typed, with how many published
    meetings they chaired and attended, busiest first: ``chaired`` and ``attended`` annotated.

    Officials = persons with PersonActivity (they took part in a published meeting: public).
    At least two words (a full name has two or more; one word, a common surname, names nobody
    in particular and costs a scan of thousands of persons). One statement: the busiest holders
    are chosen from PersonActivity grouped by person, then read with their totals.
    """
    wanted = positive(terms)
    if sum(len(term.words) for term in wanted) < 2 or names.nobody_named_by_all(terms, memo):
        return []  # the search's own name routes (``memo``) already found nobody: no statement
    holds = [names.in_name(term) for term in wanted]
    named = Person.objects.filter(*holds).order_by().values("pk")
    named = named.union(PersonAlias.objects.filter(*holds).order_by().values("person_id"), all=True)
    busiest = (
        PersonActivity.objects.filter(person_id__in=named)
        .values("person_id")
        .annotate(n=Sum(F("chaired") + F("attended")))
        .order_by("-n", "person_id")
        .values("person_id")[:limit]
    )

    def total(field):
        summed = PersonActivity.objects.filter(person=OuterRef("pk")).order_by().values("person").annotate(n=Sum(field))
        return Coalesce(Subquery(summed.values("n")[:1]), 0, output_field=IntegerField())

    persons = Person.objects.filter(pk__in=busiest)
    for term in negated(terms):
        persons = persons.exclude(names.in_name(term))
    persons = persons.annotate(chaired=total("chaired"), attended=total("attended"))
    return sorted(persons, key=lambda p: (-(p.chaired + p.attended), p.full_name, p.pk))


def suggest_names(*, q, limit=5):
    """Public persons whose name looks like ``q``: trigram similarity on PostgreSQL, difflib on SQLite."""
    key = " ".join(WORD_RE.findall(fold(q or "")))
    if len(key) < 3:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramDistance

        # Similar (pg_trgm's % operator, threshold 0.3), nearest first (<->, distance = 1 -
        # similarity): the GiST trigram index (articles/0011) walks the closest names and stops;
        # ordering by similarity computed it for every candidate (thousands share "nguyen").
        # Ties are broken by name among the nearest few.
        nearest = (
            Person.objects.public()
            .filter(search_key__trigram_similar=key)
            .annotate(distance=TrigramDistance("search_key", key))
            .order_by("distance")[: limit * 4]
        )
        return sorted(nearest, key=lambda p: (p.distance, p.full_name))[:limit]
    candidates = Person.objects.public().values_list("pk", "search_key")[:5000]
    scored = sorted(
        ((SequenceMatcher(None, key, search_key).ratio(), pk) for pk, search_key in candidates), reverse=True
    )
    pks = [pk for score, pk in scored[:limit] if score >= 0.6]
    by_pk = Person.objects.in_bulk(pks)
    return [by_pk[pk] for pk in pks]


def person_or_redirect(*, slug):
    """(person, None) for a public person, (None, new_slug) for an old slug, (None, None) otherwise."""
    person = Person.objects.public().filter(slug=slug).first()
    if person:
        return person, None
    redirect = PersonRedirect.objects.filter(old_slug=slug).select_related("person").first()
    if redirect and Person.objects.public().filter(pk=redirect.person_id).exists():
        return None, redirect.person.slug
    return None, None
