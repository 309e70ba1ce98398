"""articles/search/ on whichever database DATABASE_URL names (run on SQLite and PostgreSQL)."""

import datetime

import pytest

from articles import export, search, selectors
from articles.search import Criteria, facets, parse_query, text
from people.models import Meeting, Role, Status
from tests.factories import (
    add_participation,
    aware,
    make_alias,
    make_article,
    make_mention,
    make_organization,
    make_person,
    make_published_meeting,
    make_source,
)

pytestmark = pytest.mark.django_db


def headlines(criteria):
    return [a.headline for a in search.search_articles(criteria=criteria)]


def titles(criteria):
    return [m.title for m in search.search_meetings(criteria=criteria)]


@pytest.fixture
def archive():
    dung = make_person("Đinh Tiến Dũng")
    lan = make_person("Nguyễn Thị Lan")
    make_alias(lan, "Nguyễn T. Lan")
    vtv = make_source("VTV")
    nhandan = make_source("Nhân Dân")
    hanoi = make_organization("Thành ủy Hà Nội")
    a1 = make_article(
        "Đinh Tiến Dũng chủ trì hội nghị Thành ủy",
        "Sáng 3/4, đồng chí Đinh Tiến Dũng chủ trì hội nghị. Thành ủy bàn việc lớn.",
        source=vtv,
        published_at=aware(2024, 4, 3),
    )
    a2 = make_article(
        "Hội nghị về kinh tế",
        "ĐINH TIẾN DŨNG phát biểu; đồng chí Nguyễn Thị Lan dự.",
        source=nhandan,
        published_at=aware(2023, 5, 6),
    )
    a3 = make_article("Bài nháp", "Đinh Tiến Dũng nháp", status=Status.DRAFT, source=vtv)
    m1 = make_published_meeting(
        "Hội nghị Ban Chấp hành Đảng bộ thành phố",
        chair=dung,
        attendees=[lan],
        article=a1,
        date=datetime.date(2024, 4, 3),
        organizer=hanoi,
    )
    m2 = make_published_meeting(
        "Buổi làm việc với quận Ba Đình",
        chair=lan,
        attendees=[dung, "Trần Văn Chưa Rõ"],
        article=a2,
        date=datetime.date(2023, 5, 6),
        kind=Meeting.Kind.WORKING_SESSION,
    )
    m3 = make_published_meeting("Cuộc họp nháp", chair=dung, status=Status.DRAFT, date=datetime.date(2024, 1, 1))
    a3.meetings.add(m3)
    make_mention(a1, dung, titles=["Bí thư Thành ủy"])
    make_mention(a2, lan)
    make_mention(a2, dung, name="ĐINH TIẾN DŨNG")
    return {"dung": dung, "lan": lan, "vtv": vtv, "nhandan": nhandan, "hanoi": hanoi, "a1": a1, "a2": a2, "m1": m1, "m2": m2}


def test_parse_query_words_phrases_and_negation():
    terms = parse_query('Thành uỷ "chủ trì  hội nghị" -nháp ""')
    assert [(t.words, t.negated) for t in terms] == [
        (("thanh",), False),
        (("uy",), False),
        (("chu", "tri", "hoi", "nghi"), False),
        (("nhap",), True),
    ]
    assert "thành uỷ" in parse_query('"Thành ủy"')[0].exact_variants
    assert parse_query("\x00 %_ ' ") == ()
    assert len(parse_query("a " * 1000)) == text.MAX_TERMS


@pytest.mark.parametrize("q", ["dinh tien dung", "Đinh Tiến Dũng", "ĐINH TIẾN DŨNG", "đinh tiến dũng", "Dinh  TIEN dung"])
def test_names_match_with_or_without_diacritics(archive, q):
    assert set(headlines(Criteria(q=q))) == {"Đinh Tiến Dũng chủ trì hội nghị Thành ủy", "Hội nghị về kinh tế"}


def test_tone_placement_and_d_fold(archive):
    assert headlines(Criteria(q="Thành uỷ")) == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy"]
    assert headlines(Criteria(q="thanh uy")) == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy"]
    assert headlines(Criteria(q="đồng chí dung")) == headlines(Criteria(q="dong chi dũng"))


def test_whole_words_only(archive):
    assert headlines(Criteria(q="dun")) == []  # not a prefix match
    assert headlines(Criteria(q="tế")) == ["Hội nghị về kinh tế"]


def test_quoted_phrase_needs_adjacent_words(archive):
    assert headlines(Criteria(q='"chủ trì hội nghị"')) == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy"]
    assert headlines(Criteria(q='"hội nghị chủ trì"')) == []
    assert headlines(Criteria(q='"chu tri hoi nghi"')) == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy"]


def test_negated_term(archive):
    assert headlines(Criteria(q="dung -kinh")) == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy"]


def test_drafts_are_never_found(archive):
    assert "Bài nháp" not in headlines(Criteria(q="nháp"))
    assert "Bài nháp" not in headlines(Criteria())
    assert "Cuộc họp nháp" not in titles(Criteria())
    assert "Cuộc họp nháp" not in titles(Criteria(q="nhap"))
    assert "Cuộc họp nháp" not in titles(Criteria(person=archive["dung"]))


def test_exact_accents_rank_first():
    make_article("Phong trào thi đua", "phong trào", published_at=aware(2024, 6, 1))
    make_article("Phòng chống tham nhũng", "phòng", published_at=aware(2020, 1, 1))
    assert headlines(Criteria(q="Phòng"))[0] == "Phòng chống tham nhũng"
    assert headlines(Criteria(q="Phong"))[0] == "Phong trào thi đua"
    # Without diacritics in the query nothing is "exact": newest first among equals.
    assert len(headlines(Criteria(q="phong"))) == 2


def test_exact_accents_rank_first_in_body_lead():
    make_article("Tin một", "Cán bộ phòng ban.", published_at=aware(2020, 1, 1))
    make_article("Tin hai", "Phong cảnh đẹp.", published_at=aware(2024, 1, 1))
    assert headlines(Criteria(q="phòng", sort="relevance"))[0] == "Tin một"
    assert headlines(Criteria(q="phòng", sort="newest"))[0] == "Tin hai"


def test_meetings_found_by_title_and_by_participant_name(archive):
    assert titles(Criteria(q="ba dinh")) == ["Buổi làm việc với quận Ba Đình"]
    assert set(titles(Criteria(q="Đinh Tiến Dũng"))) == {
        "Hội nghị Ban Chấp hành Đảng bộ thành phố",
        "Buổi làm việc với quận Ba Đình",
    }
    assert titles(Criteria(q="tran van chua ro")) == ["Buổi làm việc với quận Ba Đình"]  # no person yet
    assert titles(Criteria(q="lan hoi nghi")) == ["Hội nghị Ban Chấp hành Đảng bộ thành phố"]
    # Words of two different participants do not make a match.
    assert titles(Criteria(q="dung lan")) == []


def test_a_full_name_is_not_split_between_another_person_and_a_title(archive):
    thang, namesake = make_person("Nguyễn Hải Thắng"), make_person("Nguyễn Hải Nam")
    make_published_meeting("Họp mặt kỷ niệm chiến thắng", attendees=[namesake])
    make_published_meeting("Hội nghị tổng kết", attendees=[thang])
    # Only Nguyễn Hải Thắng's meeting: not Nguyễn Hải Nam's meeting whose title says "thắng".
    assert titles(Criteria(q="Nguyễn Hải Thắng")) == ["Hội nghị tổng kết"]
    # A name that no single person holds whole can still be completed by the title.
    assert titles(Criteria(q="nguyen hai ky niem")) == ["Họp mặt kỷ niệm chiến thắng"]


def test_person_and_role(archive):
    dung = archive["dung"]
    assert titles(Criteria(person=dung, role=search.ROLE_CHAIR)) == ["Hội nghị Ban Chấp hành Đảng bộ thành phố"]
    assert titles(Criteria(person=dung, role=search.ROLE_ATTEND)) == ["Buổi làm việc với quận Ba Đình"]
    assert len(titles(Criteria(person=dung))) == 2
    assert headlines(Criteria(person=dung, role=search.ROLE_CHAIR)) == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy"]


def test_filters(archive):
    assert titles(Criteria(kinds=(Meeting.Kind.WORKING_SESSION,))) == ["Buổi làm việc với quận Ba Đình"]
    assert titles(Criteria(years=(2024,))) == ["Hội nghị Ban Chấp hành Đảng bộ thành phố"]
    assert titles(Criteria(years=(2023, 2024))) == [
        "Hội nghị Ban Chấp hành Đảng bộ thành phố",
        "Buổi làm việc với quận Ba Đình",
    ]
    assert titles(Criteria(years=(2023,), month=5)) == ["Buổi làm việc với quận Ba Đình"]
    assert titles(Criteria(sources=(archive["vtv"],))) == ["Hội nghị Ban Chấp hành Đảng bộ thành phố"]
    assert titles(Criteria(organizations=(archive["hanoi"],))) == ["Hội nghị Ban Chấp hành Đảng bộ thành phố"]
    assert titles(Criteria(date_from=datetime.date(2024, 1, 1))) == ["Hội nghị Ban Chấp hành Đảng bộ thành phố"]
    assert titles(Criteria(date_to=datetime.date(2023, 12, 31))) == ["Buổi làm việc với quận Ba Đình"]
    assert headlines(Criteria(sources=(archive["nhandan"],))) == ["Hội nghị về kinh tế"]
    assert headlines(Criteria(years=(2023,))) == ["Hội nghị về kinh tế"]
    assert headlines(Criteria(date_from=datetime.date(2024, 4, 3), date_to=datetime.date(2024, 4, 3))) == [
        "Đinh Tiến Dũng chủ trì hội nghị Thành ủy"
    ]
    assert headlines(Criteria(kinds=(Meeting.Kind.WORKING_SESSION,))) == ["Hội nghị về kinh tế"]
    assert headlines(Criteria(organizations=(archive["hanoi"],))) == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy"]


def test_sort_orders(archive):
    assert titles(Criteria(sort="oldest"))[0] == "Buổi làm việc với quận Ba Đình"
    assert titles(Criteria(sort="newest"))[0] == "Hội nghị Ban Chấp hành Đảng bộ thành phố"


def facet(facets, name):
    return {o.value: (o.count.value, o.selected) for f in facets if f.name == name for o in f.options}


def test_facets_exclude_their_own_filter(archive):
    criteria = Criteria(kinds=(Meeting.Kind.WORKING_SESSION,), years=(2023,))
    facets = search.facet_counts(target="meetings", criteria=criteria)
    # kind counts ignore the kind filter but keep the year filter
    assert facet(facets, "kind") == {Meeting.Kind.WORKING_SESSION.value: (1, True)}
    # year counts ignore the year filter but keep the kind filter
    assert facet(facets, "year") == {"2023": (1, True)}
    assert facet(facets, "month") == {"5": (1, False)}

    facets = search.facet_counts(target="meetings", criteria=Criteria(years=(2024,)))
    assert facet(facets, "year") == {"2024": (1, True), "2023": (1, False)}
    assert facet(facets, "kind") == {Meeting.Kind.CONFERENCE.value: (1, False)}
    assert facet(facets, "source") == {"vtv": (1, False)}
    assert facet(facets, "org") == {"thanh-uy-ha-noi": (1, False)}


def test_article_facets_and_role_facet(archive):
    facets = search.facet_counts(target="articles", criteria=Criteria(q="dung", person=archive["dung"]))
    assert facet(facets, "source") == {"vtv": (1, False), "nhan-dan": (1, False)}
    assert facet(facets, "role") == {"chair": (1, False), "attend": (1, False)}
    assert facet(facets, "kind") == {"hoi-nghi": (1, False), "buoi-lam-viec": (1, False)}


def test_counts_are_capped(archive, monkeypatch):
    monkeypatch.setattr(facets, "CAP", 1)
    totals = search.count_everything(criteria=Criteria())
    assert totals["meetings"].capped and str(totals["meetings"]) == "1+"
    assert search.capped_count(search.search_meetings(criteria=Criteria(years=(2024,))), cap=1).capped is False
    counted = search.facet_counts(target="meetings", criteria=Criteria())
    assert all(o.count.value <= 1 for f in counted for o in f.options)


def test_participations_for_export(archive):
    rows = list(export.participation_export_rows(criteria=Criteria(), batch=2))
    assert len(rows) == 5  # 2 in m1, 3 in m2; drafts left out
    assert {r[0][5] for r in rows} == {"Đinh Tiến Dũng", "Nguyễn Thị Lan", None}
    by_meeting = {r[0][0]: r[1] for r in rows}
    assert by_meeting[archive["m1"].pk] == [(archive["a1"].pk, archive["a1"].url)]
    own = list(export.participation_export_rows(criteria=Criteria(person=archive["dung"], role="chair")))
    assert [(r[0][0], r[0][8]) for r in own] == [(archive["m1"].pk, Role.CHAIR)]


def test_suggestions_for_misspelled_names(archive):
    assert search.suggest_names(q="dinh tien dunh")[0] == archive["dung"]  # the nearest name first
    assert search.suggest_names(q="zz") == []


def test_autocomplete_and_resolve(archive):
    assert [p["slug"] for p in search.autocomplete_persons(term="dũng")] == ["dinh-tien-dung"]
    assert [p["slug"] for p in search.autocomplete_persons(term="nguyen t")] == ["nguyen-thi-lan"]
    assert search.find_public_person(value="dinh-tien-dung") == archive["dung"]
    assert search.find_public_person(value="ĐINH TIẾN DŨNG") == archive["dung"]
    assert search.find_public_person(value="Nguyễn T. Lan") == archive["lan"]
    assert search.find_public_person(value="không ai") is None
    hidden = make_person("Người Ẩn")
    make_published_meeting("Họp nháp", chair=hidden, status=Status.DRAFT)
    assert search.find_public_person(value="nguoi-an") is None
    assert search.autocomplete_persons(term="người ẩn") == []


def test_person_profile(archive):
    profile = selectors.person_profile(person=archive["dung"])
    assert profile["chaired_total"] == 1 and profile["attended_total"] == 1
    assert [p.meeting.title for p in profile["chaired"]] == ["Hội nghị Ban Chấp hành Đảng bộ thành phố"]
    assert profile["months"] == [(datetime.date(2023, 5, 1), 1), (datetime.date(2024, 4, 1), 1)]
    assert [t["title"] for t in profile["titles"]] == ["Bí thư Thành ủy"]
    assert profile["titles"][0]["first"] == datetime.date(2024, 4, 3)
    assert [a.headline for a in profile["articles"]] == ["Đinh Tiến Dũng chủ trì hội nghị Thành ủy", "Hội nghị về kinh tế"]


def test_highlight_segments_uses_offsets_and_string_search(archive):
    article = archive["a1"]
    segments = selectors.highlight_segments(body=article.body, mentions=list(article.mentions.select_related("person")))
    linked = [(text, person.slug) for text, person in segments if person]
    assert linked == [("Đinh Tiến Dũng", "dinh-tien-dung")]
    assert "".join(text for text, _ in segments) == article.body


def test_generated_search_column_does_not_break_inserts_or_updates(archive):
    article = archive["a2"]
    article.headline = "Tiêu đề mới về Thành uỷ"
    article.save()
    assert headlines(Criteria(q="thanh uy moi")) == ["Tiêu đề mới về Thành uỷ"]


def test_most_active_and_recent(archive):
    add_participation(archive["m2"], make_person("Lê Văn Ba"))
    active = selectors.most_active_persons()
    assert {p.full_name for p, n in active if n == 2} == {"Đinh Tiến Dũng", "Nguyễn Thị Lan"}
    assert [m.title for m in selectors.recent_meetings()][0] == "Hội nghị Ban Chấp hành Đảng bộ thành phố"


def test_meeting_matched_by_participant_name_resolved_alias_and_unresolved(archive):
    # A resolved participant matches through the person's name or an alias, an unresolved one
    # through the name as written.
    assert set(titles(Criteria(q="nguyen t lan"))) == {
        "Hội nghị Ban Chấp hành Đảng bộ thành phố",
        "Buổi làm việc với quận Ba Đình",
    }
    # A negated word only excludes through the matching participant's own name or the title.
    assert titles(Criteria(q='"chua ro" -lan')) == ["Buổi làm việc với quận Ba Đình"]
    assert titles(Criteria(q='"chua ro" -ba')) == []
    assert titles(Criteria(q="chua ro ba dinh")) == ["Buổi làm việc với quận Ba Đình"]  # name + title


def test_facets_are_counted_from_one_match_set_and_marked_when_sampled(archive, monkeypatch):
    exact = search.facet_counts(target="meetings", criteria=Criteria(q="dung"))
    assert facet(exact, "kind") == {"hoi-nghi": (1, False), "buoi-lam-viec": (1, False)}
    assert all(not o.count.at_least for f in exact for o in f.options)
    # A broad match (more than CORE_LIMIT items) is sampled: counts are lower bounds ("1+").
    monkeypatch.setattr(facets, "CORE_LIMIT", 1)
    sampled = search.facet_counts(target="meetings", criteria=Criteria(q="dung"))
    assert sum(o.count.value for f in sampled if f.name == "kind" for o in f.options) == 2
    assert all(str(o.count).endswith("+") for f in sampled for o in f.options)
    # ... over the first BROAD_SAMPLE rows of the match, the histogram too.
    monkeypatch.setattr(facets, "BROAD_SAMPLE", 1)
    sample = search.search_results(target="meetings", criteria=Criteria(q="dung"))
    assert sum(o.count.value for f in sample["facets"] if f.name == "kind" for o in f.options) == 1
    assert sum(n for _, n in sample["histogram"]) == 1 and not sample["complete"]
    # The list and the tab total still come from SQL, complete.
    results = search.search_results(target="meetings", criteria=Criteria(q="dung", sort="newest"))
    assert [m.title for m in results["page"].items] == [
        "Hội nghị Ban Chấp hành Đảng bộ thành phố",
        "Buổi làm việc với quận Ba Đình",
    ]
    assert str(results["totals"]["meetings"]) == "2"


@pytest.mark.parametrize("target", ["meetings", "articles"])
def test_a_broad_match_narrowed_by_a_filter_lists_the_same_page_whichever_way_it_is_read(archive, monkeypatch, target):
    criteria = Criteria(q="dung", years=(2024,), sort="newest")

    def listed():
        results = search.search_results(target=target, criteria=criteria)
        return [str(item) for item in results["page"].items], str(results["totals"][target])

    exact = listed()  # the core (every "dung" match) is complete
    assert exact[1] == "1"
    monkeypatch.setattr(facets, "CORE_LIMIT", 1)  # "dung" is broad: the year narrows the full match
    assert listed() == exact
    monkeypatch.setattr(facets, "CAP", 0)  # ... and even that is too many: the page is asked for apart
    assert listed()[0] == exact[0]


def test_search_results_page_total_and_relevance(archive):
    results = search.search_results(target="articles", criteria=Criteria(q="Đinh Tiến Dũng"), per_page=1)
    assert results["page"].has_next and len(results["page"].items) == 1
    assert str(results["totals"]["articles"]) == "2" and str(results["totals"]["meetings"]) == "2"
    assert results["page"].items[0].headline == "Đinh Tiến Dũng chủ trì hội nghị Thành ủy"  # exact, in headline


def test_person_titles_link_each_source_once(archive):
    dung = archive["dung"]
    commentary = make_article("Bình luận", "Đinh Tiến Dũng nói.", published_at=aware(2024, 6, 1))  # reports no meeting
    make_mention(commentary, dung, titles=["Bí thư Thành ủy"])
    make_mention(commentary, dung, titles=["Bí thư Thành ủy"])  # a second mention in the same article
    profile = selectors.person_profile(person=dung)
    (entry,) = profile["titles"]
    assert [link[:2] for link in entry["links"] if link[0] == "article"] == [("article", commentary.pk)]


def test_a_title_at_a_meeting_comes_from_the_participation_not_the_mention_beside_it(archive):
    """a1 reports m1, where Đinh Tiến Dũng's participation says "Bí thư Thành ủy" and so does the
    article's mention. Staff correct the participation: the timeline shows the corrected title
    alone, never the mention's old one for the same date."""
    dung, a1 = archive["dung"], archive["a1"]
    chair = dung.participations.get(meeting__articles=a1)
    chair.titles_as_written = ["Bí thư Thành ủy Hà Nội"]
    chair.save()
    titles = [entry["title"] for entry in selectors.person_profile(person=dung)["titles"]]
    assert "Bí thư Thành ủy Hà Nội" in titles and "Bí thư Thành ủy" not in titles


def test_person_profile_aggregates_in_the_database(monkeypatch, django_assert_max_num_queries):
    # Totals and chart come from one GROUP BY (month, role); the title timeline merges lists of
    # titles that share a title, with first/last over every row and the newest sources first.
    person = make_person("Trần Văn Bốn")
    days = [datetime.date(2020, 1, 5), datetime.date(2020, 1, 20), datetime.date(2021, 3, 1), datetime.date(2022, 7, 9)]
    lists = [["Bí thư Tỉnh ủy"], ["Bí thư Tỉnh ủy", "Trưởng đoàn ĐBQH"], ["Bí thư  Tỉnh ủy"], ["Bí thư Tỉnh ủy"]]
    meetings = []
    for i, (day, titles_) in enumerate(zip(days, lists, strict=True)):
        meeting = make_published_meeting(f"Họp {i}", date=day)
        add_participation(meeting, person, role=Role.CHAIR if i % 2 else Role.ATTENDEE, titles=titles_)
        meetings.append(meeting)
    undated = make_published_meeting("Họp không ngày")
    Meeting.objects.filter(pk=undated.pk).update(date=None)
    add_participation(undated, person, titles=["Bí thư Tỉnh ủy"])
    make_published_meeting("Họp nháp", chair=person, status=Status.DRAFT, date=datetime.date(2023, 1, 1))
    with django_assert_max_num_queries(7):
        profile = selectors.person_profile(person=person)
    assert profile["chaired_total"] == 2 and profile["attended_total"] == 3  # the draft does not count
    assert profile["months"] == [
        (datetime.date(2020, 1, 1), 2),
        (datetime.date(2021, 3, 1), 1),
        (datetime.date(2022, 7, 1), 1),
    ]
    by_title = {t["title"]: t for t in profile["titles"]}
    assert set(by_title) == {"Bí thư Tỉnh ủy", "Trưởng đoàn ĐBQH"}  # "Bí thư  Tỉnh ủy" is the same title
    secretary = by_title["Bí thư Tỉnh ủy"]
    assert (secretary["first"], secretary["last"]) == (days[0], days[3])
    assert [link[1] for link in secretary["links"]] == [meetings[3].pk, meetings[2].pk, meetings[1].pk]
    deputy = by_title["Trưởng đoàn ĐBQH"]
    assert (deputy["first"], deputy["last"]) == (days[1], days[1])
    assert [t["title"] for t in profile["titles"]] == ["Bí thư Tỉnh ủy", "Trưởng đoàn ĐBQH"]  # by first date


def test_person_title_timeline_reads_the_newest_rows_only(monkeypatch, client):
    monkeypatch.setattr(selectors, "TITLE_ROWS", 2)
    person = make_person("Lê Thị Năm")
    for i, title in enumerate(["Chức cũ", "Chức mới", "Chức mới"]):
        meeting = make_published_meeting(f"Họp {i}", date=datetime.date(2020 + i, 1, 1))
        add_participation(meeting, person, titles=[title])
    article = make_article("Bài về bà Năm")
    make_mention(article, person, titles=["Chức mới"])
    make_mention(article, person, titles=["Chức mới"])  # same article twice: one link
    profile = selectors.person_profile(person=person)
    (entry,) = profile["titles"]
    assert entry["title"] == "Chức mới" and entry["first"] == datetime.date(2021, 1, 1)
    assert [link[0] for link in entry["links"]] == ["meeting", "meeting", "article"]
    # The page says the timeline is bounded (3 meetings > 2).
    assert "Theo 2 cuộc họp và 2 bài báo gần nhất." in client.get(person.get_absolute_url()).content.decode()
