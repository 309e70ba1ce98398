"""A staff member's round in a real browser: upload → report → edit the headline → publish."""

from pathlib import Path

import pytest

from articles import services
from articles.models import Article
from people.models import Status

pytestmark = pytest.mark.django_db(transaction=True)

DEMO = Path(services.__file__).resolve().parent / "demo"


def test_upload_review_and_publish(staff_page, screenshot, ingest_worker):
    page = staff_page
    page.goto("/admin/articles/article/")
    page.get_by_role("link", name="Tải bài lên").click()
    page.wait_for_url("**/admin/articles/article/upload/")
    page.set_input_files("input[type=file]", str(DEMO / "01-hoi-nghi-tinh-uy-thang-3-2023.txt"))
    page.fill("#id_new_source", "Báo Hòa An")
    screenshot("upload-form")
    page.click("input[name=_upload]")

    page.wait_for_selector("#batch-progress")  # the batch page: the worker does the rest
    ingest_worker.finish(page)
    assert "Đã tạo: 1" in page.inner_text("#upload-summary")
    screenshot("upload-report")
    article = Article.objects.get()
    page.click(f"#upload-report a[href$='/admin/articles/article/{article.pk}/change/']")

    page.wait_for_selector("#id_headline")
    page.fill("#id_headline", "Hội nghị Tỉnh ủy Hòa An quý I năm 2023")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert page.input_value("#id_headline") == "Hội nghị Tỉnh ủy Hòa An quý I năm 2023"
    screenshot("edited")

    page.click("#publish-button")
    page.wait_for_selector("#unpublish-button")
    assert "Đã công bố" in page.inner_text("#content")
    screenshot("published")

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.edited_fields == ["headline"]
    assert set(article.meetings.values_list("status", flat=True)) == {Status.PUBLISHED}

    page.goto("/admin/articles/article/?status__exact=published")
    assert "Hội nghị Tỉnh ủy Hòa An quý I năm 2023" in page.inner_text("#result_list")
    screenshot("published-list")
