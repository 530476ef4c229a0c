"""Parses `apk version -l '<'`: installed packages that have a newer version in the local index.

A "WARNING: Ignoring ..." line means apk could not read an index, so it compared against
nothing there: such lines are kept as unrecognised, and no check passes over them."""

from __future__ import annotations

import re

from hygiene.parsers.packages import PendingList, PendingUpdate

_LINE = re.compile(r"^(?P<pkg>\S+)\s+<\s*(?P<new>\S*)\s*$")  # the version may be cut off a last line
_HEADER = ["Installed:", "Available:"]


def parse_apk_version(text: str) -> PendingList:
    updates, unrecognised = [], []
    for line in text.splitlines():
        if not line.strip() or line.split() == _HEADER:
            continue
        if m := _LINE.match(line):
            name = re.sub(r"-\d[^-]*-r\d+$", "", m["pkg"])  # busybox-1.36.1-r2 -> busybox
            updates.append(PendingUpdate(name, m["new"], None, "apk", line))
        else:
            unrecognised.append(line)
    return PendingList(tuple(updates), tuple(unrecognised))
