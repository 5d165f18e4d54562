"""The ``github`` format: GitHub Actions workflow commands that annotate the diff.

Each finding becomes one line::

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::MESSAGE

with ``warning``/``notice`` for warnings and infos. Values are escaped the way
``@actions/core`` does it (``escapeData``/``escapeProperty`` in
``packages/core/src/command.ts``): in the message ``%``, CR and LF become
``%25``, ``%0D`` and ``%0A``; property values additionally escape ``:`` and
``,`` as ``%3A`` and ``%2C``. GitHub does not accept ``col``/``endColumn``
when the annotation spans several lines, so they are left out then.

GitHub keeps 10 annotations per level per step and 50 per job: see
:func:`format_github` for how findings beyond that are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factlint.model import Finding, Severity

if TYPE_CHECKING:
    from factlint.api import ReportContext

ANNOTATIONS_PER_LEVEL = 10  # GitHub: per level (error, warning, notice) per step
ANNOTATIONS_PER_STEP = 50  # GitHub: per job; a step cannot have more either

_COMMAND = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(value: str) -> str:
    """Escape a workflow command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command for one finding (no trailing newline)."""
    properties = [("file", finding.path), ("line", str(max(finding.line, 1)))]
    if finding.end_line == finding.line:
        properties.append(("col", str(max(finding.column, 1))))
    properties.append(("endLine", str(max(finding.end_line, finding.line, 1))))
    if finding.end_line == finding.line:
        properties.append(("endColumn", str(max(finding.end_column, finding.column, 1))))
    properties.append(("title", finding.code))
    message = finding.message
    if finding.replacement is not None:
        if finding.replacement:
            message += f"\nhelp: replace with `{finding.replacement}`"
        else:
            message += "\nhelp: delete this text"
    if finding.facts:
        message += "\nfacts: " + ", ".join(fact.cite() for fact in finding.facts)
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_COMMAND[finding.severity]} {props}::{escape_data(message)}"


def plain_line(finding: Finding) -> str:
    """``path:line:col: severity CODE message`` on one line, never a workflow command."""
    message = " ".join(finding.message.split())
    if finding.facts:
        message += " [facts: " + "; ".join(" ".join(f.cite().split()) for f in finding.facts) + "]"
    line = (
        f"{finding.path}:{finding.line}:{finding.column}: "
        f"{finding.severity.value} {finding.code} {message}"
    )
    return " " + line if line.startswith("::") else line


def by_severity(findings: Sequence[Finding]) -> list[Finding]:
    """Most severe first; within a severity, by path and position."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key()))


def select_annotations(
    findings: Sequence[Finding],
    per_level: int = ANNOTATIONS_PER_LEVEL,
    per_step: int = ANNOTATIONS_PER_STEP,
) -> tuple[list[Finding], int]:
    """The findings to annotate (most severe first, within GitHub's limits) and how
    many are left out. One notice is kept free for the count of those left out."""
    ordered = by_severity(findings)
    room = {level: per_level for level in Severity}
    total = per_step
    if _overflows(ordered, per_level, per_step):
        room[Severity.INFO] -= 1  # the summary notice
        total -= 1
    chosen: list[Finding] = []
    for finding in ordered:
        if room[finding.severity] > 0 and total > 0:
            chosen.append(finding)
            room[finding.severity] -= 1
            total -= 1
    return chosen, len(ordered) - len(chosen)


def _overflows(ordered: Sequence[Finding], per_level: int, per_step: int) -> bool:
    counts = dict.fromkeys(Severity, 0)
    for finding in ordered:
        counts[finding.severity] += 1
    fitting = sum(min(n, per_level) for n in counts.values())
    return fitting < len(ordered) or fitting > per_step


def format_github(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """Annotations within GitHub's limits, most severe first; the empty string when
    there are no findings.

    GitHub keeps at most 10 annotations of each level per step (and 50 per
    job) and silently drops the rest. When there are more findings than that,
    every finding is first listed as a plain line inside a collapsed
    ``::group::``, then the most severe ones are annotated, then one notice
    says how many were not annotated and where to find them.
    """
    chosen, left_out = select_annotations(findings)
    lines: list[str] = []
    if left_out:
        ordered = sorted(findings, key=Finding.sort_key)
        lines.append(f"::group::factlint: all {len(ordered)} findings")
        lines.extend(plain_line(f) for f in ordered)
        lines.append("::endgroup::")
    lines.extend(annotation(f) for f in chosen)
    if left_out:
        noun = "finding was" if left_out == 1 else "findings were"
        notice = (
            f"{left_out} more {noun} not annotated: GitHub shows at most "
            f"{ANNOTATIONS_PER_LEVEL} annotations of each level per step. "
            "Every finding is listed in the 'factlint: all findings' group of this "
            "step's log and in the job summary."
        )
        lines.append(f"::notice title={escape_property('factlint')}::{escape_data(notice)}")
    return "".join(line + "\n" for line in lines)
