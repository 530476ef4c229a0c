"""Parses `softwareupdate -l --no-scan` (cached results, no network) in both layouts.

macOS 10.15 and later:      * Label: NAME
                                Title: T, Version: V, Size: S, Recommended: YES, Action: restart,
                            (a comma ends every field, the last one too: a line without it was cut)
Before 10.15:               * NAME          (or "- NAME")
                                T (V), SIZE [recommended] [restart]

Its state words are compared without case ("Recommended: YES", "Action: restart", "[restart]",
"[shut down]"). Every softwareupdate output found, on every macOS version, is in English
whatever the system language (LANG does not reach it: it follows the login's languages); a
line in another language is unrecognised, and a list that says neither "No new software
available." nor names an update is a ParseError, never "nothing pending".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt

# The patterns this module had (`^\s*[*-] (?:Label: )?(.+?)\s*$`, `(\w[\w ]*?): ([^,]*)(?:,|$)`
# and `^(.*?),? \(([^)]*)\),? (.*)$`) were quadratic on a long line of blanks, of words without
# a colon, or of " (": the functions below do the same with partition, find and one scan.
_KEY = re.compile(r"[\w ]+")  # a run of word characters and spaces: a field name candidate


_KNOWN = (
    "Software Update Tool", "Finding available software", "Software Update found the following new or updated software:"
)  # fmt: skip
_COPYRIGHT = re.compile(r"Copyright \d{4}(?:-\d{4})? Apple Inc\.")  # OS X 10.8-10.10 print it under the banner
NOTHING = "No new software available."
ACTIONS = ("restart", "shut down")  # what an update needs to be installed, as the Action field or [tag] says


@dataclass(frozen=True)
class MacUpdate:
    label: str
    title: str
    version: str
    recommended: bool | None  # None: its detail line was cut away, or said neither YES nor NO
    action: str  # "restart", "shut down", or "" when none is needed (or not known: see cut)
    lines: tuple[str, ...] = ()  # the item line and its detail line, raw: the check quotes them
    cut: bool = False  # its detail line was cut away, or cut short: the fields after the cut are not known


@dataclass(frozen=True)
class MacUpdateList:
    updates: tuple[MacUpdate, ...]
    unrecognised: tuple[str, ...] = ()
    nothing: str = ""  # the "No new software available." line, when it said so


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
    """`TITLE (VERSION), SIZE [recommended] [restart]`: (title, version, rest), the version being
    the last parenthesis before the size, so a title with its own "(macOS Mojave version 10.14)"
    keeps it; "iCal, (1.0.2), 6520K" has a comma before the parenthesis. rfind keeps it linear."""
    close = line.rfind("), ")
    if close < 0:
        close = line.rfind(") ")
    start = line.rfind(" (", 0, close) if close >= 0 else -1
    if start < 0:
        return None
    title = line[:start].rstrip(",")
    return title, line[start + 2 : close], line[close + 1 :].lstrip(", ")


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value.strip().casefold())


def _detail(label: str, line: str, lines: tuple[str, ...]) -> tuple[MacUpdate, bool]:
    """The update an item's detail line describes, and whether every state word in it was known
    (a Recommended other than YES/NO, or an Action other than restart/shut down, is not)."""
    line = line.strip()
    if line.startswith("Title: "):
        fields = _fields(line)
        title = fields.get("Title", label)
        cut = not line.endswith(",")  # macOS ends the line with a comma after its last field
        said = fields.get("Recommended")
        recommended = _yes_no(said) if said is not None else None if cut else False
        action = fields.get("Action", "").casefold()
        known = (recommended is not None or cut) and (action in ("", *ACTIONS) or cut)
        action = action if action in ACTIONS else ""
        return MacUpdate(label or title, title, fields.get("Version", ""), recommended, action, lines, cut), known
    m = _old_detail(line)
    title, version, rest = m if m else (label or line.split(",", 1)[0], "", line)
    tags = rest.casefold()
    action = next((a for a in ACTIONS if f"[{a}]" in tags), "")
    return MacUpdate(label or title, title, version.strip(), "[recommended]" in tags, action, lines), True


def _orphan_detail(line: str) -> bool:
    """A detail line whose item line was cut away: it still names an update."""
    stripped = line.strip()
    return line[:1].isspace() and (stripped.startswith("Title: ") or "[recommended]" in stripped.casefold())


def parse_softwareupdate_list(text: str) -> MacUpdateList:
    """Every update listed, each with the lines that name it. An item whose detail line was cut
    away is still pending (recommended None); a detail line whose item was cut away still names
    its update. Lines of no known form are kept as unrecognised. ParseError on a scan error, or
    when the text names no update and does not say "No new software available": nothing decided."""
    if "Scan finished with error" in text or "Error Domain=" in text:
        reason = next((ln for ln in text.splitlines() if "error" in ln.lower()), "")
        quoted = reason.split('"')  # Error Domain=... Code=-1005 "The network connection was lost." ...
        raise ParseError(f"its scan failed: {deciding_line(quoted[1] if len(quoted) > 2 else reason)}")
    lines = text.splitlines()
    updates, unrecognised, nothing = [], [], ""
    i = 0
    while i < len(lines):
        line, after = lines[i], lines[i + 1] if i + 1 < len(lines) else ""
        label = _item(line)
        if label and after.startswith(("\t", "    ")) and after.strip() and _item(after) is None:
            update, known = _detail(label, after, (line, after))
            updates.append(update)
            unrecognised += [] if known else [after]
            i += 2
            continue
        if label:
            updates.append(MacUpdate(label, label, "", None, "", (line,), cut=True))  # its detail line was cut away
        elif _orphan_detail(line):
            update, known = _detail("", line, (line,))
            updates.append(update)
            unrecognised += [] if known else [line]
        elif line.strip() == NOTHING:
            nothing = line.strip()
        elif line.strip() and line.strip() not in _KNOWN and not _COPYRIGHT.fullmatch(line.strip()):
            unrecognised.append(line)
        i += 1
    if not updates and not nothing:
        first = f": {excerpt(unrecognised[0])}" if unrecognised else ""
        raise ParseError(f"softwareupdate listed neither updates nor 'No new software available'{first}")
    return MacUpdateList(tuple(updates), tuple(unrecognised), nothing)
