"""``--statistics``: how many findings each rule produced, like ruff's.

Text: one line per rule, most frequent first (then by code)::

      7	NM002	[ ] name-inconsistent
      2	NM001	[*] name-near-miss

``[*]`` marks rules with at least one fixable finding. With ``--format json``
the same as a JSON array of ``{code, name, severity, count, fixable}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from factlint.model import Finding

if TYPE_CHECKING:
    from factlint.api import Rule


@dataclass(frozen=True)
class Statistic:
    code: str
    name: str
    severity: str
    count: int
    fixable: int  # findings of the rule with a replacement


def statistics(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> list[Statistic]:
    """One entry per rule with findings, most frequent first, then by code."""
    counts: dict[str, list[Finding]] = {}
    for finding in findings:
        counts.setdefault(finding.code, []).append(finding)
    stats = []
    for code, found in counts.items():
        rule = rules.get(code)
        worst = max(found, key=lambda f: f.severity.rank).severity
        stats.append(
            Statistic(
                code=code,
                name=rule.name if rule is not None else "",
                severity=worst.value,
                count=len(found),
                fixable=sum(1 for f in found if f.replacement is not None),
            )
        )
    return sorted(stats, key=lambda s: (-s.count, s.code))


def format_statistics(stats: Sequence[Statistic], as_json: bool = False) -> str:
    """The statistics as ruff-like text lines, or as a JSON array."""
    if as_json:
        return json.dumps([asdict(s) for s in stats], ensure_ascii=False, indent=2) + "\n"
    if not stats:
        return ""
    width = max(len(str(s.count)) for s in stats)
    code_width = max(len(s.code) for s in stats)
    return "".join(
        f"{s.count:>{width}}\t{s.code:<{code_width}}\t{'[*]' if s.fixable else '[ ]'} {s.name}\n"
        for s in stats
    )
