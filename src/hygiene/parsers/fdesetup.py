"""Parses macOS `fdesetup status` (no administrator needed). It prints one or two sentences:
"FileVault is On." / "FileVault is Off.", a conversion in progress with its percentage, or a
deferred enablement waiting for a user's next login."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

# "Encryption in progress: Percent completed = 23.5" was one pattern with `.*?` between the two
# halves, which rescanned the line for every "in progress" on it; now two searches per line.
_CONVERTING = re.compile(r"(?P<what>Encryption|Decryption) in progress", re.I)
_PERCENT = re.compile(r"Percent completed\s*=\s*(?P<pct>[\d.]+)", re.I)
_STATE = re.compile(r"FileVault is (?P<state>On|Off)\b", re.I)
_DEFERRED = re.compile(r"Deferred enablement appears to be active for user '(?P<user>[^']*)'", re.I)


@dataclass(frozen=True)
class FileVault:
    on: bool | None  # None: only a conversion was reported
    converting: str | None = None  # "encryption" or "decryption" in progress
    percent: float | None = None
    deferred_for: str | None = None  # FileVault is turned on at this user's next login
    restart_pending: bool = False  # "... after the next restart" / "needs to be restarted"


def _progress(text: str) -> tuple[str, float] | None:
    """The first conversion with its percentage on the same line, as ("encryption", 23.5)."""
    for line in text.split("\n"):
        if (start := _CONVERTING.search(line)) and (pct := _PERCENT.search(line, start.end())):
            try:
                return start["what"].lower(), float(pct["pct"])
            except ValueError:  # "1.2.3", "."
                raise ParseError(f"`fdesetup status` printed no number as percentage: {excerpt(pct['pct'])}") from None
    return None


def parse_fdesetup_status(text: str) -> FileVault:
    state, progress, deferred = _STATE.search(text), _progress(text), _DEFERRED.search(text)
    if not (state or progress):
        raise ParseError(f"`fdesetup status` printed something unrecognised: {excerpt(text)}")
    return FileVault(
        on=state["state"].lower() == "on" if state else None,
        converting=progress[0] if progress else None,
        percent=progress[1] if progress else None,
        deferred_for=deferred["user"] if deferred else None,
        restart_pending="restart" in text.lower(),
    )
