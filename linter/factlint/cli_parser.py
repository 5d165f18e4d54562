"""The command line's one argparse parser: ``factlint [COMMAND] ...``.

Subcommands: ``check`` (the default), ``rules``, ``explain``, ``claims``,
``init``, ``cache clean`` and ``check-facts``. ``factlint PATHS`` is short for
``factlint check PATHS``: when the first argument is not a subcommand's name
(nor ``-h``/``--help``/``--version``), ``check`` is put in front of it. A path
named exactly like a subcommand is therefore read as the subcommand; lint it
with ``factlint check rules``, ``factlint -- rules`` or ``factlint rules/``.

This module imports only what building the parser needs, so that a plain
check does not pay for the other commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from factlint import __version__

if TYPE_CHECKING:
    import pluggy

EXIT_ERROR = 2

# name -> one-line help, in the order ``factlint --help`` lists them
COMMANDS: dict[str, str] = {
    "check": "lint files or directories (the default: 'factlint PATHS' is 'factlint check PATHS')",
    "rules": "list the rules a check would run (built-in, plugins, rule packs)",
    "explain": "print the documentation of rules by code, prefix or name",
    "claims": "list the claims read from articles and what the facts say of them",
    "init": "start a project: .factlint.yaml, claims/ and rules/",
    "cache": "manage .factlint_cache/ ('factlint cache clean' deletes it)",
    "check-facts": "validate the facts and rule packs, reporting every problem",
}
# commands that need the plugin manager (rules, formats, plugin options)
PLUGIN_COMMANDS = frozenset({"check", "claims", "rules", "explain"})
SEVERITIES = ("error", "warning", "info")  # factlint.model.Severity's values


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"factlint: error: {message}\n")


def with_command(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``check`` in front unless it starts with a subcommand or
    a top-level option (``-h``, ``--help``, ``--version``)."""
    args = list(argv)
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        return args
    return ["check", *args]


def early_plugins(argv: Sequence[str]) -> list[str]:
    """The ``-p``/``--plugin`` modules in ``argv``, read before the parser is built so
    that their ``factlint_addoption`` hooks add options to it (as pytest does)."""
    found: list[str] = []
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("-p", "--plugin"):
            if index + 1 < len(args):
                found.append(args[index + 1])
        elif arg.startswith("--plugin="):
            found.append(arg.removeprefix("--plugin="))
        elif arg.startswith("-p") and not arg.startswith("--") and len(arg) > 2:
            found.append(arg[2:])
    return found


def codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def build_parser(pm: pluggy.PluginManager | None = None) -> argparse.ArgumentParser:
    """The whole command line. With ``pm``, plugins' ``factlint_addoption`` hooks add
    their options to the ``check`` and ``claims`` subcommands."""
    parser = _Parser(
        prog="factlint",
        usage="%(prog)s [-h] [--version] [COMMAND] ...",
        description="Check articles against a curated facts file.",
        epilog="'factlint PATHS' is short for 'factlint check PATHS'. A path named like a "
        "command is read as the command: lint it with 'factlint check rules' or "
        "'factlint -- rules'. 'factlint COMMAND --help' describes each command.",
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", prog="factlint"
    )
    sub.required = True

    def command(name: str, description: str | None = None) -> argparse.ArgumentParser:
        help_ = COMMANDS[name]
        made: argparse.ArgumentParser = sub.add_parser(
            name, help=help_, description=description or help_[0].upper() + help_[1:] + "."
        )
        return made

    check = command("check", "Check articles against a curated facts file.")
    add_check_options(check)
    _add_rule_listing(command("rules"), "rule codes or prefixes (NM, AT001) or names to list")
    _add_rule_listing(command("explain"), "rule codes or prefixes (NM, AT001) or names")
    claims = command(
        "claims", "List the claims read from each article and what the facts say of them."
    )
    add_check_options(claims)
    _claims_options(claims)
    _init_options(command("init"))
    cache = command("cache")
    actions = cache.add_subparsers(
        dest="cache_action", metavar="ACTION", title="actions", prog="factlint cache"
    )
    actions.required = True
    actions.add_parser(
        "clean",
        help="delete the project's .factlint_cache/",
        description="Delete the "
        "project's .factlint_cache/ (the configuration found from the current directory).",
    )
    _check_facts_options(command("check-facts"))
    if pm is not None:
        pm.hook.factlint_addoption(parser=check)
        pm.hook.factlint_addoption(parser=claims)
    return parser


def add_check_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``factlint check`` (``claims`` takes them too)."""
    parser.add_argument("paths", nargs="*", type=Path, help="files or directories (default: .)")
    parser.add_argument(
        "--format",
        help="output format: text, concise, json, jsonl, github, sarif, rdjson, gitlab, junit, "
        "html, claims-json (default: text; github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument("--date", type=date, help="document date for articles without one")
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
        "--select", type=codes, action="append", help="rule codes or prefixes to enable"
    )
    parser.add_argument(
        "--ignore", type=codes, action="append", help="rule codes or prefixes to disable"
    )
    _adoption_options(parser)
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
    _ci_options(parser)
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")


def _adoption_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("adopting factlint on an existing archive")
    group.add_argument("--fix", action="store_true", help="apply the safe replacements in place")
    group.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply replacements that change a stated fact",
    )
    group.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    group.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline"
    )
    group.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the current findings in FILE (and report none)",
    )


def check_adoption_options(args: argparse.Namespace) -> str | None:
    """A usage error in the combination of options, or None."""
    if args.write_baseline is not None and (args.fix or args.diff):
        return "--write-baseline cannot be combined with --fix or --diff"
    if args.baseline is not None and not args.baseline.is_file():
        return f"--baseline {args.baseline}: no such file (create it with --write-baseline)"
    return None


def _ci_options(parser: argparse.ArgumentParser) -> None:
    """Options for workflows: CI, pre-commit, editors (see :mod:`factlint.ci`)."""
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="warning",
        help="exit 1 only for findings at least this severe (default: warning)",
    )
    parser.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule produced"
    )
    parser.add_argument(
        "--diff-base",
        metavar="REV",
        help="only findings on lines changed since git revision REV (and articles "
        "mentioning entities whose facts changed, in full)",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply 'exclude' to files named on the command line too (for pre-commit)",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the name of the article read from stdin (path '-'), for config and output",
    )
    parser.add_argument(
        "--no-step-summary",
        action="store_true",
        help="do not append a Markdown summary to $GITHUB_STEP_SUMMARY",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="never show a progress bar on stderr"
    )


def _claims_options(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(format="text")
    for action in parser._actions:
        if action.dest == "format":
            action.help = "text (default), json or claims-json"
        elif action.dest in ("fix", "jobs", "exit_zero", "color"):
            action.help = argparse.SUPPRESS  # accepted, but they do nothing here
    parser.add_argument(
        "--unknown-only",
        action="store_true",
        help="only the claims the facts cannot judge, grouped by entity",
    )
    parser.add_argument(
        "--suggest-facts",
        action="store_true",
        help="draft YAML stubs (with placeholders) for the facts the unknown claims need",
    )


def _add_rule_listing(parser: argparse.ArgumentParser, codes_help: str) -> None:
    """``rules`` and ``explain``: which rules, how, and the run's configuration."""
    parser.add_argument("codes", nargs="*", help=codes_help)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--config", type=Path, help="configuration file (default: found upward)")
    parser.add_argument(
        "--rules", action="append", type=Path, help="rule pack file or directory (repeatable)"
    )
    parser.add_argument("-p", "--plugin", action="append", default=[], help="load a plugin module")
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write .factlint_cache/"
    )


def _init_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", type=Path, default=Path("."))
    parser.add_argument(
        "--copy-titles",
        action="store_true",
        help="copy the starter title lexicon into claims/titles.yaml instead of including it",
    )


def _check_facts_options(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Validate the facts and rule packs the configuration names (or --facts/--rules): "
        "every problem, one line each."
    )
    parser.add_argument("paths", nargs="*", type=Path, help="where to look for the configuration")
    parser.add_argument("--config", type=Path, help="configuration file (default: found upward)")
    parser.add_argument(
        "--facts", action="append", type=Path, help="facts file or directory (repeatable)"
    )
    parser.add_argument(
        "--rules", action="append", type=Path, help="rule pack file or directory (repeatable)"
    )
