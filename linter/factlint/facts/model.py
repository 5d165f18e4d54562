"""The facts knowledge base, modelled on Wikidata's "position held" statements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from factlint.model import FactRef


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            return cls(value)
        parts = str(value).strip().split("-")
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return cls(nums[0])
        if len(nums) == 2:
            dt.date(nums[0], nums[1], 1)
            return cls(nums[0], nums[1])
        dt.date(nums[0], nums[1], nums[2])
        return cls(nums[0], nums[1], nums[2])

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            if self.month == 12:  # not via January of the next year: 9999-12 is valid
                return dt.date(self.year, 12, 31)
            return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Title:
    """A title in the lexicon, with surface forms per language.

    ``names['ar']`` are masculine (or neutral) Arabic forms and
    ``names_feminine['ar']`` the feminine ones. ``broader`` lists titles this
    one is a kind of (co-CEO and interim CEO are kinds of CEO).
    """

    id: str
    names: Mapping[str, tuple[str, ...]]
    names_feminine: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    broader: tuple[str, ...] = ()
    label: str = ""  # English display label
    org_free: bool = False  # a title that needs no organisation (e.g. "entrepreneur")
    shared: bool = False  # many hold it at once (board member, researcher, co-founder)

    def display(self) -> str:
        return self.label or (self.names.get("en") or (self.id,))[0]


@dataclass(frozen=True)
class Role:
    """PERSON held TITLE at ORG from START to END (both optional, maybe partial)."""

    id: str
    title: str
    org: str | None
    start: PartialDate | None = None
    end: PartialDate | None = None
    source: str | None = None
    label: str | None = None  # how to describe it in messages, e.g. "US Treasury Secretary"
    line: int = 0

    def held_on(self, day: dt.date) -> bool | None:
        """True/False when the dates decide; None when they cannot.

        Both ends are inclusive (the role is held on its start and end days). A
        partial date is a range: the role starts on some day of ``start`` and
        ends on some day of ``end``, so a day inside either range is undecided
        unless it is held whichever day in the range the role started or ended.
        """
        if self.start is not None and day < self.start.earliest():
            return False
        if self.end is not None and day > self.end.latest():
            return False
        if self.start is not None and day < self.start.latest():
            return None  # inside a partial start date, after its first day
        if self.end is not None and day > self.end.earliest():
            return None  # inside a partial end date, after its first day
        return True

    def ended_before(self, day: dt.date) -> bool:
        return self.end is not None and self.end.latest() < day

    def fact(self) -> FactRef:
        return FactRef(self.id, self.source)


@dataclass(frozen=True)
class Quantity:
    id: str
    entity: str
    kind: str  # quantity kind id, e.g. "employees"
    value: int
    as_of: PartialDate | None = None
    source: str | None = None
    approximate: bool = False

    def fact(self) -> FactRef:
        return FactRef(self.id, self.source)


@dataclass(frozen=True)
class QuantityKind:
    """A countable thing with its nouns per language (employees: staff, موظف...)."""

    id: str
    names: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Entity:
    """A person, organisation, publication, place, product or event."""

    id: str
    type: str
    names: Mapping[str, tuple[str, ...]]  # per language; the first is preferred
    short: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # surname alone etc.
    # spelling variants of the preferred name: accepted, but not mixed with it in one document
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    avoid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # known wrong forms
    literal: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # literal translations
    descriptors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "streaming platform"
    gender: str | None = None  # "male" | "female" for persons
    born: PartialDate | None = None
    died: PartialDate | None = None
    founded: PartialDate | None = None
    date: PartialDate | None = None  # for events
    roles: tuple[Role, ...] = ()
    # titles whose holders here the facts list completely: anyone else named with
    # such a title at this organisation is contradicted (closed world)
    complete: tuple[str, ...] = ()
    venue: str | None = None  # events: the place id
    participants: tuple[str, ...] = ()  # events: people or organisations taking part
    source: str | None = None
    description: str | None = None
    file: str = ""
    line: int = 0

    def preferred(self, lang: str) -> str:
        for key in (lang, "en"):
            forms = self.names.get(key)
            if forms:
                return forms[0]
        for forms in self.names.values():
            if forms:
                return forms[0]
        return self.id

    def all_names(self) -> Iterator[tuple[str, str]]:
        for lang, forms in self.names.items():
            for form in forms:
                yield lang, form

    def fact(self, attribute: str | None = None) -> FactRef:
        return FactRef(f"{self.id}.{attribute}" if attribute else self.id, self.source)


class FactsIndex(Protocol):
    """Roles and quantities looked up without going through every entity (the
    facts read from the cache, :mod:`factlint.facts.store`)."""

    def roles_at(self, org: str | None) -> Sequence[tuple[Entity, Role]]:
        """Every (person, role) at ``org``, in facts order."""
        ...

    def roles_titled(self, titles: AbstractSet[str]) -> Sequence[tuple[Entity, Role]]:
        """Every (person, role) whose title is one of ``titles``, by organisation
        (``None`` first, then by id) and in facts order within one."""
        ...

    def quantities_of(self, entity: str, kind: str) -> tuple[Quantity, ...]: ...


@dataclass(frozen=True)
class Facts:
    entities: Mapping[str, Entity]
    titles: Mapping[str, Title]
    quantity_kinds: Mapping[str, QuantityKind] = field(default_factory=dict)
    quantities: Sequence[Quantity] = ()
    digest: str = ""
    # set for facts read from the cache: answers the lookups below from its tables
    index: FactsIndex | None = field(default=None, compare=False, repr=False)

    @cached_property
    def _roles_by_org(self) -> dict[str | None, list[tuple[Entity, Role]]]:
        index: dict[str | None, list[tuple[Entity, Role]]] = {}
        for entity in self.entities.values():
            for role in entity.roles:
                index.setdefault(role.org, []).append((entity, role))
        return index

    def roles_for(self, title: str, org: str | None) -> Iterator[tuple[Entity, Role]]:
        """Every (person, role) whose title is ``title`` or narrower, at ``org``."""
        index = self.index
        pool = index.roles_at(org) if index is not None else self._roles_by_org.get(org, ())
        for entity, role in pool:
            if self.is_kind_of(role.title, title):
                yield entity, role

    def holders_of(self, title: str) -> Iterator[tuple[Entity, Role]]:
        """Every (person, role) with ``title`` or a narrower title, at any organisation."""
        if self.index is not None:
            # a role's title is a known title (checked when the facts were loaded)
            kinds = {t for t in self.titles if self.is_kind_of(t, title)} | {title}
            yield from self.index.roles_titled(kinds)
            return
        for org in sorted(self._roles_by_org, key=lambda o: o or ""):
            yield from self.roles_for(title, org)

    def is_kind_of(self, title: str, broader: str) -> bool:
        """Whether ``title`` is ``broader`` or (transitively) a kind of it."""
        seen: set[str] = set()
        todo = [title]
        while todo:
            current = todo.pop()
            if current == broader:
                return True
            if current in seen:
                continue
            seen.add(current)
            entry = self.titles.get(current)
            if entry is not None:
                todo.extend(entry.broader)
        return False

    def quantities_of(self, entity: str, kind: str) -> tuple[Quantity, ...]:
        if self.index is not None:
            return self.index.quantities_of(entity, kind)
        return tuple(q for q in self.quantities if q.entity == entity and q.kind == kind)

    def role_label(self, role: Role, lang: str = "en") -> str:
        if role.label:
            return role.label
        title = self.titles.get(role.title)
        text = title.display() if title else role.title
        if role.org:
            org = self.entities.get(role.org)
            text += f" of {org.preferred('en') if org else role.org}"
        return text
