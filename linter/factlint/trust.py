"""What a repository's own configuration may make factlint read or run.

A configuration file comes with the repository being linted, so it is not
trusted the way the command line is (see docs/security.md):

* ``facts`` and ``rules`` paths written relative must stay inside the
  repository (after following symlinks); a path outside it is accepted only
  when written as an absolute path, which says that the outside file is meant.
* ``plugins`` load only code that is installed: a module of an installed
  distribution's ``factlint`` entry point, or a module found in a
  site-packages directory. A module that would be imported from the
  repository or the current directory is refused before anything is imported.

``--facts``, ``--rules`` and ``-p/--plugin`` on the command line are the
user's own choice and are not restricted.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import site
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path

from factlint.errors import ConfigError
from factlint.paths import git_top_level


def repository_of(directory: Path) -> Path:
    """The root of the git repository holding ``directory``, else ``directory`` itself."""
    return git_top_level(directory) or directory.resolve()


def _inside(path: Path, base: Path) -> bool:
    try:
        path.relative_to(base)
    except ValueError:
        return False
    return True


def config_path(entry: str, root: Path, boundary: Path, key: str) -> Path:
    """``entry`` of a configuration's ``facts``/``rules`` list, resolved against ``root``.

    Raises :class:`ConfigError` (the caller adds file and line) for a relative
    path that leads outside ``boundary``.
    """
    path = Path(entry)
    if path.is_absolute():
        return path
    joined = root / path
    try:
        resolved = joined.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reported when the path is read
        return joined
    if not _inside(resolved, boundary.resolve()):
        raise ConfigError(
            f"{key}: {entry!r} leads outside the repository ({boundary}); "
            "write it as an absolute path if that is intended"
        )
    return joined


def _site_dirs() -> list[Path]:
    dirs: list[str] = []
    with contextlib.suppress(AttributeError):  # some virtualenvs have no getsitepackages
        dirs.extend(site.getsitepackages())
    user = site.getusersitepackages()
    if isinstance(user, str):
        dirs.append(user)
    for name in ("purelib", "platlib"):
        dirs.append(sysconfig.get_paths()[name])
    return sorted({Path(d).resolve() for d in dirs if d})


def _entry_point_modules() -> set[str]:
    import importlib.metadata  # only when the configuration names plugins

    modules: set[str] = set()
    for entry in importlib.metadata.entry_points(group="factlint"):
        modules.add(entry.module)
    return modules


def _locations(module: str) -> list[Path] | None:
    """Where importing the top-level package of ``module`` would load it from, without
    importing it; ``None`` when it cannot be found."""
    top = module.split(".")[0]
    loaded = sys.modules.get(top)
    if loaded is not None:
        spec = getattr(loaded, "__spec__", None)
    else:
        spec = importlib.machinery.PathFinder.find_spec(top, sys.path)
        if spec is None:
            spec = importlib.util.find_spec(top)  # built-in and frozen modules
    if spec is None:
        return None
    places: Iterable[str] = spec.submodule_search_locations or ()
    paths = [Path(p) for p in places]
    if spec.origin and spec.has_location:
        paths.append(Path(spec.origin))
    return [p.resolve() for p in paths]


def check_config_plugin(module: str, repository: Path) -> None:
    """Raise :class:`ConfigError` unless ``module`` (from a repository's configuration)
    is installed code: an installed distribution's ``factlint`` entry point, a
    module in a site-packages directory, or factlint itself."""
    if module == "factlint" or module.startswith("factlint."):
        return
    if any(module == ep or ep.startswith(module + ".") for ep in _entry_point_modules()):
        places = _locations(module) or []
        if not any(_inside(p, repository) or _inside(p, Path.cwd().resolve()) for p in places):
            return
    where = _locations(module)
    if where is None:
        raise ConfigError(f"plugins: cannot load plugin {module!r}: no such installed module")
    sites = _site_dirs()
    if where and all(any(_inside(p, s) for s in sites) for p in where):
        return
    raise ConfigError(
        f"plugins: {module!r} is not an installed package (it would be imported from "
        f"{where[0].parent if where else 'an unknown place'}); a repository's configuration "
        "may only load installed plugins -- install it, or pass -p/--plugin on the command line"
    )
