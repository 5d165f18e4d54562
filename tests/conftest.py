"""Shared fixtures: a small fictional facts world and helpers that lint text against it.

``pm`` and ``rules`` are the plugin manager and the registered rules; the
fixtures of the fictional world are prefixed with ``world_``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pluggy
import pytest

from factlint.api import CheckContext, Rule
from factlint.config import Config
from factlint.document import parse
from factlint.engine import Session, check_document, context_for, new_session
from factlint.facts.loader import load_facts
from factlint.facts.model import Facts
from factlint.model import Finding
from factlint.plugins import collect_rules, new_plugin_manager
from factlint.selection import Selection

TESTS_DIR = Path(__file__).resolve().parent
WORLD_DIR = TESTS_DIR / "fixtures" / "world"
ARTICLES_DIR = TESTS_DIR / "fixtures" / "articles"

WorldLint = Callable[..., list[Finding]]
WorldContext = Callable[..., CheckContext]


@pytest.fixture(scope="session")
def world_facts_dir() -> Path:
    """The directory holding the test world's facts YAML."""
    return WORLD_DIR


@pytest.fixture(scope="session")
def world_articles_dir() -> Path:
    return ARTICLES_DIR


@pytest.fixture(scope="session")
def world_facts(world_facts_dir: Path) -> Facts:
    return load_facts([world_facts_dir], world_facts_dir)


@pytest.fixture(scope="session")
def pm() -> pluggy.PluginManager:
    return new_plugin_manager()


@pytest.fixture(scope="session")
def rules(pm: pluggy.PluginManager) -> dict[str, Rule]:
    return collect_rules(pm)


def _as_date(date: dt.date | str | None) -> dt.date | None:
    if isinstance(date, str):
        return dt.date.fromisoformat(date)
    return date


def _session(
    root: Path,
    facts: Facts,
    rules: dict[str, Rule],
    select: Sequence[str],
    ignore: Sequence[str] = (),
    grace: int = 30,
) -> Session:
    config = Config(root=root, tense_grace_days=grace)
    return new_session(config, facts, rules, Selection(tuple(select), tuple(ignore)))


@pytest.fixture
def world_lint(
    tmp_path: Path,
    world_facts: Facts,
    rules: dict[str, Rule],
    pm: pluggy.PluginManager,
) -> WorldLint:
    """``world_lint(text, path="a.md", date=None, select=("ALL",))`` -> findings."""

    def lint(
        text: str,
        path: str = "a.md",
        date: dt.date | str | None = None,
        select: Sequence[str] = ("ALL",),
        ignore: Sequence[str] = (),
        grace: int = 30,
    ) -> list[Finding]:
        session = _session(tmp_path, world_facts, rules, select, ignore, grace)
        doc = parse(text, path, default_date=_as_date(date))
        return list(check_document(doc, session, pm))

    return lint


@pytest.fixture
def world_context(tmp_path: Path, world_facts: Facts, rules: dict[str, Rule]) -> WorldContext:
    """``world_context(text, path="a.md", date=None)`` -> the CheckContext (mentions, claims)."""

    def context(text: str, path: str = "a.md", date: dt.date | str | None = None) -> CheckContext:
        session = _session(tmp_path, world_facts, rules, ("ALL",))
        doc = parse(text, path, default_date=_as_date(date))
        return context_for(doc, session)

    return context


PROSE_FACTS = TESTS_DIR / "fixtures" / "prose"
ProseLint = Callable[..., list[Finding]]


@pytest.fixture(scope="session")
def prose_lint(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> ProseLint:
    """``prose_lint(text, path="a.md", date="2024-03-01")`` -> the errors and warnings
    against the sport-and-politics world of tests/fixtures/prose/facts.yaml."""
    facts = load_facts([PROSE_FACTS], PROSE_FACTS)
    session = new_session(Config(root=PROSE_FACTS), facts, rules, Selection())

    def run(text: str, path: str = "a.md", date: str = "2024-03-01") -> list[Finding]:
        doc = parse(text, path, default_date=dt.date.fromisoformat(date))
        return [f for f in check_document(doc, session, pm) if f.severity.value != "info"]

    return run


def run_factlint(
    *args: str | Path, cwd: Path, cache: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """This checkout's factlint in a subprocess, without colour (a hang fails the test
    by its timeout) and without cache -- unless ``cache`` names a folder for it (its
    signing key kept beside it); ``env`` adds or replaces variables."""
    base = {k: v for k, v in os.environ.items() if k != "FACTLINT_NO_CACHE"}
    env = {**base, "NO_COLOR": "1", "PYTHONPATH": str(TESTS_DIR.parent / "linter"), **(env or {})}
    if cache is None:
        env["FACTLINT_NO_CACHE"] = "1"
    else:
        env.update(FACTLINT_CACHE_DIR=str(cache), XDG_CONFIG_HOME=str(cache.parent / "xdg"))
    return subprocess.run(
        [sys.executable, "-m", "factlint", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
