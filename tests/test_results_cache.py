"""Findings of unchanged files come from the project cache, and only then."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import run_factlint
from factlint import engine
from factlint.cache import open_cache
from factlint.config import load_config
from factlint.facts.cache import load_facts_cached
from factlint.plugins import collect_rules, new_plugin_manager
from factlint.results_cache import open_results
from factlint.selection import Selection

LINTER = Path(__file__).resolve().parents[1] / "linter"

FACTS = """\
version: 1
titles:
  - id: editor
    names: {en: [editor]}
entities:
  - id: harbour-post
    type: publication
    names: {en: [Harbour Post]}
  - id: mira-lund
    type: person
    gender: female
    names: {en: [Mira Lund]}
    roles:
      - {title: editor, org: harbour-post, start: 2019}
  - id: tom-berg
    type: person
    gender: male
    names: {en: [Tom Berg]}
"""

ARTICLE = "# News\n\nMira Lund, the editor of the Harbour Post, spoke on Monday.\n"
WRONG = "# News\n\nTom Berg, the editor of the Harbour Post, spoke on Monday.\n"

PACK = """\
pack: house
rules:
  - code: HS001
    type: existence
    message: "'{match}' is jargon"
    pattern: 'synerg\\w*'
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.en.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "docs" / "b.en.md").write_text(ARTICLE + "Pure synergy.\n", encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text("facts: [claims]\nrules: [rules]\n", encoding="utf-8")
    return tmp_path


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_factlint(
        "--format",
        "concise",
        *args,
        "docs",
        cwd=project,
        cache=project / "cache",
        env={"FACTLINT_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )


def _entries(project: Path) -> set[str]:
    folder = project / "cache" / "results"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_a_second_run_gives_the_same_report_from_the_cache(project: Path) -> None:
    first = _run(project)
    assert "AT0" in first.stdout and "HS001" in first.stdout, first.stdout + first.stderr
    stored = _entries(project)
    assert len(stored) == 2  # one entry per file
    second = _run(project)
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    assert _entries(project) == stored  # nothing new was analysed
    fresh = _run(project, "--no-cache")
    assert fresh.stdout == first.stdout
    workers = _run(project, "--jobs", "2")  # workers read and write the same entries
    assert workers.stdout == first.stdout


@pytest.mark.parametrize(
    ("path", "change"),
    [
        ("docs/a.en.md", lambda text: text.replace("Tom Berg", "Mira Lund")),
        ("claims/facts.yaml", lambda text: text.replace("[Harbour Post]", "[Harbor Post]")),
        (
            "claims/facts.yaml",
            lambda text: text.replace(
                "  - id: tom-berg",
                "  - id: tom-berg\n    roles: [{title: editor, org: harbour-post}]",
            ),
        ),
        ("rules/house.yaml", lambda text: text.replace("synerg", "spoke")),
        (".factlint.yaml", lambda text: text + "ignore: [HS]\n"),
    ],
)
def test_a_change_to_the_file_facts_rules_or_configuration_is_seen(
    project: Path, path: str, change: object
) -> None:
    before = _run(project)
    target = project / path
    target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    after = _run(project)
    fresh = _run(project, "--no-cache")
    assert after.stdout == fresh.stdout  # the cache never answers for what changed
    assert after.stdout != before.stdout


def test_plugins_from_outside_turn_the_cache_off(project: Path) -> None:
    (project / "myplugin.py").write_text(
        "from factlint.hookspecs import hookimpl\n", encoding="utf-8"
    )
    done = run_factlint(
        "-p",
        "myplugin",
        "docs",
        cwd=project,
        cache=project / "cache",
        env={
            "PYTHONPATH": f"{project}{os.pathsep}{LINTER}",
            "FACTLINT_DISABLE_PLUGIN_AUTOLOAD": "1",
        },
    )
    assert done.returncode == 1, done.stderr
    assert _entries(project) == set()


def test_a_cached_file_is_not_analysed_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(project / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(project / "xdg"))
    monkeypatch.delenv("FACTLINT_NO_CACHE", raising=False)
    config = load_config([project / "docs"])
    pm = new_plugin_manager()
    rules = collect_rules(pm, config)
    cache = open_cache(config.root)
    assert cache is not None
    facts = load_facts_cached(list(config.facts), config.root, cache)
    names = [n for n, _ in pm.list_name_plugin()]
    results = open_results(cache, config, facts, rules, names)
    assert results is not None
    session = engine.new_session(config, facts, rules, Selection(), results=results)
    path = project / "docs" / "a.en.md"
    first = engine.lint_file(path, session, pm)
    assert first.findings and not first.errors

    def fail(*args: object) -> None:
        raise AssertionError("analysed again")

    monkeypatch.setattr(engine, "checked_document", fail)
    again = engine.lint_file(path, session, pm)
    assert again.findings == first.findings
    assert again.document is not None and again.document.text == first.document.text  # type: ignore[union-attr]
    other = open_results(cache, config, facts, rules, [*names, "someone.elses.plugin"])
    assert other is None
