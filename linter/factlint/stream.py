"""Streaming output: each file's findings are written as soon as that file is done.

The line formats -- ``text`` (``full``), ``concise``, ``jsonl`` and ``github`` --
are a sequence of per-finding pieces and, for ``text``/``concise``, a summary
at the end. Files are linted in the order of their displayed paths, which is the
report's order, so writing each file's pieces when it is done and the summary
last gives the same bytes as formatting everything at the end -- while each
document can be dropped as soon as its findings are out, so memory does not
grow with the corpus. ``json`` and ``sarif`` are one document holding every
finding: they (and formats from plugins) are written at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from factlint.api import Formatter, ReportContext
from factlint.model import Finding
from factlint.report.github import format_github
from factlint.report.json import format_jsonl
from factlint.report.text import (
    _citation,
    _fixable,
    _header,
    _summary,
    format_concise,
    format_text,
    render_finding,
)

__all__ = ["LineFormat", "line_format"]


@dataclass
class LineFormat:
    """A line format as each file's findings, then a trailer; one per run.

    The ``[*]`` marks of fixable findings are decided file by file (fixability
    needs only the file's own document); their counts add up for the summary.
    """

    kind: str  # "text" | "concise" | "plain"
    formatter: Formatter
    marked: set[Finding] = field(default_factory=set)
    hidden: int = 0

    def body(self, findings: Sequence[Finding], ctx: ReportContext) -> str:
        ordered = sorted(findings, key=Finding.sort_key)
        if self.kind == "plain":
            return self.formatter(ordered, ctx)
        marked, hidden = _fixable(ordered, ctx)
        self.marked |= marked
        self.hidden += hidden
        if self.kind == "text":
            return "".join(
                render_finding(f, ctx.documents.get(f.path), ctx.color, f in marked) + "\n\n"
                for f in ordered
            )
        return "".join(_header(f, ctx.color, f in marked) + _citation(f) + "\n" for f in ordered)

    def trailer(self, findings: Sequence[Finding], ctx: ReportContext) -> str:
        if self.kind == "plain":
            return ""
        fixes = (self.marked, self.hidden)
        return "\n".join(_summary(findings, ctx, self.kind == "concise", fixes)) + "\n"


def line_format(formatter: Formatter) -> LineFormat | None:
    """The streaming form of a built-in line format; ``None`` for the others."""
    kinds: dict[Callable[..., str], str] = {
        format_text: "text",
        format_concise: "concise",
        format_jsonl: "plain",
        format_github: "plain",
    }
    kind = kinds.get(formatter)
    return None if kind is None else LineFormat(kind, formatter)
