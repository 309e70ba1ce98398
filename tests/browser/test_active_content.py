"""In a real browser: uploaded active content never runs, and no page breaks its Content-Security-Policy.

An HTML article full of scripts, event handlers, javascript: links, iframes and SVG is uploaded
through the admin, published, and then opened where people read it: the public article page,
search results, the admin change page, the original's preview and the upload report. The
script would set ``window.vankhoPWNED`` or open a dialog; neither may happen. Every page is also
watched for CSP violation reports in the console: our own pages must not need inline script.
"""

import pytest

from articles import ingestion, services
from articles.models import Article
from tests.reliability import corpus

pytestmark = pytest.mark.django_db(transaction=True)


class Watch:
    """Console CSP violations, dialogs, page errors and requests leaving 127.0.0.1."""

    def __init__(self, page):
        self.violations, self.dialogs, self.errors, self.foreign = [], [], [], []
        page.on("console", self._console)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.foreign.append(r.url) if not r.url.startswith(("http://localhost", "http://127.0.0.1", "data:", "about:")) else None)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.violations.append(text)

    def assert_clean(self, page, where):
        assert page.evaluate(f"() => typeof window.{corpus.XSS_MARKER}") == "undefined", f"script ran on {where}"
        assert corpus.XSS_MARKER not in page.title(), where
        assert not self.dialogs, (where, self.dialogs)
        assert not self.violations, (where, self.violations)
        assert not self.foreign, (where, self.foreign)


def ingest_active_article(staff_user=None):
    case = corpus.case_html_active_content()
    result = ingestion.ingest_file(data=case.data, filename=case.filename)
    assert result.status == "created"
    services.publish_articles(articles=[result.article])
    return Article.objects.get(pk=result.article.pk)


def test_active_content_never_runs_on_public_pages(page, screenshot):
    article = ingest_active_article()
    watch = Watch(page)
    for url in (f"/bai-bao/{article.pk}/", "/tim-kiem/?q=Phong+Nậm&tab=articles", "/tim-kiem/?q=Mai+Văn+Khiêm", "/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.mouse.move(200, 300)
        watch.assert_clean(page, url)
    page.goto(f"/bai-bao/{article.pk}/")
    # the text an author typed as "<img ... onerror=alert(1)>" is shown as text
    assert page.get_by_text("Phong Nậm").first.is_visible()
    assert page.locator("article iframe, main iframe, main script:not([src]), main svg[onload], main [onerror]").count() == 0
    screenshot("public-article")


def test_active_content_never_runs_in_the_admin(staff_page, screenshot, ingest_worker):
    page = staff_page
    watch = Watch(page)
    # upload through the real form, as staff would
    case = corpus.case_html_active_content()
    page.goto("/admin/articles/article/upload/")
    page.set_input_files("input[type=file]", files=[{"name": case.filename, "mimeType": "text/html", "buffer": case.data}])
    page.locator("#content-main form [type=submit]").first.click()
    page.wait_for_selector("#batch-progress")
    ingest_worker.finish(page)
    watch.assert_clean(page, "upload report")
    screenshot("upload-report")

    article = Article.objects.get(original__filename=case.filename)
    for url in (
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/original/{article.original.pk}/change/",
        "/admin/articles/article/",
        "/admin/articles/mention/",
        "/admin/people/meeting/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.mouse.move(300, 400)
        watch.assert_clean(page, url)
    page.goto(f"/admin/articles/original/{article.original.pk}/change/")
    # the original is shown as escaped text: the markup is visible as characters
    assert page.get_by_text("onerror=", exact=False).count() >= 1
    screenshot("original-preview")


def test_no_page_violates_the_content_security_policy(page, live_server, django_user_model):
    from people.models import Person
    from tests.factories import make_article, make_mention, make_published_meeting

    leader = Person.objects.create(full_name="Đào Văn Kiểm Tra")
    meeting = make_published_meeting("Hội nghị kiểm tra CSP", chair=leader)
    article = make_article("Hội nghị kiểm tra CSP", body="Đồng chí Đào Văn Kiểm Tra chủ trì.", meetings=[meeting])
    make_mention(article, leader)
    watch = Watch(page)
    public = [
        "/", "/tim-kiem/", "/tim-kiem/?q=kiểm+tra", "/tim-kiem/?q=kiểm+tra&tab=articles", f"/nguoi/{leader.slug}/",
        f"/cuoc-hop/{meeting.pk}/", f"/bai-bao/{article.pk}/", "/bai-bao/999999/",
    ]
    for url in public:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        watch.assert_clean(page, url)
    # the person autocomplete is our own script: type into it
    page.goto("/tim-kiem/")
    person_input = page.locator("input[name=person]")
    if person_input.count():
        person_input.first.fill("Đào")
        page.wait_for_timeout(600)
        watch.assert_clean(page, "autocomplete")

    django_user_model.objects.create_user("csp-admin", password="pw-csp-1", is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "pw-csp-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    admin_pages = [
        "/admin/", "/admin/articles/article/", f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/article/upload/", "/admin/articles/article/import/",
        "/admin/people/person/", f"/admin/people/person/{leader.pk}/change/", "/admin/people/meeting/",
        f"/admin/people/meeting/{meeting.pk}/change/", "/admin/articles/mention/", "/admin/people/participation/add/",
    ]
    for url in admin_pages:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        watch.assert_clean(page, url)
    # the admin's own widgets (calendar, autocomplete) run from static files
    page.goto("/admin/articles/article/upload/")
    calendar = page.locator(".vDateField + .datetimeshortcuts a").first
    if calendar.count():
        calendar.click()
    watch.assert_clean(page, "upload page widgets")


def test_the_export_page_works_under_the_content_security_policy(staff_page):
    page = staff_page
    watch = Watch(page)
    page.goto("/admin/articles/article/export/")
    page.wait_for_load_state("networkidle")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]:not(.select-toggle)')
    assert fields.count() > 1
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))
    page.locator("input.select-toggle").click()  # "Select all" off: every field unticked
    assert not any(fields.nth(i).is_checked() for i in range(fields.count()))
    watch.assert_clean(page, "/admin/articles/article/export/")
