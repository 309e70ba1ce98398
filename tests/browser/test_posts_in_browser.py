"""Posts in a real browser: from a person to their post, from the post to its other holders, the
Atom feed read by feedparser, and no serious or critical axe violation on the new pages."""

import datetime

import feedparser
import pytest

from people.models import Organization, Role
from tests.browser.test_public_site import axe_violations
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def secretaries():
    hanoi = Organization.objects.create(name="Thành ủy Hà Nội", kind="party_committee")
    dung, hoai = make_person("Đinh Tiến Dũng"), make_person("Bùi Thị Minh Hoài")
    for person, day in ((hoai, datetime.date(2022, 11, 5)), (dung, datetime.date(2023, 6, 10)), (dung, datetime.date(2024, 5, 20))):
        meeting = make_meeting(f"Hội nghị Thành ủy ngày {day:%d/%m/%Y}", organizer=hanoi, date=day)
        add_participation(meeting, person, role=Role.CHAIR, titles=["Bí thư Thành ủy"],
                          evidence=f"Đồng chí {person.full_name}, Bí thư Thành ủy chủ trì hội nghị.")
        make_article(f"Hội nghị Thành ủy ngày {day:%d/%m/%Y}", body="Thành ủy Hà Nội họp tại thành phố Hà Nội.",
                     meetings=[meeting])
    return dung, hoai


def test_from_a_person_to_their_post_to_its_other_holder_and_its_feed(page, live_server, secretaries, screenshot):
    dung, _ = secretaries
    page.goto(dung.get_absolute_url())
    assert axe_violations(page) == []
    page.get_by_role("region", name="Chức vụ đã giữ").get_by_role("link", name="Bí thư Thành ủy Hà Nội").click()
    page.wait_for_url("**/chuc-vu/bi-thu-thanh-uy-ha-noi/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bí thư Thành ủy Hà Nội"
    assert axe_violations(page) == []
    screenshot("post")

    page.get_by_label("Ai giữ chức vụ này vào ngày").fill("2022-11-05")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**on=2022-11-05")
    assert "Bùi Thị Minh Hoài" in page.locator("#on-heading").locator("..").inner_text()

    feed_href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    feed = feedparser.parse(page.request.get(live_server.url + feed_href).body())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [
        "20/05/2024 — Hội nghị Thành ủy ngày 20/05/2024", "10/06/2023 — Hội nghị Thành ủy ngày 10/06/2023",
        "05/11/2022 — Hội nghị Thành ủy ngày 05/11/2022"]

    page.get_by_role("link", name="Bùi Thị Minh Hoài").first.click()
    page.wait_for_url("**/nguoi/bui-thi-minh-hoai/")
    assert page.get_by_role("region", name="Chức vụ đã giữ").get_by_role("link", name="Bí thư Thành ủy Hà Nội").is_visible()

    page.goto(Organization.objects.get().get_absolute_url())
    assert "Đinh Tiến Dũng" in page.get_by_role("table").inner_text()
    assert axe_violations(page) == []
    screenshot("organization")
