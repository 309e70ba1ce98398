"""The search mix: ≥ 40 queries built from what an archive holds (names, words, phrases, facets, dates, tabs)."""

import random


def busiest_and_typical():
    """The official with the most participations, and the median one among the 400 busiest."""
    from django.db.models import Count

    from people.models import Participation, Person

    top = list(
        Participation.objects.values("person").annotate(n=Count("id")).order_by("-n").values_list("person", flat=True)[:400]
    )
    people = {p.pk: p for p in Person.objects.filter(pk__in=top)}
    return people[top[0]], people[top[len(top) // 2]]


def search_mix(seed=1):
    """≥ 40 queries (label, params, broad?) built from what the archive holds."""
    from articles.models import Source
    from bench import vocab
    from people.models import Person
    from people.names import fold

    rng = random.Random(seed)
    busiest, typical = busiest_and_typical()
    rare_person = Person.objects.order_by("-id").first()
    source = Source.objects.order_by("id").first()
    mix = [
        ("name: busiest, diacritics", {"q": busiest.full_name}, False),
        ("name: busiest, folded", {"q": fold(busiest.full_name)}, False),
        ("name: busiest, quoted", {"q": f'"{busiest.full_name}"'}, False),
        ("name: typical, diacritics", {"q": typical.full_name}, False),
        ("name: typical, folded", {"q": fold(typical.full_name)}, False),
        ("name: rare official", {"q": rare_person.full_name}, False),
        ("name: surname only (broad)", {"q": "Nguyễn"}, True),
        ("name: given name folded", {"q": "dung"}, False),
        ("word: common 'phát triển' (broad)", {"q": "phát triển"}, True),
        ("word: common 'công tác' (broad)", {"q": "công tác"}, True),
        ("word: 'Đảng' (broad)", {"q": "Đảng"}, True),
        ("word: 'tỉnh' (broad)", {"q": "tỉnh"}, True),
        ("word: folded 'dang uy' ", {"q": "dang uy"}, False),
        ("word: 'kinh tế' newest", {"q": "kinh tế", "sort": "newest"}, True),
        ("phrase: \"chuyển đổi số\"", {"q": '"chuyển đổi số"'}, False),
        ("phrase: \"nông thôn mới\"", {"q": '"nông thôn mới"'}, False),
        ("phrase: \"cải cách hành chính\" + word", {"q": '"cải cách hành chính" tỉnh'}, False),
        ("phrase: negated term", {"q": "hội nghị -\"biến đổi khí hậu\""}, True),
        ("title: 'Thành uỷ' old tones", {"q": "Thành uỷ"}, True),
        ("empty query (everything)", {}, True),
        ("empty, oldest first", {"sort": "oldest"}, True),
        ("facet: kind=hoi-nghi", {"kind": "hoi-nghi"}, True),
        ("facet: kind=ky-hop + word", {"kind": "ky-hop", "q": "ngân sách"}, False),
        ("facet: source", {"source": source.slug}, False),
        ("facet: source + word", {"source": source.slug, "q": "đầu tư"}, False),
        ("facet: year 2015", {"year": "2015"}, False),
        ("facet: year + month", {"year": "2020", "month": "5"}, False),
        ("facet: person busiest", {"person": busiest.slug}, True),
        ("facet: person busiest, chair", {"person": busiest.slug, "role": "chair"}, False),
        ("facet: person typical", {"person": typical.slug}, False),
        ("facet: person + word", {"person": busiest.slug, "q": "chuyển đổi số"}, False),
        ("date range: one month", {"date_from": "2019-03-01", "date_to": "2019-03-31"}, False),
        ("date range: 10 years (broad)", {"date_from": "2010-01-01", "date_to": "2019-12-31"}, True),
        ("date range + word", {"date_from": "2016-01-01", "date_to": "2016-12-31", "q": "đại hội"}, False),
        ("page 5 of a broad query", {"q": "công tác", "page": "5"}, True),
        ("page 50 of everything", {"page": "50"}, True),
    ]
    for phrase in rng.sample(vocab.RARE_PHRASES, 5):
        mix.append((f"rare: {phrase}", {"q": phrase}, False))
    for phrase in rng.sample(vocab.RARE_PHRASES, 2):
        mix.append((f"rare folded: {fold(phrase)}", {"q": fold(phrase)}, False))
    mix += [
        ("articles tab: busiest name", {"tab": "articles", "q": busiest.full_name}, False),
        ("articles tab: folded name", {"tab": "articles", "q": fold(typical.full_name)}, False),
        ("articles tab: 'phát triển' (broad)", {"tab": "articles", "q": "phát triển"}, True),
        ("articles tab: \"chuyển đổi số\"", {"tab": "articles", "q": '"chuyển đổi số"'}, False),
        ("articles tab: everything (broad)", {"tab": "articles"}, True),
        ("articles tab: rare word", {"tab": "articles", "q": "yến sào"}, False),
        ("articles tab: source + year", {"tab": "articles", "source": source.slug, "year": "2012"}, False),
    ]
    mix.append(("no match", {"q": "xyzzy không có"}, False))
    mix.append(("typo name", {"q": busiest.full_name[:-1]}, False))
    return mix, busiest, typical
