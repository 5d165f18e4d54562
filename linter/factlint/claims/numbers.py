"""Numeric claims: ages, weekday + date, founding and birth years, counts, announced lists.

Everything is read from the normalized token stream (Arabic-Indic digits are
already ASCII, diacritics and tatweel are gone, ``ة`` is ``ه``), and every claim
is reported at original offsets.

* Ages: ``البالغ من العمر 38 عاما``, ``يبلغ من العمر``, ``عمره 38``, ``ذو الـ38 عاما``,
  ``(38 عاما)``, ``PERSON، 38 عاما``; ``38-year-old``, ``38 years old``, ``aged 38``,
  ``Altman, 38,``, ``Altman (38)``. The age goes to the person the expression is
  attached to (a name right before it, or right after ``N-year-old``), else the
  only person of the sentence; an anaphor (``the 38-year-old``, ``الرجل البالغ
  من العمر``) in a sentence without a person goes to the most recent person of
  the previous two sentences. A claim spans the number.
* Weekday + date, in both Arabic month systems (and the Maghrebi one) and in
  English with full or abbreviated months: ``يوم الجمعة الموافق 17 نوفمبر/تشرين
  الثاني``, ``Friday, November 17, 2023``, ``on Friday (Nov. 17)``.
* Years: a founding verb (``تأسست``, ``founded``) or a birth verb (``ولد``,
  ``born``) followed by a year, with the organisation or person of the clause.
* Counts: a number next to a quantity-kind noun of the facts. A count is taken
  as a total only when the wording says so (``OpenAI's 770 employees``, ``the
  770 OpenAI staff``, ``البالغ عددهم 770``, ``من أصل 770``, ``OpenAI has 770
  employees``); parts (``700 of``, ``700 من``), approximations (``more than``,
  ``نحو``) and bare counts that may be a subset (``700 OpenAI staff signed``) are
  marked ``partial``.
* Lists: an announced count (a number word or digits) with its noun, an
  introducer (``:``, a dash, ``هم``/``فهم``, ``namely``, a full stop) and the
  names that follow. With ``including``/``بما في ذلك``/``منهم`` only a list longer
  than its count is recorded.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factlint.document import Document
from factlint.facts.model import Facts
from factlint.mentions import alias_tokens, strip_proclitics
from factlint.model import (
    AgeClaim,
    CountClaim,
    DateClaim,
    EventClaim,
    ListClaim,
    Mention,
    MentionKind,
    YearClaim,
)
from factlint.normalize import Normalized, fold
from factlint.numerals import to_float, to_int
from factlint.quotes import QuoteScan
from factlint.segment import Segments
from factlint.tokens import Kind, Script, Token, places_by_text


@dataclass(frozen=True)
class NumericClaims:
    ages: tuple[AgeClaim, ...] = ()
    dates: tuple[DateClaim, ...] = ()
    years: tuple[YearClaim, ...] = ()
    counts: tuple[CountClaim, ...] = ()
    lists: tuple[ListClaim, ...] = ()
    events: tuple[EventClaim, ...] = ()


# -- word lists (normalized forms) ---------------------------------------------

COMMAS = frozenset({",", "،"})
CLAUSE_END = frozenset({",", "،", ";", "؛", ":"})

AR_AGE_UNITS = frozenset({"عام", "عاما", "اعوام", "سنه", "سنوات", "سنين", "ربيعا"})
AR_AGE_LEADS = frozenset(
    {"البالغ", "البالغه", "بالغ", "بالغه", "يبلغ", "تبلغ", "بلغ", "بلغت", "يناهز"}
)
AR_AGE_OWN = frozenset({"عمره", "عمرها", "العمر"})
AR_AGE_DHU = frozenset({"ذو", "ذي", "ذا", "ذات"})
AR_ANAPHORS_MALE = frozenset({"الرجل", "الشاب", "رجل"})
AR_ANAPHORS_FEMALE = frozenset({"المراه", "السيده", "الشابه", "امراه", "البالغه"})
EN_BE = frozenset({"is", "was", "turned", "turns", "now"})
EN_ATTACH_SKIP = frozenset({"-", "former", "ex", "co", "the", "'"})

WEEKDAYS_EN: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
WEEKDAYS_AR: dict[str, int] = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}
# forms without the article, only after يوم ("يوم جمعة")
WEEKDAYS_AR_BARE: dict[str, int] = {k[2:]: v for k, v in WEEKDAYS_AR.items()}
AR_WEEKDAY_FORMS = frozenset(WEEKDAYS_AR) | frozenset(WEEKDAYS_AR_BARE)
_WEEKDAY_WORDS = frozenset(WEEKDAYS_EN) | AR_WEEKDAY_FORMS

MONTHS_ONE: dict[str, int] = {
    # English, full and abbreviated
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    # Arabic, Egyptian/Gulf system
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    # Arabic, Levantine/Iraqi system (single words)
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    # Arabic, Maghrebi system
    "جانفي": 1,
    "فيفري": 2,
    "افريل": 4,
    "ماي": 5,
    "جوان": 6,
    "جويليه": 7,
    "اوت": 8,
}
# two-word Levantine months: first word -> {second word: month}
MONTHS_TWO: dict[str, dict[str, int]] = {
    "كانون": {"الثاني": 1, "ثاني": 1, "الاول": 12, "اول": 12},
    "تشرين": {"الاول": 10, "اول": 10, "الثاني": 11, "ثاني": 11},
}
DATE_SKIP = frozenset({",", "،", "(", "-", "–", "—", "الموافق", "الموافقه", "ل", "on", "the", "في"})
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

FOUND_EN = frozenset({"founded", "cofounded", "established", "incorporated"})
FOUND_AR = frozenset(
    {
        "تاسست",
        "تاسس",
        "اسست",
        "اسس",
        "اسسها",
        "اسسه",
        "اسسوا",
        "تاسيس",
        "تاسيسها",
        "تاسيسه",
        "انشيت",
        "انشي",
        "التاسيس",
    }
)
BORN_EN = frozenset({"born"})
BORN_AR = frozenset({"ولد", "ولدت", "المولود", "المولوده", "مواليد", "مولود", "مولوده"})
_FOUND_OR_BORN = FOUND_EN | FOUND_AR | BORN_EN | BORN_AR
YEAR_FILLERS = frozenset(
    {
        "in",
        "on",
        "the",
        "year",
        "of",
        "back",
        "by",
        "and",
        "was",
        "في",
        "عام",
        "العام",
        "سنه",
        "خلال",
        ",",
        "،",
        "-",
        "(",
    }
)
SUBJECT_CONNECTORS = frozenset(
    {
        ",",
        "،",
        "(",
        "-",
        "which",
        "that",
        "who",
        "was",
        "were",
        "is",
        "has",
        "had",
        "been",
        "originally",
        "first",
        "initially",
        "officially",
        "formally",
        "jointly",
        "co",
        "the",
        "a",
        "company",
        "firm",
        "startup",
        "lab",
        "organization",
        "organisation",
        "التي",
        "الذي",
        "قد",
        "حيث",
        "الشركه",
        "شركه",
        "المنظمه",
        "المؤسسه",
        "المختبر",
        "وقد",
        "كان",
        "كانت",
    }
)

SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "الف": 1_000,
    "الاف": 1_000,
    "مليون": 1_000_000,
    "ملايين": 1_000_000,
    "مليار": 1_000_000_000,
    "مليارات": 1_000_000_000,
}
EN_APPROX = frozenset(
    {
        ("more", "than"),
        ("over",),
        ("nearly",),
        ("almost",),
        ("about",),
        ("around",),
        ("some",),
        ("roughly",),
        ("approximately",),
        ("up", "to"),
        ("at", "least"),
        ("fewer", "than"),
        ("less", "than"),
        ("under",),
        ("close", "to"),
        ("upwards", "of"),
        ("estimated",),
        ("an", "estimated"),
    }
)
AR_APPROX = frozenset(
    {
        ("اكثر", "من"),
        ("ما", "يزيد", "عن"),
        ("ما", "يزيد", "علي"),
        ("يزيد", "عن"),
        ("يزيد", "علي"),
        ("نحو",),
        ("حوالي",),
        ("قرابه",),
        ("ما", "يقرب", "من"),
        ("يقرب", "من"),
        ("زهاء",),
        ("اقل", "من"),
        ("ما", "لا", "يقل", "عن"),
        ("لا", "يقل", "عن"),
        ("ما", "يناهز"),
        ("يناهز",),
        ("قرابه",),
        ("تقريبا",),
        ("اكثر", "من", "ال"),
    }
)
RELATIVES = frozenset({"who", "that", "which", "الذين", "اللواتي", "اللاتي", "ممن"})
APPROX_AFTER = frozenset({"تقريبا", "+", "plus"})
EN_TOTAL_BEFORE = frozenset(
    {"its", "their", "all", "entire", "whole", "has", "had", "have", "employs", "employed"}
)
EN_TOTAL_WITH = frozenset({"with"})
AR_TOTAL_BEFORE = frozenset(
    {
        "عددهم",
        "عددها",
        "عددهن",
        "عدد",
        "البالغ",
        "البالغه",
        "يبلغ",
        "بلغ",
        "اصل",
        "يعمل",
        "تعمل",
        "بها",
        "فيها",
        "لديها",
        "لدي",
        "تضم",
        "يضم",
        "توظف",
        "يوظف",
        "جميع",
        "كل",
        "ال",
    }
)

AR_TOTAL_NEAR = frozenset(
    {
        "عدد",
        "عددهم",
        "عددها",
        "عددهن",
        "يعمل",
        "تعمل",
        "يضم",
        "تضم",
        "توظف",
        "يوظف",
        "لدي",
        "يملك",
        "تملك",
        "يمتلك",
        "تمتلك",
        "يحمل",
        "تحمل",
        "لديه",
        "لديها",
    }
)
EN_COUNT_WORDS: dict[str, int] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
AR_COUNT_WORDS: dict[str, int] = {
    "اثنان": 2,
    "اثنين": 2,
    "اثنتان": 2,
    "اثنتين": 2,
    "ثلاثه": 3,
    "ثلاث": 3,
    "اربعه": 4,
    "اربع": 4,
    "خمسه": 5,
    "خمس": 5,
    "سته": 6,
    "ست": 6,
    "سبعه": 7,
    "سبع": 7,
    "ثمانيه": 8,
    "ثماني": 8,
    "ثمان": 8,
    "تسعه": 9,
    "تسع": 9,
    "عشره": 10,
    "عشر": 10,
}
AR_COUNT_ROOTS = ("اثن", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر")
LIST_INTRO_WORDS = frozenset(
    {"هم", "فهم", "وهم", "هن", "فهن", "وهن", "هما", "فهما", "وهما", "هي", "وهي", "namely", "viz"}
)
LIST_SUBSET_WORDS = frozenset({"including", "منهم", "بينهم", "منهن", "بينهن"})
LIST_DASHES = frozenset({"–", "—", "―"})
LIST_NOT_NOUNS = frozenset(
    set(SCALES)
    | {"times", "مرات", "مره", "percent", "بالمئه", "بالمائه", "في", "من", "of", "or", "او"}
)
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "bin", "al", "el", "la", "le"})
AR_PRONOUN_SUFFIXES = ("ها", "هم", "هن", "ه", "نا", "كم")


# -- the reader ------------------------------------------------------------------


class _Reader:
    """Token-level helpers shared by the extractors of one document."""

    def __init__(
        self,
        norm: Normalized,
        tokens: tuple[Token, ...],
        segments: Segments,
        mentions: tuple[Mention, ...],
        quotes: QuoteScan,
        facts: Facts,
    ) -> None:
        self.norm = norm
        self.tokens = tokens
        self.quotes = quotes
        self.facts = facts
        self.n = len(tokens)
        self._forms: dict[str, frozenset[str]] = {}
        self._by_text = places_by_text(tokens)
        self.entity_at: list[Mention | None] = [None] * self.n
        self.title_at: list[Mention | None] = [None] * self.n
        self.starts: dict[int, Mention] = {}
        self.ends: dict[int, Mention] = {}
        for m in mentions:
            if m.token_end > self.n:
                continue
            if m.kind is MentionKind.ENTITY:
                self.starts.setdefault(m.token_start, m)
                self.ends.setdefault(m.token_end, m)
                for k in range(m.token_start, m.token_end):
                    if self.entity_at[k] is None:
                        self.entity_at[k] = m
            else:
                for k in range(m.token_start, m.token_end):
                    if self.title_at[k] is None:
                        self.title_at[k] = m
        self.entities = sorted(
            (m for m in mentions if m.kind is MentionKind.ENTITY and m.token_end <= self.n),
            key=lambda m: m.token_start,
        )
        self.entity_starts = [m.token_start for m in self.entities]
        self.persons = [m for m in self.entities if self.is_person(m)]
        self.person_starts = [m.token_start for m in self.persons]
        self.segments = segments
        self.sent = segments.sentence
        self.clause = segments.clause

    # -- tokens ------------------------------------------------------------------
    def word(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < self.n else ""

    def is_sentence_end(self, i: int) -> bool:
        return self.segments.ends_sentence(i)

    def is_punct(self, i: int, chars: Iterable[str]) -> bool:
        return (
            0 <= i < self.n and self.tokens[i].kind is Kind.PUNCT and self.tokens[i].text in chars
        )

    def forms(self, i: int) -> frozenset[str]:
        """The token, and for Arabic its readings without proclitics and article."""
        if not 0 <= i < self.n:
            return frozenset()
        tok = self.tokens[i]
        cached = self._forms.get(tok.text)
        if cached is not None:
            return cached
        out = {tok.text}
        if tok.script is Script.ARABIC:
            for _, stem in strip_proclitics(tok.text):
                out.add(stem)
            for stem in list(out):
                if stem.startswith("ال") and len(stem) > 3:
                    out.add(stem[2:])
        frozen = frozenset(out)
        self._forms[tok.text] = frozen
        return frozen

    def select(self, test: Callable[[Token], bool]) -> list[int]:
        """The positions, in order, of the tokens that pass ``test`` (a test of the
        token alone: it runs once per distinct token text)."""
        found: list[int] = []
        for places in self._by_text.values():
            if test(self.tokens[places[0]]):
                found.extend(places)
        return sorted(found)

    def where(self, words: frozenset[str]) -> list[int]:
        """The positions, in order, of the tokens one of whose :meth:`forms` is in ``words``."""
        found: list[int] = []
        for places in self._by_text.values():
            if self.forms(places[0]) & words:
                found.extend(places)
        return sorted(found)

    def number(self, i: int) -> int | None:
        if not 0 <= i < self.n or self.tokens[i].kind is not Kind.NUMBER:
            return None
        text = self.tokens[i].text
        if any(c in text for c in ".٫"):
            return None
        parts = text.replace("٬", ",").split(",")
        if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or any(len(p) != 3 for p in parts[1:])):
            return None
        return to_int("".join(parts), max_digits=18)  # superscripts are digits, not numbers

    def decimal(self, i: int) -> float | None:
        if not 0 <= i < self.n or self.tokens[i].kind is not Kind.NUMBER:
            return None
        text = self.tokens[i].text.replace("٫", ".").replace("٬", "").replace(",", "")
        return to_float(text)

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original span of tokens a .. b-1."""
        return self.norm.orig_span(self.tokens[a].start, self.tokens[b - 1].end)

    def quoted(self, start: int, end: int) -> bool:
        return self.quotes.quoted(start, end)

    # -- mentions ------------------------------------------------------------------
    def etype(self, m: Mention) -> str:
        entity = self.facts.entities.get(m.target)
        return entity.type if entity is not None else ""

    def is_person(self, m: Mention | None) -> bool:
        return m is not None and m.kind is MentionKind.ENTITY and self.etype(m) == "person"

    def is_org(self, m: Mention | None) -> bool:
        return (
            m is not None
            and m.kind is MentionKind.ENTITY
            and self.etype(m) not in ("person", "place", "")
        )

    def gender_ok(self, m: Mention, gender: str | None) -> bool:
        if gender is None:
            return True
        entity = self.facts.entities.get(m.target)
        return entity is None or entity.gender in (None, gender)

    def persons_in_sentence(self, s: int, near: int) -> list[Mention]:
        """Persons of sentence ``s``, which contains token ``near``."""
        lo = bisect.bisect_left(self.person_starts, near)
        out: list[Mention] = []
        k = lo - 1
        while k >= 0 and self.sent[self.persons[k].token_start] == s:
            out.append(self.persons[k])
            k -= 1
        out.reverse()
        k = lo
        while k < len(self.persons) and self.sent[self.persons[k].token_start] == s:
            out.append(self.persons[k])
            k += 1
        return out


# -- ages ------------------------------------------------------------------------


def _person_before(r: _Reader, lo: int) -> Mention | None:
    """A person named right before token ``lo``, across a comma, a bracket or a title."""
    k = lo - 1
    commas = 0
    steps = 0
    while k >= 0 and steps < 10:
        steps += 1
        ent = r.entity_at[k]
        if ent is not None:
            if r.is_person(ent):
                return ent
            if r.is_org(ent):
                k = ent.token_start - 1
                continue
            return None
        title = r.title_at[k]
        if title is not None:
            k = title.token_start - 1
            continue
        tok = r.tokens[k]
        if tok.kind is Kind.PUNCT and tok.text in COMMAS | {"("}:
            commas += 1
            if commas > 1:
                return None
            k -= 1
            continue
        if tok.text in ("the", "a", "an", "former", "السابق", "السابقه"):
            k -= 1
            continue
        return None
    return None


def _person_after(r: _Reader, hi: int) -> Mention | None:
    """A person named right after token ``hi`` ("38-year-old OpenAI chief Sam Altman")."""
    k = hi
    steps = 0
    while k < r.n and steps < 8:
        steps += 1
        ent = r.entity_at[k]
        if ent is not None:
            if r.is_person(ent):
                return ent
            k = ent.token_end
            continue
        title = r.title_at[k]
        if title is not None:
            k = title.token_end
            continue
        if r.tokens[k].text in EN_ATTACH_SKIP:
            k += 1
            continue
        return None
    return None


def _recent_person(r: _Reader, lo: int, gender: str | None) -> Mention | None:
    """For an anaphor ("the 38-year-old"), which points back: the only person named
    before it in its sentence, else the only person of the previous two sentences.
    A person named after it in its sentence is another role ("... was replaced by
    X"); two candidates are no answer."""
    s = r.sent[lo]
    before = r.persons[: bisect.bisect_left(r.person_starts, lo)]
    here = [m for m in before if r.sent[m.token_start] == s and r.gender_ok(m, gender)]
    if not here:
        here = [m for m in before if s - 2 <= r.sent[m.token_start] and r.gender_ok(m, gender)]
    return here[-1] if len({m.target for m in here}) == 1 else None


def _only_person(r: _Reader, lo: int) -> Mention | None:
    """The only person named in the clause of token ``lo``."""
    here = r.persons_in_sentence(r.sent[lo], lo)
    same_clause = [m for m in here if r.clause[m.token_start] == r.clause[lo]]
    if len({m.target for m in same_clause}) == 1:
        return same_clause[0]
    return None


AR_AGE_REACH = frozenset(
    fold(w) for w in ("بلغ", "يبلغ", "بلغت", "تبلغ", "أكمل", "يكمل", "أكملت", "تكمل")
)
EN_AGE_AFTER = frozenset({"this", "in", "on", "last", "today", "and", "years", "when", "after"})


def _age_ends(r: _Reader, k: int) -> bool:
    """After "now N" / "turned N": the end of the phrase, not a noun ("now 59 percent")."""
    if r.is_sentence_end(k) or r.is_punct(k, {",", "،", ";", ")", "—", "–"}):
        return True
    return r.word(k) in EN_AGE_AFTER


def _ages(r: _Reader) -> list[AgeClaim]:
    out: list[AgeClaim] = []
    for i in r.select(_is_number):
        age = r.number(i)
        if age is None or not 1 <= age <= 120:
            continue
        w1, w2 = r.word(i - 1), r.word(i - 2)
        nxt = r.word(i + 1)
        unit = nxt in AR_AGE_UNITS
        lo = i
        hi = i + 2 if unit else i + 1
        person: Mention | None = None
        # how the person is found when not named right before the expression:
        # "after" (a name follows), "clause" (the only person of the clause),
        # "anaphor" ("the 38-year-old", "الرجل البالغ"), "" (adjacent only)
        mode: str | None = None
        if w2 == "من" and w1 == "العمر" and r.forms(i - 3) & AR_AGE_LEADS:
            mode, lo = "clause", i - 3
        elif (r.forms(i - 1) & AR_AGE_OWN) and w1 != "العمر":
            mode, lo = "clause", i - 1
        elif w1 == "ال" and w2 in AR_AGE_DHU and unit:
            mode, lo = "clause", i - 2
        elif (w1 == "ال" and nxt == "من" and r.forms(i + 2) & {"عمره", "عمرها", "العمر"}) or (
            unit and r.forms(i - 1) & AR_AGE_LEADS
        ):
            mode, lo = "clause", i - 1
        elif (
            nxt == "-"
            and r.word(i + 2) in ("year", "years")
            and r.word(i + 3) == "-"
            and r.word(i + 4) == "old"
        ):
            hi = i + 5
            mode = "anaphor" if w1 in ("the", "this") else "after"
        elif nxt in ("year", "years") and r.word(i + 2) == "old":
            # "Altman is 38 years old": only with the person right before the verb
            if w1 in EN_BE and r.is_person(r.ends.get(i - 1)):
                mode, person = "", r.ends.get(i - 1)
        elif w1 == "aged":
            mode, lo = "clause", i - 1
        elif w1 in ("now", "turned", "turns") and _age_ends(r, i + 1):
            # "X, now 59," / "X, who is now 64" / "X, who turned 40 this week"
            k = i - 2
            while k >= 0 and r.word(k) in ("is", "who", "has", "just", "recently"):
                k -= 1
            if r.is_punct(k, COMMAS):
                k -= 1
            person = r.ends.get(k + 1) if r.is_person(r.ends.get(k + 1)) else None
            mode, lo = ("", i - 1) if person is not None else ("clause", i - 1)
        elif unit and (w1 in AR_AGE_REACH or (w1 == "الان" and w2 in AR_AGE_REACH)):
            # "بلغ الآن 38 عامًا"; "X، الذي بلغ ..." names X
            lo = i - 1 if w1 in AR_AGE_REACH else i - 2
            k = lo - 1
            if r.word(k) in ("الذي", "التي", "وهو", "وهي"):
                k -= 1
                if r.is_punct(k, COMMAS):
                    k -= 1
                found = r.ends.get(k + 1)
                person = found if r.is_person(found) else None
            mode = "clause"
        elif w1 == "(" and ((unit and r.word(i + 2) == ")") or nxt == ")"):
            mode, lo = "", i - 1
        elif (
            w1 in COMMAS
            and r.is_person(r.ends.get(i - 1))
            and (unit or r.is_punct(i + 1, {",", "،", ";", ")"}) or r.is_sentence_end(i + 1))
        ):
            mode, person = "", r.ends.get(i - 1)
        if mode is None:
            continue
        if person is None and mode in ("after", "clause", "anaphor"):
            person = _person_after(r, hi)
        if person is None:
            person = _person_before(r, lo)
        if person is None and mode == "clause" and lo > 0:
            before = r.forms(lo - 1)
            if before & AR_ANAPHORS_MALE:
                person = _recent_person(r, lo, "male")
            elif before & AR_ANAPHORS_FEMALE:
                person = _recent_person(r, lo, "female")
            else:
                person = _only_person(r, lo)
        elif person is None and mode == "anaphor":
            person = _recent_person(r, lo, None)
        start, stop = r.span(i, i + 1)
        out.append(AgeClaim(person, age, start, stop, r.quoted(start, stop)))
    return out


# -- weekday + date ---------------------------------------------------------------


def _month_at(r: _Reader, k: int) -> tuple[int, int] | None:
    """(month, index after it) for a month name at token k."""
    if k >= r.n or r.tokens[k].kind is not Kind.WORD:
        return None
    text = r.word(k)
    if text in MONTHS_TWO:
        second = r.word(k + 1)
        if second in MONTHS_TWO[text]:
            return MONTHS_TWO[text][second], k + 2
        return None
    month = MONTHS_ONE.get(text)
    if month is None:
        return None
    k += 1
    if r.tokens[k - 1].script is Script.LATIN and r.is_punct(k, {"."}):
        k += 1
    # "نوفمبر/تشرين الثاني", "نوفمبر (تشرين الثاني)"
    if r.is_punct(k, {"/", "(", "-", "|"}):
        alt = _month_at(r, k + 1)
        if alt is not None and alt[0] == month:
            k = alt[1]
            if r.is_punct(k, {")"}):
                k += 1
    return month, k


def _day_at(r: _Reader, k: int) -> tuple[int, int] | None:
    day = r.number(k)
    if day is None or not 1 <= day <= 31 or "," in r.word(k):
        return None
    k += 1
    if r.word(k) in ORDINAL_SUFFIXES:
        k += 1
    return day, k


def _year_at(r: _Reader, k: int) -> tuple[int, int] | None:
    j = k + 1 if r.is_punct(k, COMMAS) else k
    year = r.number(j)
    if year is not None and 1000 <= year <= 2999 and len(r.word(j)) == 4:
        return year, j + 1
    return None


def _date_at(r: _Reader, k: int) -> tuple[int, int, int | None, int] | None:
    """(day, month, year, index after) for a date starting at token k."""
    if r.word(k) == "the":
        k += 1
    day = _day_at(r, k)
    if day is not None:
        j = day[1]
        if r.word(j) in ("of", "من"):
            j += 1
        if r.word(j) == "شهر":
            j += 1
        month = _month_at(r, j)
        if month is None:
            return None
        year = _year_at(r, month[1])
        return day[0], month[0], year[0] if year else None, year[1] if year else month[1]
    month = _month_at(r, k)
    if month is None:
        return None
    day = _day_at(r, month[1])
    if day is None:
        return None
    year = _year_at(r, day[1])
    return day[0], month[0], year[0] if year else None, year[1] if year else day[1]


def _weekday_at(r: _Reader, i: int) -> tuple[int, int] | None:
    """(weekday, normalized offset of the weekday word without proclitics)."""
    tok = r.tokens[i]
    if tok.kind is not Kind.WORD:
        return None
    if tok.script is Script.LATIN:
        wd = WEEKDAYS_EN.get(tok.text)
        if wd is None or (len(tok.text) <= 5 and not _capitalized(r, i)):
            return None  # "sat", "sun", "wed" as ordinary words
        return wd, tok.start
    if tok.script is not Script.ARABIC or not r.forms(i) & AR_WEEKDAY_FORMS:
        return None
    after_yawm = r.forms(i - 1) & {"يوم"}
    for prefix, stem in strip_proclitics(tok.text):
        if tok.text[len(prefix) :] != stem:
            continue
        wd = WEEKDAYS_AR.get(stem)
        if wd is None and after_yawm:
            wd = WEEKDAYS_AR_BARE.get(stem)
        if wd is not None:
            return wd, tok.start + len(prefix)
    return None


def _dates(r: _Reader) -> list[DateClaim]:
    out: list[DateClaim] = []
    for i in r.where(_WEEKDAY_WORDS):
        found = _weekday_at(r, i)
        if found is None:
            continue
        weekday, wstart = found
        k = i + 1
        if r.tokens[i].script is Script.LATIN and r.is_punct(k, {"."}):
            k += 1
        skips = 0
        while k < r.n and skips < 4 and r.word(k) in DATE_SKIP:
            k += 1
            skips += 1
        date = _date_at(r, k)
        if date is None:
            continue
        day, month, year, after = date
        if r.is_punct(after, {")"}):
            after += 1
        start = r.norm.orig_start(r.tokens[i].start)
        end = r.span(after - 1, after)[1]
        wspan = r.norm.orig_span(wstart, r.tokens[i].end)
        out.append(
            DateClaim(
                weekday=weekday,
                day=day,
                month=month,
                year=year,
                start=start,
                end=end,
                weekday_span=wspan,
                quoted=r.quoted(start, end),
            )
        )
    return out


# -- founding and birth years -------------------------------------------------------


def _is_month_or_day(r: _Reader, k: int) -> bool:
    if r.word(k) in MONTHS_ONE or r.word(k) in MONTHS_TWO:
        return True
    if k > 0 and r.word(k - 1) in MONTHS_TWO and r.word(k) in MONTHS_TWO[r.word(k - 1)]:
        return True
    day = r.number(k)
    return day is not None and 1 <= day <= 31 and len(r.word(k)) <= 2


def _years(r: _Reader) -> list[YearClaim]:
    out: list[YearClaim] = []
    for v in r.where(_FOUND_OR_BORN):
        forms = r.forms(v)
        if forms & (FOUND_EN | FOUND_AR):
            kind = "founded"
        elif forms & (BORN_EN | BORN_AR):
            kind = "born"
        else:
            continue
        if r.entity_at[v] is not None or r.title_at[v] is not None:
            continue
        wanted = r.is_org if kind == "founded" else r.is_person
        # the year: a few tokens after the verb
        k = v + 1
        between: list[Mention] = []
        other_words = 0
        year_at: int | None = None
        while k < r.n and k <= v + 12 and not r.is_sentence_end(k):
            ent = r.entity_at[k]
            if ent is not None:
                between.append(ent)
                k = ent.token_end
                continue
            tok = r.tokens[k]
            year = r.number(k)
            if year is not None and len(tok.text) == 4 and 1000 <= year <= 2999:
                year_at = k
                break
            if (
                tok.kind is Kind.PUNCT
                and tok.text in CLAUSE_END
                and not (tok.text in COMMAS and _is_month_or_day(r, k - 1))
            ):
                break
            if not (
                tok.text in YEAR_FILLERS
                or _is_month_or_day(r, k)
                or (tok.kind is Kind.PUNCT and tok.text in ".")
                or tok.text in ORDINAL_SUFFIXES
            ):
                if tok.kind is Kind.NUMBER:
                    break
                other_words += 1
            k += 1
        if year_at is None:
            continue
        subject: Mention | None = None
        inside = [m for m in between if wanted(m)]
        if inside:
            subject = inside[0]
        elif other_words > (0 if kind == "founded" else 3):
            continue  # the verb's object is something the facts do not name
        if subject is None:
            subject = _subject_before(r, v, wanted)
        if subject is None and kind == "founded":
            # "founded in 2015, OpenAI ..."
            j = year_at + 1
            if r.is_punct(j, COMMAS):
                cand = r.starts.get(j + 1)
                if wanted(cand):
                    subject = cand
        if subject is None:
            continue
        start, end = r.span(year_at, year_at + 1)
        year_value = r.number(year_at)
        assert year_value is not None
        out.append(YearClaim(subject, kind, year_value, start, end, r.quoted(start, end)))
    return out


ORG_ANAPHORS = frozenset(
    fold(w)
    for w in {
        "company", "group", "bank", "lender", "club", "firm", "party", "team", "exchange",
        "insurer", "carrier", "airline", "league", "startup", "conglomerate", "operator",
        "الشركه", "المجموعه", "البنك", "المصرف", "النادي", "الحزب", "الفريق", "البورصه",
        "الدوري", "المؤسسه", "الاتحاد", "المنصه",
    }
)  # fmt: skip
ANAPHOR_SENTENCES = 3  # how far back "the company" looks for the company
GENERIC_ANAPHORS = frozenset(
    {"company", "group", "firm", "startup", "conglomerate", "شركه", "مجموعه", "موسسه"}
)


def _anaphor_org(r: _Reader, k: int) -> Mention | None:
    """The organisation "the bank" / "البنك" at token k stands for: the last one named in
    the few sentences before it whose name or description holds the noun ("Norvale
    Bank"); for a generic noun ("the company", "الشركة"), the last organisation named,
    provided no other organisation was named in between."""
    sentence = r.sent[k] if 0 <= k < r.n else 0
    nouns = {w[2:] if w.startswith("ال") else w for w in r.forms(k) & ORG_ANAPHORS}
    candidates: list[Mention] = []
    a = bisect.bisect_left(r.entity_starts, k) - 1
    while a >= 0:
        m = r.entities[a]
        if r.sent[m.token_start] < sentence - ANAPHOR_SENTENCES:
            break
        if r.etype(m) == "organization":
            candidates.append(m)
        a -= 1
    for m in candidates:
        entity = r.facts.entities.get(m.target)
        if entity is None:
            continue
        words = {w for _, form in entity.all_names() for w in fold(form).split()} | {
            w for forms in entity.descriptors.values() for d in forms for w in fold(d).split()
        }
        words |= {w[2:] for w in words if w.startswith("ال")}
        if nouns & words:
            return m
    if nouns & GENERIC_ANAPHORS and len({m.target for m in candidates}) == 1:
        return candidates[0]
    return None


def _subject_before(r: _Reader, v: int, wanted: Callable[[Mention | None], bool]) -> Mention | None:
    """The entity right before a verb: "OpenAI, which was founded", "ألتمان الذي ولد".

    Only connecting words may stand between them, so that an unknown name
    ("OpenAI's rival Anthropic, founded in 2021") stops the search.
    """
    k = v - 1
    steps = 0
    while k >= 0 and steps < 6 and not r.is_sentence_end(k):
        ent = r.entity_at[k]
        if ent is not None:
            return ent if wanted(ent) else None
        if r.forms(k) & ORG_ANAPHORS:
            found = _anaphor_org(r, k)  # "وكانت البورصة، التي تأسست عام 1968"
            return found if wanted(found) else None
        if not (r.forms(k) & SUBJECT_CONNECTORS):
            return None
        k -= 1
        steps += 1
    return None


# -- counts ------------------------------------------------------------------------


@dataclass(frozen=True)
class _KindIndex:
    by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    @classmethod
    def build(cls, facts: Facts) -> _KindIndex:
        found: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind in facts.quantity_kinds.values():
            for forms in kind.names.values():
                for form in forms:
                    toks = alias_tokens(form)
                    if toks:
                        found.setdefault(toks[0], []).append((toks, kind.id))
        return cls({k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in found.items()})


def _noun_at(r: _Reader, kinds: _KindIndex, k: int) -> tuple[str, int] | None:
    """(kind id, index after) for a quantity-kind noun at token k."""
    if not 0 <= k < r.n or r.tokens[k].kind is not Kind.WORD:
        return None
    candidates = set(r.forms(k))
    if r.tokens[k].script is Script.ARABIC:
        for form in list(candidates):
            for suffix in AR_PRONOUN_SUFFIXES:
                if form.endswith(suffix) and len(form) > len(suffix) + 2:
                    candidates.add(form[: -len(suffix)])
    for form in candidates:
        for toks, kind in kinds.by_first.get(form, ()):
            if all(r.word(k + j) == toks[j] for j in range(1, len(toks))):
                return kind, k + len(toks)
    return None


def _approx_before(r: _Reader, i: int) -> bool:
    for seq in EN_APPROX | AR_APPROX:
        n = len(seq)
        if all(r.word(i - n + j) == seq[j] or seq[j] in r.forms(i - n + j) for j in range(n)):
            return True
    return False


def _nearest_entity(r: _Reader, i: int) -> Mention | None:
    """The entity mention of the clause nearest to token i (not a person)."""
    best: tuple[int, Mention] | None = None
    a = bisect.bisect_left(r.entity_starts, i - 60)
    b = bisect.bisect_right(r.entity_starts, i + 60)
    for m in r.entities[a:b]:
        if r.clause[m.token_start] != r.clause[i] or r.etype(m) == "person":
            continue
        dist = m.token_start - i if m.token_start > i else i - m.token_end + 1
        if best is None or dist < best[0]:
            best = (dist, m)
    return best[1] if best else None


def _counts(r: _Reader, kinds: _KindIndex) -> list[CountClaim]:
    if not kinds.by_first:
        return []
    out: list[CountClaim] = []
    for i in r.select(_is_number):
        value: int | None = r.number(i)
        k = i + 1
        scale = SCALES.get(r.word(k))
        if scale is not None:
            dec = r.decimal(i)
            value = round(dec * scale) if dec is not None else None
            k += 1
        if value is None:
            continue
        subject: Mention | None = None
        noun = _noun_at(r, kinds, k)
        between = r.starts.get(k)
        if noun is None and between is not None and r.is_org(between):
            # "770 OpenAI staff": a total only with a cue ("the", "all", "its")
            noun = _noun_at(r, kinds, between.token_end)
            if noun is not None:
                subject = between
        part_of = False
        if noun is None and r.word(k) in ("of", "من"):
            # "700 of the 770 employees", "700 من أصل 770 موظف", "700 of OpenAI's staff"
            j = k + 1
            while j < r.n and j <= k + 5 and noun is None:
                noun = _noun_at(r, kinds, j)
                j += 1
            part_of = noun is not None
        if noun is None and r.forms(i - 1) & {"عددهم", "عددها", "عددهن"}:
            # "البالغ عددهم 770" with the noun before
            for j in range(i - 2, max(-1, i - 8), -1):
                noun = _noun_at(r, kinds, j)
                if noun is not None or r.is_sentence_end(j):
                    break
        if noun is None:
            continue
        kind = noun[0]
        if subject is None:
            subject = _nearest_entity(r, i)
        if subject is None:  # "the lender ... its 340 branches", "ويعمل في المجموعة"
            for j in range(i - 1, max(-1, i - 12), -1):
                if r.is_sentence_end(j):
                    break
                if r.forms(j) & ORG_ANAPHORS:
                    subject = _anaphor_org(r, j)
                    break
        total = _is_total(r, i, subject) and r.word(noun[1]) not in RELATIVES
        if (
            part_of
            or _approx_before(r, i)
            or r.word(noun[1]) in APPROX_AFTER
            or r.word(i + 1) in APPROX_AFTER
        ):
            partial = True
        elif total:
            partial = False
        else:
            partial = True
        start, end = r.span(i, i + 1)
        out.append(CountClaim(subject, kind, value, start, end, partial, r.quoted(start, end)))
    return out


def _is_total(r: _Reader, i: int, subject: Mention | None) -> bool:
    """Whether the wording presents the number at token i as the whole count."""
    prev = r.word(i - 1)
    if r.forms(i - 1) & AR_TOTAL_BEFORE:
        return True
    for j in range(i - 1, max(-1, i - 7), -1):
        if r.clause[j] != r.clause[i]:
            break
        if r.forms(j) & AR_TOTAL_NEAR:
            return True
    if prev in EN_TOTAL_BEFORE or (prev == "of" and r.word(i - 2) == "all"):
        return True
    if prev in EN_TOTAL_WITH and subject is not None:
        return True
    # "OpenAI's 770 employees", "the company's 770 employees"
    before = r.ends.get(i)
    if (before is not None or r.word(i - 1) in ORG_ANAPHORS) and r.tokens[i - 1].possessive:
        return True
    # "the 770 employees" / "of the 770": with the entity in the clause
    if prev == "the" and subject is not None:
        return True
    # "700 of the 770 employees": the second number is the total
    return prev == "the" and r.word(i - 2) == "of"


# -- lists ---------------------------------------------------------------------------


def _is_number(tok: Token) -> bool:
    return tok.kind is Kind.NUMBER


def _may_count(tok: Token) -> bool:
    """Whether :func:`_count_word` can read a count at this token (a cheap test)."""
    if tok.kind is Kind.NUMBER:
        return True
    if tok.script is Script.LATIN:
        return tok.text in EN_COUNT_WORDS
    return tok.script is Script.ARABIC and any(root in tok.text for root in AR_COUNT_ROOTS)


def _count_word(r: _Reader, i: int) -> tuple[int, bool] | None:
    """(count, definite) for a count word or small number at token i."""
    tok = r.tokens[i]
    if tok.kind is Kind.NUMBER:
        value = r.number(i)
        return (value, r.word(i - 1) in ("the", "ال")) if value and 2 <= value <= 30 else None
    if tok.script is Script.LATIN:
        value = EN_COUNT_WORDS.get(tok.text)
        return (value, r.word(i - 1) == "the") if value else None
    if tok.script is Script.ARABIC:
        text = tok.text
        if not any(root in text for root in AR_COUNT_ROOTS):
            return None
        for prefix, stem in strip_proclitics(text):
            if stem.startswith("ال") and stem[2:] in AR_COUNT_WORDS:
                return AR_COUNT_WORDS[stem[2:]], True
            if stem in AR_COUNT_WORDS and prefix in ("", "و"):
                return AR_COUNT_WORDS[stem], False
        if text.startswith("ال") and text[2:] in AR_COUNT_WORDS:
            return AR_COUNT_WORDS[text[2:]], True
    return None


def _capitalized(r: _Reader, k: int) -> bool:
    tok = r.tokens[k]
    if tok.script is not Script.LATIN:
        return False
    start = r.norm.orig_start(tok.start)
    return r.norm.source[start : start + 1].isupper()


@dataclass
class _Item:
    start: int  # token indices
    end: int
    known: bool  # an entity mention or a capitalized name


def _name_run(r: _Reader, k: int, stop: int) -> int:
    """Index after a name starting at token k: a mention, or capitalized words."""
    ent = r.entity_at[k]
    if ent is not None and ent.token_start == k:
        return ent.token_end
    if r.tokens[k].script is Script.LATIN and _capitalized(r, k):
        j = k + 1
        while j < stop and (
            (r.tokens[j].script is Script.LATIN and _capitalized(r, j))
            or (r.word(j) in NAME_PARTICLES and j + 1 < stop and _capitalized(r, j + 1))
            or (r.is_punct(j, {"'", "-", "."}) and j + 1 < stop and _capitalized(r, j + 1))
        ):
            j += 1
        return j
    return k


def _closed_before(r: _Reader, start: int, end: int) -> bool:
    """Whether tokens [start, end) already hold a whole comma list, its last item joined
    by "and"/"و" after a comma: then a semicolon after it ends the list, it does not
    separate items ("الكاثوليكية، الأرثوذكسية والبروتستانتية؛ وإلى جانب ...")."""
    commas = [k for k in range(start, end) if r.is_punct(k, COMMAS)]
    if not commas:
        return False
    for k in range(commas[-1] + 1, end):
        word = r.word(k)
        if word in ("and", "و") or (
            r.tokens[k].script is Script.ARABIC and word.startswith("و") and len(word) > 3
        ):
            return True
    return False


def _list_items(r: _Reader, start: int, strict: bool) -> tuple[list[_Item], int] | None:
    """Parse the items of a list from token ``start``; None when they are unclear."""
    stop = start
    while stop < r.n and not r.is_sentence_end(stop):
        stop += 1
    if stop <= start:
        return None
    items: list[_Item] = []
    semicolons = any(r.is_punct(k, {";", "؛"}) for k in range(start, stop))
    if semicolons:
        first = next(k for k in range(start, stop) if r.is_punct(k, {";", "؛"}))
        if _closed_before(r, start, first):
            stop, semicolons = first, False  # "A، B وC؛ ..." -- the list ends at the semicolon
    if semicolons:
        seg_start = start
        for k in range(start, stop + 1):
            if k == stop or r.is_punct(k, {";", "؛"}):
                a = seg_start
                while a < k and (r.word(a) in ("and", "و", "&") or r.is_punct(a, COMMAS)):
                    a += 1
                if a >= k:
                    return None
                end = _name_run(r, a, k)
                known = end > a
                if not known:
                    if r.tokens[a].script is Script.LATIN or strict:
                        return None
                    end = a
                    while end < k and not r.is_punct(end, COMMAS) and end < a + 3:
                        end += 1
                items.append(_Item(a, end, known))
                seg_start = k + 1
        return items, stop
    k = start
    final = False  # the last item came after "and"/"و"
    while k < stop:
        if r.word(k) in ("and", "&", "و"):
            final = True
            k += 1
            continue
        tok = r.tokens[k]
        ent = r.entity_at[k]
        if (
            tok.script is Script.ARABIC
            and bool(items)
            and (
                (ent is not None and ent.token_start == k and ent.prefix.startswith("و"))
                or (ent is None and tok.text.startswith("و") and len(tok.text) > 3)
            )
        ):
            final = True
        end = _name_run(r, k, stop)
        known = end > k
        if not known:
            if tok.script is not Script.ARABIC or strict or tok.kind is not Kind.WORD:
                break
            end = k + 1
            while (
                end < stop
                and end < k + 3
                and r.tokens[end].kind is Kind.WORD
                and r.tokens[end].script is Script.ARABIC
                and not r.tokens[end].text.startswith("و")
            ):
                end += 1
            if (
                end < stop
                and r.tokens[end].kind is Kind.WORD
                and not r.tokens[end].text.startswith("و")
            ):
                return None  # a longer phrase: not a list of names
        items.append(_Item(k, end, known))
        k = end
        if k >= stop:
            break
        if r.is_punct(k, COMMAS):
            if final:
                break  # "..., A and B, who ..."
            k += 1
            continue
        if r.word(k) in ("and", "&"):
            continue
        nxt = r.entity_at[k]
        if r.tokens[k].script is Script.ARABIC and (
            r.tokens[k].text.startswith("و") or (nxt is not None and nxt.prefix.startswith("و"))
        ):
            continue
        if final:
            break
        return None  # the list runs into a sentence: unclear where it ends
    if not items:
        return None
    return items, items[-1].end


def _item_span(r: _Reader, item: _Item) -> tuple[int, int]:
    """Original span of an item, without a leading conjunction ("وألكسندر" -> "ألكسندر")."""
    start, end = r.span(item.start, item.end)
    ent = r.entity_at[item.start]
    if ent is not None and ent.token_start == item.start:
        return ent.start, end
    tok = r.tokens[item.start]
    if tok.script is Script.ARABIC and tok.text.startswith("و") and item.start > 0:
        return r.norm.orig_start(tok.start + 1), end
    return start, end


_ITEM_END = re.compile(r"[,;،؛:(—–]| - ")


def _markdown_list(
    r: _Reader, j: int, lists: tuple[tuple[tuple[int, int], ...], ...]
) -> tuple[tuple[int, int], ...] | None:
    """The items of the Markdown list that starts at token j (after "N items:"), each
    cut at its first comma, semicolon or dash ("- Ivo Marsh, to a club abroad;")."""
    while j < r.n and r.tokens[j].kind is Kind.NEWLINE:
        j += 1
    if j >= r.n:
        return None
    at = r.norm.orig_start(r.tokens[j].start)
    for items in lists:
        if items and items[0][0] <= at < items[0][1]:
            spans = []
            for a, b in items:
                cut = _ITEM_END.search(r.norm.source, a, b)
                spans.append((a, cut.start() if cut else b))
            return tuple(spans)
    return None


def _lists(
    r: _Reader, markdown_lists: tuple[tuple[tuple[int, int], ...], ...] = ()
) -> list[ListClaim]:
    out: list[ListClaim] = []
    used_until = -1
    for i in r.select(_may_count):
        if i <= used_until:
            continue
        counted = _count_word(r, i)
        if counted is None:
            continue
        count, definite = counted
        if r.word(i + 1) in LIST_NOT_NOUNS or count > 12:
            continue  # a list of more than a dozen is not written out in a sentence
        if definite and any(r.word(j) in ("من", "of") for j in range(max(0, i - 5), i)):
            continue  # "اثنين من أظهرة الفريق الثلاثة": the count of a larger group
        # words up to the introducer
        k = i + 1
        words = 0
        while k < r.n and words <= 5:
            tok = r.tokens[k]
            if tok.kind is Kind.WORD and r.word(k) not in LIST_INTRO_WORDS | LIST_SUBSET_WORDS:
                words += 1
                k += 1
                continue
            if (
                r.is_punct(k, {"-"})
                and words
                and r.tokens[k + 1 : k + 2]
                and (r.tokens[k + 1].kind is Kind.WORD)
            ):
                k += 1  # "three new vice-presidents:"
                continue
            break
        if words > 5:
            continue
        english = r.tokens[i].script is Script.LATIN or (
            r.tokens[i].kind is Kind.NUMBER and r.tokens[max(0, i - 1)].script is Script.LATIN
        )
        if words == 0 and not (definite and not english):
            continue
        subset = False
        strict = False
        j = k
        if r.is_punct(j, COMMAS) and r.word(j + 1) in LIST_INTRO_WORDS | LIST_SUBSET_WORDS:
            j += 1
        word = r.word(j)
        if word in LIST_INTRO_WORDS:
            j += 1
            if r.is_punct(j, {":"}):
                j += 1
        elif word in LIST_SUBSET_WORDS:
            subset = True
            j += 1
            if r.is_punct(j, {":"}):
                j += 1
        elif r.is_punct(j, {":"} | LIST_DASHES):
            j += 1
            # "three members:" then a Markdown list: one item per block
            strict = j < r.n and r.tokens[j].kind is Kind.NEWLINE
            block = _markdown_list(r, j, markdown_lists) if strict else None
            if block is not None:
                if len(block) >= 2 and not (r.quoted(*r.span(i, i + 1))):
                    start = r.span(i, i + 1)[0]
                    out.append(ListClaim(count, block, start, block[-1][1], False))
                continue
        elif (r.word(j) == "بما" and r.word(j + 1) == "في" and r.word(j + 2) == "ذلك") or (
            r.is_punct(j, COMMAS) and r.word(j + 1) == "بما" and r.word(j + 3) == "ذلك"
        ):
            subset = True
            j += 3 if r.word(j) == "بما" else 4
        else:
            continue
        while j < r.n and r.tokens[j].kind is Kind.NEWLINE and strict:
            j += 1
        if j >= r.n:
            continue
        parsed = _list_items(r, j, strict)
        if parsed is None:
            continue
        items, _ = parsed
        if len(items) < 2 and not subset:
            continue
        if strict and not all(item.known for item in items):
            continue
        if subset and len(items) <= count:
            continue
        spans = tuple(_item_span(r, item) for item in items)
        start = r.span(i, i + 1)[0]
        end = spans[-1][1]
        out.append(ListClaim(count, spans, start, end, r.quoted(start, end)))
        used_until = items[-1].end
    return out


# -- entry point ------------------------------------------------------------------------


def _calendar_date_at(r: _Reader, k: int) -> tuple[int, int, int | None, int] | None:
    """(day, month, year or None, index after) for "17 December [2023]" or
    "December 17[, 2023]" or "17 ديسمبر" at token k."""
    day = _day_at(r, k)
    if day is not None:
        month = _month_at(r, day[1])
        if month is not None:
            year = _year_at(r, month[1])
            return day[0], month[0], year[0] if year else None, year[1] if year else month[1]
        return None
    month = _month_at(r, k)
    if month is not None:
        day = _day_at(r, month[1])
        if day is not None:
            year = _year_at(r, day[1])
            return day[0], month[0], year[0] if year else None, year[1] if year else day[1]
    return None


LOCATIVES = frozenset(fold(w) for w in ("at", "in", "inside", "على", "في", "داخل"))


def _events(r: _Reader) -> list[EventClaim]:
    """An event named with a calendar date or a venue in its clause: "the final on 17
    December", "at Lumen Arena", "المباراة النهائية في 17 ديسمبر على ملعب لومين"."""
    out: list[EventClaim] = []
    for m in r.entities:
        if r.etype(m) != "event":
            continue
        lo, hi = r.segments.sentence_span(m.token_start)
        date: tuple[int, int, int | None] | None = None
        date_span: tuple[int, int] | None = None
        venue: Mention | None = None
        for k in range(max(lo, m.token_start - 12), min(hi, m.token_end + 12)):
            if m.token_start <= k < m.token_end:
                continue
            if date is None:
                found = _calendar_date_at(r, k)
                if found is not None:
                    day, month, year, after = found
                    date = (day, month, year)
                    date_span = r.span(k, after)
            place = r.starts.get(k)
            if (
                venue is None
                and place is not None
                and r.etype(place) == "place"
                and (place.prefix[-1:] == "ب" or r.forms(k - 1) & LOCATIVES)
            ):
                venue = place  # "at Lumen Arena", "على ملعب لومين", "بملعب لومين"
        if date is None and venue is None:
            continue
        start, end = r.span(m.token_start, m.token_end)
        out.append(
            EventClaim(
                event=m,
                day=date[0] if date else None,
                month=date[1] if date else None,
                year=date[2] if date else None,
                date_span=date_span,
                venue=venue,
                start=start,
                end=end,
                quoted=r.quoted(start, end),
            )
        )
    return out


def extract_numeric(
    doc: Document,
    norm: Normalized,
    tokens: tuple[Token, ...],
    segments: Segments,
    mentions: tuple[Mention, ...],
    quotes: QuoteScan,
    facts: Facts,
) -> NumericClaims:
    r = _Reader(norm, tokens, segments, mentions, quotes, facts)
    kinds = _KindIndex.build(facts)
    return NumericClaims(
        ages=tuple(_ages(r)),
        dates=tuple(_dates(r)),
        years=tuple(_years(r)),
        counts=tuple(_counts(r, kinds)),
        lists=tuple(_lists(r, doc.prose.lists)),
        events=tuple(_events(r)),
    )
