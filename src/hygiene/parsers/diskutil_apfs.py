"""Parses macOS `diskutil apfs list` (text): each volume's mount point and FileVault state.
The layout draws a tree with `+->` and `|`; each volume block carries its role, `Mount Point:`
(or "Not Mounted") and `FileVault: Yes (Unlocked)` / `No`; a sealed system volume adds
`Snapshot Mount Point: /`, which is the snapshot's, not the volume's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError

_VOLUME = re.compile(r"\+-> Volume (?P<disk>disk\S+)")
_MOUNT = re.compile(r"^Mount Point:\s+(?P<mount>.+?)\s*$")  # not "Snapshot Mount Point:"
_FILEVAULT = re.compile(r"FileVault:\s+(?P<answer>Yes|No)\b")
_ROLE = re.compile(r"APFS Volume Disk \(Role\):\s+\S+\s+\((?P<role>[^)]*)\)")
_NAME = re.compile(r"\bName:\s+(?P<name>.+?)\s*$")


@dataclass(frozen=True)
class ApfsVolume:
    disk: str
    name: str
    mount: str | None  # None: not mounted
    encrypted: bool | None  # FileVault: Yes/No; None when the block does not say
    role: str = ""  # System, Data, Backup (Time Machine), ... ; "" for none


def parse_apfs_list(text: str) -> list[ApfsVolume]:
    if "APFS Container" not in text and "No APFS Containers" not in text:
        raise ParseError(f"`diskutil apfs list` printed something unrecognised: {text.strip()[:80]!r}")
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
            elif m := _MOUNT.match(line):
                mount = None if m["mount"] == "Not Mounted" else m["mount"]
            elif m := _FILEVAULT.search(line):
                encrypted = m["answer"] == "Yes"
            elif (m := _NAME.search(line)) and name is None:
                name = re.sub(r"\s*\(Case-(in)?sensitive\)$", "", m["name"])
            if line.startswith(("+--", "+-<")):  # the next container or physical store
                break
        volumes.append(ApfsVolume(start["disk"], name or start["disk"], mount, encrypted, role))
    return volumes
