"""Opening a file to judge a backup (DESIGN.md principles 6 and 8).

A backup path comes from the command line or a profile someone else may have written, so it
can name a FIFO, a device, a socket or a kernel file (/proc/kmsg says it is an empty regular
file, and every read takes messages away from the system log). hygiene.files.open_regular_fd,
the one opener of files hygiene did not write, refuses all of them without blocking (O_NOFOLLOW
too for files found inside a folder); on top of it, RegularFile's reads never go past the size
fstat gave when the file was opened (a file that says "0 bytes" is never read), nor past a
budget per file (READ_BUDGET by default).
"""

from __future__ import annotations

import errno
import os
from types import TracebackType

from hygiene.files import NotRegularFile, open_regular_fd

READ_BUDGET = 160 * 1024 * 1024  # the most any one file is read: two 64 MiB headers and samples


class BackupError(OSError):
    """A path hygiene will not or cannot judge: not a regular file or folder, a kernel
    pseudo-file, a damaged archive. `reason` says why, without the path; str() names the path."""

    def __init__(self, reason: str, path: str | os.PathLike[str]) -> None:
        super().__init__(f"{os.fspath(path)}: {reason}")
        self.reason = reason
        self.path = os.fspath(path)


class RegularFile:
    """An opened regular file. read(n) always has a size, stops at the size the file had when
    opened, and all reads together stay within the budget (else BackupError)."""

    def __init__(self, fd: int, path: str, st: os.stat_result, budget: int) -> None:
        self._fd: int | None = fd
        self.path = path
        self.stat = st
        self.size = st.st_size
        self.budget = budget
        self._left = budget
        self._pos = 0

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    @property
    def left(self) -> int:
        """Bytes this file may still be read before the budget is spent."""
        return self._left

    def next_data(self, offset: int) -> int:
        """The first offset at or after `offset` that holds data, skipping the holes of a sparse
        file where the system can tell (SEEK_DATA); the size when only holes follow. Where it
        cannot tell, every byte counts as data. Moves no read position (reads use pread)."""
        if self._fd is None:
            raise ValueError("seek in a closed file")
        if offset >= self.size or not hasattr(os, "SEEK_DATA"):
            return min(offset, self.size)
        try:
            return min(os.lseek(self._fd, offset, os.SEEK_DATA), self.size)
        except OSError as exc:
            return self.size if exc.errno == errno.ENXIO else offset  # ENXIO: only holes after it

    def read(self, n: int) -> bytes:
        if self._fd is None:
            raise ValueError("read from a closed file")
        n = max(0, min(n, self.size - self._pos))
        if n > self._left:
            raise BackupError(
                f"hygiene reads at most {self.budget} bytes of a file, and this one needs more", self.path
            )
        chunks = []
        while n > 0:
            if hasattr(os, "pread"):
                chunk = os.pread(self._fd, n, self._pos)
            else:  # Windows
                os.lseek(self._fd, self._pos, os.SEEK_SET)
                chunk = os.read(self._fd, n)
            if not chunk:
                break
            chunks.append(chunk)
            self._pos += len(chunk)
            self._left -= len(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RegularFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def open_regular(path: str | os.PathLike[str], *, follow: bool = True, budget: int = READ_BUDGET) -> RegularFile:
    """Open a regular file for bounded reading, or raise BackupError (or another OSError).
    follow=False for files found inside a folder: a symbolic link there is not followed."""
    name = os.fspath(path)
    try:
        fd, st = open_regular_fd(name, follow=follow)
    except NotRegularFile as exc:
        raise BackupError(f"{exc.kind}, not a backup file or folder", name) from None
    return RegularFile(fd, name, st, budget)
