"""Choosing and applying findings' replacements (``--fix``, ``--unsafe-fixes``, ``--diff``).

Every rule declares how far its replacements can be trusted
(:data:`factlint.api.FixSafety`): ``safe`` ones are applied by ``--fix``,
``unsafe`` ones (a changed age, year, count or title) only with
``--unsafe-fixes``. A replacement from a rule that declares nothing, or from an
unknown code, counts as unsafe. No replacement is ever applied outside prose:
:func:`outside_prose` refuses spans touching front matter, code, URLs, link
destinations and HTML, by the document's prose map (or, for a document built
without one, a conservative pattern check). The one exception is ``FL100``, whose fix removes an
unused suppression comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from factlint.model import Finding
from factlint.prose import is_markdown
from factlint.suppress import UNUSED_CODE

if TYPE_CHECKING:
    from factlint.api import FixSafety, Rule
    from factlint.document import Document

Span = tuple[int, int]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_BACKTICKS = re.compile(r"`+")
_LINK_DEST = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>")
_BARE_URL = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.)\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def _fenced(text: str) -> list[Span]:
    spans: list[Span] = []
    opener: re.Match[str] | None = None
    for match in _FENCE.finditer(text):
        fence = match.group(1)
        if opener is None:
            opener = match
        elif (
            fence[0] == opener.group(1)[0]
            and len(fence) >= len(opener.group(1))
            and not match.group(0).strip()[len(fence) :].strip()
        ):
            spans.append((opener.start(), match.end()))
            opener = None
    if opener is not None:
        spans.append((opener.start(), len(text)))
    return spans


def _indented(text: str) -> list[Span]:
    """Indented code blocks: lines indented 4 columns after a blank line or another such line."""
    spans: list[Span] = []
    pos = 0
    prev_blank = True
    in_block = False
    for part in text.split("\n"):
        body = part.rstrip("\r")
        blank = not body.strip()
        lead = len(body) - len(body.lstrip(" "))
        indented = lead >= 4 or (lead < 4 and body[lead : lead + 1] == "\t")
        if not blank and indented and (prev_blank or in_block):
            in_block = True
            spans.append((pos, pos + len(body)))
        elif not blank:
            in_block = False
        prev_blank = blank
        pos += len(part) + 1
    return spans


def _code_spans(text: str) -> list[Span]:
    """Backtick code spans: a run of backticks closed by the next run of the same
    length in the same paragraph (CommonMark); one pass, linear in the runs."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if not runs:
        return []
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    keys: list[tuple[int, int]] = []  # (paragraph, length) of each run
    paragraph = 0
    for start, end in runs:
        while paragraph < len(breaks) and breaks[paragraph] < start:
            paragraph += 1
        keys.append((paragraph, end - start))
    following: list[int | None] = [None] * len(runs)
    last: dict[tuple[int, int], int] = {}
    for index in range(len(runs) - 1, -1, -1):
        following[index] = last.get(keys[index])
        last[keys[index]] = index
    spans: list[Span] = []
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1
    return spans


def non_prose_spans(text: str, markdown: bool = True) -> tuple[Span, ...]:
    """Sorted spans of ``text`` that are not prose and must never be edited."""
    spans: list[Span] = []
    front = _FRONT_MATTER.match(text)
    if front:
        spans.append((0, front.end()))
    if markdown:
        spans.extend(_fenced(text))
        spans.extend(_indented(text))
    spans.extend(_code_spans(text))
    for pattern in (_LINK_DEST, _REF_DEF, _AUTOLINK, _BARE_URL, _EMAIL, _HTML_COMMENT, _HTML_TAG):
        spans.extend(m.span() for m in pattern.finditer(text))
    return tuple(sorted(spans))


def outside_prose(
    text: str,
    start: int,
    end: int,
    *,
    spans: Sequence[Span] | None = None,
    mask: bytes = b"",
) -> bool:
    """Whether ``text[start:end]`` touches something that is not prose.

    With the document's prose map (``mask``: :attr:`factlint.document.Document.prose_mask`,
    1 for each prose character) every character of the span must be prose (an
    empty span must touch prose). Without one, a conservative check: front
    matter, fenced and indented code, `inline code`, link destinations ``](...)``
    and reference definitions, autolinks, bare URLs and e-mail addresses, HTML
    comments and tags all count. ``spans`` may pass :func:`non_prose_spans`
    computed once for many calls.
    """
    if mask:
        if not 0 <= start <= end <= len(mask):
            return True
        if end == start:
            return not ((start < len(mask) and mask[start]) or (start > 0 and mask[start - 1]))
        return 0 in mask[start:end]
    for lo, hi in spans if spans is not None else non_prose_spans(text):
        if lo >= max(end, start + 1):
            break
        if start < hi and (lo < end if end > start else lo < start):
            return True
    return False


def fix_safety(finding: Finding, rules: Mapping[str, Rule]) -> FixSafety | None:
    """How safe a finding's replacement is; ``None`` when it has none."""
    if finding.replacement is None:
        return None
    rule = rules.get(finding.code)
    return rule.fix if rule is not None and rule.fix is not None else "unsafe"


def applicable(
    findings: Iterable[Finding], rules: Mapping[str, Rule], doc: Document, *, unsafe: bool
) -> list[Finding]:
    """The findings of ``doc`` whose replacement ``--fix`` (with ``unsafe``:
    ``--unsafe-fixes``) applies."""
    spans: tuple[Span, ...] | None = None
    mask = doc.prose_mask
    chosen: list[Finding] = []
    for finding in findings:
        safety = fix_safety(finding, rules)
        if safety is None or (safety == "unsafe" and not unsafe):
            continue
        if finding.code != UNUSED_CODE:
            if not mask and spans is None:
                spans = non_prose_spans(doc.text, is_markdown(doc.path))
            if outside_prose(doc.text, finding.start, finding.end, spans=spans, mask=mask):
                continue
        chosen.append(finding)
    return chosen


def fixability(
    findings: Sequence[Finding], rules: Mapping[str, Rule], documents: Mapping[str, Document]
) -> dict[Finding, FixSafety]:
    """For each finding a fix can apply to: ``safe`` or ``unsafe``."""
    result: dict[Finding, FixSafety] = {}
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path, group in by_path.items():
        doc = documents.get(path)
        if doc is None:
            continue
        for finding in applicable(group, rules, doc, unsafe=True):
            safety = fix_safety(finding, rules)
            if safety is not None:
                result[finding] = safety
    return result


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, tuple[Finding, ...]]:
    """Apply non-overlapping replacements; return the new text and the findings fixed.

    Where two fixes overlap, the first (by position) wins; the other is left for
    the next pass (see :mod:`factlint.autofix`), which re-lints the new text.
    """
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(
        (f for f in findings if f.replacement is not None), key=lambda f: (f.start, f.end)
    ):
        if f.start < last_end or f.end < f.start or f.end > len(text):
            continue
        if text[f.start : f.end] == f.replacement:
            continue
        chosen.append(f)
        last_end = f.end
    parts: list[str] = []
    pos = 0
    for f in chosen:
        parts.append(text[pos : f.start])
        parts.append(f.replacement or "")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts), tuple(chosen)
