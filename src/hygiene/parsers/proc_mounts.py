"""Parses /proc/self/mounts (fstab format: source target fstype options dump pass)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OCTAL = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True)
class Mount:
    source: str
    target: str
    fstype: str


def _unescape(field: str) -> str:  # the kernel writes a space in a path as \040
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_mounts(text: str) -> list[Mount]:
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append(Mount(_unescape(parts[0]), _unescape(parts[1]), parts[2]))
    return mounts


def mount_of(mounts: list[Mount], target: str) -> Mount | None:
    """The mount that is visible at `target`: the last one listed wins (it is on top)."""
    found = [m for m in mounts if m.target == target]
    return found[-1] if found else None
