"""What the device checks find on macOS, with no administrator rights: the application firewall
(socketfilterfw), when the screen locks (sysadminctl, the screen saver's idle time and pmset's
display sleep), automatic login (loginwindow's autoLoginUser; /etc/kcpassword is only looked
at, never read), Gatekeeper (spctl) and XProtect's data, and the admin group (id).

Kept in snapshots: these commands' short answers (a state line, a number of seconds or
minutes, a user name and its groups) and one file time; nothing secret is asked for."""

from __future__ import annotations

from datetime import datetime

from hygiene.checks.base import first_line, unrecognised_evidence
from hygiene.checks.device import (
    LOCK_LIMIT_SECONDS,
    AutoLogin,
    Evidence,
    Firewall,
    Privilege,
    Protection,
    ScreenLock,
)
from hygiene.parsers import ParseError
from hygiene.parsers.fdesetup import parse_fdesetup_status
from hygiene.parsers.id import Identity, parse_id
from hygiene.parsers.plist_text import plist_bool, plist_seconds
from hygiene.parsers.pmset import parse_display_sleep
from hygiene.parsers.socketfilterfw import parse_socketfilterfw
from hygiene.parsers.spctl import parse_spctl_status
from hygiene.parsers.sysadminctl import parse_screenlock_status
from hygiene.platforms.macos import FDESETUP
from hygiene.system import CommandResult, FileUnreadable, ProbeUnavailable, System

SOCKETFILTERFW = ("/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate", "--getstealthmode")
SCREENLOCK = ("sysadminctl", "-screenLock", "status")
SCREENSAVER_IDLE = ("defaults", "-currentHost", "read", "com.apple.screensaver", "idleTime")
ASK_FOR_PASSWORD = ("defaults", "read", "com.apple.screensaver", "askForPassword")  # macOS 10.12 and older
ASK_FOR_PASSWORD_DELAY = ("defaults", "read", "com.apple.screensaver", "askForPasswordDelay")
PMSET = ("pmset", "-g", "custom")
AUTO_LOGIN_USER = ("defaults", "read", "/Library/Preferences/com.apple.loginwindow", "autoLoginUser")
KCPASSWORD = "/etc/kcpassword"  # the stored auto-login password: whether it exists, never what it holds
SPCTL = ("spctl", "--status")
ID = ("id",)
CONSOLE_USER = ("stat", "-f", "%Su", "/dev/console")
ADMIN_GROUP = (80, "admin")

# XProtect's data, where XProtect looks first: macOS 15 keeps the copy it uses under
# /var/protected (updated over iCloud) and falls back to CoreServices, where Software Update
# installs it (macOS 10.15 and later; /System before). Eclectic Light, "How XProtect has
# changed in macOS Sequoia" (2024-09-25) and "Silently updated security data files in Tahoe".
XPROTECT_SEQUOIA = "/var/protected/xprotect/XProtect.bundle/Contents/Info.plist"
XPROTECT_DATA = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist"
XPROTECT_SYSTEM = "/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist"
# Apple ships XProtect's rules about weekly now (Eclectic Light, "Security data updates in
# Sequoia and Tahoe", 2025-09-09), but has gone 10 weeks without one (2167 of 2023-03-30 was
# still the newest when XProtect Remediator 99 came on 2023-06-08): six missed weeks is a WARN,
# longer than any gap seen a FAIL.
XPROTECT_FRESH_DAYS = 45
XPROTECT_STALE_DAYS = 90


def _failed(argv: tuple[str, ...], result: CommandResult) -> ProbeUnavailable:
    return ProbeUnavailable(f"`{' '.join(argv)}` failed: {first_line(result.stderr) or f'exit {result.returncode}'}.")


def _defaults(system: System, argv: tuple[str, ...]) -> str | None:
    """One value from `defaults read`, or None when it was never set."""
    result = system.run(argv)
    if result.ok:
        return result.stdout.strip()
    if not result.found:
        raise ProbeUnavailable("`defaults` is not available, so the setting cannot be read.")
    if "does not exist" in result.stderr:
        return None
    raise _failed(argv, result)


def _seconds(system: System, argv: tuple[str, ...]) -> int | None:
    value = _defaults(system, argv)
    if value is None:
        return None
    seconds = plist_seconds(value)
    if seconds is None:
        raise ProbeUnavailable(f"`{' '.join(argv)}` printed no number of seconds: {value[:40]!r}.")
    return seconds


def _identity(system: System, argv: tuple[str, ...]) -> Identity:
    result = system.run(argv)
    if not result.ok:
        raise _failed(argv, result)
    try:
        return parse_id(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc


# --- DEV-001 ---------------------------------------------------------------------------------


def firewall(system: System) -> Firewall:
    result = system.run(SOCKETFILTERFW)
    if not result.found:
        raise ProbeUnavailable("socketfilterfw is not available, so the application firewall's state cannot be read.")
    try:
        alf = parse_socketfilterfw(result.stdout)
    except ParseError as exc:
        said = first_line(result.stderr)
        raise ProbeUnavailable(f"{exc}{f' ({said})' if said else ''}.") from exc
    evidence: Evidence = {"socketfilterfw": alf.state_line}
    if alf.stealth_line:
        evidence["stealth"] = alf.stealth_line
    if alf.unrecognised:
        evidence.update(unrecognised_evidence(alf.unrecognised))
        if alf.on:
            raise ProbeUnavailable(
                f"socketfilterfw says the firewall is on, but printed a line hygiene does not know: "
                f"{alf.unrecognised[0]!r}.",
                **evidence,
            )
    note = ""
    if alf.stealth is False:
        note = "Stealth mode is off: turn it on under the firewall's Options."
    elif alf.stealth_line and alf.stealth is None:
        note = "Whether stealth mode is on could not be read."
    return Firewall({"application firewall": alf.on}, "socketfilterfw", evidence, note)


# --- DEV-002 ---------------------------------------------------------------------------------


def _password(system: System, evidence: Evidence) -> tuple[bool | None, int, str]:
    """Whether waking asks for the password, the grace period, and who said so: sysadminctl
    (macOS 10.13 on), else the screen saver preferences older macOS kept it in. Where
    sysadminctl exists but does not say, those preferences are evidence only: since 10.13
    macOS keeps the setting elsewhere, and askForPassword may be a value left by an upgrade."""
    result = system.run(SCREENLOCK)
    unread = False
    if result.found:
        text = result.stderr + "\n" + result.stdout
        try:
            setting = parse_screenlock_status(text)
        except ParseError:
            line = first_line(text)  # without its log prefix: "2026-... sysadminctl[812:9311] "
            evidence["sysadminctl"] = (line.partition("] ")[2] or line)[:200] or f"exit {result.returncode}"
            unread = True
        else:
            evidence["sysadminctl"] = setting.line
            if setting.unrecognised:
                evidence.update(unrecognised_evidence(setting.unrecognised))
                if setting.asks_password:  # a line beside it that hygiene does not know: not taken for yes
                    return None, setting.delay_seconds, "sysadminctl"
            return setting.asks_password, setting.delay_seconds, "sysadminctl"
    asks = _defaults(system, ASK_FOR_PASSWORD)
    evidence["askForPassword"] = asks if asks is not None else "not set"
    if asks is None or unread:
        return None, 0, "sysadminctl" if unread else "askForPassword"
    delay = _seconds(system, ASK_FOR_PASSWORD_DELAY) or 0
    evidence["askForPasswordDelay"] = delay
    return plist_bool(asks), delay, "askForPassword"


def _display_sleep(system: System, evidence: Evidence) -> tuple[int | None, str]:
    """Seconds before the display sleeps on the power source where it takes longest (0:
    never on one of them): a laptop left plugged in must lock too. None: unreadable."""
    result = system.run(PMSET)
    try:
        minutes = parse_display_sleep(result.stdout) if result.ok else None
    except ParseError as exc:
        evidence["pmset"] = str(exc)
        return None, ""
    if minutes is None:
        evidence["pmset"] = first_line(result.stderr) or f"exit {result.returncode}"
        return None, ""
    evidence.update({f"displaysleep ({source})": m for source, m in minutes.items()})
    source = min(minutes, key=lambda s: (minutes[s] != 0, -minutes[s]))  # never, else the longest
    return minutes[source] * 60, source


def screen_lock(system: System) -> ScreenLock:
    """The screen locks when the screen saver starts or the display sleeps, whichever comes
    first, if waking asks for the password. An unset screen saver time (macOS's default) or
    an unreadable display sleep leaves the other timer an upper bound: it decides only when it
    is within the limit."""
    me = _identity(system, ID)
    if me.uid == 0:
        raise ProbeUnavailable(
            "The screen lock is a setting of the logged-in user, and this audit runs as root: run it without sudo."
        )
    evidence: Evidence = {}
    asks, delay, said_by = _password(system, evidence)
    saver = _seconds(system, SCREENSAVER_IDLE)
    evidence["idleTime"] = saver if saver is not None else "not set"
    display, power = _display_sleep(system, evidence)
    timers = {"screen saver": saver, f"display sleep on {power}": display}
    known = {name: s for name, s in timers.items() if s}
    if known:
        name = min(known, key=lambda n: known[n])
        idle: int | None = known[name]
        if None in timers.values() and known[name] > LOCK_LIMIT_SECONDS:
            idle, name = None, "screen saver and display sleep"
    else:
        idle = None if None in timers.values() else 0
        name = "screen saver and display sleep"
    return ScreenLock(idle, asks, f"{name}; {said_by}", delay, evidence)


# --- DEV-003 ---------------------------------------------------------------------------------


def _filevault_on(system: System) -> bool:
    result = system.run(FDESETUP)
    try:
        return result.ok and parse_fdesetup_status(result.stdout).on is True
    except ParseError:
        return False


def autologin(system: System) -> AutoLogin:
    """Apple: "When FileVault is turned on, automatic login is disabled", so an autoLoginUser
    left behind then logs no one in; its stored password (/etc/kcpassword) still counts."""
    user = _defaults(system, AUTO_LOGIN_USER) or None
    stored = system.exists(KCPASSWORD)
    evidence: Evidence = {"autoLoginUser": user or "not set", KCPASSWORD: "present" if stored else "absent"}
    if user is not None and _filevault_on(system):
        evidence["FileVault"] = "On, so macOS does not log in automatically"
        user = None
    return AutoLogin(user, "loginwindow preferences", stored, evidence)


# --- DEV-004 ---------------------------------------------------------------------------------


def _macos_major(system: System) -> int | None:
    head = system.facts.os_version.split(".")[0]
    return int(head) if head.isdigit() and head.isascii() and len(head) < 4 else None


def _xprotect(system: System, evidence: Evidence) -> datetime | None:
    """When the XProtect data macOS uses was written, or None (with the reason in evidence)."""
    major = _macos_major(system)
    paths = (XPROTECT_DATA, XPROTECT_SYSTEM)
    if major is None or major >= 15:
        paths = (XPROTECT_SEQUOIA, *paths)
    for path in paths:
        try:
            written = system.mtime(path)
        except FileUnreadable as exc:
            evidence["XProtect"] = f"{path}: {exc.reason} (run with sudo to see it)"
            return None
        if written is not None:
            evidence["XProtect"] = path
            return written
    evidence["XProtect"] = "its data was not found"
    return None


def protection(system: System) -> Protection:
    evidence: Evidence = {}
    result = system.run(SPCTL)
    gatekeeper: bool | None = None
    if result.found:  # "assessments disabled" comes with exit status 1
        try:
            status = parse_spctl_status(result.stdout + "\n" + result.stderr)
        except ParseError as exc:
            evidence["spctl"] = str(exc)
        else:
            evidence["spctl"] = status.line
            gatekeeper = status.on
            if status.unrecognised:
                evidence.update(unrecognised_evidence(status.unrecognised))
                gatekeeper = None if status.on else False  # "enabled" beside a line hygiene does not know
    else:
        evidence["spctl"] = "not available"
    updated = _xprotect(system, evidence)
    return Protection(
        "macOS malware protection (Gatekeeper, XProtect)",
        {"Gatekeeper": gatekeeper},
        updated,
        fresh_days=XPROTECT_FRESH_DAYS,
        stale_days=XPROTECT_STALE_DAYS,
        evidence=evidence,
    )


# --- DEV-005 ---------------------------------------------------------------------------------


def _level(who: Identity) -> Privilege:
    admin = who.member_of(*ADMIN_GROUP)
    groups = "in the admin group" if admin else "not in the admin group"
    return Privilege(
        who.user or str(who.uid),
        "admin" if admin else "standard",
        "id",
        "the admin group" if admin else "",
        {"id": f"uid={who.uid}({who.user}), {groups}"},
    )


def privilege(system: System) -> Privilege:
    """The account running the audit; under sudo, the one logged in at the screen, whose
    everyday account it is (the audit runs as root only because it was asked to)."""
    me = _identity(system, ID)
    if me.uid != 0:
        return _level(me)
    result = system.run(CONSOLE_USER)
    console = result.stdout.strip() if result.ok else ""
    if not console or console == "root" or console.startswith(("_", "-")) or not console.isprintable():
        return Privilege(me.user or "root", "root", "id", evidence={"id": f"uid=0({me.user})", "console user": console})
    found = _level(_identity(system, ("id", "--", console)))
    return Privilege(
        found.user, found.level, found.source, found.via, {**found.evidence, "audit runs as": "root (sudo)"}
    )
