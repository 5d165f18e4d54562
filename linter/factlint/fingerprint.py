"""Stable fingerprints of findings, shared by baselines and SARIF.

A fingerprint must survive edits elsewhere in the file (lines added above a
finding, a paragraph moved), so it is built from the rule code, the matched
text and the sentence the finding stands in -- never from line numbers. All
three are whitespace-folded, so re-wrapping a paragraph keeps them.
"""

from __future__ import annotations

import hashlib
import re

_SENTENCE_END = re.compile(r"[.!?؟](?=\s)|\n[ \t]*\n")
_SPACE = re.compile(r"\s+")
CONTEXT_LIMIT = 400  # characters each side searched for the sentence's ends


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, whitespace-folded and bounded."""
    lo = max(0, start - CONTEXT_LIMIT)
    before = text[lo:start]
    cut = lo
    for match in _SENTENCE_END.finditer(before):
        cut = lo + match.end()
    hi = min(len(text), end + CONTEXT_LIMIT)
    after = _SENTENCE_END.search(text, end, hi)
    stop = after.end() if after else hi
    return _fold(text[cut:stop])


def fingerprint(code: str, text: str, start: int, end: int) -> str:
    """A 16-hex-digit fingerprint of a finding at ``text[start:end]``."""
    parts = (code, _fold(text[start:end]), sentence_around(text, start, end))
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]
