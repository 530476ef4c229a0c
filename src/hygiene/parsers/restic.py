"""Parses `restic snapshots --json`: a JSON list of snapshots, each with an RFC 3339 `time`
(nanoseconds, any offset), `hostname` and `paths`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from hygiene.parsers import ParseError


@dataclass(frozen=True)
class ResticSnapshot:
    time: datetime
    hostname: str
    paths: tuple[str, ...]


def parse_restic_snapshots(text: str) -> list[ResticSnapshot]:
    try:
        data = json.loads(text.strip() or "null")
    except json.JSONDecodeError:
        raise ParseError("`restic snapshots --json` did not print JSON") from None
    if not isinstance(data, list):
        raise ParseError("`restic snapshots --json` did not print a list")
    snapshots = []
    for item in data:
        try:
            when = datetime.fromisoformat(str(item["time"]).replace("Z", "+00:00"))
        except (KeyError, TypeError, ValueError):
            raise ParseError("a restic snapshot without a readable time") from None
        snapshots.append(ResticSnapshot(when, str(item.get("hostname", "")), tuple(item.get("paths") or ())))
    return snapshots
