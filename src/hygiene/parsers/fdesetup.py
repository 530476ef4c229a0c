"""Parses macOS `fdesetup status` (no administrator needed). It prints a few sentences, one a
line: the headline "FileVault is On." / "FileVault is Off." (or "FileVault is Off, but will be
enabled after the next restart."), a conversion with its percentage ("Encryption in progress:
Percent completed = 23.5", "Decryption in progress: ..."; a paused one says "paused"), a
deferred enablement waiting for a user's next login, and notes it prints harmlessly ("FileVault
master keychain appears to be installed."). Each line is classified; a line of none of these
kinds is kept as unrecognised, so that no check passes over it (issue 11, convention 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

# Each pattern is anchored and has at most one unbounded part, so a line is read in linear time.
_HEADLINE = re.compile(r"FileVault is (?P<state>On|Off)(?P<rest>[.,].*)?$", re.I)
_CONVERTING = re.compile(
    r"(?P<what>Encryption|Decryption) (?P<how>in progress|paused)\b(?P<rest>.*)$",
    re.I,
)
_PERCENT = re.compile(r":?\s*Percent completed\s*=\s*(?P<pct>[0-9.]+)\s*$", re.I)
# A quote of this line is often cut before "for user '...'" (as in an issue a user files).
_DEFERRED = re.compile(r"Deferred enablement appears to be active(?: for user '(?P<user>[^']*)')?\.?$", re.I)
_PENDING = re.compile(r":\s*Pending\.?$", re.I)  # queued, not started (a Mac on battery)
_RESTART = re.compile(r",\s*but will be enabled after the next restart\.?$", re.I)
# Lines fdesetup prints beside the headline that change nothing about the verdict.
HARMLESS = ("filevault master keychain appears to be installed.",)


@dataclass(frozen=True)
class FileVault:
    on: bool | None  # the headline's On/Off; None: no headline (a conversion line alone)
    converting: str | None = None  # "encryption" or "decryption"
    paused: bool = False  # the conversion is paused
    pending: bool = False  # the conversion is queued and has not started ("...: Pending")
    percent: float | None = None
    deferred_for: str | None = None  # FileVault is turned on at this user's next login
    restart_pending: bool = False  # "FileVault is Off, but will be enabled after the next restart."
    lines: tuple[str, ...] = ()  # the lines that decided each field, as printed
    unrecognised: tuple[str, ...] = ()  # lines of no known kind


def _percent(rest: str, line: str) -> float | None:
    """The "Percent completed = N" after a conversion line, None when the line has none."""
    if not rest.strip() or _PENDING.match(rest):
        return None
    m = _PERCENT.match(rest)
    if not m:
        raise _Unknown(line)
    try:
        return float(m["pct"])
    except ValueError:  # "1.2.3", "."
        raise ParseError(f"`fdesetup status` printed no number as percentage: {excerpt(m['pct'])}") from None


class _Unknown(Exception):
    """A line that starts like a known one but goes on in a way this parser does not know."""


def parse_fdesetup_status(text: str) -> FileVault:
    fields: dict = {"on": None}
    deciding, unknown = [], []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        try:
            if m := _HEADLINE.match(line):
                rest = m["rest"] or ""
                on = m["state"].lower() == "on"
                if (rest not in (".", "") and not _RESTART.match(rest)) or fields["on"] not in (None, on):
                    raise _Unknown(line)  # words after the headline it does not know, or a second headline
                fields["on"] = on
                fields["restart_pending"] = bool(_RESTART.match(rest))
            elif m := _CONVERTING.match(line):
                fields["percent"] = _percent(m["rest"], line)
                fields["pending"] = bool(_PENDING.match(m["rest"]))
                fields["converting"] = m["what"].lower()
                fields["paused"] = m["how"].lower() == "paused"
            elif m := _DEFERRED.match(line):
                fields["deferred_for"] = m["user"] or ""
            elif line.casefold() in HARMLESS:
                continue
            else:
                raise _Unknown(line)
            deciding.append(line)
        except _Unknown:
            unknown.append(line)
    if not deciding:
        raise ParseError(f"`fdesetup status` printed something unrecognised: {excerpt(text)}")
    return FileVault(**fields, lines=tuple(deciding), unrecognised=tuple(unknown))
