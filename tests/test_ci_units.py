"""Unit and property tests of the CI pieces: GitHub's annotation limits, the job
summary's size limit, SARIF's first sentence, rdjson's byte columns, severity
overrides."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factlint.api import ReportContext
from factlint.document import parse
from factlint.errors import ConfigError
from factlint.model import Finding, Severity
from factlint.report.github import (
    ANNOTATIONS_PER_LEVEL,
    ANNOTATIONS_PER_STEP,
    format_github,
    select_annotations,
)
from factlint.report.rdjson import byte_column
from factlint.report.sarif import split_message
from factlint.report.summary import SUMMARY_LIMIT, cell, markdown_summary
from factlint.severity import apply_overrides, override_for, parse_overrides


def finding(index: int, severity: Severity, path: str = "a.md", message: str = "m") -> Finding:
    return Finding(path, index + 1, 1, index + 1, 3, f"T{severity.rank}01", severity, message)


@given(st.lists(st.sampled_from(list(Severity)), max_size=80))
def test_annotations_stay_within_githubs_limits(levels: list[Severity]) -> None:
    findings = [finding(i, level) for i, level in enumerate(levels)]
    chosen, left_out = select_annotations(findings)
    counts = Counter(f.severity for f in chosen)
    reserve = 1 if left_out else 0  # the closing notice is a notice too
    assert counts[Severity.INFO] + reserve <= ANNOTATIONS_PER_LEVEL
    assert all(counts[level] <= ANNOTATIONS_PER_LEVEL for level in Severity)
    assert len(chosen) + reserve <= ANNOTATIONS_PER_STEP
    assert len(chosen) + left_out == len(findings)
    # most severe first, and nothing more severe left out while a less severe one is in
    ranks = [f.severity.rank for f in chosen]
    assert ranks == sorted(ranks, reverse=True)
    for level in Severity:
        if counts[level] < min(
            levels.count(level), ANNOTATIONS_PER_LEVEL - (reserve if level is Severity.INFO else 0)
        ):
            raise AssertionError(f"{level} annotated {counts[level]} of {levels.count(level)}")
    out = format_github(findings, ReportContext({}, {}, "0"))
    commands = [
        line for line in out.splitlines() if line.startswith("::") and "group::" not in line
    ]
    assert len(commands) == len(chosen) + reserve


def test_summary_stays_under_one_mebibyte() -> None:
    long = "x" * 400
    findings = [finding(i, Severity.WARNING, f"f{i % 50}.md", long) for i in range(5000)]
    text = markdown_summary(findings, ReportContext({}, {}, "0"))
    assert len(text.encode("utf-8")) <= SUMMARY_LIMIT
    assert "more findings are not listed here" in text
    assert text.count("| T201 |") == 0  # rule cells are links
    assert "| [T201](" in text


def test_markdown_cell_escaping() -> None:
    assert cell("a | b\n*c* <d> [e](f) `g` _h_ #i") == (
        "a \\| b \\*c\\* &lt;d&gt; \\[e\\](f) \\`g\\` \\_h\\_ \\#i"
    )


@pytest.mark.parametrize(
    ("message", "first", "rest"),
    [
        (
            "'X' is not a known organisation; the facts record Y.",
            "'X' is not a known organisation",
            "the facts record Y.",
        ),
        (
            "A is female (facts: a.gender, https://x.org/a); write 'b'",
            "A is female (facts: a.gender, https://x.org/a)",
            "write 'b'",
        ),
        ("Version 3.5 is out. Upgrade now.", "Version 3.5 is out.", "Upgrade now."),
        ("One sentence only", "One sentence only", ""),
        ("Ends with a colon:", "Ends with a colon:", ""),
    ],
)
def test_sarif_first_sentence(message: str, first: str, rest: str) -> None:
    assert split_message(message) == (first, rest)


def test_rdjson_byte_columns() -> None:
    doc = parse("a𐐀b\nقال تم\n", "x.txt")
    assert [byte_column(doc, 1, c) for c in (1, 2, 3)] == [1, 2, 6]  # reviewdog's own example
    assert byte_column(doc, 2, 5) == len("قال ".encode()) + 1
    assert byte_column(None, 2, 5) == 5


def test_severity_overrides_longest_prefix_wins() -> None:
    overrides = parse_overrides({"AT": "info", "AT001": "Warning", "gl": "error"}, ("c", 1))
    assert override_for("AT001", overrides) is Severity.WARNING
    assert override_for("AT002", overrides) is Severity.INFO
    assert override_for("GL004", overrides) is Severity.ERROR
    assert override_for("NM001", overrides) is None
    found = Finding("a", 1, 1, 1, 2, "AT003", Severity.ERROR, "m")
    (changed,) = apply_overrides([found], overrides)
    assert changed.severity is Severity.INFO and found.severity is Severity.ERROR
    with pytest.raises(ConfigError, match=r"severity\.AT: expected one of error, warning, info"):
        parse_overrides({"AT": "fatal"}, ("c", 1))
    with pytest.raises(ConfigError, match="expected a table"):
        parse_overrides(["AT"], ("c", 1))
