"""A crashing extractor never loses the upload; staff find the failed and outdated articles and re-run just those.

The crash is injected into the extraction engine (the only thing replaced here); the database,
the admin and the services are the real ones.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from articles import extraction, ingestion
from articles.models import Article, Original
from tests.reliability import corpus
from tests.reliability.conftest import assert_archive_whole

pytestmark = pytest.mark.django_db


@pytest.fixture
def crashing_extractor(monkeypatch):
    def crash(data, filename="", published=None):
        raise RuntimeError("bộ trích xuất gặp lỗi giả lập")

    monkeypatch.setattr(extraction, "extract_upload", crash)
    return monkeypatch


def test_a_crash_is_recorded_with_the_original_kept(crashing_extractor):
    data = corpus.vi_article(901).encode()
    result = ingestion.ingest_file(data=data, filename="se-loi.txt")
    assert result.status == "failed"
    assert "chạy lại" in result.message and result.article is not None
    article = Article.objects.get(pk=result.article.pk)
    assert "RuntimeError" in article.extraction_error and article.status == "draft"
    assert bytes(article.original.content) == data
    assert_archive_whole()
    # uploading it again is a duplicate: the failed one is not lost nor stored twice
    crashing_extractor.undo()
    assert ingestion.ingest_file(data=data, filename="se-loi.txt").status == "duplicate"
    assert Original.objects.count() == 1


def test_admin_lists_failed_and_outdated_and_reextracts_just_those(staff_client, crashing_extractor):
    failed = ingestion.ingest_file(data=corpus.vi_article(902).encode(), filename="loi.txt").article
    crashing_extractor.undo()
    outdated = ingestion.ingest_file(data=corpus.vi_article(903).encode(), filename="cu.txt").article
    Article.objects.filter(pk=outdated.pk).update(extractor_version="0.0-cu")
    fine = ingestion.ingest_file(data=corpus.vi_article(904).encode(), filename="on.txt").article
    fine_updated = Article.objects.get(pk=fine.pk).updated_at

    listing = staff_client.get("/admin/articles/article/?extraction=failed").content.decode()
    assert "loi.txt" in listing or f"/admin/articles/article/{failed.pk}/change/" in listing
    assert f"/admin/articles/article/{fine.pk}/change/" not in listing
    listing = staff_client.get("/admin/articles/article/?extraction=outdated").content.decode()
    assert f"/admin/articles/article/{outdated.pk}/change/" in listing
    assert f"/admin/articles/article/{fine.pk}/change/" not in listing

    for state in ("failed", "outdated"):
        response = staff_client.post(
            f"/admin/articles/article/?extraction={state}",
            {"action": "reextract_selected", "select_across": "1", "index": "0", ACTION_CHECKBOX_NAME: [str(fine.pk)]},
        )
        assert response.status_code == 302
    failed = Article.objects.get(pk=failed.pk)
    assert failed.extraction_error == "" and failed.headline and failed.extractor_version == extraction.EXTRACTOR_VERSION
    assert Article.objects.get(pk=outdated.pk).extractor_version == extraction.EXTRACTOR_VERSION
    assert Article.objects.get(pk=fine.pk).updated_at == fine_updated, "only the failed and outdated were re-run"
    assert staff_client.get("/admin/articles/article/?extraction=failed").context["cl"].result_count == 0
    assert_archive_whole()


def test_a_reextraction_that_crashes_keeps_the_article_and_says_so(staff_client, monkeypatch):
    article = ingestion.ingest_file(data=corpus.vi_article(905).encode(), filename="lan-hai.txt").article
    headline = article.headline

    def crash(data, filename="", published=None):
        raise ValueError("lỗi lần hai")

    monkeypatch.setattr(extraction, "extract_upload", crash)
    response = staff_client.post(f"/admin/articles/article/{article.pk}/reextract/", follow=True)
    assert "lỗi lần hai" in response.content.decode()
    article = Article.objects.get(pk=article.pk)
    assert article.headline == headline and "ValueError" in article.extraction_error
    assert_archive_whole()
