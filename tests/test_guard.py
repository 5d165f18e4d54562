"""The guard around each document: crashes and unsound findings become one error
line for that file, every other file is still reported, and a dead --jobs worker
costs only the file that killed it."""

from __future__ import annotations

import dataclasses
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pluggy
import pytest

import factlint.claims
from factlint.api import CheckContext, Rule
from factlint.config import Config
from factlint.engine import Result, Session, lint_file, lint_files, max_jobs, new_session
from factlint.facts.model import Facts
from factlint.hookspecs import hookimpl
from factlint.model import Finding, Severity
from factlint.plugins import collect_rules, new_plugin_manager
from factlint.selection import Selection

DOUBLED = "The committee met met on Tuesday.\n"  # one TX001 finding


class _Plugin:
    """A test plugin whose rule ZZ001 does what ``behaviour`` says."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour

    def _check(self, ctx: CheckContext) -> Iterator[Finding]:
        if "TRIGGER" not in ctx.document.text:
            return
        good = ctx.finding("ZZ001", 0, 3, "a sound finding")
        if self.behaviour == "raise":
            raise ZeroDivisionError(ctx.document.text)  # the text must not be echoed
        if self.behaviour == "past-end":
            yield dataclasses.replace(good, end=len(ctx.document.text) + 5)
        elif self.behaviour == "reversed":
            yield dataclasses.replace(good, start=3, end=1)
        elif self.behaviour == "replacement":
            yield dataclasses.replace(good, replacement=42)  # type: ignore[arg-type]
        elif self.behaviour == "severity":
            yield dataclasses.replace(good, severity="fatal")  # type: ignore[arg-type]
        elif self.behaviour == "code":
            yield dataclasses.replace(good, code="not a code")
        elif self.behaviour == "position":
            yield dataclasses.replace(good, line=99)
        elif self.behaviour == "type":
            yield "a string, not a finding"  # type: ignore[misc]
        yield good

    @hookimpl
    def factlint_rules(self) -> list[Rule]:
        return [Rule("ZZ001", "test-rule", "a rule for tests", self._check, Severity.WARNING)]


class _RawHook:
    """A plugin using the raw factlint_check hook, which crashes on TRIGGER."""

    @hookimpl
    def factlint_check(self, ctx: CheckContext) -> list[Finding]:
        if "TRIGGER" in ctx.document.text:
            raise KeyError("boom")
        return []


def _setup(tmp_path: Path, facts: Facts, plugin: object) -> tuple[pluggy.PluginManager, Session]:
    pm = new_plugin_manager()
    pm.register(plugin, "testplugin")
    rules = collect_rules(pm)
    session = new_session(Config(root=tmp_path), facts, rules, Selection(("ALL",), ()))
    return pm, session


def _files(tmp_path: Path, **texts: str) -> list[Path]:
    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_crashing_rule_is_an_error_for_its_file_only(tmp_path: Path, world_facts: Facts) -> None:
    pm, session = _setup(tmp_path, world_facts, _Plugin("raise"))
    paths = _files(tmp_path, a="TRIGGER secret words " + DOUBLED, b=DOUBLED)
    a, b = lint_files(paths, session, pm)
    assert len(a.errors) == 1
    assert a.errors[0].startswith("a.txt: internal error in rule ZZ001: ZeroDivisionError at ")
    assert "secret" not in a.errors[0]
    # the other rules still ran on the failing file, and the other file is intact
    assert [f.code for f in a.findings] == ["TX001"]
    assert b.errors == () and [f.code for f in b.findings] == ["TX001"]


@pytest.mark.parametrize(
    ("behaviour", "problem"),
    [
        ("past-end", "outside the text"),
        ("reversed", "outside the text (0.."),
        ("replacement", "replacement is int, not a string"),
        ("severity", "unknown severity 'fatal'"),
        ("code", "unknown rule code 'not a code'"),
        ("position", "line and column do not match"),
        ("type", "returned str, not a Finding"),
    ],
)
def test_unsound_findings_are_dropped_and_reported(
    tmp_path: Path, world_facts: Facts, behaviour: str, problem: str
) -> None:
    pm, session = _setup(tmp_path, world_facts, _Plugin(behaviour))
    (path,) = _files(tmp_path, a="TRIGGER " + DOUBLED)
    result = lint_file(path, session, pm)
    assert len(result.errors) == 1
    assert result.errors[0].startswith("a.txt: internal error in rule ZZ001: ")
    assert problem in result.errors[0]
    # the sound finding of the same rule and the other rules' findings are kept
    assert sorted(f.code for f in result.findings) == ["TX001", "ZZ001"]
    assert all(0 <= f.start <= f.end <= len(path.read_text()) for f in result.findings)


def test_a_crashing_raw_hook_names_the_plugin(tmp_path: Path, world_facts: Facts) -> None:
    pm, session = _setup(tmp_path, world_facts, _RawHook())
    a, b = lint_files(_files(tmp_path, a="TRIGGER " + DOUBLED, b=DOUBLED), session, pm)
    assert (
        a.errors == (a.errors[0],)
        and "a.txt: internal error in plugin testplugin: KeyError at " in a.errors[0]
    )
    assert [f.code for f in a.findings] == ["TX001"]  # the built-in rules still ran
    assert b.errors == ()


def test_a_crash_in_claim_extraction_names_the_stage(
    tmp_path: Path, world_facts: Facts, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> object:
        raise IndexError("tuple index out of range")

    monkeypatch.setattr(factlint.claims, "extract_numeric", broken)
    pm, session = _setup(tmp_path, world_facts, _Plugin("none"))
    (path,) = _files(tmp_path, a=DOUBLED)
    result = lint_file(path, session, pm)
    assert len(result.errors) == 1
    assert result.errors[0].startswith("a.txt: internal error in claim extraction: IndexError at ")
    assert result.errors[0].endswith("; please report it")


def test_cli_reports_other_files_and_exits_2(
    tmp_path: Path,
    world_facts_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from factlint import cli

    plugin = tmp_path / "crashing_plugin_for_tests.py"
    plugin.write_text(
        textwrap.dedent(
            """
            from factlint.hookspecs import hookimpl

            @hookimpl
            def factlint_check(ctx):
                if "TRIGGER" in ctx.document.text:
                    raise RuntimeError("boom")
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    _files(tmp_path, a="TRIGGER text.\n", b=DOUBLED)
    args = ["--facts", str(world_facts_dir), "-p", "crashing_plugin_for_tests", "--format=concise"]
    code = cli.main([*args, "a.txt", "b.txt"])
    out, err = capsys.readouterr()
    assert code == 2
    assert (
        "factlint: error: a.txt: internal error in plugin crashing_plugin_for_tests: RuntimeError"
        in err
    )
    assert "Traceback" not in err
    assert "b.txt:1:" in out and "TX001" in out


KILLER = """
import os
from factlint.hookspecs import hookimpl

@hookimpl
def factlint_check(ctx):
    if "KILL-THE-WORKER" in ctx.document.text:
        os._exit(3)
"""


@pytest.mark.skipif(max_jobs() < 2, reason="needs two CPUs for --jobs")
def test_a_dead_worker_costs_only_its_file(
    tmp_path: Path, world_facts: Facts, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "worker_killer_for_tests.py").write_text(KILLER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pm = new_plugin_manager(["worker_killer_for_tests"])
    rules = collect_rules(pm)
    session = new_session(Config(root=tmp_path), world_facts, rules, Selection(("ALL",), ()))
    texts = {f"f{i}": DOUBLED for i in range(6)}
    texts["f3"] = "KILL-THE-WORKER " + DOUBLED
    paths = _files(tmp_path, **texts)
    results: list[Result] = lint_files(
        paths, session, pm, jobs=2, plugins=("worker_killer_for_tests",)
    )
    assert [r.path for r in results] == [f"f{i}.txt" for i in range(6)]
    for i, result in enumerate(results):
        if i == 3:
            assert result.errors == (
                "f3.txt: internal error in a --jobs worker: the process died; please report it",
            )
        else:
            assert result.errors == () and [f.code for f in result.findings] == ["TX001"]


def test_jobs_are_capped_at_the_cpu_count() -> None:
    assert 1 <= max_jobs() <= (os.cpu_count() or 1)


def test_huge_jobs_value_lints_normally(tmp_path: Path, world_facts: Facts) -> None:
    pm, session = _setup(tmp_path, world_facts, _Plugin("none"))
    paths = _files(tmp_path, a=DOUBLED, b=DOUBLED, c="Nothing to report here.\n")
    serial = lint_files(paths, session, pm)
    parallel = lint_files(paths, session, pm, jobs=10_000)
    assert [r.findings for r in parallel] == [r.findings for r in serial]
