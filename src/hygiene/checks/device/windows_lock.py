"""When Windows locks the screen by itself (DEV-002): the machine inactivity limit policy, the
screen saver (its policy before the user's own setting), and, only when neither locks within
the limit, the PC sleeping by itself and asking to sign in on waking: powercfg's active plan,
Group Policy's power settings before it, and DelayLockInterval on Modern Standby PCs.

Kept: the timeouts, the switches and the screen saver program's file name."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.checks.device import LOCK_LIMIT_SECONDS, ScreenLock
from hygiene.parsers import ParseError
from hygiene.parsers.powercfg import parse_powercfg_setting
from hygiene.system import ProbeUnavailable, System

SYSTEM_POLICY = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System"
DESKTOP = "HKCU\\Control Panel\\Desktop"
DESKTOP_POLICY = "HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop"
SCREEN_SAVER = ("ScreenSaveActive", "ScreenSaveTimeOut", "ScreenSaverIsSecure", "SCRNSAVE.EXE")
SIGN_IN_DELAY = "DelayLockInterval"  # "require sign-in after being away", on Modern Standby PCs
SLEEP_AFTER = ("powercfg", "/query", "SCHEME_CURRENT", "SUB_SLEEP", "STANDBYIDLE")
WAKE_PASSWORD = ("powercfg", "/query", "SCHEME_CURRENT", "SUB_NONE", "CONSOLELOCK")
# Group Policy's power settings, by the power setting's GUID; they win over the plan's own.
POWER_POLICY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings\\"
SLEEP_POLICY = POWER_POLICY + "29f6c1db-86da-48c5-9fdb-f2b67b1f44da"
WAKE_PASSWORD_POLICY = POWER_POLICY + "0e796bdb-100d-47d6-a2d5-f7d2daa51f51"
AC_DC = ("ACSettingIndex", "DCSettingIndex")
NEVER_SIGN_IN = 0xFFFFFFFF
SLEEP_KEY = "sleep after (plugged in, on battery)"  # evidence


@dataclass(frozen=True)
class _Lock:
    """One way Windows locks the screen by itself: after `idle` seconds, asking for the password
    (None: cannot tell) `delay` seconds later."""

    how: str
    idle: int
    asks: bool | None
    delay: int = 0


def _number(value: object) -> int | None:
    """A DWORD or QWORD, or a number kept as text (the screen saver's settings are REG_SZ);
    None for what no such value holds (a snapshot's record may say anything)."""
    if isinstance(value, int):
        return value if 0 <= value < 2**64 else None
    text = str(value).strip() if isinstance(value, str) else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _policy_lock(system: System, evidence: dict) -> _Lock | None:
    """Interactive logon: Machine inactivity limit (0 or absent: not set)."""
    values = system.registry_values(SYSTEM_POLICY, ("InactivityTimeoutSecs",)) or {}
    limit = _number(values.get("InactivityTimeoutSecs"))
    evidence["InactivityTimeoutSecs"] = limit
    return _Lock("machine inactivity limit", limit, True) if limit else None


def _screen_saver(desktop: dict, policy: dict, evidence: dict) -> _Lock | None:
    """The screen saver, each setting from the policy where it sets one. It runs only with a
    program chosen (SCRNSAVE.EXE) and a timeout; the password only with ScreenSaverIsSecure = 1."""
    saver = {name: policy.get(name, desktop.get(name)) for name in SCREEN_SAVER}
    program = str(saver["SCRNSAVE.EXE"] or "").strip()
    timeout = _number(saver["ScreenSaveTimeOut"])
    active = str(saver["ScreenSaveActive"] if saver["ScreenSaveActive"] is not None else "1").strip() == "1"
    secure = str(saver["ScreenSaverIsSecure"] or "0").strip() == "1"
    if not (active and program and timeout):
        evidence["screen saver"] = "off" if not (active and program) else "no timeout"
        return None
    name = program.replace("/", "\\").rsplit("\\", 1)[-1][:40]
    evidence["screen saver"] = f"{name} after {timeout} s, {'asks' if secure else 'does not ask'} for the password"
    return _Lock("screen saver", timeout, secure)


def _power(system: System, argv: tuple[str, ...], policy_key: str) -> tuple[int, int] | None:
    """A power setting (plugged in, on battery): Group Policy's, else the active plan's;
    None when neither can be read."""
    policy = system.registry_values(policy_key, AC_DC) or {}
    ac, dc = (_number(policy.get(name)) for name in AC_DC)
    if ac is not None and dc is not None:
        return ac, dc
    result = system.run(argv)
    if not result.ok:
        return None
    try:
        plan = parse_powercfg_setting(result.stdout)
    except ParseError:
        return None
    return (plan[0] if ac is None else ac), (plan[1] if dc is None else dc)


def _sleep_lock(system: System, desktop: dict, evidence: dict) -> tuple[_Lock | None, bool]:
    """The PC sleeping by itself, plugged in and on battery (the later of the two; never if
    either is never), then asking to sign in on waking; and whether the power settings could
    be read at all."""
    sleep = _power(system, SLEEP_AFTER, SLEEP_POLICY)
    if sleep is None:
        evidence[SLEEP_KEY] = "could not be read"
        return None, False
    evidence[SLEEP_KEY] = [_after(s) for s in sleep]
    if 0 in sleep:
        return None, True
    delay = _number(desktop.get(SIGN_IN_DELAY))
    if delay is not None:  # Modern Standby: "If you've been away, when should Windows require you to sign in again?"
        evidence[SIGN_IN_DELAY] = delay
        return _Lock("sleep", max(sleep), delay != NEVER_SIGN_IN, 0 if delay == NEVER_SIGN_IN else delay), True
    wake = _power(system, WAKE_PASSWORD, WAKE_PASSWORD_POLICY)
    evidence["sign-in on wake (plugged in, on battery)"] = list(wake) if wake else "could not be read"
    return _Lock("sleep", max(sleep), None if wake is None else all(wake)), True


def _after(seconds: int) -> str:
    return "never" if seconds == 0 else f"{seconds} s"


def _never_sleeps(sleep: list[str]) -> str:
    """Which power source keeps the PC awake for ever, from the evidence's ["never", "600 s"]."""
    plugged, battery = sleep
    if plugged == battery:
        return "the PC never sleeps"
    return f"the PC never sleeps {'plugged in' if plugged == 'never' else 'on battery'}"


def _as_screen_lock(lock: _Lock | None, evidence: dict) -> ScreenLock:
    if lock is None:
        return ScreenLock(
            0, None, f"no lock policy, no screen saver, {_never_sleeps(evidence[SLEEP_KEY])}", 0, evidence
        )
    source = {
        "machine inactivity limit": "machine inactivity limit policy",
        "screen saver": "screen saver",
        "sleep": "the PC sleeps, then asks to sign in" if lock.asks else "the PC sleeps",
    }[lock.how]
    return ScreenLock(lock.idle, lock.asks, source, lock.delay, evidence)


def _soonest(locks: list[_Lock]) -> _Lock | None:
    """The lock that asks for the password soonest; else one that cannot tell; else one that
    does not ask at all (the screen opens again without it)."""
    for asks in (True, None, False):
        fitting = [lock for lock in locks if lock.asks is asks]
        if fitting:
            return min(fitting, key=lambda lock: lock.idle + lock.delay)
    return None


def screen_lock(system: System) -> ScreenLock | None:
    """The power settings are asked only when no policy or screen saver locks within the limit."""
    evidence: dict = {}
    desktop = system.registry_values(DESKTOP, (*SCREEN_SAVER, SIGN_IN_DELAY)) or {}
    policy = system.registry_values(DESKTOP_POLICY, SCREEN_SAVER) or {}
    locks = [lock for lock in (_policy_lock(system, evidence), _screen_saver(desktop, policy, evidence)) if lock]
    best = _soonest(locks)
    if best is None or best.asks is not True or best.idle + best.delay > LOCK_LIMIT_SECONDS:
        sleep, readable = _sleep_lock(system, desktop, evidence)
        if not readable and best is None:
            raise ProbeUnavailable(
                "No lock policy or screen saver locks the screen, and the power settings (whether the PC "
                "sleeps by itself) could not be read.",
                **evidence,
            )
        best = _soonest([*locks, sleep] if sleep else locks)
    return _as_screen_lock(best, evidence)
