"""Linear time in the size of the input: linting and the text report of a ~5 MB
file with thousands of findings take less than 4 x 100 times as long as a 50 KB
file of the same kind (no absolute timings; 500 KB is checked on the way, and a
run far over the bound fails by a deadline instead of hanging).

Both files have the same number of lines, so lines grow with the file: work per
finding that grows with the line length (the text report's snippet, once
findings x line length) shows up as a ratio far above the bound.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factlint.api import ReportContext, Rule
from factlint.config import Config
from factlint.engine import lint_file, new_session
from factlint.facts.model import Facts
from factlint.plugins import collect_formats, new_plugin_manager
from factlint.selection import Selection

LINES = 20
SIZES = (50_000, 500_000, 5_000_000)
SLACK = 4  # times the linear expectation; quadratic work would be 10x and 100x above it
# One TX001 finding (a doubled word) in every ten words; long words keep the token count low.
_WORDS = [f"{stem}{'x' * 40}" for stem in ("alpha", "beta", "gamma", "delta", "eps")]
_UNIT = " ".join([_WORDS[0], _WORDS[1], *_WORDS[1:], _WORDS[0], *_WORDS[2:]]) + ". "


def _article(size: int) -> str:
    line = _UNIT * max(size // LINES // len(_UNIT), 1)
    return (line.rstrip() + "\n") * LINES


class _TooSlow(Exception):
    pass


def _raise_too_slow(signum: int, frame: object) -> None:
    raise _TooSlow


def _best_of(runs: int, action: Callable[[], object], limit: float | None = None) -> float:
    """The fastest of ``runs`` runs; with ``limit``, fail (not hang) when one takes longer."""
    best = float("inf")
    for _ in range(runs):
        if limit is not None and hasattr(signal, "setitimer"):
            signal.signal(signal.SIGALRM, _raise_too_slow)
            signal.setitimer(signal.ITIMER_REAL, limit)
        start = time.perf_counter()
        try:
            action()
        except _TooSlow:
            pytest.fail(f"over {limit:.0f} s, {SLACK}x the time linear growth allows")
        finally:
            if limit is not None and hasattr(signal, "setitimer"):
                signal.setitimer(signal.ITIMER_REAL, 0)
        best = min(best, time.perf_counter() - start)
    return best


def test_lint_and_text_report_are_linear(
    tmp_path: Path, world_facts: Facts, rules: dict[str, Rule]
) -> None:
    pm = new_plugin_manager()
    text_format = collect_formats(pm)["text"]
    session = new_session(Config(root=tmp_path), world_facts, rules, Selection(("ALL",), ()))
    timings: dict[int, float] = {}
    counts: dict[int, int] = {}
    small = SIZES[0]
    for size in SIZES:
        path = tmp_path / f"article-{size}.txt"
        path.write_text(_article(size), encoding="utf-8")

        def lint_and_report(path: Path = path, size: int = size) -> None:
            result = lint_file(path, session, pm)
            assert result.errors == () and result.document is not None
            report = ReportContext({result.path: result.document}, rules, "test")
            assert text_format(result.findings, report).count(" TX001 ") == len(result.findings)
            counts[size] = len(result.findings)

        if size == small:
            timings[size] = _best_of(3, lint_and_report)
            continue
        allowed = SLACK * size / small  # a multiple of the 50 KB file's time
        timings[size] = _best_of(1, lint_and_report, allowed * timings[small] + 5)
        ratio = timings[size] / timings[small]
        assert ratio < allowed, f"{ratio:.0f}x the time of {small} bytes for {size} bytes"
    assert counts[SIZES[0]] >= 50 and counts[SIZES[-1]] >= 5_000
