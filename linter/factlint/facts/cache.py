"""A pickle cache of loaded facts, keyed by the content of the facts files.

The cache lives in ``$FACTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/factlint``,
else ``~/.cache/factlint``; ``FACTLINT_NO_CACHE=1`` turns it off. An entry is
valid only for the same bytes of every facts file, the same paths shown in
messages, the same factlint version and the same loader code, so a stale
entry is never used. Any failure to read or write the cache is ignored: the
facts are then simply loaded from the files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata, resources
from pathlib import Path

from factlint.facts.loader import FactsSource, parse_sources, read_sources
from factlint.facts.model import Facts

__all__ = ["cache_dir", "load_facts_cached"]

_FORMAT = 1  # bump when the layout of a cache entry changes
_CODE_FILES = ("model.py", "loader.py", "cache.py", "schema.json")
_FALSE = frozenset({"", "0", "false", "no", "off"})


def cache_dir() -> Path | None:
    """The cache directory, or ``None`` when caching is disabled."""
    if os.environ.get("FACTLINT_NO_CACHE", "").strip().lower() not in _FALSE:
        return None
    explicit = os.environ.get("FACTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "factlint"
    try:
        return Path.home() / ".cache" / "factlint"
    except RuntimeError:  # no home directory
        return None


def _version() -> str:
    try:
        return metadata.version("factlint")
    except metadata.PackageNotFoundError:
        return "0"


def _code_fingerprint() -> str:
    """A hash of the code that shapes the cached objects (covers development versions)."""
    digest = hashlib.sha256()
    package = resources.files("factlint.facts")
    for name in _CODE_FILES:
        try:
            digest.update(package.joinpath(name).read_bytes())
        except OSError:
            digest.update(b"?")
        digest.update(b"\0")
    return digest.hexdigest()


def _entry_key(sources: Sequence[FactsSource]) -> str:
    digest = hashlib.sha256()
    header = f"{_FORMAT}\0{_version()}\0{sys.version_info[:2]}\0{_code_fingerprint()}\0"
    digest.update(header.encode())
    for source in sources:
        digest.update(f"{source.display}\0{source.path.as_posix()}\0".encode())
        digest.update(len(source.data).to_bytes(8, "big"))
        digest.update(source.data)
    return digest.hexdigest()


def _slot(paths: Sequence[Path], root: Path | None) -> str:
    """One cache file per set of facts paths (and root), overwritten when they change."""
    parts = [str((root if root is not None else Path.cwd()).absolute())]
    parts.extend(str(path.absolute()) for path in paths)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _read(entry: Path, key: str) -> Facts | None:
    try:
        with entry.open("rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # missing, unreadable or corrupt: load from the files instead
        return None
    if (
        isinstance(stored, tuple)
        and len(stored) == 2
        and stored[0] == key
        and isinstance(stored[1], Facts)
    ):
        return stored[1]
    return None


def _write(entry: Path, key: str, facts: Facts) -> None:
    temporary: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".facts-", suffix=".tmp", dir=entry.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump((key, facts), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        temporary = None
    except Exception:  # an unwritable cache is not an error
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def load_facts_cached(paths: Sequence[Path], root: Path | None = None) -> Facts:
    """Like :func:`factlint.facts.load_facts`, reusing a cached result when files are unchanged."""
    sources = read_sources(paths, root)
    directory = cache_dir()
    if directory is None:
        return parse_sources(sources)
    key = _entry_key(sources)
    entry = directory / f"facts-{_slot(paths, root)}.pickle"
    cached = _read(entry, key)
    if cached is not None:
        return cached
    facts = parse_sources(sources)
    _write(entry, key, facts)
    return facts
