"""Parses `needs-restarting -r` (dnf-utils / yum-utils, and dnf5's `dnf needs-restarting`).

Exit 1 means a reboot is needed and the text lists the core packages; exit 0 means none. Old
yum-utils reject -r: that is "cannot tell", never "no reboot needed"."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt


@dataclass(frozen=True)
class RebootAnswer:
    needed: bool
    packages: tuple[str, ...]


def _packages(stdout: str) -> tuple[str, ...]:
    """The `  * kernel` lines, one line at a time (the pattern `^\\s*\\*` in MULTILINE mode let
    `\\s*` run on across blank lines from every line start: quadratic in the number of lines)."""
    found = []
    for line in stdout.split("\n"):  # as the pattern's MULTILINE '^': a lone CR is no line break
        rest = line.lstrip()
        if rest.startswith("*") and rest[1:2].isspace() and (words := rest[1:].split()):
            found.append(words[0])
    return tuple(found)


def parse_needs_restarting(returncode: int, stdout: str, stderr: str) -> RebootAnswer:
    packages = _packages(stdout)
    if returncode == 1 and "Reboot is required" in stdout:
        return RebootAnswer(True, packages)
    if returncode == 0 and ("No core libraries" in stdout or "Reboot should not be necessary" in stdout):
        return RebootAnswer(False, ())
    lines = (stderr.strip() or stdout.strip()).splitlines()
    last = excerpt(lines[-1]) if lines else "''"  # usage banners come first, the error last
    raise ParseError(f"needs-restarting gave no clear answer (exit {returncode}: {last})")
