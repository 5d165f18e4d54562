"""The Markdown job summary for GitHub Actions (``$GITHUB_STEP_SUMMARY``).

Counts per rule and severity, then every finding grouped by file (line, rule,
severity, message), each rule linked to its documentation. GitHub accepts at
most 1 MiB of summary per step, so the list of findings stops before that
size with a line saying how many were left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from factlint.links import rule_url
from factlint.model import Finding
from factlint.report.text import summary_line

if TYPE_CHECKING:
    from factlint.api import ReportContext

SUMMARY_LIMIT = 1024 * 1024  # bytes GitHub accepts per step summary
_RESERVE = 4096  # room for the closing line
_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "#": "\\#",
    }
)


def cell(text: str) -> str:
    """``text`` safe in a Markdown table cell: one line, markup characters escaped."""
    return " ".join(text.split()).translate(_SPECIAL)


def _rule_link(code: str, ctx: ReportContext) -> str:
    rule = ctx.rules.get(code)
    return f"[{cell(code)}]({rule_url(code, rule.name if rule else '')})"


def _counts_table(findings: Sequence[Finding], ctx: ReportContext) -> list[str]:
    counts = Counter((f.code, f.severity) for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[0][1].rank, item[0][0]))
    lines = ["| Rule | Name | Severity | Findings |", "|---|---|---|---:|"]
    for (code, severity), count in rows:
        rule = ctx.rules.get(code)
        name = cell(rule.name) if rule else ""
        lines.append(f"| {_rule_link(code, ctx)} | {name} | {severity.value} | {count} |")
    return lines


def markdown_summary(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The job summary as Markdown (at most :data:`SUMMARY_LIMIT` bytes)."""
    ordered = sorted(findings, key=Finding.sort_key)
    files = len(ctx.documents)
    head = ["## factlint", ""]
    if not ordered:
        head.append(f"No findings in {files} file{'s' if files != 1 else ''}.")
        if ctx.errors:
            head += ["", f"{len(ctx.errors)} input error(s): see the step's log."]
        return "\n".join(head) + "\n\n"
    head += [f"**{summary_line(ordered)}** ({files} file{'s' if files != 1 else ''} checked)", ""]
    if ctx.errors:
        head += [f"{len(ctx.errors)} input error(s): see the step's log.", ""]
    head += _counts_table(ordered, ctx)
    text = "\n".join(head) + "\n"
    size = len(text.encode("utf-8"))
    listed = 0
    for path, group in groupby(ordered, key=lambda f: f.path):
        block = [
            "",
            f"### {cell(path)}",
            "",
            "| Line | Rule | Severity | Message |",
            "|---:|---|---|---|",
        ]
        rows = [
            f"| {f.line} | {_rule_link(f.code, ctx)} | {f.severity.value} | {cell(f.message)} |"
            for f in group
        ]
        chunk = "\n".join(block) + "\n"
        taken = 0
        for row in rows:
            add = len(chunk.encode("utf-8")) if taken == 0 else 0
            row_size = len(row.encode("utf-8")) + 1
            if size + add + row_size > SUMMARY_LIMIT - _RESERVE:
                break
            if taken == 0:
                text += chunk
                size += add
            text += row + "\n"
            size += row_size
            taken += 1
        listed += taken
        if taken < len(rows):
            break
    if listed < len(ordered):
        text += (
            f"\n{len(ordered) - listed} more findings are not listed here (GitHub keeps "
            "1 MiB of summary per step); the step's log and the SARIF report have them all.\n"
        )
    return text + "\n"
