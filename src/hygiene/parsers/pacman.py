"""Parses `pacman -Qu` (and checkupdates): `name old -> new`, against the local sync database."""

from __future__ import annotations

import re

from hygiene.parsers import ParseError, excerpt
from hygiene.parsers.packages import PendingUpdate

_LINE = re.compile(r"^(?P<name>\S+) (?P<old>\S+) -> (?P<new>\S+)(?: \[ignored\])?$")


def parse_pacman_upgrades(text: str) -> list[PendingUpdate]:
    updates = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("warning:", "error:", "::")):
            continue
        m = _LINE.match(line)
        if not m:
            raise ParseError(f"unrecognised pacman line: {excerpt(line)}")
        updates.append(PendingUpdate(m["name"], m["new"], None, "pacman"))
    return updates
