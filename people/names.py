"""Keys for Vietnamese names: pure functions, no Django.

Two keys with different jobs:

- ``name_key`` identifies a name. It keeps every diacritic ("Phong" and "Phòng" are two
  people) and only removes differences of writing: Unicode form, spacing, letter case and the
  old tone placement ("Thành uỷ" = "Thành ủy", "Hoà" = "Hòa").
- ``fold`` is for search only: it drops all diacritics and turns đ into d, so that
  "dinh tien dung" finds "Đinh Tiến Dũng".
"""

import re
import unicodedata

# Old ("hoà", "uỷ") → new ("hòa", "ủy") tone placement on the open diphthongs oa, oe, uy.
# Only when the diphthong ends the syllable: in "hoàn" or "khuỷu" the mark is already where
# both styles put it. "qu" is a consonant, so "quý" is left alone.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _retone(first, second, tone):
    return unicodedata.normalize("NFC", first + tone) + second


def _build_old_tone_pattern():
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second),
                         (first, second.upper())):
                old = f + unicodedata.normalize("NFC", s + tone)
                pairs[old] = _retone(f, s, tone)
    alternatives = "|".join(sorted(pairs, key=len, reverse=True))
    pattern = re.compile(r"(?<![qQ])(" + alternatives + r")(?![^\W\d_])")
    return pattern, pairs


_OLD_TONE_RE, _OLD_TONE_PAIRS = _build_old_tone_pattern()
_SPACES_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def normalize_spaces(text):
    """Collapse every kind of space (non-breaking, thin, zero-width) to one plain space."""
    return _SPACES_RE.sub(" ", text).strip()


def modern_tones(text):
    """NFC text with the old tone placement moved to the new one ("uỷ" → "ủy")."""
    text = unicodedata.normalize("NFC", text)
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONE_PAIRS[m.group(1)], text)


def clean_name(name):
    """A name as it should be stored: NFC, single spaces, writer's tone placement kept."""
    return normalize_spaces(unicodedata.normalize("NFC", name or ""))


def name_key(name):
    """Identity key of a name: diacritics kept, tone placement, case and spacing folded."""
    return modern_tones(normalize_spaces(name or "")).casefold()


def fold(text):
    """Search key: lowercase, no diacritics, đ → d ("Đinh Tiến Dũng" → "dinh tien dung")."""
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D")
    return normalize_spaces(text).casefold()


def slug_for(name):
    """ASCII slug for URLs ("Đinh Tiến Dũng" → "dinh-tien-dung")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "x"
