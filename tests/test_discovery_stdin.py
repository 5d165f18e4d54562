"""Which files are linted (exclude for explicit files with --force-exclude,
.gitignore when walking), stdin with --stdin-filename, check-facts, and the
progress bar (only on a terminal). Real command, real git."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from workflow_helpers import CLEAN, DOUBLED, REPO, WORLD, make_repo, run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", 'exclude: ["drafts/", "*.tmp.md"]\n')
    for name in ("a.md", "drafts/b.md", "c.tmp.md", "build/d.md", "notes/e.md", "notes/keep.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(DOUBLED, encoding="utf-8")
    (root / ".gitignore").write_text("build/\nnotes/*.md\n!notes/keep.md\n", encoding="utf-8")
    return root


def linted(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted({line.split(":")[0] for line in proc.stdout.splitlines() if ":" in line})


def test_directory_walk_skips_gitignored_and_excluded(repo: Path) -> None:
    proc = run("--format", "concise", ".", cwd=repo)
    assert linted(proc) == ["a.md", "notes/keep.md"]


def test_nested_gitignore_and_info_exclude(repo: Path) -> None:
    (repo / "notes" / ".gitignore").write_text("keep.md\n", encoding="utf-8")
    (repo / ".git" / "info" / "exclude").write_text("a.md\n", encoding="utf-8")
    proc = run("--format", "concise", ".", cwd=repo)
    assert proc.returncode == 0 and linted(proc) == []


def test_gitignore_only_inside_a_git_work_tree(tmp_path: Path) -> None:
    (tmp_path / ".factlint.yaml").write_text(f'facts: ["{WORLD}"]\n', encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.md\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(DOUBLED, encoding="utf-8")
    assert linted(run("--format", "concise", ".", cwd=tmp_path)) == ["a.md"]


def test_explicit_files_and_force_exclude(repo: Path) -> None:
    files = ("a.md", "drafts/b.md", "c.tmp.md")
    assert linted(run("--format", "concise", *files, cwd=repo)) == sorted(files)
    forced = run("--format", "concise", "--force-exclude", *files, cwd=repo)
    assert linted(forced) == ["a.md"]
    nothing = run("--force-exclude", "drafts/b.md", cwd=repo)
    assert nothing.returncode == 0 and "All checks passed!" in nothing.stdout


def test_stdin_with_a_filename(repo: Path) -> None:
    proc = run(
        "--format", "concise", "-", "--stdin-filename", "notes/draft.md", cwd=repo, stdin=DOUBLED
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("notes/draft.md:1:15: TX001 ")
    clean = run("-", cwd=repo, stdin=CLEAN)
    assert clean.returncode == 0 and "All checks passed!" in clean.stdout
    anonymous = run("--format", "json", "-", cwd=repo, stdin=DOUBLED)
    assert '"path": "<stdin>"' in anonymous.stdout
    excluded = run(
        "-", "--stdin-filename", "drafts/x.md", "--force-exclude", cwd=repo, stdin=DOUBLED
    )
    assert excluded.returncode == 0


def test_stdin_uses_per_file_settings_of_its_name(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", 'per-file:\n  "old/*.md":\n    date: 2018-01-01\n')
    text = "Zentrix chief technology officer Nadia Karimi spoke.\n"  # CTO until 2019-02-28
    assert run("-", "--stdin-filename", "old/a.md", cwd=repo, stdin=text).returncode == 0
    late = run(
        "--format",
        "concise",
        "-",
        "--stdin-filename",
        "new/a.md",
        "--date",
        "2023-06-01",
        cwd=repo,
        stdin=text,
    )
    assert late.returncode == 1 and "new/a.md:1:" in late.stdout and " AT00" in late.stdout


def test_stdin_rejects_fix(repo: Path) -> None:
    proc = run("--fix", "-", cwd=repo, stdin=DOUBLED)
    assert proc.returncode == 2 and "stdin" in proc.stderr


def test_check_facts_reports_every_schema_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / ".factlint.yaml").write_text("facts: [claims]\nrules: [rules]\n", encoding="utf-8")
    (repo / "claims").mkdir()
    (repo / "rules").mkdir()
    (repo / "claims" / "a.yaml").write_text(
        "version: 1\nentities:\n"
        "  - id: one\n    type: spaceship\n    names: {en: [One]}\n"
        "  - id: two\n    type: person\n    names: {en: [Two]}\n    born: yesterday\n",
        encoding="utf-8",
    )
    (repo / "claims" / "b.yaml").write_text("version: 1\nentities: [\n", encoding="utf-8")
    (repo / "rules" / "pack.yaml").write_text("rules: 3\n", encoding="utf-8")
    proc = run("check-facts", cwd=repo)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 4, proc.stderr
    assert lines[0].startswith("factlint: error: claims/a.yaml:4:11: ")
    assert lines[1].startswith("factlint: error: claims/a.yaml:9:11: ")
    assert lines[2].startswith("factlint: error: claims/b.yaml:")
    assert lines[3].startswith("factlint: error: rules/pack.yaml:1")
    assert "Traceback" not in proc.stderr


def test_check_facts_passes_on_valid_files(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    proc = run("check-facts", cwd=repo)
    assert proc.returncode == 0 and "valid" in proc.stdout
    assert run("check-facts", cwd=REPO).returncode == 0  # this repository's own facts


def _run_on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run with stderr on a pseudo-terminal; return what the terminal got."""
    leader, follower = pty.openpty()
    # a fresh pseudo-terminal is 0 columns wide; give it a real terminal's size
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    full_env.update(env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "factlint", *args],
        cwd=cwd,
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    for index in range(25):
        (repo / f"a{index:02}.md").write_text(CLEAN, encoding="utf-8")
    env = {
        "PYTHONPATH": str(REPO / "linter"),
        "FACTLINT_NO_CACHE": "1",
        "FACTLINT_PROGRESS_DELAY": "0",
    }
    shown = _run_on_a_terminal(["."], repo, env)
    assert "0/25 [" in shown and "file/s" in shown
    in_ci = _run_on_a_terminal(["."], repo, {**env, "CI": "true"})
    assert "/25" not in in_ci
    opted_out = _run_on_a_terminal(["--no-progress", "."], repo, env)
    assert "/25" not in opted_out
    piped = run(".", cwd=repo, env={"FACTLINT_PROGRESS_DELAY": "0"})
    assert piped.stderr == "" and piped.returncode == 0


def test_check_facts_reports_every_cross_reference_problem(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / ".factlint.yaml").write_text("facts: [claims]\n", encoding="utf-8")
    (repo / "claims").mkdir()
    (repo / "claims" / "a.yaml").write_text(
        "version: 1\ntitles:\n  - id: ceo\n    names: {en: [CEO]}\nentities:\n"
        "  - id: one\n    type: person\n    names: {en: [One Person]}\n    roles:\n"
        "      - {id: one.ceo.x, title: ceo, org: nowhere-inc}\n"
        "      - {id: one.ceo.y, title: boss, org: one}\n",
        encoding="utf-8",
    )
    proc = run("check-facts", cwd=repo)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2, proc.stderr
    assert all(line.startswith("factlint: error: claims/a.yaml:1") for line in lines)
    assert "nowhere-inc" in lines[0] and "boss" in lines[1]
