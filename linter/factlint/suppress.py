"""Inline suppressions: accepting one finding in place, and reporting unused ones.

Markdown files take HTML comments, each on a line of its own::

    <!-- factlint-disable-next-line NM001,TX001 -- the quote keeps the typo -->
    <!-- factlint-disable AT003 -->  ...  <!-- factlint-enable AT003 -->
    <!-- factlint-disable-file ND -->

Plain-text files take the same directives as a bare line (``factlint-disable-
next-line NM001``), and the comment form as well. Codes are rule codes or
prefixes (``NM``); an optional reason follows ``--``. ``disable-next-line``
covers findings starting on the next non-blank line; ``disable`` covers the
lines up to the matching ``enable`` (or the end of the file); ``disable-file``
the whole file. Directives inside fenced code blocks or front matter are text,
not directives.

After the rules have run, :func:`apply_suppressions` drops the suppressed
findings and reports every directive (or code in one) that suppressed nothing
under ``FL100``, with a replacement that removes it (``--fix`` applies it).
A code whose rules did not run (``--select``/``--ignore``) is never reported as
unused; a code that names no rule at all is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlint.api import Rule
from factlint.hookspecs import hookimpl
from factlint.model import Finding, Severity
from factlint.prose import is_markdown
from factlint.rules.docs import rule_docs

if TYPE_CHECKING:
    from factlint.api import CheckContext
    from factlint.document import Document

UNUSED_CODE = "FL100"

_BODY = (
    r"factlint-(?P<kind>disable-next-line|disable-file|disable|enable)"
    r"(?:[ \t]+(?P<codes>[A-Za-z0-9]+(?:[ \t]*,[ \t]*[A-Za-z0-9]+)*))?"
    r"(?:[ \t]+--[ \t]*(?P<reason>.*?))?[ \t]*"
)
_COMMENT = re.compile(r"[ ]{0,3}<!--[ \t]*" + _BODY + r"-->[ \t]*")
_BARE = re.compile(r"[ \t]*" + _BODY)
_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
_CODE = re.compile(r"[A-Z]+[0-9]*\Z")


@dataclass(frozen=True)
class Directive:
    """One suppression comment: what it does, to which codes, where it stands."""

    kind: str  # disable-next-line, disable-file, disable or enable
    codes: tuple[str, ...]
    line: int  # 1-based line of the directive
    start: int  # offsets of the directive's line, without its line break
    end: int
    next_start: int  # offset of the following line (end of the line break)
    comment: bool  # written as an HTML comment
    reason: str = ""

    def render(self, codes: Sequence[str]) -> str:
        """The directive's text with only ``codes`` left."""
        body = f"factlint-{self.kind} {','.join(codes)}"
        if self.reason:
            body += f" -- {self.reason}"
        return f"<!-- {body} -->" if self.comment else body


def _lines(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(line number, start, end without the break, start of the next line)."""
    pos = 0
    number = 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl == -1 else nl
        end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        following = len(text) if nl == -1 else nl + 1
        yield number, pos, end, following
        if nl == -1:
            return
        pos = nl + 1
        number += 1


def _closes(opener: re.Match[str] | None, fence: str, line: str) -> bool:
    """Whether ``line`` (matched as ``opener``) closes a code block opened by ``fence``."""
    if opener is None:
        return False
    run = opener.group(1)
    return run[0] == fence[0] and len(run) >= len(fence) and not line[opener.end() :].strip()


def parse_directives(text: str, markdown: bool) -> tuple[Directive, ...]:
    """Every suppression directive of a document, in order."""
    if "factlint-" not in text:
        return ()
    front = _FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    fence: str | None = None
    found: list[Directive] = []
    for number, start, end, following in _lines(text):
        if start < body_start:
            continue
        line = text[start:end]
        if markdown:
            opener = _FENCE.match(line)
            if fence is not None:
                if _closes(opener, fence, line):
                    fence = None
                continue
            if opener:
                fence = opener.group(1)
                continue
        if "factlint-" not in line:
            continue
        match = _COMMENT.fullmatch(line)
        comment = match is not None
        if match is None and not markdown:
            match = _BARE.fullmatch(line)
        if match is None:
            continue
        codes = tuple(
            c.strip().upper() for c in (match.group("codes") or "").split(",") if c.strip()
        )
        found.append(
            Directive(
                kind=match.group("kind"),
                codes=codes,
                line=number,
                start=start,
                end=end,
                next_start=following,
                comment=comment,
                reason=(match.group("reason") or "").strip(),
            )
        )
    return tuple(found)


def _matches(code: str, prefix: str) -> bool:
    return code.upper().startswith(prefix)


def _targets(doc: Document, directives: Sequence[Directive]) -> dict[int, int]:
    """For each disable-next-line directive (by index): the line it covers.

    That is the next line that is neither blank nor another directive, so that
    directives can be stacked and separated from their paragraph by a blank line.
    """
    directive_lines = {d.line for d in directives}
    last = len(doc.line_starts)
    targets: dict[int, int] = {}
    for index, directive in enumerate(directives):
        if directive.kind != "disable-next-line":
            continue
        line = directive.line + 1
        while line <= last and (line in directive_lines or not doc.line_text(line).strip()):
            line += 1
        targets[index] = line
    return targets


Range = tuple[int, str, int, int]  # disable directive index, code, first line, last line


def _covered(
    finding: Finding,
    directives: Sequence[Directive],
    targets: Mapping[int, int],
    ranges: Sequence[Range],
) -> list[tuple[int, str]]:
    """(directive index, code) pairs that suppress ``finding``."""
    hits: list[tuple[int, str]] = []
    for index, directive in enumerate(directives):
        if directive.kind == "disable-file" or targets.get(index) == finding.line:
            hits.extend((index, c) for c in directive.codes if _matches(finding.code, c))
    for index, code, first, last in ranges:
        if first <= finding.line <= last and _matches(finding.code, code):
            hits.append((index, code))
    return hits


def _ranges(
    directives: Sequence[Directive], last_line: int
) -> tuple[list[Range], dict[tuple[int, str], int], set[tuple[int, str]]]:
    """Disable..enable ranges; which enable closes which disable; enables closing nothing."""
    open_at: dict[str, int] = {}
    ranges: list[Range] = []
    closes: dict[tuple[int, str], int] = {}  # (enable index, code) -> disable index
    stray: set[tuple[int, str]] = set()
    for index, directive in enumerate(directives):
        if directive.kind == "disable":
            for code in directive.codes:
                open_at.setdefault(code, index)
        elif directive.kind == "enable":
            for code in directive.codes:
                if code in open_at:
                    begin = open_at.pop(code)
                    ranges.append((begin, code, directives[begin].line, directive.line))
                    closes[(index, code)] = begin
                else:
                    stray.add((index, code))
    for code, begin in open_at.items():
        ranges.append((begin, code, directives[begin].line, last_line))
    return ranges, closes, stray


def apply_suppressions(ctx: CheckContext, findings: Sequence[Finding]) -> list[Finding]:
    """Drop suppressed findings; add an ``FL100`` finding for each unused directive."""
    doc = ctx.document
    directives = parse_directives(doc.text, is_markdown(doc.path))
    if not directives:
        return list(findings)
    targets = _targets(doc, directives)
    ranges, closes, stray = _ranges(directives, len(doc.line_starts))
    used: dict[int, set[str]] = {i: set() for i in range(len(directives))}
    kept: list[Finding] = []
    for finding in findings:
        hits = _covered(finding, directives, targets, ranges)
        if not hits or finding.code == UNUSED_CODE:
            kept.append(finding)
            continue
        for index, code in hits:
            used[index].add(code)
    for (enable, code), disable in closes.items():
        if code in used[disable]:
            used[enable].add(code)
    if ctx.enabled(UNUSED_CODE):
        kept.extend(_unused(ctx, directives, used, stray))
    return kept


def _unused(
    ctx: CheckContext,
    directives: Sequence[Directive],
    used: Mapping[int, set[str]],
    stray: set[tuple[int, str]],
) -> Iterator[Finding]:
    for index, directive in enumerate(directives):
        reasons: list[str] = []
        unused: list[str] = []
        if not directive.codes:
            reasons.append("names no rule code")
        for code in directive.codes:
            if code in used[index]:
                continue
            known = [c for c in ctx.rules if _matches(c, code)]
            if not _CODE.match(code) or not known:
                unused.append(code)
                reasons.append(f"{code} is not a rule code")
            elif (index, code) in stray:
                unused.append(code)
                reasons.append(f"no factlint-disable {code} before it")
            elif any(ctx.enabled(c) for c in known):
                unused.append(code)
                reasons.append(f"nothing reported for {code} here")
        if not reasons:
            continue
        left = [c for c in directive.codes if c not in unused]
        if left:
            start, end, replacement = directive.start, directive.end, directive.render(left)
        else:
            start, end, replacement = directive.start, directive.next_start, ""
        yield ctx.finding(
            UNUSED_CODE,
            start,
            end,
            f"unused suppression (factlint-{directive.kind}): {'; '.join(reasons)}",
            replacement=replacement,
        )


def _check_nothing(ctx: CheckContext) -> Iterator[Finding]:
    """FL100 findings are made by :func:`apply_suppressions`, after every other rule."""
    return iter(())


FL100 = Rule(
    code=UNUSED_CODE,
    name="unused-suppression",
    summary="A factlint-disable comment that suppresses nothing",
    check=_check_nothing,
    severity=Severity.WARNING,
    family="suppressions",
    docs=rule_docs(UNUSED_CODE),
    fix="safe",
)


@hookimpl
def factlint_rules() -> list[Rule]:
    return [FL100]


def suppression_help(code: str) -> str:
    """The generic 'Suppressing' section that ``factlint explain`` appends to a rule's docs."""
    if code == UNUSED_CODE:
        return (
            "## Suppressing\n\n"
            f"{UNUSED_CODE} is not suppressed by comments: remove the unused one "
            f"(`--fix` does), or turn the rule off with `--ignore {UNUSED_CODE}`."
        )
    return (
        "## Suppressing\n\n"
        "To accept one finding in place, put a comment on the line before it "
        "(Markdown):\n\n"
        "```markdown\n"
        f"<!-- factlint-disable-next-line {code} -- why this is right here -->\n"
        "```\n\n"
        f"or, in a plain-text file, a line holding only `factlint-disable-next-line {code}`. "
        f"`<!-- factlint-disable {code} -->` ... `<!-- factlint-enable {code} -->` "
        f"covers a passage and `<!-- factlint-disable-file {code} -->` a whole file. "
        f'To turn the rule off everywhere, `--ignore {code}` or `ignore = ["{code}"]` in '
        "the configuration; to accept today's findings and fail only on new ones, "
        "`--write-baseline` (see docs/adoption.md)."
    )
