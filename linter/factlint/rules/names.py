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
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from factlint.api import CheckContext, Rule
from factlint.facts.model import Entity
from factlint.hookspecs import hookimpl
from factlint.mentions import strip_proclitics
from factlint.model import Finding, Mention, MentionKind, NameStatus, Severity
from factlint.normalize import fold
from factlint.rules.docs import rule_docs
from factlint.tokens import Kind, Script, Token, has_arabic
from factlint.translit import arabic_skeleton, latin_skeleton

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
            if m.kind is MentionKind.ENTITY and m.status.full:
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
            f"write '{right}'",
            replacement=right,
            facts=[entity.fact("names")],
        )


def _reporting_context(ctx: CheckContext, m: Mention) -> bool:
    tokens = ctx.tokens
    i = m.token_start - 1
    seen = 0
    while i >= 0 and seen < 3:
        t = tokens[i]
        if ctx.segments.ends_sentence(i):
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
            f"the document calls it '{right}' elsewhere",
            replacement=right,
            facts=[entity.fact("names")],
        )
    # spelling variants of a name mixed with another form of it (standard names
    # listed under `names` are interchangeable and never reported)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in ctx.mentions:
        if m.kind is MentionKind.ENTITY and m.status.full:
            groups[m.target].append(m)
    for target, group in groups.items():
        if not any(m.status is NameStatus.VARIANT for m in group):
            continue
        by_form = Counter(fold(m.name) for m in group)
        if len(by_form) < 2:
            continue
        entity = facts.entities[target]
        standard = {fold(m.name) for m in group if m.status is not NameStatus.VARIANT}
        # the document's majority form, a standard name winning a tie
        majority = max(sorted(by_form), key=lambda f: (by_form[f], f in standard))
        right = next(m.text for m in group if fold(m.name) == majority)
        right_variant = next(m for m in group if fold(m.name) == majority).status
        for m in group:
            if fold(m.name) == majority:
                continue
            if m.status is not NameStatus.VARIANT and right_variant is not NameStatus.VARIANT:
                continue  # two standard names: interchangeable
            yield ctx.finding(
                NM002.code,
                m.start,
                m.end,
                f"{entity.preferred('en')} is written '{right}' elsewhere in this document; "
                f"'{m.text}' is a spelling variant: use one form",
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
            f"",
            replacement=right,
            facts=[entity.fact("names")],
        )


_EN_ENDINGS = ("s", "es", "i", "an", "ian", "ese", "ish", "n")  # plurals and demonyms
_AR_ENDINGS = ("ي", "يه", "يون", "يين", "ه", "ها", "هم", "ان", "ين")


def _inflected(word: str, name: str) -> bool:
    """The name with an ending of the language: "the Bergs", "نورلاندي"."""
    longer, shorter = (word, name) if len(word) > len(name) else (name, word)
    if not longer.startswith(shorter):
        return False
    rest = longer[len(shorter) :]
    return rest in (_AR_ENDINGS if has_arabic(word) else _EN_ENDINGS)


def _close(word: str, name: str, minimum: int = 4) -> bool:
    """Within one edit (two for long names) and similar enough; ``minimum`` letters."""
    if word == name or min(len(word), len(name)) < minimum or _inflected(word, name):
        return False
    limit = 1 if max(len(word), len(name)) < 8 else 2
    return OSA.distance(word, name) <= limit and (ratio(word, name) >= 80 or word[0] == name[0])


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
                if script is Script.ARABIC and not has_arabic(form):
                    # across scripts: consonant skeletons one edit apart read as close
                    # (equal skeletons are a correct rendering of the name)
                    distance = OSA.distance(arabic_skeleton(word), latin_skeleton(form))
                    score = max(score, 80.0 if distance == 1 else 0.0)
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
            f"{person.preferred('en')} as {role_text}{context} -- did you mean '{right}'?"
        )
        a, b = claim.org_slot
        yield a, b, ctx.finding(NM001.code, a, b, message, replacement=right, facts=refs)


def _described(ctx: CheckContext, entity: Entity, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    text = fold(ctx.document.text[span[0] : span[1]])
    return any(fold(d) in text for forms in entity.descriptors.values() for d in forms)


# Arabic letters that stand for vowels, and groups of letters that render one
# foreign sound (g: ج غ ق ك, v: ف ڤ, ...): a name written with another choice
# is a transliteration variant, not a misspelling.
_AR_VOWELS = frozenset("اويىهةأإآءئؤ")
_AR_SOUNDS = {
    **dict.fromkeys("جغقكگ", "G"),
    **dict.fromkeys("فڤ", "F"),
    **dict.fromkeys("بپ", "B"),
    **dict.fromkeys("تط", "T"),
    **dict.fromkeys("سصث", "S"),
    **dict.fromkeys("زذظ", "Z"),
    **dict.fromkeys("دض", "D"),
    **dict.fromkeys("هح", "H"),
}


def _skeleton(word: str) -> str:
    consonants = [_AR_SOUNDS.get(c, c) for c in word if c not in _AR_VOWELS]
    return "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


def transliteration_variant(word: str, name: str) -> bool:
    """Whether two Arabic-script spellings differ only in vowel letters, doubled
    letters or the letter chosen for one foreign sound."""
    return has_arabic(word) and _skeleton(word) == _skeleton(name)


def _common(ctx: CheckContext, readings: Sequence[tuple[str, str]], script: Script) -> bool:
    lang = "ar" if script is Script.ARABIC else "en"
    return any(ctx.vocabulary.is_common(stem, lang) for _, stem in readings)


def _part_of_other_name(ctx: CheckContext, i: int, toks: AbstractSet[str]) -> bool:
    """A Latin word beside another capitalised word that is not of this name
    ("Greg Allman", "Allman Brothers") belongs to some other name."""
    for j in (i - 1, i + 1):
        if not 0 <= j < len(ctx.tokens):
            continue
        t = ctx.tokens[j]
        if t.kind is not Kind.WORD or t.script is not Script.LATIN or t.text in toks:
            continue
        if ctx.segments.ends_sentence(j - 1) and j < i:
            continue  # the word before opens the sentence: its capital says nothing
        start = ctx.normalized.orig_start(t.start)
        if ctx.document.text[start : start + 1].isupper():
            return True
    return False


def _clause_evidence(ctx: CheckContext, i: int, entity: Entity) -> bool:
    """A title the entity holds (for a person) or a descriptor of it in the same clause."""
    facts = ctx.facts
    lo, hi = ctx.segments.sentence_span(i)
    for m in ctx.mentions:
        if m.kind is not MentionKind.TITLE or not lo <= m.token_start < hi:
            continue
        if not ctx.segments.same_clause(m.token_start, i):
            continue
        if entity.type == "person" and any(
            facts.is_kind_of(r.title, m.target) for r in entity.roles
        ):
            return True
        if entity.type != "person" and any(True for _ in facts.roles_for(m.target, entity.id)):
            return True
    a = ctx.normalized.orig_start(ctx.tokens[lo].start) if lo < len(ctx.tokens) else 0
    b_tok = ctx.tokens[hi - 1] if 0 < hi <= len(ctx.tokens) else None
    b = ctx.normalized.orig_span(b_tok.start, b_tok.end)[1] if b_tok else a
    return _described(ctx, entity, (a, b))


def check_near_miss(ctx: CheckContext) -> Iterator[Finding]:
    yield from (f for f in _near_misses(ctx) if f.code == NM001.code)


def check_variant(ctx: CheckContext) -> Iterator[Finding]:
    yield from (f for f in _near_misses(ctx) if f.code == NM004.code)


def _near_misses(ctx: CheckContext) -> list[Finding]:
    """NM001 and NM004 findings, computed once per document."""
    cached = ctx.cache.get("names.near_misses")
    if cached is None:
        cached = list(_find_near_misses(ctx))
        ctx.cache["names.near_misses"] = cached
    return cached  # type: ignore[return-value]


def _find_near_misses(ctx: CheckContext) -> Iterator[Finding]:
    taken: list[tuple[int, int]] = []
    for a, b, finding in _slot_findings(ctx):
        taken.append((a, b))
        yield finding
    facts = ctx.facts
    mentioned = sorted({m.target for m in ctx.mentions if m.kind is MentionKind.ENTITY})
    covered = {i for m in ctx.mentions for i in range(m.token_start, m.token_end)}
    # every word of every name: needs the rest of the name beside it
    names: dict[str, frozenset[str]] = {}
    strong: dict[str, frozenset[str]] = {}  # one-word names and surnames: stand on their own
    name_words = ctx.lexicon.name_words

    def load(target: str) -> bool:
        if target in names:
            return True
        found = name_words.get(target)
        if found is None:
            return False
        names[target] = frozenset(found[0])
        strong[target] = frozenset(found[1])
        return True

    mentioned = [t for t in mentioned if load(t)]
    known_words = {t for target in mentioned for t in names[target]}
    choices = sorted(known_words)
    in_full_names = {
        k
        for m in ctx.mentions
        if m.status.full and m.token_end - m.token_start > 1
        for k in range(m.token_start, m.token_end)
    }
    lexicon = ctx.lexicon
    text = ctx.document.text
    for i, tok in enumerate(ctx.tokens):
        if tok.kind is not Kind.WORD or i in covered or tok.text in known_words:
            continue
        # the cheap tests first: a lower-case Latin word, a word of another script and
        # a common word of the language are never misspelt names
        start, _ = ctx.normalized.orig_span(tok.start, tok.end)
        readings: Sequence[tuple[str, str]] = [("", tok.text)]
        if tok.script is Script.LATIN:
            if not text[start : start + 1].isupper():
                continue
        elif tok.script is Script.ARABIC:
            readings = strip_proclitics(tok.text)
        else:
            continue
        if _common(ctx, readings, tok.script):
            continue
        bare = [stem for _, stem in readings] if tok.script is Script.ARABIC else [tok.text]
        if any(lexicon.is_name_word(b) or lexicon.starts(b) for b in bare):
            continue  # an exact name (of any entity) behind a proclitic
        if any(a <= start < b for a, b in taken):
            continue
        # candidates within two edits (a transposition is one): names of entities the
        # document mentions (found in rapidfuzz's C loop), and of entities one of
        # whose name words stands right beside this word
        near = {
            n
            for _, stem in readings
            if len(stem) >= 4 and choices
            for n, _, _ in extract(stem, choices, scorer=OSA.distance, score_cutoff=2, limit=None)
        }
        beside = sorted(
            {
                target
                for j in _neighbours(ctx, i)
                if 0 <= j < len(ctx.tokens) and ctx.tokens[j].kind is Kind.WORD
                for form in _forms(ctx.tokens[j])
                for target in ctx.lexicon.word_entities.get(form, ())
                if load(target)
            }
        )
        for target in beside:
            near |= names[target]
        if not near:
            continue
        for target in sorted({*mentioned, *beside}):
            toks = names[target]
            # beside the rest of the name, a three-letter surname is checked too
            minimum = 3 if target in beside else 4
            hit = next(
                (
                    (p, s, n)
                    for p, s in readings
                    for n in sorted(toks & near)
                    if len(s) >= minimum and _close(s, n, minimum)
                ),
                None,
            )
            if hit is None:
                continue
            prefix, stem, name_tok = hit
            entity = facts.entities[target]
            adjacent = _adjacent_name(ctx, i, toks, in_full_names)
            if tok.script is Script.LATIN and not adjacent and _part_of_other_name(ctx, i, toks):
                continue
            described = not adjacent and _clause_evidence(ctx, i, entity)
            standalone = name_tok in strong[target]
            if not (adjacent or described or standalone):
                continue
            sa, _ = ctx.segments.sentence_span(i)
            if tok.script is Script.LATIN and sa == i and not (adjacent or described):
                continue  # a capital at the start of a sentence says nothing
            if tok.script is Script.ARABIC and not (adjacent or described) and len(stem) < 5:
                continue
            right_tok = _original_name_token(entity, name_tok, tok.script)
            if right_tok is None:
                continue
            a, b = ctx.normalized.orig_span(tok.start + len(prefix), tok.end)
            if transliteration_variant(stem, name_tok):
                code = NM004.code
                message = (
                    f"'{text[a:b]}' may be a variant spelling of '{right_tok}' "
                    f"({entity.preferred('en')}); the facts do not list it"
                )
            else:
                code = NM001.code
                context = (
                    "next to the rest of the name"
                    if adjacent
                    else "with a title or description of it in the same clause"
                    if described
                    else "not a word of the language, and named so elsewhere in this document"
                )
                message = (
                    f"'{text[a:b]}' looks like a misspelling of '{right_tok}' "
                    f"({entity.preferred('en')}, {context})"
                )
            yield ctx.finding(
                code, a, b, message, replacement=right_tok, facts=[entity.fact("names")]
            )
            break


def _forms(tok: Token) -> list[str]:
    if tok.script is Script.ARABIC:
        return [stem for _, stem in strip_proclitics(tok.text)]
    return [tok.text]


_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "van", "von", "de", "da", "di"})


def _neighbours(ctx: CheckContext, i: int) -> list[int]:
    """The words on either side of word i, across a hyphen or a name particle
    ("Hamad al-Qasmi": "Hamad" neighbours "Qasmi")."""
    out = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(ctx.tokens) and (
            (ctx.tokens[j].kind is Kind.PUNCT and ctx.tokens[j].text == "-")
            or ctx.tokens[j].text in _PARTICLES
        ):
            j += step
        out.append(j)
    return out


def _adjacent_name(
    ctx: CheckContext, i: int, toks: AbstractSet[str], in_full_names: set[int]
) -> bool:
    """The word stands beside another word of the name that is not already a full name
    (``in_full_names``: the token positions of complete multi-word names)."""
    for j in _neighbours(ctx, i):
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
    fix="safe",
)
NM004 = Rule(
    code="NM004",
    name="name-variant",
    summary="A spelling of a known name that differs only as transliterations do (vowel letters, one foreign sound)",
    check=check_variant,
    severity=Severity.WARNING,
    family="names",
    docs=rule_docs("NM004"),
    fix="unsafe",
)
NM002 = Rule(
    code="NM002",
    name="name-inconsistent",
    summary="One entity named in different ways in one document",
    check=check_inconsistent,
    severity=Severity.WARNING,
    family="names",
    docs=rule_docs("NM002"),
    fix="safe",
)
NM003 = Rule(
    code="NM003",
    name="name-avoided-form",
    summary="A name form the facts list as wrong",
    check=check_avoided,
    severity=Severity.WARNING,
    family="names",
    docs=rule_docs("NM003"),
    fix="safe",
)


@hookimpl
def factlint_rules() -> list[Rule]:
    return [NM001, NM002, NM003, NM004]
