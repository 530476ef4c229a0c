"""Parses what each platform says about swap: Linux /proc/swaps, macOS `sysctl
vm.swapusage`, Windows `fsutil behavior query EncryptPagingFile`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt


@dataclass(frozen=True)
class SwapArea:
    path: str  # a device (/dev/zram0, /dev/dm-1) or a file (/swap.img)
    kind: str  # "partition" or "file"


def _unescape(field: str) -> str:  # the kernel writes a space in a path as \\040
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


SWAP_KINDS = ("partition", "file")  # the kernel's two words for the Type column


def _integer(field: str) -> bool:
    digits = field.removeprefix("-")
    return digits.isascii() and digits.isdigit()


def parse_proc_swaps(text: str) -> list[SwapArea]:
    """Filename Type Size Used Priority; the kernel escapes blanks in a file name (\\040), so
    the five fields split on blanks. A line that is not five such fields (a capture cut short)
    is refused: dropping it would report a swap area as absent."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("Filename"):
        raise ParseError("/proc/swaps has no header line")
    areas = []
    for number, line in enumerate(lines[1:], 2):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 5 or parts[1] not in SWAP_KINDS or not all(_integer(p) for p in parts[2:]):
            raise ParseError(f"/proc/swaps line {number} is not 'Filename Type Size Used Priority': {excerpt(line)}")
        areas.append(SwapArea(_unescape(parts[0]), parts[1]))
    return areas


def parse_swapusage(text: str) -> bool:
    """True when macOS says its swap is encrypted (it has been by default since 10.7)."""
    if "vm.swapusage" not in text and "total" not in text:
        raise ParseError(f"`sysctl vm.swapusage` printed something unrecognised: {excerpt(text)}")
    return "(encrypted)" in text


def parse_encrypt_paging_file(text: str) -> bool:
    """`EncryptPagingFile = 1  (Enabled)`: the number is the same in every language."""
    m = re.search(r"EncryptPagingFile\s*=\s*(\d)", text)
    if not m:
        raise ParseError(f"`fsutil behavior query EncryptPagingFile` printed something unrecognised: {excerpt(text)}")
    return m.group(1) == "1"
