"""Parses `lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT` and, for util-linux older than 2.27
(no -J), the default tree text of `lsblk -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT`.

lsblk nests holders under what they sit on (disk > part > crypt > lvm), so the path from a
top-level device down to the one mounted at / is the storage stack beneath the root filesystem.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from hygiene.parsers import MAX_DEPTH, ParseError, excerpt, load_json

MAX_DEVICES = 10_000  # far more than any machine has; bounds the work on a hostile listing


@dataclass(frozen=True)
class BlockDevice:
    name: str
    kname: str | None
    type: str | None  # disk, part, crypt, lvm, raid1, dm, ...; None when not shown
    fstype: str | None  # None where udev is absent (containers, CI) or not shown
    mountpoints: tuple[str, ...]
    children: tuple[BlockDevice, ...] = ()
    lines: tuple[str, ...] = ()  # what lsblk printed of it: its text line(s), or its JSON object's words

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
    own = node.get("lines") or [_pairs(node)]
    return BlockDevice(
        name=node["name"],
        kname=_text(node.get("kname")),
        type=_text(node.get("type")),
        fstype=_text(node.get("fstype")),
        mountpoints=tuple(m for m in mounts or () if isinstance(m, str)),
        children=tuple(_device(c, seen) for c in children),
        lines=tuple(own),
    )


def _pairs(node: dict) -> str:
    """A JSON device as one line to quote (`name=sda2 type=part fstype=crypto_LUKS`): what
    lsblk said of it, without its children."""
    words = []
    for key, value in node.items():
        values = value if isinstance(value, list) and key.startswith("mountpoint") else [value]
        shown = ",".join(v for v in values if isinstance(v, str))
        if shown and key != "children":
            words.append(f"{key}={shown}")
    return " ".join(words)


def _too_many() -> ParseError:
    return ParseError(f"lsblk listed more than {MAX_DEVICES:,} devices")


def parse_lsblk_json(text: str) -> tuple[BlockDevice, ...]:
    data = load_json(text, "lsblk")  # nesting is bounded, so _device's recursion is too
    if not isinstance(data, dict) or not isinstance(data.get("blockdevices"), list):
        raise ParseError("lsblk JSON has no 'blockdevices' list")
    seen = [0]
    return tuple(_device(d, seen) for d in data["blockdevices"])


# --- the tree text (util-linux < 2.27, which has no -J) ---------------------------------------
#
# lsblk (lib/tt.c before 2.25, libsmartcols since) pads every cell to its column's width and
# puts one blank between columns: a right-aligned column (SIZE, RM, RO...) ends where its header
# name ends, every other one starts where its header name starts. The tree is drawn in the NAME
# column with two-character glyphs, UTF-8 or ASCII (`-i`, or a C locale). A cell wider than its
# column (a long name in a terminal; any column narrowed to fit 80 characters, as 2.23 does
# through a pipe) is printed whole, and "the next column starts on the next line" at its own
# position, unless the column may be cut (FSTYPE, MOUNTPOINT): then its value is cut, and kept as
# printed. A multi-line cell (MOUNTPOINTS, 2.37+) prints each further value on a line of its own.
# A line that fits none of these is refused, never read from the wrong column.

RIGHT_ALIGNED = frozenset(
    {"ALIGNMENT", "DAX", "DISC-ALN", "DISC-GRAN", "DISC-MAX", "DISC-ZERO", "DISK-SEQ", "FSAVAIL", "FSSIZE", "FSUSE%",
     "FSUSED", "HOTPLUG", "LOG-SEC", "MIN-IO", "MQ", "OPT-IO", "PARTN", "PHY-SEC", "RA", "RAND", "REV", "RM", "RO",
     "ROTA", "RQ-SIZE", "SIZE", "START", "WSAME", "ZONE-AMAX", "ZONE-APP", "ZONE-NR", "ZONE-OMAX", "ZONE-SZ",
     "ZONE-WGRAN"}
)  # fmt: skip
FILLED = frozenset({"KNAME", "TYPE", "MAJ:MIN", "SIZE", "RM", "RO", "PATH"})  # lsblk prints them for every device
ONE_WORD = FILLED | RIGHT_ALIGNED | {"NAME", "FSTYPE", "PKNAME", "UUID", "PARTUUID", "PTUUID", "PTTYPE", "FSVER"}
MULTI_LINE = frozenset({"MOUNTPOINTS"})  # one value per line
MOUNT_COLUMNS = ("MOUNTPOINTS", "MOUNTPOINT")
PADDED = frozenset({"MAJ:MIN"})  # printed "%3u:%-3u", so its text may start after the header's start
HOLDER_TYPES = frozenset({"part", "crypt", "lvm"})  # in the tree these always sit under another device
VERTICAL = ("  ", "│ ", "| ")  # tree glyphs, UTF-8 and ASCII: a line going on below
BRANCH = ("├─", "└─", "|-", "`-")  # a child, the last child
_HEX = re.compile(r"\\x([0-9a-fA-F]{2})")


@dataclass(frozen=True)
class _Column:
    name: str
    start: int  # where the header name starts: a left-aligned value starts here
    end: int  # where it ends: a right-aligned value ends here
    right: bool
    earliest: int  # the first position its value may take


class _Header:
    """The columns, found once, so that a header of many columns costs no more per line."""

    def __init__(self, line: str) -> None:
        self.columns: list[_Column] = []
        for m in re.finditer(r"\S+", line):
            right = m.group() in RIGHT_ALIGNED
            earliest = self.columns[-1].end + 1 if right and self.columns else m.start()
            self.columns.append(_Column(m.group(), m.start(), m.end(), right, earliest))
        self.index = {c.name: i for i, c in enumerate(self.columns)}
        if len(self.index) != len(self.columns):
            raise ParseError("lsblk text names a column twice in its header")
        self.earliest = [c.earliest for c in self.columns]
        self.filled = [c.name for c in self.columns if c.name in FILLED]
        self.mounts = next((c for c in MOUNT_COLUMNS if c in self.index), None)


@dataclass
class _Row:
    depth: int
    cells: dict[str, str]
    lines: list[str]
    number: int  # of its first line, for messages
    after: int  # the index of the last column it has a value in so far (-1: none)
    extra: list[str] = field(default_factory=list)  # further values of a multi-line mount column


class _Misfit(Exception):
    """A line that does not sit on the header's columns."""


def _blank(line: str, i: int) -> bool:
    return not 0 <= i < len(line) or line[i] == " "  # past either end of a line is blank


def _cells(line: str, header: _Header, first: int, begin: int) -> dict[str, str]:
    """The values of the columns from `first` on, on a line whose text for that column begins at
    `begin`; a value that runs over into the next column must end the line (lsblk goes on with
    that column on the next line). Raises _Misfit for a line not laid out on the header's columns."""
    columns = header.columns
    begins = [begin]
    for k in range(first, len(columns)):
        col = columns[k]
        if col.earliest >= len(line) and k > first:
            break  # this column and the ones after it are empty on this line
        if col.right:
            t = col.end
            while t > col.earliest and not _blank(line, t - 1):
                t -= 1
            fits = _blank(line, col.end) and (t == col.end or _blank(line, t - 1))
            where = t
        else:
            fits = k == 0 or _blank(line, col.start - 1)
            where = col.start
        if k == first:
            if k and (not fits or (where != begin and not (col.name in PADDED and begin > where))):
                raise _Misfit
            continue
        if not fits:  # the value before runs into this column: lsblk does that only at a line's end
            tail = line[begins[-1] :].strip()
            if not tail or " " in tail:
                raise _Misfit
            break
        begins.append(where)
    values = {}
    for i, start in enumerate(begins):
        col = columns[first + i]
        if col.right:
            end = col.end
        elif i + 1 < len(begins):
            end = begins[i + 1] if columns[first + i + 1].right else begins[i + 1] - 1
        else:
            end = len(line)
        value = line[start:end]
        if i and value.strip() and value[0] == " " and not col.right and col.name not in PADDED:
            raise _Misfit  # a left-aligned value that does not start where its header name does
        values[col.name] = value.strip()
    return values


def _art(line: str) -> tuple[int, int]:
    """How deep the tree glyphs at the start of a line put it, and where the text after them
    begins; depth -1 when the glyphs end without a branch (a line that carries no name)."""
    padded, i = line + " ", 0  # the blank after a last glyph was cut with the line's end
    while padded[i : i + 2] in VERTICAL:
        i += 2
    if padded[i : i + 2] in BRANCH:
        return i // 2 + 1, i + 2
    if i == 0 and line[:1] != " ":
        return 0, 0
    return -1, len(line) - len(line[i:].lstrip(" "))


def _continue(row: _Row, header: _Header, line: str, at: int) -> None:
    """A line without a name: the rest of the row above (after a value that ran over), or further
    values of its multi-line mount column."""
    k = bisect.bisect_right(header.earliest, at) - 1
    if k < 1:
        raise _Misfit  # text in the NAME column without a tree branch before it
    for name, value in _cells(line, header, k, at).items():
        if not value:
            continue
        if name in MULTI_LINE:
            row.extra.append(value)
        elif header.index[name] > row.after:
            row.cells[name] = value  # the row's line ended before this column: here it goes on
            row.after = header.index[name]
        else:
            raise _Misfit
    row.lines.append(line)


def _rows(lines: list[tuple[int, str]], header: _Header) -> list[_Row]:
    rows: list[_Row] = []
    for number, line in lines:
        if "\t" in line:  # lsblk pads with blanks only: a tab means the columns were re-spaced
            raise ParseError(f"lsblk text line {number} has a tab, so its columns cannot be trusted")
        depth, at = _art(line)
        try:
            if depth < 0 and rows and at >= len(line):  # tree glyphs alone: a row that ran over ends
                rows[-1].lines.append(line)
                continue
            if depth < 0 and rows:
                _continue(rows[-1], header, line, at)
                continue
            if depth < 0 or depth > (rows[-1].depth + 1 if rows else 0):
                raise _Misfit  # no row above to go on with, or a child two levels below it
            values = _cells(line, header, 0, at)
            if not values.get("NAME"):
                raise _Misfit
        except _Misfit:
            raise ParseError(
                f"lsblk text line {number} does not sit on the header's columns: {excerpt(line)}"
            ) from None
        if len(rows) >= MAX_DEVICES:
            raise _too_many()
        after = max((header.index[name] for name, value in values.items() if value), default=-1)
        rows.append(_Row(depth, values, [line], number, after))
    return rows


def _mounts(row: _Row, column: str | None) -> list[str]:
    if column is None:
        return []
    values = [v for v in (row.cells.get(column, ""), *row.extra) if v]
    mounts = [_HEX.sub(lambda m: chr(int(m.group(1), 16)), v) for v in values]  # \x20 is a blank
    for mount in mounts:
        if not mount.startswith("/") and mount != "[SWAP]":
            raise ParseError(f"lsblk text line {row.number} has {excerpt(mount)} where a mount point belongs")
    return mounts


def _check(row: _Row, header: _Header) -> None:
    """Every device has a value in the columns lsblk always fills, and one word where one belongs."""
    for name in header.filled:
        if not row.cells.get(name):
            raise ParseError(f"lsblk text line {row.number} has no value in its {name} column")
    for name, value in row.cells.items():
        if name in ONE_WORD and " " in value:
            raise ParseError(f"lsblk text line {row.number} has {excerpt(value)}, not one word, as its {name}")


def parse_lsblk_tree(text: str) -> tuple[BlockDevice, ...]:
    """The column text with tree glyphs; needs the header line to know where columns are."""
    numbered = [(n, ln.rstrip()) for n, ln in enumerate(text.splitlines(), 1) if ln.strip()]
    if not numbered or not numbered[0][1].startswith("NAME"):
        raise ParseError("lsblk printed no column header (NAME ...) to read its columns by")
    header = _Header(numbered[0][1])
    rows = _rows(numbered[1:], header)
    if "TYPE" in header.index and not any(r.depth for r in rows):
        flat = next((r for r in rows if r.cells.get("TYPE") in HOLDER_TYPES), None)
        if flat is not None:
            raise ParseError(
                f"lsblk printed a list, not a tree (line {flat.number} is a {flat.cells['TYPE']} at the top), "
                "so what each device sits on cannot be told"
            )
    roots: list[dict] = []
    stack: list[dict] = []
    for row in rows:
        _check(row, header)
        node = {
            "name": row.cells["NAME"],
            "kname": row.cells.get("KNAME") or None,
            "type": row.cells.get("TYPE") or None,
            "fstype": row.cells.get("FSTYPE") or None,
            "mountpoints": _mounts(row, header.mounts),
            "children": [],
            "lines": row.lines,
        }
        del stack[row.depth :]
        if len(stack) >= MAX_DEPTH:
            raise ParseError(f"lsblk text nests devices more than {MAX_DEPTH} deep")
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
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
