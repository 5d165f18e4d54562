"""``factlint rules`` and ``factlint explain``: the rules, as text or JSON.

Both take rule codes or code prefixes (``factlint explain NM`` prints every
NMxxx rule; a rule's kebab-case name works too) and ``--format text|json``;
their options are parsed by :mod:`factlint.cli_parser`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from factlint.api import Rule
from factlint.links import rule_url


def matching(rules: Mapping[str, Rule], queries: Sequence[str]) -> list[Rule]:
    """Rules whose code starts with a query (case-insensitive) or whose name is one,
    in code order; every rule when there is no query."""
    if not queries:
        return list(rules.values())
    wanted = [q.strip() for q in queries if q.strip()]
    return [
        rule
        for code, rule in rules.items()
        if any(code.upper().startswith(q.upper()) or rule.name == q for q in wanted)
    ]


def rule_dict(rule: Rule, docs: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "family": rule.family,
        "fixable": rule.fixable,
        "fix": rule.fix,
        "url": rule_url(rule.code, rule.name),
    }
    if docs:
        data["docs"] = rule.docs
    return data


def explain_text(rule: Rule) -> str:
    from factlint.suppress import suppression_help

    lines = [f"# {rule.name} ({rule.code})", "", rule.summary, ""]
    lines.append(f"Family: {rule.family or '-'}. Default severity: {rule.severity.value}.")
    if rule.docs:
        lines += ["", rule.docs.strip()]
    if rule.fix is not None:
        how = "--fix" if rule.fix == "safe" else "--fix --unsafe-fixes"
        lines += ["", f"Fix: {rule.fix} ({how})."]
    lines += ["", suppression_help(rule.code)]
    return "\n".join(lines) + "\n"


def run(
    command: str, codes: Sequence[str], fmt: str, rules: Mapping[str, Rule]
) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``factlint rules|explain CODES --format FMT``."""
    if command == "explain" and not codes:
        return 2, "", "factlint: error: usage: factlint explain CODE|PREFIX... [--format json]\n"
    found = matching(rules, codes)
    if not found:
        shown = ", ".join(repr(c) for c in codes)
        return 2, "", f"factlint: error: unknown rule code {shown} (see 'factlint rules')\n"
    docs = command == "explain"
    if fmt == "json":
        out = json.dumps([rule_dict(r, docs) for r in found], ensure_ascii=False, indent=2)
        return 0, out + "\n", ""
    if docs:
        return 0, "\n".join(explain_text(r) for r in found), ""
    lines = [f"{r.code:8} {r.severity.value:8} {r.name:32} {r.summary}" for r in found]
    return 0, "".join(line + "\n" for line in lines), ""
