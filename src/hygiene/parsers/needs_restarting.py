"""Parses `needs-restarting -r` (dnf-utils / yum-utils, and dnf5's `dnf needs-restarting`).

Exit 1 means a reboot is needed and the text lists the core packages; exit 0 means none. Old
yum-utils reject -r: that is "cannot tell", never "no reboot needed"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError


@dataclass(frozen=True)
class RebootAnswer:
    needed: bool
    packages: tuple[str, ...]


def parse_needs_restarting(returncode: int, stdout: str, stderr: str) -> RebootAnswer:
    packages = tuple(re.findall(r"^\s*\*\s+(\S+)", stdout, re.M))
    if returncode == 1 and "Reboot is required" in stdout:
        return RebootAnswer(True, packages)
    if returncode == 0 and ("No core libraries" in stdout or "Reboot should not be necessary" in stdout):
        return RebootAnswer(False, ())
    lines = (stderr.strip() or stdout.strip()).splitlines()
    last = lines[-1].strip()[:100] if lines else ""  # usage banners come first, the error last
    raise ParseError(f"needs-restarting gave no clear answer (exit {returncode}: {last})")
