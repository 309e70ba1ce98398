"""Shared helpers of the reliability suite: archive integrity, staff in their roles, PostgreSQL detection."""

import os

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from articles.models import Article, Mention, Original, Source
from articles.roles import EDITORS, REVIEWERS
from people.models import Meeting, Organization, Participation, Person

COUNTED = (Original, Article, Mention, Meeting, Participation, Person, Organization, Source)


def archive_counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def assert_archive_whole():
    """No original without its article and no article without its original; no orphaned facts."""
    orphans = list(Original.objects.filter(article__isnull=True).values_list("filename", flat=True))
    assert not orphans, f"originals stored without an article: {orphans}"
    assert not Article.objects.filter(original__isnull=True).exists()
    assert Article.objects.count() == Original.objects.count()
    assert not Mention.objects.filter(article__isnull=True).exists()
    assert not Meeting.objects.filter(articles__isnull=True).exists(), "meetings no article reports"


def on_postgres():
    return connection.vendor == "postgresql"


def require_postgres():
    if not on_postgres():
        pytest.skip("races and server faults need PostgreSQL (SQLite serialises writers in one file)")


def database_url():
    return os.environ.get("DATABASE_URL", "")


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw-role-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, EDITORS, "bien-tap")


@pytest.fixture
def reviewer(django_user_model):
    return member_of(django_user_model, REVIEWERS, "nguoi-duyet")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("quan-tri", "qt@example.org", "pw-super-1")
