"""``factlint claims --suggest-facts``: YAML drafts for the facts unknown claims need.

Nothing is guessed: dates, sources and values are placeholders in angle
brackets (``"<YYYY-MM-DD>"``, ``"<URL or citation>"``), which the facts schema
rejects until the curator replaces them. The output is a stream of YAML
documents:

1. a facts file (``version: 1``) with the new entities and quantities;
2. one document per existing entity with only the fields to add to it
   (``born``, ``founded``, ``roles``), headed by a comment naming the entity's
   file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from factlint.coverage import FileCoverage, JudgedClaim, Stub, Verdict

DATE = "<YYYY-MM-DD>"
SOURCE = "<URL or citation>"
NUMBER = "<number>"
ID = "<id>"
PLACEHOLDERS = (DATE, SOURCE, NUMBER, ID)


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def slug(name: str) -> str:
    """An id from a Latin-script name; the ``<id>`` placeholder for any other."""
    text = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return text if text and text.isascii() and text[0].isalnum() else ID


def _where(claim: JudgedClaim) -> str:
    return f"{claim.path}:{claim.line}:{claim.column}: {claim.kind} {claim.statement}"


def suggest_facts(files: Sequence[FileCoverage]) -> str:
    """The YAML drafts for every unknown claim with a stub (see the module docs)."""
    new_entities: dict[str, tuple[Stub, list[JudgedClaim]]] = {}
    quantities: dict[tuple[str, str], list[JudgedClaim]] = {}
    additions: dict[str, dict[tuple[str, str, str], list[JudgedClaim]]] = {}
    locations: dict[str, str] = {}
    for cov in files:
        for claim in cov.claims:
            stub = claim.stub
            if claim.verdict is not Verdict.UNKNOWN or stub is None:
                continue
            if stub.what == "entity":
                new_entities.setdefault(stub.name, (stub, []))[1].append(claim)
            elif stub.what == "quantity":
                quantities.setdefault((stub.entity, stub.kind), []).append(claim)
            else:
                key = (stub.what, stub.title, stub.org)
                locations.setdefault(stub.entity, stub.location)
                additions.setdefault(stub.entity, {}).setdefault(key, []).append(claim)
    out = [
        "# Drafts from 'factlint claims --suggest-facts' for claims the facts cannot judge.",
        "# Replace every <...> placeholder with the real value and its source, or delete",
        "# the entry; the facts schema rejects a file that still holds a placeholder.",
        "version: 1",
    ]
    if new_entities:
        out.append("entities:")
        for name in sorted(new_entities):
            stub, claims = new_entities[name]
            out.extend(f"  # {_where(c)}" for c in claims)
            out.extend(
                [
                    f"  - id: {_q(slug(name))}",
                    "    type: organization  # or publication, product, place, person, event",
                    "    names:",
                    f"      {stub.lang}: [{_q(name)}]",
                    f"    founded: {_q(DATE)}",
                    f"    source: {_q(SOURCE)}",
                ]
            )
    if quantities:
        out.append("quantities:")
        for (entity, kind), claims in sorted(quantities.items()):
            out.extend(f"  # {_where(c)}" for c in claims)
            out.extend(
                [
                    f"  - entity: {entity}",
                    f"    kind: {kind}",
                    f"    value: {_q(NUMBER)}",
                    f"    as_of: {_q(DATE)}",
                    f"    source: {_q(SOURCE)}",
                ]
            )
    for entity in sorted(additions):
        out.append("---")
        where = f" ({locations[entity]})" if locations.get(entity) else ""
        out.append(f"# Add these fields to the entity '{entity}'{where}.")
        fields = additions[entity]
        roles = sorted(k for k in fields if k[0] == "role")
        for key in sorted(k for k in fields if k[0] != "role"):
            out.extend(f"# {_where(c)}" for c in fields[key])
        out.append(f"id: {entity}")
        for key in sorted(k for k in fields if k[0] != "role"):
            out.append(f"{key[0]}: {_q(DATE)}")
        if roles:
            out.append("roles:")
        for key in roles:
            _, title, org = key
            out.extend(f"  # {_where(c)}" for c in fields[key])
            ident = ".".join(p for p in (entity, title, org) if p)
            out.append(f"  - id: {ident}")
            out.append(f"    title: {title}")
            if org:
                out.append(f"    org: {org}")
            out.append(f"    start: {_q(DATE)}")
            out.append(f"    # end: {_q(DATE)}  (if the role has ended)")
            out.append(f"    source: {_q(SOURCE)}")
    return "\n".join(out) + "\n"
