"""Parses macOS `tmutil destinationinfo` (Time Machine destinations, blocks of `Key : value`
lines) and `tmutil latestbackup` (the newest backup's path, dated in its last component)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from hygiene.parsers import ParseError

_LINE = re.compile(r"^\s*(?P<key>[A-Za-z ]+?)\s*:\s*(?P<value>.*?)\s*$")
_STAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:\.(?:backup|inprogress))?/?$")


@dataclass(frozen=True)
class Destination:
    name: str
    kind: str  # "Local" (a disk on this Mac) or "Network" (a NAS or another Mac)
    url: str
    mount_point: str


def parse_destinationinfo(text: str) -> list[Destination]:
    """Every destination; an empty list for "No destinations configured"."""
    if "no destinations" in text.lower():
        return []
    blocks: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("=" * 5):
            blocks.append({})
        elif m := _LINE.match(line):
            if not blocks:
                blocks.append({})
            blocks[-1][m["key"].strip().lower()] = m["value"]
    found = [b for b in blocks if b.get("name") or b.get("id")]
    if not found:
        raise ParseError(f"`tmutil destinationinfo` printed something unrecognised: {text.strip()[:80]!r}")
    return [
        Destination(b.get("name", "?"), b.get("kind", ""), b.get("url", ""), b.get("mount point", "")) for b in found
    ]


def parse_latestbackup(text: str) -> datetime | None:
    """The newest backup's local time from its path, or None when the path carries no date."""
    path = text.strip().splitlines()[-1].strip() if text.strip() else ""
    m = _STAMP.search(path)
    if not m:
        return None
    return datetime(*(int(g) for g in m.groups()))
