"""``--diff-base REV``: report only what changed since a git revision.

Articles: a finding is kept when one of its lines was added or changed since
``REV`` (``git diff --unified=0 REV -- PATHS``, working tree against ``REV``);
a file git does not track yet counts as changed in full.

Facts: when a facts file changed since ``REV``, the entities it changed are
found from the diff, simply:

- an entity whose YAML block (its item under ``entities:``, roles included)
  has an added or changed line, or a line removed inside it;
- any id given as ``id:``, ``org:`` or ``entity:`` on a removed line (an
  entity or role deleted altogether, a role moved to another organisation);
- the ``entity:`` of a changed item under ``quantities:``;
- a change anywhere else (``titles:``, ``quantity_kinds:``) cannot be tied to
  entities, so every article counts as affected.

Every article that mentions an affected entity -- one of its names, short
names, avoided or literal forms appears in the article, compared after the
same folding as mention finding (case, accents, Arabic letter variants) -- is
then checked in full, whether or not the article itself changed.
"""

from __future__ import annotations

import codecs
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pluggy
import yaml

from factlint.engine import Result, Session, lint_files
from factlint.errors import ConfigError, FactlintError
from factlint.facts import loader
from factlint.facts.model import Facts
from factlint.model import Finding
from factlint.normalize import fold
from factlint.paths import git_top_level

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_REMOVED_ID = re.compile(r"^\s*-?\s*(?:id|org|entity)\s*:\s*['\"]?([^'\"#\s]+)")
EVERYTHING = "*"  # an affected-entity marker: every article is affected


@dataclass
class FileChange:
    """What changed in one file since the base revision."""

    added: set[int] = field(default_factory=set)  # new-side line numbers added or changed
    deleted_at: set[int] = field(default_factory=set)  # new-side lines after which lines went
    removed: list[str] = field(default_factory=list)  # text of removed lines
    whole: bool = False  # untracked: every line is new


@dataclass(frozen=True)
class DiffBase:
    """The changes since ``rev`` for the files of a run."""

    rev: str
    changes: Mapping[Path, FileChange]  # by resolved path; files absent did not change
    entities: frozenset[str] = frozenset()  # affected entity ids (or EVERYTHING)

    def changed(self, path: Path) -> FileChange | None:
        return self.changes.get(path.resolve())


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as exc:
        raise ConfigError(f"--diff-base: cannot run git: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        problem = (proc.stderr.strip().splitlines() or ["git failed"])[0]
        raise ConfigError(f"--diff-base: git {args[0]} failed: {problem}")
    return proc.stdout


def _unquote(name: str) -> str:
    """A path of a ``---``/``+++`` line: git appends a tab to names with spaces and
    C-quotes names with special or non-ASCII characters."""
    name = name.rstrip("\t")
    if len(name) >= 2 and name[0] == name[-1] == '"':
        raw = codecs.escape_decode(name[1:-1].encode("utf-8"))[0]
        return bytes(raw).decode("utf-8", "replace")
    return name


def parse_diff(text: str, top: Path) -> dict[Path, FileChange]:
    """The changes in a ``git diff --unified=0`` output, by resolved path."""
    changes: dict[Path, FileChange] = {}
    current: FileChange | None = None
    new_line = 0
    for line in text.splitlines():
        if line.startswith("+++ "):
            target = _unquote(line[4:])
            if target == "/dev/null":
                current = None
                continue
            name = target[2:] if target.startswith("b/") else target
            current = changes.setdefault((top / name).resolve(), FileChange())
            continue
        if line.startswith(("--- ", "diff --git ")):
            continue
        hunk = _HUNK.match(line)
        if hunk:
            new_line = int(hunk.group(3))
            count = int(hunk.group(4)) if hunk.group(4) is not None else 1
            if current is not None:
                if count == 0:
                    current.deleted_at.add(new_line)
                current.added.update(range(new_line, new_line + count))
            continue
        if current is not None and line.startswith("-"):
            current.removed.append(line[1:])
    return changes


def collect(rev: str, paths: Iterable[Path], start: Path) -> dict[Path, FileChange]:
    """The changes since ``rev`` of ``paths`` (files or directories) in their git work
    tree; paths outside it (facts kept in another repository) have none."""
    top = git_top_level(start)
    if top is None:
        raise ConfigError(f"--diff-base: {start} is not in a git work tree")
    specs = [str(p.resolve()) for p in paths if p.resolve().is_relative_to(top)]
    if not specs:
        return {}
    try:
        _git(["rev-parse", "--verify", "--quiet", rev + "^{commit}"], top)
    except ConfigError:
        raise ConfigError(f"--diff-base: {rev!r} is not a revision of {top}") from None
    diff = _git(
        ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", rev, "--", *specs],
        top,
    )
    changes = parse_diff(diff, top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", *specs], top)
    for name in filter(None, untracked.split("\0")):
        changes[(top / name).resolve()] = FileChange(whole=True)
    return changes


# ------------------------------------------------------------------------ facts


def _scalar(node: yaml.Node, key: str) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return None


def _blocks(text: str) -> list[tuple[str, int, int, str | None]]:
    """(section, first line, last line, id to blame) of every item of each
    top-level list, 1-based and inclusive; the id is the entity's own id under
    ``entities`` and the quantity's ``entity`` under ``quantities``."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    total = text.count("\n") + 1
    blocks: list[tuple[str, int, int, str | None]] = []
    for key_node, value_node in root.value:
        if not isinstance(value_node, yaml.SequenceNode):
            continue
        section = str(key_node.value)
        items = value_node.value
        for index, item in enumerate(items):
            first = item.start_mark.line + 1
            if index + 1 < len(items):
                last = items[index + 1].start_mark.line
            else:
                last = max(
                    value_node.end_mark.line + (1 if value_node.end_mark.column else 0), first
                )
                last = min(last, total)
            blame = _scalar(item, "entity") if section == "quantities" else _scalar(item, "id")
            blocks.append((section, first, max(last, first), blame))
    return blocks


def affected_entities(file: Path, change: FileChange) -> set[str]:
    """Entity ids affected by ``change`` of the facts file ``file`` (see the module docs)."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {EVERYTHING}
    lines = set(change.added) | set(change.deleted_at)
    if change.whole:
        lines = set(range(1, text.count("\n") + 2))
    affected: set[str] = set()
    for removed in change.removed:
        found = _REMOVED_ID.match(removed)
        if found:
            affected.add(found.group(1))
    blocks = _blocks(text)
    for line in sorted(lines):
        hit = [b for b in blocks if b[1] <= line <= b[2]]
        if not hit:
            continue  # top-level keys (version:) and comments between sections
        section, _, _, blame = hit[0]
        if section in ("entities", "quantities") and blame:
            affected.add(blame)
        elif section not in ("entities", "quantities"):
            affected.add(EVERYTHING)
    return affected


def entity_forms(facts: Facts, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Folded name forms of each known entity in ``ids``."""
    forms: dict[str, tuple[str, ...]] = {}
    for entity_id in ids:
        entity = facts.entities.get(entity_id)
        if entity is None:
            continue
        every: set[str] = set()
        for table in (entity.names, entity.short, entity.avoid, entity.literal):
            for names in table.values():
                every.update(fold(name) for name in names if name.strip())
        forms[entity_id] = tuple(sorted(f for f in every if f.strip()))
    return forms


def mentions_any(text: str, forms: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether ``text`` contains one of the folded ``forms``."""
    folded = fold(text)
    return any(form in folded for names in forms.values() for form in names)


def keep(finding: Finding, change: FileChange | None) -> bool:
    """Whether a finding lies on a line added or changed since the base."""
    if change is None:
        return False
    if change.whole:
        return True
    return any(
        line in change.added
        for line in range(finding.line, max(finding.end_line, finding.line) + 1)
    )


# -------------------------------------------------------------------------- run


def changed_only(
    rev: str,
    files: Sequence[Path],
    paths: Sequence[Path],
    session: Session,
    pm: pluggy.PluginManager,
    jobs: int,
    plugins: Sequence[str],
) -> list[Result]:
    """Lint what changed since ``rev`` (see the module docs), in ``files``' order."""
    config = session.config
    try:
        facts_files = loader.facts_files(list(config.facts), config.root)
    except FactlintError:
        facts_files = []
    start = paths[0] if paths and paths[0].exists() else Path.cwd()
    changes = collect(rev, [*paths, *facts_files], start)
    entities: set[str] = set()
    for file in facts_files:
        change = changes.get(file.resolve())
        if change is not None:
            entities |= affected_entities(file, change)
    every = EVERYTHING in entities
    forms = entity_forms(session.facts, entities)
    chosen: list[Path] = []
    full: set[Path] = set()
    for file in files:
        key = file.resolve()
        mentioned = every or (bool(forms) and mentions_any(_read(file), forms))
        if mentioned:
            full.add(key)
        if mentioned or key in changes:
            chosen.append(file)
    results = lint_files(chosen, session, pm, jobs=jobs, plugins=plugins)
    kept: list[Result] = []
    for file, result in zip(chosen, results, strict=True):
        key = file.resolve()
        if key in full or result.error:
            kept.append(result)
            continue
        change = changes.get(key)
        kept.append(replace(result, findings=tuple(f for f in result.findings if keep(f, change))))
    return kept


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
