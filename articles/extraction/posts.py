"""Posts: a title as written → (role, organisation).

"Bí thư Thành ủy Hà Nội" → Bí thư of Thành ủy Hà Nội; "Phó Bí thư Thường trực Thành ủy" → Phó Bí thư
Thường trực of the Thành ủy of the place the text is about; "Chủ tịch UBND TP Hà Nội" → Chủ tịch of
Ủy ban nhân dân thành phố Hà Nội; "Ủy viên Bộ Chính trị" → Ủy viên of Bộ Chính trị; "Tổng Bí thư" →
of the Party's Central Committee; "Thủ tướng" → of Chính phủ. Not posts: military and police ranks
("Đại tướng"), a role at one meeting ("Trưởng đoàn" alone), a head with no organisation the text
gives or implies ("Phó Chủ tịch" alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FOREIGN_PLACES
from .normalize import fold, retone
from .organizations import Org, parse_organization

__all__ = ["Post", "parse_title", "posts_of_titles", "is_single_holder", "is_meeting_role"]


@dataclass(frozen=True)
class Post:
    role: str              # "Phó Bí thư Thường trực"
    org: Org | None        # None for a post of the State itself ("Chủ tịch nước")
    former: bool = False   # "nguyên …": held before, not at the time of the text
    name: str = ""         # how the post is named: "Bí thư Thành ủy Hà Nội"

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def resolved(self) -> bool:
        return self.org is None or self.org.resolved


_BCH = Org("Ban Chấp hành Trung ương Đảng", "party_committee")
_POLITBURO = Org("Bộ Chính trị", "party_committee")
_SECRETARIAT = Org("Ban Bí thư", "party_committee")
_GOVERNMENT = Org("Chính phủ", "other")
_ASSEMBLY = Org("Quốc hội", "other")
_NATIONAL = (_BCH, _POLITBURO, _SECRETARIAT, _GOVERNMENT, _ASSEMBLY)  # Việt Nam's own, named by the title alone

# Titles that name their organisation by themselves: (pattern, role, organisation, post name).
_WHOLE = [
    (r"tổng bí thư(?: ban chấp hành trung ương đảng)?(?: cộng sản việt nam)?", "Tổng Bí thư", _BCH, "Tổng Bí thư"),
    (r"thường trực bộ chính trị", "Thường trực", _POLITBURO, "Thường trực Bộ Chính trị"),
    (r"thường trực ban bí thư(?: trung ương đảng)?", "Thường trực", _SECRETARIAT, "Thường trực Ban Bí thư"),
    (r"bí thư (?:trung ương|tw|tư|t\.ư) đảng", "Bí thư Trung ương Đảng", _SECRETARIAT, "Bí thư Trung ương Đảng"),
    (r"(?:ủy viên|uv) (?:ban chấp hành |bch )?(?:trung ương|tw|tư|t\.ư)(?: đảng)?|uvtw|uvtư(?: đảng)?",
     "Ủy viên", _BCH, "Ủy viên Ban Chấp hành Trung ương Đảng"),
    (r"ủy viên dự khuyết (?:ban chấp hành )?(?:trung ương|tw|tư|t\.ư)(?: đảng)?",
     "Ủy viên dự khuyết", _BCH, "Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng"),
    (r"ủy viên bộ chính trị|uvbct", "Ủy viên", _POLITBURO, "Ủy viên Bộ Chính trị"),
    (r"chủ tịch nước(?: cộng hòa xã hội chủ nghĩa việt nam)?", "Chủ tịch nước", None, "Chủ tịch nước"),
    (r"phó chủ tịch nước", "Phó Chủ tịch nước", None, "Phó Chủ tịch nước"),
    (r"thủ tướng(?: chính phủ)?", "Thủ tướng", _GOVERNMENT, "Thủ tướng Chính phủ"),
    (r"phó thủ tướng thường trực(?: chính phủ)?", "Phó Thủ tướng Thường trực", _GOVERNMENT, "Phó Thủ tướng Thường trực Chính phủ"),
    (r"phó thủ tướng(?: chính phủ)?", "Phó Thủ tướng", _GOVERNMENT, "Phó Thủ tướng Chính phủ"),
    (r"(?:đại biểu quốc hội|đbqh)(?: .*)?", "Đại biểu", _ASSEMBLY, "Đại biểu Quốc hội"),
    (r"chủ tịch quốc hội", "Chủ tịch", _ASSEMBLY, "Chủ tịch Quốc hội"),
    (r"phó chủ tịch quốc hội", "Phó Chủ tịch", _ASSEMBLY, "Phó Chủ tịch Quốc hội"),
    (r"phó chủ tịch thường trực quốc hội", "Phó Chủ tịch Thường trực", _ASSEMBLY, "Phó Chủ tịch Thường trực Quốc hội"),
]
# "… Quốc hội nước CHXHCN Việt Nam", "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam": the country said again.
_OF_VIETNAM = r"(?: nước)?(?: (?:chxhcn|cộng hòa xã hội chủ nghĩa) việt nam)?"
_WHOLE_RE = [(re.compile(rf"(?:{p}){_OF_VIETNAM}", re.I), role, org, name) for p, role, org, name in _WHOLE]

# "Thành ủy viên": a member of the committee of the place the text is about.
_COMMITTEE_MEMBER = re.compile(r"(?i)^(thành|tỉnh|quận|huyện|thị) ủy viên$")

# Heads of a post, longest first; the qualifier after the head stays in the role.
_ROLES = (
    "Phó Bí thư", "Bí thư", "Phó Chủ tịch", "Chủ tịch", "Phó Chủ nhiệm", "Chủ nhiệm", "Phó Trưởng ban", "Trưởng ban",
    "Phó Trưởng đoàn", "Trưởng đoàn", "Thứ trưởng", "Bộ trưởng", "Phó Giám đốc", "Giám đốc", "Phó Tổng Giám đốc",
    "Tổng Giám đốc", "Phó Chánh Văn phòng", "Chánh Văn phòng", "Phó Chánh án", "Chánh án", "Phó Viện trưởng",
    "Viện trưởng", "Phó Tổng thư ký", "Tổng thư ký", "Phó Tổng Kiểm toán", "Tổng Kiểm toán", "Phó Tổng Thanh tra",
    "Tổng Thanh tra", "Phó Chánh Thanh tra", "Chánh Thanh tra", "Phó Cục trưởng", "Cục trưởng", "Phó Tổng cục trưởng",
    "Tổng cục trưởng", "Phó Vụ trưởng", "Vụ trưởng", "Phó Trưởng phòng", "Trưởng phòng", "Phó Tư lệnh", "Tư lệnh",
    "Phó Chính ủy", "Chính ủy", "Phó Thống đốc", "Thống đốc", "Phó Hiệu trưởng", "Hiệu trưởng", "Ủy viên",
    "Đại biểu", "Phó Tỉnh trưởng", "Tỉnh trưởng", "Phó Đô trưởng", "Đô trưởng", "Tổng Biên tập", "Phó Tổng Biên tập",
    "Đại sứ", "Tổng Lãnh sự", "Chỉ huy trưởng", "Phó Chỉ huy trưởng",
)
_ROLE_RE = re.compile(
    r"(?i)^(?P<role>" + "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True)) + r")"
    r"(?P<qualifier>(?: thường trực| thứ nhất| chuyên trách| dự khuyết)*)(?: (?P<rest>.+))?$"
)
_CANONICAL_ROLE = {r.casefold(): r for r in _ROLES}
# The body a head names by itself: "Trưởng ban Tuyên giáo …" heads "Ban Tuyên giáo …".
_BODY_OF_ROLE = {"trưởng ban": "Ban", "phó trưởng ban": "Ban", "chánh văn phòng": "Văn phòng",
                 "phó chánh văn phòng": "Văn phòng", "trưởng đoàn": "Đoàn", "phó trưởng đoàn": "Đoàn"}
_ABBREVIATED_ROLE = {"uvtv": ("Ủy viên", "Ban Thường vụ"), "uvbtv": ("Ủy viên", "Ban Thường vụ")}


def parse_title(title: str, *, home: dict[str, set[str]] | None = None) -> Post | None:
    """The post a title as written names, or None when it names none."""
    text = " ".join(retone(title or "").split()).strip(" ,;:-–—")
    former = bool(re.match(r"(?i)nguyên\s", text))
    if former:
        text = text.split(" ", 1)[1]
    for pattern, role, org, name in _WHOLE_RE:
        if pattern.fullmatch(text):
            return Post(role, org, former, name)
    member = _COMMITTEE_MEMBER.match(text)
    if member:
        committee = f"{member.group(1).capitalize()} ủy"
        org = parse_organization(committee, home=home, whole=True)
        return Post("Ủy viên", org, former, f"Ủy viên {org.name}") if org else None
    abbreviated = _ABBREVIATED_ROLE.get(text.split(" ")[0].casefold())
    if abbreviated:
        role, body = abbreviated
        rest = text.split(" ", 1)[1] if " " in text else ""
        org = parse_organization(f"{body} {rest}".strip(), home=home, whole=True) if rest else None
        org = org or Org(body, "party_committee", resolved=False)
        return Post(role, org, former, f"{role} {org.name}")
    match = _ROLE_RE.match(text)
    if not match or not match["rest"]:
        return None  # a rank, a meeting role, or a head without its organisation
    qualifier = " ".join(q.capitalize() if q in ("thường", "chuyên", "dự") else q for q in match["qualifier"].lower().split())
    role = _CANONICAL_ROLE[match["role"].casefold()] + (f" {qualifier}" if qualifier else "")
    rest = match["rest"]
    body = _BODY_OF_ROLE.get(match["role"].casefold())
    if body and not rest.casefold().startswith(body.casefold()):
        rest = f"{body} {rest}"  # "Trưởng ban Tuyên giáo Quận ủy" heads "Ban Tuyên giáo Quận ủy"
    if match["role"].casefold() in ("bộ trưởng", "thứ trưởng") and rest.casefold().startswith(("ngoại giao", "quốc phòng", "công an", "tư pháp", "tài chính", "nội vụ", "y tế", "xây dựng")):
        rest = f"Bộ {rest}"  # "Bộ trưởng Ngoại giao"
    org = parse_organization(rest, home=home, whole=True)
    if org is None:
        return None  # an organisation the lexicon does not know well enough to name
    named = org.name[len(body):] if body and org.name.startswith(body + " ") else f" {org.name}"
    return Post(role, org, former, f"{role}{named}")  # "Trưởng ban Tuyên giáo Thành ủy …", not "Trưởng ban Ban …"


# Heads of a body: one person at a time (a deputy, a member, a delegate is one of several). The
# standing deputy ("Phó Bí thư Thường trực") is one too.
_SINGLE_HOLDER_ROLES = frozenset(r.casefold() for r in _ROLES if not r.startswith(("Phó ", "Ủy viên", "Đại biểu", "Đại sứ")))
_SINGLE_HOLDER_ROLES |= {"tổng bí thư", "chủ tịch nước", "thủ tướng", "phó bí thư thường trực", "phó chủ tịch thường trực",
                         "phó thủ tướng thường trực"}


def is_single_holder(role: str) -> bool:
    """Whether two persons holding ``role`` of one organisation on the same date is a contradiction."""
    return role.casefold() in _SINGLE_HOLDER_ROLES and "dự khuyết" not in role.casefold()


def is_meeting_role(post: Post) -> bool:
    """A role at one meeting or visit ("Trưởng đoàn công tác"), not a post; a delegation of the
    National Assembly is a standing body, so its head is a post."""
    return post.role.casefold().endswith("trưởng đoàn") and not (post.org and post.org.name.startswith("Đoàn đại biểu Quốc hội"))


# Another country named in a title ("Chủ tịch nước Lào", "Đảng Cộng sản Trung Quốc"), not a place
# a Vietnamese official is posted to or deals with ("Đại sứ Việt Nam tại Lào", "với Trung Quốc"),
# and not the province of Lào Cai.
_ANOTHER_COUNTRY = re.compile(
    r"(?<!tại )(?<!ở )(?<!với )(?<!sang )(?<!và )\b(?:"
    + "|".join(sorted(map(re.escape, FOREIGN_PLACES), key=len, reverse=True))
    + r")\b(?! Cai)",
    re.I,
)


def names_another_country(title: str) -> bool:
    return "việt nam" not in title.casefold() and bool(_ANOTHER_COUNTRY.search(title))


def posts_of_titles(titles: list[str], *, home: dict[str, set[str]] | None = None) -> list[tuple[str, Post]]:
    """(title as written, post) for each post a person's titles name, once each, in order; meeting
    roles are none. A foreign official (a title names another country or its party) holds no post
    of Việt Nam's national bodies: the "Tổng Bí thư" or "Ủy viên Bộ Chính trị" of a Lao or Chinese
    leader is their own party's, which the title alone does not name."""
    foreign = any(names_another_country(str(t)) for t in titles)
    found: list[tuple[str, Post]] = []
    for title in titles:
        post = parse_title(str(title), home=home)
        if post is None or is_meeting_role(post) or any(p.key == post.key for _, p in found):
            continue
        if foreign and (post.org is None or post.org in _NATIONAL):
            continue
        found.append((str(title), post))
    return found
