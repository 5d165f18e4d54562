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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from factlint.facts.model import Facts
from factlint.model import Mention, MentionKind, RoleClaim, Tense
from factlint.normalize import Normalized, fold
from factlint.quotes import QuoteScan
from factlint.segment import Segments
from factlint.tokens import Kind, Script, Token


def _folded(words: Iterable[str]) -> frozenset[str]:
    """Word lists are compared with normalized tokens: fold them the same way."""
    return frozenset(fold(w) for w in words)


COMMAS = frozenset("،,")
BREAKS = frozenset('؛;!?؟:\n()[]{}“”«»"–—|\ufffc')
EN_ARTICLES = frozenset({"the", "a", "an"})
EN_FORMER = frozenset({"former", "ex", "erstwhile", "onetime", "outgoing"})
EN_CURRENT = frozenset({"current", "incumbent", "sitting", "now"})
EN_THEN = frozenset({"then"})
# phrases after a title that place the role in the past ("at the time", "under President X")
EN_THEN_AFTER = (("at", "the", "time"), ("at", "that", "time"), ("back", "then"), ("then",))
EN_RANGE = frozenset({"from", "between", "until", "till", "to", "through"})
AR_THEN = _folded({"انذاك", "حينها", "وقتها", "حينذاك", "يومها", "وقتذاك"})
AR_THEN_AFTER = (("في", "ذلك", "الوقت"), ("في", "عهد"), ("خلال", "عهد"), ("ابان", "عهد"))
_THEN_AFTER_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(p for p in EN_THEN_AFTER + AR_THEN_AFTER if p[0] == first)
    for first in {p[0] for p in EN_THEN_AFTER + AR_THEN_AFTER}
}
AR_RANGE = _folded({"من", "بين", "حتى", "الى", "منذ", "وحتى"})
EN_LINKERS = frozenset({"of", "at", "for", "in", "with"})
EN_CONJ = frozenset({"and", "&"})
AR_FORMER = _folded(
    {"السابق", "السابقه", "سابق", "سابقه", "سابقا", "الاسبق", "الاسبقه", "الاسبقين", "السابقين"}
)
AR_CURRENT = _folded({"الحالي", "الحاليه", "حاليا"})
AR_LINKERS = frozenset({"في", "لدي", "من"})
# Generic nouns of a construct chain between a title and an organisation's name
# ("حارس نادي X", "مدرب منتخب Y", "وزير خارجية Z" has none).
AR_GENERIC = _folded(
    {
        "نادي", "فريق", "منتخب", "شركه", "وزاره", "حكومه", "بنك", "مصرف", "حزب",
        "مجموعه", "جامعه", "صحيفه", "موقع", "منصه", "دوري", "اتحاد", "هيئه", "مؤسسه",
        "جمعيه", "وكاله", "مجلس", "برلمان", "دوله", "مدينه", "بلديه", "كتله", "تحالف",
    }
)  # fmt: skip
# Adjectives between an Arabic title and what follows it ("وزير المالية الجديد X").
AR_TITLE_ADJECTIVES = _folded(
    {
        "الجديد", "الجديده", "المؤقت", "المؤقته", "المكلف", "المكلفه", "المقبل", "المقبله",
        "المنتخب", "المنتخبه", "العام", "العامه", "الاول", "الاولي", "التنفيذي", "الفخري",
    }
)  # fmt: skip
EN_COPULAS = {"is": Tense.UNSPECIFIED, "remains": Tense.UNSPECIFIED, "was": Tense.THEN}
# verbs that name a person to a title: "named X as TITLE"; "replaced X as TITLE" says X
# held it before
EN_NAMING = frozenset(
    {"named", "names", "name", "appointed", "appoints", "appoint", "hired", "chose",
     "picked", "tapped", "elected", "confirmed", "installed", "made"}
)  # fmt: skip
EN_SUCCEEDING = frozenset({"replaced", "replaces", "succeeded", "succeeds", "ousted"})
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
        segments: Segments,
        mentions: Sequence[Mention],
        facts: Facts,
    ) -> None:
        self.norm = norm
        self.tokens = tokens
        self.segments = segments
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
        if t.kind is Kind.NEWLINE or self.segments.ends_sentence(i):
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
        if not english:  # "وزير المالية الجديد", "الرئيس التنفيذي المؤقت"
            while i < n and self.text(i) in AR_TITLE_ADJECTIVES:
                i += 1
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
                if self.tokens[m.token_end - 1].possessive:
                    # "at Georgetown University's Center for ...": the place is what the
                    # possessive names, a part of that organisation, known or not
                    part = self.at.get(m.token_end)
                    if part is not None and part.kind is MentionKind.ENTITY and self.is_org(part):
                        org, j = part, part.token_end
                    break
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
                        linked = (
                            text in AR_LINKERS
                            or text in AR_GENERIC
                            or (tok.script is Script.ARABIC and text[:1] in "لب" and len(text) > 3)
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
        if org is not None and not english:  # "مدرب هاربور الجديد X"
            while k < n and self.text(k) in AR_TITLE_ADJECTIVES:
                k += 1
        if k < n and self.text(k) in AR_FORMER:
            tense, k = Tense.FORMER, k + 1
        elif k < n and self.text(k) in AR_CURRENT and org is not None:
            tense, k = Tense.CURRENT, k + 1  # "مدرب الفرسان الحالي X"
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
            return Tense.THEN, j
        return tense, i

    def time_after(self, i: int) -> bool:
        """Whether words right after a role (from token i, in its clause) place it in
        the past: "at the time", "under President X", "from 1999 until 2001", آنذاك."""
        n = len(self.tokens)
        anchor = i
        for k in range(i, min(n, i + 10)):
            if k > anchor and not self.segments.same_clause(anchor, k):
                break
            t = self.tokens[k]
            if t.kind is Kind.PUNCT:
                continue
            word = t.text
            for phrase in _THEN_AFTER_BY_FIRST.get(word, ()):
                if tuple(self.text(k + x) for x in range(len(phrase))) == phrase:
                    return True
            if word in AR_THEN:
                return True
            nxt = self.tokens[k + 1] if k + 1 < n else None
            if word == "under" and nxt is not None and nxt.kind is Kind.WORD:
                first = self.norm.source[self.norm.orig_start(nxt.start)]
                if first.isupper() or self.at.get(k + 1) is not None:
                    return True
            if (word in EN_RANGE or word in AR_RANGE) and nxt is not None and _year(nxt):
                return True
            if _year(t) and nxt is not None and nxt.text in "-–—" and k + 2 < n:
                return _year(self.tokens[k + 2])
        return False

    def years(self, i: int) -> tuple[int, ...]:
        """The years named in the sentence of token i."""
        a, b = self.segments.sentence_span(i)
        return tuple(sorted({int(t.text) for t in self.tokens[a:b] if _year(t)}))


def _year(tok: Token) -> bool:
    return (
        tok.kind is Kind.NUMBER
        and len(tok.text) == 4
        and tok.text.isascii()
        and tok.text.isdigit()
        and 1800 <= int(tok.text) <= 2100
    )


def _span(norm: Normalized, a: int, b: int) -> tuple[int, int]:
    return norm.orig_span(a, b)


def extract_roles(
    norm: Normalized,
    tokens: tuple[Token, ...],
    segments: Segments,
    mentions: tuple[Mention, ...],
    quotes: QuoteScan,
    facts: Facts,
) -> tuple[RoleClaim, ...]:
    r = _Reader(norm, tokens, segments, mentions, facts)
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
            if own_tense is Tense.UNSPECIFIED and r.time_after(titles[-1].token_end):
                own_tense = Tense.THEN
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
                    years=r.years(title.token_start),
                )
            )

    verbs = _title_verbs(facts)
    ending_at: dict[int, Mention] = {}  # the first mention ending at each token
    for m in mentions:
        ending_at.setdefault(m.token_end, m)
    for m in mentions:
        if not r.is_person(m):
            continue
        named_by: Mention | None = None
        english = False
        j = m.token_end
        tense = Tense.UNSPECIFIED
        opener = r.text(j)
        arabic = tokens[m.token_start].script is Script.ARABIC
        if opener in COMMAS:
            k = j + 1
            # "X, 35, the Y captain": an age inside the apposition
            if k < len(tokens) and tokens[k].kind is Kind.NUMBER and r.text(k + 1) in COMMAS:
                k += 2
            # "X, who coaches Y" / "X, who is Y's chief executive"
            if r.text(k) == "who":
                verb = verbs.get(r.text(k + 1))
                if verb is not None:
                    _verb_claim(r, m, k + 1, verb, add)
                    continue
                if r.text(k + 1) in EN_COPULAS:
                    tense = EN_COPULAS[r.text(k + 1)]
                    k += 2
        elif opener == "(":
            k = j + 1  # "X (Y captain)", "X (مدرب Y)"
        elif opener in EN_COPULAS and not arabic:
            tense = EN_COPULAS[opener]  # "X is Y's chief executive"
            k = j + 1
        elif opener == "as" and r.text(m.token_start - 1) in EN_NAMING | EN_SUCCEEDING:
            # "named X as chief executive": a claim about the title, not the date
            tense = Tense.THEN
            k = j + 1
            subject = ending_at.get(m.token_start - 1)
            if r.is_org(subject):
                named_by = subject  # "Norvale named X as chief executive": at Norvale
            else:  # "At Altura Energy, the board named X as chief executive"
                lo, _ = segments.sentence_span(m.token_start)
                opening = r.at.get(lo + 1) if r.text(lo) in ("at", "في", "لدى") else None
                if (
                    r.is_org(opening)
                    and opening is not None
                    and r.text(opening.token_end) in COMMAS
                ):
                    named_by = opening
        elif arabic and r.is_title(r.at.get(j)) and not r.at[j].prefix:
            k = j  # "وقال X مدرب Y إن": apposition without a comma
        else:
            continue
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
        if titles[0].prefix[:1] in ("و", "ف"):
            continue  # "X، والقائدة Y": the next item of a list, not an apposition
        english = tokens[titles[0].token_start].script is Script.LATIN
        part: _OrgPart | None = None
        base = tense
        if org is None:
            part = r.org_part(after, english)
            org = part.org
            base = tense
            if part.tense is not Tense.UNSPECIFIED:
                tense = part.tense
        end = part.end if part is not None else after
        if r.is_person(r.at.get(end)):
            continue  # "X, captain Y and ...": the title stands before the next name
        if org is None and named_by is not None:
            org = named_by
        add(m, titles, org, tense, part, base)

    # title first: "TITLE [of ORG], PERSON", "ORG's TITLE PERSON", "TITLE PERSON"
    for t in mentions:
        if not r.is_title(t) or t.start in used_titles:
            continue
        if t.prefix and t.prefix[-1:] in "بك":
            continue  # "بمنصب", "كرئيس": a role being given, not an apposition
        before = r.text(t.token_start - 1)
        if before in AS_WORDS:
            continue
        tense, first_used = r.tense_before(t.token_start)
        if r.text(first_used - 1) == "under" or (
            r.text(first_used - 2) == "في" and r.text(first_used - 1) == "عهد"
        ):
            tense = Tense.THEN  # "under Prime Minister X", "في عهد الرئيس X"
        org = None
        prev = ending_at.get(min(t.token_start, first_used))  # "ORG's TITLE"
        if r.is_org(prev) and prev is not None:
            org = prev
            if tense is Tense.UNSPECIFIED:  # "former Salesforce co-CEO X"
                tense, _ = r.tense_before(prev.token_start)
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


def _title_verbs(facts: Facts) -> dict[str, str]:
    """English verbs that say a person holds a title: "coaches" (coach), "captains"
    (captain), "chairs" (chair), "leads" (leader), "manages" (manager), and "runs"
    (the chief executive, else a head)."""
    verbs: dict[str, str] = {}
    runs: dict[str, str] = {}
    for title in sorted(facts.titles.values(), key=lambda t: t.id):
        for name in title.names.get("en", ()):
            word = name.lower()
            if word in ("chief executive", "ceo", "head", "managing director"):
                runs.setdefault(word, title.id)
            if " " in word or "-" in word or len(word) < 4:
                continue
            stems = [word]
            if word.endswith("er"):
                stems.append(word[:-2])  # leader -> lead, manager -> manag(es)
            for stem in stems:
                for form in (stem + "s", stem + "es", stem + "ed", stem + "d"):
                    verbs.setdefault(form, title.id)
    for word in ("chief executive", "ceo", "managing director", "head"):
        if word in runs:
            verbs.setdefault("runs", runs[word])
            break
    return verbs


def _verb_claim(
    r: _Reader,
    person: Mention,
    k: int,
    title_id: str,
    add: Callable[..., None],
) -> None:
    """ "X, who coaches Y": the verb at token k stands for the title."""
    tok = r.tokens[k]
    start, end = r.norm.orig_span(tok.start, tok.end)
    title = Mention(
        kind=MentionKind.TITLE,
        target=title_id,
        start=start,
        end=end,
        text=r.norm.source[start:end],
        name=tok.text,
        lang="en",
        token_start=k,
        token_end=k + 1,
    )
    i = k + 1
    while r.text(i) in EN_ARTICLES:
        i += 1
    org = r.at.get(i)
    if not r.is_org(org) or org is None:
        return
    add(person, [title], org, Tense.UNSPECIFIED, None, Tense.UNSPECIFIED)
