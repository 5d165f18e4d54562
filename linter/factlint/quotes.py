"""Quotation marks: which spans are quoted speech, and which marks do not pair.

Pairs recognised: “…”, «…», „…“ / „…”, ‹…›, "…" (straight quotes toggle).
Single quotes are left alone: in English they double as apostrophes.

The scan reads a document's prose (see :mod:`factlint.prose`): code, URLs
and markup are already gone, wrapped lines are joined and paragraphs are
separated by newlines. A quotation does not run past the end of its paragraph,
except by the convention for a quotation running over several paragraphs: the
paragraph ends without a closing mark and the next one opens again with the
same mark (“First paragraph … / “Second paragraph …”).

A straight quote right after a digit outside any straight quotation is an
inch mark (``a 55" screen``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factlint.prose import Prose

OPENERS: dict[str, frozenset[str]] = {
    "“": frozenset("”"),
    "«": frozenset("»"),
    "„": frozenset("“”"),
    "‹": frozenset("›"),
}
CLOSERS = frozenset("”»›")
STRAIGHT = '"'
ALL_MARKS = frozenset(OPENERS) | CLOSERS | {STRAIGHT}
EXPECTED: dict[str, str] = {"“": "”", "«": "»", "„": "“", "‹": "›", STRAIGHT: STRAIGHT}


@dataclass(frozen=True)
class QuoteProblem:
    kind: str  # "mismatched" | "unopened" | "unclosed"
    start: int  # offset of the offending mark
    opener: int | None = None  # offset of the opening mark, when there is one
    expected: str = ""  # the closing mark that would match
    closed: int | None = None  # "unopened": where the last quotation before it closed


@dataclass(frozen=True)
class QuoteScan:
    regions: tuple[tuple[int, int], ...]  # [start, end) including the marks
    problems: tuple[QuoteProblem, ...]

    def quoted(self, start: int, end: int | None = None) -> bool:
        """Whether [start, end) lies inside a quotation."""
        stop = start if end is None else max(start, end - 1)
        i = bisect.bisect_right(self.regions, (start, 1 << 62)) - 1
        return i >= 0 and self.regions[i][0] <= start and stop < self.regions[i][1]


def _next_line_reopens(text: str, newline: int, mark: str) -> bool:
    """Whether the paragraph after ``newline`` starts with the opening ``mark``:
    a quotation continued over several paragraphs."""
    i = newline + 1
    n = len(text)
    while i < n and text[i] in " \t\n":
        i += 1
    return i < n and text[i] == mark


def _outermost(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted regions with nested and overlapping ones merged, so bisect finds the
    enclosing one."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(set(regions)):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def scan_prose(prose: Prose) -> QuoteScan:
    """Quotation marks of a document's prose, located in the original file."""
    found = scan(prose.text)
    origin = prose.origin
    if not origin:
        return found

    def at(i: int) -> int:
        return origin[min(i, len(origin) - 1)]

    def opt(i: int | None) -> int | None:
        return None if i is None else at(i)

    merged = _outermost([(at(a), at(b - 1) + 1) for a, b in found.regions if b > a])
    problems = tuple(
        QuoteProblem(p.kind, at(p.start), opt(p.opener), p.expected, opt(p.closed))
        for p in found.problems
    )
    return QuoteScan(tuple(merged), problems)


_NEXT_MARK = re.compile("[\n" + re.escape("".join(sorted(ALL_MARKS))) + "]")


def scan(text: str, start: int = 0) -> QuoteScan:
    """Quotation marks of prose text whose paragraphs are separated by newlines."""
    regions: list[tuple[int, int]] = []
    problems: list[QuoteProblem] = []
    stack: list[tuple[str, int]] = []
    last_closed: int | None = None  # end of the last quotation closed in this paragraph

    def unclosed(mark: str, pos: int) -> None:
        problems.append(QuoteProblem("unclosed", pos, pos, EXPECTED[mark]))

    def close_paragraph() -> None:
        for mark, pos in stack:
            unclosed(mark, pos)
        stack.clear()

    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            if stack:
                if len(stack) == 1 and _next_line_reopens(text, i, stack[0][0]):
                    # a quotation continued in the next paragraph
                    mark, pos = stack.pop()
                    regions.append((pos, i))
                else:
                    close_paragraph()
            if not stack:
                last_closed = None
            i += 1
            continue
        if ch not in ALL_MARKS:
            found = _NEXT_MARK.search(text, i + 1)  # jump to the next mark or line end
            i = found.start() if found is not None else n
            continue
        if ch == STRAIGHT:
            if stack and stack[-1][0] in ("“", "„") and not (i + 1 < n and text[i + 1].isalnum()):
                # “…" -- a straight mark closing a curly quotation: one mismatch
                mark, pos = stack.pop()
                problems.append(QuoteProblem("mismatched", i, pos, EXPECTED[mark]))
                regions.append((pos, i + 1))
                last_closed = i
            elif stack and stack[-1][0] == STRAIGHT:
                _, pos = stack.pop()
                regions.append((pos, i + 1))
                last_closed = i
            elif not (i > start and text[i - 1].isdigit()) or any(m == STRAIGHT for m, _ in stack):
                stack.append((ch, i))
            i += 1
            continue
        if ch in OPENERS and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i))
            i += 1
            continue
        # a closing mark
        i += 1
        pos_ch = i - 1
        if not stack:
            problems.append(QuoteProblem("unopened", pos_ch, closed=last_closed))
            continue
        mark, pos = stack[-1]
        if ch in OPENERS.get(mark, frozenset()):
            stack.pop()
            regions.append((pos, pos_ch + 1))
            last_closed = pos_ch
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
                unclosed(mark_k, pos_k)
            _, pos = stack[outer]
            del stack[outer:]
            regions.append((pos, pos_ch + 1))
            last_closed = pos_ch
            continue
        stack.pop()
        problems.append(QuoteProblem("mismatched", pos_ch, pos, EXPECTED[mark]))
        regions.append((pos, pos_ch + 1))
        last_closed = pos_ch
    close_paragraph()
    merged = _outermost(regions)
    problems.sort(key=lambda p: p.start)
    return QuoteScan(tuple(merged), tuple(problems))
