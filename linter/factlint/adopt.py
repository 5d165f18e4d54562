"""What the command line does after linting for ``--baseline``, ``--write-baseline``,
``--fix``, ``--unsafe-fixes`` and ``--diff``: one call from :mod:`factlint.cli`.

The options are defined in :mod:`factlint.cli_parser`; the baseline and fix
modules are imported only when their options are given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from factlint.engine import Result, Session
from factlint.errors import FactlintError
from factlint.model import Finding

if TYPE_CHECKING:
    from factlint import baseline as baselines
    from factlint.autofix import FileFix
    from factlint.document import Document


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...]
    baseline: Path | None = None
    write_baseline: Path | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False


@dataclass
class Outcome:
    """The findings to report and what else to print (built up by :func:`run`)."""

    findings: list[Finding] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    fixed: int | None = None  # fixes applied (or, with --diff, that would be)
    diff: str = ""
    notes: list[str] = field(default_factory=list)  # 'factlint: ...' lines for stderr
    errors: list[str] = field(default_factory=list)
    wrote_baseline: bool = False


def _base(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _write_baseline(
    options: Options, results: list[Result], session: Session, out: Outcome
) -> None:
    assert options.write_baseline is not None
    from factlint import baseline as baselines

    target = options.write_baseline
    base = _base(target)
    old = baselines.Baseline()
    if target.exists():
        try:
            old = baselines.load_baseline(target)
        except FactlintError:
            old = baselines.Baseline()  # rewritten from scratch
    current: list[baselines.Entry] = []
    linted: set[str] = set()
    for result in results:
        if result.document is None or result.file is None:
            continue
        path = baselines.key_path(result.file, base)
        linted.add(path)
        current.extend(baselines.entry_for(f, result.document, path) for f in result.findings)
    entries = baselines.merged(
        old, current, linted, session.selection.enabled, lambda p: (base / p).is_file()
    )
    try:
        target.write_text(baselines.render(entries), encoding="utf-8")
    except OSError as exc:
        out.errors.append(f"{target}: cannot write baseline: {exc.strerror or exc}")
        return
    dropped = old.stale(current, linted)
    note = f"factlint: wrote {len(entries)} finding(s) to {target}"
    if dropped:
        note += f" ({dropped} fixed since the last baseline dropped)"
    out.notes.append(note)
    out.wrote_baseline = True


def run_adoption(
    options: Options, results: list[Result], session: Session, pm: pluggy.PluginManager
) -> Outcome:
    out = Outcome(documents={r.path: r.document for r in results if r.document is not None})
    if options.write_baseline is not None:
        _write_baseline(options, results, session, out)
        return out
    keep_for: dict[str, tuple[baselines.Baseline, str]] = {}
    if options.baseline is not None:
        from factlint import baseline as baselines

        try:
            loaded = baselines.load_baseline(options.baseline)
        except FactlintError as exc:
            out.errors.append(str(exc))
            return out
        base = _base(options.baseline)
        filtered: list[Result] = []
        current: list[baselines.Entry] = []
        linted: set[str] = set()
        for result in results:
            if result.document is None or result.file is None:
                filtered.append(result)
                continue
            path = baselines.key_path(result.file, base)
            linted.add(path)
            keep_for[result.path] = (loaded, path)
            current.extend(baselines.entry_for(f, result.document, path) for f in result.findings)
            new = loaded.filter(path, result.document, result.findings)
            filtered.append(
                Result(result.path, tuple(new), result.errors, result.document, result.file)
            )
        results = filtered
        stale = loaded.stale(current, linted)
        if stale:
            out.notes.append(
                f"factlint: {stale} baseline "
                + ("entry no longer matches" if stale == 1 else "entries no longer match")
                + f" a finding; --write-baseline {options.baseline} drops them"
            )
    if not (options.fix or options.diff):
        out.findings = [f for r in results for f in r.findings]
        return out

    def keep(doc: Document, found: Sequence[Finding]) -> list[Finding]:
        findings = list(found)
        if doc.path not in keep_for:
            return findings
        loaded, path = keep_for[doc.path]
        return loaded.filter(path, doc, findings)

    from factlint.autofix import fix_file, tree_roots

    roots = tree_roots(options.paths)
    out.fixed = 0
    for result in results:
        try:
            fix = fix_file(result, session, pm, unsafe=options.unsafe_fixes, keep=keep)
        except FactlintError as exc:
            out.errors.append(str(exc))
            out.findings.extend(result.findings)
            continue
        if fix is None:
            out.findings.extend(result.findings)
            continue
        _finish(fix, result, options, roots, out)
    return out


def _finish(
    fix: FileFix, result: Result, options: Options, roots: tuple[Path, ...], out: Outcome
) -> None:
    from factlint.autofix import unified_diff, write_fix

    if not fix.converged:
        out.notes.append(f"factlint: {fix.path}: fixes did not settle after several passes")
    if options.diff:
        out.diff += unified_diff(fix)
        out.fixed = (out.fixed or 0) + fix.fixed
        out.findings.extend(result.findings)
        return
    try:
        write_fix(fix, roots)
    except FactlintError as exc:
        out.errors.append(str(exc))
        out.findings.extend(result.findings)
        return
    out.fixed = (out.fixed or 0) + fix.fixed
    out.documents[fix.path] = fix.after
    out.findings.extend(fix.findings)
