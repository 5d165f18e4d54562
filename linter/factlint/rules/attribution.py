"""Attribution: a title or organisation given to the wrong person, and tense.

AT001 wrong-holder: the article gives PERSON a title at ORG that the facts give
to someone else (and not to PERSON).
AT002 wrong-organisation: the facts record PERSON with the title at another
organisation, and nobody at the named one (informational: open world).
AT003 wrong-tense: "former" for a role held at the document date, or the
present for a role that ended before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factlint.api import CheckContext, Rule
from factlint.dates import add_days
from factlint.facts.model import Entity, Facts, PartialDate, Role, Title
from factlint.hookspecs import hookimpl
from factlint.model import Finding, RoleClaim, Severity, Tense
from factlint.rules.docs import rule_docs

_FAR = PartialDate(1)


def _dates(role: Role) -> str:
    if role.start is None and role.end is None:
        return ""
    start = str(role.start) if role.start else "?"
    end = str(role.end) if role.end else "present"
    return f", {start} – {end}"


def describe_role(facts: Facts, role: Role) -> str:
    return f"{facts.role_label(role)}{_dates(role)}"


def describe_roles(facts: Facts, person: Entity, day: dt.date | None, limit: int = 3) -> str:
    """The person's roles as of ``day``: current ones first, then former, newest first."""
    roles = [r for r in person.roles if day is None or r.start is None or r.start.earliest() <= day]
    roles.sort(
        key=lambda r: (day is not None and r.ended_before(day), _neg(r.start or r.end or _FAR))
    )
    parts = []
    for role in roles[:limit]:
        former = "former " if day is not None and role.ended_before(day) else ""
        parts.append(f"{former}{describe_role(facts, role)}")
    return "; ".join(parts)


def _neg(date: PartialDate) -> tuple[int, int, int]:
    return (-date.year, -(date.month or 0), -(date.day or 0))


def _matching(facts: Facts, person: Entity, claim: RoleClaim) -> list[Role]:
    org = claim.org.target if claim.org else None
    return [
        r
        for r in person.roles
        if facts.is_kind_of(r.title, claim.title.target) and (org is None or r.org == org)
    ]


def _title_label(facts: Facts, claim: RoleClaim) -> str:
    title = facts.titles.get(claim.title.target)
    label = title.display() if title else claim.title.target
    if claim.org is not None:
        org = facts.entities.get(claim.org.target)
        label += f" of {org.preferred('en') if org else claim.org.target}"
    return label


def _holders_without_org(
    facts: Facts, title: Title, person: Entity, day: dt.date | None, tense: Tense
) -> list[tuple[Entity, Role]]:
    """Who holds a title the text names with no organisation ("X, the interior
    minister"): only a title that needs none (``org_free``, or one whose every
    recorded role is at one place, a country), held by someone else at the document
    date, at one organisation."""
    roles = list(facts.holders_of(title.id))
    orgs = {r.org for _, r in roles}
    own = {r.org for r in person.roles if r.org is not None}
    if len(orgs) > 1 and len(orgs & own) == 1:
        # several countries have a foreign minister: the person's own country is meant
        roles = [(e, r) for e, r in roles if r.org in own]
        orgs = orgs & own
    if not title.org_free:
        if len(orgs) != 1:
            return []
        only = next(iter(orgs))
        entity = facts.entities.get(only) if only else None
        if entity is None or entity.type != "place":
            return []
    others = [(e, r) for e, r in roles if e.id != person.id]
    if tense not in (Tense.FORMER, Tense.THEN):
        # a claim about the document date: who holds it then
        if day is None:
            return []
        others = [(e, r) for e, r in others if r.held_on(day) is True]
    if len({r.org for _, r in others}) != 1:
        return []
    return others


def _mentioned(ctx: CheckContext) -> set[str]:
    return {m.target for m in ctx.mentions}


def check_holder(ctx: CheckContext) -> Iterator[Finding]:
    facts = ctx.facts
    mentioned = _mentioned(ctx)
    for claim in ctx.claims.roles:
        person = facts.entities.get(claim.person.target)
        title = facts.titles.get(claim.title.target)
        if person is None or title is None or _matching(facts, person, claim):
            continue
        org_entity = facts.entities.get(claim.org.target) if claim.org else None
        closed = org_entity is not None and any(
            facts.is_kind_of(title.id, t) or facts.is_kind_of(t, title.id)
            for t in org_entity.complete
        )
        if title.shared and not closed:
            continue  # many hold it at once: another holder says nothing about this person
        if claim.org is None:
            holders = _holders_without_org(facts, title, person, ctx.date, claim.tense)
        else:
            holders = [
                (e, r) for e, r in facts.roles_for(title.id, claim.org.target) if e.id != person.id
            ]
        if not holders:
            continue
        named = [(e, r) for e, r in holders if e.id in mentioned]
        shown = (named or holders)[:3]
        who = "; ".join(f"{e.preferred('en')} ({describe_role(facts, r)})" for e, r in shown)
        message = (
            f"{person.preferred('en')} is not recorded as {_title_label(facts, claim)}: "
            f"the facts give that role to {who}"
        )
        if closed:
            message += " (the facts list every holder there)"
        refs = [r.fact() for _, r in shown]
        own = describe_roles(facts, person, ctx.date)
        if own:
            message += f". {person.preferred('en')}'s recorded roles: {own}"
            refs.extend(r.fact() for r in person.roles if facts.role_label(r) in own)
        else:
            refs.append(person.fact())
        yield ctx.finding(
            AT001.code, claim.start, claim.end, message, facts=refs, quoted=claim.quoted
        )


def check_organisation(ctx: CheckContext) -> Iterator[Finding]:
    facts = ctx.facts
    for claim in ctx.claims.roles:
        if claim.org is None:
            continue
        person = facts.entities.get(claim.person.target)
        title = facts.titles.get(claim.title.target)
        if person is None or title is None or _matching(facts, person, claim):
            continue
        org_entity = facts.entities.get(claim.org.target)
        closed = org_entity is not None and title.id in org_entity.complete
        if (closed or not title.shared) and any(
            e.id != person.id for e, _ in facts.roles_for(title.id, claim.org.target)
        ):
            continue  # AT001 reports it (a shared title: others at the org say nothing)
        elsewhere = [r for r in person.roles if facts.is_kind_of(r.title, title.id) and r.org]
        if not elsewhere:
            continue
        org = facts.entities.get(claim.org.target)
        org_name = org.preferred("en") if org else claim.org.target
        roles = "; ".join(describe_role(facts, r) for r in elsewhere[:3])
        refs = [r.fact() for r in elsewhere[:3]]
        message = f"the facts record {person.preferred('en')} as {roles}, not at {org_name}"
        yield ctx.finding(
            AT002.code, claim.org.start, claim.org.end, message, facts=refs, quoted=claim.quoted
        )


def check_tense(ctx: CheckContext) -> Iterator[Finding]:
    facts = ctx.facts
    day = ctx.date
    if day is None:
        return
    grace = ctx.config.tense_grace_days
    for claim in ctx.claims.roles:
        person = facts.entities.get(claim.person.target)
        if person is None:
            continue
        roles = _matching(facts, person, claim)
        if not roles:
            continue
        held = [r for r in roles if r.held_on(day) is True]
        maybe = [r for r in roles if r.held_on(day) is None]
        ended = [r for r in roles if r.ended_before(day)]
        name = person.preferred("en")
        label = _title_label(facts, claim)
        if claim.tense is Tense.FORMER:
            # held at the document date, whatever came before -- unless no organisation
            # is named and such a role has ended at another one: "former chief
            # executive" is true of Shear (Twitch) while he leads OpenAI; a second term
            # in the same post does not make the first one "former" now
            elsewhere = claim.org is None and any(r.org not in {h.org for h in held} for r in ended)
            if held and not maybe and not elsewhere:
                role = held[0]
                since = f" since {role.start}" if role.start else ""
                message = f"'former' is wrong: {name} is {label}{since} at the document date {day}"
                yield ctx.finding(
                    AT003.code,
                    claim.title.start,
                    claim.title.end,
                    message,
                    facts=[role.fact()],
                    quoted=claim.quoted,
                )
            continue
        if held or maybe or claim.tense is Tense.THEN or _narrated(claim, roles, day):
            continue
        # present (or unmarked) tense for a role not held at the document date
        future = [r for r in roles if r.start is not None and r.start.earliest() > day]
        allowed = 0 if claim.tense is Tense.CURRENT else grace  # "current" gets no grace
        past = [r for r in ended if r.end is not None and add_days(r.end.latest(), allowed) < day]
        if future and not ended:
            role = future[0]
            message = f"{name} became {label} only on {role.start}, after the document date {day}"
        elif past and len(past) == len(roles):
            role = max(past, key=lambda r: r.end or _FAR)
            if claim.tense is Tense.CURRENT:
                message = (
                    f"'current' is wrong: {name} was {label} only until {role.end}, "
                    f"before the document date {day}"
                )
            else:
                message = (
                    f"{name} was {label} until {role.end}; at the document date {day} "
                    f"this is a former role (say 'former')"
                )
        else:
            continue
        code = AT003.code if claim.tense is Tense.CURRENT else AT004.code
        yield ctx.finding(
            code,
            claim.title.start,
            claim.title.end,
            message,
            facts=[role.fact()],
            quoted=claim.quoted,
        )


def _narrated(claim: RoleClaim, roles: list[Role], day: dt.date) -> bool:
    """The sentence names a past year in which the role was held ("in 2000, ...")."""
    for year in claim.years:
        if year >= day.year:
            continue
        for role in roles:
            start = role.start.year if role.start else year
            end = role.end.year if role.end else day.year
            if start <= year <= end:
                return True
    return False


def check_explicit_tense(ctx: CheckContext) -> Iterator[Finding]:
    return (f for f in check_tense(ctx) if f.code == AT003.code)


def check_unmarked_tense(ctx: CheckContext) -> Iterator[Finding]:
    return (f for f in check_tense(ctx) if f.code == AT004.code)


AT001 = Rule(
    code="AT001",
    name="wrong-holder",
    summary="A title at an organisation given to a person the facts do not give it to",
    check=check_holder,
    severity=Severity.ERROR,
    family="attribution",
    docs=rule_docs("AT001"),
)
AT002 = Rule(
    code="AT002",
    name="wrong-organisation",
    summary="A person's title placed at an organisation other than the one in the facts",
    check=check_organisation,
    severity=Severity.WARNING,
    family="attribution",
    docs=rule_docs("AT002"),
)
AT003 = Rule(
    code="AT003",
    name="wrong-tense",
    summary="'Former' for a role held at the document date, or 'current' for one that ended",
    check=check_explicit_tense,
    severity=Severity.ERROR,
    family="attribution",
    docs=rule_docs("AT003"),
)
AT004 = Rule(
    code="AT004",
    name="unmarked-former-role",
    summary="A role that ended before the document date, written as if still held",
    check=check_unmarked_tense,
    severity=Severity.WARNING,
    family="attribution",
    docs=rule_docs("AT004"),
)


@hookimpl
def factlint_rules() -> list[Rule]:
    return [AT001, AT002, AT003, AT004]
