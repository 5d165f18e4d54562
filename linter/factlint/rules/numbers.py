"""Numbers: ages, weekdays of dates, founding and birth years, counts, announced lists.

ND001 age-mismatch: an age that does not match the person's birth date at the
document date.
ND002 weekday-mismatch: a weekday that the calendar does not give the date.
ND003 founding-year: a founding (or birth) year other than the one in the facts.
ND004 count-mismatch: a total count (employees, users...) other than the recorded one.
ND005 list-count-mismatch: "three researchers:" followed by a different number of names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factlint.api import CheckContext, Rule
from factlint.dates import add_days
from factlint.facts.model import Entity, PartialDate, Quantity
from factlint.hookspecs import hookimpl
from factlint.model import DateClaim, Finding, Severity
from factlint.rules.docs import rule_docs

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_EN_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
WEEKDAY_AR_BARE = ("اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت", "أحد")
MONTH_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
APPROXIMATE_TOLERANCE = 0.05
MAX_QUANTITY_DISTANCE = dt.timedelta(days=366)


def digits_like(value: int, original: str) -> str:
    """``value`` written with the digits the article used (Arabic-Indic, Persian, ASCII)."""
    text = str(value)
    if value >= 1000 and any(c in original for c in ",٬"):
        text = f"{value:,}"
    if any(c in _ARABIC_INDIC for c in original):
        return "".join(_ARABIC_INDIC[int(c)] if c.isdigit() else "٬" for c in text)
    if any(c in _PERSIAN for c in original):
        return "".join(_PERSIAN[int(c)] if c.isdigit() else "٬" for c in text)
    return text


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _entity(ctx: CheckContext, target: str) -> Entity | None:
    return ctx.facts.entities.get(target)


# -- ND001 ----------------------------------------------------------------------------


def check_age(ctx: CheckContext) -> Iterator[Finding]:
    day = ctx.date
    if day is None:
        return
    grace = max(ctx.config.tense_grace_days, 0)
    for claim in ctx.claims.ages:
        if claim.person is None:
            continue
        person = _entity(ctx, claim.person.target)
        if person is None or person.born is None:
            continue
        at = day
        if person.died is not None and person.died.earliest() < day:
            at = person.died.latest()
        born = person.born
        youngest = _age_on(born.latest(), at)
        oldest = _age_on(born.earliest(), at)
        if youngest <= claim.age <= oldest:
            continue
        # the age at an event shortly before the document date (a birthday in between)
        if claim.age < youngest and _age_on(born.latest(), add_days(at, -grace)) <= claim.age:
            continue
        ref = person.fact("born")
        if youngest == oldest:
            right = f"{youngest}"
            replacement = digits_like(youngest, ctx.document.text[claim.start : claim.end])
        else:
            right = f"{youngest} or {oldest}"
            replacement = None
        message = (
            f"{person.preferred('en')} was {right} at the document date {at} "
            f"(born {born}), not {claim.age}"
        )
        yield ctx.finding(
            ND001.code,
            claim.start,
            claim.end,
            message,
            quoted=claim.quoted,
            replacement=replacement,
            facts=[ref],
        )


# -- ND002 ----------------------------------------------------------------------------


FUTURE_WINDOW = 60  # days: a date without a year up to two months ahead is upcoming


def _resolve_year(claim: DateClaim, day: dt.date | None) -> int | None:
    """The year of a date: as written, or the one a news article most likely means --
    the coming occurrence when it is at most FUTURE_WINDOW days away, else the last."""
    if claim.year is not None:
        return claim.year
    if day is None:
        return None
    past: dt.date | None = None
    future: dt.date | None = None
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            candidate = dt.date(year, claim.month, claim.day)
        except ValueError:
            continue
        if candidate <= day:
            past = candidate
        elif future is None:
            future = candidate
    if future is not None and ((future - day).days <= FUTURE_WINDOW or past is None):
        return future.year
    return past.year if past is not None else None


def weekday_word(weekday: int, written: str) -> str:
    """The name of ``weekday`` in the language and form of ``written``."""
    if any("\u0600" <= c <= "\u06ff" for c in written):
        bare = not written.lstrip("وفبلك").startswith(("ال", "ٱل")) and not written.startswith("ال")
        return WEEKDAY_AR_BARE[weekday] if bare else WEEKDAY_AR[weekday]
    letters = written.rstrip(".")
    word = WEEKDAY_EN[weekday] if len(letters) > 5 else WEEKDAY_EN_ABBR[weekday]
    if letters.isupper() and len(letters) > 1:
        return word.upper()
    if letters[:1].islower():
        return word.lower()
    return word


def check_weekday(ctx: CheckContext) -> Iterator[Finding]:
    for claim in ctx.claims.dates:
        year = _resolve_year(claim, ctx.date)
        if year is None:
            continue
        try:
            date = dt.date(year, claim.month, claim.day)
        except ValueError:
            continue
        real = date.weekday()
        if real == claim.weekday:
            continue
        a, b = claim.weekday_span
        if b <= a:
            a, b = claim.start, claim.end
        written = ctx.document.text[a:b]
        said = WEEKDAY_EN[claim.weekday]
        given = "" if claim.year is not None else " (year taken from the document date)"
        message = (
            f"{date.day} {MONTH_EN[date.month - 1]} {date.year}{given} was a "
            f"{WEEKDAY_EN[real]}, not a {said}"
        )
        yield ctx.finding(
            ND002.code,
            a,
            b,
            message,
            quoted=claim.quoted,
            replacement=weekday_word(real, written),
        )


# -- ND003 ----------------------------------------------------------------------------


def check_year(ctx: CheckContext) -> Iterator[Finding]:
    for claim in ctx.claims.years:
        entity = _entity(ctx, claim.subject.target)
        if entity is None:
            continue
        recorded: PartialDate | None = entity.founded if claim.kind == "founded" else entity.born
        if recorded is None or recorded.year == claim.year:
            continue
        ref = entity.fact(claim.kind)
        verb = "was founded" if claim.kind == "founded" else "was born"
        message = (
            f"{entity.preferred('en')} {verb} in {recorded.year} ({recorded}), not {claim.year}"
        )
        yield ctx.finding(
            ND003.code,
            claim.start,
            claim.end,
            message,
            quoted=claim.quoted,
            replacement=digits_like(recorded.year, ctx.document.text[claim.start : claim.end]),
            facts=[ref],
        )


# -- ND004 ----------------------------------------------------------------------------


def _distance(q: Quantity, day: dt.date) -> dt.timedelta:
    if q.as_of is None:
        return dt.timedelta.max
    if q.as_of.earliest() <= day <= q.as_of.latest():
        return dt.timedelta(0)
    return min(abs(q.as_of.earliest() - day), abs(q.as_of.latest() - day))


def closest_quantity(quantities: tuple[Quantity, ...], day: dt.date | None) -> Quantity | None:
    """The quantity whose as_of is closest to the document date (within a year)."""
    if not quantities:
        return None
    if day is None:
        return quantities[0] if len(quantities) == 1 else None
    best = min(quantities, key=lambda q: _distance(q, day))
    if best.as_of is not None and _distance(best, day) > MAX_QUANTITY_DISTANCE:
        return None
    return best


def check_count(ctx: CheckContext) -> Iterator[Finding]:
    for claim in ctx.claims.counts:
        if claim.partial or claim.subject is None:
            continue
        entity = _entity(ctx, claim.subject.target)
        if entity is None:
            continue
        q = closest_quantity(ctx.facts.quantities_of(entity.id, claim.quantity), ctx.date)
        if q is None or q.value == claim.value:
            continue
        if q.approximate and abs(claim.value - q.value) <= APPROXIMATE_TOLERANCE * q.value:
            continue
        kind = ctx.facts.quantity_kinds.get(q.kind)
        noun = (kind.names.get("en") or (q.kind,))[0] if kind else q.kind
        about = "about " if q.approximate else ""
        when = f" as of {q.as_of}" if q.as_of else ""
        message = f"{entity.preferred('en')} had {about}{q.value} {noun}{when}, not {claim.value}"
        yield ctx.finding(
            ND004.code,
            claim.start,
            claim.end,
            message,
            quoted=claim.quoted,
            replacement=None
            if q.approximate
            else digits_like(q.value, ctx.document.text[claim.start : claim.end]),
            facts=[q.fact()],
        )


# -- ND005 ----------------------------------------------------------------------------


def check_list(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    for claim in ctx.claims.lists:
        if claim.count == len(claim.items):
            continue
        names = "; ".join(text[a:b] for a, b in claim.items)
        message = f"the text announces {claim.count} but lists {len(claim.items)}: {names}"
        yield ctx.finding(ND005.code, claim.start, claim.end, message, quoted=claim.quoted)


ND001 = Rule(
    code="ND001",
    name="age-mismatch",
    summary="An age that does not match the person's birth date at the document date",
    check=check_age,
    severity=Severity.ERROR,
    family="numbers",
    docs=rule_docs("ND001"),
    fix="unsafe",
)
ND002 = Rule(
    code="ND002",
    name="weekday-mismatch",
    summary="A weekday that the calendar does not give the date next to it",
    check=check_weekday,
    severity=Severity.ERROR,
    family="numbers",
    docs=rule_docs("ND002"),
    fix="unsafe",
)
ND003 = Rule(
    code="ND003",
    name="founding-year",
    summary="A founding or birth year other than the one in the facts",
    check=check_year,
    severity=Severity.ERROR,
    family="numbers",
    docs=rule_docs("ND003"),
    fix="unsafe",
)
ND004 = Rule(
    code="ND004",
    name="count-mismatch",
    summary="A total count (employees, users...) other than the recorded quantity",
    check=check_count,
    severity=Severity.ERROR,
    family="numbers",
    docs=rule_docs("ND004"),
    fix="unsafe",
)
ND005 = Rule(
    code="ND005",
    name="list-count-mismatch",
    summary="An announced count followed by a different number of items",
    check=check_list,
    severity=Severity.WARNING,
    family="numbers",
    docs=rule_docs("ND005"),
)


# -- ND006 / ND007 ---------------------------------------------------------------------


def check_event_date(ctx: CheckContext) -> Iterator[Finding]:
    for claim in ctx.claims.events:
        event = ctx.facts.entities.get(claim.event.target)
        if event is None or event.date is None or claim.month is None or claim.date_span is None:
            continue
        recorded = event.date
        if recorded.month is None or recorded.day is None:
            continue  # a date known to the month says nothing about a day
        year_ok = claim.year is None or claim.year == recorded.year
        if year_ok and (claim.day, claim.month) == (recorded.day, recorded.month):
            continue
        a, b = claim.date_span
        message = (
            f"{event.preferred('en')} took place on {recorded.day} "
            f"{MONTH_EN[recorded.month - 1]} {recorded.year}, not on {ctx.document.text[a:b]}"
        )
        yield ctx.finding(
            ND006.code, a, b, message, facts=[event.fact("date")], quoted=claim.quoted
        )


def check_event_venue(ctx: CheckContext) -> Iterator[Finding]:
    for claim in ctx.claims.events:
        event = ctx.facts.entities.get(claim.event.target)
        if event is None or event.venue is None or claim.venue is None:
            continue
        if claim.venue.target == event.venue:
            continue
        where = ctx.facts.entities.get(event.venue)
        if where is not None and claim.venue.target in _places_within(ctx, where.id):
            continue  # "in Norland" for a venue in Norland
        venue = where.preferred("en") if where else event.venue
        message = f"{event.preferred('en')} is recorded at {venue}, not at {claim.venue.text}"
        refs = [event.fact("venue")] + ([where.fact()] if where else [])
        yield ctx.finding(
            ND007.code, claim.venue.start, claim.venue.end, message, facts=refs, quoted=claim.quoted
        )


def _places_within(ctx: CheckContext, place: str) -> set[str]:
    """Places that contain ``place`` (its ``venue`` chain: a stadium in a city)."""
    out: set[str] = set()
    current = ctx.facts.entities.get(place)
    while current is not None and current.venue and current.venue not in out:
        out.add(current.venue)
        current = ctx.facts.entities.get(current.venue)
    return out


ND006 = Rule(
    code="ND006",
    name="event-date",
    summary="An event given a calendar date other than the one in the facts",
    check=check_event_date,
    severity=Severity.ERROR,
    family="numbers",
    docs=rule_docs("ND006"),
    fix=None,
)
ND007 = Rule(
    code="ND007",
    name="event-venue",
    summary="An event placed at a venue other than the one in the facts",
    check=check_event_venue,
    severity=Severity.ERROR,
    family="numbers",
    docs=rule_docs("ND007"),
    fix=None,
)


@hookimpl
def factlint_rules() -> list[Rule]:
    return [ND001, ND002, ND003, ND004, ND005, ND006, ND007]
