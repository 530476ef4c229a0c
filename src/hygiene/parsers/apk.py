"""Parses `apk version -l '<'`: installed packages that have a newer version in the local index."""

from __future__ import annotations

import re

from hygiene.parsers.packages import PendingUpdate

_LINE = re.compile(r"^(?P<pkg>\S+)\s+<\s+(?P<new>\S+)\s*$")


def parse_apk_version(text: str) -> list[PendingUpdate]:
    updates = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            name = re.sub(r"-\d[^-]*-r\d+$", "", m["pkg"])  # busybox-1.36.1-r2 -> busybox
            updates.append(PendingUpdate(name, m["new"], None, "apk"))
    return updates
