"""Claim coverage: every claim the article makes, judged against the facts.

Each claim of :class:`factlint.model.Claims` gets one verdict:

* ``contradicted`` -- a finding of a family that judges this kind of claim
  overlaps the claim's span (attribution and names for roles, numbers for the
  rest); the verdict names the finding's code.
* ``verified`` -- no such finding, and the facts agree: the verdict names the
  fact (id and source) it rests on. A weekday is verified by the calendar and a
  list count by the items the text lists.
* ``unknown`` -- the facts are silent; the verdict says what is missing (an
  entity, a title in a person's roles, a birth date, a quantity...) and which
  entity the curator would have to add it to.

See docs/coverage.md.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from factlint.api import CheckContext, ReportContext
from factlint.facts.model import Entity, Facts, Role
from factlint.model import (
    AgeClaim,
    CountClaim,
    DateClaim,
    FactRef,
    Finding,
    ListClaim,
    RoleClaim,
    Tense,
    YearClaim,
)
from factlint.rules.numbers import MONTH_EN, WEEKDAY_EN

if TYPE_CHECKING:
    from factlint.document import Document
    from factlint.engine import Session


JUDGING_FAMILIES: Mapping[str, frozenset[str]] = {
    "role": frozenset({"attribution", "names"}),
    "age": frozenset({"numbers"}),
    "date": frozenset({"numbers"}),
    "year": frozenset({"numbers"}),
    "count": frozenset({"numbers"}),
    "list": frozenset({"numbers"}),
}
"""Which rule families can contradict which kind of claim."""

KINDS = tuple(JUDGING_FAMILIES)


class Verdict(enum.StrEnum):
    VERIFIED = "verified"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Stub:
    """A fact the curator could add for an unknown claim (see :mod:`factlint.suggest`).

    ``what`` is ``entity`` (a new entity named ``name``), ``role`` (a role of
    ``entity`` with ``title`` at ``org``), ``born``/``founded`` (a date of
    ``entity``) or ``quantity`` (a ``kind`` of ``entity``).
    """

    what: str
    entity: str = ""  # an existing entity id ('' for a new entity)
    name: str = ""  # the new entity's name as the article writes it
    lang: str = "en"
    title: str = ""
    org: str = ""
    kind: str = ""
    location: str = ""  # file:line of the existing entity


@dataclass(frozen=True)
class JudgedClaim:
    """One claim of one article with its verdict."""

    path: str
    kind: str  # role | age | date | year | count | list
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str  # the claim's span as written
    statement: str  # what it asserts, e.g. "Sam Altman · chief executive · OpenAI · current"
    verdict: Verdict
    facts: tuple[FactRef, ...] = ()  # verified: the facts it rests on; contradicted: the finding's
    codes: tuple[str, ...] = ()  # contradicted: the codes of the findings covering it
    basis: str = ""  # verified: the agreeing fact in words
    missing: str = ""  # unknown: what the facts lack
    entity: str = ""  # unknown: the entity (id, or the article's word) the to-do is about
    entity_label: str = ""  # how to show that entity
    quoted: bool = False
    stub: Stub | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.start, self.end, self.kind, self.statement)


@dataclass(frozen=True)
class FileCoverage:
    path: str
    claims: tuple[JudgedClaim, ...]

    def counts(self) -> dict[str, int]:
        return coverage_counts(self.claims)


def coverage_counts(claims: Iterable[JudgedClaim]) -> dict[str, int]:
    """``{"claims": n, "verified": n, "contradicted": n, "unknown": n}``."""
    tally = Counter(c.verdict for c in claims)
    counts = {"claims": sum(tally.values())}
    counts.update({v.value: tally[v] for v in Verdict})
    return counts


# ------------------------------------------------------------------ judging


@dataclass(frozen=True)
class _Judgement:
    verdict: Verdict
    statement: str
    facts: tuple[FactRef, ...] = ()
    basis: str = ""
    missing: str = ""
    entity: str = ""
    entity_label: str = ""
    stub: Stub | None = None


def _name(facts: Facts, ident: str) -> str:
    entity = facts.entities.get(ident)
    return entity.preferred("en") if entity else ident


def _title_name(facts: Facts, ident: str) -> str:
    title = facts.titles.get(ident)
    return title.display() if title else ident


def _role_statement(ctx: CheckContext, claim: RoleClaim) -> str:
    facts = ctx.facts
    if claim.org is not None:
        org = _name(facts, claim.org.target)
    elif claim.org_slot_text:
        org = f"'{claim.org_slot_text}' (unknown)"
    else:
        org = "-"
    parts = (
        _name(facts, claim.person.target),
        _title_name(facts, claim.title.target),
        org,
        claim.tense.value,
    )
    return " · ".join(parts)


def _best_role(roles: Sequence[Role], claim: RoleClaim, day: dt.date | None) -> Role:
    if day is None:
        return roles[0]

    def rank(role: Role) -> int:
        held = role.held_on(day)
        if claim.tense is Tense.FORMER:
            return 0 if role.ended_before(day) else 1
        return {True: 0, None: 1, False: 2}[held]

    return min(roles, key=rank)


def _dates(role: Role) -> str:
    if role.start is None and role.end is None:
        return ""
    return f", {role.start or '?'} – {role.end or 'present'}"


def _judge_role(ctx: CheckContext, claim: RoleClaim) -> _Judgement:
    facts = ctx.facts
    statement = _role_statement(ctx, claim)
    person = facts.entities.get(claim.person.target)
    title = facts.titles.get(claim.title.target)
    if person is None:
        return _unknown(statement, f"no entity '{claim.person.target}'", claim.person.target)
    if title is None:
        return _unknown(
            statement, f"no title '{claim.title.target}' in the lexicon", person.id, person
        )
    if claim.org is None and claim.org_slot_text:
        word = claim.org_slot_text
        return _unknown(
            statement,
            f"no organisation named '{word}' in the facts",
            f"name:{word}",
            label=f"'{word}' (not in the facts)",
            stub=Stub("entity", name=word, lang=ctx.lang),
        )
    org = claim.org.target if claim.org else None
    matching = [
        r
        for r in person.roles
        if facts.is_kind_of(r.title, title.id) and (org is None or r.org == org)
    ]
    if matching and not ctx.enabled("AT003") and not _tense_agrees(matching, claim, ctx.date):
        return _unknown(statement, "not checked: the tense disagrees and AT003 is not selected", "")
    if matching:
        role = _best_role(matching, claim, ctx.date)
        basis = f"{person.preferred('en')}: {facts.role_label(role)}{_dates(role)}"
        return _Judgement(Verdict.VERIFIED, statement, (role.fact(),), basis=basis)
    where = f" at {_name(facts, org)}" if org else ""
    return _unknown(
        statement,
        f"no '{title.display()}' role{where} recorded for {person.preferred('en')}",
        person.id,
        person,
        Stub("role", entity=person.id, title=title.id, org=org or ""),
    )


def _tense_agrees(roles: Sequence[Role], claim: RoleClaim, day: dt.date | None) -> bool:
    """Whether some role fits the claim's tense at ``day`` (undecided dates fit)."""
    if day is None or claim.tense is Tense.UNSPECIFIED:
        return True
    if claim.tense is Tense.FORMER:
        return any(r.ended_before(day) or r.held_on(day) is None for r in roles)
    return any(r.held_on(day) is not False for r in roles)


def _unknown(
    statement: str,
    missing: str,
    entity: str,
    person: Entity | None = None,
    stub: Stub | None = None,
    label: str = "",
) -> _Judgement:
    if not label:
        label = f"{person.preferred('en')} ({person.id})" if person else entity
    if stub is not None and person is not None and person.file:
        stub = replace(stub, location=f"{person.file}:{person.line}")
    return _Judgement(
        Verdict.UNKNOWN,
        statement,
        missing=missing,
        entity=entity,
        entity_label=label,
        stub=stub,
    )


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _judge_age(ctx: CheckContext, claim: AgeClaim) -> _Judgement:
    if claim.person is None:
        return _unknown(f"age {claim.age}", "no person named with this age", "")
    person = ctx.facts.entities.get(claim.person.target)
    statement = f"{_name(ctx.facts, claim.person.target)} · age {claim.age}"
    if person is None:
        return _unknown(statement, f"no entity '{claim.person.target}'", claim.person.target)
    if person.born is None:
        return _unknown(
            statement,
            f"no birth date recorded for {person.preferred('en')}",
            person.id,
            person,
            Stub("born", entity=person.id),
        )
    if ctx.date is None:
        return _unknown(statement, "no document date to compute the age at", person.id, person)
    at = ctx.date
    if person.died is not None and person.died.earliest() < at:
        at = person.died.latest()
    youngest, oldest = _age_on(person.born.latest(), at), _age_on(person.born.earliest(), at)
    if not youngest <= claim.age <= oldest and not ctx.enabled("ND001"):
        return _unknown(statement, "not checked: the age disagrees and ND001 is not selected", "")
    ages = f"{youngest}" if youngest == oldest else f"{youngest}–{oldest}"
    basis = f"born {person.born}: {ages} at {at}"
    return _Judgement(Verdict.VERIFIED, statement, (person.fact("born"),), basis=basis)


def _claim_year(claim: DateClaim, day: dt.date | None) -> int | None:
    if claim.year is not None:
        return claim.year
    if day is None:
        return None
    candidates: list[tuple[int, int]] = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            candidates.append((abs((dt.date(year, claim.month, claim.day) - day).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else None


def _judge_date(ctx: CheckContext, claim: DateClaim) -> _Judgement:
    year = _claim_year(claim, ctx.date)
    when = f"{claim.day} {MONTH_EN[claim.month - 1]}" + (f" {claim.year}" if claim.year else "")
    statement = f"{WEEKDAY_EN[claim.weekday]} · {when}"
    if year is None:
        return _unknown(statement, "no year given and no document date", "")
    try:
        real = dt.date(year, claim.month, claim.day)
    except ValueError:
        return _unknown(statement, f"{when} {year} is not a calendar date", "")
    basis = f"the calendar: {real.isoformat()} is a {WEEKDAY_EN[real.weekday()]}"
    if real.weekday() != claim.weekday:
        return _unknown(
            statement, "not checked: the weekday disagrees and ND002 is not selected", ""
        )
    return _Judgement(Verdict.VERIFIED, statement, (FactRef("calendar"),), basis=basis)


def _judge_year(ctx: CheckContext, claim: YearClaim) -> _Judgement:
    entity = ctx.facts.entities.get(claim.subject.target)
    statement = f"{_name(ctx.facts, claim.subject.target)} · {claim.kind} {claim.year}"
    if entity is None:
        return _unknown(statement, f"no entity '{claim.subject.target}'", claim.subject.target)
    fields = {"founded": "founding date", "born": "birth date"}
    if claim.kind not in fields:
        return _unknown(statement, f"a '{claim.kind}' year is not judged", entity.id, entity)
    recorded = entity.founded if claim.kind == "founded" else entity.born
    if recorded is None:
        return _unknown(
            statement,
            f"no {fields[claim.kind]} recorded for {entity.preferred('en')}",
            entity.id,
            entity,
            Stub(claim.kind, entity=entity.id),
        )
    if recorded.year != claim.year:
        return _unknown(statement, "not checked: the year disagrees and ND003 is not selected", "")
    basis = f"{entity.preferred('en')}: {claim.kind} {recorded}"
    return _Judgement(Verdict.VERIFIED, statement, (entity.fact(claim.kind),), basis=basis)


def _judge_count(ctx: CheckContext, claim: CountClaim) -> _Judgement:
    from factlint.rules.numbers import APPROXIMATE_TOLERANCE, closest_quantity

    facts = ctx.facts
    subject = _name(facts, claim.subject.target) if claim.subject else "?"
    statement = f"{subject} · {claim.value} {claim.quantity}"
    if claim.subject is None:
        return _unknown(statement, "no entity named with this count", "")
    entity = facts.entities.get(claim.subject.target)
    if entity is None:
        return _unknown(statement, f"no entity '{claim.subject.target}'", claim.subject.target)
    if claim.partial:
        return _unknown(
            statement, "a part of a total (the facts record totals only)", entity.id, entity
        )
    q = closest_quantity(facts.quantities_of(entity.id, claim.quantity), ctx.date)
    if q is None:
        near = f" near {ctx.date}" if ctx.date else ""
        return _unknown(
            statement,
            f"no '{claim.quantity}' quantity of {entity.preferred('en')}{near}",
            entity.id,
            entity,
            Stub("quantity", entity=entity.id, kind=claim.quantity),
        )
    close = q.value == claim.value or (
        q.approximate and abs(claim.value - q.value) <= APPROXIMATE_TOLERANCE * q.value
    )
    if not close:
        return _unknown(statement, "not checked: the count disagrees and ND004 is not selected", "")
    about = "about " if q.approximate else ""
    when = f" as of {q.as_of}" if q.as_of else ""
    basis = f"{entity.preferred('en')}: {about}{q.value} {q.kind}{when}"
    return _Judgement(Verdict.VERIFIED, statement, (q.fact(),), basis=basis)


def _judge_list(ctx: CheckContext, claim: ListClaim) -> _Judgement:
    statement = f"announces {claim.count}, lists {len(claim.items)}"
    if claim.count != len(claim.items):
        return _unknown(statement, "not checked: the counts disagree and ND005 is not selected", "")
    basis = f"the text lists {len(claim.items)} items"
    return _Judgement(Verdict.VERIFIED, statement, (FactRef("text"),), basis=basis)


def _claims(ctx: CheckContext) -> Iterable[tuple[str, _Claim]]:
    claims = ctx.claims
    for kind, items in (
        ("role", claims.roles),
        ("age", claims.ages),
        ("date", claims.dates),
        ("year", claims.years),
        ("count", claims.counts),
        ("list", claims.lists),
    ):
        for item in items:
            yield kind, item


_Claim = RoleClaim | AgeClaim | DateClaim | YearClaim | CountClaim | ListClaim


def _judge_one(ctx: CheckContext, kind: str, claim: _Claim) -> _Judgement:
    if isinstance(claim, RoleClaim):
        return _judge_role(ctx, claim)
    if isinstance(claim, AgeClaim):
        return _judge_age(ctx, claim)
    if isinstance(claim, DateClaim):
        return _judge_date(ctx, claim)
    if isinstance(claim, YearClaim):
        return _judge_year(ctx, claim)
    if isinstance(claim, CountClaim):
        return _judge_count(ctx, claim)
    return _judge_list(ctx, claim)


def _covering(
    ctx: CheckContext, kind: str, start: int, end: int, findings: Sequence[Finding]
) -> list[Finding]:
    families = JUDGING_FAMILIES[kind]
    found = []
    for finding in findings:
        rule = ctx.rules.get(finding.code)
        if rule is None or rule.family not in families:
            continue
        a, b = finding_offsets(ctx.document.line_starts, len(ctx.document.text), finding)
        if a < end and start < max(b, a + 1):
            found.append(finding)
    return found


def finding_offsets(line_starts: Sequence[int], size: int, finding: Finding) -> tuple[int, int]:
    """A finding's [start, end) in characters, from its 1-based line and column."""

    def offset(line: int, column: int) -> int:
        line = min(max(line, 1), len(line_starts))
        return min(line_starts[line - 1] + max(column, 1) - 1, size)

    start = offset(finding.line, finding.column)
    return start, max(offset(finding.end_line, finding.end_column), start)


def judge(ctx: CheckContext, findings: Sequence[Finding]) -> FileCoverage:
    """Every claim of ``ctx`` with its verdict, in document order (duplicates once)."""
    doc = ctx.document
    judged: dict[tuple[str, int, int, str], JudgedClaim] = {}
    for kind, claim in _claims(ctx):
        result = _judge_one(ctx, kind, claim)
        covering = _covering(ctx, kind, claim.start, claim.end, findings)
        codes: tuple[str, ...] = ()
        if covering:
            codes = tuple(sorted({f.code for f in covering}))
            refs = tuple(dict.fromkeys(ref for f in covering for ref in f.facts))
            result = _Judgement(Verdict.CONTRADICTED, result.statement, refs)
        line, column = doc.position(claim.start)
        end_line, end_column = doc.position(max(claim.end, claim.start))
        item = JudgedClaim(
            path=doc.path,
            kind=kind,
            start=claim.start,
            end=claim.end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=doc.text[claim.start : claim.end],
            statement=result.statement,
            verdict=result.verdict,
            facts=result.facts,
            codes=codes,
            basis=result.basis,
            missing=result.missing,
            entity=result.entity,
            entity_label=result.entity_label,
            quoted=claim.quoted,
            stub=result.stub,
        )
        judged.setdefault((kind, claim.start, claim.end, result.statement), item)
    return FileCoverage(doc.path, tuple(sorted(judged.values(), key=JudgedClaim.sort_key)))


def claim_to_dict(claim: JudgedClaim) -> dict[str, object]:
    """The JSON object for one judged claim (see docs/coverage.md)."""
    data: dict[str, object] = {
        "path": claim.path,
        "kind": claim.kind,
        "line": claim.line,
        "column": claim.column,
        "end_line": claim.end_line,
        "end_column": claim.end_column,
        "text": claim.text,
        "statement": claim.statement,
        "verdict": claim.verdict.value,
        "quoted": claim.quoted,
        "facts": [{"id": f.id, "source": f.source} for f in claim.facts],
        "codes": list(claim.codes),
    }
    if claim.basis:
        data["basis"] = claim.basis
    if claim.verdict is Verdict.UNKNOWN:
        data["missing"] = claim.missing
        data["entity"] = claim.entity or None
    return data


def coverage_of(
    documents: Mapping[str, Document],
    findings: Sequence[Finding],
    session: Session,
) -> list[FileCoverage]:
    """Judge the claims of every document (in path order) against ``findings``."""
    from factlint.engine import context_for

    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    return [
        judge(context_for(documents[path], session), by_path.get(path, []))
        for path in sorted(documents)
    ]


def report_coverage(findings: Sequence[Finding], report: ReportContext) -> list[FileCoverage]:
    """Coverage for an output format: empty when the report carries no facts."""
    if report.facts is None or report.config is None:
        return []
    from factlint.engine import new_session

    config = report.config
    session = new_session(config, report.facts, report.rules, config.selection())
    return coverage_of(report.documents, findings, session)
