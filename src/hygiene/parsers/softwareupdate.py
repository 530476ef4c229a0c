"""Parses `softwareupdate -l --no-scan` (cached results, no network) in both layouts.

macOS 10.15 and later:      * Label: NAME
                                Title: T, Version: V, Size: S, Recommended: YES, Action: restart,
Before 10.15:               * NAME          (or "- NAME")
                                T (V), SIZE [recommended] [restart]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

# The patterns this module had (`^\s*[*-] (?:Label: )?(.+?)\s*$`, `(\w[\w ]*?): ([^,]*)(?:,|$)`
# and `^(.*?),? \(([^)]*)\),? (.*)$`) were quadratic on a long line of blanks, of words without
# a colon, or of " (": the functions below do the same with partition, find and one scan.
_KEY = re.compile(r"[\w ]+")  # a run of word characters and spaces: a field name candidate


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


def _label(rest: str) -> str | None:
    """`.+?` then blanks to the end: the text without trailing blanks (or its first blank)."""
    return (rest.rstrip() or rest[0]) if rest else None


def _item(line: str) -> str | None:
    """The label of `* NAME`, `- NAME` or `* Label: NAME` (leading and trailing blanks ignored)."""
    rest = line.lstrip()
    if rest[:2] not in ("* ", "- "):
        return None
    rest = rest[2:]
    if rest.startswith("Label: ") and (label := _label(rest[len("Label: ") :])) is not None:
        return label
    return _label(rest)


def _fields(line: str) -> dict[str, str]:
    """`Title: T, Version: V, Action: restart,`: a name (word characters and spaces, starting
    with a word character) before ': ', and its value up to the next comma."""
    fields = {}
    for part in line.split(","):  # neither a name nor a value holds a comma
        for m in _KEY.finditer(part):
            key = m.group().lstrip(" ")
            if part.startswith(": ", m.end()) and key:
                fields[key.strip()] = part[m.end() + 2 :].strip()
                break
    return fields


def _old_detail(line: str) -> tuple[str, str, str] | None:
    """`TITLE (VERSION), SIZE [recommended] [restart]`: (title, version, rest) at the first
    ' (' whose ')' is followed by ' ' or ', '."""
    close = -1
    start = line.find(" (")
    while start >= 0:
        if close < start + 2:  # the first ')' after this ' (' (reused while it lies beyond)
            close = line.find(")", start + 2)
            if close < 0:
                return None
        after = line[close + 1 : close + 3]
        if after[:1] == " " or after == ", ":
            title = line[: start - 1] if line[start - 1 : start] == "," else line[:start]
            return title, line[start + 2 : close], line[close + (2 if after[:1] == " " else 3) :]
        start = line.find(" (", start + 1)
    return None


def _detail(label: str, line: str) -> MacUpdate:
    line = line.strip()
    if line.startswith("Title: "):
        fields = _fields(line)
        return MacUpdate(
            label,
            fields.get("Title", label),
            fields.get("Version", ""),
            fields.get("Recommended", "").upper() == "YES",
            fields.get("Action", "").lower(),
        )
    m = _old_detail(line)
    title, version, rest = m if m else (label, "", line)
    action = "restart" if "[restart]" in rest else "shut down" if "[shut down]" in rest else ""
    return MacUpdate(label, title, version.strip(), "[recommended]" in rest, action)


def parse_softwareupdate_list(text: str) -> MacUpdateList:
    if "Scan finished with error" in text or "Error Domain=" in text:
        reason = next((ln for ln in text.splitlines() if "error" in ln.lower()), "")
        quoted = reason.split('"')  # Error Domain=... Code=-1005 "The network connection was lost." ...
        raise ParseError(f"softwareupdate could not list updates: {excerpt(quoted[1] if len(quoted) > 2 else reason)}")
    lines = text.splitlines()
    updates = []
    for i, line in enumerate(lines):
        label = _item(line)
        if label and i + 1 < len(lines) and lines[i + 1].startswith(("\t", "    ")) and _item(lines[i + 1]) is None:
            updates.append(_detail(label, lines[i + 1]))
    if not updates and "No new software available" not in text:
        raise ParseError("softwareupdate listed neither updates nor 'No new software available'")
    return MacUpdateList(tuple(updates))
