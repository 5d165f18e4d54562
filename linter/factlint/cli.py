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
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TextIO

import pluggy

from factlint import __version__
from factlint.api import ReportContext, Rule
from factlint.cache import clean as clean_cache
from factlint.cache import open_cache
from factlint.config import Config, load_config
from factlint.document import Document
from factlint.engine import Result, discover, iter_lint, new_session
from factlint.errors import ConfigError, FactlintError, InputError
from factlint.facts.cache import load_facts_cached
from factlint.fix import apply_fixes
from factlint.lexicon_cache import load_lexicon
from factlint.model import Finding
from factlint.plugins import collect_formats, collect_rules, new_plugin_manager, register_module
from factlint.selection import Selection
from factlint.stream import line_format

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


COMMANDS = ("check", "rules", "explain", "cache")


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
        "--format", default="text", help="output format (text, concise, json, jsonl, github, sarif)"
    )
    parser.add_argument("--date", type=_date, help="document date for articles without one")
    parser.add_argument("--lang", help="language for articles that do not declare one")
    parser.add_argument(
        "--select", type=_codes, action="append", help="rule codes or prefixes to enable"
    )
    parser.add_argument(
        "--ignore", type=_codes, action="append", help="rule codes or prefixes to disable"
    )
    parser.add_argument(
        "--fix", action="store_true", help="apply the suggested replacements in place"
    )
    parser.add_argument("-j", "--jobs", type=int, default=1, help="processes to use (0: all cores)")
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument(
        "-o", "--output-file", type=Path, help="write the report here instead of stdout"
    )


def build_parser(pm: pluggy.PluginManager) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factlint",
        description="Check articles against a curated facts file. "
        "'factlint PATHS' is short for 'factlint check PATHS'.",
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
    args = build_parser(pm).parse_args(_arguments(argv))
    if args.command == "cache":
        return _cache_command(args)
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
    formatter = formats[args.format]
    stream = line_format(formatter)
    try:
        out = _open_output(args.output_file)
    except OSError as exc:
        print(f"factlint: error: {args.output_file}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    color = _color(args.color, out) and args.output_file is None
    findings: list[Finding] = []
    documents: dict[str, Document] = {}
    try:
        results = iter_lint(
            files, session, pm, jobs=jobs, plugins=tuple((*config.plugins, *args.plugin))
        )
        for result in results:
            if result.error:
                errors.append(result.error)
                print(f"factlint: error: {result.error}", file=sys.stderr)
            found = _fix([result], errors) if args.fix else list(result.findings)
            found.sort(key=lambda f: f.sort_key())
            findings.extend(found)
            if result.document is None:
                continue
            if stream is None:
                documents[result.path] = result.document  # json/sarif: one report at the end
            elif found:
                out.write(stream.body(found, _report({result.path: result.document}, rules, color)))
        report = _report(documents, rules, color, errors)
        if stream is not None:
            out.write(stream.trailer(findings, report))
        else:
            text = formatter(findings, report)
            if text:
                out.write(text if text.endswith("\n") else text + "\n")
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


def _report(
    documents: dict[str, Document],
    rules: dict[str, Rule],
    color: bool,
    errors: Sequence[str] = (),
) -> ReportContext:
    return ReportContext(
        documents=documents, rules=rules, version=__version__, color=color, errors=tuple(errors)
    )


def _check_codes(selection: Selection, rules: dict[str, Rule]) -> None:
    for prefix in (*selection.select, *selection.ignore):
        if prefix == "ALL":
            continue
        if not any(code.startswith(prefix) for code in rules):
            raise ConfigError(
                f"--select/--ignore: no rule code starts with {prefix!r} (see 'factlint rules')"
            )


def _fix(results: list[Result], errors: list[str]) -> list[Finding]:
    """Write fixes to the files; return the findings that remain."""
    remaining: list[Finding] = []
    for result in results:
        doc = result.document
        if (
            doc is None
            or result.file is None
            or not any(f.replacement is not None for f in result.findings)
        ):
            remaining.extend(result.findings)
            continue
        new_text, fixed = apply_fixes(doc.text, result.findings)
        done = set(fixed)
        try:
            with open(result.file, "w", encoding="utf-8", newline="") as handle:
                handle.write(new_text)
        except OSError as exc:
            errors.append(f"{doc.path}: cannot write fixes: {exc.strerror}")
            remaining.extend(result.findings)
            continue
        remaining.extend(f for f in result.findings if f not in done)
        print(f"factlint: fixed {len(fixed)} finding(s) in {doc.path}", file=sys.stderr)
    return remaining
