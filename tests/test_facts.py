"""Tests of the facts file format: loading, validation, cross-checks, dates and the cache."""

from __future__ import annotations

import copy
import datetime as dt
import random
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from factlint.errors import FactsError
from factlint.facts import Facts, load_facts, loader
from factlint.facts.loader import (
    FactsSource,
    display_path,
    facts_files,
    load_schema,
    quick_valid,
)
from factlint.facts.model import PartialDate, Role

SPEC_EXAMPLE = """\
version: 1
titles:
  - id: ceo
    label: chief executive
    names:
      en: [chief executive officer, chief executive, CEO]
      ar: [الرئيس التنفيذي, المدير التنفيذي, رئيس تنفيذي]
    feminine:
      ar: [الرئيسة التنفيذية, المديرة التنفيذية, رئيسة تنفيذية]
  - id: co-ceo
    label: co-chief executive
    names:
      en: [co-chief executive, co-CEO]
      ar: [الرئيس التنفيذي المشارك]
    feminine:
      ar: [الرئيسة التنفيذية المشاركة]
    broader: [ceo]
  - id: entrepreneur
    names: {en: [entrepreneur], ar: [رائد أعمال]}
    feminine: {ar: [رائدة أعمال]}
    org_free: true
  - id: us-treasury-secretary
    names: {en: [Treasury Secretary]}
quantity_kinds:
  - id: employees
    names:
      en: [employees, staff]
      ar: [موظف, موظفين]
entities:
  - id: sam-altman
    type: person
    gender: male
    born: 1985-04-22
    names:
      en: [Sam Altman, Samuel Altman]
      ar: [سام ألتمان, سام التمان]
    short: {en: [Altman], ar: [ألتمان]}
    avoid: {ar: [سام آلتمن]}
    source: https://en.wikipedia.org/wiki/Sam_Altman
    roles:
      - title: ceo
        org: openai
        start: 2019-03
        end: 2023-11-17
        source: https://openai.com/blog/openai-announces-leadership-transition
      - title: us-treasury-secretary
        id: altman.treasury
        label: US Treasury Secretary
        start: "1999-07-02"
        end: 2001
  - id: the-information
    type: publication
    names: {en: [The Information], ar: [ذا إنفورميشن]}
    literal: {ar: [المعلومات]}
    descriptors: {en: [tech news site], ar: [موقع إخباري]}
  - id: openai
    type: organization
    founded: 2015-12
    names: {en: [OpenAI], ar: [أوبن إيه آي]}
quantities:
  - id: openai.employees.2023-11
    entity: openai
    kind: employees
    value: 770
    as_of: 2023-11-20
    approximate: true
    source: https://www.wired.com/story/openai-staff-walk-protest-sam-altman/
  - entity: openai
    kind: employees
    value: 375
    as_of: 2023-01
"""

BASE = """\
version: 1
titles:
  - id: ceo
    names: {en: [CEO]}
entities:
  - id: openai
    type: organization
    names: {en: [OpenAI]}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(paths: list[Path], root: Path) -> FactsError:
    with pytest.raises(FactsError) as info:
        load_facts(paths, root)
    return info.value


# ------------------------------------------------------------------------ loading


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(load_schema())


def test_spec_example_loads(tmp_path: Path) -> None:
    write(tmp_path, "claims/people.yaml", SPEC_EXAMPLE)
    facts = load_facts([tmp_path / "claims"], root=tmp_path)

    assert list(facts.titles) == ["ceo", "co-ceo", "entrepreneur", "us-treasury-secretary"]
    ceo = facts.titles["ceo"]
    assert ceo.label == "chief executive"
    assert ceo.names["en"] == ("chief executive officer", "chief executive", "CEO")
    assert ceo.names_feminine["ar"][0] == "الرئيسة التنفيذية"
    assert facts.titles["co-ceo"].broader == ("ceo",)
    assert facts.titles["entrepreneur"].org_free is True
    assert facts.titles["ceo"].org_free is False
    assert facts.is_kind_of("co-ceo", "ceo")

    altman = facts.entities["sam-altman"]
    assert altman.type == "person"
    assert altman.gender == "male"
    assert altman.born == PartialDate(1985, 4, 22)
    assert altman.preferred("ar") == "سام ألتمان"
    assert altman.short["en"] == ("Altman",)
    assert altman.avoid["ar"] == ("سام آلتمن",)
    assert altman.file == "claims/people.yaml"
    assert altman.line == 30

    ceo_role, treasury = altman.roles
    assert ceo_role.id == "sam-altman.roles[0]"
    assert ceo_role.title == "ceo"
    assert ceo_role.org == "openai"
    assert ceo_role.start == PartialDate(2019, 3)
    assert ceo_role.end == PartialDate(2023, 11, 17)
    assert ceo_role.source == "https://openai.com/blog/openai-announces-leadership-transition"
    assert ceo_role.line == 41
    assert treasury.id == "altman.treasury"
    assert treasury.org is None
    assert treasury.label == "US Treasury Secretary"
    assert treasury.start == PartialDate(1999, 7, 2)
    assert treasury.end == PartialDate(2001)
    assert treasury.source == altman.source  # inherited from the entity
    assert treasury.line == 46
    assert [entity for entity, _ in facts.roles_for("ceo", "openai")] == [altman]

    assert facts.entities["the-information"].literal == {"ar": ("المعلومات",)}
    assert facts.entities["the-information"].descriptors["en"] == ("tech news site",)
    assert facts.entities["openai"].founded == PartialDate(2015, 12)

    assert facts.quantity_kinds["employees"].names["ar"] == ("موظف", "موظفين")
    first, second = facts.quantities_of("openai", "employees")
    assert first.id == "openai.employees.2023-11"
    assert (first.value, first.as_of, first.approximate) == (770, PartialDate(2023, 11, 20), True)
    assert second.id == "openai.employees.2023-01"  # the default id
    assert second.approximate is False
    assert second.source is None
    assert len(facts.digest) == 64


def test_files_in_directories_are_merged_in_sorted_order(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write(
        claims,
        "b/people.yml",
        "version: 1\nentities:\n  - {id: b, type: place, names: {en: [B]}}\n",
    )
    write(claims, "a.yaml", "version: 1\nentities:\n  - {id: a, type: place, names: {en: [A]}}\n")
    write(claims, "c.yaml", "")  # an empty file holds no facts
    write(claims, "notes.txt", "not yaml: [")
    write(claims, ".hidden.yaml", "not yaml: [")
    write(claims, ".git/x.yaml", "not yaml: [")
    facts = load_facts([claims], root=tmp_path)
    assert list(facts.entities) == ["a", "b"]
    assert facts.entities["b"].file == "claims/b/people.yml"
    names = [path.relative_to(claims).as_posix() for path in facts_files([claims])]
    assert names == ["a.yaml", "b/people.yml", "c.yaml"]


def test_empty_and_comment_only_files_hold_no_facts(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.yaml", "")
    comments = write(tmp_path, "comments.yaml", "# nothing yet\n")
    facts = load_facts([empty, comments], root=tmp_path)
    assert facts == Facts(entities={}, titles={}, digest=facts.digest)


def test_a_file_named_twice_is_loaded_once(tmp_path: Path) -> None:
    path = write(tmp_path, "claims/base.yaml", BASE)
    facts = load_facts([tmp_path / "claims", path], root=tmp_path)
    assert list(facts.entities) == ["openai"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    error = load_error([tmp_path / "nope"], tmp_path)
    assert error.path == "nope"


def test_display_path(tmp_path: Path) -> None:
    inside = tmp_path / "claims" / "x.yaml"
    assert display_path(inside, tmp_path) == "claims/x.yaml"
    outside = tmp_path.parent / "elsewhere.yaml"
    assert display_path(outside, tmp_path) == outside.as_posix()


def test_digest_depends_on_content_only(tmp_path: Path) -> None:
    path = write(tmp_path, "base.yaml", BASE)
    first = load_facts([path], root=tmp_path).digest
    assert load_facts([path], root=tmp_path.parent).digest == first
    path.write_text(BASE + "# a comment\n", encoding="utf-8")
    assert load_facts([path], root=tmp_path).digest != first


# ----------------------------------------------------------------------- schema


@pytest.mark.parametrize(
    ("entity_lines", "line", "column", "message"),
    [
        (
            "    gendr: male\n",
            12,
            5,
            "entities[1].gendr: unknown field 'gendr'; did you mean 'gender'?",
        ),
        ("    born: 2023-13\n", 12, 11, "entities[1].born: invalid date '2023-13'"),
        ("    born: 2023-02-30\n", 12, 11, "entities[1].born: invalid date '2023-02-30'"),
        ("    born: 23-1\n", 12, 11, "entities[1].born: invalid date '23-1'"),
        ("    born: 0\n", 12, 11, "entities[1].born: invalid date 0"),
        ("    gender: 3\n", 12, 13, "entities[1].gender: expected one of male, female"),
        ("    source: [a, b]\n", 12, 13, "entities[1].source: expected a string, got a list"),
        ("    short: {en: Altman}\n", 12, 17, "entities[1].short.en: expected a list of strings"),
        ("    short: {en: [Altman, 7]}\n", 12, 26, "entities[1].short.en[1]: expected a string"),
        ("    short: {english: [x]}\n", 12, 13, "entities[1].short.english: invalid language"),
        ("    roles: [{org: openai}]\n", 12, 13, "entities[1].roles[0]: missing required field"),
        (
            "    roles:\n      - title: ceo\n        star: 2020\n",
            14,
            9,
            "entities[1].roles[0].star: unknown",
        ),
    ],
)
def test_schema_violations_point_at_file_line_and_field(
    tmp_path: Path, entity_lines: str, line: int, column: int, message: str
) -> None:
    text = BASE + "  - id: sam\n    type: person\n    names: {en: [Sam]}\n" + entity_lines
    path = write(tmp_path, "claims/people.yaml", text)
    error = load_error([path], tmp_path)
    assert error.path == "claims/people.yaml"
    assert (error.line, error.column) == (line, column), str(error)
    assert error.message.startswith(message), error.message
    assert str(error).startswith(f"claims/people.yaml:{line}:{column}: ")


def test_the_first_schema_violation_by_position_is_reported(tmp_path: Path) -> None:
    text = BASE + "  - id: Bad Id\n    type: robot\n    names: {}\n    extra: 1\n"
    error = load_error([write(tmp_path, "x.yaml", text)], tmp_path)
    assert (error.line, error.column) == (9, 9)
    assert error.message.startswith("entities[1].id: invalid id 'Bad Id'")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("titles: []\n", 1, "missing required field 'version'"),
        ("version: 2\n", 1, "version: unsupported version 2"),
        ("- version: 1\n", 1, "expected a mapping, got a list"),
        ("version: 1\nentity: []\n", 2, "entity: unknown field 'entity'"),
        ("version: 1\ntitles:\n  - id: x\n", 3, "titles[0]: missing required field 'names'"),
        ("version: 1\ntitles:\n  - {id: x, names: {}}\n", 3, "titles[0].names: must give names"),
        ("version: 1\ntitles:\n  - {id: x, names: {en: ['']}}\n", 3, "titles[0].names.en[0]: must"),
        ("version: 1\ntitles:\n  - {id: x, names: {no: [x]}}\n", 3, "titles[0].names: keys must"),
        ("version: 1\nquantities:\n  - {entity: a, kind: b, value: -1}\n", 3, "quantities[0].v"),
    ],
)
def test_top_level_and_section_violations(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    error = load_error([write(tmp_path, "x.yaml", text)], tmp_path)
    assert error.line == line, str(error)
    assert error.message.startswith(message), error.message


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    text = BASE + "    names: {en: [Open AI]}\n"
    error = load_error([write(tmp_path, "x.yaml", text)], tmp_path)
    assert (error.line, error.column) == (9, 5)
    assert error.message == "entities[0]: duplicate key 'names' (first given on line 8)"


def test_broken_yaml_reports_the_line(tmp_path: Path) -> None:
    text = "version: 1\ntitles:\n  - id: ceo\n    names: {en: [CEO}\n"
    error = load_error([write(tmp_path, "broken.yaml", text)], tmp_path)
    assert error.path == "broken.yaml"
    assert error.line == 4
    assert error.column is not None
    assert error.message.startswith("invalid YAML: ")


def test_bad_indentation_reports_the_line(tmp_path: Path) -> None:
    text = "version: 1\nentities:\n  - id: x\n   type: person\n"
    error = load_error([write(tmp_path, "broken.yaml", text)], tmp_path)
    assert error.line == 4


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\n# caf\xe9\n")
    assert "UTF-8" in load_error([path], tmp_path).message


# -------------------------------------------------------------- cross-references


@pytest.mark.parametrize(
    ("extra", "line", "column", "message"),
    [
        (
            "  - id: sam\n    type: person\n    names: {en: [Sam]}\n"
            "    roles:\n      - title: ceo\n        org: open-ai\n",
            14,
            14,
            "entities[1].roles[0].org: unknown entity id 'open-ai'; did you mean 'openai'?",
        ),
        (
            "  - id: sam\n    type: person\n    names: {en: [Sam]}\n"
            "    roles:\n      - {title: cto, org: openai}\n",
            13,
            17,
            "entities[1].roles[0].title: unknown title id 'cto'",
        ),
        (
            "  - id: sam\n    type: person\n    names: {en: [Sam]}\n"
            "    roles:\n      - {title: ceo, start: 2020-05, end: 2020-04-30}\n",
            13,
            43,
            "entities[1].roles[0].end: end 2020-04-30 is before start 2020-05",
        ),
        (
            "  - id: sam\n    type: person\n    names: {en: [Sam]}\n"
            "    roles:\n      - {title: ceo, id: openai}\n",
            13,
            26,
            "entities[1].roles[0].id: duplicate role id 'openai' (first at x.yaml:6)",
        ),
        (
            "  - id: openai\n    type: organization\n    names: {en: [OpenAI]}\n",
            9,
            9,
            "entities[1].id: duplicate entity id 'openai' (first at x.yaml:6)",
        ),
        (
            "  - {id: acme, type: organization, names: {en: [Acme]}, gender: female}\n",
            9,
            65,
            "entities[1].gender: only persons have a gender",
        ),
        (
            "quantities:\n  - {entity: opneai, kind: users, value: 1}\n",
            10,
            14,
            "quantities[0].entity: unknown entity id 'opneai'; did you mean 'openai'?",
        ),
        (
            "quantity_kinds:\n  - {id: users, names: {en: [users]}}\n"
            "quantities:\n  - {entity: openai, kind: user, value: 1}\n",
            12,
            28,
            "quantities[0].kind: unknown quantity kind id 'user'; did you mean 'users'?",
        ),
        (
            "quantity_kinds:\n  - {id: users, names: {en: [users]}}\n"
            "quantities:\n  - {entity: openai, kind: users, value: 1, as_of: 2023}\n"
            "  - {entity: openai, kind: users, value: 2, as_of: 2023}\n",
            13,
            5,
            "quantities[1]: duplicate quantity id 'openai.users.2023' (first at x.yaml:12);"
            " give the quantity an explicit id",
        ),
        (
            "  - {id: ada, type: person, names: {en: [Ada]}, born: 1900, died: 1899-12}\n",
            9,
            67,
            "entities[1].died: died 1899-12 before born 1900",
        ),
    ],
)
def test_cross_reference_errors(
    tmp_path: Path, extra: str, line: int, column: int, message: str
) -> None:
    error = load_error([write(tmp_path, "x.yaml", BASE + extra)], tmp_path)
    assert (error.path, error.line, error.column) == ("x.yaml", line, column), str(error)
    assert error.message.startswith(message), error.message


def test_unknown_and_cyclic_broader_titles(tmp_path: Path) -> None:
    unknown = "version: 1\ntitles:\n  - {id: a, names: {en: [a]}, broader: [b]}\n"
    error = load_error([write(tmp_path, "x.yaml", unknown)], tmp_path)
    assert (error.line, error.message) == (3, "titles[0].broader[0]: unknown title id 'b'")
    cyclic = (
        "version: 1\ntitles:\n"
        "  - {id: a, names: {en: [a]}, broader: [b]}\n"
        "  - {id: b, names: {en: [b]}, broader: [a]}\n"
    )
    error = load_error([write(tmp_path, "x.yaml", cyclic)], tmp_path)
    assert error.line == 3
    assert "broader than itself" in error.message


def test_duplicate_id_across_two_files(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write(claims, "a.yaml", BASE)
    write(
        claims,
        "b.yaml",
        "version: 1\n"
        "titles:\n"
        "  - id: chair\n"
        "    names: {en: [chair]}\n"
        "  - id: ceo\n"
        "    names: {en: [chief executive]}\n",
    )
    error = load_error([claims], tmp_path)
    assert (error.path, error.line, error.column) == ("claims/b.yaml", 5, 9)
    assert error.message == "titles[1].id: duplicate title id 'ceo' (first at claims/a.yaml:3)"


def test_references_resolve_across_files(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write(
        claims,
        "a-people.yaml",
        "version: 1\nentities:\n"
        "  - {id: sam, type: person, names: {en: [Sam]}, roles: [{title: ceo, org: openai}]}\n",
    )
    write(claims, "z-orgs.yaml", BASE)
    facts = load_facts([claims], root=tmp_path)
    assert facts.entities["sam"].roles[0].org == "openai"


# ------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("value", "expected", "earliest", "latest"),
    [
        ("2023", PartialDate(2023), dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        (2023, PartialDate(2023), dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2023-11", PartialDate(2023, 11), dt.date(2023, 11, 1), dt.date(2023, 11, 30)),
        ("2023-12", PartialDate(2023, 12), dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        ("2024-02", PartialDate(2024, 2), dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", PartialDate(2023, 2), dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2023-11-17", PartialDate(2023, 11, 17), dt.date(2023, 11, 17), dt.date(2023, 11, 17)),
        (dt.date(2023, 11, 17), PartialDate(2023, 11, 17), dt.date(2023, 11, 17), None),
        (dt.datetime(2023, 11, 17, 9, 30), PartialDate(2023, 11, 17), dt.date(2023, 11, 17), None),
    ],
)
def test_partial_date(
    value: object, expected: PartialDate, earliest: dt.date, latest: dt.date | None
) -> None:
    date = PartialDate.parse(value)
    assert date == expected
    assert date.earliest() == earliest
    assert date.latest() == (latest or earliest)
    assert PartialDate.parse(str(date)) == date


@pytest.mark.parametrize("value", ["2023-13", "2023-02-29", "2023-00", "November 2023", ""])
def test_partial_date_rejects_invalid_dates(value: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(value)


@given(st.dates(min_value=dt.date(1, 1, 1)), st.integers(min_value=1, max_value=3))
def test_partial_date_round_trips(day: dt.date, precision: int) -> None:
    parts = [day.year, day.month, day.day][:precision]
    date = PartialDate(*parts)
    assert PartialDate.parse(str(date)) == date
    assert date.earliest() <= day <= date.latest()


# ----------------------------------------------------------------- Role.held_on


def role(start: str | None, end: str | None) -> Role:
    return Role(
        id="r",
        title="ceo",
        org="openai",
        start=PartialDate.parse(start) if start else None,
        end=PartialDate.parse(end) if end else None,
    )


@pytest.mark.parametrize(
    ("start", "end", "day", "expected"),
    [
        # exact dates: both ends inclusive
        ("2019-03-01", "2023-11-17", "2019-02-28", False),
        ("2019-03-01", "2023-11-17", "2019-03-01", True),
        ("2019-03-01", "2023-11-17", "2021-06-15", True),
        ("2019-03-01", "2023-11-17", "2023-11-17", True),
        ("2019-03-01", "2023-11-17", "2023-11-18", False),
        # a partial start: undecided inside the start month, except on its last day
        ("2019-03", "2023-11-17", "2019-02-28", False),
        ("2019-03", "2023-11-17", "2019-03-01", None),
        ("2019-03", "2023-11-17", "2019-03-15", None),
        ("2019-03", "2023-11-17", "2019-03-31", True),
        ("2019-03", "2023-11-17", "2019-04-01", True),
        # a partial end: undecided inside the end month, except on its first day
        ("2019-03-01", "2023-11", "2023-10-31", True),
        ("2019-03-01", "2023-11", "2023-11-01", True),
        ("2019-03-01", "2023-11", "2023-11-20", None),
        ("2019-03-01", "2023-11", "2023-11-30", None),
        ("2019-03-01", "2023-11", "2023-12-01", False),
        # years
        ("2019", "2023", "2018-12-31", False),
        ("2019", "2023", "2019-06-01", None),
        ("2019", "2023", "2021-01-01", True),
        ("2019", "2023", "2023-06-01", None),
        ("2019", "2023", "2024-01-01", False),
        # open ends
        (None, "2023-11-17", "1900-01-01", True),
        (None, "2023-11-17", "2023-11-18", False),
        ("2019-03", None, "2019-02-01", False),
        ("2019-03", None, "2030-01-01", True),
        (None, None, "2000-01-01", True),
    ],
)
def test_role_held_on(start: str | None, end: str | None, day: str, expected: bool | None) -> None:
    assert role(start, end).held_on(dt.date.fromisoformat(day)) is expected


def _days(date: PartialDate) -> list[dt.date]:
    first, last = date.earliest(), date.latest()
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


_partial_months = st.builds(
    lambda day, precision: PartialDate(*[day.year, day.month, day.day][:precision]),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2003, 12, 31)),
    st.integers(min_value=2, max_value=3),
)


@given(_partial_months, _partial_months, st.dates(dt.date(1999, 12, 1), dt.date(2004, 1, 31)))
def test_role_held_on_agrees_with_every_exact_reading(
    first: PartialDate, second: PartialDate, day: dt.date
) -> None:
    start, end = sorted([first, second], key=lambda d: d.earliest())
    assume(end.earliest() >= start.latest())  # the loader rejects an end before the start
    readings = {s <= day <= e for s in _days(start) for e in _days(end) if s <= e}
    expected = readings.pop() if len(readings) == 1 else None
    held = Role("r", "ceo", None, start, end).held_on(day)
    assert held is expected


# The facts cache is tested in test_cache.py.


# JSON values a mutant may take: wrong types, bools for ints, floats, blanks, bad ids
_MUTANT_VALUES = [None, 1, 0, -1, 1.0, 2.5, True, False, "", " ", "x", "Ab", "ab-c", "2020"]
_MUTANT_VALUES += ["2020-13", 10000, [], {}, ["a"], ["a", "a"], {"en": []}, {"EN": ["x"]}, [1]]


def _mutant(data: object, rng: random.Random) -> object:
    """``data`` with one value replaced, one key added or one removed, at random."""
    data = copy.deepcopy(data)
    node, parent, key = data, None, None
    for _ in range(rng.randint(1, 6)):
        if isinstance(node, dict) and node:
            parent, key = node, rng.choice(list(node))
        elif isinstance(node, list) and node:
            parent, key = node, rng.randrange(len(node))
        else:
            break
        node = parent[key]
    if isinstance(parent, dict) and rng.random() < 0.3:
        if rng.random() < 0.5:
            parent[rng.choice(["zzz", "id", "names", "roles", "type", "org"])] = rng.choice(
                _MUTANT_VALUES
            )
        else:
            del parent[key]
    elif parent is not None:
        parent[key] = rng.choice(_MUTANT_VALUES)
    return data


def test_the_quick_schema_check_accepts_only_valid_documents() -> None:
    """``quick_valid`` lets jsonschema be skipped: it must never accept a document
    jsonschema rejects (a rejection only means jsonschema decides)."""
    validator = Draft202012Validator(load_schema())
    claims = Path(__file__).resolve().parents[1] / "claims"
    rng = random.Random(11)
    accepted = 0
    for path in sorted(claims.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert quick_valid(data)  # the repository's facts take the quick path
        for _ in range(60):
            mutant = _mutant(data, rng)
            if quick_valid(mutant):
                accepted += 1
                assert not list(validator.iter_errors(mutant)), mutant
    assert accepted > 20
    assert not quick_valid({"version": 1, "include": "x.yaml"})  # oneOf: jsonschema decides
    assert not quick_valid({"version": 1.0})


_YAML_CASES = [
    "",
    "# only a comment\n",
    "---\n",
    "a: 1\n---\nb: 2\n",
    "x",
    "- 1\n- 2\n",
    "a: yes\nb: No\nc: on\nd: ~\ne: null\nf: 0x1F\ng: 0o17\nh: 012\ni: 1_000\nj: .inf\n"
    "k: -.NaN\nl: 1.5e3\nm: 1e3\nn: 2020-01-01\no: 2020-01-01 10:00:00\np: '12'\n"
    'q: "true"\nr: !!str 5\nt: =\n',
    "a: &x 1\nb: *x\n",
    "a: &x {c: 1}\nb:\n  <<: *x\n  d: 2\n",
    "a: 1\na: 2\n",
    "? [1, 2]\n: x\n",
    "1: a\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: ! x\n",
    "'a': 1\n\"b\": {\"c\": [1, 'd']}\n",
    "a:\n" + "".join("  " * (i + 1) + "- \n" for i in range(70)),
    "a: " + "[" * 70 + "]" * 70 + "\n",
    "a: " + "[" * 30 + "]" * 30 + "\n",
    "a: x" + "[" * 70 + "\n",
    "a: [1, 2\n",
    "\tbad: 1\n",
    "a: |\n  multi\n  line\nb: >\n  folded\n  text\n",
    "a:\n  - b: 1\n    c: 2\n  - [x, y]\n",
    "a: {}\nb: []\nc: ''\nd:\n",
    "%YAML 1.1\n---\na: 1\n",
    "!!map {a: 1}\n",
    "a: -1\nb: +1\nc: 0\nd: -0.0\ne: 1:30\n",
]


def _same_values(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same_values(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_values(x, y) for x, y in zip(a, b, strict=True))
    return a == b or a != a  # NaN


def test_plain_yaml_is_read_from_events_as_the_composer_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The one-pass reader gives the composer path's data (with the same types) and
    positions, or leaves the file to the composer path (which then reports it)."""
    claims = Path(__file__).resolve().parents[1] / "claims"
    texts = [p.read_text(encoding="utf-8") for p in sorted(claims.glob("*.yaml"))]
    read_by_events = 0
    for index, text in enumerate([*texts, *_YAML_CASES]):
        source = FactsSource(Path(f"/x/{index}.yaml"), f"{index}.yaml", text.encode())
        plain = loader._read_plain(text)
        with monkeypatch.context() as patch:
            patch.setattr(loader, "_read_plain", lambda text: None)
            try:
                composed = loader._parse_yaml(source)
            except FactsError:
                assert plain is None, text
                continue
        if plain is None:
            continue
        read_by_events += 1
        if plain is loader._EMPTY:
            assert composed is None
            continue
        assert composed is not None
        assert _same_values(plain[0], composed[0]), text
        assert plain[1] == composed[1], text
    assert read_by_events >= len(texts) + 10
