"""docs/ stays current: every rule has docs with examples, and docs/rules.md is generated from them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factlint.plugins import collect_rules, new_plugin_manager

ROOT = Path(__file__).resolve().parents[1]


def test_every_builtin_rule_has_docs_with_examples() -> None:
    for code, rule in collect_rules(new_plugin_manager()).items():
        if code.startswith("GL") and code != "GL000":
            continue  # pack rules carry their message and source instead
        assert rule.docs.strip(), f"{code} has no docs"
        assert "```" in rule.docs or "`" in rule.docs, f"{code} docs have no example"


def test_rules_md_is_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "generate_rules.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
