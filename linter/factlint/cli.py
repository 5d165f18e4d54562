"""Command line: ``factlint [check] PATHS``, ``factlint explain CODE``, ``factlint rules``,
``factlint cache clean``.

Every command is an argparse subcommand (``check`` when none is named) and runs
after the configuration is read and the plugins are loaded and configured, so
``rules`` and ``explain`` list the rules of that configuration (its rule packs
and plugins) wherever they are run.

Exit codes: 0 no findings, 1 findings, 2 usage, configuration or input error.
Every error is one line naming the file (and line) it is about.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TextIO

import pluggy

from factlint import __version__
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
from factlint.engine import Result, discover, iter_lint, new_session
from factlint.errors import ConfigError, FactlintError, InputError
from factlint.facts.cache import load_facts_cached
from factlint.facts.model import Facts
from factlint.lexicon_cache import load_lexicon
from factlint.model import Finding
from factlint.plugins import collect_formats, collect_rules, new_plugin_manager, register_module
from factlint.selection import Selection
from factlint.stream import LineFormat, line_format
from factlint.suppress import suppression_help

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


COMMANDS = ("check", "rules", "explain", "cache", "claims", "init")


def _common(parser: argparse.ArgumentParser) -> None:
    """Options that shape the configuration: shared by every command that reads it."""
    parser.add_argument("--config", type=Path, help="configuration file (default: found upward)")
    parser.add_argument(
        "--facts",
        action="append",
        type=Path,
        help="facts file or directory (repeatable; replaces configured facts)",
    )
    parser.add_argument(
        "--rules", action="append", type=Path, help="rule pack file or directory (repeatable)"
    )
    parser.add_argument("-p", "--plugin", action="append", default=[], help="load a plugin module")
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write .factlint_cache/"
    )


def _check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, help="files or directories (default: .)")
    parser.add_argument(
        "--format",
        default="text",
        help="output format (text, concise, json, jsonl, github, sarif, html, claims-json)",
    )
    parser.add_argument("--date", type=_date, help="document date for articles without one")
    parser.add_argument("--lang", help="language for articles that do not declare one")
    parser.add_argument(
        "--select", type=_codes, action="append", help="rule codes or prefixes to enable"
    )
    parser.add_argument(
        "--ignore", type=_codes, action="append", help="rule codes or prefixes to disable"
    )
    add_adoption_options(parser)
    parser.add_argument("-j", "--jobs", type=int, default=1, help="processes to use (0: all cores)")
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument(
        "-o", "--output-file", type=Path, help="write the report here instead of stdout"
    )


def build_check_parser(pm: pluggy.PluginManager, prog: str = "factlint") -> argparse.ArgumentParser:
    """A parser with the options of ``check`` alone (for commands that build on it)."""
    parser = _Parser(prog=prog)
    _check_options(parser)
    _common(parser)
    pm.hook.factlint_addoption(parser=parser)
    return parser


def build_parser(pm: pluggy.PluginManager) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factlint",
        description="Check articles against a curated facts file. "
        "'factlint PATHS' is short for 'factlint check PATHS'.",
        epilog="Also: 'factlint claims PATHS' lists the claims read and what the facts say "
        "of them; 'factlint init' starts a project.",
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="lint files (the default command)")
    _check_options(check)
    _common(check)
    rules = commands.add_parser("rules", help="list the rules of the configuration")
    _common(rules)
    explain = commands.add_parser("explain", help="print a rule's docs")
    explain.add_argument("code", help="rule code or name")
    _common(explain)
    cache = commands.add_parser("cache", help="manage .factlint_cache/")
    cache.add_argument("action", choices=("clean",), help="clean: delete the project's cache")
    cache.add_argument("--config", type=Path, help="configuration file (default: found upward)")
    pm.hook.factlint_addoption(parser=check)
    return parser


def _explain(code: str, rules: dict[str, Rule]) -> int:
    rule = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code), None)
    if rule is None:
        print(
            f"factlint: error: unknown rule code {code!r} (see 'factlint rules')", file=sys.stderr
        )
        return EXIT_ERROR
    print(f"# {rule.name} ({rule.code})\n")
    print(f"{rule.summary}\n")
    print(f"Family: {rule.family or '-'}. Default severity: {rule.severity.value}.\n")
    if rule.docs:
        print(rule.docs.strip())
    if rule.fix is not None:
        print(f"\nFix: {rule.fix} ({'--fix' if rule.fix == 'safe' else '--fix --unsafe-fixes'}).")
    print("\n" + suppression_help(rule.code))
    return EXIT_CLEAN


def _list_rules(rules: dict[str, Rule]) -> int:
    for code, rule in rules.items():
        print(f"{code:8} {rule.severity.value:8} {rule.name:32} {rule.summary}")
    return EXIT_CLEAN


def _configure(args: argparse.Namespace, pm: pluggy.PluginManager) -> Config:
    paths: list[Path] = getattr(args, "paths", None) or [Path(".")]
    config = load_config(paths, args.config)
    if args.facts:
        config = replace(config, facts=tuple(args.facts))
    if args.rules:
        config = replace(config, rules=tuple(args.rules))
    if getattr(args, "date", None):
        config = replace(config, date=args.date)
    if getattr(args, "lang", None):
        config = replace(config, lang=args.lang)
    select = tuple(c for group in getattr(args, "select", None) or [] for c in group)
    select = select or config.select
    ignore = config.ignore + tuple(
        c for group in getattr(args, "ignore", None) or [] for c in group
    )
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


def _error(exc: FactlintError) -> int:
    print(f"factlint: error: {exc}", file=sys.stderr)
    return EXIT_ERROR


def _arguments(argv: Sequence[str] | None) -> list[str]:
    """The command line with ``check`` inserted when no command is named."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "check")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    try:
        pm = new_plugin_manager()
    except FactlintError as exc:
        return _error(exc)
    arguments = _arguments(argv)
    if arguments[0] == "claims":  # commands with parsers of their own
        from factlint.coverage_cli import main as claims_main

        return claims_main(arguments[1:], pm)
    if arguments[0] == "init":
        from factlint.scaffold import main as init_main

        return init_main(arguments[1:])
    args = build_parser(pm).parse_args(arguments)
    if args.command == "cache":
        return _cache_command(args)
    if args.command == "check" and (problem := check_adoption_options(args)):
        build_parser(pm).error(problem)
    try:
        config = _configure(args, pm)
        rules = collect_rules(pm, config)
    except FactlintError as exc:
        return _error(exc)
    if args.command == "rules":
        return _list_rules(rules)
    if args.command == "explain":
        return _explain(args.code, rules)
    return _check(args, pm, config, rules)


def _cache_command(args: argparse.Namespace) -> int:
    try:
        config = load_config([Path(".")], args.config)
    except FactlintError as exc:
        return _error(exc)
    removed = clean_cache(config.root)
    if removed is None:
        print("factlint: no cache to clean", file=sys.stderr)
    else:
        print(f"factlint: removed {removed}", file=sys.stderr)
    return EXIT_CLEAN


def _check(
    args: argparse.Namespace, pm: pluggy.PluginManager, config: Config, rules: dict[str, Rule]
) -> int:
    cache = open_cache(config.root, enabled=not args.no_cache)
    try:
        formats = collect_formats(pm)
        if args.format not in formats:
            raise ConfigError(
                f"unknown format {args.format!r} (choose from {', '.join(sorted(formats))})"
            )
        selection = Selection(config.select, config.ignore)
        _check_codes(selection, rules)
        facts = load_facts_cached(list(config.facts), config.root, cache)
    except FactlintError as exc:
        return _error(exc)
    if not config.facts:
        print(
            "factlint: warning: no facts configured (no claims/ directory found); only text checks run",
            file=sys.stderr,
        )
    session = new_session(config, facts, rules, selection, load_lexicon(facts, cache))
    files: list[Path] = []
    errors: list[str] = []
    for item in discover(args.paths or [Path(".")], config):
        if isinstance(item, InputError):
            errors.append(str(item))
            print(f"factlint: error: {item}", file=sys.stderr)
        else:
            files.append(item)
    # the report's order (by displayed path) is the linting order, so output can stream
    files.sort(key=config.relative)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    plugins = tuple((*config.plugins, *args.plugin))
    results = iter_lint(files, session, pm, jobs=jobs, plugins=plugins)
    formatter = formats[args.format]
    adopting = args.fix or args.diff or args.baseline or args.write_baseline
    stream = None if adopting else line_format(formatter)
    if stream is not None:
        return _stream(args, results, stream, errors, _report(rules, facts, config))
    collected = list(results)
    for result in collected:
        if result.error:
            errors.append(result.error)
            print(f"factlint: error: {result.error}", file=sys.stderr)
    adopted = run_adoption(_adoption_options(args), collected, session, pm)
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
        _report(rules, facts, config),
        documents=adopted.documents,
        color=_color(args.color, out) and args.output_file is None,
        errors=tuple(errors),
        fixed=adopted.fixed,
        unsafe_fixes=args.unsafe_fixes,
    )
    text = formatter(findings, report)
    if args.output_file is not None:
        try:
            args.output_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(
                f"factlint: error: {args.output_file}: cannot write: {exc.strerror}",
                file=sys.stderr,
            )
            return EXIT_ERROR
    elif text:
        out.write(text if text.endswith("\n") else text + "\n")
    if errors:
        return EXIT_ERROR
    if findings and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _stream(
    args: argparse.Namespace,
    results: Iterator[Result],
    stream: LineFormat,
    errors: list[str],
    base: ReportContext,
) -> int:
    """Write each file's findings as soon as it is done; the summary last."""
    try:
        out = _open_output(args.output_file)
    except OSError as exc:
        print(f"factlint: error: {args.output_file}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    color = _color(args.color, out) and args.output_file is None
    findings: list[Finding] = []
    try:
        for result in results:
            if result.error:
                errors.append(result.error)
                print(f"factlint: error: {result.error}", file=sys.stderr)
            found = sorted(result.findings, key=lambda f: f.sort_key())
            findings.extend(found)
            if found and result.document is not None:
                documents = {result.path: result.document}  # dropped after this file
                out.write(stream.body(found, replace(base, documents=documents, color=color)))
        out.write(stream.trailer(findings, replace(base, color=color, errors=tuple(errors))))
    except OSError as exc:
        print(f"factlint: error: {args.output_file}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if out is not sys.stdout:
            out.close()
    if errors:
        return EXIT_ERROR
    if findings and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _open_output(path: Path | None) -> TextIO:
    if path is None:
        return sys.stdout
    return open(path, "w", encoding="utf-8")


def _report(rules: dict[str, Rule], facts: Facts, config: Config) -> ReportContext:
    return ReportContext(documents={}, rules=rules, version=__version__, facts=facts, config=config)


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
