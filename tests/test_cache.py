"""The project cache: signed entries for facts, lexicon and rule packs."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factlint import cache as project_cache
from factlint.cache import CACHE_DIR_NAME, Cache, clean, open_cache
from factlint.dbimage import Table
from factlint.errors import FactsError
from factlint.facts import cache as facts_cache
from factlint.facts import load_facts
from factlint.facts.cache import load_facts_cached
from factlint.lexicon_cache import alias_plain, load_lexicon
from factlint.mentions import build_lexicon
from factlint.rules.rulepacks import load_packs
from factlint.serial import to_plain

LINTER = Path(__file__).resolve().parents[1] / "linter"

FACTS = """\
version: 1
titles:
  - id: editor
    names: {en: [editor, chief editor], ar: [محرر]}
entities:
  - id: harbour-post
    type: publication
    names: {en: [Harbour Post], ar: [هاربور بوست]}
  - id: mira-lund
    type: person
    gender: female
    born: 1971-03
    names: {en: [Mira Lund]}
    roles:
      - {title: editor, org: harbour-post, start: 2019}
"""

MORE = """\
version: 1
entities:
  - id: tide-lab
    type: organization
    names: {en: [Tide Lab]}
"""

PACK = """\
pack: house
rules:
  - code: HS001
    type: existence
    message: "'{match}' is jargon"
    pattern: 'synerg\\w*'
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cache:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("FACTLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("FACTLINT_NO_CACHE", raising=False)
    opened = open_cache(tmp_path / "project")
    assert opened is not None
    return opened


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The facts files parsed from YAML (cache misses), by displayed path."""
    seen: list[str] = []
    real = facts_cache._parse_yaml

    def counting(source: Any) -> Any:
        seen.append(source.display)
        return real(source)

    monkeypatch.setattr(facts_cache, "_parse_yaml", counting)
    return seen


def test_the_cache_lives_beside_the_project_and_is_gitignored(cache: Cache, tmp_path: Path) -> None:
    assert cache.directory == tmp_path / "project" / CACHE_DIR_NAME
    facts = _write(tmp_path / "project/claims/a.yaml", FACTS)
    load_facts_cached([facts], tmp_path / "project", cache)
    assert (cache.directory / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert (cache.directory / "CACHEDIR.TAG").is_file()
    assert list((cache.directory / "facts").glob("*.sqlite"))


def test_warm_facts_equal_cold_and_skip_parsing(
    cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = _write(tmp_path / "claims/a.yaml", FACTS)
    parsed = _count_parses(monkeypatch)
    first = load_facts_cached([facts], tmp_path, cache)
    second = load_facts_cached([facts], tmp_path, cache)
    assert parsed == ["claims/a.yaml"]
    assert second == first == load_facts([facts], tmp_path)
    assert second.entities["mira-lund"].roles[0].org == "harbour-post"
    assert second.entities["mira-lund"].line == 9


def test_an_edit_revalidates_only_the_changed_file(
    cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = tmp_path / "claims"
    _write(claims / "a.yaml", FACTS)
    more = _write(claims / "b.yaml", MORE)
    parsed = _count_parses(monkeypatch)
    load_facts_cached([claims], tmp_path, cache)
    more.write_text(MORE.replace("[Tide Lab]", "[Tide Lab, TideLab]"), encoding="utf-8")
    edited = load_facts_cached([claims], tmp_path, cache)
    assert parsed == ["claims/a.yaml", "claims/b.yaml", "claims/b.yaml"]
    assert edited.entities["tide-lab"].names["en"] == ("Tide Lab", "TideLab")
    # the cross-checks still see every file: an edit breaking a reference is reported
    more.write_text(MORE + "    roles: []\n", encoding="utf-8")
    with pytest.raises(FactsError, match="only persons have roles"):
        load_facts_cached([claims], tmp_path, cache)


def test_errors_are_not_cached(cache: Cache, tmp_path: Path) -> None:
    bad = _write(tmp_path / "x.yaml", "version: 1\nentity: []\n")
    for _ in range(2):
        with pytest.raises(FactsError, match="unknown field 'entity'"):
            load_facts_cached([bad], tmp_path, cache)


def _plant(entry: Path, payload: bytes) -> None:
    entry.write_bytes(b"factlint-cache 1 " + b"0" * 64 + b"\n" + payload)


class _Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("touch PWNED",))


def test_a_planted_entry_is_ignored(
    cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = _write(tmp_path / "claims/a.yaml", FACTS)
    expected = load_facts_cached([facts], tmp_path, cache)
    entries = sorted(p for p in cache.directory.rglob("*") if p.suffix in (".json", ".sqlite"))
    assert any(p.suffix == ".sqlite" for p in entries)
    monkeypatch.chdir(tmp_path)
    for entry in entries:
        # another user rewrites every entry: a pickle bomb, then data with a forged MAC
        entry.write_bytes(pickle.dumps(_Boom()))
        assert load_facts_cached([facts], tmp_path, cache) == expected
        forged = json.dumps({"data": None}).encode()
        _plant(entry, forged)
        assert load_facts_cached([facts], tmp_path, cache) == expected
    assert not (tmp_path / "PWNED").exists()


def test_an_entry_signed_with_another_key_is_ignored(cache: Cache, tmp_path: Path) -> None:
    other = Cache(cache.directory, b"k" * 64)
    other.put("lexicon", "abc", {"planted": True})
    assert other.get("lexicon", "abc") == {"planted": True}
    assert cache.get("lexicon", "abc") is None
    # an entry is bound to its kind and name: a valid one copied elsewhere is refused
    cache.put("facts", "one", [1, 2])
    target = cache.path("facts", "two")
    target.write_bytes(cache.path("facts", "one").read_bytes())
    assert cache.get("facts", "one") == [1, 2]
    assert cache.get("facts", "two") is None


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_key_file_others_can_read_turns_the_cache_off(cache: Cache, tmp_path: Path) -> None:
    key = project_cache.key_path()
    assert key is not None and key.is_file()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.chmod(0o644)
    assert open_cache(tmp_path / "project") is None
    key.chmod(0o600)
    assert open_cache(tmp_path / "project") is not None


def test_the_lexicon_round_trips_through_the_cache(cache: Cache, tmp_path: Path) -> None:
    facts = load_facts([_write(tmp_path / "a.yaml", FACTS)], tmp_path)
    built = load_lexicon(facts, cache)
    assert list((cache.directory / "lexicon").glob("*.sqlite"))
    again = load_lexicon(facts, cache)
    assert isinstance(again.entries, Table)  # read on demand
    assert again == built == build_lexicon(facts)
    assert again.entries["harbour post"][0].target == "harbour-post"
    assert again.lengths["harbour"] == (2,)
    assert again.is_name_word("lund") and not again.is_name_word("harbor")
    assert pickle.loads(pickle.dumps(again)) == built  # --jobs workers
    for aliases in built.entries.values():
        assert alias_plain(aliases) == to_plain(aliases)


def test_stored_facts_answer_like_the_loaded_ones(cache: Cache) -> None:
    claims = LINTER.parent / "claims"
    loaded = load_facts([claims], claims.parent)
    load_facts_cached([claims], claims.parent, cache)
    stored = load_facts_cached([claims], claims.parent, cache)
    assert stored.index is not None and loaded.index is None
    assert stored == loaded
    assert list(stored.entities) == list(loaded.entities)
    orgs = sorted({r.org or "" for e in loaded.entities.values() for r in e.roles})
    for title in loaded.titles:
        assert list(stored.holders_of(title)) == list(loaded.holders_of(title))
        for org in [*orgs, None, "nowhere"]:
            assert list(stored.roles_for(title, org)) == list(loaded.roles_for(title, org))
    pairs = {(q.entity, q.kind) for q in loaded.quantities} | {("nobody", "employees")}
    assert pairs
    for entity, kind in pairs:
        assert stored.quantities_of(entity, kind) == loaded.quantities_of(entity, kind)
    assert pickle.loads(pickle.dumps(stored)) == loaded  # --jobs workers


def test_mentions_with_the_stored_lexicon_are_the_same(cache: Cache) -> None:
    from factlint.mentions import find_mentions
    from factlint.normalize import normalize
    from factlint.tokens import tokenize

    claims = LINTER.parent / "claims"
    facts = load_facts([claims], claims.parent)
    load_lexicon(facts, cache)
    stored = load_lexicon(facts, cache)
    assert isinstance(stored.entries, Table)
    built = build_lexicon(facts)
    for path in sorted((LINTER.parent / "benchmarks" / "planted").glob("*.md")):
        norm = normalize(path.read_text(encoding="utf-8"))
        tokens = tokenize(norm)
        found = find_mentions(norm, tokens, stored)
        assert found == find_mentions(norm, tokens, built)
        assert found


def test_rule_packs_are_cached_with_their_patterns(cache: Cache, tmp_path: Path) -> None:
    pack = _write(tmp_path / "rules/house.yaml", PACK)
    first = load_packs([pack], cache)
    second = load_packs([pack], cache)
    assert second == first
    assert second[0].regex is not None and second[0].regex.search("synergies")
    assert list((cache.directory / "rulepack").glob("*.json"))


def test_cache_can_be_disabled_and_cleaned(
    cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = _write(tmp_path / "claims/a.yaml", FACTS)
    load_facts_cached([facts], tmp_path, cache)
    assert open_cache(tmp_path / "project", enabled=False) is None
    monkeypatch.setenv("FACTLINT_NO_CACHE", "1")
    assert open_cache(tmp_path / "project") is None
    assert clean(tmp_path / "project") == cache.directory
    assert not cache.directory.exists()
    assert clean(tmp_path / "project") is None
    # a folder of that name that factlint did not make is left alone
    (tmp_path / "other" / CACHE_DIR_NAME).mkdir(parents=True)
    assert clean(tmp_path / "other") is None
    assert (tmp_path / "other" / CACHE_DIR_NAME).is_dir()


def _cli(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factlint", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(LINTER), "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    project = tmp_path / "proj"
    _write(project / ".factlint.yaml", "facts: [claims]\nrules: [rules]\n")
    _write(project / "claims/a.yaml", FACTS)
    _write(project / "rules/house.yaml", PACK)
    _write(project / "story.en.md", "Mira Lund praised the synergies of Harbour Post.\n")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("FACTLINT_NO_CACHE", None)
    return project, env


def test_cli_no_cache_and_cache_clean(tmp_path: Path) -> None:
    project, env = _project(tmp_path)
    env_on = {**env, "FACTLINT_NO_CACHE": ""}
    off = _cli("story.en.md", "--no-cache", "--format", "concise", cwd=project, env=env_on)
    assert off.returncode == 1, off.stderr
    assert not (project / CACHE_DIR_NAME).exists()
    cold = _cli("story.en.md", "--format", "concise", cwd=project, env=env_on)
    warm = _cli("story.en.md", "--format", "concise", cwd=project, env=env_on)
    assert cold.stdout == warm.stdout == off.stdout
    assert "HS001" in warm.stdout
    assert (project / CACHE_DIR_NAME / "lexicon").is_dir()
    cleaned = _cli("cache", "clean", cwd=project, env=env_on)
    assert cleaned.returncode == 0
    assert not (project / CACHE_DIR_NAME).exists()


IMPORT_PROBE = """
import sys
from factlint.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in ("jsonschema", "multiprocessing", "concurrent.futures.process")
               if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


def test_a_warm_run_imports_neither_jsonschema_nor_multiprocessing(tmp_path: Path) -> None:
    project, env = _project(tmp_path)
    env = {**env, "FACTLINT_NO_CACHE": ""}
    probe = ["-c", IMPORT_PROBE, "story.en.md", "--format", "concise"]
    cold = subprocess.run(
        [sys.executable, *probe],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(LINTER), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "HEAVY:jsonschema" in cold.stdout, cold.stderr  # a cold run validates
    warm = subprocess.run(
        [sys.executable, *probe],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(LINTER), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert warm.stdout.strip().endswith("HEAVY:"), warm.stdout + warm.stderr


def test_a_facts_file_entry_is_written_in_chunks_as_one_json_value(cache: Cache) -> None:
    from factlint.facts.loader import FactsSource, _parse_yaml

    path = LINTER.parent / "claims" / "people.yaml"
    parsed = _parse_yaml(FactsSource(path, "claims/people.yaml", path.read_bytes()))
    assert parsed is not None
    data, positions = parsed
    expected = {
        "data": data,
        "at": [
            [[list(p), line, column] for p, (line, column) in table.items()]
            for table in (positions.values, positions.keys)
        ],
    }
    cache.put_chunks("facts-file", "x", facts_cache._entry_chunks(data, positions))
    assert cache.get("facts-file", "x") == expected
    assert json.loads(b"".join(facts_cache._entry_chunks(data, positions))) == expected
    # a chunked entry is signed like any other: tampering with it is noticed
    entry = cache.path("facts-file", "x")
    entry.write_bytes(entry.read_bytes().replace(b'"data"', b'"data" '))
    assert cache.get("facts-file", "x") is None
