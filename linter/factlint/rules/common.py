"""Small pieces every built-in rule shares: how quoted speech is reported,
how facts are cited in a message, and which script a name is written in."""

from __future__ import annotations

from collections.abc import Iterable

from factlint.model import FactRef, Severity


def quoted_speech(quoted: bool, message: str, severity: Severity) -> tuple[str, Severity]:
    """A claim inside quotation marks is still reported, one step lower, saying so."""
    if quoted:
        return f"{message} (in quoted speech)", severity.lowered()
    return message, severity


def cite(refs: Iterable[FactRef]) -> str:
    """``[id (source); id (source)]`` for a message."""
    return "[" + "; ".join(ref.cite() for ref in refs) + "]"
