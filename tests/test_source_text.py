"""Vietnamese text in code, templates and demo files is NFC: the same word must be the same bytes,
or a search, a key or a comparison silently misses it."""

import unicodedata

from tests.conftest import REPO_ROOT

CHECKED = ("articles", "people", "config", "templates", "static", "locale", "tests", "docs")
SUFFIXES = {".py", ".html", ".txt", ".md", ".po", ".js", ".css", ".jsonl"}


def test_every_text_file_of_the_project_is_nfc():
    not_nfc = []
    for top in CHECKED:
        for path in (REPO_ROOT / top).rglob("*"):
            if path.suffix not in SUFFIXES or not path.is_file() or "nfd" in path.name.lower():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if not unicodedata.is_normalized("NFC", text):
                not_nfc.append(str(path.relative_to(REPO_ROOT)))
    assert not_nfc == []
