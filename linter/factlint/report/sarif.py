"""The ``sarif`` format: SARIF 2.1.0, for GitHub code scanning and SARIF viewers.

One run whose ``tool.driver.rules`` lists every rule known to the report
(``ReportContext.rules``) and any other code a finding uses. Columns are
counted in Unicode code points (``columnKind: unicodeCodePoints``), which is
what factlint's columns are; ``endColumn`` is exclusive, as SARIF wants.
Paths are given relative to ``%SRCROOT%`` -- the repository root, declared
in ``originalUriBaseIds`` -- with forward slashes and percent-encoding.

What GitHub code scanning reads besides the basics:

- ``partialFingerprints["factlint/v1"]``: :func:`factlint.fingerprint.fingerprint`
  of the rule, the matched text and its sentence -- never the line number, so
  an edit above a finding does not turn it into a new alert;
- per rule: ``helpUri`` (its section of docs/rules.md), the full docs as
  ``help``, ``properties.precision`` (error rules need evidence beyond
  similarity: ``high``; warnings ``medium``; infos ``low``) and
  ``properties["problem.severity"]`` (``error``, ``warning``, ``recommendation``);
- ``message.text`` starts with one short sentence (GitHub shows the first
  line); the rest of the message follows after a blank line;
- ``contextRegion`` holds a bounded window around the finding, never a whole
  line of arbitrary length.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from factlint.fingerprint import fingerprint
from factlint.links import rule_url
from factlint.model import Finding, Severity

if TYPE_CHECKING:
    from factlint.api import ReportContext, Rule
    from factlint.document import Document

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/factlint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "factlint/v1"
CONTEXT_CHARS = 80  # characters of context on each side of a finding
MAX_CONTEXT = 2000  # no context region for findings longer than this
FIRST_SENTENCE_MAX = 160  # a longer first sentence gives way to the rule's summary

_PRECISION = {Severity.ERROR: "high", Severity.WARNING: "medium", Severity.INFO: "low"}
_PROBLEM_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
}

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
        "helpUri": rule_url(rule.code, rule.name),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }
    properties: dict[str, Any] = {
        "precision": _PRECISION[rule.severity],
        "problem.severity": _PROBLEM_SEVERITY[rule.severity],
    }
    if rule.family:
        properties["tags"] = [rule.family]
    if rule.fixable:
        properties["fixable"] = True
    descriptor["properties"] = properties
    return descriptor


def split_message(message: str) -> tuple[str, str]:
    """(first sentence, rest) of a message: cut at the first ``. ; : ! ?`` followed
    by a space outside brackets; ``(message, "")`` when there is no such cut."""
    depth = 0
    for index, char in enumerate(message):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif (
            depth == 0
            and char in ".;:!?؟"
            and message[index + 1 : index + 2].isspace()
            and message[index + 1 :].strip()
        ):
            first = message[: index + (1 if char in ".!?؟" else 0)].strip()
            return first, message[index + 1 :].strip()
    return message.strip(), ""


def message_text(finding: Finding, rule: Rule | None) -> str:
    """A short first sentence, then (after a blank line) the rest of the message."""
    first, rest = split_message(finding.message)
    if len(first) > FIRST_SENTENCE_MAX:
        summary = rule.summary if rule is not None and rule.summary else finding.code
        first, rest = summary, finding.message
    if not rest:
        return first
    if first[-1:] not in ".!?؟":
        first += "."
    return f"{first}\n\n{rest[:1].upper()}{rest[1:]}"


def finding_fingerprint(finding: Finding, document: Document | None) -> str:
    """The stable fingerprint of a finding (see :mod:`factlint.fingerprint`)."""
    if document is not None and 0 <= finding.start <= finding.end <= len(document.text):
        return fingerprint(finding.code, document.text, finding.start, finding.end)
    return fingerprint(finding.code, finding.message, 0, 0)


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


def _context_region(region: Mapping[str, Any], document: Document | None) -> dict[str, Any] | None:
    """At most CONTEXT_CHARS characters around the region, on its own lines."""
    if document is None or region["startLine"] > len(document.line_starts):
        return None
    start = _offset(document, region["startLine"], region["startColumn"])
    end = max(_offset(document, region["endLine"], region["endColumn"]), start)
    if end - start > MAX_CONTEXT:
        return None
    first_line = document.line_text(region["startLine"])
    last_line = document.line_text(min(region["endLine"], len(document.line_starts)))
    start_column = max(region["startColumn"] - CONTEXT_CHARS, 1)
    end_column = min(region["endColumn"] + CONTEXT_CHARS, len(last_line) + 1)
    if region["endLine"] == region["startLine"]:
        end_column = max(end_column, region["endColumn"])
    start_column = min(start_column, len(first_line) + 1)
    lo = _offset(document, region["startLine"], start_column)
    hi = max(_offset(document, region["endLine"], end_column), lo)
    return {
        "startLine": region["startLine"],
        "startColumn": start_column,
        "endLine": region["endLine"],
        "endColumn": end_column,
        "snippet": {"text": document.text[lo:hi]},
    }


def _location(uri: str, base: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {"uri": uri}
    if base is not None:
        location["uriBaseId"] = base
    return location


def _result(
    finding: Finding,
    index: Mapping[str, int],
    document: Document | None,
    rule: Rule | None,
    root: str | None,
) -> dict[str, Any]:
    uri, base = artifact_uri(finding.path, root)
    region = _region(finding, document)
    physical: dict[str, Any] = {"artifactLocation": _location(uri, base), "region": region}
    context = _context_region(region, document)
    if context is not None:
        physical["contextRegion"] = context
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": message_text(finding, rule)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: finding_fingerprint(finding, document)},
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
    root = str(ctx.root) if ctx.root is not None else None
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
        "results": [
            _result(f, index, ctx.documents.get(f.path), ctx.rules.get(f.code), root)
            for f in ordered
        ],
    }
    if ctx.root is not None:
        run["originalUriBaseIds"] = {
            SRCROOT: {
                "uri": ctx.root.resolve().as_uri().rstrip("/") + "/",
                "description": {"text": "The repository root: reported paths are relative to it."},
            }
        }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def format_sarif(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The SARIF 2.1.0 log, indented JSON with non-ASCII kept as is."""
    return json.dumps(sarif_log(findings, ctx), ensure_ascii=False, indent=2) + "\n"
