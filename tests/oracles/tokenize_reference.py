"""The first, character-by-character tokenizer, kept as the specification that
:func:`factlint.tokens.tokenize` (a regular expression over character classes)
must agree with token for token."""

from __future__ import annotations

from factlint.normalize import Normalized
from factlint.tokens import Kind, Script, Token, script_of


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or ch.isdigit() or ch in "*+@#_"


def reference_tokenize(norm: Normalized) -> tuple[Token, ...]:
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
