"""Reading files the user hands us (profiles, snapshots, results): size-bounded, UTF-8, and
every problem a UserError that names the file, never a traceback.

open_regular_fd is the one way hygiene opens a file it did not write (profiles, snapshots,
results, probed config files, backups): a named pipe, a device or a folder is refused before
a byte is read, so no path can stall or exhaust a reader."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from hygiene.errors import UserError

_CHUNK = 1 << 20
OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """The path is a folder, a FIFO, a device or a socket: refused before a byte is read."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", path)
        self.kind = kind


def _size(limit: int) -> str:
    if limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    return f"{limit / 1e6:g} MB" if limit >= 1_000_000 else f"{limit / 1024:g} KiB"


def kind_of(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _look(name: str, follow: bool) -> os.stat_result:
    return os.stat(name) if follow else os.lstat(name)


def open_regular_fd(path: str | os.PathLike[str], *, follow: bool = True) -> tuple[int, os.stat_result]:
    """The one way hygiene opens a file it did not write: a FIFO (a read blocks, or takes what
    a writer sent), a device (/dev/zero never ends, /dev/tty waits for a key, opening a tape
    rewinds it) or a socket is refused before it is opened where it can be seen, and the
    type that counts is what fstat says of the opened descriptor (a path swapped between the
    look and the open is still refused). The open never blocks. follow=False: a symbolic
    link is refused too. Returns the descriptor (the caller closes it) and its stat."""
    name = os.fspath(path)
    seen = _look(name, follow)
    if not stat.S_ISREG(seen.st_mode):
        raise NotRegularFile(name, kind_of(seen.st_mode))
    try:
        fd = os.open(name, OPEN_FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise NotRegularFile(name, "a symbolic link") from None
        raise
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegularFile(name, kind_of(opened.st_mode))
    except BaseException:
        os.close(fd)
        raise
    return fd, opened


def read_at_most(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes from the descriptor's current position."""
    chunks, remaining = [], limit
    while remaining > 0:
        chunk = os.read(fd, min(remaining, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_user_text(path: Path, limit: int, what: str) -> str:
    """The file's text; `what` names it in messages ("profile", "snapshot")."""
    try:
        fd, info = open_regular_fd(path)
    except FileNotFoundError:
        raise UserError(f"{path}: no such {what} file") from None
    except NotRegularFile as exc:
        raise UserError(f"{path}: is {exc.kind}, not a {what} file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        if info.st_size > limit:
            raise UserError(f"{path}: {info.st_size:,} bytes is over the {_size(limit)} limit for a {what}")
        raw = read_at_most(fd, limit + 1)
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew after it was measured
        raise UserError(f"{path}: is over the {_size(limit)} limit for a {what}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        line = raw.count(b"\n", 0, at) + 1
        raise UserError(f"{path}:{line}: is not UTF-8 text (byte {at}); expected a {what}") from None
