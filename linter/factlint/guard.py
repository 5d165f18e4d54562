"""One guard around everything that touches one document.

An unexpected exception while decoding, reading front matter, analysing the
text, running a rule or a third-party plugin's raw ``factlint_check`` hook
becomes one line, ``path: internal error in <stage or rule>: <what>; please
report it``, for that file only; every other file is still linted and
reported, and the run exits 2. Findings from rules and plugins are checked
before anything uses them (offsets, positions, replacement, severity, a
registered or at least well-formed code):
a bad one is dropped and reported as an internal error of that rule.

Messages name the exception type and the source line of factlint (or of the
plugin) where it happened, never the article's text. Set ``FACTLINT_DEBUG=1``
to also print the traceback.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import pluggy

from factlint.errors import FactlintError, shown
from factlint.model import FactRef, Finding, Severity

if TYPE_CHECKING:
    from factlint.api import CheckContext, Rule
    from factlint.document import Document

RUNNER = "factlint.runner"
# A code that is not registered (a rule pack's rule run under GL000) must still be a code.
_CODE = re.compile(r"[A-Z]{1,8}[0-9]{1,6}", re.ASCII)
_PACKAGE_DIR = Path(__file__).resolve().parent

# The stage of the analysis an exception comes from, by the module that raised it
# (the longest matching prefix wins).
STAGES: Mapping[str, str] = {
    "factlint.prose": "Markdown parsing",
    "factlint.normalize": "normalization",
    "factlint.tokens": "tokenization",
    "factlint.segment": "segmentation",
    "factlint.quotes": "quotation scan",
    "factlint.mentions": "mention search",
    "factlint.claims": "claim extraction",
}


class RuleFailures(Exception):
    """Raised by the engine's rule runner after running every rule, when some failed.

    Carries the findings of the rules that did not fail, and one error line per
    failed rule.
    """

    def __init__(self, findings: Iterable[Finding], errors: Iterable[str]) -> None:
        self.findings = tuple(findings)
        self.errors = tuple(errors)
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class Checked:
    """What the hooks produced for one document: valid findings and error lines."""

    findings: tuple[Finding, ...] = ()
    errors: tuple[str, ...] = ()


def _frames(tb: TracebackType | None) -> list[traceback.FrameSummary]:
    return list(traceback.extract_tb(tb)) if tb is not None else []


def _module_frames(exc: BaseException) -> list[str]:
    names: list[str] = []
    tb = exc.__traceback__
    while tb is not None:
        names.append(str(tb.tb_frame.f_globals.get("__name__", "")))
        tb = tb.tb_next
    return names


def stage_of(exc: BaseException, default: str) -> str:
    """The analysis stage the innermost factlint frame of ``exc`` belongs to."""
    for name in reversed(_module_frames(exc)):
        best = max((prefix for prefix in STAGES if name.startswith(prefix)), key=len, default=None)
        if best is not None:
            return STAGES[best]
    return default


def where(exc: BaseException) -> str:
    """``claims/numbers.py:550``: the innermost frame, inside factlint when possible."""
    frames = _frames(exc.__traceback__)
    if not frames:
        return "?"
    for frame in reversed(frames):
        try:
            relative = Path(frame.filename).resolve().relative_to(_PACKAGE_DIR)
        except ValueError:
            continue
        if relative.name not in ("guard.py", "runner.py"):
            return f"{relative.as_posix()}:{frame.lineno}"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno}"


def internal_error(path: str, stage: str, exc: BaseException) -> str:
    """The one-line report of an unexpected exception (no document text in it)."""
    if os.environ.get("FACTLINT_DEBUG"):
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, RecursionError):
        detail = "input nested too deeply"
    elif isinstance(exc, MemoryError):
        detail = "out of memory"
    else:
        detail = f"{type(exc).__name__} at {where(exc)}"
    return f"{path}: internal error in {stage}: {detail}; please report it"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def finding_problem(finding: object, doc: Document, rules: Mapping[str, Rule]) -> str | None:
    """Why ``finding`` cannot be used for ``doc``, or ``None`` when it is sound."""
    if not isinstance(finding, Finding):
        return f"returned {type(finding).__name__}, not a Finding"
    if not isinstance(finding.code, str) or not (
        finding.code in rules or _CODE.fullmatch(finding.code)
    ):
        return f"finding with an unknown rule code {shown(finding.code)}"
    if not isinstance(finding.severity, Severity):
        return f"finding with an unknown severity {shown(finding.severity)}"
    if not isinstance(finding.message, str):
        return "finding whose message is not a string"
    if finding.replacement is not None and not isinstance(finding.replacement, str):
        return f"finding whose replacement is {type(finding.replacement).__name__}, not a string"
    if not isinstance(finding.facts, tuple) or not all(
        isinstance(fact, FactRef) for fact in finding.facts
    ):
        return "finding whose facts are not a tuple of FactRef"
    if finding.path != doc.path:
        return f"finding for another file {shown(finding.path)}"
    start, end, size = finding.start, finding.end, len(doc.text)
    if not (_is_int(start) and _is_int(end)):
        return "finding whose offsets are not integers"
    if not 0 <= start <= end <= size:
        return f"finding at offsets {start}..{end}, outside the text (0..{size}) or reversed"
    expected = (*doc.position(start), *doc.position(end))
    actual = (finding.line, finding.column, finding.end_line, finding.end_column)
    if actual != expected:
        return "finding whose line and column do not match its offsets (build it with ctx.finding)"
    return None


def valid_findings(
    found: Iterable[object], ctx: CheckContext, stage: str
) -> tuple[list[Finding], str | None]:
    """The sound findings of ``found``, and an error line for the first bad one."""
    good: list[Finding] = []
    error: str | None = None
    for finding in found:
        problem = finding_problem(finding, ctx.document, ctx.rules)
        if problem is None and isinstance(finding, Finding):
            good.append(finding)
        elif error is None:
            error = f"{ctx.path}: internal error in {stage}: {problem}"
    return good, error


def run_checks(pm: pluggy.PluginManager, ctx: CheckContext) -> Checked:
    """Call every ``factlint_check`` hook on ``ctx``, each under the guard."""
    impls = pm.hook.factlint_check.get_hookimpls()
    if any(impl.hookwrapper or impl.wrapper for impl in impls):
        # Wrappers need pluggy's own call loop; then the hook fails or succeeds as one.
        return _call_all(pm, ctx)
    findings: list[Finding] = []
    errors: list[str] = []
    for impl in reversed(impls):  # pluggy's calling order
        stage = "rules" if impl.plugin_name == RUNNER else f"plugin {impl.plugin_name}"
        try:
            batch: Any = impl.function(**{name: ctx for name in impl.argnames})
            found: list[object] = list(batch) if batch is not None else []
        except RuleFailures as failures:
            findings.extend(failures.findings)
            errors.extend(failures.errors)
            continue
        except FactlintError:
            raise
        except Exception as exc:  # a bug in a plugin must not hide other results
            errors.append(internal_error(ctx.path, stage, exc))
            continue
        if impl.plugin_name == RUNNER:  # validated rule by rule already
            findings.extend(f for f in found if isinstance(f, Finding))
            continue
        good, error = valid_findings(found, ctx, stage)
        findings.extend(good)
        if error is not None:
            errors.append(error)
    return Checked(tuple(findings), tuple(errors))


def _call_all(pm: pluggy.PluginManager, ctx: CheckContext) -> Checked:
    try:
        batches = [list(b) for b in pm.hook.factlint_check(ctx=ctx) if b is not None]
    except RuleFailures as failures:
        return Checked(failures.findings, failures.errors)
    except FactlintError:
        raise
    except Exception as exc:
        return Checked((), (internal_error(ctx.path, "plugin hooks", exc),))
    good, error = valid_findings((f for b in batches for f in b), ctx, "plugin hooks")
    return Checked(tuple(good), (error,) if error else ())
