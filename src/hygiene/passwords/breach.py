"""Has a password appeared in a breach? Two ways, neither of which reveals it.

- Offline: the ordered SHA-1 file of Pwned Passwords (`HASH:COUNT` lines sorted by hash, as
  the official downloader writes it, tens of GB), searched by binary search over byte
  offsets: a few dozen seeks per lookup, never loaded.
- Online (opt-in): the range API with k-anonymity: only the first 5 hex characters of the
  SHA-1 are sent, with padding requested; one request per distinct prefix.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import BinaryIO

from hygiene.errors import UserError
from hygiene.files import NotRegularFile, open_regular_fd
from hygiene.passwords.exports import password_bytes

RANGE_URL = "https://api.pwnedpasswords.com/range/"
TIMEOUT_S = 10.0
_LINE = re.compile(rb"^[0-9A-Fa-f]{40}:\d+\s*$")


class BreachCheckUnavailable(UserError):
    """The breach source cannot be used (offline, refused, not the right file)."""


def sha1_hex(password: str) -> str:
    return hashlib.sha1(password_bytes(password), usedforsecurity=False).hexdigest().upper()


class PwnedFile:
    """Lookups in the sorted SHA-1 file, each in milliseconds whatever its size."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with self._open() as fh:
                self.size = os.fstat(fh.fileno()).st_size
                first = fh.readline(200)
        except NotRegularFile as exc:
            raise BreachCheckUnavailable(f"{path}: is {exc.kind}, not the Pwned Passwords file") from None
        except OSError as exc:
            raise BreachCheckUnavailable(f"{path}: cannot read it ({exc.strerror})") from None
        if not _LINE.match(first):
            raise BreachCheckUnavailable(
                f"{path}:1: not a Pwned Passwords SHA-1 file (expected HASH:COUNT lines sorted by hash; "
                "download the SHA-1 version, not NTLM)"
            )

    def _open(self) -> BinaryIO:
        """A regular file only: a FIFO or a device would block or never end (hygiene.files)."""
        fd, _ = open_regular_fd(self.path)
        return os.fdopen(fd, "rb")

    @staticmethod
    def _line_from(fh: BinaryIO, pos: int) -> bytes:
        """The first whole line that starts at or after byte `pos`."""
        if pos == 0:
            fh.seek(0)
        else:
            fh.seek(pos - 1)
            fh.readline()  # the rest of the line `pos` falls in
        return fh.readline()

    def count(self, password: str) -> int:
        target = sha1_hex(password).encode()
        with self._open() as fh:
            lo, hi = 0, self.size
            while lo < hi:  # the first line whose hash is >= target
                mid = (lo + hi) // 2
                line = self._line_from(fh, mid)
                if line and line[:40].upper() < target:
                    lo = mid + 1
                else:
                    hi = mid
            line = self._line_from(fh, lo)
        if line[:40].upper() == target:
            return int(line[41:].strip() or 0)
        return 0


class PwnedRange:
    """The k-anonymity range API; answers are kept per prefix for this run only."""

    def __init__(self, url: str = RANGE_URL, timeout: float = TIMEOUT_S) -> None:
        self.url = url
        self.timeout = timeout
        self._ranges: dict[str, dict[str, int]] = {}

    def _range(self, prefix: str) -> dict[str, int]:
        if prefix not in self._ranges:
            import urllib.error
            import urllib.request

            request = urllib.request.Request(  # noqa: S310 - a fixed https URL (tests: loopback)
                self.url + prefix, headers={"Add-Padding": "true", "User-Agent": "hygiene-password-audit"}
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    body = response.read(4 * 1024 * 1024).decode("ascii", errors="replace")
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise BreachCheckUnavailable(
                    f"could not reach the Pwned Passwords service ({reason}); check the connection, "
                    "or use --pwned-file with the offline list"
                ) from None
            counts = {}
            for line in body.splitlines():
                suffix, _, count = line.strip().partition(":")
                if len(suffix) == 35 and count.isdigit() and int(count) > 0:  # count 0 is padding
                    counts[suffix.upper()] = int(count)
            self._ranges[prefix] = counts
        return self._ranges[prefix]

    def count(self, password: str) -> int:
        digest = sha1_hex(password)
        return self._range(digest[:5]).get(digest[5:], 0)
