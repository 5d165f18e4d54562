"""Hook specifications: the whole plugin API of factlint.

Built-in rules and output formats are plugins too: they are listed under the
``factlint`` entry-point group in factlint's own ``pyproject.toml`` and are
loaded exactly like a third-party package's plugins.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from factlint.api import CheckContext, Formatter, Rule
    from factlint.config import Config
    from factlint.model import Finding

hookspec = pluggy.HookspecMarker("factlint")
hookimpl = pluggy.HookimplMarker("factlint")


@hookspec
def factlint_addoption(parser: argparse.ArgumentParser) -> None:
    """Add command-line options; their values reach rules as ``ctx.config.options``."""


@hookspec
def factlint_configure(config: Config) -> None:
    """Called once after configuration is read, before any document is linted."""


@hookspec
def factlint_rules(config: Config | None) -> Sequence[Rule]:
    """Return the rules this plugin provides (code, name, docs, check function).

    Called once per run, after ``factlint_configure``, with the run's
    configuration (``None`` when rules are listed without one, e.g. by tools);
    an implementation may leave the argument out. The engine calls ``rule.check(ctx)`` for every document, for each rule the
    user has selected. Codes must be unique across all plugins.
    """
    raise NotImplementedError


@hookspec
def factlint_check(ctx: CheckContext) -> Iterable[Finding] | None:
    """Document -> findings, for plugins that want the raw hook.

    Most plugins register :class:`factlint.api.Rule` objects instead; the
    built-in engine plugin implements this hook by running them. Use
    ``ctx.enabled(code)`` to honour ``--select``/``--ignore``.
    """


@hookspec
def factlint_formats() -> Mapping[str, Formatter]:
    """Return output formats by name (``--format NAME``)."""
    raise NotImplementedError
