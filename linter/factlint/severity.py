"""Severity policy: per-rule overrides from the configuration and ``--fail-on``.

``severity: {AT002: warning, GL: info}`` in ``[tool.factlint]`` or
``.factlint.yaml`` changes the severity of every finding of the matching
rules (a code or a code prefix; the longest prefix wins). The override is
applied where findings are collected, so every output format -- and the exit
code -- sees the same severity. ``--fail-on LEVEL`` makes the run fail (exit 1)
only when a finding is at least that severe.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from factlint.errors import ConfigError
from factlint.model import Finding, Severity

if TYPE_CHECKING:
    from factlint.api import Rule

Overrides = tuple[tuple[str, Severity], ...]
LEVELS = tuple(s.value for s in Severity)


def parse_overrides(value: Any, where: tuple[str, int | None]) -> Overrides:
    """The ``severity`` setting: a mapping from rule codes or prefixes to a level."""
    if not isinstance(value, Mapping):
        raise ConfigError("severity: expected a table of rule code -> error|warning|info", *where)
    parsed: list[tuple[str, Severity]] = []
    for code, level in value.items():
        if not isinstance(code, str) or not code.strip():
            raise ConfigError(f"severity: {code!r} is not a rule code", *where)
        if not isinstance(level, str) or level.lower() not in LEVELS:
            raise ConfigError(
                f"severity.{code}: expected one of {', '.join(LEVELS)}, got {level!r}", *where
            )
        parsed.append((code.strip().upper(), Severity(level.lower())))
    return tuple(sorted(parsed))


def override_for(code: str, overrides: Overrides) -> Severity | None:
    """The configured severity for ``code`` (longest matching prefix), if any."""
    best: tuple[int, Severity] | None = None
    for prefix, level in overrides:
        if code.upper().startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), level)
    return best[1] if best else None


def apply_overrides(findings: Iterable[Finding], overrides: Overrides) -> tuple[Finding, ...]:
    """``findings`` with the configured severities."""
    if not overrides:
        return tuple(findings)
    out: list[Finding] = []
    for finding in findings:
        level = override_for(finding.code, overrides)
        out.append(
            finding if level in (None, finding.severity) else replace(finding, severity=level)
        )
    return tuple(out)


def rules_with_overrides(rules: Mapping[str, Rule], overrides: Overrides) -> dict[str, Rule]:
    """The rules with their configured default severity (for SARIF's rule list and docs)."""
    out: dict[str, Rule] = {}
    for code, rule in rules.items():
        level = override_for(code, overrides)
        out[code] = rule if level is None else replace(rule, severity=level)
    return out


def unknown_prefixes(overrides: Overrides, codes: Iterable[str]) -> list[str]:
    """Override keys that match no known rule code."""
    known = list(codes)
    return [p for p, _ in overrides if not any(code.startswith(p) for code in known)]


def fails(findings: Iterable[Finding], threshold: Severity) -> bool:
    """Whether a finding is at least as severe as ``threshold``."""
    return any(f.severity.rank >= threshold.rank for f in findings)
