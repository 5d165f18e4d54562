"""The published JSON schemas in schemas/: stable ids, in step with the code."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from factlint.config import _KNOWN
from factlint.facts.loader import load_schema
from factlint.scaffold import files_to_write

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def _schema(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(data)
    return data


def test_facts_schema_is_the_one_the_loader_uses() -> None:
    published = _schema("facts.schema.json")
    assert published == load_schema()
    assert published["$id"] == "https://factlint.invalid/schema/facts-1.json"


def test_config_schema_knows_every_setting() -> None:
    schema = _schema("config.schema.json")
    assert schema["$id"] == "https://factlint.invalid/schema/config-1.json"
    assert set(schema["properties"]) == set(_KNOWN)  # type: ignore[call-overload]


def test_config_schema_accepts_real_configurations() -> None:
    validator = Draft202012Validator(_schema("config.schema.json"))
    root = SCHEMAS.parent
    ours = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["factlint"]
    assert not list(validator.iter_errors(ours))
    started = yaml.safe_load(files_to_write(False)[".factlint.yaml"])
    assert not list(validator.iter_errors(started))


@pytest.mark.parametrize(
    "bad",
    [
        {"fact": ["claims"]},
        {"max-file-size": -1},
        {"per-file": {"a.md": {"dat": "2020-01-01"}}},
        {"date": "01/02/2020"},
        {"select": ["not a code"]},
    ],
)
def test_config_schema_rejects_mistakes(bad: dict[str, object]) -> None:
    validator = Draft202012Validator(_schema("config.schema.json"))
    assert list(validator.iter_errors(bad))


def test_starter_facts_validate_against_the_published_schema() -> None:
    validator = Draft202012Validator(_schema("facts.schema.json"))
    for name, text in files_to_write(True).items():
        if name.startswith("claims/"):
            assert not list(validator.iter_errors(yaml.safe_load(text))), name
