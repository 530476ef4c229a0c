"""Parses `restic snapshots --json`: a JSON list of snapshots, each with an RFC 3339 `time`
(nanoseconds, any offset), `hostname` and `paths`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hygiene.parsers import ParseError, load_json


@dataclass(frozen=True)
class ResticSnapshot:
    time: datetime
    hostname: str
    paths: tuple[str, ...]


def parse_restic_snapshots(text: str) -> list[ResticSnapshot]:
    data = load_json(text.strip() or "null", "`restic snapshots --json`")
    if not isinstance(data, list):
        raise ParseError("`restic snapshots --json` did not print a list")
    snapshots = []
    for item in data:
        try:
            when = datetime.fromisoformat(str(item["time"]).replace("Z", "+00:00"))
        except (KeyError, TypeError, ValueError):
            raise ParseError("a restic snapshot without a readable time") from None
        if when.tzinfo is None:  # restic always prints an offset; a naive time cannot be compared
            raise ParseError("a restic snapshot time without its UTC offset")
        paths = item.get("paths") or []
        if not isinstance(paths, list):
            raise ParseError("a restic snapshot whose paths are not a list")
        snapshots.append(ResticSnapshot(when, str(item.get("hostname", "")), tuple(paths)))
    return snapshots
