"""The ``rdjson`` format: reviewdog's Diagnostic Format (``reviewdog -f=rdjson``).

One ``DiagnosticResult`` object::

    {"source": {"name": "factlint", "url": ...}, "severity": ...,
     "diagnostics": [{"message", "location": {"path", "range": {"start", "end"}},
                      "severity": "ERROR"|"WARNING"|"INFO", "source",
                      "code": {"value", "url"}, "suggestions": [{"range", "text"}]}]}

as defined by reviewdog's ``proto/rdf/reviewdog.proto`` (JSON field names as
in its JSON Schema). Lines are 1-based; columns are 1-based **UTF-8 byte**
offsets, as the format requires (factlint's own columns count characters, so
they are converted through the document's text); ``end`` is exclusive. A
finding with a replacement carries it as a suggestion over the same range.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factlint.links import PROJECT_URL, rule_url
from factlint.model import Finding, Severity

if TYPE_CHECKING:
    from factlint.api import ReportContext
    from factlint.document import Document

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(document: Document | None, line: int, column: int) -> int:
    """The 1-based UTF-8 byte column of the 1-based character ``column`` on ``line``."""
    if document is None or not 1 <= line <= len(document.line_starts):
        return max(column, 1)
    text = document.line_text(line)
    return len(text[: max(column, 1) - 1].encode("utf-8")) + 1


def _range(finding: Finding, document: Document | None) -> dict[str, Any]:
    start_line = max(finding.line, 1)
    end_line = max(finding.end_line, start_line)
    end_column = finding.end_column
    if end_line == start_line:
        end_column = max(end_column, finding.column)
    return {
        "start": {"line": start_line, "column": byte_column(document, start_line, finding.column)},
        "end": {"line": end_line, "column": byte_column(document, end_line, end_column)},
    }


def diagnostic(finding: Finding, ctx: ReportContext) -> dict[str, Any]:
    """The ``Diagnostic`` for one finding."""
    document = ctx.documents.get(finding.path)
    rule = ctx.rules.get(finding.code)
    where = _range(finding, document)
    result: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": finding.path, "range": where},
        "severity": _SEVERITY[finding.severity],
        "source": {"name": "factlint", "url": PROJECT_URL},
        "code": {"value": finding.code, "url": rule_url(finding.code, rule.name if rule else "")},
    }
    if finding.replacement is not None:
        result["suggestions"] = [{"range": where, "text": finding.replacement}]
    return result


def format_rdjson(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The DiagnosticResult as indented JSON, non-ASCII kept as is."""
    ordered = sorted(findings, key=Finding.sort_key)
    document = {
        "source": {"name": "factlint", "url": PROJECT_URL},
        "diagnostics": [diagnostic(f, ctx) for f in ordered],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
