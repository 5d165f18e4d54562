"""Normalization for matching, with a map from every normalized character back
to the original character it came from.

One pass handles both scripts, since Arabic articles carry Latin names and the
other way round:

* Latin: case-folded, accents removed (``é`` -> ``e``), typographic apostrophes
  unified.
* Arabic: diacritics (harakat, shadda, sukun, superscript alef, Quranic marks)
  and tatweel dropped; alef forms (أ إ آ ٱ) -> ا; ى -> ي; ة -> ه; ؤ -> و; ئ -> ي;
  Persian ک/ی -> ك/ي; presentation forms decomposed (ﻻ -> لا).
* Digits: Arabic-Indic (٠-٩) and Persian (۰-۹) -> 0-9.
* Bidi controls, zero-width characters and soft hyphens dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from factlint.chartable import CharTable
from factlint.prose import Prose

_DROP = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u061c"]
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u180e", "\u2061", "\u2062", "\u2063", "\u2064"]
)

_MAP: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "ی": "ي",
    "ي": "ي",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)
    _MAP[chr(0x06F0 + _i)] = str(_i)


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The normalized form of one character ('' when it is dropped)."""
    if ch in _DROP:
        return ""
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    code = ord(ch)
    if code < 0x80:
        return ch.lower()
    if 0xFB50 <= code <= 0xFEFC:  # Arabic presentation forms
        expanded = unicodedata.normalize("NFKC", ch)
        if ch in expanded:  # no decomposition (ornate parentheses, ...): keep as is
            return ch
        return "".join(fold_char(c) for c in expanded)
    if 0x0600 <= code <= 0x06FF:
        return ch
    # Latin and everything else: strip accents, case-fold.
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold() if base else ""


def fold(text: str) -> str:
    """Normalize a string without keeping the offset map (for lexicon entries)."""
    return text.translate(_FOLD)


def is_dropped(ch: str) -> bool:
    return ch in _DROP


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus, for each of its characters, the original index."""

    text: str
    origin: tuple[int, ...]
    source: str  # the original text

    def orig_start(self, i: int) -> int:
        if i < len(self.origin):
            return self.origin[i]
        return len(self.source)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span [start, end) to an original span.

        Marks dropped right after the last character (diacritics, tatweel) are
        included so that a span covers the whole written word.
        """
        if end <= start:
            pos = self.orig_start(start)
            return pos, pos
        a = self.origin[start]
        b = self.origin[end - 1] + 1
        src = self.source
        while b < len(src) and src[b] in _DROP and (0x0610 <= ord(src[b]) <= 0x06ED):
            b += 1  # harakat and tatweel belong to the word; bidi and zero-width marks do not
        return a, b


_FOLD = CharTable(fold_char)  # each character's normalized form
# "1": folds to one character, "0": dropped, "2": becomes several
_WIDTH = CharTable(lambda ch: str(min(len(fold_char(ch)), 2)))
_NOT_ONE = re.compile("[02]")


def _fold(text: str, origins: Sequence[int], source: str) -> Normalized:
    folded = text.translate(_FOLD)
    widths = text.translate(_WIDTH)
    if "0" not in widths and "2" not in widths:  # every character folds to one
        return Normalized(folded, tuple(origins), source)
    origin: list[int] = []
    done = 0
    for m in _NOT_ONE.finditer(widths):
        k = m.start()
        origin.extend(origins[done:k])
        origin.extend([origins[k]] * len(fold_char(text[k])))
        done = k + 1
    origin.extend(origins[done:])
    return Normalized(folded, tuple(origin), source)


def normalize_prose(prose: Prose, source: str) -> Normalized:
    """Normalize a document's prose; origins index into ``source``, the original text."""
    return _fold(prose.text, prose.origin, source)


def normalize(text: str, start: int = 0, end: int | None = None) -> Normalized:
    """Normalize ``text[start:end]``; origins index into the full ``text``."""
    stop = len(text) if end is None else end
    return _fold(text[start:stop], range(start, stop), text)
