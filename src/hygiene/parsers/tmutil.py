"""Parses macOS `tmutil destinationinfo` (Time Machine destinations, blocks of `Key : value`
lines) and `tmutil latestbackup` (the newest backup's path, dated in its last component)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from hygiene.parsers import ParseError, excerpt

# `Key : value` lines were `^\s*([A-Za-z ]+?)\s*:\s*(.*?)\s*$`: three quantifiers over the same
# blanks made a line of spaces cubic (a crafted line stalled replay). Now: partition on ':'.
_KEY = re.compile(r"[A-Za-z ]+")
_STAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:\.(?:backup|inprogress))?/?$")


@dataclass(frozen=True)
class Destination:
    name: str
    kind: str  # "Local" (a disk on this Mac) or "Network" (a NAS or another Mac)
    url: str
    mount_point: str
    lines: tuple[str, ...] = ()  # the Name, Kind, URL and Mount Point lines, as printed (evidence)


def _key_value(line: str) -> tuple[str, str] | None:
    """("mount point", "/Volumes/TM") for `Mount Point : /Volumes/TM`; None for other lines."""
    before, colon, value = line.partition(":")
    if not colon:
        return None
    key = before.strip()
    if key and not _KEY.fullmatch(key):  # letters and spaces only, as the old pattern
        return None
    if not key and " " not in before:  # ... which needed one letter or space before the ':'
        return None
    return key.lower(), value.strip()


def _separator(line: str) -> bool:
    """The line of '=' that opens each destination's block, also when tmutil marks it with a
    leading '>' (the destination it backs up to next, on macOS with several)."""
    bare = line.strip().removeprefix(">").strip()
    return len(bare) >= 5 and set(bare) == {"="}


def parse_destinationinfo(text: str) -> list[Destination]:
    """Every destination; an empty list for "No destinations configured"."""
    if "no destinations" in text.lower():
        return []
    blocks: list[dict[str, str]] = []
    said: list[list[str]] = []
    for line in text.splitlines():
        if _separator(line):
            blocks.append({})
            said.append([])
        elif pair := _key_value(line):
            if not blocks:
                blocks.append({})
                said.append([])
            blocks[-1][pair[0]] = pair[1]
            if pair[0] in _DECIDING:
                said[-1].append(line)
    found = [(b, s) for b, s in zip(blocks, said, strict=True) if b.get("name") or b.get("id")]
    if not found:
        raise ParseError(f"`tmutil destinationinfo` printed something unrecognised: {excerpt(text)}")
    return [
        Destination(b.get("name", "?"), b.get("kind", ""), b.get("url", ""), b.get("mount point", ""), tuple(s))
        for b, s in found
    ]


_DECIDING = ("name", "kind", "url", "mount point")  # the lines a finding quotes (issue 11)


def parse_latestbackup(text: str) -> datetime | None:
    """The newest backup's local time from its path, or None when the path carries no date
    (or a date that cannot be, such as month 13)."""
    path = text.strip().splitlines()[-1].strip() if text.strip() else ""
    m = _STAMP.search(path)
    if not m:
        return None
    try:
        return datetime(*(int(g) for g in m.groups()))
    except ValueError:
        return None
