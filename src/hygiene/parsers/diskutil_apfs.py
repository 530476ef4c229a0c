"""Parses macOS `diskutil apfs list` (text): each volume's mount point and FileVault state.
The layout draws a tree with `+->` and `|`; each volume block carries its role, `Mount Point:`
(or "Not Mounted") and `FileVault: Yes (Unlocked)` / `Yes (Locked)` / `No`; a sealed system
volume adds `Snapshot Mount Point: /`, which is the snapshot's, not the volume's. macOS 10.13
says `Encrypted: Yes/No` instead; a volume being converted says so in its FileVault value
("Yes (Encrypting)") or on an `Encryption Progress:` / `Decryption Progress:` line (with
"Paused" when paused). A line about encryption of any other form is kept as unrecognised, and
the volume's state is then not known (issue 11, convention 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

_VOLUME = re.compile(r"\+-> Volume (?P<disk>disk\S+)")
_ENCRYPTION_LINE = re.compile(r"(?P<label>FileVault|Encrypted|Encryption Progress|Decryption Progress):(?P<value>.*)$")
# The FileVault / Encrypted values that say the volume is, or is not, encrypted (casefolded).
_SETTLED = {"yes": True, "yes (unlocked)": True, "yes (locked)": True, "no": False}
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
    encrypted: bool | None  # FileVault: Yes/No; None when the block does not say, or is converting
    role: str = ""  # System, Data, Backup (Time Machine), ... ; "" for none
    converting: str | None = None  # "encrypting" or "decrypting" (paused or not)
    lines: tuple[str, ...] = ()  # the FileVault / Encrypted / progress lines, as printed
    unrecognised: tuple[str, ...] = ()  # lines about encryption in a form this parser does not know


def _about_encryption(label: str) -> bool:
    """A line whose label speaks of encryption, so it must not be passed over."""
    return "crypt" in label.casefold() or "filevault" in label.casefold()


def _encryption(lines: list[str]) -> tuple[bool | None, str | None, tuple[str, ...]]:
    """A volume's (encrypted, converting, unrecognised) from its encryption lines: the FileVault
    line decides (the older Encrypted line stands in without one); a conversion anywhere makes
    the volume neither plainly encrypted nor plain, and a second line of a label that says
    otherwise is unrecognised."""
    settled: dict[str, bool] = {}
    converting, odd = None, []
    for line in lines:
        m = _ENCRYPTION_LINE.match(line)
        label, value = m["label"], m["value"].strip().casefold()
        if (
            label in ("FileVault", "Encrypted")
            and value in _SETTLED
            and settled.get(label, _SETTLED[value]) == _SETTLED[value]
        ):
            settled.setdefault(label, _SETTLED[value])  # a second line of the label saying otherwise is odd
        elif label.endswith("Progress") or (label == "FileVault" and "crypt" in value):
            converting = "decrypting" if "decrypt" in (label.casefold() + value) else "encrypting"
        else:
            odd.append(line)
    if converting or odd:
        return None, converting, tuple(odd)
    return settled.get("FileVault", settled.get("Encrypted")), None, ()


def parse_apfs_list(text: str) -> list[ApfsVolume]:
    if "APFS Container" not in text and "No APFS Containers" not in text:
        raise ParseError(f"`diskutil apfs list` printed something unrecognised: {excerpt(text)}")
    volumes = []
    starts = [m for m in _VOLUME.finditer(text)]
    for i, start in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        block = text[start.end() : end]
        mount = name = None
        role = ""
        crypto: list[str] = []
        for line in block.splitlines():
            line = line.lstrip(" |").rstrip()
            if line.startswith(("+--", "+-<")):  # the next container or physical store
                break
            if m := _ROLE.search(line):
                role = "" if m["role"] == "No specific role" else m["role"]
            elif (found := _mount(line)) is not None:
                mount = None if found == "Not Mounted" else found
            elif _ENCRYPTION_LINE.match(line) or _about_encryption(line.partition(":")[0]):
                crypto.append(line)
            elif (found := _name(line)) is not None and name is None:
                name = _without_case(found)
        encrypted, converting, odd = _encryption([c for c in crypto if _ENCRYPTION_LINE.match(c)])
        odd += tuple(c for c in crypto if not _ENCRYPTION_LINE.match(c))
        if odd:
            encrypted = None
        name = name or start["disk"]
        volumes.append(ApfsVolume(start["disk"], name, mount, encrypted, role, converting, tuple(crypto), odd))
    return volumes
