"""Parses macOS `sysadminctl -screenLock status` (macOS 10.13 and later, run as the logged-in
user): whether waking the screen asks for the password, and after how long. It writes one log
line to stderr, after a time stamp and its process id:
"2026-11-20 10:00:00.123 sysadminctl[812:9311] screenLock delay is immediate", "... screenLock
delay is 300 seconds" or "... screenLock is off". Any other line is kept as unrecognised, so
that the check does not pass over it."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt, number

_KEY = "screenlock"


@dataclass(frozen=True)
class ScreenLockSetting:
    asks_password: bool
    delay_seconds: int  # the grace period before the password is asked
    line: str  # "screenLock delay is immediate": the words that decided, without the log prefix
    unrecognised: tuple[str, ...] = ()  # other lines, as evidence quotes them


def _seconds(word: str, line: str) -> int:
    whole, dot, fraction = word.partition(".")  # "300" or "300.000000"
    if not (whole.isdigit() and whole.isascii()) or (dot and not (fraction.isdigit() and fraction.isascii())):
        raise ParseError(f"sysadminctl printed no number of seconds: {excerpt(line)}")
    return number(whole, "sysadminctl's screen lock delay")


def parse_screenlock_status(text: str) -> ScreenLockSetting:
    found: ScreenLockSetting | None = None
    others = []
    for raw in text.splitlines():
        at = raw.lower().find(_KEY)
        if at < 0 or found is not None:
            if raw.strip():
                others.append(deciding_line(raw))
            continue
        found = _setting(deciding_line(raw[at:]))
    if found is None:
        raise ParseError(f"sysadminctl did not print the screen lock setting: {excerpt(text)}")
    return ScreenLockSetting(found.asks_password, found.delay_seconds, found.line, tuple(others))


def _setting(line: str) -> ScreenLockSetting:
    words = line.lower().split()[1:]
    if words == ["is", "off"]:
        return ScreenLockSetting(False, 0, line)
    if words == ["delay", "is", "immediate"]:
        return ScreenLockSetting(True, 0, line)
    if len(words) == 4 and words[:2] == ["delay", "is"] and words[3] in ("seconds", "second"):
        return ScreenLockSetting(True, _seconds(words[2], line), line)
    raise ParseError(f"sysadminctl printed an unknown screen lock setting: {excerpt(line)}")
