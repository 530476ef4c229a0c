"""Parses `needs-restarting -r` (dnf-utils / yum-utils, and dnf5's `dnf needs-restarting`).

Exit 1 means a reboot is needed and the text lists the core packages; exit 0 means none. Its
words drifted between versions, all read here without case:
  dnf4 / dnf5:       "Core libraries or services have been updated since boot-up:" / "  * glibc"
                     "Reboot is required to fully utilize these updates."
                     "No core libraries or services have been updated since boot-up."
                     "Reboot should not be necessary."
  yum-utils (EL7):   "Core libraries or services have been updated:" / "  glibc -> 2.17-326.el7_9"
                     "Reboot is required to ensure that your system benefits from these updates."
                     "No core libraries or services have been updated." / "Reboot is probably not necessary."
Old yum-utils reject -r: that is "cannot tell", never "no reboot needed"."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt
from hygiene.parsers.dnf import is_noise

# Each verdict's two lines, either of which decides alone (an output cut after its first line).
_REQUIRED = ("reboot is required", "core libraries or services have been updated")
_NOT_NEEDED = (
    "reboot should not be necessary", "reboot is probably not necessary",
    "no core libraries or services have been updated",
)  # fmt: skip
_KNOWN = ("more information:", "https://access.redhat.com/solutions/")


@dataclass(frozen=True)
class RebootAnswer:
    needed: bool
    packages: tuple[str, ...]
    lines: tuple[str, ...]  # the lines that decided: the verdict line, then the packages
    unrecognised: tuple[str, ...] = ()


def _package(line: str) -> str | None:
    """`  * kernel` (dnf) or `  kernel -> 3.10.0-1160.el7` (yum-utils), one line at a time (the
    pattern `^\\s*\\*` in MULTILINE mode let `\\s*` run on across blank lines: quadratic)."""
    rest = line.lstrip()
    if rest.startswith("*") and rest[1:2].isspace() and (words := rest[1:].split()):
        return words[0]
    words = rest.split()
    return words[0] if len(words) == 3 and words[1] == "->" and line[:1].isspace() else None


def parse_needs_restarting(returncode: int, stdout: str, stderr: str) -> RebootAnswer:
    packages, verdict, unrecognised = [], [], []
    for line in stdout.split("\n"):  # as the pattern's MULTILINE '^': a lone CR is no line break
        folded = line.strip().casefold()
        if (name := _package(line)) is not None:
            packages.append((name, line))
        elif folded.startswith(_REQUIRED) or folded.startswith(_NOT_NEEDED):
            verdict.append(line)
        elif not (is_noise(line) or folded.startswith(_KNOWN)):
            unrecognised.append(line)
    required = any(v.strip().casefold().startswith(_REQUIRED) for v in verdict)
    not_needed = any(v.strip().casefold().startswith(_NOT_NEEDED) for v in verdict)
    names = tuple(name for name, _ in packages)
    if required and not not_needed:  # the text decides, whatever the exit code says
        return RebootAnswer(True, names, (*verdict, *(line for _, line in packages)), tuple(unrecognised))
    if not_needed and not required and returncode == 0:  # a package line beside it says otherwise
        return RebootAnswer(False, (), tuple(verdict), (*unrecognised, *(line for _, line in packages)))
    lines = (stderr.strip() or stdout.strip()).splitlines()
    last = excerpt(lines[-1]) if lines else "''"  # usage banners come first, the error last
    raise ParseError(f"needs-restarting gave no clear answer (exit {returncode}: {last})")
