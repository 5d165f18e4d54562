"""Integrity of the text itself: slips of the keyboard and of machine translation.

TX001 duplicated-word: a word written twice ("the the", "في في"), or a word
coordinated with itself ("president and president", "رئيس ورئيس").
TX002 quote-mismatch: quotation marks that do not pair (“…», a closing mark
with no opener, an opener never closed in its paragraph).
TX003 detached-conjunction: Arabic و written as a separate word ("و إن").
TX004 punctuation-spacing: a space before an Arabic comma, semicolon or question
mark, or a doubled comma/semicolon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factlint.api import CheckContext, Rule
from factlint.hookspecs import hookimpl
from factlint.model import Finding, Severity
from factlint.normalize import fold
from factlint.rules.docs import rule_docs
from factlint.tokens import Kind, Script, Token

# Words that are legitimately written twice in a row (normalized forms).
_REPEAT_OK = frozenset(
    fold(w)
    for w in (
        # English: "he had had enough", "the fact that that happened"
        "had",
        "that",
        # Arabic distributive and emphatic reduplication: "رويدًا رويدًا", "خطوة خطوة"
        "رويدا",
        "رويدًا",
        "قليلا",
        "قليلًا",
        "شيئا",
        "شيئًا",
        "واحدا",
        "واحدًا",
        "خطوة",
        "حرفا",
        "حرفًا",
        "كلمة",
        "سطرا",
        "شبرا",
        "يوما",
        "جدا",
        "جدًا",
        "بين",
        "لا",
        "نعم",
        "كلا",
    )
)
# Arabic names of Latin letters: an acronym spelled letter by letter ("بي بي سي",
# "إف بي آي") repeats them legitimately.
_LETTER_NAMES = frozenset(
    fold(w)
    for w in (
        "إيه", "ايه", "بي", "سي", "دي", "إي", "إف", "اف", "جي", "إتش", "اتش", "آي", "اي",
        "جيه", "كيه", "كي", "إل", "ال", "إم", "ام", "إن", "ان", "أو", "او", "كيو", "آر", "ار",
        "إس", "اس", "تي", "يو", "في", "فى", "دبليو", "إكس", "اكس", "واي", "زد", "زي", "بى",
    )
)  # fmt: skip
# English role nouns: "president and president" is a slip even without a title lexicon
_EN_ROLE_NOUNS = frozenset(
    [
        "president",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "minister",
        "secretary",
        "chief",
        "coach",
        "captain",
        "editor",
        "founder",
        "governor",
        "senator",
        "mayor",
        "manager",
        "treasurer",
        "ambassador",
    ]
)
# letter names that are also words: doubled, they are a slip unless an acronym is spelled
_LETTER_WORDS = frozenset(fold(w) for w in ("إن", "أن", "في", "أو", "أي", "آي", "ال", "إم", "إي"))
# "X and X" that is idiomatic: "more and more", "again and again", "أكثر وأكثر".
_COORD_OK = frozenset(
    fold(w)
    for w in (
        "more",
        "less",
        "better",
        "worse",
        "again",
        "over",
        "on",
        "round",
        "around",
        "through",
        "up",
        "down",
        "out",
        "in",
        "off",
        "ever",
        "so",
        "such",
        "neck",
        "back",
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "miles",
        "ages",
        "times",
        "bigger",
        "smaller",
        "larger",
        "faster",
        "slower",
        "higher",
        "lower",
        "louder",
        "stronger",
        "weaker",
        "longer",
        "harder",
        "closer",
        "further",
        "deeper",
        "greater",
        "wider",
        "أكثر",
        "أقل",
        "مرارا",
        "مرارًا",
    )
)
_AND = frozenset({"and", "و"})
_BETWEEN = frozenset({"بين", "وبين", "فبين"})
_CONJ = "و"


def _orig(ctx: CheckContext, tok: Token) -> tuple[int, int]:
    return ctx.normalized.orig_span(tok.start, tok.end)


def _text(ctx: CheckContext, tok: Token) -> str:
    a, b = _orig(ctx, tok)
    return ctx.document.text[a:b]


def _gap(ctx: CheckContext, left: Token, right: Token) -> str:
    """The original text between two tokens."""
    return ctx.document.text[_orig(ctx, left)[1] : _orig(ctx, right)[0]]


def _spaced(ctx: CheckContext, left: Token, right: Token) -> bool:
    gap = _gap(ctx, left, right)
    return bool(gap) and not gap.strip(" \t\u00a0\u202f\u200f\u200e")


def _word(tok: Token | None) -> bool:
    return tok is not None and tok.kind is Kind.WORD and any(c.isalpha() for c in tok.text)


def _capitalized(ctx: CheckContext, tok: Token) -> bool:
    text = _text(ctx, tok)
    # title case, not an acronym: "Bora", not "CEO"
    return tok.script is Script.LATIN and text[:1].isupper() and not text.isupper()


def _names(ctx: CheckContext, a: Token, b: Token) -> bool:
    """Two capitalized Latin words: a name like "Bora Bora" or "Johnson and Johnson"."""
    return _capitalized(ctx, a) and _capitalized(ctx, b)


def _coordinated_ok(word: str, tok: Token) -> bool:
    if word in _COORD_OK:
        return True
    # English verbs repeated for emphasis: "waited and waited", "talking and talking"
    return tok.script is Script.LATIN and word.endswith(("ed", "ing"))


_HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}


def _written_alike(ctx: CheckContext, a: Token, b: Token, conjunction: bool = False) -> bool:
    """Whether two tokens that fold alike are written alike: not when their vowel
    marks differ (قد مرُض مرضَ), nor their letters before folding (علي / على), nor
    their case (AS / as)."""
    x, y = _text(ctx, a).replace("\u0640", ""), _text(ctx, b).replace("\u0640", "")
    if conjunction:  # "رئيس ورئيس": compare without the و written on the second
        y = y[1:].lstrip("".join(_HARAKAT))
    marked_x = any(c in _HARAKAT for c in x)
    marked_y = any(c in _HARAKAT for c in y)
    if marked_x and marked_y and x != y:
        return False
    bare_x = "".join(c for c in x if c not in _HARAKAT)
    bare_y = "".join(c for c in y if c not in _HARAKAT)
    if bare_x.lower() != bare_y.lower():
        return False
    # "AS-207" is not "as"
    return not (min(len(bare_x), len(bare_y)) > 1 and bare_x.isupper() != bare_y.isupper())


def _title_at(ctx: CheckContext, i: int) -> bool:
    return any(m.token_start <= i < m.token_end and m.kind.value == "title" for m in ctx.mentions)


def check_duplicated(ctx: CheckContext) -> Iterator[Finding]:
    toks = ctx.tokens
    n = len(toks)
    for i in range(n - 1):
        a, b = toks[i], toks[i + 1]
        if (
            a.text != b.text
            and b.text != _CONJ + a.text
            and not (b.text in _AND and i + 2 < n and toks[i + 2].text == a.text)
        ):
            continue  # no repetition here (the cheap test first)
        if not (_word(a) and _word(b)) or not _spaced(ctx, a, b):
            continue
        if a.text == b.text:
            if a.text in _REPEAT_OK or _names(ctx, a, b) or not _written_alike(ctx, a, b):
                continue
            if a.text in _LETTER_NAMES and (
                a.text not in _LETTER_WORDS
                or (i > 0 and toks[i - 1].text in _LETTER_NAMES)
                or (i + 2 < n and toks[i + 2].text in _LETTER_NAMES)
            ):
                continue  # an acronym spelled out: "بي بي سي", "سي إن إن"
            start, _ = _orig(ctx, a)
            _, end = _orig(ctx, b)
            first = _text(ctx, a)
            yield ctx.finding(
                TX001.code,
                start,
                end,
                f"'{first}' is written twice in a row; delete one",
                replacement=first,
            )
            continue
        # "X وX" / "X و X" / "X and X"
        third: Token | None = None
        if a.script is Script.ARABIC and b.text == _CONJ + a.text:
            third = b
        elif b.text in _AND and i + 2 < n and toks[i + 2].text == a.text:
            third = toks[i + 2]
            if not (_word(third) and _spaced(ctx, b, third)):
                continue
        if third is None or _coordinated_ok(a.text, a) or _names(ctx, a, third):
            continue
        if not _written_alike(ctx, a, third, conjunction=third is b):
            continue  # "من العَتْرِ والعَتْرُ": two grammatical cases, two words
        if a.script is Script.LATIN and not (
            _title_at(ctx, i) or a.text in _EN_ROLE_NOUNS or _text(ctx, a).isupper()
        ):
            continue  # English "X and X" is an intensifier ("millions and millions")
        if len(a.text) == 1:
            continue  # "P and P'"
        if i > 0 and toks[i - 1].text in _BETWEEN:
            continue  # "بين الحين والحين": a comparison, not a slip
        start, _ = _orig(ctx, a)
        _, end = _orig(ctx, third)
        span = ctx.document.text[start:end]
        yield ctx.finding(
            TX001.code,
            start,
            end,
            f"'{span}' coordinates a word with itself; one of the two was probably meant "
            "to be another word (e.g. two different titles) -- keep one or correct the other",
        )


def _where(ctx: CheckContext, offset: int) -> str:
    line, col = ctx.document.position(offset)
    return f"{line}:{col}"


def check_quotes(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    for problem in ctx.quotes.problems:
        pos = problem.start
        if pos < ctx.document.body_start:
            continue
        mark = text[pos]
        if problem.kind == "mismatched" and problem.opener is not None:
            opener = text[problem.opener]
            yield ctx.finding(
                TX002.code,
                pos,
                pos + 1,
                f"quotation opened with {opener} at {_where(ctx, problem.opener)} is closed "
                f"with {mark}; expected {problem.expected}",
                replacement=problem.expected,
            )
        elif problem.kind == "unopened":
            message = f"closing {mark} has no opening mark"
            if problem.closed is not None:
                message += (
                    f": the quotation before it was already closed at "
                    f"{_where(ctx, problem.closed)}; one of the two closing marks is misplaced"
                )
            yield ctx.finding(TX002.code, pos, pos + 1, message)
        elif problem.kind == "unclosed":
            yield ctx.finding(
                TX002.code,
                pos,
                pos + 1,
                f"opening {mark} is never closed in its paragraph; expected a closing "
                f"{problem.expected}",
            )


def _single_letter(tok: Token | None) -> bool:
    return tok is not None and tok.kind is Kind.WORD and len(tok.text) == 1


def check_detached(ctx: CheckContext) -> Iterator[Finding]:
    toks: Sequence[Token] = ctx.tokens
    for i in [k for k, tok in enumerate(toks[:-1]) if tok.text == _CONJ]:
        conj, nxt = toks[i], toks[i + 1]
        if conj.kind is not Kind.WORD:
            continue
        if not _word(nxt) or nxt.script is not Script.ARABIC or _single_letter(nxt):
            continue  # "2 و 3", "OpenAI و Microsoft", "أ و ب"
        if i > 0 and _single_letter(toks[i - 1]) and _spaced(ctx, toks[i - 1], conj):
            continue  # a list of letters: "أ و ب"
        if not _spaced(ctx, conj, nxt):
            continue
        start, _ = _orig(ctx, conj)
        _, end = _orig(ctx, nxt)
        joined = _text(ctx, conj) + _text(ctx, nxt)
        yield ctx.finding(
            TX003.code,
            start,
            end,
            f"the conjunction و is written as a separate word; attach it: '{joined}'",
            replacement=joined,
        )


_DOUBLED = frozenset("،؛,;")


# spaces before an Arabic mark; a doubled comma or semicolon
_PUNCTUATION = re.compile(r"[ \t]+(?=[،؛؟])|([،؛,;])\1+")


def check_punctuation(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    n = len(text)
    pos = ctx.document.body_start
    while (m := _PUNCTUATION.search(text, pos)) is not None:
        i, j = m.span()
        pos = j
        ch = text[j - 1]
        if m.group(1) is not None:
            yield ctx.finding(TX004.code, i, j, f"'{ch}' repeated; write it once", replacement=ch)
            continue
        if i > 0 and (text[i - 1].isalnum() or 0x064B <= ord(text[i - 1]) <= 0x0652):
            mark = text[j]
            k = j + 1
            while k < n and text[k] == mark and mark in _DOUBLED:
                k += 1
            yield ctx.finding(
                TX004.code,
                i,
                k,
                f"space before '{mark}'; Arabic punctuation attaches to the word before it",
                replacement=mark,
            )
            pos = k


TX001 = Rule(
    code="TX001",
    name="duplicated-word",
    summary="A word written twice in a row, or coordinated with itself ('X and X')",
    check=check_duplicated,
    severity=Severity.WARNING,
    family="integrity",
    docs=rule_docs("TX001"),
    fix="safe",
)
TX002 = Rule(
    code="TX002",
    name="quote-mismatch",
    summary="Quotation marks that do not pair: “…», a closer with no opener, an unclosed opener",
    check=check_quotes,
    severity=Severity.WARNING,
    family="integrity",
    docs=rule_docs("TX002"),
    fix="safe",
)
TX003 = Rule(
    code="TX003",
    name="detached-conjunction",
    summary="Arabic conjunction و written as a separate word ('و إن' for 'وإن')",
    check=check_detached,
    severity=Severity.WARNING,
    family="integrity",
    docs=rule_docs("TX003"),
    fix="safe",
)
TX004 = Rule(
    code="TX004",
    name="punctuation-spacing",
    summary="A space before an Arabic comma, semicolon or question mark; a doubled comma",
    check=check_punctuation,
    severity=Severity.WARNING,
    family="integrity",
    docs=rule_docs("TX004"),
    fix="safe",
)


@hookimpl
def factlint_rules() -> list[Rule]:
    return [TX001, TX002, TX003, TX004]
