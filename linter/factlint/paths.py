"""Where reported paths are relative to: the repository root.

Every output format names files relative to one directory, so that GitHub
annotations, SARIF and the other formats keep working when factlint runs from
a sub-directory (a workflow's ``working-directory:``). That directory is git's
top level when the configuration (or, without one, the linted path) lies in a
git work tree, else the directory holding the configuration. Git's top level
wins over a configuration in a sub-directory because code hosts resolve paths
against the repository, not against a tool's configuration.
"""

from __future__ import annotations

from pathlib import Path


def git_top_level(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding ``.git`` (a directory or a file)."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return None


def report_root(config_root: Path) -> Path:
    """The directory reported paths are relative to (see the module docs)."""
    return git_top_level(config_root) or config_root.resolve()


def display_bases(root: Path) -> tuple[Path, Path]:
    """The directories :func:`display_path` tries, in order (for callers that keep them)."""
    return report_root(root), Path.cwd().resolve()


def display_path(path: Path, root: Path, bases: tuple[Path, Path] | None = None) -> str:
    """``path`` as reports show it: relative to the report root of ``root``, with ``/``.

    A path outside the repository is shown relative to the working directory
    when it is below it, else absolute.
    """
    resolved = path.resolve()
    for base in bases or display_bases(root):
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return resolved.as_posix()
