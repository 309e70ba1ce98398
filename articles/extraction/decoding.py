"""Turn uploaded bytes into clean Unicode text (plain text or HTML)."""

from __future__ import annotations

import codecs
import html as html_lib
import re
import unicodedata
from dataclasses import dataclass, field

from .normalize import normalize_text

__all__ = ["Decoded", "UndecodableError", "decode_upload", "repair_mojibake", "html_to_text"]


class UndecodableError(ValueError):
    """The upload is not readable text; ``reason`` is a human sentence (English, for logs and the
    CLI), ``code`` and ``params`` say why for callers that word it themselves (the Django side):
    empty, binary {format}, control, encoding, not_vietnamese {language, format}, no_text."""

    def __init__(self, reason: str, code: str = "encoding", **params: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.params = params


@dataclass
class Decoded:
    text: str
    encoding: str
    is_html: bool = False
    warnings: list[str] = field(default_factory=list)
    title: str | None = None       # from HTML metadata, when found
    date: str | None = None        # ISO date from HTML metadata, when found


_MAGIC = (  # (leading bytes, what it is, short name for messages)
    (b"%PDF", "a PDF document", "PDF"),
    (b"\x89PNG", "a PNG image", "PNG"),
    (b"\xff\xd8\xff", "a JPEG image", "JPEG"),
    (b"GIF87a", "a GIF image", "GIF"),
    (b"GIF89a", "a GIF image", "GIF"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)", "ZIP"),
    (b"\x1f\x8b", "a gzip archive", "gzip"),
    (b"Rar!", "a RAR archive", "RAR"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "7-Zip"),
    (b"\xd0\xcf\x11\xe0", "an old Office document", "Office"),
    (b"RIFF", "a media file", "media"),
    (b"\x7fELF", "an executable", "ELF"),
    (b"OggS", "a media file", "Ogg"),
    (b"ID3", "an MP3 file", "MP3"),
    (b"\x00\x00\x00\x18ftyp", "a video file", "MP4"),
    (b"\x00\x00\x00\x20ftyp", "a video file", "MP4"),
)

# Letters that only Vietnamese text produces (not in Latin-1 / cp1252).
_VI_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯĩũĨŨ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
_MOJIBAKE_HINT = re.compile("[ÃÄÆáº»Â][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Stray NUL bytes in a text file (a broken editor, a bad copy) are removed with a warning, up to
# this share of the bytes; more than that is a binary file.
MAX_STRAY_NUL_SHARE = 0.01
# Scripts that say a text is not Vietnamese whatever its encoding: Han, kana, Hangul.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")
_VI_SYLLABLE = re.compile(
    "[a-zđăâêôơư" "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]{1,7}"
)
_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml", ".php", ".aspx", ".asp")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|p|article|section|title|h1|table|span)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(p|div|br|span|a|body|article|h[1-6]|li|td|script|style)\b[^>]{0,500}>", re.I)


def _vi_score(s: str) -> int:
    return sum(1 for c in s if c in _VI_ONLY)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    # Latin and Vietnamese text in UTF-16 has a NUL (or 0x1E/0x01 high byte) in one lane.
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _cp1252_bytes(s: str) -> bytes | None:
    """Inverse of a cp1252 decode, tolerating the five undefined slots (as Latin-1)."""
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            o = ord(ch)
            if o < 256:
                out.append(o)
            else:
                return None
    return bytes(out)


_WORD = re.compile(r"[^ \t\n]+")


def _repair_word(m: re.Match) -> str:
    w = m.group(0)
    b = _cp1252_bytes(w)
    if b is None:
        return w
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return w


def repair_mojibake(s: str) -> tuple[str, bool]:
    """Undo UTF-8 read as Latin-1/cp1252 ("Thá»§ Ä‘Ã´" → "Thủ đô") when it helps."""
    if not _MOJIBAKE_HINT.search(s):
        return s, False
    before = _vi_score(s)
    best = s
    raw = _cp1252_bytes(s)
    if raw is not None:
        try:
            cand = raw.decode("utf-8")
        except UnicodeDecodeError:
            # Mixed or damaged text: repair word by word, keep words that do not decode.
            cand = _WORD.sub(_repair_word, s)
        if _vi_score(cand) > before:
            best = cand
    return best, best is not s


def vietnamese_share(text: str) -> float:
    """Share of the words of ``text`` that are spelt like Vietnamese syllables (0..1)."""
    words = _WORDS.findall(text[:20000].lower())
    if not words:
        return 0.0
    return sum(1 for w in words if _VI_SYLLABLE.fullmatch(w)) / len(words)


def _check_script(text: str, encoding: str) -> None:
    """Refuse text written mostly in Chinese, Japanese or Korean: not a Vietnamese article."""
    sample = text[:20000]
    letters = len(_LETTERS.findall(sample))
    cjk = len(_CJK.findall(sample))
    if letters and cjk > 0.3 * letters:
        language = "ko" if _HANGUL.search(sample) else "ja" if _KANA.search(sample) else "zh"
        raise UndecodableError(
            f"The file is not Vietnamese (it reads as {language} text in {encoding}).",
            "not_vietnamese", language=language, format=encoding,
        )


def _decode_legacy(data: bytes, warnings: list[str]) -> tuple[str, str]:
    """Pick the decoding that yields the most Vietnamese letters; refuse Chinese or Japanese
    text rather than store it as Windows-1258 mojibake."""
    candidates: list[tuple[str, str]] = []
    try:
        t = unicodedata.normalize("NFC", data.decode("cp1258"))
        candidates.append(("cp1258", t))
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            guess = unicodedata.normalize("NFC", str(best))
            if not (candidates and vietnamese_share(candidates[0][1]) >= 0.6):
                _check_script(guess, best.encoding)
            candidates.append((best.encoding, guess))
    except UndecodableError:
        raise
    except Exception:  # the detector is a heuristic helper; never fatal
        pass
    if not candidates:
        raise UndecodableError("The file is not text in any encoding we can read.", "encoding")

    def score(item: tuple[str, str]) -> float:
        enc, text = item
        stray = sum(1 for c in text if unicodedata.combining(c)) + 5 * text.count("\ufffd")
        return _vi_score(text) - 3 * stray

    enc, text = max(candidates, key=score)
    if text.count("\ufffd") > max(3, len(text) // 50):
        raise UndecodableError("The file could not be decoded: too many invalid characters.", "encoding")
    warnings.append(f"legacy_encoding: {enc}")
    return text, enc


# trafilatura resolves entities once more after lxml has (xmltotxt, Document.clean_and_trim):
# a page that writes "&amp;lt;script&amp;gt;" — the text "&lt;script&gt;" — would come out as a
# "<script>" tag. So every "&" of the parsed text is hidden behind a rare character that no
# unescape touches (and trafilatura keeps: it drops private-use ones), given back afterwards:
# entities are resolved exactly once, by lxml.
_AMPERSAND_STANDIN = "\u2e1a"  # ⸚ HYPHEN WITH DIAERESIS


def _hide_ampersands(markup: str):
    import lxml.html

    root = lxml.html.document_fromstring(markup.replace(_AMPERSAND_STANDIN, ""))
    for el in root.iter():
        if isinstance(el.text, str):
            el.text = el.text.replace("&", _AMPERSAND_STANDIN)
        if isinstance(el.tail, str):
            el.tail = el.tail.replace("&", _AMPERSAND_STANDIN)
        for name, value in el.attrib.items():
            if "&" in value:
                el.set(name, value.replace("&", _AMPERSAND_STANDIN))
    return root


def _restore(value):
    return value.replace(_AMPERSAND_STANDIN, "&") if isinstance(value, str) else value


def html_to_text(markup: str) -> tuple[str, str | None, str | None]:
    """Main text of an HTML page (trafilatura, then lxml) plus title and date metadata."""
    title = date = None
    text = ""
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            _hide_ampersands(markup), with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
        )
        if doc is not None:
            get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
            text = _restore(get("text") or "")
            title = _restore(get("title") or None)
            date = get("date") or None
    except Exception:  # trafilatura failing must not lose the upload
        text = ""
    # lxml returns text with the entities resolved; only the regex fallbacks below see raw
    # markup and unescape it, once.
    if not text.strip():
        text = _lxml_text(markup)
        if title is None:
            m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.I | re.S)
            if m:
                title = html_lib.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() or None
    return text, title, date


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "blockquote", "table", "ul", "ol", "header", "footer"}


def _lxml_text(markup: str) -> str:
    try:
        import lxml.html

        root = lxml.html.document_fromstring(markup)
    except Exception:
        return html_lib.unescape(re.sub(r"<[^>]+>", " ", markup))
    for bad in root.xpath("//script|//style|//noscript|//template|//iframe|//svg|//head"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    return "".join(parts)


def decode_upload(data: bytes, filename: str = "") -> Decoded:
    """Decode bytes of a plain-text or HTML article; raise UndecodableError if impossible."""
    if data is None or not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise UndecodableError("The file is empty.", "empty")
    for magic, what, short in _MAGIC:
        if data.startswith(magic):
            raise UndecodableError(f"The file is binary ({what}), not text.", "binary", format=short)
    warnings: list[str] = []
    text: str | None = None
    encoding = ""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text, encoding = data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"The file starts with a {enc} marker but is not valid {enc}.", "encoding") from exc
            break
    if text is None:
        enc16 = _looks_utf16(data)
        if enc16:
            try:
                text, encoding = data.decode(enc16), enc16
            except UnicodeDecodeError:
                text = None
    stray_nuls = 0
    if text is None:
        stray_nuls = data.count(b"\x00")
        if stray_nuls > MAX_STRAY_NUL_SHARE * len(data):
            raise UndecodableError("The file is binary (it contains NUL bytes), not text.", "binary", format="NUL")
        data = data.replace(b"\x00", b"")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data, warnings)
    text = unicodedata.normalize("NFC", text)
    text, fixed = repair_mojibake(text)
    if fixed:
        warnings.append("repaired mojibake (UTF-8 text that had been read as Latin-1/cp1252)")
    if text.count("\x00") > MAX_STRAY_NUL_SHARE * len(text):
        raise UndecodableError("The file is binary (it contains NUL characters), not text.", "binary", format="NUL")
    ctrl = len(_CONTROL.findall(text))
    if ctrl > max(20, len(text) // 10):
        raise UndecodableError("The file is binary (too many control characters), not text.", "control")
    if ctrl + stray_nuls:
        warnings.append(f"control_removed: {ctrl + stray_nuls}")
    text = _CONTROL.sub("", text)
    _check_script(text, encoding)

    is_html = filename.lower().endswith(_HTML_EXT) or bool(_HTML_START.match(text.encode("utf-8", "ignore")[:2048])) \
        or len(_HTML_TAGS.findall(text[:20000])) >= 5
    title = date = None
    if is_html:
        text, title, date = html_to_text(text)
        text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    text = normalize_text(text)
    if not text.strip():
        raise UndecodableError("The file contains no readable text.", "no_text")
    return Decoded(text=text, encoding=encoding, is_html=is_html, warnings=warnings, title=title, date=date)
