import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT


def test_deploy_check_is_clean_with_production_settings():
    # A production process has no test-only variables (the browser tests set one).
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60 + "production-like-key-0123456789",
        "ALLOWED_HOSTS": "vankho.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_carry_security_headers(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_repeated_failed_admin_logins_lock_the_account(client, django_user_model, db):
    django_user_model.objects.create_user("editor2", password="right-password-1", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor2", "password": "wrong"})
    locked = client.post("/admin/login/", {"username": "editor2", "password": "right-password-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_dates_are_read_day_first_in_vietnamese_and_english():
    from django import forms
    from django.utils import translation

    class DateForm(forms.Form):
        day = forms.DateField()

    for language in ("vi", "en"):
        with translation.override(language):
            form = DateForm({"day": "04/05/2023"})
            assert form.is_valid(), form.errors
            assert (form.cleaned_data["day"].day, form.cleaned_data["day"].month) == (4, 5)


def test_anonymous_clients_are_rate_limited_with_the_production_middleware(client, settings, db, monkeypatch):
    from django.core.cache import cache

    cache.clear()  # no counts left over from other tests
    monkeypatch.setattr("articles.middleware.time.time", lambda: 1_800_000_010.0)  # one fixed window
    settings.RATE_LIMIT_PAGES_PER_MINUTE = 3  # the real MIDDLEWARE list, a small budget
    statuses = [client.get("/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_apps_postgresql_connections_set_their_own_planner_settings(db):
    """No parallel workers, no JIT and work_mem at 4MB come from the app's connection, not from
    whatever the server is configured with (docs/DEPLOY.md: each made search pages slower)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner settings are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, setting, unit, source FROM pg_settings "
            "WHERE name IN ('max_parallel_workers_per_gather', 'jit', 'work_mem') ORDER BY name"
        )
        rows = {name: (setting, unit, source) for name, setting, unit, source in cursor.fetchall()}
    assert rows == {
        "jit": ("off", None, "client"),
        "max_parallel_workers_per_gather": ("0", None, "client"),
        "work_mem": ("4096", "kB", "client"),
    }
