"""factlint: a fact-checking and consistency linter for prose."""

from __future__ import annotations

__version__ = "0.1.0"
