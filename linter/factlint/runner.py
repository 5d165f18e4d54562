"""The engine's own plugin: runs every registered, selected Rule on a document.

A rule that raises, or returns a finding that is not sound (see
:func:`factlint.guard.finding_problem`), does not stop the others: after the
last rule, :class:`~factlint.guard.RuleFailures` carries the other rules'
findings and one error line per failed rule.
"""

from __future__ import annotations

from factlint.api import CheckContext
from factlint.errors import FactlintError
from factlint.guard import RuleFailures, internal_error, valid_findings
from factlint.hookspecs import hookimpl
from factlint.model import Finding


@hookimpl
def factlint_check(ctx: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    errors: list[str] = []
    for code, rule in ctx.rules.items():
        if not ctx.enabled(code):
            continue
        stage = f"rule {code}"
        try:
            batch = list(rule.check(ctx))
        except FactlintError:
            raise
        except Exception as exc:  # a bug in a rule must not hide the other rules' results
            errors.append(internal_error(ctx.path, stage, exc))
            continue
        good, error = valid_findings(batch, ctx, stage)
        found.extend(good)
        if error is not None:
            errors.append(error)
    if errors:
        raise RuleFailures(found, errors)
    return found
