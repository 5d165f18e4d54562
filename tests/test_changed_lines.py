"""--diff-base REV: findings on changed lines only, and a full re-check of the
articles that mention an entity whose facts changed (real command, real git)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factlint.diffbase import FileChange, affected_entities, parse_diff
from workflow_helpers import DOUBLED, WORLD, commit_all, git, make_repo, run

NADIA = "---\ndate: 2023-06-01\n---\nZentrix chief executive Nadia Karimi spoke on Monday.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "claims").mkdir()
    shutil.copy(WORLD / "world.yaml", root / "claims" / "world.yaml")
    make_repo(root)
    (root / ".factlint.yaml").write_text("facts: [claims]\n", encoding="utf-8")
    (root / "articles").mkdir()
    (root / "articles" / "old.md").write_text(DOUBLED + "\nSecond paragraph.\n", "utf-8")
    (root / "articles" / "nadia.md").write_text(NADIA, encoding="utf-8")
    commit_all(root)
    return root


def codes_and_lines(proc_stdout: str) -> list[str]:
    return [line.split(": ")[0] for line in proc_stdout.splitlines() if ": " in line]


def test_only_findings_on_changed_lines(repo: Path) -> None:
    old = repo / "articles" / "old.md"
    old.write_text(DOUBLED + "\nSecond paragraph, now with with a doubled word.\n", "utf-8")
    (repo / "articles" / "new.md").write_text(DOUBLED, encoding="utf-8")  # untracked: all new
    full = run("--format", "concise", "articles", cwd=repo)
    assert codes_and_lines(full.stdout) == [
        "articles/new.md:1:15",
        "articles/old.md:1:15",
        "articles/old.md:3:23",
    ]
    changed = run("--format", "concise", "--diff-base", "HEAD", "articles", cwd=repo)
    assert changed.returncode == 1
    assert codes_and_lines(changed.stdout) == ["articles/new.md:1:15", "articles/old.md:3:23"]


def test_nothing_changed_is_clean(repo: Path) -> None:
    proc = run("--diff-base", "HEAD", "articles", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_facts_change_rechecks_articles_that_mention_the_entity(repo: Path) -> None:
    assert run("--diff-base", "HEAD", "articles", cwd=repo).returncode == 0
    facts = repo / "claims" / "world.yaml"
    text = facts.read_text(encoding="utf-8")
    anchor = "        source: https://example.org/zentrix/leadership\n"
    assert text.count(anchor) == 1
    facts.write_text(text.replace(anchor, anchor + "        end: 2021-01-01\n"), "utf-8")
    proc = run("--format", "concise", "--diff-base", "HEAD", "articles", cwd=repo)
    assert proc.returncode == 1
    # nadia.md did not change, but it mentions Nadia Karimi, whose role did
    (reported,) = proc.stdout.splitlines()[:-1]
    assert reported.startswith("articles/nadia.md:4:9: AT00")  # a tense finding (AT003/AT004)
    # old.md mentions nobody whose facts changed: its old finding stays hidden
    assert "old.md" not in proc.stdout


def test_bad_revision_is_a_one_line_error(repo: Path) -> None:
    proc = run("--diff-base", "no-such-rev", "articles", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"factlint: error: --diff-base: 'no-such-rev' is not a revision of {repo.resolve()}"
    )


def test_parse_diff_hunks(tmp_path: Path) -> None:
    diff = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n"
        "@@ -3 +3,2 @@\n-old\n+new\n+added\n@@ -10,2 +11,0 @@\n-gone\n-gone too\n"
        "diff --git a/y.md b/y.md\n--- a/y.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n"
    )
    changes = parse_diff(diff, tmp_path)
    change = changes[(tmp_path / "x.md").resolve()]
    assert change.added == {3, 4}
    assert change.deleted_at == {11}
    assert change.removed == ["old", "gone", "gone too"]
    assert list(changes) == [(tmp_path / "x.md").resolve()]


def test_affected_entities_from_blocks_and_removed_lines(tmp_path: Path) -> None:
    facts = tmp_path / "f.yaml"
    facts.write_text(
        "version: 1\n"  # 1
        "titles:\n"  # 2
        "  - id: ceo\n"  # 3
        "    names: {en: [CEO]}\n"  # 4
        "entities:\n"  # 5
        "  - id: alpha\n"  # 6
        "    type: person\n"  # 7
        "    names: {en: [Al Pha]}\n"  # 8
        "  - id: beta\n"  # 9
        "    type: organization\n"  # 10
        "    names: {en: [Beta]}\n"  # 11
        "quantities:\n"  # 12
        "  - id: beta.staff\n"  # 13
        "    entity: beta\n"  # 14
        "    value: 3\n",  # 15
        encoding="utf-8",
    )
    assert affected_entities(facts, FileChange(added={7})) == {"alpha"}
    assert affected_entities(facts, FileChange(added={15})) == {"beta"}
    assert affected_entities(facts, FileChange(added={4})) == {"*"}  # a title: everything
    removed = FileChange(deleted_at={9}, removed=["  - id: gamma", "    org: delta"])
    assert affected_entities(facts, removed) == {"beta", "gamma", "delta"}
    assert affected_entities(facts, FileChange(added={1})) == set()


def test_outside_git_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DOUBLED, encoding="utf-8")
    proc = run("--diff-base", "HEAD", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "not in a git work tree" in proc.stderr
    git(tmp_path, "--version")


def test_parse_diff_paths_with_spaces_and_quotes(tmp_path: Path) -> None:
    diff = (
        "+++ b/my articles/a.md\t\n@@ -0,0 +1 @@\n+x\n"
        '+++ "b/x/\\331\\205\\331\\202 \\"q\\".md"\t\n@@ -1 +1 @@\n-y\n+z\n'
    )
    changes = parse_diff(diff, tmp_path)
    assert set(changes) == {
        (tmp_path / "my articles" / "a.md").resolve(),
        (tmp_path / "x" / 'مق "q".md').resolve(),
    }
