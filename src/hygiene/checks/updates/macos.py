"""What the updates checks find on macOS: softwareupdate's cached list (--no-scan: no
network), the com.apple.SoftwareUpdate preferences, and sw_vers. Each finding quotes the lines
that decided it, under "softwareupdate" or "defaults"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import zip_longest
from typing import Any

from hygiene.checks.base import first_line, quoted, unrecognised_evidence
from hygiene.checks.updates import (
    also_unrecognised,
    judge_age,
    judge_pending,
    judge_release,
    listed,
    not_recognised,
)
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.packages import PendingUpdate
from hygiene.parsers.plist_text import parse_plist_text, plist_bool
from hygiene.parsers.softwareupdate import ACTIONS, MacUpdate, MacUpdateList, parse_softwareupdate_list
from hygiene.parsers.sw_vers import parse_sw_vers
from hygiene.system import ProbeUnavailable, System

SOFTWAREUPDATE = ("softwareupdate", "-l", "--no-scan")
PREFS = ("defaults", "read", "/Library/Preferences/com.apple.SoftwareUpdate")
SW_VERS = ("sw_vers",)
# What macOS does when a key is absent (System Settings > General > Software Update).
AUTO_KEYS = {
    "AutomaticCheckEnabled": ("check for updates", True),
    "AutomaticDownload": ("download new updates", True),
    "CriticalUpdateInstall": ("install Security Responses and system files", True),
    "AutomaticallyInstallMacOSUpdates": ("install macOS updates", False),
}


def _prefs(system: System) -> tuple[dict[str, Any], str]:
    """The preferences and the text they were read from; ProbeUnavailable saying why they
    could not be read."""
    try:
        return _read_prefs(system)
    except (ProbeUnavailable, ParseError) as exc:
        raise ProbeUnavailable(f"Could not read the Software Update preferences: {exc}.") from exc


def _read_prefs(system: System) -> tuple[dict[str, Any], str]:
    result = system.run(PREFS)
    if not result.found:
        raise ProbeUnavailable("`defaults` is not available")
    if not result.ok:  # "Domain ... does not exist": nothing was ever set, so all defaults apply
        if "does not exist" in result.stderr:
            return {}, ""
        raise ProbeUnavailable(f"`defaults read` failed: {first_line(result.stderr)}")
    prefs = parse_plist_text(result.stdout)
    if not isinstance(prefs, dict):
        raise ProbeUnavailable("`defaults read` did not print a dictionary")
    return prefs, result.stdout


def _pref_lines(text: str, keys: Iterable[str]) -> list[str]:
    """The `Key = value;` (or `"Key" = value;`) lines of `defaults read` that set these keys."""
    wanted = {f"{key} =" for key in keys} | {f'"{key}" =' for key in keys}
    return [line for line in text.splitlines() if any(line.strip().startswith(w) for w in wanted)]


def _listing(system: System) -> MacUpdateList:
    seen: dict = {}
    try:
        result = system.run(SOFTWAREUPDATE)
        if not result.found:
            raise ProbeUnavailable("softwareupdate is not available")
        text = result.stdout + result.stderr  # "No new software" goes to stderr
        last = [line for line in text.splitlines() if line.strip()][-1:]
        seen = {"softwareupdate": quoted(last)} if last else {}  # a scan error is its last line
        return parse_softwareupdate_list(text)
    except (ProbeUnavailable, ParseError) as exc:
        said = str(exc).rstrip(".")
        why = f"Could not list pending updates: {said}. Check the network and run `softwareupdate -l`."
        raise ProbeUnavailable(why, **seen) from exc


def _is_security(update: MacUpdate) -> bool | None:
    """Apple marks what it recommends; macOS, Safari and security responses all are. None when
    the list was cut before the update's detail line: cannot tell."""
    if update.action in ACTIONS:
        return True
    return update.recommended


def pending(system: System) -> Finding:
    try:
        listing = _listing(system)
    except ProbeUnavailable as unanswered:  # fall back to the list macOS cached at its last check
        try:
            prefs, text = _read_prefs(system)
        except (ProbeUnavailable, ParseError):
            raise unanswered from None
        if "RecommendedUpdates" not in prefs:
            raise
        names = [str(u.get("Display Name", "update")) for u in prefs["RecommendedUpdates"] if isinstance(u, dict)]
        shown = [line for line in _pref_lines(text, ["Display Name"]) if line.strip()]
        found = [
            PendingUpdate(n, "", True, "RecommendedUpdates", line)
            for n, line in zip_longest(names, shown, fillvalue="")
            if n
        ]
        return judge_pending(found, "the update list macOS cached at its last check", key="defaults")
    # each quoted by its detail line (Recommended, Action), or its item line when the detail was cut away
    found = [PendingUpdate(u.title, u.version, _is_security(u), u.label, u.lines[-1]) for u in listing.updates]
    return judge_pending(
        found,
        "softwareupdate (cached list)",
        why="softwareupdate's list was cut before their details",
        key="softwareupdate",
        notes=[listing.nothing],
        unrecognised=listing.unrecognised,
    )


def _date(value: Any) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def recency(system: System) -> Finding:
    prefs, text = _prefs(system)
    key = "LastFullSuccessfulDate" if prefs.get("LastFullSuccessfulDate") else "LastSuccessfulDate"
    checked = _date(prefs.get(key))
    evidence = {
        "LastFullSuccessfulDate": prefs.get("LastFullSuccessfulDate"),
        "LastSuccessfulDate": prefs.get("LastSuccessfulDate"),
    }
    if lines := _pref_lines(text, [key]):
        evidence["defaults"] = quoted(lines)
    return judge_age(checked, system.now(), "Software Update last checked successfully", evidence)


def automatic(system: System) -> Finding:
    prefs, text = _prefs(system)
    settings, unreadable = {}, []
    for key, (_, default) in AUTO_KEYS.items():
        value = plist_bool(prefs[key]) if key in prefs else default
        if value is None:  # neither 1/0, YES/NO nor True/False
            unreadable.append(key)
        settings[key] = default if value is None else value
    off = [AUTO_KEYS[k][0] for k, on in settings.items() if not on and k not in unreadable]
    evidence: dict[str, Any] = {k: v for k, v in settings.items()}
    if lines := _pref_lines(text, AUTO_KEYS):
        evidence["defaults"] = quoted(lines)
    if not settings["AutomaticCheckEnabled"] or not settings["CriticalUpdateInstall"]:
        return Finding(Status.FAIL, f"macOS does not {' or '.join(off)} automatically.", evidence)
    if unreadable:
        raise not_recognised("defaults", _pref_lines(text, unreadable), evidence)
    if off:
        return Finding(
            Status.WARN, f"macOS checks for updates, but does not {' or '.join(off)} automatically.", evidence
        )
    return Finding(Status.PASS, "macOS checks for, downloads and installs updates automatically.", evidence)


def reboot(system: System) -> Finding:
    """Updates that need a restart (or a shut down) to install: "Action: restart" in the new
    layout, "[restart]" in the old one. An update whose detail line was cut away (or cut short
    before its Action), or a line no parser knows, leaves the answer open when none is seen to
    need one."""
    listing = _listing(system)
    restart = [u for u in listing.updates if u.action in ACTIONS]
    lines = [line for u in restart for line in u.lines]
    if restart:
        evidence = {"restart_for": [u.title for u in restart], "softwareupdate": quoted(lines)}
        evidence |= unrecognised_evidence(listing.unrecognised)
        also = also_unrecognised("softwareupdate", listing.unrecognised)
        return Finding(
            Status.WARN, f"A restart is needed to install {listed([u.title for u in restart])}.{also}", evidence
        )
    unknown = [u for u in listing.updates if u.cut]  # its detail line cut away, or cut before its Action
    if unknown:
        raise ProbeUnavailable(
            f"softwareupdate's list was cut before it said whether {listed([u.title for u in unknown])} "
            "needs a restart.",
            softwareupdate=quoted([line for u in unknown for line in u.lines]),
        )
    evidence = {"softwareupdate": quoted([listing.nothing] if listing.nothing else [])} if listing.nothing else {}
    if listing.unrecognised:
        raise not_recognised("softwareupdate", listing.unrecognised, evidence)
    return Finding(Status.PASS, "No update is waiting for a restart.", evidence)


def release(system: System) -> Finding:
    result = system.run(SW_VERS)
    if not result.ok:
        raise ProbeUnavailable("`sw_vers` failed, so the macOS version is not known.")
    try:
        version = parse_sw_vers(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(f"{exc}.") from exc
    label = f"{version.name} {version.version}"
    lines = [deciding_line(line) for line in version.lines]
    return judge_release(system, "macos", version.major, label, {"sw_vers": lines})
