"""action.yml: a composite action whose steps are run here with bash the way
the runner runs them (inputs through the environment, ``working-directory``,
``$GITHUB_OUTPUT``), with factlint from this checkout on PATH."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from workflow_helpers import DOUBLED, REPO, SCHEMAS, TWICH, commit_all, make_repo

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(inputs\.[\w-]+|github\.action_path)\s*\}\}")


def test_action_is_composite_with_the_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {
        "paths",
        "facts",
        "format",
        "fail-on",
        "diff-base",
        "sarif-file",
        "working-directory",
        "package",
    }
    for step in ACTION["runs"]["steps"]:
        assert step["shell"] == "bash"
        # inputs reach the script through the environment only (no injection)
        assert "${{" not in step["run"], step["name"]


def _expand(value: str, inputs: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(REPO) if name == "github.action_path" else inputs[name.split(".", 1)[1]]

    return EXPRESSION.sub(one, value)


def run_action(repo: Path, tmp_path: Path, **given: str) -> tuple[int, dict[str, str], str]:
    """Run the action's steps after the install step; (exit code, outputs, stdout)."""
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs.update({k.replace("_", "-"): v for k, v in given.items()})
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "factlint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factlint "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    base_env.update(
        {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(REPO / "linter"),
            "FACTLINT_NO_CACHE": "1",
            "GITHUB_ACTIONS": "true",
            "GITHUB_OUTPUT": str(output),
        }
    )
    stdout = ""
    code = 0
    for step in ACTION["runs"]["steps"][1:]:  # skip "Install factlint"
        condition = step.get("if")
        if condition == "inputs.sarif-file != ''" and not inputs["sarif-file"]:
            continue
        assert condition in (None, "inputs.sarif-file != ''"), condition
        env = {**base_env, **{k: _expand(v, inputs) for k, v in step.get("env", {}).items()}}
        cwd = repo / _expand(step.get("working-directory", "."), inputs)
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        stdout += proc.stdout
        code = proc.returncode
        if code != 0:
            break
    outputs = dict(
        line.split("=", 1) for line in output.read_text("utf-8").splitlines() if "=" in line
    )
    return code, outputs, stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo")
    (root / "my articles").mkdir()
    (root / "my articles" / "a.md").write_text(TWICH, encoding="utf-8")
    (root / "my articles" / "b.md").write_text("Nadia Karimi leads Zentrix.\n", "utf-8")
    commit_all(root)
    return root


def test_action_annotates_fails_and_writes_sarif(repo: Path, tmp_path: Path) -> None:
    code, outputs, stdout = run_action(
        repo,
        tmp_path,
        paths="a.md\nb.md\n",
        working_directory="my articles",
        sarif_file="out.sarif",
    )
    assert code == 1 and outputs["exit-code"] == "1"
    assert stdout.startswith("::error file=my articles/a.md,line=1,col=54,")
    log: dict[str, Any] = json.loads((repo / "my articles" / "out.sarif").read_text("utf-8"))
    import jsonschema

    jsonschema.validate(log, json.loads((SCHEMAS / "sarif-2.1.0.json").read_text("utf-8")))
    (result,) = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20articles/a.md"


def test_action_fail_on_and_diff_base(repo: Path, tmp_path: Path) -> None:
    (repo / "my articles" / "b.md").write_text(
        "Nadia Karimi leads Zentrix.\n" + DOUBLED, encoding="utf-8"
    )
    code, outputs, stdout = run_action(
        repo, tmp_path, paths="my articles", fail_on="error", diff_base="HEAD"
    )
    # only b.md's new line is reported, a warning: below fail-on=error
    assert (code, outputs["exit-code"]) == (0, "0"), stdout
    assert stdout.startswith("::warning file=my articles/b.md,line=2,")
    assert "a.md" not in stdout
    code, outputs, _ = run_action(repo, tmp_path, paths="my articles", diff_base="HEAD")
    assert (code, outputs["exit-code"]) == (1, "1")
