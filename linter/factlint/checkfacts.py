"""``factlint check-facts``: validate the facts and rule-pack files, reporting
every problem rather than the first (the ``factlint-facts`` pre-commit hook).

Per facts file: YAML syntax (the first error of that file: the parser stops
there), then *every* JSON-Schema violation, each as ``file:line:col: field:
problem``. When every file passes the schema, the files are merged and
cross-checked (unknown references, duplicate ids, cycles), again reporting
every problem. Per rule pack: YAML syntax, duplicate keys, every schema
violation, then the rules' own checks (the first problem of each pack).

This uses the facts loader's internals (``_parse_yaml``, ``_schema_problems``,
``_Builder``), which collect every problem where ``load_facts`` raises the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from factlint.errors import ConfigError, FactlintError, FactsError
from factlint.facts import loader
from factlint.rules import rulepacks


def facts_problems(paths: Sequence[Path], root: Path) -> list[str]:
    """Every problem found in the facts files named by ``paths``."""
    from jsonschema import Draft202012Validator

    try:
        sources = loader.read_sources(paths, root)
    except FactsError as exc:
        return [str(exc)]
    validator = Draft202012Validator(loader.load_schema())
    problems: list[str] = []
    documents: list[loader._Document] = []
    for index, source in enumerate(sources):
        try:
            parsed = loader._parse_yaml(source)
        except FactsError as exc:
            problems.append(str(exc))
            continue
        if parsed is None:
            continue
        data, positions = parsed
        documents.append(loader._Document(index, source.display, data, positions))
        found: list[tuple[int, int, str]] = []
        for error in validator.iter_errors(data):
            for path, at_key, problem in loader._schema_problems(error):
                line, column = positions.key(path) if at_key else positions.value(path)
                found.append((line, column, loader._message(path, problem)))
        for line, column, message in sorted(set(found)):
            problems.append(str(FactsError(message, source.display, line, column)))
    if problems:
        return problems
    builder = loader._Builder(documents)
    try:
        builder.build(loader.facts_digest(sources))
    except FactsError as first:
        every = [
            str(
                FactsError(
                    loader._message(where.path, problem), where.display, where.line, where.column
                )
            )
            for where, problem in sorted(builder.problems, key=lambda entry: entry[0])
        ]
        return every or [str(first)]
    return []


def _pack_problems(text: str, where: str) -> list[str]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        node = data = None
    if node is not None and isinstance(data, dict):
        import jsonschema

        try:
            rulepacks._check_duplicate_keys(node, where)
        except ConfigError as exc:
            return [str(exc)]
        errors = jsonschema.Draft202012Validator(rulepacks.SCHEMA).iter_errors(data)
        found = sorted(
            {
                (exc.line or 0, str(exc))
                for exc in (rulepacks._schema_error(e, node, where) for e in errors)
            }
        )
        if found:
            return [message for _, message in found]
    try:
        rulepacks.parse_pack(text, where)
    except FactlintError as exc:
        return [str(exc)]
    return []


def pack_problems(paths: Sequence[Path], root: Path) -> list[str]:
    """Every problem found in the rule packs named by ``paths``, then across packs."""
    from factlint.paths import display_path

    try:
        files = rulepacks.pack_files(paths)
    except ConfigError as exc:
        return [str(exc)]
    problems: list[str] = []
    for file in files:
        where = display_path(file, root)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{where}: cannot read rule pack: {exc}")
            continue
        problems.extend(_pack_problems(text, where))
    if not problems:
        try:
            rulepacks.load_packs(paths)
        except ConfigError as exc:
            problems.append(str(exc))
    return problems


def check(facts: Sequence[Path], packs: Sequence[Path], root: Path) -> list[str]:
    """Every problem in the facts files, then in the rule packs."""
    return facts_problems(facts, root) + pack_problems(packs, root)
