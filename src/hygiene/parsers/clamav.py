"""Parses `clamscan --version` (and `freshclam --version`, which prints the same):
`ClamAV 1.0.7/27480/Mon Nov 18 09:36:15 2024`, the engine, the daily database's version and
when that database was built. Without a database it prints `ClamAV 1.0.7` alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from hygiene.parsers import ParseError, excerpt, number

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class ClamVersion:
    engine: str
    database: int | None  # the daily database's version; None: no database
    built: datetime | None  # when it was built (printed in local time; read as UTC)
    line: str


def parse_clamav_version(text: str) -> ClamVersion:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip().startswith("ClamAV ")), "")
    if not line:
        raise ParseError(f"`clamscan --version` printed no 'ClamAV' line: {excerpt(text)}")
    engine, _, rest = line.removeprefix("ClamAV ").partition("/")
    if not rest:
        return ClamVersion(engine.strip()[:40], None, None, line[:120])
    version, _, when = rest.partition("/")
    if not version.isascii() or not version.isdigit():
        raise ParseError(f"`clamscan --version` printed an odd database version: {excerpt(line)}")
    return ClamVersion(engine.strip()[:40], number(version, "database version"), _ctime(when), line[:120])


def _ctime(text: str) -> datetime:
    """`Mon Nov 18 09:36:15 2024` (C's ctime; the day may be padded with a space)."""
    words = text.split()
    try:
        _, month, day, clock, year = words
        hour, minute, second = (number(part, "time") for part in clock.split(":"))
        return datetime(
            number(year, "year"), MONTHS.index(month.lower()) + 1, number(day, "day"), hour, minute, second, tzinfo=UTC
        )
    except (ValueError, OverflowError):  # wrong number of words or parts, unknown month, day 31 of February
        raise ParseError(f"`clamscan --version` printed an odd date: {excerpt(text)}") from None
