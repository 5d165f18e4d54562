"""Output formats for findings.

Every format is a :data:`factlint.api.Formatter`: a pure function from the
findings and a :class:`factlint.api.ReportContext` to the text to write. The
built-in formats are registered as a plugin by :mod:`factlint.report.formats`.
Each formatter returns text ending in a newline (or the empty string when there
is nothing to write), meant to be written as-is, e.g. ``sys.stdout.write(out)``.

The ``format_*`` names below are imported on first use (a run imports only the
format it writes).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factlint.report.github import format_github
    from factlint.report.gitlab import format_gitlab
    from factlint.report.json import format_json, format_jsonl
    from factlint.report.junit import format_junit
    from factlint.report.rdjson import format_rdjson
    from factlint.report.sarif import format_sarif
    from factlint.report.text import format_concise, format_text

_MODULES = {
    "format_concise": "text",
    "format_github": "github",
    "format_gitlab": "gitlab",
    "format_json": "json",
    "format_jsonl": "json",
    "format_junit": "junit",
    "format_rdjson": "rdjson",
    "format_sarif": "sarif",
    "format_text": "text",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"factlint.report.{module}"), name)


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
    "write_output_file",
]
