"""Tokenization of normalized text into words, numbers and punctuation.

Words never straddle a change of script (``لOpenAI`` is two tokens), an
English possessive ``'s`` is split off and recorded on the word, and
apostrophes inside Latin words are kept (``d'angelo``).
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple

from factlint.chartable import CharTable
from factlint.normalize import Normalized


class Kind(enum.StrEnum):
    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    NEWLINE = "newline"


class Script(enum.StrEnum):
    ARABIC = "ar"
    LATIN = "latin"
    OTHER = "other"


class Token(NamedTuple):
    """One token (immutable; a named tuple because documents make tens of thousands)."""

    text: str  # normalized text
    start: int  # normalized offsets
    end: int
    kind: Kind
    script: Script = Script.OTHER
    possessive: bool = False  # followed by 's (the 's is not part of the token)


CLAUSE_MARKS = frozenset("،,؛;:")  # punctuation that ends a clause (sentence ends: segment.py)
QUOTES = frozenset("\"'“”„‟«»‹›「」")
DASHES = frozenset("-–—―")


def script_of(ch: str) -> Script:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return Script.ARABIC
    if ch.isalpha():
        return Script.LATIN if code < 0x0250 or 0x1E00 <= code <= 0x1EFF else Script.OTHER
    return Script.OTHER


def is_arabic(ch: str) -> bool:
    """The one test of Arabic script used everywhere."""
    return script_of(ch) is Script.ARABIC


def has_arabic(text: str) -> bool:
    return any(is_arabic(c) for c in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or ch.isdigit() or ch in "*+@#_"


def char_class(ch: str) -> str:
    """One letter naming what the tokenizer needs to know of a character.

    ``A``/``L``/``O``: a letter of Arabic, Latin or another script (``S``: the
    Latin letter ``s``, for possessives); ``D``: a decimal digit; ``a``/``w``:
    another word character (``*+@#_``, a non-decimal digit) inside or outside
    the Arabic block; ``n``: a newline; `` ``: other space; ``'``: the
    apostrophe; ``,``: a digit-group separator; ``p``: any other punctuation.
    """
    if ch == "\n":
        return "n"
    if ch.isspace():
        return " "
    if ch.isdecimal():
        return "D"
    if ch == "'":
        return "'"
    if ch in ",.٬٫":
        return ","
    if not _is_word_char(ch):
        return "p"
    script = script_of(ch)
    if not ch.isalpha():
        return "a" if script is Script.ARABIC else "w"
    if ch == "s":
        return "S"
    return {Script.ARABIC: "A", Script.LATIN: "L", Script.OTHER: "O"}[script]


_CLASSES = CharTable(char_class)

# One alternative per token kind, matched over the class string (one letter per
# character): a Latin word takes an apostrophe before a Latin letter unless it
# is a possessive 's; a word never takes a letter of another script.
_TOKEN = re.compile(
    r"(?P<n>n)|(?P<s> +)|(?P<d>D+(?:,D+)*)"
    r"|(?P<ar>[Aa][Aaw]*)"
    r"|(?P<la>[LS](?:[LSaw]|'(?=[LS])(?!S(?![ALSO])))*)"
    r"|(?P<ot>[Ow][Oaw]*)"
    r"|(?P<p>.)",
    re.DOTALL,
)
_ALPHA = ("A", "L", "S", "O")
_SCRIPT = {"ar": Script.ARABIC, "la": Script.LATIN, "ot": Script.OTHER}


def places_by_text(tokens: tuple[Token, ...]) -> dict[str, list[int]]:
    """Each distinct token text (line ends aside) and its positions, in order: for
    stages that examine each distinct word once."""
    places: dict[str, list[int]] = {}
    for i, tok in enumerate(tokens):
        if tok.kind is not Kind.NEWLINE:
            places.setdefault(tok.text, []).append(i)
    return places


def tokenize(norm: Normalized) -> tuple[Token, ...]:
    text = norm.text
    classes = text.translate(_CLASSES)
    n = len(text)
    out: list[Token] = []
    add = out.append
    make = tuple.__new__  # Token(...) without its keyword handling: documents have many
    word, number, punct = Kind.WORD, Kind.NUMBER, Kind.PUNCT
    latin, other, scripts = Script.LATIN, Script.OTHER, _SCRIPT
    match = _TOKEN.match
    j = 0
    while j < n:
        m = match(classes, j)
        assert m is not None  # the last alternative takes any character
        i, j = m.span()
        kind = m.lastgroup
        if kind == "s":
            continue
        if kind == "la":
            # 's after a word: a possessive; ' after a word in s: a plural possessive
            if classes[j : j + 1] != "'":
                add(make(Token, (text[i:j], i, j, word, latin, False)))
                continue
            possessive = classes[j + 1 : j + 2] == "S" and classes[j + 2 : j + 3] not in _ALPHA
            plural = (
                not possessive
                and text[j - 1] == "s"
                and (j + 1 >= n or not (text[j + 1].isalnum() or text[j + 1] == "'"))
            )
            add(make(Token, (text[i:j], i, j, word, latin, possessive or plural)))
            j = j + 2 if possessive else j + 1 if plural else j  # 's belongs to no token
        elif kind == "d":
            add(make(Token, (text[i:j], i, j, number, other, False)))
        elif kind == "p":
            add(make(Token, (text[i], i, j, punct, other, False)))
        elif kind == "n":
            add(make(Token, ("\n", i, j, Kind.NEWLINE, other, False)))
        else:
            add(make(Token, (text[i:j], i, j, word, scripts[kind], False)))  # type: ignore[index]
    return tuple(out)
