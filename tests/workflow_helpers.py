"""Helpers for the end-to-end workflow tests: run the real command from this
checkout (``python -m factlint`` with PYTHONPATH) in temporary git repositories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORLD = Path(__file__).resolve().parent / "fixtures" / "world"
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# Sentences about the test world (tests/fixtures/world): one NM001 error each
# ('Twich' for Twitch), one TX001 warning each (a doubled word).
TWICH = "Emmett Shear, the former chief of streaming platform Twich, joins as an adviser.\n"
DOUBLED = "The board met on on a Tuesday.\n"
CLEAN = "Nadia Karimi leads Zentrix.\n"


def run(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    full_env.pop("CI", None)
    full_env.update({"FACTLINT_NO_CACHE": "1", "NO_COLOR": "1", "PYTHONPATH": str(REPO / "linter")})
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "factlint", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout


def make_repo(root: Path, config: str = "", facts: Path = WORLD) -> Path:
    """A git repository whose .factlint.yaml points at ``facts``."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    (root / ".factlint.yaml").write_text(
        f"facts: [{json.dumps(str(facts))}]\n{config}", encoding="utf-8"
    )
    return root


def commit_all(root: Path, message: str = "c") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
