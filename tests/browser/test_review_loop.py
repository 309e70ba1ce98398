"""The whole review loop in a real browser, as staff work it:

upload → review screen → change a role, fix a title, add a missed chair by clicking the name,
remove a wrong participant → publish → the public pages show exactly the corrected facts →
re-extract (the diff shows what was kept), and again after a new extractor version → the public
pages are unchanged → revert one change from the history → the public page follows.

axe runs on the review screen and the admin's change pages: no serious or critical violation.
Screenshots at 1280 px and on a tablet land in test-artifacts/.
"""

import dataclasses

import pytest

from articles import extraction as engine
from articles.models import Article
from people.models import Participation, Person, Role
from tests.browser.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = """Tỉnh ủy Hòa An họp bàn công tác cán bộ

Sáng 12/5/2024, đồng chí Trần Quốc Bảo, Bí thư Tỉnh ủy chủ trì hội nghị Ban Thường vụ Tỉnh ủy. Dự hội nghị có \
đồng chí Lê Thị Thu Hằng, Phó Chủ tịch UBND tỉnh, đồng chí Võ Thị Ngọc Lan, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh và \
đồng chí Hoàng Minh Sai, Phó Giám đốc Sở Nội vụ.

Theo báo cáo của đồng chí Đặng Văn Toàn, Giám đốc Sở Tài chính, thu ngân sách quý I đạt 30% dự toán.
"""
FILENAME = "hop-ban-can-bo.txt"


def upload(page, worker):
    """Upload through the admin's form and let the background worker store it; returns the article."""
    page.goto("/admin/articles/article/upload/")
    page.set_input_files("input[type=file]", files=[{"name": FILENAME, "mimeType": "text/plain", "buffer": TEXT.encode()}])
    page.fill("#id_new_source", "Báo Hòa An")
    with page.expect_navigation():
        page.locator("#content-main form [type=submit]").first.click()
    worker.finish(page)
    return Article.objects.get(original__filename=FILENAME)


def public_facts(page, meeting, person):
    """What the public reads about the meeting and one participant (their title timeline)."""
    page.goto(meeting.get_absolute_url())
    meeting_text = page.locator("main").inner_text()
    page.goto(person.get_absolute_url())
    return meeting_text, page.locator("main").inner_text()


def assert_fits(page, width, where):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{where}: {scroll} px wide in a {width} px window"


def test_the_review_loop(staff_page, screenshot, monkeypatch, ingest_worker):
    page = staff_page
    page.set_viewport_size({"width": 1280, "height": 900})
    article = upload(page, ingest_worker)
    meeting = article.meetings.get()

    # --- the review screen
    page.goto(f"/admin/articles/article/{article.pk}/review/")
    assert page.get_by_text("Ghi trong bài").is_visible()  # how the date was found
    assert axe_violations(page) == []
    assert_fits(page, 1280, "review screen")
    screenshot("review-1280")

    page.get_by_label("Vai trò của Võ Thị Ngọc Lan").select_option(Role.SPEAKER)
    page.get_by_label("Chức danh của Lê Thị Thu Hằng, dòng 1").fill("Phó Chủ tịch UBND tỉnh Hòa An")
    page.get_by_label("với vai trò").select_option(Role.CO_CHAIR)
    # The missed chair: their name in the text, reached and pressed with the keyboard.
    name = page.locator(".review-body").get_by_role("button", name="Thêm Đặng Văn Toàn vào cuộc họp")
    name.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "focus=" in page.url
    toan = meeting.participations.get(name_as_written="Đặng Văn Toàn")
    assert page.evaluate("document.activeElement.id") == f"id_p{toan.pk}-role"  # choose their role next
    assert toan.role == Role.CO_CHAIR

    with page.expect_navigation():
        page.get_by_role("button", name="Bỏ Hoàng Minh Sai khỏi cuộc họp").click()
    assert not meeting.participations.filter(name_as_written="Hoàng Minh Sai").exists()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu và công bố").click()
    assert page.locator(".messagelist").get_by_text("Đã công bố").is_visible()
    screenshot("review-published")

    # --- the public pages show exactly the corrected facts
    hang = Person.objects.get(full_name="Lê Thị Thu Hằng")
    meeting_text, hang_text = public_facts(page, meeting, hang)
    page.goto(meeting.get_absolute_url())
    listed = [t.split("\n")[0].replace(" ,", ",") for t in page.locator("ul.participants > li").all_inner_texts()]
    assert sorted(listed) == [
        "Lê Thị Thu Hằng, Phó Chủ tịch UBND tỉnh Hòa An", "Trần Quốc Bảo, Bí thư Tỉnh ủy",
        "Võ Thị Ngọc Lan, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Đặng Văn Toàn, Giám đốc Sở Tài chính",
    ]
    assert "Phó Chủ tịch UBND tỉnh Hòa An" in hang_text
    assert "Phó Chủ tịch UBND tỉnh\n" not in hang_text and "Phó Chủ tịch UBND tỉnh\t" not in hang_text
    roles = dict(Participation.objects.filter(meeting=meeting).values_list("name_as_written", "role"))
    assert roles == {"Trần Quốc Bảo": "chair", "Đặng Văn Toàn": "co_chair", "Lê Thị Thu Hằng": "attendee",
                     "Võ Thị Ngọc Lan": "speaker"}
    screenshot("public-meeting")

    # --- re-extract: the diff shows what was kept, the public pages do not move
    page.goto(f"/admin/articles/article/{article.pk}/review/")
    page.get_by_role("link", name="Trích xuất lại…").click()
    page.wait_for_selector("#reextract-form")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Áp dụng những mục đã chọn").click()
    page.wait_for_selector("#kept-list")
    kept = page.locator("#kept-list").inner_text()
    assert "Võ Thị Ngọc Lan" in kept and "Hoàng Minh Sai" in kept and "Phó Chủ tịch UBND tỉnh Hòa An" in kept
    screenshot("reextract-kept")
    assert public_facts(page, meeting, hang) == (meeting_text, hang_text)

    # ... and after a new extractor version, from the change list's action on outdated articles
    real = engine.extract_upload

    def new_version(data, filename="", published=None):
        found = real(data, filename=filename, published=published)
        event = found.events[0]
        people = [dataclasses.replace(p, role="attendee", titles=["Đọc khác"]) for p in event.participants]
        return dataclasses.replace(found, events=[dataclasses.replace(event, participants=people)])

    monkeypatch.setattr(engine, "extract_upload", new_version)
    monkeypatch.setattr(engine, "EXTRACTOR_VERSION", "9999.1")
    page.goto("/admin/articles/article/?extraction=outdated")
    page.locator(f"input[name=_selected_action][value='{article.pk}']").check()
    page.locator("select[name=action]").select_option("reextract_selected")
    page.locator("#changelist-form button[name=index]").click()
    page.wait_for_selector(".messagelist")
    assert "giữ bản sửa tay" in page.locator(".messagelist").inner_text()
    assert Article.objects.get(pk=article.pk).extractor_version == "9999.1"
    assert public_facts(page, meeting, hang) == (meeting_text, hang_text)
    monkeypatch.undo()

    # --- revert one change from the history: the public page follows
    page.goto(f"/admin/articles/article/{article.pk}/review/")
    row = page.locator("#history-table tbody tr", has_text="Phát biểu").filter(has_text="Biên tập viên sửa").first
    with page.expect_navigation():
        row.get_by_role("button", name="Hoàn tác").click()
    assert page.locator(".messagelist").get_by_text("Đã hoàn tác.").is_visible()
    assert Participation.objects.get(meeting=meeting, name_as_written="Võ Thị Ngọc Lan").role == Role.ATTENDEE
    page.goto(meeting.get_absolute_url())
    attendees = page.locator("section", has=page.get_by_role("heading", name="Thành phần")).inner_text()
    assert "Phát biểu" not in attendees and "Võ Thị Ngọc Lan" in attendees
    screenshot("public-meeting-after-undo")

    # --- the same screen on a tablet
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"/admin/articles/article/{article.pk}/review/")
    assert_fits(page, 820, "review screen on a tablet")
    assert axe_violations(page) == []
    screenshot("review-tablet")


def test_admin_change_pages_pass_axe_and_fit_1280(staff_page, screenshot, ingest_worker):
    page = staff_page
    page.set_viewport_size({"width": 1280, "height": 900})
    article = upload(page, ingest_worker)
    meeting = article.meetings.get()
    person = Person.objects.get(full_name="Trần Quốc Bảo")
    participation = meeting.participations.get(person=person)
    pages = {
        "article-change": f"/admin/articles/article/{article.pk}/change/",
        "meeting-change": f"/admin/people/meeting/{meeting.pk}/change/",
        "person-change": f"/admin/people/person/{person.pk}/change/",
        "participation-change": f"/admin/people/participation/{participation.pk}/change/",
        "meeting-history": f"/admin/people/meeting/{meeting.pk}/history/",
        "article-list": "/admin/articles/article/?status__exact=draft",
        "article-import": "/admin/articles/article/import/",
    }
    for name, url in pages.items():
        page.goto(url)
        violations = axe_violations(page)
        assert violations == [], (name, violations)
        assert_fits(page, 1280, name)
        screenshot(name)
    # the publish buttons sit above the heading's line, never over it
    page.goto(pages["meeting-change"])
    heading = page.locator("#content h2, #content h1").first.bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    assert tools["y"] + tools["height"] <= heading["y"] or heading["y"] + heading["height"] <= tools["y"]
    # headlines are not squeezed to a word per line in the list
    page.goto("/admin/articles/article/")
    cell = page.locator("td.field-headline_link, th.field-headline_link").first.bounding_box()
    assert cell["width"] >= 250
