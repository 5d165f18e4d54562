"""The published pre-commit hooks, run by the real pre-commit against this
repository: ``pre-commit try-repo``, the README's snippet, and the documented
pattern that re-checks articles when the facts change.

pre-commit builds the hooks' environment by installing this repository with
pip (once per session: PRE_COMMIT_HOME is shared by the tests). The tests skip
only when pre-commit itself is not installed (it is in the ``dev`` extra).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from workflow_helpers import DOUBLED, REPO, WORLD, commit_all, git, make_repo


def _pre_commit_available() -> bool:
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pre_commit", "--version"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


pytestmark = [
    pytest.mark.skipif(
        not _pre_commit_available(),
        reason="pre-commit is not installed (python3 -m pip install pre-commit, or '.[dev]')",
    ),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs factlint as a git checkout"),
]


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(
    *args: str, cwd: Path, home: Path, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CI", "GITHUB_ACTIONS")}
    env.update(
        {
            "PRE_COMMIT_HOME": str(home),
            "FACTLINT_NO_CACHE": "1",
            "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def readme_block(marker: str) -> str:
    """The YAML block between ``<!-- marker ... -->`` and ``<!-- /marker -->`` in README.md."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(
        rf"<!-- {marker}\b[^>]*-->\s*```yaml\n(.*?)```\s*<!-- /{marker} -->", text, re.S
    )
    assert found, f"README.md has no {marker} block"
    return found.group(1)


def head_of_repo() -> str:
    return git(REPO, "rev-parse", "HEAD").strip()


def snippet_config(snippet: str) -> str:
    """The README's snippet pointed at this checkout (its committed HEAD)."""
    config = yaml.safe_load(snippet)
    (entry,) = config["repos"]
    assert entry["repo"].startswith("https://")  # as published
    entry["repo"] = str(REPO)
    entry["rev"] = head_of_repo()
    return yaml.safe_dump(config, sort_keys=False)


def test_try_repo_runs_the_hook_with_force_exclude(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = make_repo(tmp_path / "repo", 'exclude: ["drafts/"]\n')
    (repo / "drafts").mkdir()
    (repo / "a.md").write_text(DOUBLED, encoding="utf-8")
    (repo / "drafts" / "b.md").write_text(DOUBLED, encoding="utf-8")
    (repo / "clean.md").write_text("Nadia Karimi leads Zentrix.\n", encoding="utf-8")
    git(repo, "add", "-A")
    proc = pre_commit(
        "try-repo", str(REPO), "factlint", "--all-files", cwd=repo, home=pre_commit_home
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "a.md:1:15: TX001" in proc.stdout
    assert "drafts/b.md" not in proc.stdout  # exclude holds for files passed explicitly
    clean = pre_commit(
        "try-repo",
        str(REPO),
        "factlint",
        "--files",
        "clean.md",
        "drafts/b.md",
        cwd=repo,
        home=pre_commit_home,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_readme_snippet_with_both_hooks(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / ".factlint.yaml").write_text("facts: [claims]\n", encoding="utf-8")
    (repo / "claims").mkdir()
    shutil.copy(WORLD / "world.yaml", repo / "claims" / "world.yaml")
    (repo / "a.md").write_text(DOUBLED, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        snippet_config(readme_block("pre-commit-snippet")), encoding="utf-8"
    )
    git(repo, "add", "-A")
    proc = pre_commit("run", "--all-files", cwd=repo, home=pre_commit_home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"^factlint\.+Failed$", proc.stdout, re.M), proc.stdout
    assert re.search(r"^factlint facts and rule packs\.+Passed$", proc.stdout, re.M)
    # two schema errors in the facts: the facts hook reports both
    facts = repo / "claims" / "world.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("type: person", "type: robot", 1).replace("born: 1958", "born: someday")
    facts.write_text(text, encoding="utf-8")
    (repo / "a.md").write_text("Nadia Karimi leads Zentrix.\n", encoding="utf-8")
    git(repo, "add", "-A")
    proc = pre_commit("run", "--all-files", cwd=repo, home=pre_commit_home)
    assert re.search(r"^factlint facts and rule packs\.+Failed$", proc.stdout, re.M), proc.stdout
    assert len(re.findall(r"claims/world\.yaml:\d+:\d+: ", proc.stdout)) >= 2, proc.stdout


def test_facts_change_rechecks_articles_that_mention_the_entity(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / ".factlint.yaml").write_text("facts: [claims]\n", encoding="utf-8")
    (repo / "claims").mkdir()
    shutil.copy(WORLD / "world.yaml", repo / "claims" / "world.yaml")
    (repo / "articles").mkdir()
    (repo / "articles" / "nadia.md").write_text(
        "---\ndate: 2023-06-01\n---\nZentrix chief executive Nadia Karimi spoke on Monday.\n",
        encoding="utf-8",
    )
    config = yaml.safe_load(snippet_config(readme_block("pre-commit-snippet")))
    (hook,) = yaml.safe_load(readme_block("pre-commit-facts-snippet"))
    config["repos"][0]["hooks"] = [hook]
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit_all(repo)
    quiet = pre_commit("run", cwd=repo, home=pre_commit_home)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    # end Nadia Karimi's role in the facts: the article (unchanged) is now wrong
    facts = repo / "claims" / "world.yaml"
    anchor = "        source: https://example.org/zentrix/leadership\n"
    facts.write_text(
        facts.read_text("utf-8").replace(anchor, anchor + "        end: 2021-01-01\n"), "utf-8"
    )
    git(repo, "add", "claims/world.yaml")
    proc = pre_commit("run", cwd=repo, home=pre_commit_home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "articles/nadia.md:4:9: AT00" in proc.stdout  # a tense finding
