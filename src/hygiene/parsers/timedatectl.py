"""Parses what says whether the clock is synchronised: `timedatectl show` (systemd >= 239), the
older `timedatectl status`, `chronyc -n tracking`, `ntpq -pn`, and macOS `systemsetup
-getusingnetworktime`.

Each answer keeps the lines that decided it (ClockSync.lines, quoted as evidence under
ClockSync.source) and, for the status outputs, the lines the tool is not known to print
(ClockSync.unrecognised): the check does not pass over them. The tools run with LANG=C, and
none of them translates these words anyway."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LABEL = re.compile(r"[A-Za-z][A-Za-z .-]*")  # fullmatch: "Time zone", "systemd-timesyncd.service active"


@dataclass(frozen=True)
class ClockSync:
    synchronized: bool
    ntp_enabled: bool | None  # None when the output does not say (e.g. "NTP service: n/a")
    timezone: str | None
    source: str = ""  # the tool (or registry key) that said so: the evidence key of `lines`
    lines: tuple[str, ...] = ()  # the lines that decided
    unrecognised: tuple[str, ...] = ()  # lines the tool is not known to print


def _yes(value: str) -> bool | None:
    value = value.strip().casefold()
    if value in ("yes", "active", "true"):
        return True
    if value in ("no", "inactive", "false"):
        return False
    return None


# Every property `timedatectl show` prints (systemd 239 to 257).
SHOW_KEYS = ("Timezone", "LocalRTC", "CanNTP", "NTP", "NTPSynchronized", "TimeUSec", "RTCTimeUSec")


def parse_timedatectl_show(text: str) -> ClockSync:
    """`timedatectl show`: Key=value lines (NTP=, NTPSynchronized=, Timezone=); a key given
    again with another value is unrecognised."""
    props: dict[str, str] = {}
    said: dict[str, str] = {}
    unrecognised = []
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key in SHOW_KEYS and props.get(key, value) == value:  # a second one saying otherwise is not
            props.setdefault(key, value)
            said.setdefault(key, deciding_line(line))
        elif line.strip():
            unrecognised.append(deciding_line(line))
    synced = _yes(props.get("NTPSynchronized", ""))
    if synced is None:
        raise ParseError("`timedatectl show` printed no NTPSynchronized=yes|no line")
    lines = tuple(said[k] for k in ("NTPSynchronized", "NTP") if k in said)
    tz = props.get("Timezone") or None
    return ClockSync(synced, _yes(props.get("NTP", "")), tz, "timedatectl", lines, tuple(unrecognised))


# The labels of `timedatectl status`, lower-cased, by systemd version: "NTP synchronized" and
# "NTP enabled" (up to 231), "Network time on" (232 to 238), "System clock synchronized" and
# "systemd-timesyncd.service active" (239, 240), "NTP service" (241 on); the others are in all.
SYNCED_LABELS = ("system clock synchronized", "ntp synchronized")
NTP_LABELS = ("ntp service", "systemd-timesyncd.service active", "network time on", "ntp enabled")
STATUS_LABELS = frozenset(
    {
        *SYNCED_LABELS,
        *NTP_LABELS,
        "local time",
        "universal time",
        "rtc time",
        "time zone",
        "rtc in local tz",
        "dst active",
        "last dst change",
        "next dst change",
        "warning",  # the paragraph about an RTC in local time, its lines indented below it
    }
)


def parse_timedatectl_status(text: str) -> ClockSync:
    """`timedatectl status`: 'Label: value' lines whose labels changed across systemd versions
    (STATUS_LABELS). Lines without a label continue the one above (the DST dates, the warning
    paragraph, sometimes coloured); a label it does not know, or one given again with another
    value, is unrecognised."""
    labels: dict[str, tuple[str, str]] = {}  # label -> (value, line)
    unrecognised = []
    for raw in _ANSI.sub("", text).splitlines():
        before, colon, value = raw.partition(":")
        label = before.strip()
        if not colon or not _LABEL.fullmatch(label):
            continue  # a continuation line: a date, a sentence of the warning
        folded = label.casefold()
        if folded in STATUS_LABELS and labels.get(folded, (value.strip(),))[0] == value.strip():
            labels.setdefault(folded, (value.strip(), deciding_line(raw)))
        else:  # a label it does not know, or a second one that says otherwise
            unrecognised.append(deciding_line(raw))
    synced_at = next((labels[k] for k in SYNCED_LABELS if k in labels), None)
    synced = _yes(synced_at[0]) if synced_at else None
    if synced is None or synced_at is None:
        raise ParseError("`timedatectl status` has no 'synchronized: yes|no' line")
    ntp_at = next((labels[k] for k in NTP_LABELS if k in labels), None)
    timezone = labels.get("time zone", ("", ""))[0].split(" (")[0] or None
    lines = (synced_at[1], *([ntp_at[1]] if ntp_at else []))
    ntp = _yes(ntp_at[0]) if ntp_at else None
    return ClockSync(synced, ntp, timezone, "timedatectl", lines, tuple(unrecognised))


def _is_leap(line: str) -> bool:
    return line.startswith("Leap status") and ":" in line  # "Leap status" alone gave an IndexError


# chrony's leap status words (chronyc's tracking report): all but the last say it is synchronised.
LEAP_SYNCED = ("normal", "insert second", "delete second")
LEAP_UNSYNCED = "not synchronised"


def parse_chronyc_tracking(text: str) -> ClockSync:
    """`Leap status : Normal` (or a leap second announced) means chrony is synchronised;
    `Not synchronised` means not; another word is none hygiene knows."""
    line = next((ln for ln in text.splitlines() if _is_leap(ln)), None)
    if line is None:
        raise ParseError("`chronyc tracking` printed no Leap status line")
    leap = line.partition(":")[2].strip().casefold()
    if leap not in (*LEAP_SYNCED, LEAP_UNSYNCED):
        raise ParseError(f"`chronyc tracking` printed a leap status hygiene does not know: {excerpt(line)}")
    return ClockSync(leap != LEAP_UNSYNCED, True, None, "chronyc", (deciding_line(line),))


def parse_ntpq_peers(text: str) -> ClockSync:
    """A peer line starting with '*' is the system peer ntpd is synchronised to."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or "remote" not in lines[0]:
        raise ParseError("`ntpq -pn` printed no peer table")
    peer = next((line for line in lines[2:] if line.startswith("*")), None)
    said = deciding_line(peer) if peer else f"no system peer ('*') among {len(lines[2:])} peers"
    return ClockSync(peer is not None, True, None, "ntpq", (said,))


def parse_network_time(text: str) -> ClockSync:
    """macOS `systemsetup -getusingnetworktime`: `Network Time: On` or `Off`. Whether the clock
    is set from the network is all it says, so that stands for being synchronised."""
    state: tuple[bool, str] | None = None
    unrecognised = []
    for raw in text.splitlines():
        label, colon, value = raw.partition(":")
        word = value.strip().casefold()
        if state is None and colon and label.strip().casefold() == "network time" and word in ("on", "off"):
            state = (word == "on", deciding_line(raw))
        elif raw.strip():
            unrecognised.append(deciding_line(raw))
    if state is None:
        raise ParseError(f"systemsetup did not say whether network time is on: {excerpt(text)}")
    on, line = state
    return ClockSync(on, on, None, "systemsetup", (line,), tuple(unrecognised))
