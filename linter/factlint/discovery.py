"""Which files a run lints.

- A file named on the command line is linted as given, whatever its extension,
  unless ``force_exclude`` is on and the configuration's ``exclude`` matches it
  (ruff's ``--force-exclude``: pre-commit passes files explicitly, and
  ``exclude`` must still hold for them).
- A directory is walked in sorted order for the configured extensions,
  skipping hidden directories, ``node_modules``, paths matched by ``exclude``
  and, inside a git work tree, paths ignored by the ``.gitignore`` files of
  the work tree (read with the pathspec library: the nearest ``.gitignore``
  with a matching pattern decides, as in git) and by ``.git/info/exclude``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

from factlint.config import Config
from factlint.errors import InputError
from factlint.files import problem as file_problem
from factlint.paths import git_top_level

SKIPPED_DIRS = frozenset({"node_modules"})


@dataclass(frozen=True)
class _Ignore:
    """The patterns of one ignore file and the directory they are relative to."""

    base: Path
    spec: GitIgnoreSpec


def _read_ignore(file: Path, base: Path) -> _Ignore | None:
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _Ignore(base, GitIgnoreSpec.from_lines(lines))


@dataclass(frozen=True)
class GitIgnore:
    """The ignore files that apply below one directory of a git work tree."""

    top: Path | None
    rules: tuple[_Ignore, ...] = ()  # outermost first

    @classmethod
    def for_directory(cls, directory: Path) -> GitIgnore:
        """The ignore files from the work tree's top level down to ``directory``."""
        directory = directory.resolve()
        top = git_top_level(directory)
        if top is None:
            return cls(None)
        rules: list[_Ignore] = []
        info = _read_ignore(top / ".git" / "info" / "exclude", top)
        if info is not None and (top / ".git").is_dir():
            rules.append(info)
        chain = [directory, *directory.parents]
        for folder in reversed(chain[: chain.index(top) + 1]):
            rules.extend(_gitignore_in(folder))
        return cls(top, tuple(rules))

    def below(self, directory: Path) -> GitIgnore:
        """These rules plus ``directory``'s own ``.gitignore``."""
        if self.top is None:
            return self
        return GitIgnore(self.top, self.rules + _gitignore_in(directory.resolve()))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        resolved = path.resolve()
        for rule in reversed(self.rules):
            try:
                rel = resolved.relative_to(rule.base).as_posix()
            except ValueError:
                continue
            result = rule.spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                return result.include
        return False


def _gitignore_in(folder: Path) -> tuple[_Ignore, ...]:
    file = folder / ".gitignore"
    if not file.is_file():
        return ()
    found = _read_ignore(file, folder)
    return (found,) if found is not None else ()


def _skipped(path: Path, config: Config, here: GitIgnore) -> bool:
    """Excluded by the configuration or ignored by git (a symlink loop is neither)."""
    try:
        return config.excluded(path) or here.ignored(path, is_dir=False)
    except (OSError, RuntimeError):  # resolving a looping symlink
        return False


def _walk(root: Path, config: Config) -> list[Path | InputError]:
    found: list[tuple[Path, Path | InputError]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        found.append((where, InputError(f"cannot read directory: {exc.strerror}", str(where))))

    ignores: dict[Path, GitIgnore] = {root: GitIgnore.for_directory(root)}
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        base = Path(dirpath)
        here = ignores.pop(base, None) or GitIgnore.for_directory(base)
        kept: list[str] = []
        for name in sorted(dirnames):
            child = base / name
            if name.startswith(".") or name in SKIPPED_DIRS:
                continue
            if config.excluded(child) or here.ignored(child, is_dir=True):
                continue
            kept.append(name)
            ignores[child] = here.below(child)
        dirnames[:] = kept
        for name in sorted(filenames):
            candidate = base / name
            if candidate.suffix.lower() not in config.extensions:
                continue
            if _skipped(candidate, config, here):
                continue
            # only regular files: a FIFO, socket, device or looping symlink is an
            # error for that path and is never opened
            problem = file_problem(candidate)
            found.append((candidate, InputError(problem, str(candidate)) if problem else candidate))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def discover(
    paths: Iterable[Path], config: Config, *, force_exclude: bool = False
) -> Iterator[Path | InputError]:
    """Files to lint, in a stable order; an :class:`InputError` for a missing path,
    and for anything that is not a regular file (a FIFO, socket or device, a
    broken or looping symlink), which is never opened."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path, config)
            continue
        problem = file_problem(path)
        if problem is not None:
            missing = not os.path.lexists(path)
            yield InputError("no such file or directory" if missing else problem, str(path))
        elif not (force_exclude and config.excluded(path)):
            yield path
