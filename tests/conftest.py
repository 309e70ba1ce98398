import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("VANKHO_SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """On SQLite the test database is a file (not Django's in-memory default), so that a worker or
    a browser's server runs on connections of their own, as they do in production. It sits beside
    the configured database, so two checkouts testing at once do not share it."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        configured = Path(str(db["NAME"]))
        db.setdefault("TEST", {})["NAME"] = str(configured.with_name(f"{configured.stem}-pytest.sqlite3"))


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English (the language switch) leaves English active in the test's thread;
    the next test starts in the site's own language, as a new visitor would."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """Test clients make far more anonymous requests a minute than a person; the rate-limit tests
    switch the limits back on for themselves."""
    settings.RATE_LIMIT_PAGES_PER_MINUTE = 0
    settings.RATE_LIMIT_EXPORTS_PER_MINUTE = 0


@pytest.fixture(autouse=True)
def _activity_stays_counted(request):
    """After every test that wrote to the database, each person's monthly activity (the person
    page's totals and chart, kept at write time) still equals a recount of the participations."""
    uses_db = {"db", "transactional_db", "django_db_reset_sequences"} & set(request.fixturenames)
    if not uses_db and not request.node.get_closest_marker("django_db"):
        yield
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    yield
    from people.services import activity_drift
    from people.tenures import tenure_drift

    assert activity_drift() == [], "PersonActivity differs from the participations for these person ids"
    assert tenure_drift() == [], "Tenures differ from a recount of the evidence for these person ids"


@pytest.fixture
def seeds_dir():
    """The real scraped articles in ../shared/seeds; tests that need them skip without them."""
    if not (SEEDS_DIR / "gold.jsonl").exists():
        pytest.skip(f"seed articles not found at {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("editor", password="pw-editor", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def _staged_uploads_in_tmp(settings, tmp_path):
    """Uploads wait in file storage for the workers (articles/batches.py): a folder per test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def run_worker(monkeypatch):
    """Run the real background worker (django-tasks' ``db_worker``) in this process, on the test
    database, until the queue is empty. Between tasks the worker drops connections that are not
    in autocommit mode: here that would be the test's own transaction, so that step is skipped."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)

    return run


@pytest.fixture
def upload_batch(client, django_capture_on_commit_callbacks, run_worker):
    """POST to the admin upload page as ``client``'s user, let the worker do the batch, and return
    the batch page (its context has ``batch``, ``state`` and the report ``items``)."""

    def post(data, *, as_client=None):
        web = as_client or client
        with django_capture_on_commit_callbacks(execute=True):
            response = web.post("/admin/articles/article/upload/", data)
        if response.status_code != 302:
            return response
        run_worker()
        return web.get(response["Location"])

    return post
