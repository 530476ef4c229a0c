"""Parses macOS `socketfilterfw --getglobalstate --getstealthmode` (no administrator needed):
one line per question, in English on every macOS.

The global state line carries a number where macOS prints one, and the number decides:
"Firewall is enabled. (State = 1)", "Firewall is disabled. (State = 0)", and 2 for the
strictest "on", whose wording changed ("Firewall is enabled. (State = 2)" on older macOS,
"Firewall is blocking all non-essential incoming connections. (State = 2)" on newer). Without
a number the words decide. Stealth mode is "Stealth mode enabled"/"disabled" on older macOS
and "Firewall stealth mode is on"/"off" on newer; an error in its place (e.g. "ALF: Error,
kStealthEnableKey does not return the correct type.") leaves it unknown.

The other answers socketfilterfw gives, when asked more (--getblockall, --getallowsigned,
--getloggingmode, --getloggingopt), are known lines; any other line is kept as unrecognised,
so that the check does not pass over it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt

_STATE = re.compile(r"\(state\s*=\s*(\d{1,3})\)")
_WORD = re.compile(r"[a-z]+")
_STATES = {0: False, 1: True, 2: True}
_ON, _OFF = ("enabled", "on", "blocking"), ("disabled", "off")
# The starts of the lines socketfilterfw prints for its other questions, folded.
_KNOWN = (
    "firewall has block all state set to",
    "automatically allow built-in signed software",
    "automatically allow downloaded signed software",
    "log mode is",
    "log option is",
)


@dataclass(frozen=True)
class AppFirewall:
    on: bool
    state_line: str  # the line that decided, for evidence
    stealth: bool | None = None  # None: not asked, or its answer was not understood
    stealth_line: str = ""
    unrecognised: tuple[str, ...] = ()  # lines it is not known to print


def _global_state(line: str) -> bool | None:
    """On/off from one line, or None when the line is not the global state."""
    lowered = line.lower()
    if found := _STATE.search(lowered):
        state = int(found[1])
        if state not in _STATES:
            raise ParseError(f"socketfilterfw printed an unknown firewall state: {excerpt(line)}")
        return _STATES[state]
    if not lowered.startswith("firewall is "):
        return None
    first = _WORD.match(lowered, len("firewall is "))
    if first and first[0] in _ON:
        return True
    if first and first[0] in _OFF:
        return False
    raise ParseError(f"socketfilterfw printed an unknown firewall state: {excerpt(line)}")


def _stealth(line: str) -> bool | None:
    words = _WORD.findall(line.lower())
    last = words[-1] if words else ""
    return True if last in ("enabled", "on") else False if last in _OFF else None


def parse_socketfilterfw(text: str) -> AppFirewall:
    state: tuple[bool, str] | None = None
    stealth: tuple[bool | None, str] | None = None
    unrecognised = []
    for raw in text.splitlines():
        line = raw.strip()
        if "stealth" in line.lower():
            stealth = stealth or (_stealth(line), deciding_line(line))
        elif state is None and (on := _global_state(line)) is not None:
            state = (on, deciding_line(line))
        elif line and not line.casefold().startswith(_KNOWN):
            unrecognised.append(deciding_line(line))
    if state is None:
        raise ParseError(f"socketfilterfw did not say whether the firewall is on: {excerpt(text)}")
    return AppFirewall(state[0], state[1], *(stealth or (None, "")), tuple(unrecognised))
