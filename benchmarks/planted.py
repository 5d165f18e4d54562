"""Per-family precision and recall on the planted set in benchmarks/planted/.

Each article lists the findings it must produce in its front matter
(``expect: [{line, code}]``); clean articles expect none. A finding counts as a
true positive when its line and code match an expectation.

    python benchmarks/planted.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "benchmarks" / "planted"
FAMILIES = {
    "AT": "attribution",
    "NM": "names",
    "ND": "numbers",
    "AG": "agreement",
    "TX": "integrity",
    "GL": "glossary",
}


def evaluate() -> dict[str, Counter[str]]:
    from factlint.config import load_config
    from factlint.engine import lint_files, new_session
    from factlint.facts.loader import load_facts
    from factlint.plugins import collect_rules, new_plugin_manager
    from factlint.selection import Selection

    pm = new_plugin_manager()
    paths = sorted(PLANTED.glob("*.md"))
    config = load_config([ROOT / "seeds"])
    session = new_session(config, load_facts(list(config.facts)), collect_rules(pm), Selection())
    scores: dict[str, Counter[str]] = {f: Counter() for f in FAMILIES.values()}
    for result in lint_files(paths, session, pm):
        assert result.document is not None, result.error
        doc = result.document
        lines = doc.text.split("\n")
        body_line = doc.text.count("\n", 0, doc.body_start)
        expected = set()
        for e in doc.meta.get("expect") or []:
            line = next(i + 1 for i in range(body_line, len(lines)) if e["at"] in lines[i])
            expected.add((line, e["code"]))
        got = {(f.line, f.code) for f in result.findings if f.severity.value != "info"}
        for line, code in got | expected:
            family = FAMILIES.get(code[:2], code[:2])
            score = scores.setdefault(family, Counter())
            if (line, code) in got and (line, code) in expected:
                score["tp"] += 1
            elif (line, code) in got:
                score["fp"] += 1
                print(f"  false positive: {result.path}:{line} {code}")
            else:
                score["fn"] += 1
                print(f"  missed:         {result.path}:{line} {code}")
    return scores


def main() -> int:
    scores = evaluate()
    print(f"{'family':12} {'precision':>9} {'recall':>7}  tp fp fn")
    for family, s in scores.items():
        tp, fp, fn = s["tp"], s["fp"], s["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{family:12} {precision:9.2f} {recall:7.2f}  {tp:2d} {fp:2d} {fn:2d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
