"""Role claims: PERSON — TITLE — ORGANISATION — tense.

Patterns (Arabic proclitics and English possessives are already handled by the
mention finder):

* apposition, person first: ``PERSON, [the] [former] TITLE [of|at ORG]``,
  ``PERSON، TITLE [السابق] لشركة|لمنصة|في ... ORG``, ``PERSON, ORG's TITLE``;
* title first: ``TITLE [of ORG], PERSON``, ``ORG's TITLE PERSON``,
  ``ORG TITLE PERSON``, ``عضو مجلس الإدارة PERSON``;
* titles joined by a conjunction share the organisation (``president and
  chair of OpenAI``, ``رئيس ورئيس OpenAI``).

Between a title and its organisation Arabic often puts a descriptive phrase
(``لشركة البرمجيات``، ``لمنصة بث ألعاب الفيديو``); up to six words are skipped.
When the organisation slot holds a word that names no known organisation, it is
recorded (``org_slot``) so that the name rules can check it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factlint.facts.model import Facts
from factlint.model import Mention, MentionKind, RoleClaim, Tense
from factlint.normalize import Normalized
from factlint.quotes import QuoteScan
from factlint.tokens import Kind, Script, Token

COMMAS = frozenset("،,")
BREAKS = frozenset('.؛;!?؟:\n()[]{}“”«»"–—|')
EN_ARTICLES = frozenset({"the", "a", "an"})
EN_FORMER = frozenset({"former", "ex", "erstwhile", "onetime", "outgoing"})
EN_CURRENT = frozenset({"current", "incumbent", "sitting"})
EN_THEN = frozenset({"then"})
EN_LINKERS = frozenset({"of", "at", "for", "in", "with"})
EN_CONJ = frozenset({"and", "&"})
AR_FORMER = frozenset({"السابق", "السابقه", "سابق", "سابقه", "سابقا", "الاسبق", "الاسبقه"})
AR_CURRENT = frozenset({"الحالي", "الحاليه", "حاليا"})
AR_LINKERS = frozenset({"في", "لدي", "من"})
ANAPHORS = frozenset({"الشركه", "company", "firm", "startup", "organisation", "organization"})
AS_WORDS = frozenset({"as", "منصب", "بمنصب", "كمنصب"})
MAX_DESCRIPTOR = 6
ORG_TYPES = frozenset({"organization", "publication", "product", "place"})


@dataclass(frozen=True)
class _OrgPart:
    org: Mention | None
    tense: Tense
    end: int  # token index one past the part
    slot: tuple[int, int] | None = None  # normalized offsets of an unknown org word
    descriptor: tuple[int, int] | None = None  # normalized offsets of descriptive words


class _Reader:
    def __init__(
        self,
        norm: Normalized,
        tokens: tuple[Token, ...],
        mentions: Sequence[Mention],
        facts: Facts,
    ) -> None:
        self.norm = norm
        self.tokens = tokens
        self.mentions = mentions
        self.facts = facts
        self.at: dict[int, Mention] = {m.token_start: m for m in mentions}

    def entity_type(self, m: Mention) -> str:
        entity = self.facts.entities.get(m.target)
        return entity.type if entity is not None else ""

    def is_person(self, m: Mention | None) -> bool:
        return m is not None and m.kind is MentionKind.ENTITY and self.entity_type(m) == "person"

    def is_org(self, m: Mention | None) -> bool:
        return m is not None and m.kind is MentionKind.ENTITY and self.entity_type(m) in ORG_TYPES

    def is_title(self, m: Mention | None) -> bool:
        return m is not None and m.kind is MentionKind.TITLE

    def text(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def is_break(self, i: int, commas: bool = True) -> bool:
        if i >= len(self.tokens):
            return True
        t = self.tokens[i]
        if t.kind is Kind.NEWLINE:
            return True
        return t.kind is Kind.PUNCT and (t.text in BREAKS or (commas and t.text in COMMAS))

    def skip_joiners(self, i: int) -> int:
        while (
            i < len(self.tokens)
            and self.tokens[i].kind is Kind.PUNCT
            and self.tokens[i].text in "-'"
        ):
            i += 1
        return i

    def last_org_before(self, offset: int) -> Mention | None:
        best: Mention | None = None
        for m in self.mentions:
            if m.start >= offset:
                break
            if self.is_org(m) and self.entity_type(m) == "organization":
                best = m
        return best

    # -- the organisation part after a title ---------------------------------
    def org_part(self, i: int, english: bool) -> _OrgPart:
        tense = Tense.UNSPECIFIED
        n = len(self.tokens)
        # Arabic: tense marker right after the title ("الرئيس التنفيذي السابق")
        if i < n and self.text(i) in AR_FORMER:
            tense, i = Tense.FORMER, i + 1
        elif i < n and self.text(i) in AR_CURRENT:
            tense, i = Tense.CURRENT, i + 1
        start = i
        org: Mention | None = None
        slot: tuple[int, int] | None = None
        descriptor: tuple[int, int] | None = None
        j = i
        words = 0
        linked = False
        while j < n and not self.is_break(j):
            m = self.at.get(j)
            tok = self.tokens[j]
            if m is not None and self.is_person(m):
                break
            if m is not None and m.kind is MentionKind.ENTITY and self.is_org(m):
                if words == 0 or linked or m.prefix:
                    org = m
                    if linked and words > 1:
                        descriptor = (self.tokens[start].start, self.tokens[j - 1].end)
                    j = m.token_end
                break
            if m is not None and self.is_title(m):
                break
            if tok.kind in (Kind.WORD, Kind.NUMBER):
                text = tok.text
                if words == 0:
                    if english:
                        linked = text in EN_LINKERS
                    else:
                        linked = text in AR_LINKERS or (
                            tok.script is Script.ARABIC and text[:1] in "لب" and len(text) > 3
                        )
                    if not linked:
                        break
                if text in AR_FORMER:
                    tense = Tense.FORMER
                    j += 1
                    continue
                stem = text[1:] if text[:1] in "لب" else text
                anaphor = text in ANAPHORS or stem in ANAPHORS
                if linked and anaphor and self.is_break(j + 1):  # "of the company." / "في الشركة،"
                    org = self.last_org_before(self.norm.orig_start(tok.start))
                    j += 1
                    break
                words += 1
                if words > MAX_DESCRIPTOR + 1:
                    break
            j += 1
        if org is None and linked and words >= 2:
            # the last word before the clause ends is where the organisation's name stands
            last = j - 1
            while last > start and self.tokens[last].kind is not Kind.WORD:
                last -= 1
            tok = self.tokens[last]
            if (
                self.is_break(j)
                and self.at.get(last) is None
                and (tok.script is Script.LATIN or words <= 6)
            ):
                slot = (tok.start, tok.end)
                if words > 2:
                    descriptor = (self.tokens[start].start, self.tokens[last - 1].end)
        # Arabic: tense marker after the organisation ("... لشركة X السابق")
        k = j
        if k < n and self.text(k) in AR_FORMER:
            tense, k = Tense.FORMER, k + 1
        return _OrgPart(org, tense, k if org is not None else j, slot, descriptor)

    def titles_from(self, i: int) -> tuple[list[Mention], int]:
        """A title, and further titles joined to it by a conjunction."""
        titles: list[Mention] = []
        m = self.at.get(i)
        while self.is_title(m):
            assert m is not None
            titles.append(m)
            i = m.token_end
            nxt = self.at.get(i)
            if self.is_title(nxt) and nxt is not None and nxt.prefix in ("و", "و"):
                m = nxt
                continue
            if self.text(i) in EN_CONJ and self.is_title(self.at.get(i + 1)):
                m = self.at.get(i + 1)
                continue
            break
        return titles, i

    def tense_before(self, i: int) -> tuple[Tense, int]:
        """English tense words before a title at token i; returns the first index used."""
        tense = Tense.UNSPECIFIED
        j = i - 1
        while j >= 0 and self.tokens[j].kind is Kind.PUNCT and self.tokens[j].text == "-":
            j -= 1
        word = self.text(j)
        if word in EN_FORMER:
            return Tense.FORMER, j
        if word in EN_CURRENT:
            return Tense.CURRENT, j
        if word in EN_THEN:
            return Tense.UNSPECIFIED, j
        return tense, i


def _span(norm: Normalized, a: int, b: int) -> tuple[int, int]:
    return norm.orig_span(a, b)


def extract_roles(
    norm: Normalized,
    tokens: tuple[Token, ...],
    mentions: tuple[Mention, ...],
    quotes: QuoteScan,
    facts: Facts,
) -> tuple[RoleClaim, ...]:
    r = _Reader(norm, tokens, mentions, facts)
    claims: list[RoleClaim] = []
    used_titles: set[int] = set()

    def add(
        person: Mention,
        titles: list[Mention],
        org: Mention | None,
        tense: Tense,
        part: _OrgPart | None,
        base_tense: Tense = Tense.UNSPECIFIED,
    ) -> None:
        for index, title in enumerate(titles):
            used_titles.add(title.start)
            own_tense = tense
            if part is not None and part.tense is not Tense.UNSPECIFIED and index < len(titles) - 1:
                own_tense = base_tense  # "chair and former CEO": the marker follows the last title
            start = min(person.start, title.start)
            end = max(person.end, title.end, org.end if org else 0)
            slot = desc = None
            slot_text = None
            if part is not None and part.slot is not None:
                slot = _span(norm, *part.slot)
                slot_text = norm.source[slot[0] : slot[1]]
                end = max(end, slot[1])
            if part is not None and part.descriptor is not None:
                desc = _span(norm, *part.descriptor)
            claims.append(
                RoleClaim(
                    person=person,
                    title=title,
                    org=org,
                    tense=own_tense,
                    start=start,
                    end=end,
                    quoted=quotes.quoted(start),
                    org_slot=slot,
                    org_slot_text=slot_text,
                    descriptor=desc,
                )
            )

    for m in mentions:
        if not r.is_person(m):
            continue
        english = False
        j = m.token_end
        if j >= len(tokens) or tokens[j].text not in COMMAS:
            continue
        k = j + 1
        tense = Tense.UNSPECIFIED
        while r.text(k) in EN_ARTICLES:
            k += 1
        k = r.skip_joiners(k)
        if r.text(k) in EN_FORMER | EN_CURRENT | EN_THEN:
            word = r.text(k)
            tense = (
                Tense.FORMER
                if word in EN_FORMER
                else Tense.CURRENT
                if word in EN_CURRENT
                else tense
            )
            k = r.skip_joiners(k + 1)
            english = True
        org: Mention | None = None
        first = r.at.get(k)
        if r.is_org(first) and first is not None:
            # "PERSON, OpenAI's [former] chief scientist" / "PERSON, the OpenAI chief scientist"
            k2 = first.token_end
            word = r.text(k2)
            if word in EN_FORMER | EN_CURRENT:
                k2 = r.skip_joiners(k2 + 1)
            if r.is_title(r.at.get(k2)):
                org = first
                if word in EN_FORMER:
                    tense = Tense.FORMER
                elif word in EN_CURRENT:
                    tense = Tense.CURRENT
                k = k2
        titles, after = r.titles_from(k)
        if not titles:
            continue
        english = tokens[titles[0].token_start].script is Script.LATIN
        part: _OrgPart | None = None
        base = tense
        if org is None:
            part = r.org_part(after, english)
            org = part.org
            base = tense
            if part.tense is not Tense.UNSPECIFIED:
                tense = part.tense
        add(m, titles, org, tense, part, base)

    # title first: "TITLE [of ORG], PERSON", "ORG's TITLE PERSON", "TITLE PERSON"
    ending_at: dict[int, Mention] = {}  # the first mention ending at each token
    for m in mentions:
        ending_at.setdefault(m.token_end, m)
    for t in mentions:
        if not r.is_title(t) or t.start in used_titles:
            continue
        if t.prefix and t.prefix[-1:] in "بك":
            continue  # "بمنصب", "كرئيس": a role being given, not an apposition
        before = r.text(t.token_start - 1)
        if before in AS_WORDS:
            continue
        tense, first_used = r.tense_before(t.token_start)
        org = None
        prev = ending_at.get(min(t.token_start, first_used))  # "ORG's TITLE"
        if r.is_org(prev):
            org = prev
        titles, after = r.titles_from(t.token_start)
        if any(x.start in used_titles for x in titles):
            continue
        english = tokens[t.token_start].script is Script.LATIN
        part = None
        base = tense
        if org is None:
            part = r.org_part(after, english)
            org = part.org
            after = part.end
            base = tense
            if part.tense is not Tense.UNSPECIFIED:
                tense = part.tense
        if after < len(tokens) and tokens[after].text in COMMAS:
            after += 1
        person = r.at.get(after)
        if person is None or not r.is_person(person) or person.prefix:
            continue
        add(person, titles, org, tense, part, base)

    claims.sort(key=lambda c: (c.start, c.title.start))
    return tuple(claims)
