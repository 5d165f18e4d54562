"""The machine-readable formats ``json`` (one document) and ``jsonl`` (a line per finding).

Each finding is an object with exactly these keys::

    path, line, column, end_line, end_column, code, severity, message,
    replacement, facts

``line``/``column`` are 1-based; columns count characters (Unicode code
points) of the original file, and ``end_column`` is exclusive (the column just
after the span). ``severity`` is ``"error"``, ``"warning"`` or ``"info"``;
``replacement`` is ``null`` when the finding has no fix; ``facts`` is a list of
``{"id": ..., "source": ...}`` (``source`` may be ``null``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factlint.model import Finding, Severity
from factlint.report.text import severity_counts

if TYPE_CHECKING:
    from factlint.api import ReportContext


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """The JSON object for one finding."""
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "replacement": finding.replacement,
        "facts": [{"id": fact.id, "source": fact.source} for fact in finding.facts],
    }


def summary_dict(findings: Sequence[Finding]) -> dict[str, int]:
    """``{"errors": n, "warnings": n, "infos": n}``."""
    counts = severity_counts(findings)
    return {
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def format_json(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """``{"findings": [...], "summary": {...}}``, indented, non-ASCII kept as is.

    After ``--fix`` the summary also has ``"fixed"``: how many findings were fixed.
    """
    ordered = sorted(findings, key=Finding.sort_key)
    summary = summary_dict(ordered)
    if ctx.fixed is not None:
        summary["fixed"] = ctx.fixed
    document = {"findings": [finding_to_dict(f) for f in ordered], "summary": summary}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_jsonl(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """One compact JSON object per line, one line per finding (nothing when none)."""
    ordered = sorted(findings, key=Finding.sort_key)
    return "".join(
        json.dumps(finding_to_dict(f), ensure_ascii=False, separators=(",", ":")) + "\n"
        for f in ordered
    )
