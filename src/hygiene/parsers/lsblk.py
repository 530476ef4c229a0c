"""Parses `lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT` and, for util-linux older than 2.27
(no -J), the default tree text of `lsblk -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT`.

lsblk nests holders under what they sit on (disk > part > crypt > lvm), so the path from a
top-level device down to the one mounted at / is the storage stack beneath the root filesystem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hygiene.parsers import ParseError

TREE_GLYPHS = " │├└─|`-"  # Unicode and ASCII (`lsblk -i`) tree drawing, with indentation


@dataclass(frozen=True)
class BlockDevice:
    name: str
    kname: str | None
    type: str | None  # disk, part, crypt, lvm, raid1, dm, ...; None when not shown
    fstype: str | None  # None where udev is absent (containers, CI) or not shown
    mountpoints: tuple[str, ...]
    children: tuple[BlockDevice, ...] = ()

    def label(self) -> str:
        kinds = ", ".join(k for k in (self.type, self.fstype) if k)
        return f"{self.name} ({kinds})" if kinds else self.name


def _device(node: dict) -> BlockDevice:
    if not isinstance(node, dict) or not isinstance(node.get("name"), str):
        raise ParseError("lsblk JSON has a device without a name")
    mounts = node.get("mountpoints", [node.get("mountpoint")])  # MOUNTPOINTS is 2.37+
    return BlockDevice(
        name=node["name"],
        kname=node.get("kname"),
        type=node.get("type"),
        fstype=node.get("fstype"),
        mountpoints=tuple(m for m in mounts or () if isinstance(m, str)),
        children=tuple(_device(c) for c in node.get("children") or ()),
    )


def parse_lsblk_json(text: str) -> tuple[BlockDevice, ...]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"lsblk did not print JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("blockdevices"), list):
        raise ParseError("lsblk JSON has no 'blockdevices' list")
    return tuple(_device(d) for d in data["blockdevices"])


def parse_lsblk_tree(text: str) -> tuple[BlockDevice, ...]:
    """The column text with tree glyphs; needs the header line to know where columns are."""
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    if not lines or not lines[0].startswith("NAME"):
        raise ParseError("lsblk text has no header line starting with NAME")
    header, *rows = lines
    starts = {col: header.index(col) for col in header.split()}
    order = sorted(starts.values())

    def cell(line: str, col: str) -> str | None:
        if col not in starts:
            return None
        start = starts[col]
        later = [s for s in order if s > start]
        value = line[start : later[0]] if later and col not in ("MOUNTPOINT", "MOUNTPOINTS") else line[start:]
        value = value.strip()
        if col in ("TYPE", "FSTYPE", "KNAME"):  # one word; a right-aligned neighbour may spill in
            value = value.split()[0] if value else ""
        return value or None

    mount_col = "MOUNTPOINTS" if "MOUNTPOINTS" in starts else "MOUNTPOINT"
    roots: list[dict] = []
    stack: list[tuple[int, dict]] = []
    for line in rows:
        stripped = line.lstrip(TREE_GLYPHS)
        if not stripped or (mount_col in starts and len(line) - len(stripped) >= starts[mount_col]):
            if stack:  # a further mountpoint of the device above (MOUNTPOINTS layout)
                stack[-1][1]["mountpoints"].append(stripped)
            continue
        depth = (len(line) - len(stripped)) // 2
        node = {
            "name": stripped.split()[0],
            "kname": cell(line, "KNAME"),
            "type": cell(line, "TYPE"),
            "fstype": cell(line, "FSTYPE"),
            "mountpoints": [m for m in [cell(line, mount_col)] if m],
            "children": [],
        }
        while stack and stack[-1][0] >= depth:
            stack.pop()
        (stack[-1][1]["children"] if stack else roots).append(node)
        stack.append((depth, node))
    return tuple(_device(n) for n in roots)


def paths_to(devices: tuple[BlockDevice, ...], match: Callable[[BlockDevice], bool]) -> list[tuple[BlockDevice, ...]]:
    """Every top-down path ending at a matching device (one per parent when it spans several)."""

    def walk(dev: BlockDevice, above: tuple[BlockDevice, ...]) -> Iterator[tuple[BlockDevice, ...]]:
        path = (*above, dev)
        if match(dev):
            yield path
        for child in dev.children:
            yield from walk(child, path)

    return [p for d in devices for p in walk(d, ())]
