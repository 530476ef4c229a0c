"""The records every package-manager parser returns (one pending update; a whole listing with
the lines no parser knows), and rpm's install times."""

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
    line: str = ""  # the output line that named it, raw: the check quotes it as evidence


@dataclass(frozen=True)
class PendingList:
    """What a listing of pending updates said. `unrecognised` holds the lines no parser knows
    (a check never passes over them); `notes` the lines that decide without naming an update
    ("0 upgraded, ...", "No updates found."); `unlisted` the updates the tool counted in a
    summary but did not list, as when the output was cut."""

    updates: tuple[PendingUpdate, ...]
    unrecognised: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    unlisted: int = 0


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
