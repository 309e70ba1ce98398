import hashlib

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Mention, Original, Source

pytestmark = pytest.mark.django_db


SAMPLE = "Sáng 3/4, Thành ủy tổ chức hội nghị.".encode()


def make_original(content=SAMPLE, filename="bai.txt"):
    return Original.objects.create(
        content=content, filename=filename, size=len(content), sha256=hashlib.sha256(content).hexdigest()
    )


def test_original_bytes_are_kept_byte_for_byte():
    raw = "Hội nghị\r\n".encode("utf-16")
    original = make_original(raw, "utf16.txt")
    original.refresh_from_db()
    assert bytes(original.content) == raw


def test_the_same_bytes_cannot_be_stored_twice():
    make_original()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_original(filename="copy-of-bai.txt")


def test_an_original_belongs_to_one_article():
    original = make_original()
    Article.objects.create(original=original, headline="Một")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(original=original, headline="Hai")


def test_mention_name_is_nfc_and_keyed():
    article = Article.objects.create(original=make_original(), headline=None)
    mention = Mention.objects.create(article=article, name_as_written="Nguyê\u0303n  Thị Lan")
    assert mention.name_as_written == "Nguyễn Thị Lan"
    assert mention.name_key == "nguyễn thị lan"


def test_source_slug_and_key():
    source = Source.objects.create(name="Báo Kinh tế & Đô thị", site="kinhtedothi.vn")
    assert source.slug == "bao-kinh-te-do-thi"
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="báo kinh tế & đô thị")
