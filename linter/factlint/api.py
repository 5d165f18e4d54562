"""The types a rule or output-format plugin works with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.model import Claims, FactRef, Finding, Mention, Severity
from factlint.selection import Selection

if TYPE_CHECKING:
    from factlint.config import Config
    from factlint.document import Document
    from factlint.facts.model import Facts
    from factlint.mentions import Lexicon
    from factlint.normalize import Normalized
    from factlint.quotes import QuoteScan
    from factlint.tokens import Token


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, kebab-case name, one-line summary, Markdown docs."""

    code: str
    name: str
    summary: str
    check: Callable[[CheckContext], Iterable[Finding]]
    severity: Severity = Severity.ERROR
    family: str = ""
    docs: str = ""  # Markdown: what it checks, why, a wrong and a right example
    fixable: bool = False


@dataclass(frozen=True)
class CheckContext:
    """Everything known about one document, handed to each rule."""

    document: Document
    normalized: Normalized
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]
    claims: Claims
    quotes: QuoteScan
    facts: Facts
    config: Config
    rules: Mapping[str, Rule]
    selection: Selection
    lexicon: Lexicon
    date: dt.date | None = None
    cache: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def lang(self) -> str:
        return self.document.lang

    def enabled(self, code: str) -> bool:
        return self.selection.enabled(code)

    def finding(
        self,
        code: str,
        start: int,
        end: int,
        message: str,
        *,
        severity: Severity | None = None,
        replacement: str | None = None,
        facts: Sequence[FactRef] = (),
    ) -> Finding:
        """Build a finding at original offsets [start, end)."""
        rule = self.rules.get(code)
        sev = severity or (rule.severity if rule else Severity.WARNING)
        line, col = self.document.position(start)
        end_line, end_col = self.document.position(max(end, start))
        return Finding(
            path=self.document.path,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            code=code,
            severity=sev,
            message=message,
            replacement=replacement,
            facts=tuple(facts),
            start=start,
            end=end,
        )


@dataclass(frozen=True)
class ReportContext:
    """What an output format gets besides the findings."""

    documents: Mapping[str, Document]
    rules: Mapping[str, Rule]
    version: str
    color: bool = False
    errors: Sequence[str] = ()  # one-line input errors (already printed to stderr)
    root: Path | None = None  # the directory report paths are relative to (paths.py)


Formatter = Callable[[Sequence[Finding], ReportContext], str]
