"""The search page as a visitor reads it: why each result matched, who the words name, which
filters are on, when things happened, and all of it within the page's SQL budget."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Source
from articles.search import parse_query
from articles.search.snippets import excerpt
from articles.search.text import matched_spans
from people.models import Role
from tests.factories import add_participation, aware, make_article, make_mention, make_person, make_published_meeting

pytestmark = pytest.mark.django_db

SQL_BUDGET = 6  # statements per search page (issue 14; bench/report.py checks the same at scale)


def _marks(html):
    return re.findall(r"<mark>(.*?)</mark>", html)


@pytest.fixture
def archive():
    hai = make_person("Nguyễn Văn Hải")
    hang = make_person("Lê Thị Thu Hằng")
    body = (
        "Chiều 18/4, đoàn công tác của tỉnh làm việc với huyện về nông thôn mới. " * 5
        + "Đồng chí Nguyễn Văn Hải, Chủ tịch UBND tỉnh, chủ trì buổi làm việc. "
        + "Cùng dự có đồng chí Lê Thị Thu Hằng. <b>Không</b> phải thẻ."
    )
    article = make_article("Làm việc với huyện Sông Lam", body, published_at=aware(2023, 4, 18))
    elected = make_article("Bà Lê Thị Thu Hằng được bầu làm Chủ tịch", "Kỳ họp bầu bà Lê Thị Thu Hằng.", published_at=aware(2024, 1, 25))
    work = make_published_meeting("Buổi làm việc tại huyện Sông Lam", article=article, date=datetime.date(2023, 4, 18))
    add_participation(work, hai, role=Role.CHAIR, titles=["Chủ tịch UBND tỉnh Sông Lam"])
    add_participation(work, hang)
    session = make_published_meeting("Kỳ họp bầu Chủ tịch UBND tỉnh", article=elected, date=datetime.date(2024, 1, 25))
    add_participation(session, hai, role=Role.ATTENDEE)
    add_participation(session, hang, role=Role.SPEAKER)
    make_mention(article, hai)
    make_mention(elected, hang)
    return {"hai": hai, "hang": hang, "article": article, "elected": elected, "work": work, "session": session}


def test_matches_are_found_as_the_search_finds_them_accents_aside():
    text = "Sáng nay, ĐỒNG CHÍ Đinh Tiến Dũng chủ trì; ông Dũng phát biểu."
    assert [text[a:b] for a, b in matched_spans(text, parse_query("dinh tien dung"))] == ["Đinh Tiến Dũng", "Dũng"]
    assert [text[a:b] for a, b in matched_spans(text, parse_query('"tien dung" -sang'))] == ["Tiến Dũng"]
    assert matched_spans(text, parse_query("dun")) == []  # whole words only


def test_an_article_without_a_headline_is_listed_under_its_placeholder(client):
    make_article(None, "Đồng chí Nguyễn Văn Hải dự hội nghị tổng kết.", published_at=aware(2024, 5, 2))
    for params in ({"tab": "articles"}, {"tab": "articles", "q": "tong ket"}):
        page = client.get(reverse("search"), params)
        assert page.status_code == 200
        assert "(không có tiêu đề)" in page.content.decode()


def test_an_excerpt_is_cut_around_the_first_match_and_escaped():
    text = "mở đầu " * 100 + "đồng chí Nguyễn Văn Hải <script>x</script> " + "kết thúc " * 100
    html = str(excerpt(text, parse_query("nguyen van hai")))
    assert html.startswith("… ") and html.endswith(" …") and len(html) < 400
    assert "<mark>Nguyễn Văn Hải</mark> &lt;script&gt;x&lt;/script&gt;" in html


def test_each_article_result_shows_its_matched_words_in_context(client, archive):
    html = client.get(reverse("search"), {"q": "nguyen van hai", "tab": "articles"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>Nguyễn Văn Hải</mark>, Chủ tịch UBND tỉnh" in snippet
    assert "&lt;b&gt;Không&lt;/b&gt;" in html and "<b>Không</b>" not in html


def test_each_meeting_result_shows_the_participant_the_words_name_with_their_role(client, archive):
    html = client.get(reverse("search"), {"q": "le thi thu hang"}).content.decode()
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert len(snippets) == 2
    assert any("<mark>Lê Thị Thu Hằng</mark></a> — Phát biểu" in s for s in snippets)
    assert any("<mark>Lê Thị Thu Hằng</mark></a> — Tham dự" in s for s in snippets)
    assert "<mark>Thu Hằng</mark>" not in html  # a name is one mark


def test_a_matched_chair_is_marked_among_the_chairs_not_listed_twice(client, archive):
    html = client.get(reverse("search"), {"q": "nguyen van hai"}).content.decode()
    work = html.split(archive["work"].get_absolute_url())[1].split("</li>")[0]
    assert f'Chủ trì:\n    <a href="{archive["hai"].get_absolute_url()}"><mark>Nguyễn Văn Hải</mark></a>' in work
    assert 'class="snippet"' not in work
    session = html.split(archive["session"].get_absolute_url())[1].split("</li>")[0]
    assert "<mark>Nguyễn Văn Hải</mark></a> — Tham dự" in session


def test_filtering_by_a_person_shows_their_role_in_each_meeting_and_its_chairs(client, archive):
    html = client.get(reverse("search"), {"person": archive["hang"].slug}).content.decode()
    work = html.split(archive["work"].get_absolute_url())[1].split("</li>")[0]
    assert f'Chủ trì:\n    <a href="{archive["hai"].get_absolute_url()}">Nguyễn Văn Hải</a>' in work
    assert "Lê Thị Thu Hằng</a> — Tham dự" in work
    session = html.split(archive["session"].get_absolute_url())[1].split("</li>")[0]
    assert "Lê Thị Thu Hằng</a> — Phát biểu" in session
    assert "Nguyễn Văn Hải" not in session  # an attendee nobody asked about is not listed


def test_without_words_a_meeting_lists_its_chairs_only(client, archive):
    html = client.get(reverse("search"), {"year": "2023"}).content.decode()
    work = html.split(archive["work"].get_absolute_url())[1].split("</li>")[0]
    assert f'<a href="{archive["hai"].get_absolute_url()}">Nguyễn Văn Hải</a>' in work
    assert 'class="snippet"' not in work and "Lê Thị Thu Hằng" not in work


def test_snippets_escape_what_the_archive_holds(client):
    evil = make_person('Trần <img src=x onerror=alert(1)> "Ba"')
    meeting = make_published_meeting("Hội nghị <script>alert(2)</script>", date=datetime.date(2024, 2, 2))
    add_participation(meeting, evil, role=Role.CHAIR)
    make_article("<i>Tin</i> hội nghị", "Nội dung <script>alert(3)</script> hội nghị.", published_at=aware(2024, 2, 2))
    for tab in ("meetings", "articles"):
        html = client.get(reverse("search"), {"q": "hoi nghi tran", "tab": tab}).content.decode()
        html += client.get(reverse("search"), {"q": "hoi nghi", "tab": tab}).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html and "<i>Tin</i>" not in html


def test_the_search_page_stays_within_its_sql_budget(client, archive, django_assert_max_num_queries):
    for i in range(25):
        meeting = make_published_meeting(f"Hội nghị số {i}", date=datetime.date(2022, 1 + i % 12, 1 + i))
        add_participation(meeting, archive["hai"], role=Role.CHAIR if i % 2 else Role.ATTENDEE)
    outlet = Source.objects.create(name="Báo Sông Lam")
    make_article("Hội nghị số 3 của tỉnh", "Hội nghị bàn về nông thôn mới.", source=outlet, meetings=[meeting])
    for params in (
        {"q": "nguyen van hai"},
        {"q": "hoi nghi", "source": outlet.slug},  # two words naming nobody, results, and a filter's choices
        {"q": "nguyen van hai", "tab": "articles"},
        {"q": "hoi nghi", "year": "2022"},
        {"person": archive["hai"].slug},
        {"person": archive["hai"].slug, "role": "chair", "date_from": "2022-01-01", "date_to": "2022-12-31"},
        {"q": "khong co gi ca"},
        {},
    ):
        with django_assert_max_num_queries(SQL_BUDGET):
            assert client.get(reverse("search"), params).status_code == 200


def test_words_naming_an_official_open_the_results_with_that_person(client, archive):
    html = client.get(reverse("search"), {"q": "nguyen van hai"}).content.decode()
    block = html.split('id="people-first-heading"')[1].split("</section>")[0]
    hai = archive["hai"]
    assert f'<a href="{hai.get_absolute_url()}" class="person-name"><mark>Nguyễn Văn Hải</mark></a>' in block
    post = hai.tenures.get().post  # the post he was last evidenced in, linked to its page
    assert f'<a href="{post.get_absolute_url()}" class="post">{post.name}</a>' in block
    assert post.name == "Chủ tịch Ủy ban nhân dân tỉnh Sông Lam"  # canonical: the abbreviation spelled out
    assert "Chủ trì 1 cuộc họp · tham dự 1 cuộc họp" in re.sub(r"\s+", " ", block)
    assert "Lê Thị Thu Hằng" not in block
    assert html.index("people-first-heading") < html.index('class="results"')
    # Picking him filters by him, and the box shows his name, not his slug.
    href = re.search(r'<a href="\?([^"]*)#results" class="filter-by">', block).group(1).replace("&amp;", "&")
    assert href == f"person={hai.slug}"
    filtered = client.get(reverse("search") + "?" + href).content.decode()
    assert 'id="id_person" value="Nguyễn Văn Hải"' in filtered and "people-first-heading" not in filtered
    assert "Buổi làm việc tại huyện Sông Lam" in filtered


def test_one_word_names_nobody_in_particular(client, archive):
    html = client.get(reverse("search"), {"q": "hai"}).content.decode()
    assert "people-first-heading" not in html and "Buổi làm việc tại huyện Sông Lam" in html


def test_the_name_in_the_box_finds_the_same_person_again(client, archive):
    by_name = client.get(reverse("search"), {"person": "Nguyễn Văn Hải"}).content.decode()
    by_slug = client.get(reverse("search"), {"person": archive["hai"].slug}).content.decode()
    assert re.findall(r'class="result-title"><a href="([^"]+)"', by_name) == re.findall(
        r'class="result-title"><a href="([^"]+)"', by_slug
    ) != []


def _chips(html):
    return [
        (re.sub(r"<[^>]+>", "", label).strip(), href.replace("&amp;", "&"))
        for href, label in re.findall(r'<a class="chip" href="([^"]+)">(.*?)<span aria-hidden', html, re.S)
    ]


def test_each_filter_in_force_is_a_chip_whose_link_removes_it(client, archive):
    hai = archive["hai"]
    wide = client.get(reverse("search"), {"person": hai.slug}).content.decode()
    html = client.get(reverse("search"), {"person": hai.slug, "role": "chair", "year": "2023", "kind": "buoi-lam-viec"}).content.decode()
    chips = dict(_chips(html))
    assert set(chips) == {"Cán bộ: Nguyễn Văn Hải", "Vai trò: Chủ trì", "Năm: 2023", "Loại cuộc họp: Buổi làm việc"}
    assert chips["Năm: 2023"] == f"?person={hai.slug}&role=chair&kind=buoi-lam-viec#results"
    assert ">Bộ lọc (4)</button>" in html  # what the folded filters hold, on a phone
    assert chips["Cán bộ: Nguyễn Văn Hải"] == "?year=2023&kind=buoi-lam-viec#results"  # the role goes with the person
    # Removing them one by one comes back to the wider search.
    url = f"?person={hai.slug}&kind=buoi-lam-viec"
    narrowed = client.get(reverse("search") + url).content.decode()
    (kind_chip,) = [href for label, href in _chips(narrowed) if label.startswith("Loại cuộc họp")]
    again = client.get(reverse("search") + kind_chip.split("#")[0]).content.decode()
    titles = r'class="result-title"><a href="([^"]+)"'
    assert re.findall(titles, again) == re.findall(titles, wide) and len(re.findall(titles, wide)) == 2


def test_filter_links_bring_focus_to_the_results_and_long_facets_can_be_searched(client, archive):
    from tests.factories import make_organization

    for i in range(10):
        make_published_meeting(f"Hội nghị tổ chức {i}", organizer=make_organization(f"Sở Ngành {i}"), date=datetime.date(2024, 3, 1 + i))
    html = client.get(reverse("search"), {"q": "hoi nghi"}).content.decode()
    assert 'id="results" tabindex="-1"' in html and 'action="/tim-kiem/#results"' in html
    assert all(href.endswith("#results") for href in re.findall(r'class="facet-option[^"]*" href="([^"]+)"', html) + re.findall(r'<a href="([^"]+)" class="facet-option', html))
    assert 'data-facet-search="facet-list-org"' in html  # 10 organisers
    assert 'data-facet-search="facet-list-year"' not in html  # one year


def _bars(html):
    return [
        (label, href.replace("&amp;", "&"), selected)
        for href, selected, label in re.findall(
            r'<a href="([^"]+)" class="histogram-bar( selected)?" aria-label="([^"]+)"', html
        )
    ]


def test_a_date_histogram_counts_the_matches_per_month_and_each_bar_sets_the_range(client, archive):
    for day in (datetime.date(2023, 4, 2), datetime.date(2023, 6, 30)):
        make_published_meeting("Buổi làm việc thêm", date=day).participations.create(
            person=archive["hai"], role=Role.ATTENDEE, name_as_written="Nguyễn Văn Hải"
        )
    html = client.get(reverse("search"), {"q": "nguyen van hai"}).content.decode()
    bars = _bars(html)
    assert [label for label, _, _ in bars] == ["04/2023: 2 cuộc họp", "06/2023: 1 cuộc họp", "01/2024: 1 cuộc họp"]
    assert "Cuộc họp theo thời gian (theo tháng)" in html
    april = bars[0][1]
    assert april == "?q=nguyen+van+hai&date_from=2023-04-01&date_to=2023-04-30#results"
    chosen = client.get(reverse("search") + april.split("#")[0]).content.decode()
    assert [label for label, _, selected in _bars(chosen) if selected] == ["04/2023: 2 cuộc họp"]
    assert len(_bars(chosen)) == 3  # the other months stay, to choose from
    assert len(re.findall(r'class="result-title"', chosen)) == 2
    articles = client.get(reverse("search"), {"q": "nguyen van hai", "tab": "articles"}).content.decode()
    assert [label for label, _, _ in _bars(articles)] == ["04/2023: 1 bài báo"]


def test_a_long_span_is_shown_per_year(client, archive):
    make_published_meeting("Hội nghị cũ", date=datetime.date(2015, 5, 5)).participations.create(
        person=archive["hai"], role=Role.CHAIR, name_as_written="Nguyễn Văn Hải"
    )
    html = client.get(reverse("search"), {"person": archive["hai"].slug}).content.decode()
    labels = [label for label, _, _ in _bars(html)]
    assert labels == ["2015: 1 cuộc họp", "2023: 1 cuộc họp", "2024: 1 cuộc họp"]
    assert f"?person={archive['hai'].slug}&date_from=2015-01-01&date_to=2015-12-31#results" in [h for _, h, _ in _bars(html)]
