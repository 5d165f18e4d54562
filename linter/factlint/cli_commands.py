"""The subcommands other than ``check``: ``rules``, ``explain``, ``claims``,
``init``, ``cache clean`` and ``check-facts``.

Each is imported only when its command runs. ``rules`` and ``explain`` load the
configuration and plugins exactly as a check does (:func:`factlint.cli.configure`,
with ``--config``, ``--rules`` and ``-p``), so they list the rules a check
would run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pluggy

from factlint.cli import EXIT_CLEAN, EXIT_ERROR, error
from factlint.errors import FactlintError


def run_command(
    args: argparse.Namespace, parser: argparse.ArgumentParser, pm: pluggy.PluginManager | None
) -> int:
    """Run the parsed subcommand ``args.command``."""
    command: str = args.command
    if command in ("rules", "explain"):
        assert pm is not None
        return rule_listing(command, args, pm)
    if command == "claims":
        assert pm is not None
        from factlint.coverage_cli import main as claims_main

        return claims_main(args, parser, pm)
    if command == "init":
        from factlint.scaffold import run as init_run

        return init_run(args.directory, args.copy_titles)
    if command == "cache":
        return cache_clean()
    if command == "check-facts":
        return check_facts(args)
    raise AssertionError(f"unhandled command {command!r}")  # the parser allows no other


def rule_listing(command: str, args: argparse.Namespace, pm: pluggy.PluginManager) -> int:
    """``factlint rules|explain``: after the configuration and its plugins are loaded."""
    from factlint import ruleinfo
    from factlint.cli import configure
    from factlint.plugins import collect_rules

    try:
        rules = collect_rules(pm, configure(args, pm))  # the configuration's packs and plugins
    except FactlintError as exc:
        return error(exc)
    code, out, err = ruleinfo.run(command, args.codes, args.format, rules)
    sys.stdout.write(out)
    sys.stderr.write(err)
    return code


def cache_clean() -> int:
    """``factlint cache clean``: delete the project's ``.factlint_cache/``."""
    from factlint.cache import clean
    from factlint.config import load_config

    try:
        config = load_config([Path(".")])
    except FactlintError as exc:
        return error(exc)
    removed = clean(config.root)
    print(f"factlint: {f'removed {removed}' if removed else 'no cache to clean'}", file=sys.stderr)
    return EXIT_CLEAN


def check_facts(args: argparse.Namespace) -> int:
    """``factlint check-facts [--config FILE] [PATHS]``: every facts/rule-pack problem."""
    from factlint import checkfacts
    from factlint.config import load_config

    try:
        config = load_config(args.paths or [Path(".")], args.config)
    except FactlintError as exc:
        return error(exc)
    facts = tuple(args.facts or config.facts)
    packs = tuple(args.rules or config.rules)
    problems = checkfacts.check(facts, packs, config.root)
    for problem in problems:
        print(f"factlint: error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_ERROR
    print(f"factlint: {len(facts)} facts path(s) and {len(packs)} rule-pack path(s) are valid")
    return EXIT_CLEAN
