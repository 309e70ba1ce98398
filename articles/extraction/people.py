"""Officials: Vietnamese personal names and the titles the text gives them.

The analysis runs on a re-toned copy of the body (same length, see
normalize.retone) so that "Thành uỷ" and "Thành ủy" match the same lexicon,
while names and titles are sliced from the body as written. Names are found in
names.py, titles in titles.py; this module puts them together per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .groups import apply_group_titles
from .names import HIST_KEYS, MIDDLE_MARKERS, RUN_RE, name_in_run, name_key, tokens
from .titles import (
    ENVOY_BEFORE,
    HEAD_RE,
    HONORIFIC_END,
    is_indefinite,
    post_titles,
    pre_titles,
    protect,
    vouching_title,
)

__all__ = ["Mention", "Person", "find_people"]

_LEADING_HONORIFICS = {"Ông", "Bà", "Anh", "Chị", "Cô", "Chú", "Bác", "Em", "Cháu", "Đồng", "Theo", "Với", "Cùng", "Và"}
# Words after which two capitalised words name a place: an administrative unit or a local body.
_PLACE_BEFORE = re.compile(
    r"(?:(?i:\b(?:xã|phường|huyện|quận|tỉnh|thị xã|thị trấn|thành phố|châu|thôn|bản|TP\.?|Tp\.?))"
    r"|\b(?:Thành|Tỉnh|Huyện|Quận|Thị|Đảng) [uủ]y|\bUBND|\bHĐND)\s*$"
)
# Captions run together with no full stop: "… Donald Trump Toàn cảnh lễ đón …".
_PHRASE_START = re.compile(r"(?:Toàn cảnh|Quang cảnh|Đại biểu|Lãnh đạo|Phu nhân|Đoàn công tác)(?![\w])")
_TITLE_AFTER = re.compile(r"\s*(?:,|\s[-–—]|[-–—](?=\S))\s*(?=" + HEAD_RE.pattern + ")")
_HARD_LEFT = re.compile(r"[;:(\"“”]")
_REFERENCE_CONTEXT = re.compile(
    r"(?i)(ngày\s+sinh|năm\s+sinh|ngày\s+mất|tư\s+tưởng|lăng|di\s+chúc|tấm\s+gương|noi\s+gương|làm\s+theo|"
    r"đường|phố|trường|giải\s+thưởng|tượng\s+đài|bảo\s+tàng|khu\s+di\s+tích)\s*$"
)

@dataclass
class Mention:
    name: str
    key: str
    start: int
    end: int
    sentence: tuple[int, int]
    titles: list[str] = field(default_factory=list)
    honorific: bool = False
    plural: bool = False
    span_start: int = 0    # start of honorific/titles before the name
    span_end: int = 0      # end of titles after the name
    strong: bool = False   # a title or honorific vouches for it


@dataclass
class Person:
    name: str
    key: str
    start: int
    end: int
    sentence: tuple[int, int]
    titles: list[str] = field(default_factory=list)
    official: bool = False


def find_people(body: str, m: str, sentences: list[tuple[int, int]]) -> tuple[list[Person], list[Mention]]:
    """All person mentions in the body, and the people they refer to (officials flagged)."""
    m = protect(m)
    mentions: list[Mention] = []
    for ss, se in sentences:
        sent_mentions: list[Mention] = []
        cands = []
        for run in RUN_RE.finditer(m, ss, se):
            toks = tokens(run.group(0), run.start())[-12:]  # a name ends a run; long runs are noise
            # "Ông Nguyễn Văn A" at a sentence start: the honorific is not part of the name.
            lead_honorific = False
            # … except "Trung tướng Ông Văn Tâm": after a title, a capitalised "Ông" is the surname.
            # "Đồng" is a surname unless "chí" follows ("Đồng Văn Thanh").
            if (len(toks) >= 3 and toks[0][0] in _LEADING_HONORIFICS
                    and not (toks[0][0] == "Ông" and name_key(toks[1][0]) in MIDDLE_MARKERS
                             and vouching_title(m, ss, run.start()))
                    and (toks[0][0] != "Đồng" or toks[1][0] == "Chí")):
                lead_honorific = toks[0][0] in ("Ông", "Bà", "Đồng")
                toks = toks[1:]
            # "Phó Chủ tịch", "Tổng Bí thư": capitalised head words are not a name.
            while toks:
                h = HEAD_RE.match(m, toks[0][1])
                if not h:
                    break
                toks = [t for t in toks if t[1] >= h.end()]
            # "Đoàn Chủ tịch", "Donald Trump Chủ tịch nước": a title that the next lower-case word
            # completes begins inside the run; the name (if any) ends before it.
            for k, tok in enumerate(toks[1:], 1):
                h = HEAD_RE.match(m, tok[1]) or _PHRASE_START.match(m, tok[1])
                if h and h.end() > run.end():
                    toks = toks[:k]
                    break
            before = m[max(ss, run.start() - 60): run.start()]
            if len(toks) == 2 and _PLACE_BEFORE.search(before):
                continue  # "Bí thư Đảng ủy xã Trần Đề", "Huyện ủy Hà Khẩu": a place, not a person
            vouched = bool(re.search(r"\S\s*$", before)) and vouching_title(m, ss, run.start())
            honor = bool(HONORIFIC_END.search(before)) or lead_honorific
            # "…; Sèn Chỉn Ly, Ủy viên BTV Tỉnh ủy": an item of a list whose titles follow it.
            vouched = vouched or bool(re.search(r"[;:]\s*$", m[ss:run.start()]) and _TITLE_AFTER.match(m, run.end()))
            rng = name_in_run(toks, vouched, honor, bool(ENVOY_BEFORE.search(before)))
            if rng is None:
                continue
            i, j = rng
            ns, ne = toks[i][1], toks[j - 1][2]
            if ns > run.start() and not vouched:
                vouched = vouching_title(m, ss, ns)
            cands.append((ns, ne, vouched, honor))
        prev_end = ss
        prev: Mention | None = None
        for idx, (ns, ne, _vouched, honor) in enumerate(cands):
            name = body[ns:ne]
            key = name_key(name)
            left = max(prev_end, ss)
            hard = [x.end() for x in _HARD_LEFT.finditer(m, left, ns)]
            if hard:
                left = hard[-1]
            titles, honorific, plural, span_start = pre_titles(m, body, left, ns)
            right = cands[idx + 1][0] if idx + 1 < len(cands) else se
            post, span_end = post_titles(m, body, ne, right)
            if prev is not None and prev.plural and not titles and re.fullmatch(
                r"[\s,]*(?:và\s+)?(?:(?:các\s+)?đồng chí\s+|ông\s+|bà\s+)?", m[prev.span_end:ns]
            ):
                titles = [t for t in prev.titles]
                plural = True
            ctx = m[max(ss, span_start - 25): span_start]
            if key in HIST_KEYS or _REFERENCE_CONTEXT.search(ctx):
                prev_end = max(span_end, ne)
                continue
            # "Giám đốc một doanh nghiệp": an office in some unnamed firm is a description, not a title.
            titles = [t for t in titles if not is_indefinite(t)]
            post = [t for t in post if not is_indefinite(t)]
            comrade = bool(re.search(r"(?i)(đồng\s+chí|đ/c)\s*$", m[max(ss, ns - 20):ns]))
            mention = Mention(name, key, ns, ne, (ss, se), titles + post, comrade, plural,
                              span_start, max(span_end, ne), bool(titles or post or honorific or honor))
            sent_mentions.append(mention)
            prev_end = mention.span_end
            prev = mention
        apply_group_titles(m, body, ss, se, sent_mentions)
        mentions.extend(sent_mentions)
    people: dict[str, Person] = {}
    for mt in mentions:
        p = people.get(mt.key)
        if p is None:
            p = people[mt.key] = Person(mt.name, mt.key, mt.start, mt.end, mt.sentence)
        for t in mt.titles:
            if name_key(t) not in {name_key(x) for x in p.titles}:
                p.titles.append(t)
        if mt.titles or mt.honorific:
            p.official = True
    ordered = sorted(people.values(), key=lambda p: p.start)
    return ordered, mentions
