"""Text normalisation: NFC, odd spaces, tone-mark placement, search keys.

Tone placement: old-style texts put the tone on the second vowel of the
final clusters "oa", "oe", "uy" ("hoà", "Thành uỷ"); the project key uses the
mark on the first vowel ("hòa", "Thành ủy").  Moving the mark never changes
the NFC length (both forms are two precomposed code points), which lets the
engine analyse a re-toned copy of the body while keeping offsets valid for
the text as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalize_text", "retone", "name_key", "fold"]

# Characters treated as plain spaces.  Zero-width ones too: the brief asks
# for spaces, and a space is safer than silently gluing two words.
_ODD_SPACES = chr(0x2000) + chr(0x2001) + "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff\t\x0b\x0c"
_ODD_SPACE_TABLE = {ord(c): " " for c in _ODD_SPACES}
_ODD_SPACE_TABLE[0x2028] = "\n"
_ODD_SPACE_TABLE[0x2029] = "\n"
_ODD_SPACE_RE = re.compile("[" + _ODD_SPACES + "]")
_LINE_SEP_RE = re.compile("[\u2028\u2029]")
_MULTI_SPACE = re.compile(r" {2,}")
_LINE_END_SPACES = re.compile(r" +\n|\n +")

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def normalize_text(s: str) -> str:
    """NFC, unify newlines, odd spaces to ' ', collapse runs; keeps tone placement."""
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = unicodedata.normalize("NFC", s)
    s = _LINE_SEP_RE.sub("\n", _ODD_SPACE_RE.sub(" ", s))  # regex: much faster than translate on megabytes
    s = _MULTI_SPACE.sub(" ", s)
    s = _LINE_END_SPACES.sub("\n", s)
    return s.strip(" ")


def _build_retone_table() -> dict[str, str]:
    """Map 'oà'→'òa', 'uỷ'→'ủy', … for every case combination and tone."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f in (first, first.upper()):
            for s in (second, second.upper()):
                for tone in _TONES:
                    old = f + unicodedata.normalize("NFC", s + tone)
                    new = unicodedata.normalize("NFC", f + tone) + s
                    table[old] = new
    return table


_RETONE = _build_retone_table()
# Only at the end of a syllable ("hoàn" is already correct in both styles),
# and never after q/Q, where "u" belongs to the consonant ("quý" stays).
_RETONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(map(re.escape, _RETONE), key=len, reverse=True)) + r")(?![^\W\d_])"
)


def retone(s: str) -> str:
    """Move tone marks of final oa/oe/uy to the first vowel; length-preserving on NFC text."""
    return _RETONE_RE.sub(lambda m: _RETONE[m.group(1)], s)


_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """Comparison key: NFC, new tone placement, folded spaces, casefolded; diacritics kept."""
    s = unicodedata.normalize("NFC", s or "").translate(_ODD_SPACE_TABLE)
    s = _WS.sub(" ", s).strip()
    s = retone(s)
    return unicodedata.normalize("NFC", s.casefold())


def fold(s: str) -> str:
    """Search key: name_key without any diacritics, đ→d ("Thành uỷ" → "thanh uy")."""
    s = unicodedata.normalize("NFD", name_key(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "d").lower()
