"""The built-in output formats, registered as a plugin (entry point ``formats``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factlint.hookspecs import hookimpl
from factlint.report.github import format_github
from factlint.report.gitlab import format_gitlab
from factlint.report.html import format_claims_json, format_html
from factlint.report.json import format_json, format_jsonl
from factlint.report.junit import format_junit
from factlint.report.rdjson import format_rdjson
from factlint.report.sarif import format_sarif
from factlint.report.text import format_concise, format_text

if TYPE_CHECKING:
    from factlint.api import Formatter


@hookimpl
def factlint_formats() -> dict[str, Formatter]:
    """``text`` (alias ``full``), ``concise``, ``json``, ``jsonl``, ``github``, ``sarif``,
    ``rdjson``, ``gitlab``, ``junit``, ``html`` and ``claims-json``."""
    return {
        "text": format_text,
        "full": format_text,
        "concise": format_concise,
        "json": format_json,
        "jsonl": format_jsonl,
        "github": format_github,
        "sarif": format_sarif,
        "rdjson": format_rdjson,
        "gitlab": format_gitlab,
        "junit": format_junit,
        "html": format_html,
        "claims-json": format_claims_json,
    }
