"""The ``gitlab`` format: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of issues, the subset of the Code Climate spec GitLab reads::

    {"type": "issue", "check_name", "description", "categories", "severity",
     "fingerprint", "location": {"path", "lines": {"begin", "end"}}}

``severity`` is one of ``info``, ``minor``, ``major``, ``critical``,
``blocker``: errors are ``major``, warnings ``minor``, infos ``info``.
``location.path`` is relative to the repository root. GitLab needs each
``fingerprint`` to be unique in a report, and stable across commits so that an
unchanged finding is not shown as new: it is made from the path, the finding's
stable fingerprint (rule, matched text and sentence, not the line) and its
occurrence number among findings that share both.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factlint.model import Finding, Severity
from factlint.report.sarif import finding_fingerprint

if TYPE_CHECKING:
    from factlint.api import ReportContext

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_gitlab(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The Code Quality report as indented JSON (``[]`` when there are no findings)."""
    ordered = sorted(findings, key=Finding.sort_key)
    seen: Counter[tuple[str, str]] = Counter()
    issues: list[dict[str, Any]] = []
    for finding in ordered:
        stable = finding_fingerprint(finding, ctx.documents.get(finding.path))
        key = (finding.path, stable)
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(
            "\x00".join((finding.path, stable, str(occurrence))).encode("utf-8")
        ).hexdigest()
        rule = ctx.rules.get(finding.code)
        issues.append(
            {
                "type": "issue",
                "check_name": finding.code,
                "description": f"{finding.code} {finding.message}",
                "content": {"body": rule.summary if rule is not None else finding.code},
                "categories": ["Bug Risk" if finding.severity is Severity.ERROR else "Style"],
                "severity": SEVERITY[finding.severity],
                "fingerprint": digest[:32],
                "location": {
                    "path": finding.path,
                    "lines": {
                        "begin": max(finding.line, 1),
                        "end": max(finding.end_line, finding.line, 1),
                    },
                },
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
