"""The ``sarif`` format: SARIF 2.1.0, for GitHub code scanning and SARIF viewers.

One run whose ``tool.driver.rules`` lists every rule known to the report
(``ReportContext.rules``) and any other code a finding uses. Columns are
counted in Unicode code points (``columnKind: unicodeCodePoints``), which is
what factlint's columns are; ``endColumn`` is exclusive, as SARIF wants.
Paths are given relative to ``%SRCROOT%`` (the working directory) when they
can be, with forward slashes and percent-encoding.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from factlint.model import Finding, Severity

if TYPE_CHECKING:
    from factlint.api import ReportContext, Rule
    from factlint.document import Document

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/factlint/"
SRCROOT = "%SRCROOT%"

_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def artifact_uri(path: str, root: str | None = None) -> tuple[str, str | None]:
    """(uri, uriBaseId) for a finding's path.

    Relative paths (and absolute ones under ``root``, default the working
    directory) become a relative URI against ``%SRCROOT%``; other absolute
    paths become ``file://`` URIs with no base.
    """
    file = Path(path)
    if file.is_absolute():
        try:
            file = file.relative_to(Path(root) if root is not None else Path.cwd())
        except ValueError:
            return file.as_uri(), None
    return quote(file.as_posix(), safe="/"), SRCROOT


def _first_paragraph(markdown: str) -> str:
    lines: list[str] = []
    for raw in markdown.strip().splitlines():
        line = raw.strip()
        if not line:
            if lines:
                break
            continue
        if line.startswith("#"):
            if lines:
                break
            continue
        lines.append(line)
    return " ".join(lines)


def rule_descriptor(code: str, rule: Rule | None) -> dict[str, Any]:
    """The ``reportingDescriptor`` for a rule (a bare one for an unknown code)."""
    if rule is None:
        return {"id": code, "shortDescription": {"text": code}}
    full = _first_paragraph(rule.docs) or rule.summary
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": full or rule.name},
        "help": {
            "text": rule.docs.strip() or rule.summary or rule.name,
            "markdown": rule.docs.strip() or rule.summary or rule.name,
        },
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }
    properties: dict[str, Any] = {}
    if rule.family:
        properties["tags"] = [rule.family]
    if rule.fixable:
        properties["fixable"] = True
    if properties:
        descriptor["properties"] = properties
    return descriptor


def _offset(document: Document, line: int, column: int) -> int:
    starts = document.line_starts
    line = min(max(line, 1), len(starts))
    return min(starts[line - 1] + max(column, 1) - 1, len(document.text))


def _region(finding: Finding, document: Document | None) -> dict[str, Any]:
    start_line = max(finding.line, 1)
    start_column = max(finding.column, 1)
    end_line = max(finding.end_line, start_line)
    end_column = finding.end_column
    if end_line == start_line:
        end_column = max(end_column, start_column)
    region: dict[str, Any] = {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": max(end_column, 1),
    }
    if document is not None and start_line <= len(document.line_starts):
        start = _offset(document, start_line, start_column)
        end = max(_offset(document, end_line, end_column), start)
        region["snippet"] = {"text": document.text[start:end]}
    return region


def _location(uri: str, base: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {"uri": uri}
    if base is not None:
        location["uriBaseId"] = base
    return location


def _result(
    finding: Finding,
    index: Mapping[str, int],
    document: Document | None,
) -> dict[str, Any]:
    uri, base = artifact_uri(finding.path)
    region = _region(finding, document)
    physical: dict[str, Any] = {"artifactLocation": _location(uri, base), "region": region}
    if document is not None and region["startLine"] <= len(document.line_starts):
        physical["contextRegion"] = {
            "startLine": region["startLine"],
            "endLine": region["startLine"],
            "snippet": {"text": document.line_text(region["startLine"])},
        }
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
    }
    if finding.replacement is not None:
        deleted = {key: region[key] for key in ("startLine", "startColumn", "endLine", "endColumn")}
        description = (
            f"Replace with `{finding.replacement}`" if finding.replacement else "Delete this text"
        )
        result["fixes"] = [
            {
                "description": {"text": description},
                "artifactChanges": [
                    {
                        "artifactLocation": _location(uri, base),
                        "replacements": [
                            {
                                "deletedRegion": deleted,
                                "insertedContent": {"text": finding.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    if finding.facts:
        facts: list[dict[str, str | None]] = []
        for fact in finding.facts:
            ref: dict[str, str | None] = {"id": fact.id, "source": fact.source}
            if fact.statement is not None:
                ref["statement"] = fact.statement
            facts.append(ref)
        result["properties"] = {"facts": facts}
    return result


def sarif_log(findings: Sequence[Finding], ctx: ReportContext) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    ordered = sorted(findings, key=Finding.sort_key)
    codes = sorted(set(ctx.rules) | {f.code for f in ordered})
    rules = [rule_descriptor(code, ctx.rules.get(code)) for code in codes]
    index = {code: i for i, code in enumerate(codes)}
    invocation: dict[str, Any] = {"executionSuccessful": not ctx.errors}
    if ctx.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": error}} for error in ctx.errors
        ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factlint",
                "informationUri": INFORMATION_URI,
                "version": ctx.version,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, ctx.documents.get(f.path)) for f in ordered],
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def format_sarif(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The SARIF 2.1.0 log, indented JSON with non-ASCII kept as is."""
    return json.dumps(sarif_log(findings, ctx), ensure_ascii=False, indent=2) + "\n"
