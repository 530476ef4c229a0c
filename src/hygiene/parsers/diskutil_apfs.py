"""Parses macOS `diskutil apfs list` (text): each volume's mount point and FileVault state.
The layout draws a tree with `+->` and `|`; each volume block carries its role, `Mount Point:`
(or "Not Mounted") and `FileVault: Yes (Unlocked)` / `No`; a sealed system volume adds
`Snapshot Mount Point: /`, which is the snapshot's, not the volume's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

_VOLUME = re.compile(r"\+-> Volume (?P<disk>disk\S+)")
_FILEVAULT = re.compile(r"FileVault:\s+(?P<answer>Yes|No)\b")
_ROLE = re.compile(r"APFS Volume Disk \(Role\):\s+\S+\s+\((?P<role>[^)]*)\)")
_NAME = re.compile(r"\bName:")
_CASE = ("(Case-sensitive)", "(Case-insensitive)")


def _rest_value(rest: str) -> str | None:
    r"""What `\s+(.+?)\s*$` captures in `rest` (blanks, then a value, then blanks), without that
    pattern's quadratic backtracking on a line of blanks: at least one blank and one more
    character; a value of blanks only is its last blank, as the pattern had it."""
    if len(rest) < 2 or not rest[0].isspace():
        return None
    return rest.strip() or rest[-1]


def _mount(line: str) -> str | None:
    """`Mount Point: /x` at the start of the line (so not "Snapshot Mount Point:")."""
    return _rest_value(line[len("Mount Point:") :]) if line.startswith("Mount Point:") else None


def _name(line: str) -> str | None:
    """The value after the first `Name:` (as a word) that has one."""
    for m in _NAME.finditer(line):
        if line[m.end() : m.end() + 1].isspace() and len(line) - m.end() >= 2:
            return _rest_value(line[m.end() :])
    return None


def _without_case(name: str) -> str:
    """'Macintosh HD (Case-sensitive)' -> 'Macintosh HD'."""
    for suffix in _CASE:
        if name.endswith(suffix):
            return name[: -len(suffix)].rstrip()
    return name


@dataclass(frozen=True)
class ApfsVolume:
    disk: str
    name: str
    mount: str | None  # None: not mounted
    encrypted: bool | None  # FileVault: Yes/No; None when the block does not say
    role: str = ""  # System, Data, Backup (Time Machine), ... ; "" for none


def parse_apfs_list(text: str) -> list[ApfsVolume]:
    if "APFS Container" not in text and "No APFS Containers" not in text:
        raise ParseError(f"`diskutil apfs list` printed something unrecognised: {excerpt(text)}")
    volumes = []
    starts = [m for m in _VOLUME.finditer(text)]
    for i, start in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        block = text[start.end() : end]
        mount = name = None
        encrypted = None
        role = ""
        for line in block.splitlines():
            line = line.lstrip(" |")
            if m := _ROLE.search(line):
                role = "" if m["role"] == "No specific role" else m["role"]
            elif (found := _mount(line)) is not None:
                mount = None if found == "Not Mounted" else found
            elif m := _FILEVAULT.search(line):
                encrypted = m["answer"] == "Yes"
            elif (found := _name(line)) is not None and name is None:
                name = _without_case(found)
            if line.startswith(("+--", "+-<")):  # the next container or physical store
                break
        volumes.append(ApfsVolume(start["disk"], name or start["disk"], mount, encrypted, role))
    return volumes
