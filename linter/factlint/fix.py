"""Applying findings' replacements to a document (``--fix``)."""

from __future__ import annotations

from collections.abc import Iterable

from factlint.model import Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, tuple[Finding, ...]]:
    """Apply non-overlapping replacements; return the new text and the findings fixed.

    Where two fixes overlap, the first (by position) wins; the other stays
    reported and is fixed by a later run if still valid.
    """
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(
        (f for f in findings if f.replacement is not None), key=lambda f: (f.start, f.end)
    ):
        if f.start < last_end or f.end < f.start:
            continue
        chosen.append(f)
        last_end = f.end
    parts: list[str] = []
    pos = 0
    for f in chosen:
        parts.append(text[pos : f.start])
        parts.append(f.replacement or "")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts), tuple(chosen)
