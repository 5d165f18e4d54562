"""Adopting factlint on an archive: baselines, safe and unsafe fixes, --diff, atomic writes.

The command-line tests run ``python -m factlint`` with this checkout's
``linter/`` first on the path, so they test this tree and not an installed copy.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pluggy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_factlint
from factlint import autofix
from factlint.api import Rule
from factlint.autofix import FileFix, fix_file, write_atomic, write_fix
from factlint.baseline import Baseline, entry_for, load_baseline, merged, render
from factlint.config import Config
from factlint.document import parse
from factlint.engine import Result, check_document, new_session
from factlint.errors import FactlintError
from factlint.facts.model import Facts
from factlint.fix import fix_safety, non_prose_spans, outside_prose
from factlint.model import Finding, Severity
from factlint.selection import Selection

REPO = Path(__file__).resolve().parents[1]
WORLD = Path(__file__).resolve().parent / "fixtures" / "world"

# Nadia Karimi was born 1980-05-17: 43 on 2023-06-01. 'Twich' is a near miss of Twitch.
ARTICLE = (
    "---\n"
    "date: 2023-06-01\n"
    "---\n"
    "Nadia Karimi, 41, runs Zentrix.\n"
    "\n"
    "Emmett Shear, the former chief of streaming platform Twich, joins. He met the the board.\n"
)
SAFE_FIXED = ARTICLE.replace("Twich", "Twitch").replace("the the board", "the board")
ALL_FIXED = SAFE_FIXED.replace(", 41,", ", 43,")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_factlint(*args, cwd=cwd)


def codes(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [f["code"] for f in json.loads(proc.stdout)["findings"]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / ".factlint.yaml").write_text(f"facts: [{json.dumps(str(WORLD))}]\n", encoding="utf-8")
    (root / "a.md").write_text(ARTICLE, encoding="utf-8")
    return root


# ------------------------------------------------------------- outside prose


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("---\ntitle: Twich\n---\nBody.\n", "Twich"),
        ("Run `Twich` now.\n", "Twich"),
        ("Text.\n\n```\nTwich\n```\n", "Twich"),
        ("Text.\n\n    Twich indented code\n", "Twich"),
        ("See [the site](https://twich.example/Twich) now.\n", "Twich"),
        ("[ref]: https://example.org/Twich\n", "Twich"),
        ("Visit <https://example.org/Twich> today.\n", "Twich"),
        ("Visit https://example.org/Twich today.\n", "Twich"),
        ("Write to twich@example.org today.\n", "twich"),
        ("Hidden <!-- Twich --> note.\n", "Twich"),
        ('An <abbr title="Twich">abbr</abbr>.\n', "Twich"),
    ],
)
def test_outside_prose(text: str, needle: str) -> None:
    start = text.index(needle)
    assert outside_prose(text, start, start + len(needle))


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("The platform Twich grew.\n", "Twich"),
        ("See [Twich](https://example.org) now.\n", "Twich"),  # link text is prose
        ("Run `code` and then Twich.\n", "Twich"),
        ("---\ntitle: x\n---\nTwich.\n", "Twich"),
        ("A lone ` backtick, then Twich.\n\nAnother ` here.\n", "Twich"),
    ],
)
def test_inside_prose(text: str, needle: str) -> None:
    start = text.index(needle)
    assert not outside_prose(text, start, start + len(needle))


def test_insertion_next_to_code_is_prose() -> None:
    text = "Say `x` now.\n"
    spans = non_prose_spans(text)
    assert not outside_prose(text, 4, 4, spans=spans)  # just before the code span
    assert outside_prose(text, 5, 5, spans=spans)  # inside it


def _finding(code: str, replacement: str | None) -> Finding:
    return Finding("a.md", 1, 1, 1, 2, code, Severity.WARNING, "m", replacement, (), 0, 1)


def test_fix_safety(rules: dict[str, Rule]) -> None:
    assert fix_safety(_finding("NM001", "Twitch"), rules) == "safe"
    assert fix_safety(_finding("TX002", "”"), rules) == "safe"
    assert fix_safety(_finding("ND001", "43"), rules) == "unsafe"
    assert fix_safety(_finding("AG001", "قالت"), rules) == "unsafe"
    assert fix_safety(_finding("ZZ999", "x"), rules) == "unsafe"  # unknown rule
    assert fix_safety(_finding("NM001", None), rules) is None
    for code in ("ND001", "ND002", "ND003", "ND004", "AG001"):
        assert rules[code].fix == "unsafe", code
    for code in ("NM001", "NM002", "NM003", "TX001", "TX002", "GL000", "FL100"):
        assert rules[code].fix == "safe", code


def test_legacy_fixable_means_unsafe() -> None:
    rule = Rule("ZZ001", "z", "z", lambda ctx: (), fixable=True)
    assert rule.fix == "unsafe" and rule.fixable
    assert Rule("ZZ002", "z", "z", lambda ctx: (), fix="safe").fixable
    assert not Rule("ZZ003", "z", "z", lambda ctx: ()).fixable


# ------------------------------------------------------------------ baseline


def _tx(start_text: str, needle: str, doc_text: str) -> Finding:
    start = doc_text.index(needle)
    return Finding("a.md", 1, 1, 1, 1, "TX001", Severity.WARNING, "m", None, (), start, start + 7)


def test_baseline_survives_an_edit_above_and_a_moved_paragraph() -> None:
    first = "Opening words.\n\nThey saw the the storm.\n\nA calm close.\n"
    doc = parse(first, "a.md")
    old = _tx(first, "the the", first)
    baseline = Baseline((entry_for(old, doc, "a.md"),))
    edited = "A new lead paragraph.\n\nA calm close.\n\nOpening words.\n\nThey saw the the storm.\n"
    moved = parse(edited, "a.md")
    again = _tx(edited, "the the", edited)
    assert baseline.filter("a.md", moved, [again]) == []
    # a new finding in another sentence is not covered, nor the same one in another file
    other = "A new lead paragraph with the the slip.\n\n" + edited
    new = _tx(other, "the the", other)
    assert baseline.filter("a.md", parse(other, "a.md"), [new]) == [new]
    assert baseline.filter("b.md", moved, [again]) == [again]


def test_baseline_counts_repeats_and_ignores_front_matter() -> None:
    text = "---\ndate: 2023-01-01\n---\nThe the one and the the one.\n"
    doc = parse(text, "a.md")
    a = _tx(text, "the the", text)
    b = Finding("a.md", 1, 1, 1, 1, "TX001", Severity.WARNING, "m", None, (), a.start, a.end)
    once = Baseline((entry_for(a, doc, "a.md"),))
    assert once.filter("a.md", doc, [a, b]) == [b]
    changed = text.replace("2023-01-01", "2024-02-02")
    assert once.filter("a.md", parse(changed, "a.md"), [a]) == []


def test_baseline_file_is_sorted_and_round_trips(tmp_path: Path) -> None:
    text = "Zed and and more.\n\nThe the start.\n"
    doc = parse(text, "a.md")
    entries = [
        entry_for(_tx(text, "and and", text), doc, "b.md"),
        entry_for(_tx(text, "The the", text), doc, "a.md"),
    ]
    written = render(entries)
    lines = written.splitlines()
    assert lines[0] == "{" and '"version": 1' in lines[1]
    assert lines[3].startswith('  {"path": "a.md"') and lines[4].startswith('  {"path": "b.md"')
    path = tmp_path / "baseline.json"
    path.write_text(written, encoding="utf-8")
    assert sorted(load_baseline(path).entries) == sorted(entries)
    assert render(load_baseline(path).entries) == written


def test_baseline_merge_keeps_what_this_run_did_not_see() -> None:
    doc = parse("The the one.\n", "a.md")
    finding = _tx(doc.text, "The the", doc.text)
    seen = entry_for(finding, doc, "a.md")
    other = entry_for(finding, doc, "b.md")
    gone = entry_for(finding, doc, "deleted.md")
    old = Baseline((seen, other, gone))
    kept = merged(old, [], {"a.md"}, lambda code: True, lambda p: p != "deleted.md")
    assert kept == [other]
    assert old.stale([], {"a.md"}) == 1


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"version": 1}',
        '{"version": 9, "findings": []}',
        '{"version": 1, "findings": [3]}',
    ],
)
def test_bad_baseline_is_a_one_line_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FactlintError) as info:
        load_baseline(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_cli_baseline_round_trip(project: Path) -> None:
    proc = run(".", "--write-baseline", "factlint-baseline.json", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    data = json.loads((project / "factlint-baseline.json").read_text(encoding="utf-8"))
    assert sorted(e["code"] for e in data["findings"]) == ["ND001", "NM001", "TX001"]
    assert {e["path"] for e in data["findings"]} == {"a.md"}

    # an edit above every finding: still all matched
    article = project / "a.md"
    article.write_text(
        ARTICLE.replace("---\nNadia", "---\nA new first paragraph.\n\nNadia"), encoding="utf-8"
    )
    proc = run(".", "--baseline", "factlint-baseline.json", "--format", "json", cwd=project)
    assert proc.returncode == 0 and codes(proc) == [], proc.stdout + proc.stderr

    # from another directory the same baseline still applies
    (project / "sub").mkdir()
    proc = run("..", "--baseline", "../factlint-baseline.json", cwd=project / "sub")
    assert proc.returncode == 0, proc.stdout

    # a new finding fails; a fixed one is reported as stale and dropped on the next write
    text = article.read_text(encoding="utf-8").replace("the the board", "the board")
    article.write_text(text + "\nThey met met again.\n", encoding="utf-8")
    proc = run(".", "--baseline", "factlint-baseline.json", "--format", "json", cwd=project)
    assert proc.returncode == 1 and codes(proc) == ["TX001"]
    assert "1 baseline entry no longer matches" in proc.stderr
    run(".", "--write-baseline", "factlint-baseline.json", cwd=project)
    data = json.loads((project / "factlint-baseline.json").read_text(encoding="utf-8"))
    assert [e["text"] for e in data["findings"]] == ["41", "Twich", "met met"]


def test_write_baseline_with_fix_is_a_usage_error(project: Path) -> None:
    proc = run(".", "--write-baseline", "b.json", "--fix", cwd=project)
    assert proc.returncode == 2 and "--write-baseline" in proc.stderr
    proc = run(".", "--baseline", "missing.json", cwd=project)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "missing.json" in proc.stderr


# ---------------------------------------------------------------------- fixes


def test_text_output_marks_fixable_findings(project: Path) -> None:
    proc = run("a.md", "--format", "concise", cwd=project)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    marked = {line.split()[1]: "[*]" in line for line in lines if line.startswith("a.md:")}
    assert marked == {"ND001": False, "NM001": True, "TX001": True}
    assert lines[-1] == "[*] 2 fixable with --fix (1 more with --unsafe-fixes)."


def test_diff_prints_and_writes_nothing(project: Path) -> None:
    proc = run("a.md", "--diff", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert (project / "a.md").read_text(encoding="utf-8") == ARTICLE
    assert proc.stdout == (
        "--- a/a.md\n"
        "+++ b/a.md\n"
        "@@ -3,4 +3,4 @@\n"
        " ---\n"
        " Nadia Karimi, 41, runs Zentrix.\n"
        " \n"
        "-Emmett Shear, the former chief of streaming platform Twich, joins. He met the the board.\n"
        "+Emmett Shear, the former chief of streaming platform Twitch, joins. He met the board.\n"
    )
    assert "would fix 2 finding(s)" in proc.stderr
    unsafe = run("a.md", "--diff", "--unsafe-fixes", cwd=project)
    assert "+Nadia Karimi, 43, runs Zentrix.\n" in unsafe.stdout


def test_fix_applies_safe_fixes_only_then_unsafe_ones(project: Path) -> None:
    article = project / "a.md"
    proc = run("a.md", "--fix", "--format", "json", cwd=project)
    assert article.read_text(encoding="utf-8") == SAFE_FIXED
    assert codes(proc) == ["ND001"] and proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["fixed"] == 2
    proc = run("a.md", "--fix", cwd=project)
    assert "Fixed 0 findings." in proc.stdout and "1 more fixable with" in proc.stdout
    proc = run("a.md", "--fix", "--unsafe-fixes", cwd=project)
    assert article.read_text(encoding="utf-8") == ALL_FIXED
    assert proc.returncode == 0 and "Fixed 1 finding." in proc.stdout


def test_fix_reports_the_count_and_findings_of_the_fixed_text(project: Path) -> None:
    article = project / "a.md"
    article.write_text(ARTICLE + "\nLater, Twich and and more.\n", encoding="utf-8")
    proc = run("a.md", "--fix", cwd=project)
    assert "Fixed 4 findings." in proc.stdout, proc.stdout
    # the remaining ND001 is shown against the fixed text
    assert "4 | Nadia Karimi, 41, runs Zentrix." in proc.stdout
    assert "Twich" not in proc.stdout


def test_second_fix_changes_nothing(project: Path) -> None:
    article = project / "a.md"
    article.write_text(ARTICLE + "\nThe the the end.\n", encoding="utf-8")
    run("a.md", "--fix", "--unsafe-fixes", cwd=project)
    once = article.read_bytes()
    assert b"The end." in once
    proc = run("a.md", "--fix", "--unsafe-fixes", cwd=project)
    assert article.read_bytes() == once
    assert "Fixed 0 findings." in proc.stdout
    assert run("a.md", "--diff", "--unsafe-fixes", cwd=project).stdout == ""


def test_fix_keeps_bom_crlf_and_permissions(project: Path) -> None:
    article = project / "a.md"
    raw = b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8")
    article.write_bytes(raw)
    article.chmod(0o640)
    proc = run("a.md", "--fix", cwd=project)
    assert proc.returncode == 1, proc.stderr
    expected = b"\xef\xbb\xbf" + SAFE_FIXED.replace("\n", "\r\n").encode("utf-8")
    assert article.read_bytes() == expected
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert [p.name for p in project.iterdir() if p.name.startswith(".a.md")] == []


def test_fix_never_edits_code_or_urls(project: Path) -> None:
    article = project / "a.md"
    text = "Plain the the slip.\n\nCode `the the` and https://example.org/the the end.\n"
    article.write_text(text, encoding="utf-8")
    run("a.md", "--fix", "--date", "2023-06-01", cwd=project)
    assert article.read_text(encoding="utf-8") == text.replace("Plain the the", "Plain the")


def test_fix_removes_an_unused_suppression(project: Path) -> None:
    article = project / "a.md"
    article.write_text(
        "Intro.\n\n<!-- factlint-disable-next-line TX001 -->\nNothing doubled.\n", encoding="utf-8"
    )
    proc = run("a.md", "--fix", "--date", "2023-06-01", cwd=project)
    assert proc.returncode == 0, proc.stdout
    assert article.read_text(encoding="utf-8") == "Intro.\n\nNothing doubled.\n"


def test_fix_refuses_a_symlink_out_of_the_tree(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(ARTICLE, encoding="utf-8")
    tree = project / "tree"
    tree.mkdir()
    (tree / "link.md").symlink_to(outside)
    (tree / "inner.md").write_text(ARTICLE, encoding="utf-8")
    (tree / "inner-link.md").symlink_to(tree / "inner.md")
    proc = run("tree", "--fix", cwd=project)
    assert proc.returncode == 2
    assert "outside the linted tree" in proc.stderr and "Traceback" not in proc.stderr
    assert outside.read_text(encoding="utf-8") == ARTICLE
    # a link inside the tree is fixed through to its target and stays a link
    assert (tree / "inner-link.md").is_symlink()
    assert (tree / "inner.md").read_text(encoding="utf-8") == SAFE_FIXED


# ------------------------------------------- fixes: outside prose, idempotence

FRAGMENTS = (
    "the the ",
    "a a word ",
    "plain. ",
    "`the the` ",
    "https://example.org/the the ",
    "<!-- the the --> ",
    "[the the](https://x.org/a a) ",
    "\n\n",
    "\n\n```\nthe the\n```\n\n",
    "<!-- factlint-disable-next-line TX001 -->\n",
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12))
def test_fixes_stay_in_prose_and_settle(
    parts: list[str], tmp_path: Path, pm: pluggy.PluginManager, rules: dict[str, Rule]
) -> None:
    text = "".join(parts)
    session = new_session(Config(root=tmp_path), Facts({}, {}), rules, Selection(("TX001", "FL")))
    doc = parse(text, "a.md")
    result = Result(doc.path, check_document(doc, session, pm), None, doc, tmp_path / "a.md")
    fixed = fix_file(result, session, pm, unsafe=False)
    assert fixed is not None and fixed.converged
    new = fixed.after.text
    code_before = [text[a:b] for a, b in non_prose_spans(text) if "factlint" not in text[a:b]]
    code_after = [new[a:b] for a, b in non_prose_spans(new) if "factlint" not in new[a:b]]
    assert code_after == code_before
    # what is left to fix lies outside prose
    spans = non_prose_spans(new)
    assert all(outside_prose(new, f.start, f.end, spans=spans) for f in fixed.findings)
    again = fix_file(
        Result(doc.path, fixed.findings, None, fixed.after, tmp_path / "a.md"),
        session,
        pm,
        unsafe=False,
    )
    assert again is not None and not again.changed


# ----------------------------------------------------------------- safe writes


def _fix_of(path: Path, new_text: str) -> FileFix:
    before = parse(path.read_text(encoding="utf-8"), path.name)
    after = parse(new_text, path.name)
    return FileFix(path.name, path, before, after, 1, ())


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_text("old text\n", encoding="utf-8")

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(autofix.os, "replace", broken)
    with pytest.raises(FactlintError, match="No space left"):
        write_fix(_fix_of(path, "new text\n"), [tmp_path])
    assert path.read_text(encoding="utf-8") == "old text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from factlint import autofix
real = os.replace
def slow(src, dst):
    print("ready", flush=True)
    time.sleep(60)
    real(src, dst)
autofix.os.replace = slow
autofix.write_atomic(Path(sys.argv[1]), "new text\\n" * 1000, bom=False, mode=0o644)
"""


def test_killed_writer_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("old text\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "linter")}
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        proc.kill()
    assert path.read_text(encoding="utf-8") in ("old text\n", "new text\n" * 1000)
    write_atomic(path, "new text\n", bom=False, mode=0o600)
    assert path.read_text(encoding="utf-8") == "new text\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_file_changed_since_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The the text.\n", encoding="utf-8")
    fix = _fix_of(path, "The text.\n")
    path.write_text("Someone else's edit.\n", encoding="utf-8")
    with pytest.raises(FactlintError, match="changed since it was read"):
        write_fix(fix, [tmp_path])
    assert path.read_text(encoding="utf-8") == "Someone else's edit.\n"


def test_explain_shows_how_to_suppress(project: Path) -> None:
    proc = run("explain", "ND001", cwd=project)
    assert proc.returncode == 0
    assert "## Suppressing" in proc.stdout
    assert "<!-- factlint-disable-next-line ND001" in proc.stdout
    assert "Fix: unsafe" in proc.stdout


@pytest.mark.parametrize(
    ("path", "text", "needle", "outside"),
    [
        ("a.md", "Say `Twich` now.\n", "Twich", True),
        ("a.md", "See [Twich](https://twich.example/Twich).\n", "Twich", False),
        ("a.md", "See [x](https://twich.example/Twich).\n", "Twich", True),
        ("a.md", "---\ntitle: Twich\n---\nBody.\n", "Twich", True),
        ("a.txt", "Visit https://example.org/Twich today.\n", "Twich", True),
        ("a.txt", "The platform Twich grew.\n", "Twich", False),
    ],
)
def test_outside_prose_by_the_documents_prose_map(
    path: str, text: str, needle: str, outside: bool
) -> None:
    doc = parse(text, path)
    assert doc.prose_mask
    start = text.index(needle)
    assert outside_prose(text, start, start + len(needle), mask=doc.prose_mask) is outside
