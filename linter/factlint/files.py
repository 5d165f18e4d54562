"""Reading input files safely: regular files only, never blocking, never a loop.

A FIFO, socket or device met in a linted folder or among the facts is reported
and skipped without being opened (a FIFO opened for reading would block, a
device could be endless). A symbolic link that loops is an error for that
path. A file swapped for something else between the check and the read is
caught by checking the opened descriptor again (opened non-blocking, so even
then nothing waits).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from factlint.errors import FactlintError, InputError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (following symlinks), or ``None`` if it can.

    Never opens ``path``.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _os_problem(path, exc)
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file ({_kind(mode)})"


def _os_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.lexists(path):
        return "broken symbolic link"
    return f"cannot read: {exc.strerror or type(exc).__name__}"


def read_regular(
    path: Path,
    display: str,
    *,
    max_bytes: int | None = None,
    error: type[FactlintError] = InputError,
) -> bytes:
    """The bytes of the regular file ``path``; ``error(message, display)`` otherwise.

    ``max_bytes`` bounds the size (checked before reading and while reading).
    """
    found = problem(path)
    if found is not None:
        raise error(found, display)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise error(_os_problem(path, exc), display) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"not a regular file ({_kind(info.st_mode)})", display)
        if max_bytes is not None and info.st_size > max_bytes:
            raise error(_too_big(info.st_size, max_bytes), display)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or type(exc).__name__}", display) from None
    finally:
        os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:
        raise error(_too_big(len(data), max_bytes), display)
    return data


def _too_big(size: int, limit: int) -> str:
    return f"file is {size} bytes, over the limit of {limit} (set max-file-size)"
