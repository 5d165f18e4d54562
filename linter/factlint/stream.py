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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from factlint.api import Formatter, ReportContext
from factlint.model import Finding
from factlint.report.github import format_github
from factlint.report.json import format_jsonl
from factlint.report.text import _header, _summary, format_concise, format_text, render_finding

__all__ = ["LineFormat", "line_format"]

Piece = Callable[[Sequence[Finding], ReportContext], str]


@dataclass(frozen=True)
class LineFormat:
    """A format as the output of one file's findings, then a trailer."""

    body: Piece
    trailer: Piece


def _text_body(findings: Sequence[Finding], ctx: ReportContext) -> str:
    ordered = sorted(findings, key=Finding.sort_key)
    return "".join(
        render_finding(f, ctx.documents.get(f.path), ctx.color) + "\n\n" for f in ordered
    )


def _text_trailer(findings: Sequence[Finding], ctx: ReportContext) -> str:
    return "\n".join(_summary(findings, ctx, concise=False)) + "\n"


def _concise_body(findings: Sequence[Finding], ctx: ReportContext) -> str:
    ordered = sorted(findings, key=Finding.sort_key)
    return "".join(_header(f, ctx.color) + "\n" for f in ordered)


def _concise_trailer(findings: Sequence[Finding], ctx: ReportContext) -> str:
    return "\n".join(_summary(findings, ctx, concise=True)) + "\n"


def _nothing(findings: Sequence[Finding], ctx: ReportContext) -> str:
    return ""


def line_format(formatter: Formatter) -> LineFormat | None:
    """The streaming form of a built-in line format; ``None`` for the others."""
    known: Mapping[Formatter, LineFormat] = {
        format_text: LineFormat(_text_body, _text_trailer),
        format_concise: LineFormat(_concise_body, _concise_trailer),
        format_jsonl: LineFormat(format_jsonl, _nothing),
        format_github: LineFormat(format_github, _nothing),
    }
    return known.get(formatter)
