"""Sentence splitting that respects Vietnamese abbreviations (T.Ư, TP., PGS.TS., …)."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREV = {
    "tp", "t.ư", "tư", "ths", "ts", "gs", "pgs", "bs", "tskh", "gs.ts", "pgs.ts", "th.s", "q", "p", "tt",
    "ông", "bà", "st", "v.v", "vv", "tr", "nxb", "đ/c", "đc", "ubnd", "hđnd", "mr", "mrs", "dr", "ks",
    "ncs", "cn", "ttg", "nq", "qđ", "ct",
}
# A candidate end: . ! ? … (possibly repeated), closing quotes/brackets, then space.
_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)|\n+")
_WORD_BEFORE = re.compile(r"([^\s(\"“]+)$")


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences in ``text`` (shifted by ``base``)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _END.finditer(text):
        end = m.end()
        if m.group(0)[0] != "\n":
            word = _WORD_BEFORE.search(text, 0, m.start())
            w = (word.group(1) if word else "").lower()
            nxt = text[end: end + 3].lstrip()
            if m.group(0).startswith(".") and m.group(0) == ".":
                # Abbreviations and initials never end a sentence ("TP. Hà Nội", "H. Hạnh").
                if w in _ABBREV or w.rstrip(".") in _ABBREV or re.fullmatch(r"[^\W\d_]", w) or "." in w:
                    continue
                if re.search(r"\d$", w) and nxt[:1].isdigit():
                    continue
            if nxt and not (nxt[0].isupper() or nxt[0] in "\"“‘'(-–[" or nxt[0].isdigit()):
                continue
        seg_start, seg_end = start, end if m.group(0)[0] != "\n" else m.start()
        _push(text, seg_start, seg_end, base, spans)
        start = end
    _push(text, start, n, base, spans)
    return spans


MAX_SENTENCE = 3000  # longer "sentences" are unpunctuated dumps; analyse them in pieces


def _push(text: str, s: int, e: int, base: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        spans.append((s + base, cut + base))
        s = cut + 1
    if e > s:
        spans.append((s + base, e + base))
