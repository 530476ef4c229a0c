"""Reading files the user hands us (profiles, snapshots, results): size-bounded, UTF-8, and
every problem a UserError that names the file, never a traceback.

The file is opened without blocking and checked on the open descriptor: a named pipe, a
device (/dev/zero) or a folder is refused before a byte is read, so no path can stall or
exhaust a reader; the read itself stops one byte past the limit."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from hygiene.errors import UserError

_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _size(limit: int) -> str:
    if limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    return f"{limit / 1e6:g} MB" if limit >= 1_000_000 else f"{limit / 1024:g} KiB"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_bounded(fd: int, limit: int) -> bytes:
    chunks, remaining = [], limit + 1
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
        if path.is_dir():  # Windows cannot open a folder: say so before trying
            raise UserError(f"{path}: is a folder, not a {what} file")
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UserError(f"{path}: no such {what} file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        mode = os.fstat(fd)
        if stat.S_ISDIR(mode.st_mode):
            raise UserError(f"{path}: is a folder, not a {what} file")
        if not stat.S_ISREG(mode.st_mode):
            raise UserError(f"{path}: is {_kind(mode.st_mode)}, not a {what} file")
        if mode.st_size > limit:
            raise UserError(f"{path}: {mode.st_size:,} bytes is over the {_size(limit)} limit for a {what}")
        raw = _read_bounded(fd, limit)
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
