"""Parses what says whether the clock is synchronised: `timedatectl show` (systemd >= 239), the
older `timedatectl status`, `chronyc -n tracking` and `ntpq -pn`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]*?):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class ClockSync:
    synchronized: bool
    ntp_enabled: bool | None  # None when the output does not say (e.g. "NTP service: n/a")
    timezone: str | None


def _yes(value: str) -> bool | None:
    value = value.strip().lower()
    if value in ("yes", "active", "true"):
        return True
    if value in ("no", "inactive", "false"):
        return False
    return None


def parse_timedatectl_show(text: str) -> ClockSync:
    """`timedatectl show`: Key=value lines (NTP=, NTPSynchronized=, Timezone=)."""
    props = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    synced = _yes(props.get("NTPSynchronized", ""))
    if synced is None:
        raise ParseError("`timedatectl show` printed no NTPSynchronized=yes|no line")
    return ClockSync(synced, _yes(props.get("NTP", "")), props.get("Timezone") or None)


def parse_timedatectl_status(text: str) -> ClockSync:
    """`timedatectl status`: 'Label: value' lines whose labels changed across systemd versions.

    Old: "NTP synchronized: yes" / "NTP enabled: yes". New: "System clock synchronized: yes"
    / "NTP service: active". Continuation lines and a trailing (sometimes coloured) warning
    paragraph are ignored.
    """
    labels: dict[str, str] = {}
    for line in _ANSI.sub("", text).splitlines():
        match = _LABEL.match(line)  # continuation lines start with a date, so never match
        if match:
            labels.setdefault(match["label"].lower(), match["value"].strip())
    raw_sync = labels.get("system clock synchronized", labels.get("ntp synchronized"))
    synced = _yes(raw_sync) if raw_sync is not None else None
    if synced is None:
        raise ParseError("`timedatectl status` has no 'synchronized: yes|no' line")
    ntp = labels.get("ntp service", labels.get("ntp enabled"))
    timezone = labels.get("time zone", "").split(" (")[0] or None
    return ClockSync(synced, _yes(ntp) if ntp is not None else None, timezone)


def _is_leap(line: str) -> bool:
    return line.startswith("Leap status") and ":" in line  # "Leap status" alone gave an IndexError


def parse_chronyc_tracking(text: str) -> ClockSync:
    """`Leap status : Normal` means chrony is synchronised; `Not synchronised` means not."""
    leap = next((line.partition(":")[2].strip() for line in text.splitlines() if _is_leap(line)), None)
    if leap is None:
        raise ParseError("`chronyc tracking` printed no Leap status line")
    return ClockSync(synchronized=leap.lower() != "not synchronised", ntp_enabled=True, timezone=None)


def parse_ntpq_peers(text: str) -> ClockSync:
    """A peer line starting with '*' is the system peer ntpd is synchronised to."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or "remote" not in lines[0]:
        raise ParseError("`ntpq -pn` printed no peer table")
    return ClockSync(synchronized=any(line.startswith("*") for line in lines[2:]), ntp_enabled=True, timezone=None)
