"""What the device checks find on Windows.

- Firewall: each profile's effective state (Get-NetFirewallProfile on the ActiveStore, where
  Group Policy is already applied), else `netsh advfirewall show allprofiles`; a firewall of
  another vendor that Windows Security Center reports on counts when Windows' own is off.
- Screen lock: see windows_lock.py.
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

from hygiene.checks.base import first_line, unrecognised_evidence
from hygiene.checks.device import AutoLogin, Firewall, Privilege, Protection
from hygiene.checks.device.windows_lock import screen_lock as screen_lock  # the Probes member, found here
from hygiene.parsers import ParseError
from hygiene.parsers.defender import DefenderStatus, parse_defender_json
from hygiene.parsers.security_center import SecurityProduct, parse_security_center
from hygiene.parsers.whoami import parse_whoami_groups
from hygiene.parsers.windows_firewall import ProfileStates, parse_firewall_json, parse_netsh_allprofiles
from hygiene.platforms.windows import access_denied, powershell
from hygiene.system import CommandResult, ProbeUnavailable, System
from hygiene.words import count

RUN_AS_ADMIN = "run hygiene from a terminal opened with 'Run as administrator' to see it"

# --- DEV-001 -------------------------------------------------------------------------------

# Enabled is a GpoBoolean and DefaultInboundAction an enum: ConvertTo-Json would print them as
# numbers, so they go as their names.
FIREWALL_PROFILES = (
    "ConvertTo-Json -Compress -InputObject @(Get-NetFirewallProfile -PolicyStore ActiveStore | "
    "ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled; "
    "Inbound = [string]$_.DefaultInboundAction } })"
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
    if profiles and profiles.unrecognised:
        evidence.update(unrecognised_evidence(profiles.unrecognised))
    if other.product is not None and other.product.on:
        note = "Windows' own firewall is off."
        return Firewall({other.product.name: True}, "Windows Security Center", evidence, note=note)
    if profiles:
        return Firewall(profiles.states, source, evidence)
    hint = f": {RUN_AS_ADMIN}" if any(access_denied(r) for r in reasons) else ""
    raise ProbeUnavailable(f"Could not read the Windows Firewall's state{hint}.", **evidence)


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
    if on and not name:
        raise ProbeUnavailable(
            "AutoAdminLogon is on but names no account (DefaultUserName is empty), so whether Windows "
            "logs someone in by itself cannot be told: turn AutoAdminLogon off (see the fix).",
            **evidence,
        )
    return AutoLogin(user, "Winlogon registry key", _stored_password(system), evidence)


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
        {"protection": product.on},
        None,
        current=product.current,
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


# Who is signed in at the console: empty over Remote Desktop and when nobody is.
CONSOLE_USER = "[string](Get-CimInstance -ClassName Win32_ComputerSystem).UserName"


def _someone_else_at_the_screen(system: System, user: str) -> str | None:
    """Elevated with another account's password (a standard user's 'Run as administrator'), or
    as SYSTEM from a management tool, the session's account is not the everyday one: the
    console user's name when it differs, else None."""
    result = powershell(system, CONSOLE_USER)
    console = " ".join(result.stdout.split())[:120] if result.ok else ""
    name = console.rpartition("\\")[2]
    return console if name and name.casefold() != user.casefold() else None


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
        if integrity in ("high", "system") and (console := _someone_else_at_the_screen(system, user)):
            raise ProbeUnavailable(
                f"This audit runs elevated as {user}, while {console} is signed in at the screen: run "
                "hygiene in that person's own session, without 'Run as administrator', to judge their account.",
                **evidence,
                **{"console user": console},
            )
        return Privilege(user, "admin", "whoami /groups", f"BUILTIN\\Administrators, {ADMINISTRATORS}", evidence)
    evidence["whoami"] = f"no {ADMINISTRATORS} (Administrators) among {count(len(groups), 'group')}"
    if integrity is None:  # every token has one, listed last: without it the list may be cut short
        raise ProbeUnavailable(
            "`whoami /groups` listed no integrity label, its last row, so the list may be cut off "
            "before the Administrators group: whether this account is an administrator cannot be told.",
            **evidence,
        )
    return Privilege(user, "standard", "whoami /groups", evidence=evidence)
