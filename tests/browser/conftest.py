"""Real-browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium).

Without Chromium these tests skip, unless REQUIRE_BROWSER=1 (CI) turns that into a failure.
Screenshots land in test-artifacts/ so a person can look at every page the tests saw.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import REPO_ROOT

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls the tests
# make between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required (REQUIRE_BROWSER=1) but {CHROMIUM} does not exist")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    """screenshot("name") saves test-artifacts/<test>-<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def staff_page(page, live_server, django_user_model):
    """A page logged in to the admin as a staff superuser."""
    django_user_model.objects.create_user("browser-editor", password="pw-browser-1", is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", "pw-browser-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


class IngestWorker:
    """The real worker (``db_worker``), a process of its own on the test database, as in production
    (the SQLite test database is a file: tests/conftest.py)."""

    def __init__(self, settings):
        self.process = None
        self.settings = settings

    def start(self):
        base = connection.settings_dict
        if connection.vendor == "postgresql":
            url = f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{base['NAME']}"
        else:
            url = f"sqlite:///{base['NAME']}"
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(DATABASE_URL=url, MEDIA_ROOT=self.settings.MEDIA_ROOT, CONN_MAX_AGE="0")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def finish(self, page, *, seconds=120):
        """Start the worker and let it work until the batch page in ``page`` says it is done."""
        self.start()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if "Xong" in page.inner_text("#upload-summary"):
                page.wait_for_selector("#upload-report")
                return
            page.wait_for_timeout(250)
        raise AssertionError("the batch did not finish: " + page.inner_text("#upload-summary"))


@pytest.fixture
def ingest_worker(settings):
    """The background worker for uploads made in the browser (see IngestWorker)."""
    worker = IngestWorker(settings)
    yield worker
    worker.stop()
