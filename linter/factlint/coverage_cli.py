"""``factlint claims PATHS``: every claim read from each article, with its verdict.

Options besides the ones ``factlint`` itself takes (``--facts``, ``--date``,
``--select``...): ``--format text|json|claims-json``, ``--unknown-only`` (the
claims the facts cannot judge, grouped by entity: the curator's to-do list)
and ``--suggest-facts`` (YAML stubs for them, see :mod:`factlint.suggest`).
Exit code 0, or 2 on a usage, configuration or input error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pluggy

from factlint.coverage import FileCoverage, JudgedClaim, Verdict, claim_to_dict, coverage_counts
from factlint.errors import FactlintError, InputError

EXIT_CLEAN, EXIT_ERROR = 0, 2
FORMATS = ("text", "json", "claims-json")


def collect(
    args: argparse.Namespace, pm: pluggy.PluginManager
) -> tuple[list[FileCoverage], list[str]]:
    """Lint the paths of ``args`` and judge every claim (serially)."""
    from factlint.cache import open_cache
    from factlint.cli import check_codes, configure
    from factlint.coverage import judge
    from factlint.engine import context_for, discover, load_document, new_session
    from factlint.facts.cache import load_facts_cached
    from factlint.model import Finding
    from factlint.plugins import collect_rules
    from factlint.selection import Selection

    config = configure(args, pm)
    rules = collect_rules(pm, config)  # the configuration's rule packs too
    selection = Selection(config.select, config.ignore)
    check_codes(selection, rules)
    cache = open_cache(config.root, enabled=not config.options.get("no_cache"))
    facts = load_facts_cached(list(config.facts), config.root, cache)
    if not config.facts:
        print("factlint: warning: no facts configured; every claim is unknown", file=sys.stderr)
    session = new_session(config, facts, rules, selection)
    files: list[FileCoverage] = []
    errors: list[str] = []
    for item in discover(args.paths or [Path(".")], config):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        try:
            doc = load_document(item, session)
            ctx = context_for(doc, session)
            found: list[Finding] = []
            for batch in pm.hook.factlint_check(ctx=ctx):
                found.extend(f for f in batch or () if ctx.enabled(f.code))
        except FactlintError as exc:
            errors.append(str(exc))
            continue
        files.append(judge(ctx, found))
    files.sort(key=lambda f: f.path)
    return files, errors


def _summary(counts: dict[str, int]) -> str:
    return (
        f"{counts['claims']} claims: {counts['verified']} verified, "
        f"{counts['contradicted']} contradicted, {counts['unknown']} unknown"
    )


def _detail(claim: JudgedClaim) -> str:
    if claim.verdict is Verdict.CONTRADICTED:
        return ", ".join(claim.codes)
    if claim.verdict is Verdict.UNKNOWN:
        return claim.missing
    cited = "; ".join(f.cite() for f in claim.facts)
    return f"{claim.basis} [{cited}]" if claim.basis else f"[{cited}]"


def render_text(files: Sequence[FileCoverage]) -> str:
    """Per file: one line per claim, then the file's summary; then the total."""
    blocks: list[str] = []
    for cov in files:
        lines = [cov.path]
        for claim in cov.claims:
            where = f"{claim.line}:{claim.column}"
            quoted = " (quoted)" if claim.quoted else ""
            lines.append(
                f"  {where:8} {claim.kind:6} {claim.verdict.value:12} "
                f"{claim.statement}{quoted} -- {_detail(claim)}"
            )
        lines.append(f"  {_summary(cov.counts())}")
        blocks.append("\n".join(lines))
    total = coverage_counts(c for cov in files for c in cov.claims)
    noun = "file" if len(files) == 1 else "files"
    blocks.append(f"Total: {len(files)} {noun}, {_summary(total)}.")
    return "\n\n".join(blocks) + "\n"


def render_json(files: Sequence[FileCoverage]) -> str:
    """``{"files": [{"path", "claims", "summary"}], "summary": {...}}``."""
    document = {
        "files": [
            {
                "path": cov.path,
                "claims": [claim_to_dict(c) for c in cov.claims],
                "summary": cov.counts(),
            }
            for cov in files
        ],
        "summary": coverage_counts(c for cov in files for c in cov.claims),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def unknown_groups(files: Sequence[FileCoverage]) -> list[tuple[str, list[JudgedClaim]]]:
    """The unknown claims grouped by the entity they are about, groups sorted by label."""
    groups: dict[str, list[JudgedClaim]] = {}
    for cov in files:
        for claim in cov.claims:
            if claim.verdict is Verdict.UNKNOWN:
                label = claim.entity_label or claim.entity or "(no entity: the document)"
                groups.setdefault(label, []).append(claim)
    return sorted(groups.items(), key=lambda item: item[0].casefold())


def render_unknown(files: Sequence[FileCoverage]) -> str:
    groups = unknown_groups(files)
    if not groups:
        return "The facts judge every claim read.\n"
    blocks = []
    for label, claims in groups:
        lines = [label]
        for claim in claims:
            lines.append(
                f"  {claim.path}:{claim.line}:{claim.column}: {claim.kind} "
                f"{claim.statement} -- {claim.missing}"
            )
        blocks.append("\n".join(lines))
    count = sum(len(c) for _, c in groups)
    blocks.append(f"{count} unknown claims about {len(groups)} entities.")
    return "\n\n".join(blocks) + "\n"


def main(
    args: argparse.Namespace, parser: argparse.ArgumentParser, pm: pluggy.PluginManager
) -> int:
    """``factlint claims``, its options parsed (see :mod:`factlint.cli_parser`)."""
    if args.fix:
        parser.error("--fix does not apply to 'factlint claims'")
    if args.format not in FORMATS:
        print(
            f"factlint: error: unknown claims format {args.format!r} "
            f"(choose from {', '.join(FORMATS)})",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        files, errors = collect(args, pm)
    except FactlintError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for line in errors:
        print(f"factlint: error: {line}", file=sys.stderr)
    if args.suggest_facts:
        from factlint.suggest import suggest_facts

        text = suggest_facts(files)
    elif args.format in ("json", "claims-json"):
        if args.unknown_only:
            files = [
                FileCoverage(f.path, tuple(c for c in f.claims if c.verdict is Verdict.UNKNOWN))
                for f in files
            ]
        text = render_json(files)
    elif args.unknown_only:
        text = render_unknown(files)
    else:
        text = render_text(files)
    if args.output_file is not None:
        from factlint.report import write_output_file

        if not write_output_file(args.output_file, text):
            return EXIT_ERROR
    else:
        sys.stdout.write(text)
    return EXIT_ERROR if errors else EXIT_CLEAN
