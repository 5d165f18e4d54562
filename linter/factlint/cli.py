"""Command line: ``factlint [COMMAND] ...``; the ``check`` command (the default).

The parser and its subcommands are built in :mod:`factlint.cli_parser`; the
other commands (``rules``, ``explain``, ``claims``, ``init``, ``cache clean``,
``check-facts``) run in :mod:`factlint.cli_commands`. Configuration and plugins
(entry points, ``-p``, the configuration's ``plugins``) are loaded before any
command that lists or runs rules.

Exit codes: 0 no findings (at or above --fail-on), 1 findings, 2 usage,
configuration or input error.
Every error is one line naming the file (and line) it is about.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pluggy

from factlint import __version__, ci
from factlint.api import Formatter, ReportContext, Rule
from factlint.cache import open_cache
from factlint.cli_parser import (
    PLUGIN_COMMANDS,
    build_parser,
    check_adoption_options,
    early_plugins,
    with_command,
)
from factlint.config import Config, load_config
from factlint.discovery import discover
from factlint.engine import Result, Session, iter_lint, max_jobs, new_session
from factlint.errors import ConfigError, FactlintError, InputError
from factlint.facts.cache import load_facts_cached
from factlint.lexicon_cache import load_lexicon
from factlint.model import Finding, Severity
from factlint.paths import report_root
from factlint.plugins import collect_formats, collect_rules, new_plugin_manager, register_module
from factlint.results_cache import open_results
from factlint.selection import Selection
from factlint.severity import fails, rules_with_overrides, unknown_prefixes
from factlint.stream import LineFormat, line_format
from factlint.trust import check_config_plugin, repository_of

if TYPE_CHECKING:
    from factlint.adopt import Options, Outcome

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def error(exc: FactlintError | str) -> int:
    """Print the one-line error; the exit code of a usage or configuration error."""
    print(f"factlint: error: {exc}", file=sys.stderr)
    return EXIT_ERROR


def _option(args: argparse.Namespace, name: str) -> Any:
    return getattr(args, name, None)  # commands other than check take fewer options


def configure(args: argparse.Namespace, pm: pluggy.PluginManager) -> Config:
    """The run's configuration: found from the paths (or ``--config``), overridden by
    the options, its plugins checked, loaded and configured (``factlint_configure``)."""
    paths: list[Path] = _option(args, "paths") or [Path(".")]
    if paths == [Path(ci.STDIN)]:
        name = _option(args, "stdin_filename")
        paths = [Path(name)] if name else [Path(".")]
    config = load_config(paths, args.config)
    if _option(args, "facts"):
        config = replace(config, facts=tuple(args.facts))
    if _option(args, "rules"):
        config = replace(config, rules=tuple(args.rules))
    if _option(args, "date"):
        config = replace(config, date=args.date)
    if _option(args, "lang"):
        config = replace(config, lang=args.lang)
    select = tuple(c for group in _option(args, "select") or [] for c in group) or config.select
    ignore = config.ignore + tuple(c for group in _option(args, "ignore") or [] for c in group)
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
    args_list = with_command(sys.argv[1:] if argv is None else argv)
    pm: pluggy.PluginManager | None = None
    if args_list[0] in PLUGIN_COMMANDS:
        try:  # -p plugins first, so that their factlint_addoption hooks add options
            pm = new_plugin_manager(early_plugins(args_list))
        except FactlintError as exc:
            return error(exc)
    parser = build_parser(pm)
    args = parser.parse_args(args_list)
    if args.command == "check":
        assert pm is not None
        return check(args, parser, pm)
    from factlint.cli_commands import run_command

    return run_command(args, parser, pm)


def check(
    args: argparse.Namespace, parser: argparse.ArgumentParser, pm: pluggy.PluginManager
) -> int:
    """``factlint [check] PATHS``."""
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
        config = configure(args, pm)
        rules = collect_rules(pm, config)
        formats = collect_formats(pm)
        if args.format not in formats:
            raise ConfigError(
                f"unknown format {args.format!r} (choose from {', '.join(sorted(formats))})"
            )
        selection = Selection(config.select, config.ignore)
        check_codes(selection, rules)
        unknown = unknown_prefixes(config.severity, rules)
        if unknown:
            raise ConfigError(
                f"severity: no rule code starts with {unknown[0]!r} (see 'factlint rules')",
                str(config.source) if config.source else None,
            )
        cache = open_cache(config.root, enabled=not args.no_cache)
        facts = load_facts_cached(list(config.facts), config.root, cache)
    except FactlintError as exc:
        return error(exc)
    if not config.facts:
        print(
            "factlint: warning: no facts configured (no claims/ directory found); only text checks run",
            file=sys.stderr,
        )
    results = open_results(cache, config, facts, rules, [n for n, _ in pm.list_name_plugin()])
    session = new_session(config, facts, rules, selection, load_lexicon(facts, cache), results)
    formatter = formats[args.format]
    base = ReportContext(
        documents={},
        rules=rules_with_overrides(rules, config.severity),
        version=__version__,
        facts=facts,
        config=config,
        root=report_root(config.root),
    )
    stream = _streamable(args, formatter)
    if stream is not None:
        return _stream(args, session, pm, stream, [], base)
    return _report_at_end(args, session, pm, formatter, base)


def _report_at_end(
    args: argparse.Namespace,
    session: Session,
    pm: pluggy.PluginManager,
    formatter: Formatter,
    base: ReportContext,
) -> int:
    """Lint every file, apply the adoption options, then write the whole report."""
    from factlint.adopt import run_adoption

    errors: list[str] = []
    try:
        results = _lint(args, session, pm, errors)
    except FactlintError as exc:
        return error(exc)
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
    report = replace(
        base,
        documents=adopted.documents,
        color=_color(args.color, out) and args.output_file is None,
        errors=tuple(errors),
        fixed=adopted.fixed,
        unsafe_fixes=args.unsafe_fixes,
    )
    if args.statistics:
        from factlint.statistics import format_statistics, statistics

        text = format_statistics(statistics(findings, report.rules), as_json=args.format == "json")
    else:
        text = formatter(findings, report)
    if not args.no_step_summary:
        ci.write_step_summary(findings, report, os.environ, lambda m: print(m, file=sys.stderr))
    if args.output_file is not None:
        from factlint.report import write_output_file

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
        from factlint.diffbase import changed_only

        return changed_only(args.diff_base, files, paths, session, pm, jobs, plugins)
    return ci.lint_with_progress(
        files, session, pm, jobs=jobs, plugins=plugins, disabled=args.no_progress
    )


def check_codes(selection: Selection, rules: dict[str, Rule]) -> None:
    for prefix in (*selection.select, *selection.ignore):
        if prefix == "ALL":
            continue
        if not any(code.startswith(prefix) for code in rules):
            raise ConfigError(
                f"--select/--ignore: no rule code starts with {prefix!r} (see 'factlint rules')"
            )


def _adoption_options(args: argparse.Namespace) -> Options:
    from factlint.adopt import Options

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
