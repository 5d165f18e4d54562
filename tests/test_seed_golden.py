"""The seed article, reviewed line by line: factlint must report exactly the
errors in tests/golden/seed.json (every one true, none missed) with the repo's
own facts and rule packs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "seed.json"


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "--format", "json", "seeds/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 1, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_seed_matches_golden(seed_output: dict[str, object]) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    findings = seed_output["findings"]
    assert isinstance(findings, list)
    got = [(f["line"], f["column"], f["end_column"], f["code"], f["replacement"]) for f in findings]
    want = [
        (g["line"], g["column"], g["end_column"], g["code"], g["replacement"])
        for g in golden["findings"]
    ]
    assert got == want


def test_seed_findings_name_facts_and_sources(seed_output: dict[str, object]) -> None:
    findings = seed_output["findings"]
    assert isinstance(findings, list)
    for f in findings:
        if f["code"].startswith(("AT", "NM", "AG")):
            assert f["facts"], f
            assert any(ref["source"] for ref in f["facts"]), f
            # the message names the fact in words; ids and sources are in "facts" only
            assert not any(ref["source"] in f["message"] for ref in f["facts"] if ref["source"]), f


def test_seed_spans_point_at_the_words() -> None:
    text = (ROOT / "seeds" / "openai-crisis-2023.ar.txt").read_text(encoding="utf-8").split("\n")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    spans = {
        g["code"] + str(g["line"]): text[g["line"] - 1][g["column"] - 1 : g["end_column"] - 1]
        for g in golden["findings"]
    }
    assert spans["NM00113"] == "Switch"
    assert spans["NM00310"] == "أوبيناي"
    assert spans["GL0018"] == "اللوحة"
