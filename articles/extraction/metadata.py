"""Header/footer metadata: headline shape, stamps, outlet, bylines."""

from __future__ import annotations

import re

from .lexicon import OUTLETS, PLACES, TITLE_HEADS
from .normalize import name_key, retone

__all__ = [
    "outlet_prefix", "source_line", "parse_byline", "is_name_shaped",
    "is_widget_line", "is_boilerplate_heading", "is_comment_form_line", "strip_bullet",
]

_BULLET = re.compile(r"^[\s•·●▪►▶■□◆◇○\-–—*>»|]+")


def strip_bullet(line: str) -> str:
    """Without list bullets in front, nor the cell bar of a table row ("| caption |") behind."""
    return re.sub(r"\s*\|$", "", _BULLET.sub("", line)).strip()


_OUTLET_KEYS = {name_key(o): o for o in OUTLETS}
_PAREN_PREFIX = re.compile(r"^\((?P<o>[^()\n]{2,32})\)\s*[-–—:]?\s*")
_PLAIN_PREFIX = re.compile(r"^(?P<o>[^\s\-–—:,.()][^\s\-–—:,()]{1,24}(?:\s[^\s\-–—:,()]{1,15}){0,2}?)\s*[-–—]\s+(?=\S)")
_DATELINE_WORDS = {"sáng", "chiều", "tối", "trưa", "đêm", "ngày", "hôm", "sáng nay", "chiều nay", "tối nay", "hôm nay"}


def outlet_prefix(para: str) -> tuple[str | None, int]:
    """Outlet named at the start of the lead ("(Chinhphu.vn) - ", "HNP - ") and prefix length."""
    m = _PAREN_PREFIX.match(para)
    if m:
        o = m["o"].strip()
        if len(o.split()) <= 4 and not re.search(r"\d{1,2}/\d{1,2}", o):
            return o, m.end()
    m = _PLAIN_PREFIX.match(para)
    if m:
        o = m["o"].strip()
        words = o.split()
        if name_key(o) in _DATELINE_WORDS or name_key(words[0]) in _DATELINE_WORDS:
            return None, 0
        if name_key(o) in _OUTLET_KEYS:
            return _OUTLET_KEYS[name_key(o)], m.end()
        # One token with letters only, dots allowed: "Kinhtedothi", "HNP", "VOV.VN".
        if len(words) == 1 and re.fullmatch(r"[^\W\d_][\w.&]*", o) and (o[0].isupper()) and o not in PLACES:
            return o, m.end()
    return None, 0


_SOURCE_LINE = re.compile(
    r"^(?:(?P<auth>[^\W\d_][\w.]{0,10}(?:\s[^\W\d_][\w.]{0,10}){0,3})\s*[-–—,]\s*)?\(?\s*(?:Theo|Nguồn)\s*:?\s+(?P<src>[^()]{2,60}?)\s*\)?\.?$"
)


def source_line(line: str) -> tuple[str | None, list[str]]:
    """'BD- Theo Báo NDĐT' → ('Báo NDĐT', ['BD']); 'Nguồn: TTXVN' → ('TTXVN', [])."""
    m = _SOURCE_LINE.match(line.strip())
    if not m:
        return None, []
    src = m["src"].strip().rstrip(".")
    if len(src.split()) > 6:
        return None, []
    auth = [m["auth"].strip()] if m["auth"] else []
    return src, auth


def _is_cap_token(t: str) -> bool:
    core = t.replace("'", "")
    return bool(core) and core.isalpha() and core[0].isupper() and (len(core) == 1 or core[1:].islower())


_INITIAL = re.compile(r"^[A-ZĐ]\.$")
_HEAD_KEYS = tuple(name_key(h) for h in TITLE_HEADS)


def is_name_shaped(s: str) -> bool:
    """'Gia Huy', 'H. Hạnh', 'Lê Thị Thu Hằng' — a bare personal name, nothing else."""
    s = s.strip().rstrip(".").strip() if not _INITIAL.match(s.strip()) else s.strip()
    tokens = s.replace(".", ". ").split()
    if not (1 <= len(tokens) <= 5) or len(s) > 40:
        return False
    names = [t for t in tokens if not _INITIAL.match(t)]
    if not names or not all(_is_cap_token(t) for t in names):
        return False
    if len(tokens) == 1:
        return False
    key = name_key(s)
    if s in PLACES or any(key.startswith(h) for h in _HEAD_KEYS):
        return False
    return True


_PHOTO = re.compile(r"(?i)(?:^|[\s(\-–—.])(?:ảnh|ảnh minh họa|ảnh minh hoạ|nguồn ảnh|photo|video|clip)\s*:\s*(?P<who>[^()\n]{2,80}?)\s*\)?\s*$")
_BYLINE_SPLIT = re.compile(r"\s*(?:[-–—,;/]|\bvà\b)\s*")
_AGENCY = re.compile(r"^(?:[A-ZĐ]{2,10}(?:\.VN)?\s*/\s*)+")


def _names_in(s: str) -> list[str]:
    s = _AGENCY.sub("", s.strip())
    out = []
    for part in _BYLINE_SPLIT.split(s):
        part = part.strip().strip("()").strip()
        part = re.sub(r"(?i)^(?:bài(?:\s+và\s+ảnh|,\s*ảnh)?|ảnh|bài và ảnh|thực hiện|nhóm pv|pv)\s*:\s*", "", part)
        if is_name_shaped(part):
            out.append(part.rstrip("."))
    return out


def parse_byline(line: str) -> list[str] | None:
    """Authors if the whole line is a byline/photo credit, else None."""
    s = line.strip()
    if not s or len(s) > 90:
        return None
    m = _PHOTO.search(s)
    if m:
        before = s[: m.start()].strip(" -–—(,")
        names = _names_in(m["who"])
        if not before:
            return names
        if re.fullmatch(r"(?i)bài(\s+và)?", before):
            return names
        before_names = _names_in(before)
        if before_names and all(is_name_shaped(p.strip()) for p in _BYLINE_SPLIT.split(before) if p.strip()):
            return before_names + names
        return None
    m = re.match(r"(?i)^(?:bài(?:\s+và\s+ảnh|,\s*ảnh)?|thực hiện|tác giả|phóng viên|pv)\s*:\s*(.+)$", s)
    if m:
        return _names_in(m.group(1))
    if re.fullmatch(r"(?i)(nhóm\s+)?(pv|phóng viên)(\s+\w+)?", s):
        return []
    parts = [p for p in _BYLINE_SPLIT.split(s) if p.strip()]
    if parts and all(is_name_shaped(p) for p in parts):
        return [p.strip().rstrip(".") if not p.strip().endswith(".") or len(p.split()) > 1 else p.strip() for p in parts]
    return None


def photo_credit_in(para: str) -> tuple[str, list[str]] | None:
    """A trailing 'Ảnh: X' / '(Ảnh: X)' inside a paragraph: (paragraph without it, names)."""
    offset = max(0, len(para) - 200)  # credits close a paragraph
    m = _PHOTO.search(para, offset)
    if not m:
        return None
    return para[: m.start()].rstrip(" -–—("), _names_in(m["who"])


_WIDGET = re.compile(
    r"(?i)^(chia sẻ(\s+(zalo|facebook|fb|twitter|email))*|zalo|facebook|twitter|linkedin|in bài|in trang|bản in|"
    r"gửi email|gửi bài|lưu bài|lưu tin|cỡ chữ|a\+?\s*a-?|quay lại|về trang trước|trở lại|đầu trang|lên đầu trang|"
    r"print|email|share|tweet|like|thích|theo dõi|nghe bài|nghe đọc bài|đọc bài|tải về|copy link|sao chép liên kết|"
    r"bình chọn|\d+\s*(lượt xem|bình luận|views?)|(lượt xem|lượt đọc|số lượt xem)\s*:?\s*[\d.,]+|xem bản mobile|góp ý|báo lỗi|"
    r"google news)[\s:.!]*$"
)


def is_widget_line(line: str) -> bool:
    s = strip_bullet(line)
    if not s:
        return True
    if _WIDGET.match(s):
        return True
    # Breadcrumbs: "Trang chủ > Thời sự > Chính trị", "> Tin tức - Sự kiện > Tin hoạt động HĐND > …".
    if len(s) < 100 and re.search(r"\s[>»›/]\s", s) and not re.search(r"[.!?]$", s) and s.count(" ") < 14:
        if re.match(r"(?i)trang chủ|home|tin tức|thời sự", s):
            return True
    if len(s) < 400 and len(re.findall(r"\s[>»›]\s?", " " + line.strip())) >= 2:
        return True
    if re.match(r"(?i)(?:trang chủ|home)\b", s) and len(s) < 120 and not re.search(r"[.!?]$", s):
        return True  # "Trang chủ Chính trị - Xã hội": navigation
    if re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", s):
        return True  # Chinese, Japanese or Korean page chrome (a mirror's "当前位置:首页 > …")
    # A ticker of other stories: "DÒNG SỰ KIỆN. * KỲ HỌP THỨ 15 … * HÀ NỘI 2020 - …".
    letters = [c for c in s if c.isalpha()]
    if len(re.findall(r"\s[*•]\s", s)) >= 2 and letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return True
    # Markdown leftovers of an image: "![]() |".
    if re.fullmatch(r"!\[[^\]]*\]\([^)]*\)\s*\|?", s):
        return True
    return bool(re.fullmatch(r"[\d\W_]{1,6}", s))


_BOILER_HEAD = re.compile(
    r"(?i)^(các tin khác|tin khác|tin liên quan|các tin liên quan|bài liên quan|các bài liên quan|"
    r"các bài mới đăng|các bài đã đăng|bài viết xem|bài viết khác|xem các tin đã đưa ngày|tin cùng chuyên mục|"
    r"cùng chuyên mục|tin mới nhất|tin mới|tin mới hơn|tin cũ hơn|tin nổi bật|tin đọc nhiều|đọc nhiều nhất|đọc thêm|xem thêm|"
    r"có thể bạn quan tâm|bạn có thể quan tâm|bình luận|viết bình luận|gửi bình luận|ý kiến bạn đọc|"
    r"ý kiến của bạn|gửi ý kiến|tin trong|từ khóa|từ khoá|tags?|chủ đề|sự kiện|tin bài liên quan|"
    r"những tin khác|các tin đã đưa|tin đã đưa|tin cũ|xem tiếp|mới cập nhật|tin ảnh|video|multimedia)\b.{0,60}$"
)
_COMMENT_FORM = re.compile(
    r"(?i)^(họ\s*(và\s*)?tên|email|e-mail|số điện thoại|điện thoại|tiêu đề|nội dung|mã xác nhận|mã bảo mật|"
    r"lấy lại mã|gửi|hủy|huỷ|địa chỉ)\s*:?\s*(\(\*\))?"
)


def is_boilerplate_heading(line: str) -> bool:
    s = strip_bullet(line)
    return len(s) <= 80 and bool(_BOILER_HEAD.match(retone(s)))


def is_comment_form_line(line: str) -> bool:
    s = strip_bullet(line)
    return len(s) <= 80 and bool(_COMMENT_FORM.match(s)) and (":" in s or "(*)" in s)
