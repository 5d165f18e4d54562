"""Names: near-miss spellings, inconsistent naming, known wrong forms.

NM001 near-miss: a word that is one or two edits from a known name, confirmed
by context -- the organisation slot of a role claim whose person's facts name a
similar organisation, the entity named elsewhere in the document, the rest of
the name right beside it, or the entity's descriptors in the same sentence.
NM002 inconsistent: one entity named in different ways in one document (a
transliteration variant next to the standard form, a split name such as
"Open AI", a publication's name translated literally where it is kept elsewhere).
NM003 avoided: a name form the facts list as wrong.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from factlint.api import CheckContext, Rule
from factlint.facts.model import Entity
from factlint.hookspecs import hookimpl
from factlint.mentions import alias_tokens, strip_proclitics
from factlint.model import Finding, Mention, MentionKind, NameStatus, Severity
from factlint.normalize import fold
from factlint.rules.common import cite, has_arabic
from factlint.rules.docs import rule_docs
from factlint.tokens import SENTENCE_BREAKS, Kind, Script, Token

REPORTING_CUES = frozenset(
    {
        "وفقا",
        "وفق",
        "حسب",
        "بحسب",
        "نقلا",
        "نقل",
        "ذكرت",
        "ذكر",
        "قالت",
        "قال",
        "افادت",
        "افاد",
        "نشرت",
        "كشفت",
        "اوردت",
        "وكاله",
        "صحيفه",
        "موقع",
        "مجله",
        "according",
        "reported",
        "told",
        "said",
        "wrote",
        "cited",
    }
)
FOLLOW_OK = frozenset({"ان", "فان", "عن", "that", "on", "in"})


def _in_script(name: str, script: Script) -> bool:
    return has_arabic(name) == (script is Script.ARABIC)


def _name_for(entity: Entity, script: Script, lang: str) -> str:
    langs = ("ar",) if script is Script.ARABIC else (lang, "en")
    for key in langs:
        for form in entity.names.get(key, ()):
            if _in_script(form, script):
                return form
    for forms in entity.names.values():
        for form in forms:
            if _in_script(form, script):
                return form
    return entity.preferred(lang)


def _accepted_forms(ctx: CheckContext, entity_id: str) -> Counter[str]:
    """How the document names an entity with accepted (non-wrong) forms.

    Counted for all entities in one pass per document (kept in ``ctx.cache``):
    a per-call scan made NM003 quadratic in the number of mentions.
    """
    cached = ctx.cache.get("names.accepted_forms")
    table: dict[str, Counter[str]] = cached if isinstance(cached, dict) else {}
    if not isinstance(cached, dict):
        for m in ctx.mentions:
            if m.kind is MentionKind.ENTITY and m.status in (
                NameStatus.PREFERRED,
                NameStatus.ALIAS,
            ):
                table.setdefault(m.target, Counter())[m.text] += 1
        ctx.cache["names.accepted_forms"] = table
    return Counter(table.get(entity_id, ()))


def _suggest(ctx: CheckContext, entity: Entity, script: Script | None = None) -> str:
    """The form to write: the document's own (in the same script when it has one), else the facts'."""
    forms = _accepted_forms(ctx, entity.id)
    if script is not None:
        forms = Counter({f: n for f, n in forms.items() if _in_script(f, script)}) or forms
    if forms:
        return forms.most_common(1)[0][0]
    if script is not None:
        return _name_for(entity, script, ctx.lang)
    return entity.preferred(ctx.lang)


def check_avoided(ctx: CheckContext) -> Iterator[Finding]:
    for m in ctx.mentions:
        if m.status is not NameStatus.AVOID:
            continue
        entity = ctx.facts.entities.get(m.target)
        if entity is None:
            continue
        script = Script.ARABIC if has_arabic(m.text) else Script.LATIN
        right = _suggest(ctx, entity, script)
        yield ctx.finding(
            NM003.code,
            m.start,
            m.end,
            f"'{m.text}' is a known wrong form of the name of {entity.preferred('en')}; "
            f"write '{right}' {cite([entity.fact()])}",
            replacement=right,
            facts=[entity.fact("names")],
        )


def _reporting_context(ctx: CheckContext, m: Mention) -> bool:
    tokens = ctx.tokens
    i = m.token_start - 1
    seen = 0
    while i >= 0 and seen < 3:
        t = tokens[i]
        if t.kind is Kind.NEWLINE or (t.kind is Kind.PUNCT and t.text in SENTENCE_BREAKS):
            break
        if t.kind is Kind.WORD:
            stems = (
                {s for _, s in strip_proclitics(t.text)} if t.script is Script.ARABIC else {t.text}
            )
            if stems & REPORTING_CUES:
                return True
            seen += 1
        i -= 1
    # coordinated with another publication: "رويترز والمعلومات"
    prev = next(
        (p for p in reversed(ctx.mentions) if p.token_end <= m.token_start - 0 and p is not m), None
    )
    if prev is not None and m.prefix.startswith("و") and prev.token_end == m.token_start:
        entity = ctx.facts.entities.get(prev.target)
        return entity is not None and entity.type == "publication"
    return False


def _ends_phrase(ctx: CheckContext, m: Mention) -> bool:
    """The literal form is not followed by a word that continues its noun phrase."""
    if m.token_end >= len(ctx.tokens):
        return True
    nxt = ctx.tokens[m.token_end]
    return nxt.kind is not Kind.WORD or nxt.text in FOLLOW_OK


def check_inconsistent(ctx: CheckContext) -> Iterator[Finding]:
    facts = ctx.facts
    # literal translations next to the real name
    for m in ctx.mentions:
        if m.status is not NameStatus.LITERAL:
            continue
        entity = facts.entities.get(m.target)
        forms = _accepted_forms(ctx, m.target)
        if entity is None or not forms:
            continue
        if not (_reporting_context(ctx, m) and _ends_phrase(ctx, m)):
            continue
        right = forms.most_common(1)[0][0]
        yield ctx.finding(
            NM002.code,
            m.start,
            m.end,
            f"'{m.text}' translates the name of {entity.preferred('en')} literally; "
            f"the document calls it '{right}' elsewhere {cite([entity.fact()])}",
            severity=Severity.WARNING,
            replacement=right,
            facts=[entity.fact("names")],
        )
    # transliteration variants of a full name within one script
    groups: dict[tuple[str, bool], list[Mention]] = defaultdict(list)
    for m in ctx.mentions:
        if m.kind is not MentionKind.ENTITY or m.status not in (
            NameStatus.PREFERRED,
            NameStatus.ALIAS,
        ):
            continue
        if len(alias_tokens(m.name)) < 2 and facts.entities.get(m.target, None) is not None:
            entity = facts.entities[m.target]
            if entity.type == "person":
                continue  # a single-word person alias is a short form
        # transliteration variants are an Arabic-script matter; Latin variants
        # ("Q*" / "Q-star", "Microsoft Corp.") are usually deliberate
        if has_arabic(m.text):
            groups[(m.target, True)].append(m)
    for (target, _), group in groups.items():
        by_form = Counter(fold(m.name) for m in group)
        if len(by_form) < 2:
            continue
        entity = facts.entities[target]
        preferred = {
            fold(f) for f in (entity.names.get("ar", ())[:1] + entity.names.get("en", ())[:1])
        }
        majority = max(by_form, key=lambda f: (by_form[f], f in preferred))
        right = next(m.text for m in group if fold(m.name) == majority)
        for m in group:
            if fold(m.name) == majority:
                continue
            yield ctx.finding(
                NM002.code,
                m.start,
                m.end,
                f"{entity.preferred('en')} is written '{right}' elsewhere in this document; "
                f"use one form {cite([entity.fact()])}",
                severity=Severity.WARNING,
                replacement=right,
                facts=[entity.fact("names")],
            )
    yield from _split_names(ctx)


def _split_names(ctx: CheckContext) -> Iterator[Finding]:
    """Two adjacent words that together are a one-word name ("Open AI")."""
    singles = ctx.lexicon.single_words
    covered = {i for m in ctx.mentions for i in range(m.token_start, m.token_end)}
    words = [i for i, t in enumerate(ctx.tokens) if t.kind is Kind.WORD]
    for a, b in itertools.pairwise(words):
        if a in covered or b in covered or b - a > 2:
            continue
        ta, tb = ctx.tokens[a], ctx.tokens[b]
        if b - a == 2 and ctx.tokens[a + 1].text != "-":
            continue
        if ta.script is not tb.script:
            continue
        target = singles.get(ta.text + tb.text)
        if target is None:
            continue
        entity = ctx.facts.entities[target]
        start, end = ctx.normalized.orig_span(ta.start, tb.end)
        if ta.script is Script.LATIN:
            second = ctx.normalized.orig_start(tb.start)
            if not (ctx.document.text[start].isupper() and ctx.document.text[second].isupper()):
                continue  # "open AI models" is not the name OpenAI
        right = _suggest(ctx, entity, ta.script)
        yield ctx.finding(
            NM002.code,
            start,
            end,
            f"'{ctx.document.text[start:end]}' splits the name of {entity.preferred('en')}; write '{right}' "
            f"{cite([entity.fact()])}",
            severity=Severity.WARNING,
            replacement=right,
            facts=[entity.fact("names")],
        )


def _close(word: str, name: str) -> bool:
    if word == name or len(word) < 4 or len(name) < 4:
        return False
    limit = 1 if max(len(word), len(name)) < 8 else 2
    return Levenshtein.distance(word, name) <= limit and ratio(word, name) >= 80


def _slot_findings(ctx: CheckContext) -> Iterator[tuple[int, int, Finding]]:
    facts = ctx.facts
    for claim in ctx.claims.roles:
        if claim.org is not None or claim.org_slot is None or not claim.org_slot_text:
            continue
        person = facts.entities.get(claim.person.target)
        if person is None:
            continue
        word = fold(claim.org_slot_text)
        script = Script.ARABIC if has_arabic(word) else Script.LATIN
        best: tuple[float, Entity, str] | None = None
        for role in person.roles:
            if role.org is None or not facts.is_kind_of(role.title, claim.title.target):
                continue
            org = facts.entities.get(role.org)
            if org is None:
                continue
            for _, form in org.all_names():
                score = ratio(word, fold(form))
                if best is None or score > best[0]:
                    best = (score, org, form)
        if best is None:
            continue
        score, org, _ = best
        described = _described(ctx, org, claim.descriptor)
        if score < 60 or (score < 80 and not described):
            continue
        right = _name_for(org, script, ctx.lang)
        relevant = [
            r
            for r in person.roles
            if r.org == org.id and facts.is_kind_of(r.title, claim.title.target)
        ]
        role_text = "; ".join(
            facts.role_label(r) + (f" ({r.start} – {r.end or 'present'})" if r.start else "")
            for r in relevant
        )
        refs = [r.fact() for r in relevant] + [org.fact()]
        context = " and its description matches" if described else ""
        message = (
            f"'{claim.org_slot_text}' is not a known organisation; the facts record "
            f"{person.preferred('en')} as {role_text}{context} -- did you mean '{right}'? "
            + cite(refs)
        )
        a, b = claim.org_slot
        yield a, b, ctx.finding(NM001.code, a, b, message, replacement=right, facts=refs)


def _described(ctx: CheckContext, entity: Entity, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    text = fold(ctx.document.text[span[0] : span[1]])
    return any(fold(d) in text for forms in entity.descriptors.values() for d in forms)


def _sentence_of(tokens: tuple[Token, ...], i: int) -> tuple[int, int]:
    a = i
    while a > 0 and not (
        tokens[a - 1].kind is Kind.NEWLINE or tokens[a - 1].text in SENTENCE_BREAKS
    ):
        a -= 1
    b = i
    while b < len(tokens) and not (
        tokens[b].kind is Kind.NEWLINE or tokens[b].text in SENTENCE_BREAKS
    ):
        b += 1
    return a, b


def check_near_miss(ctx: CheckContext) -> Iterator[Finding]:
    taken: list[tuple[int, int]] = []
    for a, b, finding in _slot_findings(ctx):
        taken.append((a, b))
        yield finding
    facts = ctx.facts
    mentioned = {m.target for m in ctx.mentions if m.kind is MentionKind.ENTITY}
    covered = {i for m in ctx.mentions for i in range(m.token_start, m.token_end)}
    names: dict[
        str, set[str]
    ] = {}  # every word of every name: needs the rest of the name beside it
    strong: dict[str, set[str]] = {}  # one-word names and surnames: stand on their own
    for target in mentioned:
        entity = facts.entities.get(target)
        if entity is None:
            continue
        full = [alias_tokens(f) for _, f in entity.all_names()]
        short = [alias_tokens(f) for forms in entity.short.values() for f in forms]
        names[target] = {t for toks in full + short for t in toks}
        strong[target] = {toks[0] for toks in full + short if len(toks) == 1}
    known_words = {t for toks in names.values() for t in toks}
    choices = sorted(known_words)
    in_full_names = {
        k
        for m in ctx.mentions
        if m.status in (NameStatus.PREFERRED, NameStatus.ALIAS) and m.token_end - m.token_start > 1
        for k in range(m.token_start, m.token_end)
    }
    text = ctx.document.text
    for i, tok in enumerate(ctx.tokens):
        if tok.kind is not Kind.WORD or i in covered or tok.text in known_words:
            continue
        bare = (
            [stem for _, stem in strip_proclitics(tok.text)]
            if tok.script is Script.ARABIC
            else [tok.text]
        )
        if any(b in known_words or b in ctx.lexicon.index for b in bare):
            continue  # an exact name behind a proclitic
        start, _ = ctx.normalized.orig_span(tok.start, tok.end)
        if any(a <= start < b for a, b in taken):
            continue
        readings = [("", tok.text)]
        if tok.script is Script.LATIN:
            if not text[start : start + 1].isupper():
                continue
        elif tok.script is Script.ARABIC:
            readings = strip_proclitics(tok.text)
        else:
            continue
        # candidates within two edits, found in rapidfuzz's C loop; _close decides
        near = {
            n
            for _, stem in readings
            if len(stem) >= 4
            for n, _, _ in extract(
                stem, choices, scorer=Levenshtein.distance, score_cutoff=2, limit=None
            )
        }
        if not near:
            continue
        for target, toks in names.items():
            hit = next(
                (
                    (p, s, n)
                    for p, s in readings
                    for n in toks & near
                    if len(s) >= 4 and _close(s, n)
                ),
                None,
            )
            if hit is None:
                continue
            prefix, stem, name_tok = hit
            adjacent = _adjacent_name(ctx, i, toks, in_full_names)
            if not adjacent and name_tok not in strong[target]:
                continue
            sa, _ = _sentence_of(ctx.tokens, i)
            sentence_start = sa == i
            if tok.script is Script.LATIN and sentence_start and not adjacent:
                continue
            if tok.script is Script.ARABIC and not adjacent and len(stem) < 5:
                continue
            entity = facts.entities[target]
            right_tok = _original_name_token(entity, name_tok, tok.script)
            if right_tok is None:
                continue
            a, b = ctx.normalized.orig_span(tok.start + len(prefix), tok.end)
            context = (
                "next to the rest of the name"
                if adjacent
                else "named so elsewhere in this document"
            )
            yield ctx.finding(
                NM001.code,
                a,
                b,
                f"'{text[a:b]}' looks like a misspelling of '{right_tok}' ({entity.preferred('en')}, "
                f"{context}) {cite([entity.fact()])}",
                replacement=right_tok,
                facts=[entity.fact("names")],
            )
            break


def _adjacent_name(ctx: CheckContext, i: int, toks: set[str], in_full_names: set[int]) -> bool:
    """The word stands beside another word of the name that is not already a full name
    (``in_full_names``: the token positions of complete multi-word names)."""
    for j in (i - 1, i + 1):
        if j in in_full_names:
            continue
        if 0 <= j < len(ctx.tokens) and ctx.tokens[j].kind is Kind.WORD:
            t = ctx.tokens[j].text
            if t in toks or any(s in toks for _, s in strip_proclitics(t)):
                return True
    return False


def _original_name_token(entity: Entity, name_tok: str, script: Script) -> str | None:
    """The name word as written in the facts (with its case and hamza)."""
    groups = [entity.names, entity.short]
    for group in groups:
        for forms in group.values():
            for form in forms:
                for word in form.replace("-", " ").split():
                    if fold(word) == name_tok and _in_script(word, script):
                        return word
    return None


NM001 = Rule(
    code="NM001",
    name="name-near-miss",
    summary="A misspelt name of a known person or organisation, confirmed by context",
    check=check_near_miss,
    severity=Severity.ERROR,
    family="names",
    docs=rule_docs("NM001"),
    fixable=True,
)
NM002 = Rule(
    code="NM002",
    name="name-inconsistent",
    summary="One entity named in different ways in one document",
    check=check_inconsistent,
    severity=Severity.WARNING,
    family="names",
    docs=rule_docs("NM002"),
    fixable=True,
)
NM003 = Rule(
    code="NM003",
    name="name-avoided-form",
    summary="A name form the facts list as wrong",
    check=check_avoided,
    severity=Severity.WARNING,
    family="names",
    docs=rule_docs("NM003"),
    fixable=True,
)


@hookimpl
def factlint_rules() -> list[Rule]:
    return [NM001, NM002, NM003]
