"""The main event: its kind, and who chaired, co-chaired, led a delegation, attended, spoke."""

from __future__ import annotations

import re

from .dates import DAYMONTH
from .lexicon import DOCUMENT_KINDS, EVENT_KINDS
from .people import Mention

__all__ = ["ROLES", "event_kind", "assign_roles"]

ROLES = ("chair", "co_chair", "head_of_delegation", "attendee", "speaker")

_KIND_RE = re.compile(
    r"(?i)(?<![\w])(" + "|".join(re.escape(k) for k, _ in sorted(EVENT_KINDS, key=lambda x: -len(x[0]))) + r")(?![\w])"
)
_KIND_MAP = {k: v for k, v in EVENT_KINDS}
_NOT_EVENT_BEFORE = re.compile(r"(?i)(ngày|nghi|các ngày|lễ|mùa|dịp|hội)\s*$")
_NOT_EVENT_AFTER = re.compile(r"(?i)^\s*(hội|phép|tân|nghi|tết)\b")
_DOC_RE = re.compile(
    r"(?i)\b(?:có|ban hành|vừa ban hành|đã ban hành|ký ban hành|công bố|phát hành|gửi)\s+(?:các\s+)?("
    + "|".join(map(re.escape, DOCUMENT_KINDS)) + r")\b"
)
_DELEGATION = re.compile(r"(?i)\bđoàn\s+(khảo sát|kiểm tra|công tác|giám sát)\b")
_WORKING = re.compile(r"(?i)\b(?:làm việc với|thăm và làm việc|làm việc tại|tiếp đoàn)\b")


def _kinds_in(text: str) -> list[tuple[int, str]]:
    out = []
    for m in _KIND_RE.finditer(text):
        if _NOT_EVENT_BEFORE.search(text[max(0, m.start() - 12): m.start()]) or _NOT_EVENT_AFTER.match(text[m.end(): m.end() + 8]):
            continue
        out.append((m.start(), _KIND_MAP[m.group(1).lower()]))
    for m in _DOC_RE.finditer(text):
        out.append((m.start(1), m.group(1).lower()))
    return sorted(out)


def event_kind(m: str, sentences: list[tuple[int, int]], lead_index: int) -> str | None:
    """Kind of the main event: the lead sentence first, then a visiting delegation, then nearby text."""
    if not sentences:
        return None
    if 0 <= lead_index < len(sentences):
        s, e = sentences[lead_index]
        found = _kinds_in(m[s:e])
        if found:
            return found[0][1]
        if _WORKING.search(m[s:e]):
            return "buổi làm việc"
    head = m[sentences[0][0]: sentences[min(2, len(sentences) - 1)][1]]
    if _DELEGATION.search(head):
        return "buổi làm việc"
    for i in range(min(3, len(sentences))):
        s, e = sentences[i]
        found = _kinds_in(m[s:e])
        if found:
            return found[0][1]
    found = _kinds_in(m)
    if found:
        return found[0][1]
    if _WORKING.search(m):
        return "buổi làm việc"
    return None


_CHAIR = re.compile(r"(?i)(?<![\w])(đồng chủ trì|cùng chủ trì|chủ trì|chủ tọa|đồng chủ tọa)(?![\w])")
_ASSIGNMENT = re.compile(r"(?i)^\s*,?\s*(phối hợp|và phối hợp|soạn thảo|xây dựng đề án|tổ chức thực hiện)\b")
# Between a subject list and its verb: commas, dashes closing an apposition ("ông A - Chủ tịch
# UBND TP - chủ trì") and auxiliaries.
# A parenthesis ("(Ban Chỉ đạo)"), "và Phu nhân", auxiliaries, and a short first predicate joined
# to the chair verb: "X tham dự và chủ trì", "X nhấn mạnh khi chủ trì", "X đã đến thăm và chủ trì".
_AUX = r"(?:đã|sẽ|đang|vừa|cùng|trực tiếp|đồng thời|là người)"
_GAP_BEFORE_VERB = re.compile(
    rf"(?i)^[\s,\-–—]*(?:\([^()]{{1,40}}\)\s*)?(?:và\s+phu\s+nhân\s*)?(?:{_AUX}\s*)*"
    rf"(?:(?:[^\s,.;:()]+\s+){{1,5}}?(?:và|khi|rồi)\s+(?:{_AUX}\s+)*)?$"
)
# … but not a predicate that hands the chairing to others ("X yêu cầu các sở khi chủ trì …").
_NOT_A_CHAIR_GAP = re.compile(r"(?i)\b(?:các|những|cần|phải|yêu cầu|đề nghị|giao|chỉ đạo|do|của|có)\b")
# Between two names of one list: a comma or semicolon, or a conjunction ("và", "cùng"); two
# names with nothing between them are two captions run together, not a list.
_GAP_BETWEEN = re.compile(
    r"(?i)^(?=\s*[,;]|\s*(?:và|cùng|với)\b)[\s,;]*(?:và|cùng|cùng với|với)?\s*"
    r"(?:(?:các\s+)?(?:đồng chí|ông|bà)(?:\s*,\s*(?:ông|bà))?)?\s*:?\s*$"
    # "; các Phó Chủ tịch UBTƯ MTTQ Việt Nam: B, C": a group title opening the rest of the list
    r"|^\s*[,;]\s*(?:và\s+)?các\s+[^.;:]{0,100}:\s*$"
)
_AFTER_CUE = re.compile(r"(?i)\b(có|là|gồm|gồm có)\b")
_PAST = re.compile(
    r"(?i)\b(trước đó|hôm trước|lần trước|năm ngoái|năm trước|tuần trước|tháng trước|đã từng|trước đây|"
    r"kỳ trước|phiên trước|hội nghị trước)\b"
)
_ATTEND = re.compile(
    r"(?i)(?:^|[\s,])(tham dự|dự|cùng dự|cùng tham dự|có mặt|tham gia)\b[^.;]{0,80}?\b(có|gồm)\b"
    r"|^(?:\W*)(đại biểu|về phía|phía|khách mời)\b[^.;:]{0,120}?\b(có|gồm)\b"
)
_SPEECH = re.compile(r"(?i)(?<![\w])(phát biểu|kết luận|nhấn mạnh|cho biết|khẳng định|đề nghị|yêu cầu|trình bày|báo cáo|chỉ đạo)(?![\w])")
_PARTICIPLE = re.compile(r"(?i)^\W*(phát biểu|kết luận|chủ trì|đồng chủ trì|trao đổi|thay mặt)\b[^,]{0,160},\s*")


def _chain_before(mentions: list[Mention], pos: int, m: str) -> list[Mention]:
    """Mentions forming the subject list right before ``pos`` (verb-last lists)."""
    before = [x for x in mentions if x.span_end <= pos]
    if not before:
        return []
    last = before[-1]
    gap = m[last.span_end:pos]
    if not _GAP_BEFORE_VERB.match(gap) or _NOT_A_CHAIR_GAP.search(re.sub(r"\([^()]*\)", " ", gap)):
        return []
    chain = [last]
    for x in reversed(before[:-1]):
        if _GAP_BETWEEN.match(m[x.span_end:chain[0].span_start]):
            chain.insert(0, x)
        else:
            break
    return chain


def _chain_after(mentions: list[Mention], pos: int, m: str, limit: int | None = None) -> list[Mention]:
    after = [x for x in mentions if x.span_start >= pos]
    if limit is not None:
        return after[:limit]
    return after


def _joined_after(mentions: list[Mention], pos: int, m: str) -> list[Mention]:
    """The first mention after ``pos`` and those joined to it ("A và B", "A; B")."""
    after = [x for x in mentions if x.span_start >= pos]
    chain = after[:1]
    for x in after[1:]:
        if _GAP_BETWEEN.match(m[chain[-1].span_end:x.span_start]):
            chain.append(x)
        else:
            break
    return chain


def _is_reference_sentence(m: str, s: int, e: int, event_dm: tuple[int, int] | None, is_lead: bool) -> bool:
    text = m[s:e]
    if _PAST.search(text):
        return True
    if re.search(r"(?i)\btại\s+(?:hội nghị|phiên họp|cuộc họp|buổi làm việc|kỳ họp|đại hội)\s+(?:ngày|hôm|tháng)\b", text):
        return True
    if not is_lead:
        for d in DAYMONTH.finditer(text):
            dm = (int(d["d"] or d["d2"]), int(d["m"] or d["m2"]))
            if dm != event_dm:
                return True
    return False


def assign_roles(m: str, sentences: list[tuple[int, int]], mentions: list[Mention], lead_index: int,
                 event_dm: tuple[int, int] | None, kind: str | None) -> list[tuple[Mention, str]]:
    """(mention, role) pairs for the main event, first role per person wins by priority."""
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for x in mentions:
        by_sentence.setdefault(x.sentence, []).append(x)
    roles: list[tuple[Mention, str]] = []
    joined = False  # "cùng chủ trì": someone else chairs too
    for i, (s, e) in enumerate(sentences):
        sm = by_sentence.get((s, e), [])
        if not sm:
            continue
        text = m[s:e]
        reference = _is_reference_sentence(m, s, e, event_dm, i == lead_index)
        if not reference:
            for v in _CHAIR.finditer(text):
                vpos = s + v.start()
                if _ASSIGNMENT.match(text[v.end():]):
                    continue
                co = v.group(1).lower().startswith(("đồng", "cùng"))
                joined = joined or v.group(1).lower().startswith("cùng")
                lead_words = text[:v.start()].strip()
                if v.group(1).lower() == "chủ trì" and re.search(r"(?i)dưới sự\s*$", text[:v.start()]):
                    who = _joined_after(sm, vpos, m)
                    roles += [(x, "chair") for x in who]
                    continue
                part = _PARTICIPLE.match(text)
                # "Chủ trì hội nghị, X …" (participle) — but not "Chủ trì hội nghị có/là X, …", where the
                # comma closes the first chair's name.
                if part and _AFTER_CUE.search(text, v.end(), part.end()):
                    part = None
                if part and part.group(1).lower() in ("chủ trì", "đồng chủ trì") and part.start(1) == v.start():
                    who = _chain_after(sm, s + part.end(), m, 1)
                    roles += [(x, "co_chair" if co else "chair") for x in who]
                    continue
                cue = _AFTER_CUE.search(text, v.end(), min(len(text), v.end() + 80))
                subjectless = not any(x.span_end <= vpos for x in sm)  # "Về phía X dự và chủ trì có …"
                if cue and (len(lead_words.split()) <= 2 or subjectless):
                    who = _chain_after(sm, s + cue.end(), m)
                    roles += [(x, "co_chair" if co else "chair") for x in who]
                    continue
                who = _chain_before(sm, vpos, m)
                if who:
                    if co:
                        roles += [(x, "co_chair") for x in who]
                    else:
                        roles += [(who[0], "chair")] + [(x, "co_chair") for x in who[1:]]
        for x in sm:
            if any(re.match(r"(?i)trưởng đoàn(?!\s+(?:đại biểu|ĐBQH))", t) for t in x.titles):
                if not reference:
                    roles.append((x, "head_of_delegation"))
        if not reference:
            a = _ATTEND.search(text)
            if a:
                for x in _chain_after(sm, s + a.end(), m):
                    roles.append((x, "attendee"))
            for sp in _SPEECH.finditer(text):
                other_event = re.search(r"(?i)\btại\s+(đại hội|hội nghị|kỳ họp|phiên họp)\b", text[:sp.start()] + text[sp.end(): sp.end() + 80])
                if other_event and kind and other_event.group(1).lower() != kind:
                    continue
                who = _chain_before(sm, s + sp.start(), m)
                part = _PARTICIPLE.match(text)
                if not who and part and part.start(1) == sp.start():
                    who = _chain_after(sm, s + part.end(), m, 1)
                roles += [(x, "speaker") for x in who]
    if joined and not any(r == "chair" for _, r in roles):
        # "Đoàn công tác do X làm Trưởng đoàn làm việc với … Cùng chủ trì có Y": the head of the
        # visiting delegation is the one Y chairs with.
        heads = [x for x, r in roles if r == "head_of_delegation"]
        if heads:
            roles.append((heads[0], "chair"))
    priority = {r: i for i, r in enumerate(ROLES)}
    best: dict[str, tuple[Mention, str]] = {}
    order: list[str] = []
    for x, r in roles:
        if x.key not in best:
            order.append(x.key)
            best[x.key] = (x, r)
        elif priority[r] < priority[best[x.key][1]]:
            best[x.key] = (x, r)
    result = [best[k] for k in order]
    result.sort(key=lambda xr: priority[xr[1]])
    return result


# The body that holds the event, said in its lead sentence: "Tỉnh ủy Hòa Bình tổ chức hội nghị …",
# "Ban Thường vụ Thành ủy họp …", "Hội nghị Ban Chấp hành Đảng bộ tỉnh …", "kỳ họp thứ 7 HĐND tỉnh …".
_HOLDS_AFTER = re.compile(
    r"(?i)(?:\s+khóa\s+[\w]+)?[\s,]*(?:(?:đã|vừa|sẽ|long trọng|trọng thể)\s+)*"
    r"(?:tổ chức|họp|khai mạc|triệu tập|có buổi làm việc|tiếp và làm việc)\b"
)
_EVENT_BEFORE = re.compile(
    r"(?i)(?:hội nghị|kỳ họp|phiên họp|cuộc họp|đại hội|hội thảo)(?:\s+(?:lần\s+)?thứ\s+[\w]+)?[\s,]*(?:của\s+)?$"
)


# A meeting's chair heads the body that holds it, when the text names no other: "Chủ tịch HĐND tỉnh
# … chủ trì kỳ họp" (a session is its council's; otherwise the chair's first head post).
def organizer_from_chairs(kind: str | None, chair_posts: list) -> tuple[str, str] | None:
    """(name, kind) of the organisation a chair heads (posts of one chair, in the order written), or None."""
    heads = [p for p in chair_posts if p.organization and p.resolved and not p.former and p.single_holder]
    if not heads:
        return None
    wanted = "peoples_council" if (kind or "").casefold().startswith("kỳ họp") else None
    chosen = next((p for p in heads if p.organization_kind == wanted), heads[0])
    return chosen.organization, chosen.organization_kind


def event_organizer(m: str, lead: tuple[int, int], org_mentions: list) -> str | None:
    """Canonical name of the body the lead sentence says held the event, or None."""
    s, e = lead
    for x in org_mentions:
        if not (s <= x.start < e) or not x.org.resolved:
            continue
        if _HOLDS_AFTER.match(m, x.end) or _EVENT_BEFORE.search(m, max(s, x.start - 40), x.start):
            return x.org.name
    return None
