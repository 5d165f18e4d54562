"""``factlint init``, the shipped title lexicon and ``include:`` in facts files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from factlint.cli import main
from factlint.errors import FactsError
from factlint.facts.loader import load_facts, read_sources
from factlint.scaffold import files_to_write

ENTITIES = """
entities:
  - id: lina-haddad
    type: person
    gender: female
    born: '1979-08-02'
    names:
      en: [Lina Haddad]
      ar: [لينا حداد]
    source: https://example.org/lina
    roles:
      - title: editor-in-chief
        org: daily-lantern
        start: '2018-01'
        source: https://example.org/lina-editor
  - id: daily-lantern
    type: publication
    founded: 1994
    names:
      en: [The Daily Lantern]
    source: https://example.org/lantern
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # the project root
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_creates_the_starter_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    for name in (".factlint.yaml", "claims/facts.yaml", "rules/glossary.yaml"):
        assert (project / name).is_file(), name
    assert "created claims/facts.yaml" in capsys.readouterr().out
    facts = load_facts([project / "claims"], project)
    assert {
        "ceo",
        "chair",
        "president",
        "founder",
        "minister",
        "prime-minister",
        "coach",
        "captain",
        "editor",
    } <= set(facts.titles)
    assert not facts.entities  # the example entity is commented out


def test_init_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "rules").mkdir()
    (project / "rules" / "glossary.yaml").write_text("mine\n", encoding="utf-8")
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("factlint: error: rules/glossary.yaml: already exists")
    assert not (project / ".factlint.yaml").exists()  # nothing written at all
    assert (project / "rules" / "glossary.yaml").read_text(encoding="utf-8") == "mine\n"


def test_the_commented_example_is_valid_once_uncommented(tmp_path: Path) -> None:
    text = files_to_write(copy_titles=False)["claims/facts.yaml"]
    lines = [
        line[2:] if line.startswith("# ") and line[2:3] in ("e", " ") else line
        for line in text.splitlines()
    ]
    start = lines.index("entities:")
    uncommented = "\n".join(lines[:start] + [x for x in lines[start:] if not x.startswith("#")])
    (tmp_path / "facts.yaml").write_text(uncommented + "\n", encoding="utf-8")
    facts = load_facts([tmp_path], tmp_path)
    assert facts.entities["jane-doe"].roles[0].org == "example-corp"


def test_a_curator_starts_a_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    with (project / "claims" / "facts.yaml").open("a", encoding="utf-8") as handle:
        handle.write(ENTITIES)
    (project / "story.md").write_text(
        "---\ndate: 2024-05-01\n---\n"
        "Lina Haddad, the editor-in-chief of The Daily Lantern, said the paper was "
        "comprised of four desks.\n\nThe Daily Lantern, founded in 1996, turned thirty.\n\n"
        "Lina Haddad, the coach of The Daily Lantern, laughed.\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["story.md"]) == 1
    out = capsys.readouterr().out
    assert "GL001" in out and "ND003" in out
    assert main(["claims", "--format", "json", "story.md"]) == 0
    data = json.loads(capsys.readouterr().out)
    verdicts = {c["statement"]: c["verdict"] for c in data["files"][0]["claims"]}
    assert verdicts["Lina Haddad · editor-in-chief · The Daily Lantern · unspecified"] == "verified"
    assert verdicts["The Daily Lantern · founded 1996"] == "contradicted"
    assert verdicts["Lina Haddad · coach · The Daily Lantern · unspecified"] == "unknown"
    assert main(["--format", "html", "-o", "report.html", "story.md"]) == 1
    page = (project / "report.html").read_text(encoding="utf-8")
    assert "factlint:titles.yaml" in page and "claims/facts.yaml" in page


def test_copy_titles_copies_the_lexicon(project: Path) -> None:
    assert main(["init", "--copy-titles", "sub"]) == 0
    facts_text = (project / "sub" / "claims" / "facts.yaml").read_text(encoding="utf-8")
    assert "include:" not in facts_text
    assert len(load_facts([project / "sub" / "claims"], project).titles) >= 15


def test_include_relative_shipped_and_once(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "orgs.yaml").write_text(
        "version: 1\ninclude: ../claims/people.yaml\nentities:\n"
        "  - {id: acme, type: organization, names: {en: [Acme]}}\n",
        encoding="utf-8",
    )
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "people.yaml").write_text(
        "version: 1\ninclude: [factlint:titles, ../shared/orgs.yaml]\nentities:\n"
        "  - id: bo\n    type: person\n    names: {en: [Bo Lind]}\n"
        "    roles: [{title: founder, org: acme}]\n",
        encoding="utf-8",
    )
    displays = [s.display for s in read_sources([claims], tmp_path)]
    assert displays == ["factlint:titles.yaml", "shared/orgs.yaml", "claims/people.yaml"]
    facts = load_facts([claims], tmp_path)
    assert facts.entities["bo"].roles[0].org == "acme"


def test_a_missing_include_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("version: 1\n\ninclude:\n  - nowhere.yaml\n", "utf-8")
    with pytest.raises(FactsError) as info:
        load_facts([tmp_path], tmp_path)
    assert str(info.value) == "a.yaml:3: include: no such facts file 'nowhere.yaml'"


def test_include_must_be_strings(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("version: 1\ninclude: [3]\n", "utf-8")
    with pytest.raises(FactsError, match="include"):
        load_facts([tmp_path], tmp_path)


def test_shipped_lexicon_has_both_languages_and_genders() -> None:
    from factlint.facts.loader import shipped_file

    data = yaml.safe_load(shipped_file("titles").read_text(encoding="utf-8"))
    for title in data["titles"]:
        assert title["names"].get("en") and title["names"].get("ar"), title["id"]
        if title["id"] != "founder":  # the feminine مؤسسة is also "institution"
            assert title.get("feminine", {}).get("ar"), title["id"]
