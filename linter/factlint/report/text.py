"""The human-readable formats: ``text`` (alias ``full``) and ``concise``.

``text`` shows each finding like ruff's full output::

    article.ar.txt:3:52: FL101 message
      |
    3 | تم تعيين Emmett Shear، الرئيس التنفيذي السابق لمنصة Switch، رئيسًا
      |                                                    ^^^^^^
      = help: replace with `Twitch`
      = facts: emmett-shear (https://example.org)

Columns in the header are always character (code point) columns of the
original file. The underline is placed by *display width* in logical order
(the order the characters are stored in, which is how most terminals print
right-to-left text): combining marks such as Arabic harakat, format characters
such as bidi controls and zero-width joiners take no column, East Asian wide
characters take two. Long lines are cut to a window of about ``WINDOW`` display
columns around the span, with ``…`` where text was cut off.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from factlint.fix import fixability
from factlint.model import Finding, Severity

if TYPE_CHECKING:
    from factlint.api import ReportContext
    from factlint.document import Document

WINDOW = 100
"""Display columns of a long source line shown around the span."""

TAB_WIDTH = 4
ELLIPSIS = "…"
_MIN_CONTEXT = 10  # display columns shown before a span wider than the window

_RESET = "\x1b[0m"
_BOLD = "1"
_SEVERITY_STYLE = {
    Severity.ERROR: "1;31",
    Severity.WARNING: "1;33",
    Severity.INFO: "1;36",
}
_GUTTER_STYLE = "1;34"
_HELP_STYLE = "1;36"


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Terminal columns one character takes (as shown by :func:`visible`)."""
    if ch == "\t":
        return TAB_WIDTH
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf") or unicodedata.combining(ch):
        # Combining marks (Arabic harakat, shadda, superscript alef, ...),
        # bidi controls, ZWJ/ZWNJ, BOM and other invisible format characters.
        return 0
    if category == "Cc":
        return 1  # shown as a control picture
    if 0x1160 <= ord(ch) <= 0x11FF:
        return 0  # Hangul medial vowels and final consonants join the syllable
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def display_width(text: str) -> int:
    """Terminal columns a string takes; see :func:`char_width`."""
    return sum(char_width(ch) for ch in text)


_VISIBLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},  # ␀ .. ␟ (control pictures)
    0x09: " " * TAB_WIDTH,
    0x7F: "\u2421",  # ␡
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
}


def visible(text: str) -> str:
    """``text`` safe to print: tabs expanded, control characters shown as symbols.

    Each character turns into :func:`char_width` columns of output, so widths
    computed on the original text stay valid for the returned text.
    """
    return text.translate(_VISIBLE)


@dataclass(frozen=True)
class Snippet:
    """A (possibly cut) source line and where to underline it."""

    text: str  # printable, starts and/or ends with ELLIPSIS when cut
    caret_offset: int  # display columns before the first caret
    caret_width: int  # number of carets, at least 1


def snippet(
    line: str,
    start: int,
    end: int,
    window: int = WINDOW,
    *,
    cut_before: bool = False,
    cut_after: bool = False,
) -> Snippet:
    """Underline ``line[start:end]`` (character indices), cutting long lines.

    When the whole line is wider than ``window`` display columns, only a
    window of about that width around the span is kept. A span wider than the
    window is underlined up to the window's end. ``cut_before``/``cut_after``
    say that ``line`` is itself a piece of a longer line (see :func:`line_window`).
    """
    n = len(line)
    start = min(max(start, 0), n)
    end = min(max(end, start), n)
    widths = [char_width(ch) for ch in line]
    prefix = [0]
    for width in widths:
        prefix.append(prefix[-1] + width)
    total = prefix[n]
    span_start, span_end = prefix[start], prefix[end]

    first, last = 0, n  # the characters shown: line[first:last]
    if total > window:
        span_width = span_end - span_start
        before = max((window - span_width) // 2, _MIN_CONTEXT)
        left = max(span_start - before, 0)
        right = min(left + window, total)
        left = max(min(left, right - window), 0)
        first = bisect.bisect_left(prefix, left, 0, start + 1)
        # Do not start the window with a mark whose base character was cut off.
        while 0 < first < start and widths[first] == 0:
            first += 1
        last = max(bisect.bisect_right(prefix, right) - 1, start)

    head = ELLIPSIS if first > 0 or cut_before else ""
    tail = ELLIPSIS if last < n or cut_after else ""
    offset = len(head) + span_start - prefix[first]
    carets = max(min(span_end, prefix[last]) - span_start, 1)
    return Snippet(head + visible(line[first:last]) + tail, offset, carets)


def severity_counts(findings: Sequence[Finding]) -> dict[Severity, int]:
    """How many findings there are of each severity (every severity present)."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{style}m{text}{_RESET}" if color and text else text


def _header(finding: Finding, color: bool, fixable: bool = False) -> str:
    path = _paint(visible(finding.path), _BOLD, color)
    code = _paint(finding.code, _SEVERITY_STYLE[finding.severity], color)
    mark = "[*] " if fixable else ""
    return f"{path}:{finding.line}:{finding.column}: {code} {mark}{visible(finding.message)}"


def _citation(finding: Finding) -> str:
    """The facts a finding rests on, for one-line formats: `` [facts: id (source); ...]``."""
    if not finding.facts:
        return ""
    return " [facts: " + "; ".join(visible(f.cite()) for f in finding.facts) + "]"


def line_window(
    document: Document, line: int, start: int, end: int, reach: int = 2 * WINDOW
) -> tuple[str, int, int, bool, bool]:
    """A piece of ``line`` around columns [start, end) (0-based), in time independent of
    the line's length: (text, start, end within it, cut before, cut after).

    At most ``reach`` characters are kept on each side of the span's start, enough
    for :func:`snippet`'s window unless the line is mostly zero-width characters.
    """
    text = document.text
    first = document.line_starts[line - 1]
    stop = document.line_starts[line] if line < len(document.line_starts) else len(text)
    while stop > first and text[stop - 1] in "\r\n":
        stop -= 1
    lo = max(first, first + start - reach)
    hi = min(stop, first + start + reach)
    piece = text[lo:hi]
    offset = lo - first
    return piece, start - offset, min(end, hi - first) - offset, lo > first, hi < stop


def _source_lines(finding: Finding, document: Document | None, color: bool) -> list[str]:
    if document is None or not 1 <= finding.line <= len(document.line_starts):
        return []
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else 1 << 62
    if finding.end_line < finding.line:
        end = start
    piece, start, end, cut_before, cut_after = line_window(document, finding.line, start, end)
    cut = snippet(piece, start, end, cut_before=cut_before, cut_after=cut_after)
    number = str(finding.line)
    pad = " " * len(number)
    bar = _paint("|", _GUTTER_STYLE, color)
    carets = _paint("^" * cut.caret_width, _SEVERITY_STYLE[finding.severity], color)
    return [
        f"{pad} {bar}",
        f"{_paint(number, _GUTTER_STYLE, color)} {bar} {cut.text}".rstrip(),
        f"{pad} {bar} {' ' * cut.caret_offset}{carets}",
    ]


def _notes(finding: Finding, pad: str, color: bool) -> list[str]:
    notes: list[str] = []
    if finding.replacement is not None:
        if finding.replacement:
            help_text = f"replace with `{visible(finding.replacement)}`"
        else:
            help_text = "delete this text"
        notes.append(f"{pad} {_paint('= help:', _HELP_STYLE, color)} {help_text}")
    if finding.facts:
        cited = ", ".join(visible(fact.cite()) for fact in finding.facts)
        notes.append(f"{pad} {_paint('= facts:', _HELP_STYLE, color)} {cited}")
    return notes


def render_finding(
    finding: Finding, document: Document | None, color: bool = False, fixable: bool = False
) -> str:
    """One finding in the ``text`` format (no trailing newline); ``[*]`` marks a fixable one."""
    lines = [_header(finding, color, fixable)]
    source = _source_lines(finding, document, color)
    pad = " " * len(str(finding.line)) if source else ""
    lines.extend(source)
    lines.extend(_notes(finding, pad, color))
    return "\n".join(lines)


def summary_line(findings: Sequence[Finding]) -> str:
    """``Found 2 errors, 1 warning, 0 infos.`` or ``All checks passed!``."""
    if not findings:
        return "All checks passed!"
    counts = severity_counts(findings)
    return (
        f"Found {_plural(counts[Severity.ERROR], 'error')}, "
        f"{_plural(counts[Severity.WARNING], 'warning')}, "
        f"{_plural(counts[Severity.INFO], 'info')}."
    )


def _fixable(findings: Sequence[Finding], ctx: ReportContext) -> tuple[set[Finding], int]:
    """The findings ``--fix`` (with ``--unsafe-fixes`` when given) would fix; unsafe ones left."""
    kinds = fixability(findings, ctx.rules, ctx.documents)
    marked = {f for f, kind in kinds.items() if kind == "safe" or ctx.unsafe_fixes}
    return marked, len(kinds) - len(marked)


def fix_lines(ctx: ReportContext, fixable: int, hidden: int) -> list[str]:
    """``Fixed N findings.`` after --fix; how many more ``--fix``/``--unsafe-fixes`` would fix."""
    lines: list[str] = []
    if ctx.fixed is not None:
        lines.append(f"Fixed {_plural(ctx.fixed, 'finding')}.")
    if fixable:
        option = "--fix --unsafe-fixes" if ctx.unsafe_fixes else "--fix"
        line = f"[*] {fixable} fixable with {option}"
        lines.append(line + (f" ({hidden} more with --unsafe-fixes)." if hidden else "."))
    elif hidden:
        lines.append(f"{hidden} more fixable with --fix --unsafe-fixes.")
    return lines


def _summary(
    findings: Sequence[Finding],
    ctx: ReportContext,
    concise: bool,
    fixes: tuple[set[Finding], int] = (set(), 0),
) -> list[str]:
    if ctx.errors and not findings:
        first = "No findings."
    elif concise and findings:
        first = f"Found {_plural(len(findings), 'finding')}."
    else:
        first = summary_line(findings)
    lines = [first, *fix_lines(ctx, len(fixes[0]), fixes[1])]
    if ctx.errors:
        lines.append(f"{_plural(len(ctx.errors), 'input error')} reported above.")
    return lines


def format_text(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The default format: each finding with its source line underlined, then a summary."""
    ordered = sorted(findings, key=Finding.sort_key)
    fixes = _fixable(ordered, ctx)
    blocks = [
        render_finding(f, ctx.documents.get(f.path), ctx.color, f in fixes[0]) for f in ordered
    ]
    blocks.append("\n".join(_summary(ordered, ctx, concise=False, fixes=fixes)))
    return "\n\n".join(blocks) + "\n"


def format_concise(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """One ``path:line:col: CODE message`` line per finding, then a count."""
    ordered = sorted(findings, key=Finding.sort_key)
    fixes = _fixable(ordered, ctx)
    lines = [_header(f, ctx.color, f in fixes[0]) + _citation(f) for f in ordered]
    lines.extend(_summary(ordered, ctx, concise=True, fixes=fixes))
    return "\n".join(lines) + "\n"
