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
import sys
from functools import cache
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


KERNEL_ROOTS = ("/proc", "/sys")


@cache
def kernel_devices() -> frozenset[int]:
    """The devices of /proc and /sys, where they are file systems of their own: their files
    say they are regular and empty, and reading some (/proc/kmsg) blocks or takes data away."""
    if not sys.platform.startswith("linux"):
        return frozenset()
    try:
        root = os.stat("/").st_dev
    except OSError:
        return frozenset()
    devices = set()
    for place in KERNEL_ROOTS:
        try:
            st = os.stat(place)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and st.st_dev != root:
            devices.add(st.st_dev)
    return frozenset(devices)


def _refuse(name: str, st: os.stat_result, *, kernel: bool, pipes: bool) -> None:
    if stat.S_ISFIFO(st.st_mode) and pipes:
        return
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(name, kind_of(st.st_mode))
    if not kernel and st.st_dev in kernel_devices():
        raise NotRegularFile(name, "a kernel file (/proc or /sys)")


def open_regular_fd(
    path: str | os.PathLike[str], *, follow: bool = True, kernel: bool = False, pipes: bool = False
) -> tuple[int, os.stat_result]:
    """The one way hygiene opens a file it did not write: a FIFO (a read blocks, or takes what
    a writer sent), a device (/dev/zero never ends, /dev/tty waits for a key, opening a tape
    rewinds it), a socket or a kernel file is refused before it is opened where that can be
    seen, and the type that counts is what fstat says of the opened descriptor (a path
    swapped between the look and the open is still refused). The open never blocks.

    follow=False refuses a symbolic link too; kernel=True lets a probe read /proc and /sys
    (its own mounts, swaps); pipes=True takes a pipe (`<(bw export ...)`), read as it comes,
    where a FIFO that no one writes to reads as empty at once. Returns the descriptor (the
    caller closes it) and its stat."""
    name = os.fspath(path)
    _refuse(name, _look(name, follow), kernel=kernel, pipes=pipes)
    try:
        fd = os.open(name, OPEN_FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise NotRegularFile(name, "a symbolic link") from None
        raise
    try:
        opened = os.fstat(fd)
        _refuse(name, opened, kernel=kernel, pipes=pipes)
        if stat.S_ISFIFO(opened.st_mode):  # read a pipe as it comes: blocking again from here
            os.set_blocking(fd, True)
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
