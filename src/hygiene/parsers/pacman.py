"""Parses `pacman -Qu` (and checkupdates): `name old -> new`, against the local sync database.

pacman's "warning:" and "error:" lines are not harmless here: "database file for 'core' does
not exist" means it compared against nothing, so they are kept as unrecognised and no check
passes over them. pacman runs under LANG=C here (system/local.py)."""

from __future__ import annotations

import re

from hygiene.parsers import ParseError, excerpt
from hygiene.parsers.packages import PendingList, PendingUpdate

_LINE = re.compile(r"^(?P<name>\S+) (?P<old>\S+) -> (?P<new>\S+)(?: \[ignored\])?$")
_CUT = re.compile(r"^(?P<name>\S+) \S+ ->$")  # the last line cut at the arrow


def parse_pacman_upgrades(text: str) -> PendingList:
    updates, unrecognised = [], []
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for i, line in enumerate(lines):
        if line.startswith("::"):
            continue
        if m := _LINE.match(line):
            updates.append(PendingUpdate(m["name"], m["new"], None, "pacman", line))
        elif i == len(lines) - 1 and (m := _CUT.match(line)):
            updates.append(PendingUpdate(m["name"], "", None, "pacman", line))
        else:
            unrecognised.append(line)
    if unrecognised and not updates and not unrecognised[0].startswith(("warning:", "error:")):
        raise ParseError(f"unrecognised pacman line: {excerpt(unrecognised[0])}")
    return PendingList(tuple(updates), tuple(unrecognised))
