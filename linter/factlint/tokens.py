"""Tokenization of normalized text into words, numbers and punctuation.

Words never straddle a change of script (``لOpenAI`` is two tokens), an
English possessive ``'s`` is split off and recorded on the word, and
apostrophes inside Latin words are kept (``d'angelo``).
"""

from __future__ import annotations

import enum
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


def tokenize(norm: Normalized) -> tuple[Token, ...]:
    text = norm.text
    n = len(text)
    out: list[Token] = []
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            out.append(Token(ch, i, i + 1, Kind.NEWLINE))
            i += 1
            continue
        if ch.isspace():
            i += 1
            continue
        if ch.isdecimal():  # not isdigit(): int() refuses '²' and '①' (see numerals.py)
            j = i + 1
            while j < n and (
                text[j].isdecimal()
                or (
                    text[j] in ",.٬٫"
                    and j + 1 < n
                    and text[j + 1].isdecimal()
                    and text[j - 1].isdecimal()
                )
            ):
                j += 1
            out.append(Token(text[i:j], i, j, Kind.NUMBER))
            i = j
            continue
        if _is_word_char(ch):
            script = script_of(ch)
            j = i + 1
            while j < n:
                c = text[j]
                if _is_word_char(c) and not c.isdecimal():
                    if script_of(c) != script and c.isalpha():
                        break
                    j += 1
                    continue
                if (
                    c == "'"
                    and script == Script.LATIN
                    and j + 1 < n
                    and text[j + 1].isalpha()
                    and script_of(text[j + 1]) == Script.LATIN
                ):
                    # possessive 's at the end of a word
                    if text[j + 1] == "s" and (j + 2 >= n or not text[j + 2].isalpha()):
                        break
                    j += 1
                    continue
                if c == "-" and script == Script.LATIN and j + 1 < n and text[j + 1].isalpha():
                    # keep hyphenated compounds together only for single letters ("q-star")
                    break
                break
            possessive = (
                script == Script.LATIN
                and j + 1 < n
                and text[j] == "'"
                and text[j + 1] == "s"
                and (j + 2 >= n or not text[j + 2].isalpha())
            )
            # a plural possessive: "the Systems' staff"
            plural = (
                not possessive
                and script == Script.LATIN
                and j < n
                and text[j] == "'"
                and text[j - 1] == "s"
                and (j + 1 >= n or not (text[j + 1].isalnum() or text[j + 1] == "'"))
            )
            out.append(Token(text[i:j], i, j, Kind.WORD, script, possessive or plural))
            i = j + 2 if possessive else j + 1 if plural else j
            continue
        out.append(Token(ch, i, i + 1, Kind.PUNCT))
        i += 1
    return tuple(out)
