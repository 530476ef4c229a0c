"""Parses `lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT` and, for util-linux older than 2.27
(no -J), the default tree text of `lsblk -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT`.

lsblk nests holders under what they sit on (disk > part > crypt > lvm), so the path from a
top-level device down to the one mounted at / is the storage stack beneath the root filesystem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hygiene.parsers import MAX_DEPTH, ParseError, excerpt, load_json

TREE_GLYPHS = " │├└─|`-"  # Unicode and ASCII (`lsblk -i`) tree drawing, with indentation
MAX_DEVICES = 10_000  # far more than any machine has; bounds the work on a hostile listing


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


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None  # JSON null, or a number where a word belongs


def _device(node: dict, seen: list[int]) -> BlockDevice:
    """One device and its holders; the nesting was bounded by the reader (load_json, MAX_DEPTH),
    and `seen` counts the devices made so far."""
    if not isinstance(node, dict) or not isinstance(node.get("name"), str):
        raise ParseError("lsblk JSON has a device without a name")
    seen[0] += 1
    if seen[0] > MAX_DEVICES:
        raise _too_many()
    mounts = node.get("mountpoints", [node.get("mountpoint")])  # MOUNTPOINTS is 2.37+
    children = node.get("children") or []
    if not isinstance(mounts or [], list) or not isinstance(children, list):
        raise ParseError(f"lsblk JSON has a device ({excerpt(node['name'])}) whose mountpoints or children are no list")
    return BlockDevice(
        name=node["name"],
        kname=_text(node.get("kname")),
        type=_text(node.get("type")),
        fstype=_text(node.get("fstype")),
        mountpoints=tuple(m for m in mounts or () if isinstance(m, str)),
        children=tuple(_device(c, seen) for c in children),
    )


def _too_many() -> ParseError:
    return ParseError(f"lsblk listed more than {MAX_DEVICES:,} devices")


def parse_lsblk_json(text: str) -> tuple[BlockDevice, ...]:
    data = load_json(text, "lsblk")  # nesting is bounded, so _device's recursion is too
    if not isinstance(data, dict) or not isinstance(data.get("blockdevices"), list):
        raise ParseError("lsblk JSON has no 'blockdevices' list")
    seen = [0]
    return tuple(_device(d, seen) for d in data["blockdevices"])


def parse_lsblk_tree(text: str) -> tuple[BlockDevice, ...]:
    """The column text with tree glyphs; needs the header line to know where columns are."""
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    if not lines or not lines[0].startswith("NAME"):
        raise ParseError("lsblk text has no header line starting with NAME")
    header, *rows = lines
    # Where each column name starts (its first occurrence), and where the next one starts: found
    # once, so a header of many columns costs no more per row (header.index per name, and a
    # scan of every column per cell, made it quadratic).
    starts: dict[str, int] = {}
    for m in re.finditer(r"\S+", header):
        starts.setdefault(m.group(), m.start())
    order = list(starts.values())
    ends = {col: (order[i + 1] if i + 1 < len(order) else None) for i, col in enumerate(starts)}

    def cell(line: str, col: str) -> str | None:
        if col not in starts:
            return None
        start = starts[col]
        end = ends[col]
        value = line[start:end] if end is not None and col not in ("MOUNTPOINT", "MOUNTPOINTS") else line[start:]
        value = value.strip()
        if col in ("TYPE", "FSTYPE", "KNAME"):  # one word; a right-aligned neighbour may spill in
            value = value.split()[0] if value else ""
        return value or None

    mount_col = "MOUNTPOINTS" if "MOUNTPOINTS" in starts else "MOUNTPOINT"
    roots: list[dict] = []
    stack: list[tuple[int, dict]] = []
    devices = 0
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
        if len(stack) >= MAX_DEPTH:
            raise ParseError(f"lsblk text nests devices more than {MAX_DEPTH} deep")
        devices += 1
        if devices > MAX_DEVICES:
            raise _too_many()
        (stack[-1][1]["children"] if stack else roots).append(node)
        stack.append((depth, node))
    seen = [0]
    return tuple(_device(n, seen) for n in roots)


def paths_to(devices: tuple[BlockDevice, ...], match: Callable[[BlockDevice], bool]) -> list[tuple[BlockDevice, ...]]:
    """Every top-down path ending at a matching device (one per parent when it spans several)."""

    def walk(dev: BlockDevice, above: tuple[BlockDevice, ...]) -> Iterator[tuple[BlockDevice, ...]]:
        path = (*above, dev)
        if match(dev):
            yield path
        for child in dev.children:
            yield from walk(child, path)

    return [p for d in devices for p in walk(d, ())]
