"""Command line: ``factlint [check] PATHS``, ``factlint explain CODE``, ``factlint rules``.

Exit codes: 0 no findings (at or above --fail-on), 1 findings, 2 usage,
configuration or input error.
Every error is one line naming the file (and line) it is about.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TextIO

import pluggy

from factlint import __version__, checkfacts, ci, ruleinfo
from factlint.adopt import (
    Options,
    Outcome,
    add_adoption_options,
    check_adoption_options,
    run_adoption,
)
from factlint.api import ReportContext, Rule
from factlint.cache import clean as clean_cache
from factlint.cache import open_cache
from factlint.config import Config, load_config
from factlint.diffbase import changed_only
from factlint.discovery import discover
from factlint.engine import Result, Session, iter_lint, max_jobs, new_session
from factlint.errors import ConfigError, FactlintError, InputError
from factlint.facts.cache import load_facts_cached
from factlint.lexicon_cache import load_lexicon
from factlint.model import Finding, Severity
from factlint.paths import report_root
from factlint.plugins import collect_formats, collect_rules, new_plugin_manager, register_module
from factlint.report import write_output_file
from factlint.selection import Selection
from factlint.severity import fails, rules_with_overrides, unknown_prefixes
from factlint.statistics import format_statistics, statistics
from factlint.stream import LineFormat, line_format
from factlint.trust import check_config_plugin, repository_of

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"factlint: error: {message}\n")


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def build_parser(pm: pluggy.PluginManager) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factlint",
        description="Check articles against a curated facts file.",
        epilog="Other commands: 'factlint explain CODE|PREFIX' prints rules' docs; "
        "'factlint rules' lists the rules (both take --format json); 'factlint claims PATHS' "
        "lists the claims read and what the facts say of them; 'factlint init' starts a "
        "project; 'factlint check-facts' validates the facts and rule packs; "
        "'factlint cache clean' deletes the project's .factlint_cache/.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or directories (default: .)")
    parser.add_argument(
        "--format",
        help="output format: text, concise, json, jsonl, github, sarif, rdjson, gitlab, junit, "
        "html, claims-json (default: text; github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument("--date", type=_date, help="document date for articles without one")
    parser.add_argument("--lang", help="language for articles that do not declare one")
    parser.add_argument(
        "--facts",
        action="append",
        type=Path,
        help="facts file or directory (repeatable; replaces configured facts)",
    )
    parser.add_argument(
        "--rules", action="append", type=Path, help="rule pack file or directory (repeatable)"
    )
    parser.add_argument(
        "--select", type=_codes, action="append", help="rule codes or prefixes to enable"
    )
    parser.add_argument(
        "--ignore", type=_codes, action="append", help="rule codes or prefixes to disable"
    )
    add_adoption_options(parser)
    parser.add_argument("--config", type=Path, help="configuration file (default: found upward)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="processes to use (0: all cores)")
    parser.add_argument("-p", "--plugin", action="append", default=[], help="load a plugin module")
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write .factlint_cache/"
    )
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument(
        "-o", "--output-file", type=Path, help="write the report here instead of stdout"
    )
    ci.add_options(parser)
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    pm.hook.factlint_addoption(parser=parser)
    return parser


def _sub_command(argv: list[str], pm: pluggy.PluginManager) -> int | None:
    if argv[:1] == ["claims"]:
        from factlint.coverage_cli import main as claims_main

        return claims_main(argv[1:], pm)
    if argv[:1] == ["init"]:
        from factlint.scaffold import main as init_main

        return init_main(argv[1:])
    if argv[:2] == ["cache", "clean"] and len(argv) == 2:
        return _cache_clean()
    if not argv or argv[0] not in ("explain", "rules"):
        return None
    try:
        rules = collect_rules(pm, _project_config(pm))  # the configuration's packs and plugins
    except FactlintError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    code, out, err = ruleinfo.run(argv[0], argv[1:], rules)
    sys.stdout.write(out)
    sys.stderr.write(err)
    return code


def _project_config(pm: pluggy.PluginManager) -> Config:
    """The configuration found from the current directory, its plugins loaded and configured."""
    config = load_config([Path(".")])
    for module in config.plugins:
        register_module(pm, module)
    pm.hook.factlint_configure(config=config)
    return config


def _cache_clean() -> int:
    """``factlint cache clean``: delete the project's ``.factlint_cache/``."""
    try:
        config = load_config([Path(".")])
    except FactlintError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    removed = clean_cache(config.root)
    print(f"factlint: {f'removed {removed}' if removed else 'no cache to clean'}", file=sys.stderr)
    return EXIT_CLEAN


def _check_facts(argv: list[str]) -> int:
    """``factlint check-facts [--config FILE] [PATHS]``: every facts/rule-pack problem."""
    parser = _Parser(prog="factlint check-facts", description=checkfacts.__doc__)
    parser.add_argument("paths", nargs="*", type=Path, help="where to look for the configuration")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--facts", action="append", type=Path)
    parser.add_argument("--rules", action="append", type=Path)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.paths or [Path(".")], args.config)
    except FactlintError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    facts = tuple(args.facts or config.facts)
    packs = tuple(args.rules or config.rules)
    problems = checkfacts.check(facts, packs, config.root)
    for problem in problems:
        print(f"factlint: error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_ERROR
    print(f"factlint: {len(facts)} facts path(s) and {len(packs)} rule-pack path(s) are valid")
    return EXIT_CLEAN


def _configure(args: argparse.Namespace, pm: pluggy.PluginManager) -> Config:
    paths: list[Path] = args.paths or [Path(".")]
    if paths == [Path(ci.STDIN)]:
        paths = [Path(args.stdin_filename)] if args.stdin_filename else [Path(".")]
    config = load_config(paths, args.config)
    if args.facts:
        config = replace(config, facts=tuple(args.facts))
    if args.rules:
        config = replace(config, rules=tuple(args.rules))
    if args.date:
        config = replace(config, date=args.date)
    if args.lang:
        config = replace(config, lang=args.lang)
    select = tuple(c for group in args.select or [] for c in group) or config.select
    ignore = config.ignore + tuple(c for group in args.ignore or [] for c in group)
    for module in config.plugins:  # from the repository: installed code only
        check_config_plugin(module, repository_of(config.root))
    for module in (*config.plugins, *args.plugin):
        register_module(pm, module)
    options = {k: v for k, v in vars(args).items()}
    config = replace(config, select=select, ignore=ignore, options=options)
    pm.hook.factlint_configure(config=config)
    return config


def _color(choice: str, stream: object) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["check"]:
        args_list = args_list[1:]
    if args_list[:1] == ["check-facts"]:
        return _check_facts(args_list[1:])
    try:
        pm = new_plugin_manager()
    except FactlintError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    sub = _sub_command(args_list, pm)
    if sub is not None:
        return sub
    parser = build_parser(pm)
    args = parser.parse_args(args_list)
    if problem := check_adoption_options(args):
        parser.error(problem)
    args.format = ci.default_format(args.format, os.environ)
    from_stdin = [str(p) for p in args.paths] == [ci.STDIN]
    if from_stdin and (args.fix or args.diff or args.write_baseline or args.diff_base):
        parser.error(
            "reading stdin ('-') cannot be combined with --fix, --diff, --write-baseline "
            "or --diff-base"
        )
    try:
        config = _configure(args, pm)
        rules = collect_rules(pm, config)
        formats = collect_formats(pm)
        if args.format not in formats:
            raise ConfigError(
                f"unknown format {args.format!r} (choose from {', '.join(sorted(formats))})"
            )
        selection = Selection(config.select, config.ignore)
        _check_codes(selection, rules)
        unknown = unknown_prefixes(config.severity, rules)
        if unknown:
            raise ConfigError(
                f"severity: no rule code starts with {unknown[0]!r} (see 'factlint rules')",
                str(config.source) if config.source else None,
            )
        cache = open_cache(config.root, enabled=not args.no_cache)
        facts = load_facts_cached(list(config.facts), config.root, cache)
    except FactlintError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if not config.facts:
        print(
            "factlint: warning: no facts configured (no claims/ directory found); only text checks run",
            file=sys.stderr,
        )
    session = new_session(config, facts, rules, selection, load_lexicon(facts, cache))
    errors: list[str] = []
    stream = _streamable(args, formats[args.format])
    if stream is not None:
        base = ReportContext(
            documents={},
            rules=rules_with_overrides(rules, config.severity),
            version=__version__,
            facts=facts,
            config=config,
            root=report_root(config.root),
        )
        return _stream(args, session, pm, stream, errors, base)
    try:
        results = _lint(args, session, pm, errors)
    except FactlintError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    errors.extend(line for r in results for line in r.errors)
    for line in errors:
        print(f"factlint: error: {line}", file=sys.stderr)
    adopted = run_adoption(_adoption_options(args), results, session, pm)
    for line in adopted.errors:
        print(f"factlint: error: {line}", file=sys.stderr)
    errors.extend(adopted.errors)
    for line in adopted.notes:
        print(line, file=sys.stderr)
    if args.write_baseline is not None or args.diff:
        return _adoption_exit(args, adopted, errors)
    findings = adopted.findings
    findings.sort(key=lambda f: f.sort_key())
    out = sys.stdout
    report = ReportContext(
        documents=adopted.documents,
        rules=rules_with_overrides(rules, config.severity),
        version=__version__,
        color=_color(args.color, out) and args.output_file is None,
        errors=tuple(errors),
        fixed=adopted.fixed,
        unsafe_fixes=args.unsafe_fixes,
        facts=facts,
        config=config,
        root=report_root(config.root),
    )
    if args.statistics:
        text = format_statistics(statistics(findings, report.rules), as_json=args.format == "json")
    else:
        text = formats[args.format](findings, report)
    if not args.no_step_summary:
        ci.write_step_summary(findings, report, os.environ, lambda m: print(m, file=sys.stderr))
    if args.output_file is not None:
        if not write_output_file(args.output_file, text):
            return EXIT_ERROR
    elif text:
        out.write(text if text.endswith("\n") else text + "\n")
    if errors:
        return EXIT_ERROR
    if fails(findings, Severity(args.fail_on)) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _streamable(args: argparse.Namespace, formatter: object) -> LineFormat | None:
    """A line format written file by file, unless the run needs every finding first."""
    if (
        args.fix
        or args.diff
        or args.baseline is not None
        or args.write_baseline is not None
        or args.statistics
        or args.diff_base
        or [str(p) for p in args.paths] == [ci.STDIN]
        or (not args.no_progress and sys.stderr.isatty())  # the progress bar lints in batches
        or (not args.no_step_summary and os.environ.get("GITHUB_STEP_SUMMARY"))  # counts files
    ):
        return None
    return line_format(formatter)  # type: ignore[arg-type]


def _stream(
    args: argparse.Namespace,
    session: Session,
    pm: pluggy.PluginManager,
    stream: LineFormat,
    errors: list[str],
    base: ReportContext,
) -> int:
    """Write each file's findings as soon as it is done (in report order); the summary last."""
    config = session.config
    files: list[Path] = []
    for item in discover(args.paths or [Path(".")], config, force_exclude=args.force_exclude):
        if isinstance(item, InputError):
            errors.append(str(item))
            print(f"factlint: error: {item}", file=sys.stderr)
        else:
            files.append(item)
    files.sort(key=config.relative)  # the report's order is the linting order
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    plugins = tuple((*config.plugins, *args.plugin))
    try:
        out = _open_output(args.output_file)
    except OSError as exc:
        print(f"factlint: error: {args.output_file}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    color = _color(args.color, out) and args.output_file is None
    findings: list[Finding] = []
    try:
        for result in iter_lint(files, session, pm, jobs=jobs, plugins=plugins):
            if result.error:
                errors.append(result.error)
                print(f"factlint: error: {result.error}", file=sys.stderr)
            found = sorted(result.findings, key=lambda f: f.sort_key())
            findings.extend(found)
            if found and result.document is not None:
                documents = {result.path: result.document}  # dropped after this file
                out.write(stream.body(found, replace(base, documents=documents, color=color)))
        report = replace(base, color=color, errors=tuple(errors))
        out.write(stream.trailer(findings, report))
    except OSError as exc:
        print(f"factlint: error: {args.output_file}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if out is not sys.stdout:
            out.close()
    if not args.no_step_summary:
        ci.write_step_summary(findings, report, os.environ, lambda m: print(m, file=sys.stderr))
    if errors:
        return EXIT_ERROR
    if fails(findings, Severity(args.fail_on)) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _open_output(path: Path | None) -> TextIO:
    if path is None:
        return sys.stdout
    return open(path, "w", encoding="utf-8")


def _lint(
    args: argparse.Namespace, session: Session, pm: pluggy.PluginManager, errors: list[str]
) -> list[Result]:
    """Discover and lint the files of the run (or stdin); apply --diff-base."""
    config = session.config
    plugins = tuple((*config.plugins, *args.plugin))
    if [str(p) for p in args.paths] == [ci.STDIN]:
        name = args.stdin_filename
        if name and args.force_exclude and config.excluded(Path(name)):
            return []
        return [ci.lint_stdin(session, pm, name, sys.stdin.buffer)]
    paths: list[Path] = args.paths or [Path(".")]
    files: list[Path] = []
    for item in discover(paths, config, force_exclude=args.force_exclude):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            files.append(item)
    jobs = args.jobs if args.jobs > 0 else max_jobs()
    if args.diff_base:
        return changed_only(args.diff_base, files, paths, session, pm, jobs, plugins)
    return ci.lint_with_progress(
        files, session, pm, jobs=jobs, plugins=plugins, disabled=args.no_progress
    )


def _check_codes(selection: Selection, rules: dict[str, Rule]) -> None:
    for prefix in (*selection.select, *selection.ignore):
        if prefix == "ALL":
            continue
        if not any(code.startswith(prefix) for code in rules):
            raise ConfigError(
                f"--select/--ignore: no rule code starts with {prefix!r} (see 'factlint rules')"
            )


def _adoption_options(args: argparse.Namespace) -> Options:
    return Options(
        paths=tuple(args.paths or [Path(".")]),
        baseline=args.baseline,
        write_baseline=args.write_baseline,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
    )


def _adoption_exit(args: argparse.Namespace, adopted: Outcome, errors: list[str]) -> int:
    """--write-baseline and --diff print no report: a note, or the diff."""
    if args.diff:
        sys.stdout.write(adopted.diff)
        fixed = adopted.fixed or 0
        print(f"factlint: would fix {fixed} finding(s)", file=sys.stderr)
        if errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if adopted.diff and not args.exit_zero else EXIT_CLEAN
    return EXIT_ERROR if errors else EXIT_CLEAN
