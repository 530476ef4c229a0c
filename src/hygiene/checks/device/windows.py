"""What the device checks find on Windows.

- Firewall: each profile's effective state (Get-NetFirewallProfile on the ActiveStore, where
  Group Policy is already applied), else `netsh advfirewall show allprofiles`; a firewall of
  another vendor that Windows Security Center reports on counts when Windows' own is off.
- Screen lock: the machine inactivity limit policy, the screen saver (its policy before the
  user's setting), and the PC sleeping by itself with sign-in required on waking (powercfg).
- Automatic login: Winlogon's AutoAdminLogon and DefaultUserName; whether a DefaultPassword is
  stored is asked as a question about value NAMES, so the password is never read.
- Malware protection: Get-MpComputerStatus; Windows Security Center for another antivirus
  when Defender is not fully on.
- Privilege: the Administrators group's SID (S-1-5-32-544) among the session's groups
  (`whoami /groups`), present even as a deny-only group under UAC.

Everything kept is what a verdict rests on: profile states, timeouts, switches, SIDs with their
rows, product names and states; never a password, and no value of Winlogon but the four read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from hygiene.checks.base import first_line
from hygiene.checks.device import LOCK_LIMIT_SECONDS, AutoLogin, Firewall, Privilege, Protection, ScreenLock
from hygiene.parsers import ParseError
from hygiene.parsers.defender import DefenderStatus, parse_defender_json
from hygiene.parsers.powercfg import parse_powercfg_setting
from hygiene.parsers.security_center import SecurityProduct, parse_security_center
from hygiene.parsers.whoami import parse_whoami_groups
from hygiene.parsers.windows_firewall import ProfileStates, parse_firewall_json, parse_netsh_allprofiles
from hygiene.platforms.windows import access_denied, powershell
from hygiene.system import CommandResult, ProbeUnavailable, System
from hygiene.words import count

RUN_AS_ADMIN = "run hygiene from a terminal opened with 'Run as administrator' to see it"

# --- DEV-001 -------------------------------------------------------------------------------

# Enabled is a GpoBoolean: ConvertTo-Json would print it as a number, so it goes as its name.
FIREWALL_PROFILES = (
    "ConvertTo-Json -Compress -InputObject @(Get-NetFirewallProfile -PolicyStore ActiveStore | "
    "ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled } })"
)
NETSH_FIREWALL = ("netsh", "advfirewall", "show", "allprofiles")
# Windows clients only (Windows Server has no Security Center): antivirus and firewall products.
SECURITY_CENTER = (
    "ConvertTo-Json -Compress -InputObject @(foreach ($class in 'AntiVirusProduct', 'FirewallProduct') { "
    "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName $class | ForEach-Object { [pscustomobject]@{ "
    "Class = $class; Name = [string]$_.displayName; State = [int64]$_.productState } } })"
)


def _said(result: CommandResult) -> str:
    return first_line(result.stderr) or first_line(result.stdout) or f"exit {result.returncode}"


def _windows_profiles(system: System) -> tuple[ProfileStates | None, str, list[str]]:
    """The three profiles' states and the tool that told them, or None and why each tool failed."""
    reasons = []
    tools = (
        ("Get-NetFirewallProfile", lambda: powershell(system, FIREWALL_PROFILES), parse_firewall_json),
        ("netsh advfirewall", lambda: system.run(NETSH_FIREWALL), parse_netsh_allprofiles),
    )
    for source, ask, parse in tools:
        result = ask()
        if not result.ok:
            reasons.append(f"{source}: {_said(result)}")
            continue
        try:
            return parse(result.stdout), source, reasons
        except ParseError as exc:
            reasons.append(str(exc))
    return None, "", reasons


def security_center(system: System) -> list[SecurityProduct]:
    """The products Windows Security Center knows; ProbeUnavailable (why) when it cannot be
    asked, as on Windows Server, which has none."""
    result = powershell(system, SECURITY_CENTER)
    if not result.ok:
        raise ProbeUnavailable(f"Windows Security Center could not be asked ({_said(result)})")
    return parse_security_center(result.stdout)


@dataclass(frozen=True)
class _OtherVendor:
    """What Security Center says of another vendor's product of one kind: the one that is on,
    else the first (None: there is none), whether Security Center could be asked at all, and
    that in words, for evidence."""

    product: SecurityProduct | None
    asked: bool
    said: str


def _other_vendor(system: System, kind: str) -> _OtherVendor:
    try:
        products = [p for p in security_center(system) if p.kind == kind and not p.microsoft]
    except (ProbeUnavailable, ParseError) as exc:
        return _OtherVendor(None, False, str(exc))
    chosen = next((p for p in products if p.on), products[0] if products else None)
    said = f"{chosen.name}: {chosen.condition}" if chosen else f"no {kind} of another vendor"
    return _OtherVendor(chosen, True, said)


def firewall(system: System) -> Firewall:
    profiles, source, reasons = _windows_profiles(system)
    lines = list(profiles.lines.values()) if profiles else reasons
    if profiles and all(profiles.states.values()):
        return Firewall(profiles.states, source, {source: lines})
    other = _other_vendor(system, "firewall")
    evidence = {source or "Windows Firewall": lines, "Windows Security Center": other.said}
    if other.product is not None and other.product.on:
        note = "Windows' own firewall is off."
        return Firewall({other.product.name: True}, "Windows Security Center", evidence, note=note)
    if profiles:
        return Firewall(profiles.states, source, evidence)
    hint = f": {RUN_AS_ADMIN}" if any(access_denied(r) for r in reasons) else ""
    raise ProbeUnavailable(f"Could not read the Windows Firewall's state{hint}.", **evidence)


# --- DEV-002 -------------------------------------------------------------------------------

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
    """A DWORD, or a number kept as text (the screen saver's settings are REG_SZ)."""
    if isinstance(value, int):
        return value
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


# --- DEV-003 -------------------------------------------------------------------------------

WINLOGON = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"
# Read by name; DefaultPassword is NEVER among them (WINLOGON_NAMES_QUESTION asks only whether it is there).
WINLOGON_VALUES = ("AutoAdminLogon", "DefaultUserName", "DefaultDomainName", "AutoLogonCount")
# The value NAMES of the key: True or False, never a value, so the password is not read.
WINLOGON_NAMES_QUESTION = (
    "(Get-Item -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon').Property "
    "-contains 'DefaultPassword'"
)


def _stored_password(system: System) -> bool | None:
    result = powershell(system, WINLOGON_NAMES_QUESTION)
    answer = result.stdout.strip().lower() if result.ok else ""
    return {"true": True, "false": False}.get(answer)


def autologin(system: System) -> AutoLogin:
    values = system.registry_values(WINLOGON, WINLOGON_VALUES) or {}
    on = str(values.get("AutoAdminLogon", "0")).strip() == "1"
    name = " ".join(str(values.get("DefaultUserName") or "").split())[:80]
    domain = " ".join(str(values.get("DefaultDomainName") or "").split())[:80]
    user = (f"{domain}\\{name}" if domain else name) if on and name else None
    evidence = {key: values[key] for key in ("AutoAdminLogon", "AutoLogonCount") if key in values}
    stored = _stored_password(system)
    source = "Winlogon registry key"
    if stored is None:
        if user is None:
            raise ProbeUnavailable(
                "Automatic login is off, but whether a password is still stored for it could not be asked.",
                **evidence,
            )
        evidence["stored_password"] = "could not be asked"  # noqa: S105 - what is known of it, not a password
    return AutoLogin(user, source, bool(stored), evidence)


# --- DEV-004 -------------------------------------------------------------------------------

DEFENDER_STATUS = (
    "$s = Get-MpComputerStatus; ConvertTo-Json -Compress -InputObject ([pscustomobject]@{ "
    "AMServiceEnabled = $s.AMServiceEnabled; AntivirusEnabled = $s.AntivirusEnabled; "
    "RealTimeProtectionEnabled = $s.RealTimeProtectionEnabled; IsTamperProtected = $s.IsTamperProtected; "
    "AMRunningMode = [string]$s.AMRunningMode; AntivirusSignatureLastUpdated = $(if "
    "($s.AntivirusSignatureLastUpdated) { $s.AntivirusSignatureLastUpdated.ToString('o') } else { $null }); "
    "AntivirusSignatureAge = $s.AntivirusSignatureAge })"
)
DEFENDER = "Microsoft Defender Antivirus"
NOT_RUNNING = "800106ba"  # Get-MpComputerStatus's HRESULT when the Defender service is not running


def _fully_on(d: DefenderStatus) -> bool:
    return bool(d.service and d.antivirus and d.real_time) and not d.passive


def _defender(d: DefenderStatus, system: System, evidence: dict) -> Protection:
    updated = d.updated
    if updated is None and d.age_days is not None:  # no date, but an age in days as of now
        updated = system.now() - timedelta(days=d.age_days)
    return Protection(
        DEFENDER,
        {"antimalware service": d.service, "antivirus": d.antivirus, "real-time protection": d.real_time},
        updated,
        never_updated=d.never_updated,
        hardening={"tamper protection": d.tamper},
        evidence={
            "AMRunningMode": d.mode or None,
            "AntivirusSignatureAge": "never" if d.never_updated else d.age_days,
            **evidence,
        },
    )


def _other_antivirus(product: SecurityProduct, evidence: dict) -> Protection:
    """Security Center says only whether the product is on and whether its signatures are up to
    date, not when they were updated."""
    return Protection(
        product.name,
        {"protection": product.on, "signature updates": product.current},
        None,
        evidence={
            "source": "Windows Security Center",
            "state": product.condition,
            "signatures": "up to date" if product.current else "out of date",
            "productState": f"0x{product.state:06x}",
            **evidence,
        },
    )


def protection(system: System) -> Protection | None:
    result = powershell(system, DEFENDER_STATUS)
    defender = parse_defender_json(result.stdout) if result.ok else None
    if defender is not None and _fully_on(defender):
        return _defender(defender, system, {})
    other = _other_vendor(system, "antivirus")
    evidence = {"Windows Security Center": other.said}
    if other.product is not None:
        evidence[DEFENDER] = (defender.mode or "not fully on") if defender else _said(result)
        return _other_antivirus(other.product, evidence)
    if defender is not None:
        if defender.passive and not other.asked:
            raise ProbeUnavailable(
                f"{DEFENDER} runs in passive mode, so another antivirus is meant to protect this machine, "
                "and Windows Security Center could not be asked which one, or whether it is on.",
                AMRunningMode=defender.mode,
                **evidence,
            )
        return _defender(defender, system, evidence)
    error = _said(result)
    if NOT_RUNNING in error.lower() and other.asked:  # Defender's service stopped, and no other antivirus
        evidence["Get-MpComputerStatus"] = error
        return Protection(DEFENDER, {"antimalware service": False}, None, evidence=evidence)
    hint = f": {RUN_AS_ADMIN}" if access_denied(error) else ""
    raise ProbeUnavailable(f"Could not ask {DEFENDER} ({error}){hint}.", **evidence)


# --- DEV-005 -------------------------------------------------------------------------------

WHOAMI_GROUPS = ("whoami", "/groups", "/fo", "csv")
ADMINISTRATORS = "S-1-5-32-544"  # BUILTIN\Administrators, in every language
INTEGRITY = {"S-1-16-4096": "low", "S-1-16-8192": "medium", "S-1-16-12288": "high", "S-1-16-16384": "system"}


def privilege(system: System) -> Privilege:
    result = system.run(WHOAMI_GROUPS)
    user = system.facts.username
    if not result.ok:
        raise ProbeUnavailable(f"Could not list this session's groups: `whoami /groups` said {_said(result)}.")
    groups = parse_whoami_groups(result.stdout)
    integrity = next((INTEGRITY.get(g.sid, g.sid) for g in groups if g.sid.startswith("S-1-16-")), None)
    admins = next((g for g in groups if g.sid == ADMINISTRATORS), None)
    evidence: dict = {"integrity level": integrity}
    if admins is not None:  # enabled, or "used for deny only" until UAC elevates: an administrator either way
        evidence["whoami"] = admins.line
        return Privilege(user, "admin", "whoami /groups", f"BUILTIN\\Administrators, {ADMINISTRATORS}", evidence)
    evidence["whoami"] = f"no {ADMINISTRATORS} (Administrators) among {count(len(groups), 'group')}"
    return Privilege(user, "standard", "whoami /groups", evidence=evidence)
