"""Finding mentions of entities and titles: one scan over the document's tokens.

Every alias in the facts is normalized and tokenized once into a lexicon keyed
by its whole token sequence, with the lengths of the aliases that begin with
each token; the scan looks up each document token (and the forms it takes
without Arabic proclitics), then the few word sequences of those lengths that
start there, so its cost grows with the document, not with the number of
entities (a common first name does not make a bucket of thousands of aliases
to try). At each position the longest alias wins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from factlint.facts.model import Facts
from factlint.model import Mention, MentionKind, NameStatus
from factlint.normalize import Normalized, fold, normalize
from factlint.tokens import Kind, Script, Token, tokenize

# Arabic proclitics, longest first: conjunctions, prepositions, the article.
_PROCLITICS = (
    "وبال",
    "وكال",
    "فبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ول",
    "وب",
    "وك",
    "فل",
    "فب",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
# Punctuation that may sit inside a multi-word name ("co-CEO", "U.S.", "Q*").
_JOINERS = frozenset("-.'&/*")


@dataclass(frozen=True)
class Alias:
    tokens: tuple[str, ...]
    kind: MentionKind
    target: str
    name: str
    lang: str
    status: NameStatus
    feminine: bool | None = None
    caps: tuple[bool, ...] = ()  # which words of a Latin proper name are capitalised
    construct: bool = False  # an Arabic title in construct state ("وزير خارجية")


@dataclass(frozen=True)
class Lexicon:
    """All aliases of a facts base, indexed by their whole normalized token sequence.

    Every mapping may be a plain dict (built in memory) or a table read on
    demand from the cache (:mod:`factlint.lexicon_cache`), so a lookup costs
    the same whatever the size of the facts.
    """

    entries: Mapping[str, tuple[Alias, ...]]  # " ".join(tokens) -> aliases, in facts order
    # first token -> the token counts of the aliases it begins, longest first
    lengths: Mapping[str, tuple[int, ...]]
    max_len: int
    digest: str
    single_words: Mapping[str, str] = field(
        default_factory=dict
    )  # one-word names (5+ letters) -> entity
    # every word of every entity's names (not literal translations) -> ids, in id order
    word_entities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # entity -> (the words of its names, variants and short forms; those that are a
    # whole one-word name): the near-miss rule's candidates
    name_words: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    def starts(self, token: str) -> bool:
        """Whether some alias begins with ``token``."""
        return token in self.lengths

    def is_name_word(self, token: str) -> bool:
        """Whether ``token`` is a word of some entity's name."""
        return token in self.word_entities


def alias_tokens(name: str) -> tuple[str, ...]:
    """The normalized word tokens of an alias (punctuation dropped)."""
    return tuple(t.text for t in tokenize(normalize(name)) if t.kind in (Kind.WORD, Kind.NUMBER))


def _analyse(name: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The word tokens of a name and, for each, whether it must be capitalised in
    the text (a capitalised word of a Latin proper name)."""
    norm = normalize(name)
    words = [t for t in tokenize(norm) if t.kind in (Kind.WORD, Kind.NUMBER)]
    same = len(name) == len(norm.text)
    caps = tuple(
        t.script is Script.LATIN and name[t.start : t.start + 1].isupper() if same else False
        for t in words
    )
    return tuple(t.text for t in words), caps


class _Forms:
    """Each distinct name form analysed once while a lexicon is built."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[tuple[str, ...], tuple[bool, ...]]] = {}

    def analyse(self, form: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
        found = self.seen.get(form)
        if found is None:
            found = self.seen[form] = _analyse(form)
        return found

    def tokens(self, form: str) -> tuple[str, ...]:
        return self.analyse(form)[0]


def _entity_alias(forms: _Forms, target: str, form: str, lang: str, status: NameStatus) -> Alias:
    tokens, caps = forms.analyse(form)
    return Alias(tokens, MentionKind.ENTITY, target, form, lang, status, None, caps)


def _aliases(facts: Facts, forms: _Forms) -> Iterator[Alias]:
    for entity in facts.entities.values():
        for lang, names in entity.names.items():
            for i, form in enumerate(names):
                status = NameStatus.PREFERRED if i == 0 else NameStatus.ALIAS
                yield _entity_alias(forms, entity.id, form, lang, status)
        for group, status in (
            (entity.variants, NameStatus.VARIANT),
            (entity.short, NameStatus.SHORT),
            (entity.avoid, NameStatus.AVOID),
            (entity.literal, NameStatus.LITERAL),
        ):
            for lang, names in group.items():
                for form in names:
                    yield _entity_alias(forms, entity.id, form, lang, status)
    for title in facts.titles.values():
        for group, feminine in ((title.names, False), (title.names_feminine, True)):
            for lang, names in group.items():
                # gender is marked in Arabic only: an English title is neither form
                fem = feminine if lang == "ar" or feminine else None
                for form in names:
                    tokens = forms.tokens(form)
                    yield Alias(
                        tokens, MentionKind.TITLE, title.id, form, lang, NameStatus.PREFERRED, fem
                    )
                    if lang == "ar" and len(tokens) >= 2 and tokens[-1].startswith("ال"):
                        # construct state before a name: "وزير الخارجية" -> "وزير خارجية تسمير"
                        bare = (*tokens[:-1], tokens[-1][2:])
                        yield Alias(
                            bare,
                            MentionKind.TITLE,
                            title.id,
                            form,
                            lang,
                            NameStatus.PREFERRED,
                            fem,
                            construct=True,
                        )


def build_lexicon(facts: Facts) -> Lexicon:
    buckets: dict[str, list[Alias]] = {}
    seen: set[tuple[tuple[str, ...], str, str, NameStatus]] = set()
    name_tokens: dict[str, set[str]] = {}
    max_len = 1
    forms = _Forms()
    for alias in _aliases(facts, forms):
        if not alias.tokens:
            continue
        key = (alias.tokens, alias.kind.value, alias.target, alias.status)
        if key in seen:
            continue
        seen.add(key)
        buckets.setdefault(alias.tokens[0], []).append(alias)
        max_len = max(max_len, len(alias.tokens))
        if alias.kind is MentionKind.ENTITY and alias.status is not NameStatus.LITERAL:
            name_tokens.setdefault(alias.target, set()).update(alias.tokens)
    # a construct-state title must not swallow the first word of a name
    # ("زعيم حزب" would eat "حزب التجديد الشعبي")
    entity_firsts = {
        first
        for first, aliases in buckets.items()
        if any(a.kind is MentionKind.ENTITY for a in aliases)
    }
    entries: dict[str, list[Alias]] = {}
    lengths: dict[str, set[int]] = {}
    for first, aliases in buckets.items():
        for a in aliases:
            if a.construct and a.tokens[-1] in entity_firsts:
                continue
            entries.setdefault(" ".join(a.tokens), []).append(a)
            lengths.setdefault(first, set()).add(len(a.tokens))
    single_words: dict[str, str] = {}
    name_words: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for entity in facts.entities.values():
        full = [forms.tokens(f) for _, f in entity.all_names()]
        for toks in full:
            if len(toks) == 1 and len(toks[0]) >= 5:
                single_words.setdefault(toks[0], entity.id)
        full += [forms.tokens(f) for group in entity.variants.values() for f in group]
        short = [forms.tokens(f) for group in entity.short.values() for f in group]
        words = sorted({t for toks in full + short for t in toks})
        strong = sorted({toks[0] for toks in full + short if len(toks) == 1})
        name_words[entity.id] = (tuple(words), tuple(strong))
    return Lexicon(
        {k: tuple(v) for k, v in entries.items()},
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        max_len,
        facts.digest,
        single_words,
        _word_entities(name_tokens),
        name_words,
    )


def _word_entities(name_tokens: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for target in sorted(name_tokens):
        for word in name_tokens[target]:
            index.setdefault(word, []).append(target)
    return {word: tuple(ids) for word, ids in index.items()}


@lru_cache(maxsize=8192)
def strip_proclitics(token: str) -> tuple[tuple[str, str], ...]:
    """(prefix, stem) readings of an Arabic word, the bare word first (memoized: a
    pure function that several stages ask about the same words)."""
    readings = [("", token)]
    for prefix in _PROCLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            stem = token[len(prefix) :]
            if prefix.endswith("ال"):
                readings.append((prefix[:-2], "ال" + stem))
            readings.append((prefix, stem))
    # ل + ال contracts to لل: "للشركه" is "ل" + "الشركه"
    for lead in ("لل", "ولل", "فلل"):
        if token.startswith(lead) and len(token) - len(lead) >= 2:
            readings.append((lead[:-1], "ال" + token[len(lead) :]))
    return tuple(readings)


def _capitalised(
    norm: Normalized, tokens: tuple[Token, ...], indices: list[int], caps: tuple[bool, ...]
) -> bool:
    """Proper names in Latin script match only where the text capitalises them."""
    for index, needed in zip(indices, caps, strict=False):
        if needed:
            start = norm.orig_start(tokens[index].start)
            if not norm.source[start : start + 1].isupper():
                return False
    return True


def _joined(tokens: tuple[Token, ...], a: int, b: int) -> bool:
    """Whether tokens a and b (a < b) are separated only by joiners."""
    return all(t.kind is Kind.PUNCT and t.text in _JOINERS for t in tokens[a + 1 : b])


def _words(tokens: tuple[Token, ...]) -> list[int]:
    return [i for i, t in enumerate(tokens) if t.kind in (Kind.WORD, Kind.NUMBER)]


def _joined_run(tokens: tuple[Token, ...], words: list[int], w: int, limit: int) -> int:
    """How many words from word ``w`` on (at most ``limit``) follow each other
    separated only by joiners, so that they may form one name."""
    n = 1
    while n < limit and w + n < len(words) and _joined(tokens, words[w + n - 1], words[w + n]):
        n += 1
    return n


def find_mentions(
    norm: Normalized, tokens: tuple[Token, ...], lexicon: Lexicon
) -> tuple[Mention, ...]:
    words = _words(tokens)
    texts = [tokens[i].text for i in words]
    found: list[Mention] = []
    w = 0
    while w < len(words):
        best: tuple[int, str, str] | None = None  # (word count, key, prefix)
        first = tokens[words[w]]
        readings = (
            strip_proclitics(first.text) if first.script is Script.ARABIC else (("", first.text),)
        )
        run = 0  # words joined from w on, found when an alias needs them
        for prefix, stem in readings:
            for n in lexicon.lengths.get(stem, ()):  # longest first
                if best is not None and n <= best[0]:
                    break
                if n > 1:
                    if not run:
                        run = _joined_run(tokens, words, w, lexicon.max_len)
                    if n > run:
                        continue
                key = " ".join((stem, *texts[w + 1 : w + n])) if n > 1 else stem
                aliases = lexicon.entries.get(key)
                if aliases is None:
                    continue
                if any(
                    not alias.caps or _capitalised(norm, tokens, words[w : w + n], alias.caps)
                    for alias in aliases
                ):
                    best = (n, key, prefix)
                    break
        if best is None:
            w += 1
            continue
        n, key, prefix = best
        t0 = tokens[words[w]]
        t1 = tokens[words[w + n - 1]]
        start, end = norm.orig_span(t0.start + len(prefix), t1.end)
        for same in lexicon.entries[key]:
            feminine = same.feminine
            if feminine and _possessive_ha(norm.source[start:end], same.name):
                feminine = None  # "مدربه": his coach, not the feminine "مدربة"
            found.append(
                Mention(
                    kind=same.kind,
                    target=same.target,
                    start=start,
                    end=end,
                    text=norm.source[start:end],
                    name=same.name,
                    lang=same.lang,
                    status=same.status,
                    prefix=prefix,
                    feminine=feminine,
                    token_start=words[w],
                    token_end=words[w + n - 1] + 1,
                )
            )
        w += n
    return _disambiguate(found, lexicon)


# Honorifics that are also surnames (El-Sayed, Al-Sheikh): before another word they
# are a title ("السيد جمال عويس"), not the name.
_HONORIFICS = frozenset({"السيد", "السيده", "الشيخ", "الامير", "الدكتور", "الاستاذ", "الحاج"})


def drop_common_short_forms(
    mentions: tuple[Mention, ...],
    is_common: Callable[[str, str], bool],
    tokens: tuple[Token, ...] = (),
) -> tuple[Mention, ...]:
    """A short form that is also a common word ("Marsh", "سيد") names the entity only
    after the document has named it in full, and never as an honorific before a name."""
    named: set[str] = set()
    out: list[Mention] = []
    for m in mentions:
        if (
            m.kind is MentionKind.ENTITY
            and m.status is NameStatus.SHORT
            and fold(m.name) in _HONORIFICS
            and m.token_end < len(tokens)
            and tokens[m.token_end].kind is Kind.WORD
        ):
            continue
        if m.kind is MentionKind.ENTITY and m.status.full:
            named.add(m.target)
        if (
            m.kind is MentionKind.ENTITY
            and m.status is NameStatus.SHORT
            and len(m.name.split()) == 1
            and is_common(m.name, "ar" if _arabic(m.name) else "en")
            and (m.target not in named or _before_a_name(m, mentions))
        ):
            continue  # "السيد جمال عويس": "Mr.", not El-Sayed
        out.append(m)
    return tuple(out)


def _before_a_name(m: Mention, mentions: tuple[Mention, ...]) -> bool:
    return any(
        o.token_start == m.token_end
        and o.kind is MentionKind.ENTITY
        and o is not m
        and not o.prefix  # "وحداد ونادية": a list, not a title before a name
        for o in mentions
    )


def _arabic(text: str) -> bool:
    return any(t.script is Script.ARABIC for t in tokenize(normalize(text)))


def _possessive_ha(written: str, form: str) -> bool:
    """Whether a word the facts spell with a final ة is written with ه (a pronoun
    suffix): folding makes them match, but ة marks the feminine and ه "his"."""
    for word, wanted in zip(written.split(), form.split(), strict=False):
        letters = [c for c in word if c.isalpha()]
        target = [c for c in wanted if c.isalpha()]
        if letters and target and letters[-1] == "ه" and target[-1] == "ة":
            return True
    return False


def _disambiguate(found: list[Mention], lexicon: Lexicon) -> tuple[Mention, ...]:
    """Keep one target per span: an alias shared by several entities goes to
    the one the document also names in full; if none or several, it is dropped."""
    by_span: dict[tuple[int, int], list[Mention]] = {}
    for m in found:
        by_span.setdefault((m.start, m.end), []).append(m)
    full = Counter(m.target for m in found if m.status.full)
    rank = {s: i for i, s in enumerate(NameStatus)}
    out: list[Mention] = []
    for group in by_span.values():
        titles = [m for m in group if m.kind is MentionKind.TITLE]
        if titles:
            out.append(titles[0])
            continue
        by_target: dict[str, Mention] = {}
        for m in sorted(group, key=lambda m: rank[m.status]):
            by_target.setdefault(m.target, m)
        if len(by_target) == 1:
            out.extend(by_target.values())
            continue
        named = [m for m in by_target.values() if full[m.target] > 0]
        if len(named) == 1:
            out.append(named[0])
    out.sort(key=lambda m: m.start)
    return tuple(out)
