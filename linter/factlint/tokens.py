"""Tokenization of normalized text into words, numbers and punctuation.

Words never straddle a change of script (``لOpenAI`` is two tokens), an
English possessive ``'s`` is split off and recorded on the word, and
apostrophes inside Latin words are kept (``d'angelo``).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Token:
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


class _Classes(dict[int, str]):
    """``str.translate`` table from code points to :func:`char_class`, filled on demand."""

    def __missing__(self, code: int) -> str:
        value = self[code] = char_class(chr(code))
        return value


_CLASSES = _Classes()

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
_SCRIPT = {"ar": Script.ARABIC, "la": Script.LATIN, "ot": Script.OTHER}


def tokenize(norm: Normalized) -> tuple[Token, ...]:
    text = norm.text
    classes = text.translate(_CLASSES)
    n = len(text)
    out: list[Token] = []
    match = _TOKEN.match
    i = 0
    while i < n:
        m = match(classes, i)
        assert m is not None  # the last alternative takes any character
        kind = m.lastgroup
        j = m.end()
        if kind == "s":
            pass
        elif kind == "n":
            out.append(Token("\n", i, j, Kind.NEWLINE))
        elif kind == "d":
            out.append(Token(text[i:j], i, j, Kind.NUMBER))
        elif kind == "p":
            out.append(Token(text[i], i, j, Kind.PUNCT))
        elif kind == "la":
            # 's after a word: a possessive; ' after a word in s: a plural possessive
            after = classes[j + 2 : j + 3]
            possessive = classes[j : j + 2] == "'S" and after not in ("A", "L", "S", "O")
            plural = (
                not possessive
                and classes[j : j + 1] == "'"
                and text[j - 1] == "s"
                and (j + 1 >= n or not (text[j + 1].isalnum() or text[j + 1] == "'"))
            )
            out.append(Token(text[i:j], i, j, Kind.WORD, Script.LATIN, possessive or plural))
            j = j + 2 if possessive else j + 1 if plural else j
        else:
            out.append(Token(text[i:j], i, j, Kind.WORD, _SCRIPT[kind]))  # type: ignore[index]
        i = j
    return tuple(out)
