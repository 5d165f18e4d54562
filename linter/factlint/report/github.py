"""The ``github`` format: GitHub Actions workflow commands that annotate the diff.

Each finding becomes one line::

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::MESSAGE

with ``warning``/``notice`` for warnings and infos. Values are escaped the way
``@actions/core`` does it (``escapeData``/``escapeProperty`` in
``packages/core/src/command.ts``): in the message ``%``, CR and LF become
``%25``, ``%0D`` and ``%0A``; property values additionally escape ``:`` and
``,`` as ``%3A`` and ``%2C``. GitHub does not accept ``col``/``endColumn``
when the annotation spans several lines, so they are left out then.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factlint.model import Finding, Severity

if TYPE_CHECKING:
    from factlint.api import ReportContext

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


def format_github(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """One annotation per finding; the empty string when there are none."""
    ordered = sorted(findings, key=Finding.sort_key)
    return "".join(annotation(f) + "\n" for f in ordered)
