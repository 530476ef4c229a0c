"""What the updates checks find on macOS: softwareupdate's cached list (--no-scan: no
network), the com.apple.SoftwareUpdate preferences, and sw_vers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hygiene.checks.base import first_line
from hygiene.checks.updates import judge_age, judge_pending, judge_release, listed
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.packages import PendingUpdate
from hygiene.parsers.plist_text import parse_plist_text, plist_bool
from hygiene.parsers.softwareupdate import MacUpdate, parse_softwareupdate_list
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


def _prefs(system: System) -> dict[str, Any]:
    """The preferences; ProbeUnavailable saying why they could not be read."""
    try:
        return _read_prefs(system)
    except (ProbeUnavailable, ParseError) as exc:
        raise ProbeUnavailable(f"Could not read the Software Update preferences: {exc}.") from exc


def _read_prefs(system: System) -> dict[str, Any]:
    result = system.run(PREFS)
    if not result.found:
        raise ProbeUnavailable("`defaults` is not available")
    if not result.ok:  # "Domain ... does not exist": nothing was ever set, so all defaults apply
        if "does not exist" in result.stderr:
            return {}
        raise ProbeUnavailable(f"`defaults read` failed: {first_line(result.stderr)}")
    prefs = parse_plist_text(result.stdout)
    if not isinstance(prefs, dict):
        raise ProbeUnavailable("`defaults read` did not print a dictionary")
    return prefs


def _updates(system: System) -> list[MacUpdate]:
    try:
        result = system.run(SOFTWAREUPDATE)
        if not result.found:
            raise ProbeUnavailable("softwareupdate is not available")
        return list(parse_softwareupdate_list(result.stdout + result.stderr).updates)
    except (ProbeUnavailable, ParseError) as exc:
        raise ProbeUnavailable(f"Could not list pending updates: {exc}.") from exc


def _is_security(update: MacUpdate) -> bool:
    """Apple marks what it recommends; macOS, Safari and security responses all are."""
    return update.recommended or update.action in ("restart", "shut down")


def pending(system: System) -> Finding:
    try:
        updates = _updates(system)
    except ProbeUnavailable as unanswered:  # fall back to the list macOS cached at its last check
        try:
            prefs = _read_prefs(system)
        except (ProbeUnavailable, ParseError):
            raise unanswered from None
        if "RecommendedUpdates" not in prefs:
            raise
        names = [str(u.get("Display Name", "update")) for u in prefs["RecommendedUpdates"] if isinstance(u, dict)]
        found = [PendingUpdate(n, "", True, "RecommendedUpdates") for n in names]
        return judge_pending(found, "the update list macOS cached at its last check")
    found = [PendingUpdate(u.title, u.version, _is_security(u), u.label) for u in updates]
    return judge_pending(found, "softwareupdate (cached list)")


def _date(value: Any) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def recency(system: System) -> Finding:
    prefs = _prefs(system)
    checked = _date(prefs.get("LastFullSuccessfulDate") or prefs.get("LastSuccessfulDate"))
    evidence = {
        "LastFullSuccessfulDate": prefs.get("LastFullSuccessfulDate"),
        "LastSuccessfulDate": prefs.get("LastSuccessfulDate"),
    }
    return judge_age(checked, system.now(), "Software Update last checked successfully", evidence)


def automatic(system: System) -> Finding:
    prefs = _prefs(system)
    settings = {}
    for key, (_, default) in AUTO_KEYS.items():
        value = plist_bool(prefs[key]) if key in prefs else default
        settings[key] = default if value is None else value
    off = [AUTO_KEYS[k][0] for k, on in settings.items() if not on]
    evidence = {k: v for k, v in settings.items()}
    if not settings["AutomaticCheckEnabled"] or not settings["CriticalUpdateInstall"]:
        return Finding(Status.FAIL, f"macOS does not {' or '.join(off)} automatically.", evidence)
    if off:
        return Finding(
            Status.WARN, f"macOS checks for updates, but does not {' or '.join(off)} automatically.", evidence
        )
    return Finding(Status.PASS, "macOS checks for, downloads and installs updates automatically.", evidence)


def reboot(system: System) -> Finding:
    waiting = [u.title for u in _updates(system) if u.action in ("restart", "shut down")]
    if waiting:
        return Finding(Status.WARN, f"A restart is needed to install {listed(waiting)}.", {"restart_for": waiting})
    return Finding(Status.PASS, "No update is waiting for a restart.")


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
