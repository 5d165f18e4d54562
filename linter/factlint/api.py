"""The types a rule or output-format plugin works with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from factlint.model import Claims, FactRef, Finding, Mention, Severity
from factlint.selection import Selection
from factlint.wordlist import Vocabulary

if TYPE_CHECKING:
    from factlint.config import Config
    from factlint.document import Document
    from factlint.facts.model import Facts
    from factlint.mentions import Lexicon
    from factlint.normalize import Normalized
    from factlint.quotes import QuoteScan
    from factlint.segment import Segments
    from factlint.tokens import Token


FixSafety = Literal["safe", "unsafe"]
"""How far a rule's replacements can be trusted: ``safe`` ones (a misspelt name,
a duplicated word, quotation marks) are applied by ``--fix``; ``unsafe`` ones
(anything that changes a stated fact: an age, a year, a count, a title) only
with ``--unsafe-fixes``."""


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, kebab-case name, one-line summary, Markdown docs.

    ``fix`` says whether the rule's replacements are ``"safe"`` or ``"unsafe"``
    (``None``: it offers none). ``fixable`` is derived from it; a rule that only
    sets ``fixable=True`` (the older API) gets ``fix="unsafe"``.
    """

    code: str
    name: str
    summary: str
    check: Callable[[CheckContext], Iterable[Finding]]
    severity: Severity = Severity.ERROR
    family: str = ""
    docs: str = ""  # Markdown: what it checks, why, a wrong and a right example
    fixable: bool = False
    fix: FixSafety | None = None

    def __post_init__(self) -> None:
        if self.fix is None and self.fixable:
            object.__setattr__(self, "fix", "unsafe")
        object.__setattr__(self, "fixable", self.fix is not None)


@dataclass(frozen=True)
class CheckContext:
    """Everything known about one document, handed to each rule."""

    document: Document
    normalized: Normalized
    tokens: tuple[Token, ...]
    segments: Segments
    mentions: tuple[Mention, ...]
    claims: Claims
    quotes: QuoteScan
    facts: Facts
    config: Config
    rules: Mapping[str, Rule]
    selection: Selection
    lexicon: Lexicon
    date: dt.date | None = None
    vocabulary: Vocabulary = field(default_factory=Vocabulary, compare=False)
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
        replacement: str | None = None,
        facts: Sequence[FactRef] = (),
        quoted: bool = False,
    ) -> Finding:
        """The one call a rule reports through: a finding at original offsets [start, end).

        The severity is the rule's declared one; a claim made inside quoted speech
        (``quoted``) is reported one step lower and says so. The facts the finding
        rests on go in ``facts`` (formats print them once); the message names them
        in words, without repeating ids and sources.
        """
        rule = self.rules.get(code)
        sev = rule.severity if rule else Severity.WARNING
        if quoted:
            message, sev = f"{message} (in quoted speech)", sev.lowered()
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
    fixed: int | None = None  # fixes applied by --fix (None: not a --fix run)
    unsafe_fixes: bool = False  # --unsafe-fixes: unsafe fixes count as fixable
    facts: Facts | None = None  # the facts of the run (for formats that show coverage)
    config: Config | None = None
    root: Path | None = None  # the directory report paths are relative to (paths.py)


Formatter = Callable[[Sequence[Finding], ReportContext], str]
