"""Output formats for findings.

Every format is a :data:`factlint.api.Formatter`: a pure function from the
findings and a :class:`factlint.api.ReportContext` to the text to write. The
built-in formats are registered as a plugin by :mod:`factlint.report.formats`.
Each formatter returns text ending in a newline (or the empty string when there
is nothing to write), meant to be written as-is, e.g. ``sys.stdout.write(out)``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factlint.report.github import format_github
from factlint.report.gitlab import format_gitlab
from factlint.report.json import format_json, format_jsonl
from factlint.report.junit import format_junit
from factlint.report.rdjson import format_rdjson
from factlint.report.sarif import format_sarif
from factlint.report.text import format_concise, format_text


def write_output_file(path: Path, text: str) -> bool:
    """Write a report to ``-o FILE``; on failure print the one-line error and say so."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"factlint: error: {path}: cannot write: {exc.strerror}", file=sys.stderr)
        return False
    return True


__all__ = [
    "format_concise",
    "format_github",
    "format_gitlab",
    "format_json",
    "format_jsonl",
    "format_junit",
    "format_rdjson",
    "format_sarif",
    "format_text",
]
