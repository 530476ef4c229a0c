"""Parses /proc/self/mounts (fstab format: source target fstype options dump pass)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

_OCTAL = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True)
class Mount:
    source: str
    target: str
    fstype: str


def _unescape(field: str) -> str:  # the kernel writes a space in a path as \040
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_mounts(text: str) -> list[Mount]:
    """Six blank-separated fields a line (the kernel escapes blanks inside them as \\040); a
    line that is not (a capture cut short) is refused: dropping it could hide a volume."""
    mounts = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 6 or not (parts[4].isdigit() and parts[5].isdigit()):
            raise ParseError(f"/proc/self/mounts line {number} is not six fields: {excerpt(line)}")
        mounts.append(Mount(_unescape(parts[0]), _unescape(parts[1]), parts[2]))
    return mounts


def mount_of(mounts: list[Mount], target: str) -> Mount | None:
    """The mount that is visible at `target`: the last one listed wins (it is on top)."""
    found = [m for m in mounts if m.target == target]
    return found[-1] if found else None
