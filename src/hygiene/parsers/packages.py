"""The record every package-manager parser returns (one pending update), and rpm's install
times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from hygiene.parsers import ParseError, number


@dataclass(frozen=True)
class PendingUpdate:
    name: str
    version: str  # the version on offer
    security: bool | None  # None: the source publishes no security classification
    source: str = ""  # suite, repository or advisory it comes from


def newest_install_time(text: str) -> datetime | None:
    """`rpm -qa --qf '%{INSTALLTIME}\\n'`: the newest install time (UTC), or None when none is
    listed. A stamp that is no plausible time (hundreds of digits, '²', past year 9999) is a
    ParseError, not a crash."""
    newest = None
    for word in text.split():
        if not word.isascii() or not word.isdigit():
            continue
        stamp = number(word, "rpm install time")
        newest = stamp if newest is None else max(newest, stamp)
    if newest is None:
        return None
    try:
        return datetime.fromtimestamp(newest, UTC)
    except (OverflowError, OSError, ValueError):
        raise ParseError(f"rpm install time {newest} is out of range") from None
