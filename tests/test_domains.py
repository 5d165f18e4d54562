"""Unseen-domain benchmark (benchmarks/domains): scorer, data integrity and score floors.

The floors are the scores the linter reached when the benchmark was written
(``python benchmarks/domains.py`` prints them); they only move up. The targets
of issues 6 and 7 (precision 0.98, recall 0.95, at most one false alarm per
1,000 clean lines) are expected failures until the linter reaches them.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ROOT / "benchmarks" / "domains"

# Measured with the linter at the commit that added the benchmark, merged with main at
# Floors as measured on the merged linter (all domains: tp 177, fp 0, fn 8; no false alarm
# in 933 clean lines).
# Raise them as the linter improves.
PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.95
FALSE_ALARMS_CEILING = 1.0  # per 1,000 non-blank lines of the clean articles

TARGET_PRECISION = 0.98
TARGET_RECALL = 0.95
TARGET_FALSE_ALARMS = 1.0
MEASURED = "measured: precision 1.00, recall 0.96, 0.0 false alarms per 1,000 clean lines"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "benchmarks_domains", ROOT / "benchmarks" / "domains.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def scores(bench: ModuleType) -> dict[str, Any]:
    result: dict[str, Any] = bench.evaluate()
    return result


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    assert match, f"{path}: no front matter"
    data: dict[str, Any] = yaml.safe_load(match.group(1))
    return data


# -- the scorer ----------------------------------------------------------------


def test_locate_runs_across_a_line_break_and_a_quote_marker(bench: ModuleType) -> None:
    text = (
        "---\ndate: 2025-01-01\n---\nThe keeper, Ana Ruiz,\n> the club's new\n> captain, spoke.\n"
    )
    body = text.index("The")
    assert bench.locate(text, body, "Ruiz, the club's new captain", "x.md") == (4, 6)
    assert bench.locate(text, body, "Ana Ruiz", "x.md") == (4, 4)


def test_locate_rejects_a_missing_or_repeated_substring(bench: ModuleType) -> None:
    text = "---\ndate: 2025-01-01\n---\nA goal. A goal.\n"
    body = text.index("A goal")
    with pytest.raises(ValueError, match="2 times"):
        bench.locate(text, body, "A goal", "x.md")
    with pytest.raises(ValueError, match="0 times"):
        bench.locate(text, body, "date", "x.md")  # front matter is not searched


def test_a_finding_counts_once_and_only_with_its_code(bench: ModuleType) -> None:
    text = "---\nexpect: []\n---\nOne line.\nTwo lines.\n"
    doc = SimpleNamespace(
        path="a.md",
        lang="en",
        text=text,
        body_start=text.index("One"),
        meta={"expect": [{"at": "Two", "code": "ND001"}]},
    )

    def finding(code: str, line: int) -> SimpleNamespace:
        severity = SimpleNamespace(value="error")
        return SimpleNamespace(code=code, line=line, end_line=line, severity=severity, message="")

    score = bench.Score()
    bench._score_article(
        score, doc, [finding("ND001", 5), finding("ND001", 5), finding("AT001", 5)]
    )
    total = score.totals()
    assert (total["tp"], total["fp"], total["fn"]) == (1, 2, 0)
    score = bench.Score()
    bench._score_article(score, doc, [finding("ND001", 4)])
    total = score.totals()
    assert (total["tp"], total["fp"], total["fn"]) == (0, 1, 1)


def test_a_finding_goes_to_the_expectation_whose_characters_it_covers(
    bench: ModuleType,
) -> None:
    text = "---\nexpect: []\n---\nLee, 40, met Kim, 51, at noon.\n"
    doc = SimpleNamespace(
        path="b.md",
        lang="ar",
        text=text,
        body_start=text.index("Lee"),
        meta={"expect": [{"at": "Lee, 40", "code": "ND001"}, {"at": "Kim, 51", "code": "ND001"}]},
    )
    start = text.index("51")
    kim = SimpleNamespace(
        code="ND001",
        line=4,
        end_line=4,
        start=start,
        end=start + 2,
        severity=SimpleNamespace(value="error"),
        message="",
    )
    score = bench.Score()
    bench._score_article(score, doc, [kim])
    assert [e.at for e in score.missed] == ["Lee, 40"]
    assert [e.at for e, _ in score.hits] == ["Kim, 51"]
    assert (score.langs["ar"]["tp"], score.langs["ar"]["fn"]) == (1, 1)


# -- the data ------------------------------------------------------------------


def test_every_domain_has_clean_and_planted_articles_in_both_languages(
    bench: ModuleType,
) -> None:
    names = bench.domains()
    assert {"football", "politics"} <= set(names)
    for name in names:
        articles = sorted((DOMAINS / name / "articles").glob("*.md"))
        langs = [_front_matter(p).get("lang") for p in articles]
        assert langs.count("en") >= 3 and langs.count("ar") >= 3, name
        clean = [p for p in articles if not _front_matter(p).get("expect")]
        assert 0 < len(clean) < len(articles), f"{name}: needs clean and planted articles"


def test_articles_are_hard_wrapped_dated_markdown(bench: ModuleType) -> None:
    for name in bench.domains():
        for path in (DOMAINS / name / "articles").glob("*.md"):
            meta = _front_matter(path)
            assert meta.get("date"), path
            body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
            lines = body.split("\n")
            assert 40 <= len(lines) <= 120, f"{path}: {len(lines)} lines"
            long = [i for i, line in enumerate(lines) if len(line) > 90 and "](" not in line]
            assert not long, f"{path}: lines not wrapped: {long[:3]}"
            assert re.search(r"^#+ ", body, re.M) and re.search(r"^> ", body, re.M), path


def test_every_expectation_is_found_once(bench: ModuleType) -> None:
    for name in bench.domains():
        for path in (DOMAINS / name / "articles").glob("*.md"):
            text = path.read_text(encoding="utf-8")
            body = text.index("\n---\n", 4) + 5
            for e in _front_matter(path).get("expect") or []:
                assert re.fullmatch(r"[A-Z]{2}\d{3}(\|[A-Z]{2}\d{3})*", e["code"]), (path, e)
                bench.locate(text, body, e["at"], str(path))


# -- the scores ----------------------------------------------------------------


def test_scores_do_not_fall_below_the_recorded_floors(
    bench: ModuleType, scores: dict[str, Any]
) -> None:
    precision, recall, alarms = bench.summary(scores)
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR
    assert alarms <= FALSE_ALARMS_CEILING


@pytest.mark.xfail(strict=False, reason=f"target of issue 7; {MEASURED}")
def test_recall_target(bench: ModuleType, scores: dict[str, Any]) -> None:
    for name, score in scores.items():
        assert bench.recall(score.totals()) >= TARGET_RECALL, name


def test_precision_target(bench: ModuleType, scores: dict[str, Any]) -> None:
    for name, score in scores.items():
        assert bench.precision(score.totals()) >= TARGET_PRECISION, name


def test_false_alarm_target(bench: ModuleType, scores: dict[str, Any]) -> None:
    for name, score in scores.items():
        rate = bench.per_1000(score.clean_alarms, score.clean_lines)
        assert rate <= TARGET_FALSE_ALARMS, name
