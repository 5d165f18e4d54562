"""The built-in output formats, registered as a plugin (entry point ``formats``).

The line formats (``text``, ``concise``, ``jsonl``, ``github``) are imported
with this module (streaming needs them); the others are imported when their
format is looked up, so a run imports only the format it writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from factlint.hookspecs import hookimpl
from factlint.report.github import format_github
from factlint.report.json import format_json, format_jsonl
from factlint.report.text import format_concise, format_text

if TYPE_CHECKING:
    from factlint.api import Formatter

_EAGER: dict[str, Formatter] = {
    "text": format_text,
    "full": format_text,
    "concise": format_concise,
    "json": format_json,
    "jsonl": format_jsonl,
    "github": format_github,
}
# name -> (module, function), imported on lookup
_LAZY: dict[str, tuple[str, str]] = {
    "sarif": ("factlint.report.sarif", "format_sarif"),
    "rdjson": ("factlint.report.rdjson", "format_rdjson"),
    "gitlab": ("factlint.report.gitlab", "format_gitlab"),
    "junit": ("factlint.report.junit", "format_junit"),
    "html": ("factlint.report.html", "format_html"),
    "claims-json": ("factlint.report.html", "format_claims_json"),
}


class BuiltinFormats(Mapping[str, "Formatter"]):
    """The built-in formats by name; a format's module is imported when it is looked up."""

    def __getitem__(self, name: str) -> Formatter:
        if name in _EAGER:
            return _EAGER[name]
        module, function = _LAZY[name]
        formatter: Formatter = getattr(importlib.import_module(module), function)
        return formatter

    def __contains__(self, name: object) -> bool:
        return name in _EAGER or name in _LAZY

    def __iter__(self) -> Iterator[str]:
        return iter([*_EAGER, *_LAZY])

    def __len__(self) -> int:
        return len(_EAGER) + len(_LAZY)


@hookimpl
def factlint_formats() -> Mapping[str, Formatter]:
    """``text`` (alias ``full``), ``concise``, ``json``, ``jsonl``, ``github``, ``sarif``,
    ``rdjson``, ``gitlab``, ``junit``, ``html`` and ``claims-json``."""
    return BuiltinFormats()
