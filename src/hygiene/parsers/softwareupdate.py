"""Parses `softwareupdate -l --no-scan` (cached results, no network) in both layouts.

macOS 10.15 and later:      * Label: NAME
                                Title: T, Version: V, Size: S, Recommended: YES, Action: restart,
Before 10.15:               * NAME          (or "- NAME")
                                T (V), SIZE [recommended] [restart]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError

_ITEM = re.compile(r"^\s*[*-] (?:Label: )?(?P<label>.+?)\s*$")
_FIELDS = re.compile(r"(\w[\w ]*?): ([^,]*)(?:,|$)")
_OLD_DETAIL = re.compile(r"^(?P<title>.*?),? \((?P<version>[^)]*)\),? (?P<rest>.*)$")


@dataclass(frozen=True)
class MacUpdate:
    label: str
    title: str
    version: str
    recommended: bool
    action: str  # "restart", "shut down", or "" when none is needed


@dataclass(frozen=True)
class MacUpdateList:
    updates: tuple[MacUpdate, ...]


def _detail(label: str, line: str) -> MacUpdate:
    line = line.strip()
    if line.startswith("Title: "):
        fields = {k.strip(): v.strip() for k, v in _FIELDS.findall(line)}
        return MacUpdate(
            label,
            fields.get("Title", label),
            fields.get("Version", ""),
            fields.get("Recommended", "").upper() == "YES",
            fields.get("Action", "").lower(),
        )
    m = _OLD_DETAIL.match(line)
    rest = m["rest"] if m else line
    action = "restart" if "[restart]" in rest else "shut down" if "[shut down]" in rest else ""
    return MacUpdate(
        label, m["title"] if m else label, (m["version"].strip() if m else ""), "[recommended]" in rest, action
    )


def parse_softwareupdate_list(text: str) -> MacUpdateList:
    if "Scan finished with error" in text or "Error Domain=" in text:
        reason = next((ln for ln in text.splitlines() if "error" in ln.lower()), "").strip()
        raise ParseError(f"softwareupdate could not list updates: {reason[:160]}")
    lines = text.splitlines()
    updates = []
    for i, line in enumerate(lines):
        m = _ITEM.match(line)
        if m and i + 1 < len(lines) and lines[i + 1].startswith(("\t", "    ")) and not _ITEM.match(lines[i + 1]):
            updates.append(_detail(m["label"], lines[i + 1]))
    if not updates and "No new software available" not in text:
        raise ParseError("softwareupdate listed neither updates nor 'No new software available'")
    return MacUpdateList(tuple(updates))
