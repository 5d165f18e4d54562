"""Quotation marks: which spans are quoted speech, and which marks do not pair.

Pairs recognised: “…”, «…», „…“ / „…”, ‹…›, "…" (straight quotes toggle).
A quotation does not run past the end of its paragraph. Single quotes are left
alone: in English they double as apostrophes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

OPENERS: dict[str, frozenset[str]] = {
    "“": frozenset("”"),
    "«": frozenset("»"),
    "„": frozenset("“”"),
    "‹": frozenset("›"),
}
CLOSERS = frozenset("”»›")
STRAIGHT = '"'
ALL_MARKS = frozenset(OPENERS) | CLOSERS | {STRAIGHT}


@dataclass(frozen=True)
class QuoteProblem:
    kind: str  # "mismatched" | "unopened" | "unclosed"
    start: int  # offset of the offending mark
    opener: int | None = None  # offset of the opening mark, when there is one
    expected: str = ""  # the closing mark that would match


@dataclass(frozen=True)
class QuoteScan:
    regions: tuple[tuple[int, int], ...]  # [start, end) including the marks
    problems: tuple[QuoteProblem, ...]

    def quoted(self, start: int, end: int | None = None) -> bool:
        """Whether [start, end) lies inside a quotation."""
        stop = start if end is None else max(start, end - 1)
        i = bisect.bisect_right(self.regions, (start, 1 << 62)) - 1
        return i >= 0 and self.regions[i][0] <= start and stop < self.regions[i][1]


def scan(text: str, start: int = 0) -> QuoteScan:
    regions: list[tuple[int, int]] = []
    problems: list[QuoteProblem] = []
    stack: list[tuple[str, int]] = []

    def close_paragraph() -> None:
        for mark, pos in stack:
            expected = "".join(sorted(OPENERS.get(mark, frozenset(STRAIGHT))))
            problems.append(QuoteProblem("unclosed", pos, pos, expected[:1]))
        stack.clear()

    for i in range(start, len(text)):
        ch = text[i]
        if ch == "\n":
            close_paragraph()
            continue
        if ch not in ALL_MARKS:
            continue
        if ch == STRAIGHT:
            if stack and stack[-1][0] == STRAIGHT:
                _, pos = stack.pop()
                regions.append((pos, i + 1))
            else:
                stack.append((ch, i))
            continue
        if ch in OPENERS and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i))
            continue
        # a closing mark
        if not stack:
            problems.append(QuoteProblem("unopened", i))
            continue
        mark, pos = stack[-1]
        if ch in OPENERS.get(mark, frozenset()):
            stack.pop()
            regions.append((pos, i + 1))
            continue
        # does it close an outer quotation?
        outer = next(
            (
                k
                for k in range(len(stack) - 1, -1, -1)
                if ch in OPENERS.get(stack[k][0], frozenset())
            ),
            None,
        )
        if outer is not None:
            for mark_k, pos_k in stack[outer + 1 :]:
                expected = "".join(sorted(OPENERS.get(mark_k, frozenset(STRAIGHT))))
                problems.append(QuoteProblem("unclosed", pos_k, pos_k, expected[:1]))
            _, pos = stack[outer]
            del stack[outer:]
            regions.append((pos, i + 1))
            continue
        stack.pop()
        expected = "".join(sorted(OPENERS.get(mark, frozenset(STRAIGHT))))
        problems.append(QuoteProblem("mismatched", i, pos, expected[:1]))
        regions.append((pos, i + 1))
    close_paragraph()
    regions.sort()
    # keep outermost regions only, so bisect finds the enclosing one
    merged: list[tuple[int, int]] = []
    for a, b in regions:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    problems.sort(key=lambda p: p.start)
    return QuoteScan(tuple(merged), tuple(problems))
