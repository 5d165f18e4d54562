"""The project cache: ``.factlint_cache/`` beside the project, like ruff's ``.ruff_cache/``.

What is derived from files that did not change -- validated facts files, the
merged facts, the mention lexicon, parsed rule packs -- is stored here as JSON
of plain values (:mod:`factlint.serial`), keyed by a SHA-256 of the inputs'
bytes and of the code that produced it. Nothing is ever unpickled.

The cache folder sits in a project that other people (or a checked-out
repository) may be able to write to, so every entry carries an HMAC-SHA256
made with a per-user key kept in a private file
(``$XDG_CONFIG_HOME/factlint/cache-key``, else ``~/.config/factlint/cache-key``,
mode 0600, owned by the user). An entry whose HMAC does not check out is
ignored, as is the whole cache when the key file is not private. Any failure
to read or write the cache is ignored: the inputs are then read again.

``FACTLINT_CACHE_DIR`` moves the folder, ``FACTLINT_NO_CACHE=1`` (or
``--no-cache``) turns the cache off, ``factlint cache clean`` deletes it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import util
from pathlib import Path
from typing import Any

__all__ = ["CACHE_DIR_NAME", "Cache", "clean", "code_digest", "key_path", "open_cache"]

CACHE_DIR_NAME = ".factlint_cache"
_MAGIC = b"factlint-cache 1 "
_FALSE = frozenset({"", "0", "false", "no", "off"})
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# A factlint cache (safe to delete).\n"


def disabled_by_env() -> bool:
    return os.environ.get("FACTLINT_NO_CACHE", "").strip().lower() not in _FALSE


def cache_directory(root: Path) -> Path:
    explicit = os.environ.get("FACTLINT_CACHE_DIR")
    return Path(explicit) if explicit else root / CACHE_DIR_NAME


def key_path() -> Path | None:
    base = os.environ.get("XDG_CONFIG_HOME")
    try:
        config = Path(base) if base else Path.home() / ".config"
    except RuntimeError:  # no home directory
        return None
    return config / "factlint" / "cache-key"


def _private(fd: int) -> bool:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077:
        return False
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _user_key() -> bytes | None:
    """The per-user HMAC key; created on first use; ``None`` when it is not private."""
    path = key_path()
    if path is None:
        return None
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(os.urandom(32).hex())
        fd = os.open(path, os.O_RDONLY | nofollow)
        with os.fdopen(fd, "rb") as handle:
            if not _private(handle.fileno()):
                return None
            secret = handle.read(4096).strip()
    except OSError:
        return None
    return secret if len(secret) >= 32 else None


def code_digest(*modules: str) -> str:
    """SHA-256 of the source of ``modules`` (found without importing them) and Python's version."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for name in modules:
        spec = util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            data = Path(origin).read_bytes() if origin else b"?"
        except OSError:
            data = b"?"
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Cache:
    """Signed JSON entries under ``directory/<kind>/<digest>.json``."""

    directory: Path
    secret: bytes = field(repr=False)

    def _mac(self, kind: str, digest: str, payload: bytes | memoryview) -> bytes:
        mac = hmac.new(self.secret, f"{kind}\0{digest}\0".encode(), hashlib.sha256)
        mac.update(payload)
        return mac.hexdigest().encode()

    def path(self, kind: str, digest: str, suffix: str = ".json") -> Path:
        return self.directory / kind / f"{digest}{suffix}"

    def get(self, kind: str, digest: str) -> Any:
        """The stored value, or ``None`` when missing, unreadable or not signed by this user."""
        payload = self.get_bytes(kind, digest)
        if payload is None:
            return None
        try:
            return json.loads(bytes(payload))
        except ValueError:
            return None

    def put(self, kind: str, digest: str, value: Any) -> None:
        """Store ``value`` (JSON-ready); failures are ignored."""
        try:
            payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        except (TypeError, ValueError):
            return
        self.put_bytes(kind, digest, payload)

    def get_bytes(self, kind: str, digest: str, suffix: str = ".json") -> memoryview | None:
        """The stored bytes (a view: large entries are not copied), or ``None`` when
        missing, unreadable or not signed by this user."""
        try:
            data = self.path(kind, digest, suffix).read_bytes()
        except OSError:
            return None
        end = data.find(b"\n", 0, 256)
        if end < 0 or not data.startswith(_MAGIC):
            return None
        payload = memoryview(data)[end + 1 :]
        if not hmac.compare_digest(data[len(_MAGIC) : end], self._mac(kind, digest, payload)):
            return None
        return payload

    def put_bytes(self, kind: str, digest: str, payload: bytes, suffix: str = ".json") -> None:
        """Store ``payload``; failures are ignored."""
        self.put_chunks(kind, digest, (payload,), suffix)

    def put_chunks(
        self, kind: str, digest: str, chunks: Iterable[bytes], suffix: str = ".json"
    ) -> None:
        """Store the concatenation of ``chunks``, written as they come (a large entry
        is never held whole in memory); failures are ignored."""
        temporary: str | None = None
        try:
            self._prepare()
            folder = self.directory / kind
            folder.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            mac = hmac.new(self.secret, f"{kind}\0{digest}\0".encode(), hashlib.sha256)
            with os.fdopen(handle, "wb") as stream:
                stream.write(b" " * (len(_MAGIC) + mac.digest_size * 2 + 1))  # the head, below
                for chunk in chunks:
                    mac.update(chunk)
                    stream.write(chunk)
                stream.seek(0)
                stream.write(_MAGIC + mac.hexdigest().encode() + b"\n")
            os.replace(temporary, self.path(kind, digest, suffix))
            temporary = None
        except (OSError, TypeError, ValueError):
            pass
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _prepare(self) -> None:
        if self.directory.is_dir():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / ".gitignore").write_text("# Created by factlint\n*\n", encoding="utf-8")
        (self.directory / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")


def json_chunks(value: Any, size: int = 20_000) -> Iterator[bytes]:
    """``value`` as compact JSON (as :meth:`Cache.put` writes it), in pieces: the
    members of an object one by one, a long array ``size`` items at a time."""
    if isinstance(value, dict) and all(type(key) is str for key in value):
        yield b"{"
        for i, (key, item) in enumerate(value.items()):
            yield (b"," if i else b"") + _ENCODER.encode(key).encode() + b":"
            yield from json_chunks(item, size)
        yield b"}"
    elif isinstance(value, list) and len(value) > size:
        yield b"["
        for start in range(0, len(value), size):
            text = _ENCODER.encode(value[start : start + size]).encode()
            yield (b"," if start else b"") + text[1:-1]
        yield b"]"
    else:
        yield json_bytes(value)


def json_bytes(value: Any) -> bytes:
    """``value`` as compact JSON (as :meth:`Cache.put` writes it)."""
    return _ENCODER.encode(value).encode()


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a large acyclic structure is built
    (it would otherwise walk every object made so far, again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def open_cache(root: Path, *, enabled: bool = True) -> Cache | None:
    """The cache of the project at ``root``, or ``None`` when it is off or has no private key."""
    if not enabled or disabled_by_env():
        return None
    secret = _user_key()
    if secret is None:
        return None
    return Cache(cache_directory(root), secret)


def clean(root: Path) -> Path | None:
    """Delete the cache folder of the project at ``root``; return it if there was one."""
    directory = cache_directory(root)
    if not (directory / "CACHEDIR.TAG").is_file():
        return None  # not a folder factlint made: leave it alone
    shutil.rmtree(directory, ignore_errors=True)
    return directory
