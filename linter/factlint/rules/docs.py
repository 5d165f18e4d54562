"""Rule documentation, kept as Markdown files in ``factlint/rules/docs``."""

from __future__ import annotations

from importlib import resources


def rule_docs(code: str) -> str:
    """The Markdown docs of a built-in rule ('' when there is none)."""
    try:
        return (resources.files("factlint.rules") / "docs" / f"{code}.md").read_text(
            encoding="utf-8"
        )
    except (FileNotFoundError, OSError):
        return ""
