"""Text normalisation: NFC, odd spaces; tone placement and keys come from people.names.

Tone placement: old-style texts put the tone on the second vowel of the
final clusters "oa", "oe", "uy" ("hoà", "Thành uỷ"); the project key uses the
mark on the first vowel ("hòa", "Thành ủy").  Moving the mark never changes
the NFC length (both forms are two precomposed code points), which lets the
engine analyse a re-toned copy of the body while keeping offsets valid for
the text as written.
"""

from __future__ import annotations

import re
import unicodedata

from people.names import fold, modern_tones, name_key

__all__ = ["normalize_text", "retone", "name_key", "fold"]

# Characters treated as plain spaces.  Zero-width ones too: the brief asks
# for spaces, and a space is safer than silently gluing two words.
_ODD_SPACES = chr(0x2000) + chr(0x2001) + "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff\t\x0b\x0c"
_ODD_SPACE_RE = re.compile("[" + _ODD_SPACES + "]")
_LINE_SEP_RE = re.compile("[\u2028\u2029]")
_MULTI_SPACE = re.compile(r" {2,}")
_LINE_END_SPACES = re.compile(r" +\n|\n +")


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


# Tone placement and name keys are the project's (people.names, pure Python). modern_tones
# replaces two code points by two code points, so on NFC text (all the engine handles, see
# normalize_text) it keeps offsets valid: the engine analyses a re-toned copy of the body.
retone = modern_tones
