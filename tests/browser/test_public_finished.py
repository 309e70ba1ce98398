"""The public site finished (issue 16), in a real browser at a desktop and a phone width: a name
typed without diacritics leads to the person, snippets mark the words, chips remove filters,
histogram bars set the dates, the CSV limit says so; every public page screenshotted at both
widths, axe-clean and without horizontal scrolling on the phone."""

import datetime
import re
from types import SimpleNamespace

import pytest

from people.models import Meeting, Role
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_public_site import axe_violations
from tests.factories import (
    add_participation,
    aware,
    make_article,
    make_mention,
    make_person,
    make_published_meeting,
    make_source,
)

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(params=list(WIDTHS))
def sized(request, browser, live_server):
    """(page, width name): a fresh browser context at that width."""
    width = WIDTHS[request.param]
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", accept_downloads=True, viewport={"width": width, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page, request.param
    context.close()


@pytest.fixture
def archive():
    hai = make_person("Nguyễn Văn Hải")
    hang = make_person("Lê Thị Thu Hằng")
    khoi = make_person("Phạm Minh Khôi")
    source = make_source("Báo Hòa An")
    meetings = []
    for i, (day, kind) in enumerate(
        [
            (datetime.date(2023, 4, 18), Meeting.Kind.WORKING_SESSION),
            (datetime.date(2023, 4, 25), Meeting.Kind.CONFERENCE),
            (datetime.date(2023, 9, 21), Meeting.Kind.WORKING_SESSION),
            (datetime.date(2024, 1, 25), Meeting.Kind.SESSION),
            (datetime.date(2024, 6, 8), Meeting.Kind.CONFERENCE),
        ]
    ):
        body = (
            f"Ngày {day:%d/%m}, tỉnh tổ chức cuộc họp số {i} về phát triển kinh tế và xây dựng nông thôn mới. "
            "Các đại biểu thảo luận nhiều nội dung quan trọng của địa phương. "
            f"Đồng chí Nguyễn Văn Hải, Chủ tịch UBND tỉnh, chủ trì. Đồng chí Lê Thị Thu Hằng dự và phát biểu."
        )
        article = make_article(f"Tỉnh Hòa An họp lần {i}", body, source=source, published_at=aware(day.year, day.month, day.day))
        meeting = make_published_meeting(f"Cuộc họp tỉnh Hòa An lần {i}", article=article, date=day, kind=kind)
        add_participation(meeting, hai, role=Role.CHAIR, titles=["Chủ tịch UBND tỉnh Sông Lam"])
        add_participation(meeting, hang, role=Role.SPEAKER if i % 2 else Role.ATTENDEE, titles=["Phó Chủ tịch UBND tỉnh"])
        if i % 2:
            add_participation(meeting, khoi, role=Role.CO_CHAIR, titles=["Chủ tịch HĐND tỉnh"])
        make_mention(article, hai, titles=["Chủ tịch UBND tỉnh"])
        make_mention(article, hang)
        meetings.append(meeting)
    return {"hai": hai, "hang": hang, "meetings": meetings, "article": meetings[0].articles.get()}


def _shot(page, width, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public-{name}-{width}.png"), full_page=True)


def _check(page, width, name):
    """Screenshot, axe (0 serious/critical), and on the phone no horizontal scrolling."""
    _shot(page, width, name)
    assert axe_violations(page) == [], name
    if width == "phone":
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, name


def _result_titles(page):
    return page.locator("ol.results .result-title").all_inner_texts()


def _open_filters(page, width):
    if width == "phone":
        button = page.get_by_role("button", name=re.compile("^Bộ lọc"))
        assert button.get_attribute("aria-expanded") == "false"
        assert not page.locator("#facets").is_visible()  # folded: the results come first
        button.click()
        assert button.get_attribute("aria-expanded") == "true"


def test_a_name_typed_without_diacritics_leads_to_the_person_in_one_click(sized, archive):
    page, width = sized
    page.goto("/")
    _check(page, width, "home")
    page.get_by_label("Tìm cán bộ, cuộc họp, bài báo").fill("nguyen van hai")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/tim-kiem/?q=nguyen+van+hai")
    people = page.locator(".people-first")
    assert people.locator("mark").first.inner_text() == "Nguyễn Văn Hải"
    assert "Chủ tịch Ủy ban nhân dân tỉnh Sông Lam" in people.inner_text()  # his post, from his tenure
    assert "Chủ trì 5 cuộc họp" in people.inner_text()
    if width == "phone":  # the results start on the first screen, above the folded filters' content
        assert page.locator(".people-first").bounding_box()["y"] < 844
    _check(page, width, "search")
    people.get_by_role("link", name="Nguyễn Văn Hải").first.click()
    page.wait_for_url(f"**{archive['hai'].get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Nguyễn Văn Hải"
    _check(page, width, "person")
    # The person page's tables read as cards on the phone (each cell labelled), as tables on the desktop.
    cell = page.locator("table.cards-on-phones td[data-label='Vai trò']").first
    display = cell.evaluate("td => getComputedStyle(td).display")
    assert display == ("grid" if width == "phone" else "table-cell")


def test_snippets_chips_and_focus(sized, archive):
    page, width = sized
    page.goto("/tim-kiem/?q=le+thi+thu+hang&tab=articles")
    snippet_mark = page.locator("ol.results p.snippet mark").first
    assert snippet_mark.inner_text() == "Lê Thị Thu Hằng"
    page.goto("/tim-kiem/?q=le+thi+thu+hang")
    participant = page.locator("ol.results p.snippet").first.inner_text()
    assert re.search(r"Lê Thị Thu Hằng — (Phát biểu|Tham dự) \(Phó Chủ tịch UBND tỉnh\)", participant)
    before_url, before = page.url, _result_titles(page)
    assert len(before) == 5
    _open_filters(page, width)
    page.locator('a[data-facet="kind"][data-value="buoi-lam-viec"]').click()
    page.wait_for_url("**kind=buoi-lam-viec**")
    assert page.evaluate("document.activeElement.id") == "results"  # focus follows the filter
    assert len(_result_titles(page)) == 2
    chip = page.locator("a.chip", has_text="Buổi làm việc")
    assert chip.is_visible()
    _check(page, width, "search-chips")
    chip.click()
    page.wait_for_url(re.compile(r"\?q=le\+thi\+thu\+hang#results$"))
    assert page.url.split("#")[0] == before_url
    assert _result_titles(page) == before
    assert page.locator("a.chip").count() == 1  # the words themselves


def test_the_official_suggested_goes_into_the_box_by_name(sized, archive):
    page, width = sized
    page.goto("/tim-kiem/")
    _open_filters(page, width)
    page.locator("#id_person").fill("nguyen van")
    page.locator('#person-options option[value="Nguyễn Văn Hải"]').wait_for(state="attached")
    assert "nguyen-van-hai" not in page.locator("#person-options").inner_html()
    page.locator("#id_person").fill("Nguyễn Văn Hải")
    page.locator("#id_person").press("Enter")
    page.wait_for_url("**person=**")
    assert page.locator("#id_person").input_value() == "Nguyễn Văn Hải"
    assert page.locator("a.chip", has_text="Nguyễn Văn Hải").count() == 1
    assert len(_result_titles(page)) == 5


def test_a_histogram_bar_sets_the_date_range(sized, archive):
    page, width = sized
    page.goto("/tim-kiem/?q=hoa+an")
    bar = page.locator('a.histogram-bar[aria-label="04/2023: 2 cuộc họp"]')
    bar.click()
    page.wait_for_url("**date_from=2023-04-01&date_to=2023-04-30**")
    assert sorted(_result_titles(page)) == ["Cuộc họp tỉnh Hòa An lần 0", "Cuộc họp tỉnh Hòa An lần 1"]
    assert page.locator("#id_date_from").input_value() == "2023-04-01"
    assert page.locator("#id_date_to").input_value() == "2023-04-30"
    assert page.locator("a.histogram-bar.selected").get_attribute("aria-label") == "04/2023: 2 cuộc họp"
    # Shift + a second bar: the span from the first to the second.
    page.locator('a.histogram-bar[aria-label="09/2023: 1 cuộc họp"]').click(modifiers=["Shift"])
    page.wait_for_url("**date_from=2023-04-01&date_to=2023-09-30**")
    assert len(_result_titles(page)) == 3
    _check(page, width, "search-histogram")


def test_the_csv_limit_shows_its_message(sized, archive, settings, monkeypatch):
    import articles.middleware as middleware

    page, width = sized
    from django.core.cache import caches

    caches["default"].clear()
    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: 2_000_000 * 60 + 1.0 + WIDTHS[width]))
    settings.RATE_LIMIT_EXPORTS_PER_MINUTE = middleware.DEFAULT_EXPORTS_PER_MINUTE
    page.goto("/tim-kiem/?q=hoa+an")
    link = page.get_by_role("link", name="cuộc họp (CSV)")
    for _ in range(middleware.DEFAULT_EXPORTS_PER_MINUTE):
        with page.expect_download():
            link.click()
    link.click()  # the 11th in a minute
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert re.fullmatch(r"Bạn đã tải về quá nhiều tệp trong một phút\. Hãy thử lại sau \d+ giây\.", alert.inner_text().strip())
    _check(page, width, "rate-limited")
    page.get_by_role("link", name="Quay lại kết quả tìm kiếm").click()
    page.wait_for_url("**/tim-kiem/?q=hoa+an&tab=meetings")
    assert len(_result_titles(page)) == 5


def test_every_other_public_page_at_both_widths(sized, archive):
    page, width = sized
    meeting = archive["meetings"][1]
    for name, url in (
        ("search-empty", "/tim-kiem/"),
        ("search-nothing-found", "/tim-kiem/?q=khong+co+gi"),
        ("search-person", f"/tim-kiem/?person={archive['hai'].slug}&role=chair"),
        ("meeting", meeting.get_absolute_url()),
        ("article", archive["article"].get_absolute_url()),
    ):
        page.goto(url)
        _check(page, width, name)
    page.goto(archive["article"].get_absolute_url())
    facts = page.locator(".evidence-list > li > strong").all_inner_texts()
    assert len(facts) == len(set(facts))  # each person once
