"""What a repository's configuration can make factlint read or run (docs/security.md)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import factlint
from factlint.cli import main
from factlint.config import load_config
from factlint.errors import ConfigError, FactsError
from factlint.facts.loader import load_facts
from factlint.trust import check_config_plugin, repository_of

LINTER = Path(factlint.__file__).resolve().parents[1]
SECRET = "hunter2-do-not-print-me"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    return root


def _config(root: Path, body: str, where: str = ".factlint.yaml") -> Path:
    path = root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_relative_facts_path_outside_the_repository_is_refused(repo: Path) -> None:
    (repo.parent / "elsewhere").mkdir()
    config = _config(repo, "select: [TX]\nfacts: [../elsewhere]\n")
    with pytest.raises(ConfigError) as caught:
        load_config([repo], config)
    assert str(caught.value).startswith(f"{config}:2: facts: '../elsewhere' leads outside")
    assert "write it as an absolute path if that is intended" in str(caught.value)


def test_a_symlink_out_of_the_repository_is_refused(repo: Path) -> None:
    outside = repo.parent / "outside"
    outside.mkdir()
    (repo / "rules").symlink_to(outside)
    config = _config(repo, "rules: [rules]\n")
    with pytest.raises(ConfigError, match="rules: 'rules' leads outside the repository"):
        load_config([repo], config)


def test_a_default_claims_symlink_out_of_the_repository_is_refused(repo: Path) -> None:
    outside = repo.parent / "private"
    outside.mkdir()
    (repo / "claims").symlink_to(outside)
    with pytest.raises(ConfigError, match="claims: 'claims' leads outside the repository"):
        load_config([repo])


def test_paths_inside_the_repository_and_absolute_paths_are_accepted(repo: Path) -> None:
    outside = repo.parent / "shared-facts"
    outside.mkdir()
    config = _config(repo / "docs", f"facts: [../claims, {outside}]\n")
    loaded = load_config([repo / "docs"], config)
    assert loaded.facts == (repo / "docs" / ".." / "claims", outside)


def test_without_a_repository_the_config_folder_is_the_boundary(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    config = _config(project, "facts: [../x]\n")
    assert repository_of(project) == project.resolve()
    with pytest.raises(ConfigError, match="leads outside the repository"):
        load_config([project], config)


def test_facts_errors_never_print_a_file_s_content(tmp_path: Path) -> None:
    secret = tmp_path / "id_token"
    secret.write_text(f"{SECRET} " * 50 + "\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_facts([secret], tmp_path)
    assert str(caught.value) == "id_token:1:1: expected a mapping, got a string"
    mapping = tmp_path / "settings.yaml"
    mapping.write_text(f"version: 1\ntoken: {SECRET}\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_facts([mapping], tmp_path)
    assert SECRET not in str(caught.value)


def test_long_values_in_facts_errors_are_cut(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(f"version: 1\nentities:\n  - id: {'x' * 5000}!\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_facts([path], tmp_path)
    assert len(str(caught.value)) < 300


EVIL = """
from pathlib import Path
Path("PWNED").write_text("code from the repository ran")
"""


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(LINTER), "FACTLINT_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factlint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_config_plugins_never_import_modules_from_the_repository(repo: Path) -> None:
    (repo / "evil_plugin.py").write_text(EVIL, encoding="utf-8")
    (repo / "a.md").write_text("Text.\n", encoding="utf-8")
    _config(repo, "[tool.factlint]\nplugins = ['evil_plugin']\n", "pyproject.toml")
    proc = _run("a.md", cwd=repo)
    assert proc.returncode == 2
    assert "plugins: 'evil_plugin' is not an installed package" in proc.stderr
    assert not (repo / "PWNED").exists()
    # asked for on the command line, the same module is the user's choice
    (repo / "pyproject.toml").unlink()
    proc = _run("-p", "evil_plugin", "a.md", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert (repo / "PWNED").exists()


def test_config_plugin_policy(repo: Path) -> None:
    check_config_plugin("yaml", repo)  # an installed distribution in site-packages
    check_config_plugin("factlint.rules.names", repo)  # factlint's own
    with pytest.raises(ConfigError, match="no such installed module"):
        check_config_plugin("no_such_module_for_factlint_tests", repo)


def test_a_run_uses_no_network(
    repo: Path, world_facts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("factlint opened a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("FACTLINT_NO_CACHE", "1")
    monkeypatch.chdir(repo)
    (repo / "a.md").write_text("Zentrix's chief executive Omar Haddad said so.\n", "utf-8")
    code = main(["--facts", str(world_facts_dir), "--date", "2023-06-01", "a.md"])
    assert code == 1


def test_a_relative_include_cannot_leave_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "claims").mkdir()
    (tmp_path / "outside.yaml").write_text("version: 1\n", encoding="utf-8")
    (repo / "claims" / "a.yaml").write_text(
        "version: 1\ninclude: [../../outside.yaml]\n", encoding="utf-8"
    )
    with pytest.raises(FactsError, match="leads outside the repository"):
        load_facts([repo / "claims"], repo)
    # an absolute path says the curator meant it
    (repo / "claims" / "a.yaml").write_text(
        f"version: 1\ninclude: [{json.dumps(str(tmp_path / 'outside.yaml'))}]\n", encoding="utf-8"
    )
    load_facts([repo / "claims"], repo)
