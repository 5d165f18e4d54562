"""Claim coverage: verdicts, the ``factlint claims`` command and --suggest-facts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pluggy
import pytest
import yaml

from conftest import WorldContext, WorldLint
from factlint.cli import main
from factlint.coverage import FileCoverage, JudgedClaim, Verdict, judge
from factlint.facts.loader import load_facts, load_schema
from factlint.facts.model import Facts
from factlint.suggest import suggest_facts

DAY = "2023-06-01"


@pytest.fixture
def claims_of(world_context: WorldContext, world_lint: WorldLint) -> Any:
    def run(text: str) -> list[JudgedClaim]:
        ctx = world_context(text, date=DAY)
        return list(judge(ctx, world_lint(text, date=DAY)).claims)

    return run


def _only(claims: list[JudgedClaim], kind: str) -> JudgedClaim:
    found = [c for c in claims if c.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_a_role_the_facts_record_is_verified_with_its_fact(claims_of: Any) -> None:
    claim = _only(claims_of("Nadia Karimi, the chief executive of Zentrix, spoke."), "role")
    assert claim.verdict is Verdict.VERIFIED
    assert [f.id for f in claim.facts] == ["nadia-karimi.ceo.zentrix"]
    assert "Nadia Karimi · chief executive · Zentrix" in claim.statement
    assert claim.text.startswith("Nadia Karimi")


def test_a_role_the_rules_contradict_names_the_finding_code(claims_of: Any) -> None:
    claim = _only(claims_of("Omar Haddad, the chief executive of Zentrix, spoke."), "role")
    assert claim.verdict is Verdict.CONTRADICTED
    assert len(claim.codes) == 1 and claim.codes[0].startswith("AT")  # a tense code
    assert claim.facts and claim.facts[0].id == "omar-haddad.ceo.zentrix"


def test_a_role_the_facts_are_silent_on_says_what_is_missing(claims_of: Any) -> None:
    claim = _only(claims_of("Leo Marsh, the CTO of Twitch, spoke."), "role")
    assert claim.verdict is Verdict.UNKNOWN
    assert claim.entity == "leo-marsh"
    assert "chief technology officer" in claim.missing and "Twitch" in claim.missing
    assert claim.stub is not None and (claim.stub.title, claim.stub.org) == ("cto", "twitch")


def test_an_unknown_organisation_word_is_the_missing_entity(claims_of: Any) -> None:
    claim = _only(claims_of("Emmett Shear, the former chief executive of Quorbix, spoke."), "role")
    assert claim.verdict is Verdict.UNKNOWN
    assert "Quorbix" in claim.missing
    assert claim.stub is not None and claim.stub.what == "entity" and claim.stub.name == "Quorbix"


@pytest.mark.parametrize(
    ("text", "kind", "verdict", "code"),
    [
        ("Nadia Karimi, 43, said it.", "age", Verdict.VERIFIED, None),
        ("Nadia Karimi, 44, said it.", "age", Verdict.CONTRADICTED, "ND001"),
        ("On Thursday, 1 June 2023, the board met.", "date", Verdict.VERIFIED, None),
        ("On Friday, 1 June 2023, the board met.", "date", Verdict.CONTRADICTED, "ND002"),
        ("Zentrix, founded in 2010, said it.", "year", Verdict.VERIFIED, None),
        ("Zentrix's 40 employees walked out.", "count", Verdict.CONTRADICTED, "ND004"),
        ("Twitch's 40 employees walked out.", "count", Verdict.UNKNOWN, None),
        ("The Ledger, founded in 2001, said it.", "year", Verdict.UNKNOWN, None),
    ],
)
def test_number_claims(
    claims_of: Any, text: str, kind: str, verdict: Verdict, code: str | None
) -> None:
    claim = _only(claims_of(text), kind)
    assert claim.verdict is verdict
    assert claim.codes == ((code,) if code else ())
    if verdict is Verdict.VERIFIED:
        assert claim.facts and claim.basis
    if verdict is Verdict.UNKNOWN:
        assert claim.missing and claim.stub is not None


def test_a_finding_of_another_family_does_not_contradict(claims_of: Any) -> None:
    # a duplicated word inside the claim is a text problem, not a contradiction
    claim = _only(claims_of("Nadia Karimi, the the chief executive of Zentrix, spoke."), "role")
    assert claim.verdict is Verdict.VERIFIED


def _fill(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v) for v in value]
    fills = {"<YYYY-MM-DD>": "2020-01-02", "<URL or citation>": "https://example.org/x"}
    fills |= {"<number>": 12, "<id>": "new-entity"}
    return fills.get(value, value) if isinstance(value, str) else value


def test_suggested_facts_have_placeholders_and_are_valid_once_filled(
    claims_of: Any, world_facts_dir: Path, world_facts: Facts, tmp_path: Path
) -> None:
    text = (
        "Leo Marsh, the CTO of Twitch, spoke. Emmett Shear, the former chief executive of "
        "Quorbix, spoke. Twitch's 40 employees walked out. The Ledger, founded in 2001, said it."
    )
    drafts = suggest_facts([FileCoverage("a.md", tuple(claims_of(text)))])
    assert all(p in drafts for p in ("<YYYY-MM-DD>", "<URL or citation>"))
    line = world_facts.entities["leo-marsh"].line
    assert f"# Add these fields to the entity 'leo-marsh' (world.yaml:{line})." in drafts
    values = [line for line in drafts.splitlines() if not line.lstrip().startswith("#")]
    assert not any("2001" in line or "40" in line for line in values)  # the article's numbers
    assert "founded 2001" in drafts  # ...are named only in the comment citing the claim
    documents = list(yaml.safe_load_all(drafts))
    facts_file, *additions = documents
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema())
    assert list(validator.iter_errors(facts_file)), "placeholders must not validate"
    filled = _fill(facts_file)
    assert not list(validator.iter_errors(filled))
    assert {a["id"] for a in additions} == {"leo-marsh", "the-ledger"}
    # merge the additions into a copy of the world and load it
    world = yaml.safe_load((world_facts_dir / "world.yaml").read_text(encoding="utf-8"))
    for addition in additions:
        entity = next(e for e in world["entities"] if e["id"] == addition["id"])
        extra = _fill(addition)
        if "roles" in extra:
            entity.setdefault("roles", []).extend(extra.pop("roles"))
        entity.update({k: v for k, v in extra.items() if k != "id"})
    (tmp_path / "world.yaml").write_text(yaml.safe_dump(world, allow_unicode=True), "utf-8")
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(filled, allow_unicode=True), "utf-8")
    facts = load_facts([tmp_path], tmp_path)
    assert any(r.id == "leo-marsh.cto.twitch" for r in facts.entities["leo-marsh"].roles)
    assert facts.entities["quorbix"].names["en"] == ("Quorbix",)


@pytest.fixture
def project(tmp_path: Path, world_facts_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(world_facts_dir, tmp_path / "claims")
    (tmp_path / ".factlint.yaml").write_text("facts: [claims]\ndate: 2023-06-01\n", "utf-8")
    (tmp_path / "a.md").write_text(
        "Nadia Karimi, the chief executive of Zentrix, spoke.\n\n"
        "Leo Marsh, the CTO of Twitch, spoke.\n\nNadia Karimi, 44, said it.\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_claims_command_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "a.md"]) == 0
    out = capsys.readouterr().out
    assert "1:1      role   verified     Nadia Karimi" in out
    assert "nadia-karimi.ceo.zentrix" in out
    assert "ND001" in out
    assert "3 claims: 1 verified, 1 contradicted, 1 unknown" in out
    assert out.rstrip().endswith("Total: 1 file, 3 claims: 1 verified, 1 contradicted, 1 unknown.")


def test_claims_command_json_and_claims_json_format(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["claims", "--format", "json", "a.md"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"claims": 3, "verified": 1, "contradicted": 1, "unknown": 1}
    unknown = [c for c in data["files"][0]["claims"] if c["verdict"] == "unknown"]
    assert unknown[0]["entity"] == "leo-marsh" and unknown[0]["line"] == 3
    # the same through the lint command's --format
    assert main(["--format", "claims-json", "a.md"]) == 1
    assert json.loads(capsys.readouterr().out) == data


def test_unknown_only_groups_by_entity(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--unknown-only", "a.md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Leo Marsh (leo-marsh)\n  a.md:3:1: role")
    assert "Nadia" not in out
    assert "1 unknown claims about 1 entities." in out


def test_claims_command_errors_are_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], pm: pluggy.PluginManager
) -> None:
    assert main(["claims", "--format", "xml", "a.md"]) == 2
    assert main(["claims", "missing.md"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("factlint: error: unknown claims format 'xml'")
    assert err[1] == "factlint: error: missing.md: no such file or directory"


def test_a_disagreement_no_selected_rule_reports_is_not_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["claims", "--format", "json", "--ignore", "ND001", "a.md"]) == 0
    claims = json.loads(capsys.readouterr().out)["files"][0]["claims"]
    age = next(c for c in claims if c["kind"] == "age")
    assert age["verdict"] == "unknown"
    assert age["missing"] == "not checked: the age disagrees and ND001 is not selected"
