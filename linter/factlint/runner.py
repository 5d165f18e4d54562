"""The engine's own plugin: runs every registered, selected Rule on a document."""

from __future__ import annotations

from collections.abc import Iterator

from factlint.api import CheckContext
from factlint.hookspecs import hookimpl
from factlint.model import Finding


@hookimpl
def factlint_check(ctx: CheckContext) -> Iterator[Finding]:
    for code, rule in ctx.rules.items():
        if ctx.enabled(code):
            yield from rule.check(ctx)
