"""Frozen value types shared by every stage: findings, mentions and claims.

Offsets in these types are always offsets into the *original* document text
(Python ``str`` indices, i.e. characters), never into normalized text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def lowered(self) -> Severity:
        """One step less severe (error -> warning -> info)."""
        if self is Severity.ERROR:
            return Severity.WARNING
        return Severity.INFO


@dataclass(frozen=True)
class FactRef:
    """A fact a finding rests on: its id in the facts file and its source."""

    id: str
    source: str | None = None
    statement: str | None = None

    def cite(self) -> str:
        return f"{self.id} ({self.source})" if self.source else self.id


@dataclass(frozen=True)
class Finding:
    """One report of a rule, located in the original file (1-based line/column)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: Severity
    message: str
    replacement: str | None = None
    facts: tuple[FactRef, ...] = ()
    start: int = 0
    end: int = 0

    def sort_key(self) -> tuple[str, int, int, str, int, int]:
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column)


class MentionKind(enum.StrEnum):
    ENTITY = "entity"
    TITLE = "title"


class NameStatus(enum.StrEnum):
    """What the matched name form is for its entity."""

    PREFERRED = "preferred"  # the first name given for the language
    ALIAS = "alias"  # another standard name, interchangeable with the preferred one
    VARIANT = "variant"  # a spelling variant: accepted, but not mixed with another form
    SHORT = "short"  # a part of the name (a surname alone, a first name alone)
    AVOID = "avoid"  # a known wrong form
    LITERAL = "literal"  # a literal translation of a proper name (publications)

    @property
    def full(self) -> bool:
        """A complete, accepted name (not a part, a wrong form or a translation)."""
        return self in (NameStatus.PREFERRED, NameStatus.ALIAS, NameStatus.VARIANT)


@dataclass(frozen=True)
class Mention:
    """A span of the document that names an entity or a title."""

    kind: MentionKind
    target: str  # entity id or title id
    start: int  # original offsets of the name itself (without proclitics)
    end: int
    text: str  # the original text of the span
    name: str  # the alias form that matched, as written in the facts
    lang: str
    status: NameStatus = NameStatus.PREFERRED
    prefix: str = ""  # proclitics stripped from the first word (normalized form)
    feminine: bool | None = None  # for Arabic titles: which gender form matched
    token_start: int = 0  # index of the first token in the document's token list
    token_end: int = 0  # one past the last token


class Tense(enum.StrEnum):
    FORMER = "former"  # former, ex-, السابق، الأسبق، سابقًا
    CURRENT = "current"  # current, incumbent, now, الحالي، حاليًا
    THEN = "then"  # the text places the role in the past: then-, at the time, آنذاك, 1999–2001
    UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class RoleClaim:
    """The article says PERSON holds/held TITLE (at ORG)."""

    person: Mention
    title: Mention
    org: Mention | None
    tense: Tense
    start: int  # span of the whole claim in the original text
    end: int
    quoted: bool = False
    org_slot: tuple[int, int] | None = None  # unknown word in the organisation slot
    org_slot_text: str | None = None
    descriptor: tuple[int, int] | None = None  # words between title and organisation
    years: tuple[int, ...] = ()  # years the sentence narrates ("in 2000", "from 1999 until 2001")


@dataclass(frozen=True)
class AgeClaim:
    person: Mention | None
    age: int
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True)
class DateClaim:
    """A weekday given together with a calendar date."""

    weekday: int  # Monday = 0
    day: int
    month: int
    year: int | None
    start: int
    end: int
    weekday_span: tuple[int, int] = (0, 0)
    quoted: bool = False


@dataclass(frozen=True)
class YearClaim:
    """An organisation founded (or an event happening) in a year."""

    subject: Mention
    kind: str  # "founded" | "born"
    year: int
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True)
class CountClaim:
    """A number attached to a quantity of an entity ("OpenAI's 770 employees")."""

    subject: Mention | None
    quantity: str  # quantity key, e.g. "employees"
    value: int
    start: int
    end: int
    partial: bool = False  # "700 of the 770": the count is a part, not the total
    quoted: bool = False


@dataclass(frozen=True)
class ListClaim:
    """An announced count followed by the items it announces."""

    count: int
    items: tuple[tuple[int, int], ...]
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True)
class EventClaim:
    """An event named with a calendar date or a venue in its clause."""

    event: Mention
    day: int | None
    month: int | None
    year: int | None
    date_span: tuple[int, int] | None  # original offsets of the date
    venue: Mention | None
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True)
class Claims:
    """Everything the claim extractor found in one document."""

    roles: tuple[RoleClaim, ...] = ()
    ages: tuple[AgeClaim, ...] = ()
    dates: tuple[DateClaim, ...] = ()
    years: tuple[YearClaim, ...] = ()
    counts: tuple[CountClaim, ...] = ()
    lists: tuple[ListClaim, ...] = ()
    events: tuple[EventClaim, ...] = ()
