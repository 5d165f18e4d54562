"""The ``junit`` format: JUnit XML, for CI systems that show test reports
(GitLab ``artifacts:reports:junit``, Jenkins, Azure Pipelines).

One ``<testsuite>`` per checked file; each finding is a ``<testcase>`` with a
``<failure>`` (``type`` is the severity), and a file without findings has one
passing test case, so that a clean run still reports what was checked::

    <testsuites name="factlint" tests="3" failures="2" errors="0">
      <testsuite name="articles/a.md" tests="2" failures="2" errors="0">
        <testcase name="NM001 line 3, column 5" classname="articles/a.md" file="articles/a.md" line="3">
          <failure type="error" message="...">articles/a.md:3:5: NM001 ...</failure>
        </testcase>
      ...

Input errors (unreadable files) are an ``<error>`` in a test case of their own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from factlint.model import Finding

if TYPE_CHECKING:
    from factlint.api import ReportContext


def _xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold (control characters other than tab/newline)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or (" " <= ch <= "\ud7ff")
        or ("\ue000" <= ch <= "\ufffd")
        or ch > "\uffff"
    )


def _suite(name: str, cases: int, failures: int, errors: int = 0) -> ET.Element:
    return ET.Element(
        "testsuite",
        {
            "name": _xml_safe(name),
            "tests": str(cases),
            "failures": str(failures),
            "errors": str(errors),
        },
    )


def format_junit(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The JUnit XML report (an XML declaration, then ``<testsuites>``)."""
    ordered = sorted(findings, key=Finding.sort_key)
    by_path = {path: list(group) for path, group in groupby(ordered, key=lambda f: f.path)}
    paths = sorted(set(ctx.documents) | set(by_path))
    root = ET.Element("testsuites", {"name": "factlint"})
    total = failures = 0
    for path in paths:
        found = by_path.get(path, [])
        suite = _suite(path, max(len(found), 1), len(found))
        if not found:
            ET.SubElement(
                suite,
                "testcase",
                {"name": "no findings", "classname": _xml_safe(path), "file": _xml_safe(path)},
            )
        for finding in found:
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "name": f"{finding.code} line {finding.line}, column {finding.column}",
                    "classname": _xml_safe(path),
                    "file": _xml_safe(path),
                    "line": str(finding.line),
                },
            )
            failure = ET.SubElement(
                case,
                "failure",
                {"type": finding.severity.value, "message": _xml_safe(finding.message)},
            )
            failure.text = _xml_safe(
                f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
            )
        total += max(len(found), 1)
        failures += len(found)
        root.append(suite)
    if ctx.errors:
        suite = _suite("input errors", len(ctx.errors), 0, len(ctx.errors))
        for index, message in enumerate(ctx.errors, 1):
            case = ET.SubElement(
                suite, "testcase", {"name": f"input error {index}", "classname": "factlint"}
            )
            error = ET.SubElement(case, "error", {"message": _xml_safe(message)})
            error.text = _xml_safe(message)
        total += len(ctx.errors)
        root.append(suite)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(len(ctx.errors)))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
