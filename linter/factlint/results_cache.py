"""Findings of files that did not change, from the project cache (as ruff caches them).

A file's findings depend on its bytes and its displayed path, and on nothing
else but the run's *context*: factlint's own code and data, the Python version
(its Unicode data), the facts, the rule packs, the rules and their severities,
and the configuration. The context is
hashed once per run; each file's entry is keyed by that hash, its path and its
bytes. A run over an archive where few files changed analyses only those.

Third-party plugins turn the cache off: their code and options are not part of
the context. Files with errors (a rule that failed, an unreadable file) are
never stored. ``--no-cache`` or ``FACTLINT_NO_CACHE=1`` skip the cache;
``factlint cache clean`` empties it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from unicodedata import unidata_version

from factlint.api import Rule
from factlint.cache import Cache
from factlint.config import Config
from factlint.facts.model import Facts
from factlint.model import Finding

__all__ = ["ResultsCache", "open_results"]

_KIND = "results"
_FORMAT = "factlint-results-1"


@dataclass(frozen=True)
class ResultsCache:
    """The findings of unchanged files; ``context`` hashes everything but the file."""

    cache: Cache
    context: str

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.sha256(f"{self.context}\0{display}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> tuple[Finding, ...] | None:
        stored = self.cache.get(_KIND, key)
        if stored is None:
            return None
        try:
            findings: tuple[Finding, ...] = _decode_findings()(stored)
        except (TypeError, ValueError, KeyError, IndexError):
            return None
        return findings

    def put(self, key: str, findings: tuple[Finding, ...]) -> None:
        from factlint.serial import to_plain

        with contextlib.suppress(TypeError):
            self.cache.put(_KIND, key, to_plain(findings))


@functools.cache
def _decode_findings() -> Callable[[Any], tuple[Finding, ...]]:
    """The decoder of stored findings (built once: building it reads type hints)."""
    from factlint.serial import decoder

    decode: Callable[[Any], tuple[Finding, ...]] = decoder(tuple[Finding, ...])
    return decode


def open_results(
    cache: Cache | None,
    config: Config,
    facts: Facts,
    rules: Mapping[str, Rule],
    plugin_names: Iterable[str],
) -> ResultsCache | None:
    """The results cache of this run, or ``None`` (no cache, or plugins from outside)."""
    from factlint.plugins import BUILTIN_PLUGINS

    builtin = {*BUILTIN_PLUGINS, "factlint.runner", "factlint.suppress"}
    if cache is None or not facts.digest or any(n not in builtin for n in plugin_names):
        return None
    # the Python version: character classes (str.isalpha, ...) follow its Unicode data
    digest = hashlib.sha256(f"{_FORMAT}\0{sys.version_info[:2]}\0{unidata_version}".encode())
    digest.update(_package_digest().encode())
    digest.update(f"\0{facts.digest}\0".encode())
    digest.update(repr(replace(config, options={})).encode())
    for code in sorted(rules):
        rule = rules[code]
        digest.update(f"\0{code}\0{rule.severity}\0{rule.fix}".encode())
    digest.update(_packs_digest(config).encode())
    return ResultsCache(cache, digest.hexdigest())


def _package_digest() -> str:
    """SHA-256 of every file of the installed factlint package (code and data)."""
    import factlint

    base = Path(factlint.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(f"{path.relative_to(base).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _packs_digest(config: Config) -> str:
    """SHA-256 of the rule packs' paths and bytes."""
    from factlint.rules.rulepacks import pack_files

    digest = hashlib.sha256()
    with contextlib.suppress(OSError):
        for file in pack_files(config.rules):
            digest.update(f"{file}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()
