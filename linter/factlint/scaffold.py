"""``factlint init [DIR]``: start a project's configuration, facts and rule pack.

Writes ``.factlint.yaml``, ``claims/facts.yaml`` (which includes the starter
title lexicon shipped with factlint and shows one commented example entity)
and ``rules/glossary.yaml`` (one example glossary entry). It refuses to run
when any of these files already exists, and writes nothing then.
``--copy-titles`` also copies the lexicon into ``claims/titles.yaml`` (for
editing it) instead of including it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factlint.facts.loader import shipped_file

EXIT_CLEAN, EXIT_ERROR = 0, 2

CONFIG = """\
# factlint configuration. Every setting: README.md ("Configuration").
# Editors: docs/coverage.md shows how to validate this file with
# schemas/config.schema.json.
facts: [claims]     # facts files or directories (YAML)
rules: [rules]      # rule packs (glossaries)
# date: 2024-01-31  # the document date for articles that do not give one
# lang: en          # the language for articles that do not declare one
# ignore: [TX004]   # rule codes or prefixes to turn off
"""

FACTS_HEADER = """\
# Your facts: the entities your articles name, with their names, roles and
# dates, each with a source. Format: docs/facts.md. Check what your articles
# claim and what the facts can judge with 'factlint claims ARTICLES'.
version: 1
"""

INCLUDE = """\
# The starter title lexicon shipped with factlint (chief executive, chair,
# president, founder, minister, coach, editor... in English and Arabic).
include: [factlint:titles]
"""

EXAMPLE = """
# An example entity: uncomment it and replace it with a real one. Never write
# a fact without its source.
#
# entities:
#   - id: jane-doe                   # lowercase id, used in messages
#     type: person                   # person, organization, publication, ...
#     gender: female                 # decides Arabic verb agreement
#     born: '1970-03-14'             # YYYY, YYYY-MM or YYYY-MM-DD
#     names:
#       en: [Jane Doe]               # the first form is the preferred one
#       ar: [جين دو]
#     short:
#       en: [Doe]                    # the surname alone
#     source: https://example.org/jane-doe
#     roles:
#       - title: ceo                 # a title id from the lexicon
#         org: example-corp          # an entity id
#         start: '2019-05'
#         source: https://example.org/jane-doe-named-ceo
#
#   - id: example-corp
#     type: organization
#     founded: 2001
#     names:
#       en: [Example Corp]
#     source: https://example.org/about
"""

GLOSSARY = """\
# A house glossary: words to replace or avoid. Format: docs/rule-packs.md.
pack: house-glossary
description: the newsroom's own word list
rules:
  - code: GL001
    name: comprised-of
    type: substitution
    severity: warning
    lang: en
    description: "'comprised of' for 'composed of' or 'comprising'"
    message: "'{match}' is disputed usage; write '{replacement}'"
    swap:
      comprised of: composed of
    source: house style
"""


def files_to_write(copy_titles: bool) -> dict[str, str]:
    """Relative path -> content of every file ``factlint init`` writes."""
    facts = FACTS_HEADER + ("" if copy_titles else INCLUDE) + EXAMPLE
    files = {
        ".factlint.yaml": CONFIG,
        "claims/facts.yaml": facts,
        "rules/glossary.yaml": GLOSSARY,
    }
    if copy_titles:
        files["claims/titles.yaml"] = shipped_file("titles").read_text(encoding="utf-8")
    return files


def init(directory: Path, copy_titles: bool = False) -> list[Path]:
    """Write the starter files under ``directory``; raise FileExistsError naming one that exists."""
    files = files_to_write(copy_titles)
    for relative in files:
        target = directory / relative
        if target.exists():
            raise FileExistsError(target)
    written = []
    for relative, content in files.items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(content)
        written.append(target)
    return written


def run(directory: Path, copy_titles: bool = False) -> int:
    """``factlint init [DIRECTORY] [--copy-titles]`` (parsed by :mod:`factlint.cli_parser`)."""
    try:
        written = init(directory, copy_titles)
    except FileExistsError as exc:
        print(
            f"factlint: error: {exc.args[0]}: already exists; 'factlint init' overwrites nothing",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except OSError as exc:
        print(f"factlint: error: {exc.filename}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    for path in written:
        print(f"created {path.as_posix()}")
    print("Next: add entities to claims/facts.yaml, then run 'factlint claims ARTICLES'.")
    return EXIT_CLEAN
