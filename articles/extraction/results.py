"""What the extractor returns: an Extraction and its parts (plain dataclasses, no behaviour
beyond the command-line JSON contract)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["PostMention", "OfficialMention", "Participant", "Event", "OrganizationMention", "Extraction", "EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = "2026.12.4"


@dataclass(frozen=True)
class PostMention:
    """A post a title names (posts.parse_title), as the database needs it."""

    title: str                      # as written: "Phó Bí thư Thường trực Thành uỷ"
    name: str                       # "Phó Bí thư Thường trực Thành ủy Hà Nội"
    role: str                       # "Phó Bí thư Thường trực"
    organization: str | None        # "Thành ủy Hà Nội"; None for a post of the State ("Chủ tịch nước")
    organization_kind: str | None
    resolved: bool = True           # False: the organisation's place is not clear from the text
    former: bool = False            # "nguyên …"
    single_holder: bool = False     # a head: one person at a time (posts.is_single_holder)


@dataclass
class OfficialMention:
    name: str
    titles: list[str]
    sentence: str
    start: int | None  # offsets in the body; None for an official named only in the headline
    end: int | None
    posts: list[PostMention] = field(default_factory=list)


@dataclass
class Participant:
    name: str
    role: str
    titles: list[str]
    sentence: str
    posts: list[PostMention] = field(default_factory=list)


@dataclass
class Event:
    kind: str | None
    date: dt.date | None
    date_text: str | None
    participants: list[Participant] = field(default_factory=list)
    sentence: str | None = None
    # How the date was found: "stated" (year written with the day), "stamp" (year from the
    # publication stamp) or "inferred" (year from other words, quoted in ``date_evidence``).
    date_basis: str | None = None
    date_evidence: str | None = None
    organizer: str | None = None  # canonical name of the body that held it ("Tỉnh ủy Hòa Bình")

    @property
    def chairs(self) -> list[str]:
        return [p.name for p in self.participants if p.role in ("chair", "co_chair")]


@dataclass
class OrganizationMention:
    name: str                  # canonical ("Ủy ban nhân dân thành phố Hà Nội")
    kind: str
    as_written: str = ""       # "UBND TP"
    parent: str | None = None  # canonical name of the body it belongs to
    resolved: bool = True      # False: a bare "Thành ủy" whose place the text leaves open


@dataclass
class Extraction:
    title: str | None
    published: dt.datetime | None
    source: str | None
    authors: list[str]
    body: str
    officials: list[OfficialMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    organizations: list[OrganizationMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    version: str = EXTRACTOR_VERSION

    def to_json(self, file: str) -> dict:
        """The command-line contract: one JSON object per input file."""
        return {
            "file": file,
            "title": self.title,
            "published": self.published.date().isoformat() if self.published else None,
            "source": self.source,
            "authors": list(self.authors),
            "body": self.body,
            "officials": [{"name": o.name, "titles": list(o.titles), "posts": [p.name for p in o.posts]}
                          for o in self.officials],
            "events": [
                {
                    "kind": e.kind,
                    "date": e.date.isoformat() if e.date else None,
                    "date_text": e.date_text,
                    "date_basis": e.date_basis,
                    "date_evidence": e.date_evidence,
                    "organizer": e.organizer,
                    "chairs": e.chairs,
                    "participants": [{"name": p.name, "role": p.role, "titles": list(p.titles)} for p in e.participants],
                }
                for e in self.events
            ],
            "warnings": list(self.warnings),
        }
