"""Quotation marks: which spans are quoted speech, and which marks do not pair.

Pairs recognised: “…”, «…», „…“ / „…”, ‹…›, "…" (straight quotes toggle).
Single quotes are left alone: in English they double as apostrophes.

A quotation does not run past the end of its paragraph, with two exceptions:

* the convention for a quotation running over several paragraphs: the
  paragraph ends without a closing mark and the next one opens again with the
  same mark (“First paragraph … / “Second paragraph …”);
* hard-wrapped documents (no line longer than ``WRAP_WIDTH`` and at least one
  blank line), where a paragraph is a run of lines up to a blank line or the
  start of a Markdown block (heading, list item, block quote).

A straight quote right after a digit outside any straight quotation is an
inch mark (``a 55" screen``), and Markdown code (``inline`` and fenced blocks)
is skipped.
"""

from __future__ import annotations

import bisect
import re
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
EXPECTED: dict[str, str] = {"“": "”", "«": "»", "„": "“", "‹": "›", STRAIGHT: STRAIGHT}
WRAP_WIDTH = 100

_BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}\s|[-*+]\s|>|\d{1,3}[.)]\s)")
_FENCE = re.compile(r"[ \t]*(```|~~~)")


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


def is_wrapped(text: str, start: int = 0) -> bool:
    """Whether the text is hard-wrapped: no line longer than WRAP_WIDTH, and a blank line."""
    lines = text[start:].split("\n")
    if not any(not line.strip() for line in lines[:-1]):
        return False
    return all(len(line.rstrip("\r")) <= WRAP_WIDTH for line in lines)


def _skips(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of Markdown code (fenced blocks, inline code on one line)."""
    spans: list[tuple[int, int]] = []
    pos = start
    fence: str | None = None
    fence_start = 0
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1) == fence:
                spans.append((fence_start, end))
                fence = None
        elif match:
            fence, fence_start = match.group(1), pos
        elif "`" in line:
            for code in re.finditer(r"(`+)[^`\n]+?\1(?!`)", line):
                spans.append((pos + code.start(), pos + code.end()))
        if nl < 0:
            break
        pos = nl + 1
    if fence is not None:
        spans.append((fence_start, len(text)))
    return spans


def _next_line_reopens(text: str, newline: int, mark: str) -> bool:
    """Whether the line after ``newline`` starts (after blank lines and
    Markdown markers) with the opening ``mark``: a continued quotation."""
    i = newline + 1
    n = len(text)
    while i < n and text[i] in " \t\r\n>":
        i += 1
    return i < n and text[i] == mark


def scan(text: str, start: int = 0) -> QuoteScan:
    regions: list[tuple[int, int]] = []
    problems: list[QuoteProblem] = []
    stack: list[tuple[str, int]] = []
    wrapped = is_wrapped(text, start)
    skips = _skips(text, start)
    skip_at = 0
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
        while skip_at < len(skips) and skips[skip_at][1] <= i:
            skip_at += 1
        if skip_at < len(skips) and skips[skip_at][0] <= i:
            i = skips[skip_at][1]
            continue
        ch = text[i]
        if ch == "\n":
            if stack:
                line_end = text.find("\n", i + 1)
                next_line = text[i + 1 : n if line_end < 0 else line_end]
                if len(stack) == 1 and _next_line_reopens(text, i, stack[0][0]):
                    # a quotation continued in the next paragraph
                    mark, pos = stack.pop()
                    regions.append((pos, i))
                elif not (wrapped and next_line.strip() and not _BLOCK_START.match(next_line)):
                    close_paragraph()
            if not stack:
                last_closed = None
            i += 1
            continue
        if ch not in ALL_MARKS:
            i += 1
            continue
        if ch == STRAIGHT:
            if stack and stack[-1][0] == STRAIGHT:
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
