"""The shipped OS support table (data/os_eol.json): which release stops getting security
updates when. Lookups are by OS id and version, so every platform uses one mechanism."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Release:
    os: str  # os-release ID, "macos" or "windows"
    version: str  # VERSION_ID prefix, macOS major, or Windows build number
    name: str
    security_until: date | None  # None: no published end (current macOS) or a rolling release
    source: str
    channel: str = ""  # Windows: home, pro, enterprise, ltsc, server
    extended_until: date | None = None  # an opt-in or paid extension beyond security_until
    extended: str = ""
    note: str = ""
    rolling: bool = False
    uncertain: bool = False  # the vendor announces no date and the end may have come
    successor_due: date | None = None  # the newest point release known: from then a newer one may replace it

    def uncertain_on(self, today: date) -> bool:
        """Whether the end may have come by `today` without the table knowing when."""
        return self.uncertain or (self.successor_due is not None and today >= self.successor_due)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


@dataclass(frozen=True)
class SupportTable:
    checked: date
    releases: tuple[Release, ...]

    def _rows(self, os_id: str, channel: str) -> list[Release]:
        return [r for r in self.releases if r.os == os_id and r.channel == channel]

    def find(self, os_id: str, version: str, channel: str = "") -> Release | None:
        """The row for this release: the longest version that is VERSION_ID or a dotted prefix
        of it (RHEL "7.0" is row "7", Alpine "3.23.2" row "3.23"); rolling releases match any.
        A row whose point releases have rows of their own (SLES "12" beside "12.5") stands for
        itself only, so an unlisted point release never inherits another one's dates."""
        rows = self._rows(os_id, channel)
        matches = [r for r in rows if r.rolling or r.version == version or _prefix_of(r, version, rows)]
        return max(matches, key=lambda r: len(r.version), default=None)

    def predates(self, os_id: str, version: str, channel: str = "") -> bool:
        """Older than every row of this OS: the table lists only releases that ended since,
        so anything older ended too (Fedora 30, Windows 10 1909)."""
        rows = [r for r in self._rows(os_id, channel) if not r.rolling]
        key = version_key(version)
        return bool(rows and key) and all(key < version_key(r.version) for r in rows)

    def lifecycle_page(self, os_id: str, channel: str = "") -> str:
        """Where the vendor publishes its dates (the newest row's source), for a release the table
        does not know yet; "" for an OS without rows."""
        rows = [r for r in self._rows(os_id, channel) if not r.rolling]
        newest = max(rows, key=lambda r: version_key(r.version), default=None)
        return newest.source if newest else ""

    def superseded_by(self, os_id: str, version: str, channel: str = "") -> Release | None:
        """For a point release the table does not list but older than the newest one it lists
        of the same major (RHEL 9.3, with 9.6 and 9.8 listed): that newest row. The table lists
        every point release that still gets updates of its own (EUS, LTSS), so an unlisted older
        one gets none. An unlisted newer one (SLES 15 SP8) is not this: it is newer than the table."""
        key = version_key(version)
        if len(key) < 2 or self.find(os_id, version, channel) is not None:
            return None
        family = [r for r in self._rows(os_id, channel) if not r.rolling and version_key(r.version)[:1] == key[:1]]
        newest = max(family, key=lambda r: version_key(r.version), default=None)
        return newest if newest is not None and key < version_key(newest.version) else None


def _prefix_of(row: Release, version: str, rows: list[Release]) -> bool:
    if not version.startswith(row.version + "."):
        return False
    return not any(other.version.startswith(row.version + ".") for other in rows)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@cache
def support_table() -> SupportTable:
    raw = json.loads(resources.files("hygiene.data").joinpath("os_eol.json").read_text("utf-8"))
    releases = tuple(
        Release(
            os=r["os"],
            version=r["version"],
            name=r["name"],
            security_until=_day(r["security_until"]),
            source=r["source"],
            channel=r.get("channel", ""),
            extended_until=_day(r.get("extended_until")),
            extended=r.get("extended", ""),
            note=r.get("note", ""),
            rolling=r.get("rolling", False),
            uncertain=r.get("uncertain", False),
            successor_due=_day(r.get("successor_due")),
        )
        for r in raw["releases"]
    )
    return SupportTable(date.fromisoformat(raw["checked"]), releases)
