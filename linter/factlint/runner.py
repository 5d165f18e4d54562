"""The engine's own plugin: runs every registered, selected Rule on a document."""

from __future__ import annotations

from collections.abc import Iterator

from factlint.api import CheckContext
from factlint.errors import FactlintError
from factlint.hookspecs import hookimpl
from factlint.model import Finding


@hookimpl
def factlint_check(ctx: CheckContext) -> Iterator[Finding]:
    for code, rule in ctx.rules.items():
        if not ctx.enabled(code):
            continue
        try:
            found = list(rule.check(ctx))
        except FactlintError:
            raise
        except Exception as exc:  # a bug in a rule must not hide the other files' results
            raise FactlintError(
                f"internal error in rule {code} ({type(exc).__name__}: {exc}); please report it",
                ctx.path,
            ) from exc
        yield from found
