"""Per-family precision and recall on benchmarks/planted (printed with -s)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_planted_precision_and_recall() -> None:
    spec = importlib.util.spec_from_file_location("planted", ROOT / "benchmarks" / "planted.py")
    assert spec is not None and spec.loader is not None
    planted = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(planted)
    scores = planted.evaluate()
    total_tp = sum(s["tp"] for s in scores.values())
    assert total_tp >= 15
    for family, s in scores.items():
        assert s["fp"] == 0, f"{family}: false positives on the planted set"
        if s["tp"] + s["fn"]:
            assert s["tp"] / (s["tp"] + s["fn"]) >= 0.9, f"{family}: recall below 0.9"
