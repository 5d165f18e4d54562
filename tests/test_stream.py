"""Streaming output: file by file as each is done, same bytes as one report at the end."""

from __future__ import annotations

import io
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from factlint import __version__, engine
from factlint.api import ReportContext
from factlint.cli import main
from factlint.config import load_config
from factlint.engine import new_session
from factlint.facts import load_facts
from factlint.model import Finding
from factlint.paths import report_root
from factlint.plugins import collect_formats, collect_rules, new_plugin_manager

GLOSSARY = """\
pack: words
rules:
  - code: WD001
    type: substitution
    message: "write '{replacement}' for '{match}'"
    swap: {utilise: use}
"""


def _project(tmp_path: Path, count: int) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "words.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(count):
        body = f"Note {i}: we utilise tools.\n" if i % 3 else f"Note {i}: nothing to see.\n"
        (docs / f"n{i:02d}.en.md").write_text(body, encoding="utf-8")
    return tmp_path


class _Recorder(io.StringIO):
    def __init__(self, events: list[tuple[str, str]]) -> None:
        super().__init__()
        self.events = events

    def write(self, text: str) -> int:
        self.events.append(("out", text))
        return super().write(text)


@pytest.mark.parametrize("fmt", ["text", "concise", "jsonl", "github"])
def test_line_formats_write_each_file_when_it_is_done(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, 4)
    monkeypatch.chdir(project)
    events: list[tuple[str, str]] = []
    real = engine.lint_file

    def recording(path: Path, *args: object) -> engine.Result:
        events.append(("lint", path.name))
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "lint_file", recording)
    monkeypatch.setattr(sys, "stdout", _Recorder(events))
    assert main(["docs", "--no-cache", "--format", fmt]) == 1
    linted = [i for i, (kind, _) in enumerate(events) if kind == "lint"]
    # n01's finding is out before n02 is linted, n02's before n03
    first_out = next(i for i, (kind, text) in enumerate(events) if kind == "out" and "n01" in text)
    assert linted[1] < first_out < linted[2]
    second_out = next(i for i, (kind, text) in enumerate(events) if kind == "out" and "n02" in text)
    assert linted[2] < second_out < linted[3]


@pytest.mark.parametrize("fmt", ["text", "concise", "jsonl", "github", "json", "sarif"])
def test_streamed_output_equals_the_batch_report(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path, 7)
    monkeypatch.chdir(project)
    assert main(["docs", "--no-cache", "--format", fmt]) == 1
    streamed = capsys.readouterr().out
    assert main(["docs", "--no-cache", "--format", fmt, "-j", "2"]) == 1
    assert capsys.readouterr().out == streamed  # --jobs: the same bytes
    # every finding formatted at once, as before streaming
    config = replace(load_config([Path("docs")]), options={"no_cache": True})
    pm = new_plugin_manager()
    rules = collect_rules(pm, config)
    session = new_session(config, load_facts([]), rules, config.selection())
    files = sorted(Path("docs").iterdir())
    results = engine.lint_files(files, session, pm)
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    assert len(findings) == 4
    documents = {r.path: r.document for r in results if r.document is not None}
    report = ReportContext(
        documents=documents,
        rules=rules,
        version=__version__,
        facts=session.facts,
        config=config,
        root=report_root(config.root),
    )
    batch = collect_formats(pm)[fmt](findings, report)
    assert streamed == batch
