"""Placeholder: rules of this family are being written."""

from __future__ import annotations

from factlint.api import Rule
from factlint.hookspecs import hookimpl


@hookimpl
def factlint_rules() -> list[Rule]:
    return []
