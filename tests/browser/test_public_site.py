"""The public site in a real browser: search, facets, person page, CSV download, language, accessibility."""

import datetime
from pathlib import Path

import pytest

from people.models import Meeting, Role
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


@pytest.fixture
def archive():
    dung = make_person("Đinh Tiến Dũng")
    lan = make_person("Nguyễn Thị Lan")
    source = make_source("VTV")
    article = make_article(
        "Đinh Tiến Dũng chủ trì hội nghị Thành ủy",
        "Sáng 3/4, đồng chí Đinh Tiến Dũng chủ trì hội nghị.\nĐồng chí Nguyễn Thị Lan dự.",
        source=source,
        published_at=aware(2024, 4, 3),
    )
    make_mention(article, dung, titles=["Bí thư Thành ủy"])
    make_mention(article, lan)
    chaired = make_published_meeting(
        "Hội nghị Ban Chấp hành Đảng bộ", chair=dung, attendees=[lan], article=article, date=datetime.date(2024, 4, 3)
    )
    working = make_published_meeting(
        "Buổi làm việc với quận Ba Đình", chair=lan, date=datetime.date(2023, 6, 1), kind=Meeting.Kind.WORKING_SESSION
    )
    add_participation(working, dung, role=Role.ATTENDEE)
    return {"dung": dung, "article": article, "chaired": chaired, "working": working}


def axe_violations(page):
    """Serious and critical axe-core violations on the current page (axe.min.js from axe-playwright-python)."""
    axe = pytest.importorskip("axe_playwright_python", reason="pip install axe-playwright-python==0.1.8")
    source = (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    page.evaluate(source)  # evaluate, not a <script> tag: a Content-Security-Policy cannot block it
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_search_facet_person_and_csv(page, archive, screenshot):
    page.goto("/")
    assert axe_violations(page) == []
    screenshot("home")

    page.get_by_label("Tìm cán bộ, cuộc họp, bài báo").fill("dinh tien dung")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/tim-kiem/?q=dinh+tien+dung")
    results = page.locator("ol.results")
    assert results.get_by_text("Hội nghị Ban Chấp hành Đảng bộ").is_visible()
    assert results.get_by_text("Buổi làm việc với quận Ba Đình").is_visible()
    assert axe_violations(page) == []
    screenshot("search")

    page.locator('a[data-facet="kind"][data-value="buoi-lam-viec"]').click()
    page.wait_for_url("**kind=buoi-lam-viec**")
    assert results.get_by_text("Buổi làm việc với quận Ba Đình").is_visible()
    assert results.get_by_text("Hội nghị Ban Chấp hành Đảng bộ").count() == 0
    screenshot("facet")

    page.go_back()
    page.locator("ol.results").get_by_role("link", name="Đinh Tiến Dũng").first.click()
    page.wait_for_url("**/nguoi/dinh-tien-dung/")
    chaired = page.locator("section", has=page.get_by_role("heading", name="Cuộc họp chủ trì"))
    assert chaired.get_by_role("link", name="Hội nghị Ban Chấp hành Đảng bộ").is_visible()
    assert page.locator("svg.chart-svg rect").count() >= 2
    assert axe_violations(page) == []
    screenshot("person")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải danh sách cuộc họp (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("vankho-participations-")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Hội nghị Ban Chấp hành Đảng bộ" in text and "Buổi làm việc với quận Ba Đình" in text


def test_meeting_and_article_pages(page, archive, screenshot):
    page.goto(archive["chaired"].get_absolute_url())
    assert page.get_by_role("heading", name="Hội nghị Ban Chấp hành Đảng bộ").is_visible()
    assert axe_violations(page) == []
    screenshot("meeting")
    page.goto(archive["article"].get_absolute_url())
    assert page.locator("a.official mark", has_text="Đinh Tiến Dũng").count() >= 1
    assert axe_violations(page) == []
    screenshot("article")


def test_switch_language_to_english(page, archive, screenshot):
    page.goto("/tim-kiem/?q=dinh")
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi ngôn ngữ").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Search", exact=True).is_visible()
    assert "q=dinh" in page.url
    screenshot("english")
    page.goto("/")
    assert page.get_by_role("heading", name="Recent meetings").is_visible()
