"""DEV-001..005 on Windows, on recorded machines: real outputs read in place, our own fixtures
for the other shapes (localized, partial, version drift, refused), PASS/WARN/FAIL/UNKNOWN for
each check, a snapshot round trip, and the stored auto-login password never read."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from hygiene.checks import device
from hygiene.checks.device import windows as win
from hygiene.checks.device import windows_lock as lock
from hygiene.engine import run_checks, run_one
from hygiene.model import Platform, Status
from hygiene.platforms.windows import POWERSHELL
from hygiene.registry import CHECKS
from hygiene.system import FileUnreadable
from hygiene.system.local import LocalSystem
from hygiene.system.recorded import RecordedSystem
from hygiene.system.recording import RecordingSystem
from hygiene.words import count
from tests.helpers import fixture, machine, real

DEV = [c for c in CHECKS if c.meta.id.startswith("DEV-")]
DENIED = (1, "", "Get-MpComputerStatus : Access denied. \r\nHRESULT 0x80070005\r\n")

# A well-kept Windows 11 laptop: every probe answered, every check PASSes.
GOOD_PS = {
    win.FIREWALL_PROFILES: (0, fixture("windows/powershell/firewall-profiles-on.json"), ""),
    win.DEFENDER_STATUS: (0, fixture("windows/powershell/defender-on.json"), ""),
    win.WINLOGON_NAMES_QUESTION: (0, "False\r\n", ""),
    win.CONSOLE_USER: (0, "OFFICE-PC\\amina\r\n", ""),  # the account at the screen is the one audited
}
GOOD_COMMANDS = {win.WHOAMI_GROUPS: (0, fixture("windows/whoami-groups/en-domain-standard.txt"), "")}
GOOD_REGISTRY = {
    (lock.SYSTEM_POLICY, ("InactivityTimeoutSecs",)): None,
    (lock.DESKTOP, (*lock.SCREEN_SAVER, lock.SIGN_IN_DELAY)): {
        "ScreenSaveActive": "1",
        "ScreenSaveTimeOut": "600",
        "ScreenSaverIsSecure": "1",
        "SCRNSAVE.EXE": "C:\\Windows\\system32\\scrnsave.scr",
    },
    (lock.DESKTOP_POLICY, lock.SCREEN_SAVER): None,
    (win.WINLOGON, win.WINLOGON_VALUES): {"AutoAdminLogon": "0", "DefaultUserName": "amina"},
}


def windows(ps=None, commands=None, registry=None, **kwargs):
    """A recorded Windows machine: the good one, with these answers changed (PowerShell
    questions by script; None as a registry answer: the key is absent)."""
    asked = {(*POWERSHELL, script): answer for script, answer in {**GOOD_PS, **(ps or {})}.items()}
    return machine(
        platform="windows",
        os_name="Windows 11 Pro",
        os_version="10.0.26100",
        commands={**asked, **GOOD_COMMANDS, **(commands or {})},
        registry={**GOOD_REGISTRY, **(registry or {})},
        **kwargs,
    )


def check(system, fn):
    return run_one(system, fn)


def ps_json(data) -> tuple[int, str, str]:
    return 0, json.dumps(data), ""


def test_the_good_machine_passes_every_check():
    system = windows()
    assert [check(system, c).status for c in DEV] == [Status.PASS] * 5


# --- DEV-001 --------------------------------------------------------------------------------


def test_firewall_every_profile_on():
    f = check(windows(), device.firewall_on)
    assert (
        f.status is Status.PASS and f.summary == "The firewall is on: Domain, Private, Public (Get-NetFirewallProfile)."
    )
    assert f.evidence["Get-NetFirewallProfile"][2] == "Public: Enabled = True"


def test_firewall_public_off_names_the_profile_and_asks_security_center():
    sc = ps_json([{"Class": "AntiVirusProduct", "Name": "Windows Defender", "State": 397568}])
    system = windows(
        {
            win.FIREWALL_PROFILES: (0, fixture("windows/powershell/firewall-profiles-public-off.json"), ""),
            win.SECURITY_CENTER: sc,
        }
    )
    f = check(system, device.firewall_on)
    assert (
        f.status is Status.FAIL
        and f.summary == "The firewall is off: Public; on: Domain, Private (Get-NetFirewallProfile)."
    )
    assert f.evidence["Public on"] is False and "Public: Enabled = False" in f.evidence["Get-NetFirewallProfile"]
    assert f.evidence["Windows Security Center"] == "no firewall of another vendor"


def test_firewall_of_another_vendor_counts_when_windows_own_is_off():
    off = ps_json([{"Name": p, "Enabled": "False"} for p in ("Domain", "Private", "Public")])
    system = windows(
        {
            win.FIREWALL_PROFILES: off,
            win.SECURITY_CENTER: (0, fixture("windows/powershell/security-center-eset.json"), ""),
        }
    )
    f = check(system, device.firewall_on)
    assert f.status is Status.PASS
    assert f.summary == "The firewall is on: ESET Firewall (Windows Security Center). Windows' own firewall is off."
    assert f.evidence["Windows Security Center"] == "ESET Firewall: on"


def test_a_profile_that_lets_every_inbound_connection_in_is_off():
    rows = [{"Name": p, "Enabled": "True", "Inbound": "Allow" if p == "Public" else "Block"} for p in PROFILE_NAMES]
    f = check(windows({win.FIREWALL_PROFILES: ps_json(rows), win.SECURITY_CENTER: ps_json([])}), device.firewall_on)
    assert (
        f.status is Status.FAIL
        and f.summary == "The firewall is off: Public; on: Domain, Private (Get-NetFirewallProfile)."
    )
    assert "Public: Enabled = True, DefaultInboundAction = Allow" in f.evidence["Get-NetFirewallProfile"]


PROFILE_NAMES = ("Domain", "Private", "Public")

NO_JSON = (1, "", "Get-NetFirewallProfile : The term 'Get-NetFirewallProfile' is not recognized\r\n")


@pytest.mark.parametrize(
    ("case", "status", "summary"),
    [
        ("de-public-off", Status.FAIL, "The firewall is off: Public; on: Domain, Private (netsh advfirewall)."),
        ("fr-private-off", Status.FAIL, "The firewall is off: Private; on: Domain, Public (netsh advfirewall)."),
        ("en-all-on", Status.PASS, "The firewall is on: Domain, Private, Public (netsh advfirewall)."),
        (
            "pl-unknown-words",
            Status.UNKNOWN,
            "Could not tell whether the firewall is on: Domain, Private, Public. "
            "It printed a line hygiene does not know: 'Stan WŁĄCZ'.",
        ),
    ],
)
def test_firewall_falls_back_to_netsh_in_any_language(case, status, summary):
    system = windows(
        {win.FIREWALL_PROFILES: NO_JSON, win.SECURITY_CENTER: ps_json([])},
        {win.NETSH_FIREWALL: (0, fixture(f"windows/netsh-advfirewall/{case}.txt"), "")},
    )
    f = check(system, device.firewall_on)
    assert (f.status, f.summary) == (status, summary)


def test_firewall_real_netsh_output_cut_short_is_unknown_never_on():
    system = windows(
        {win.FIREWALL_PROFILES: NO_JSON, win.SECURITY_CENTER: (1, "", "Invalid namespace \r\n")},
        {win.NETSH_FIREWALL: (0, real("windows", "netsh-advfirewall-show-allprofiles", 1), "")},
    )
    f = check(system, device.firewall_on)
    assert f.status is Status.UNKNOWN and f.summary == "Could not tell whether the firewall is on: Private, Public."
    assert f.evidence["netsh advfirewall"] == ["Domain Profile Settings: State ON"]
    assert f.evidence["Windows Security Center"] == "Windows Security Center could not be asked (Invalid namespace)"


def test_firewall_unreadable_says_run_as_administrator():
    system = windows(
        {
            win.FIREWALL_PROFILES: (1, "", "Get-NetFirewallProfile : Access is denied.\r\n"),
            win.SECURITY_CENTER: ps_json([]),
        },
        {win.NETSH_FIREWALL: (1, "The requested operation requires elevation (Run as administrator).\r\n", "")},
    )
    f = check(system, device.firewall_on)
    assert f.status is Status.UNKNOWN and "Run as administrator" in f.summary
    assert f.evidence["Windows Firewall"][0] == "Get-NetFirewallProfile: Get-NetFirewallProfile : Access is denied."


# --- DEV-002 --------------------------------------------------------------------------------

SAVER = (lock.DESKTOP, (*lock.SCREEN_SAVER, lock.SIGN_IN_DELAY))
POLICY = (lock.DESKTOP_POLICY, lock.SCREEN_SAVER)
NO_SAVER = {SAVER: {"ScreenSaveActive": "1", "ScreenSaveTimeOut": "900"}}  # Windows' default: none chosen
SLEEP = {
    (lock.SLEEP_POLICY, lock.AC_DC): None,
    (lock.WAKE_PASSWORD_POLICY, lock.AC_DC): None,
}


def powercfg(sleep_ac: int, sleep_dc: int, lock_ac: int | None = 1, lock_dc: int | None = 1) -> dict:
    """powercfg's answers, in the English layout of our fixture, with these values."""
    standby = fixture("windows/powercfg/en-standbyidle.txt")
    standby = standby.replace("0x00000708", f"0x{sleep_ac:08x}").replace("0x00000384", f"0x{sleep_dc:08x}")
    answers = {lock.SLEEP_AFTER: (0, standby, "")}
    if lock_ac is not None:
        wake = fixture("windows/powercfg/de-consolelock.txt")
        wake = wake.replace(": 0x00000001", f": 0x{lock_ac:08x}").replace(": 0x00000000", f": 0x{lock_dc:08x}")
        answers[lock.WAKE_PASSWORD] = (0, wake, "")
    return answers


def test_screen_saver_with_password_within_15_minutes_passes_without_asking_powercfg():
    f = check(windows(), device.screen_locks)
    assert f.status is Status.PASS
    assert f.summary == "The screen locks after 10 minutes and asks for the password (screen saver)."
    assert f.evidence["screen saver"] == "scrnsave.scr after 600 s, asks for the password"


def test_policy_wins_over_the_users_screen_saver():
    policy = {"ScreenSaveTimeOut": "1800", "ScreenSaverIsSecure": "1"}
    f = check(windows(registry={POLICY: policy, **SLEEP}, commands=powercfg(3600, 1800)), device.screen_locks)
    assert f.status is Status.WARN and f.summary.startswith("The screen locks only after 30 minutes")
    assert f.evidence["screen saver"] == "scrnsave.scr after 1800 s, asks for the password"


def test_machine_inactivity_limit_policy_locks_the_session():
    registry = {(lock.SYSTEM_POLICY, ("InactivityTimeoutSecs",)): {"InactivityTimeoutSecs": 600}, **NO_SAVER}
    f = check(windows(registry=registry), device.screen_locks)
    assert f.status is Status.PASS and "(machine inactivity limit policy)" in f.summary
    assert f.evidence["InactivityTimeoutSecs"] == 600


def test_screen_saver_without_password_fails():
    registry = {SAVER: {**GOOD_REGISTRY[SAVER], "ScreenSaverIsSecure": "0"}, **SLEEP}
    f = check(windows(registry=registry, commands=powercfg(0, 900)), device.screen_locks)
    assert f.status is Status.FAIL and f.summary == "The screen opens again without the password (screen saver)."
    assert f.evidence["screen saver"] == "scrnsave.scr after 600 s, does not ask for the password"


def test_no_screen_saver_and_never_sleeping_plugged_in_fails():
    f = check(windows(registry={**NO_SAVER, **SLEEP}, commands=powercfg(0, 600)), device.screen_locks)
    assert f.status is Status.FAIL
    assert (
        f.summary
        == "The screen never locks by itself (no lock policy, no screen saver, the PC never sleeps plugged in)."
    )
    assert f.evidence["screen saver"] == "off"
    assert f.evidence["sleep after (plugged in, on battery)"] == ["never", "600 s"]


def test_sleeping_then_asking_to_sign_in_is_a_lock():
    """Windows 11's energy-saving defaults: no screen saver, but the PC sleeps and asks to sign in."""
    f = check(windows(registry={**NO_SAVER, **SLEEP}, commands=powercfg(300, 180)), device.screen_locks)
    assert f.status is Status.PASS
    assert (
        f.summary == "The screen locks after 5 minutes and asks for the password (the PC sleeps, then asks to sign in)."
    )
    assert f.evidence["sign-in on wake (plugged in, on battery)"] == [1, 1]


def test_sleep_without_sign_in_on_battery_fails_and_policy_wins_over_the_plan():
    f = check(windows(registry={**NO_SAVER, **SLEEP}, commands=powercfg(300, 180, 1, 0)), device.screen_locks)
    assert f.status is Status.FAIL and f.summary == "The screen opens again without the password (the PC sleeps)."
    policy = {**SLEEP, (lock.WAKE_PASSWORD_POLICY, lock.AC_DC): {"ACSettingIndex": 1, "DCSettingIndex": 1}}
    commands = powercfg(300, 180, None)  # the plan is not asked: Group Policy set both values
    assert check(windows(registry={**NO_SAVER, **policy}, commands=commands), device.screen_locks).status is Status.PASS


def test_modern_standby_sign_in_delay():
    away = {SAVER: {"ScreenSaveActive": "0", lock.SIGN_IN_DELAY: 300}, **SLEEP}
    f = check(windows(registry=away, commands=powercfg(600, 300, None)), device.screen_locks)
    assert f.status is Status.PASS and "plus 5 minutes before the password is asked" in f.summary
    never = {SAVER: {lock.SIGN_IN_DELAY: 0xFFFFFFFF}, **SLEEP}
    f = check(windows(registry=never, commands=powercfg(600, 300, None)), device.screen_locks)
    assert f.status is Status.FAIL and "without the password" in f.summary


def test_screen_lock_unknown_when_the_power_settings_cannot_be_read():
    commands = {lock.SLEEP_AFTER: (1, "The power scheme, subgroup or setting specified does not exist.\r\n", "")}
    f = check(windows(registry={**NO_SAVER, **SLEEP}, commands=commands), device.screen_locks)
    assert f.status is Status.UNKNOWN and "power settings" in f.summary
    assert f.evidence["sleep after (plugged in, on battery)"] == "could not be read"
    # Sleeping, but whether waking asks to sign in cannot be read: cannot tell either.
    commands = {**powercfg(300, 300, None), lock.WAKE_PASSWORD: (1, "", 'Invalid Parameters -- try "/?" for help\r\n')}
    f = check(windows(registry={**NO_SAVER, **SLEEP}, commands=commands), device.screen_locks)
    assert f.status is Status.UNKNOWN and f.summary == "Could not tell when the screen locks (the PC sleeps)."
    assert f.evidence["sign-in on wake (plugged in, on battery)"] == "could not be read"


def test_screen_lock_unreadable_registry_is_unknown():
    f = check(windows(registry={SAVER: FileUnreadable(lock.DESKTOP, "Permission denied")}), device.screen_locks)
    assert f.status is Status.UNKNOWN and "run as administrator" in f.summary


@pytest.mark.parametrize("value", [-5, 2**64, 10**400], ids=["negative", "past-a-qword", "huge"])
def test_registry_numbers_no_dword_or_qword_can_hold_are_no_timeout(value):
    """A snapshot's registry record is data from outside: a negative or oversized 'timeout' is
    none at all, never a lock after -5 seconds, nor a crash when it is turned into minutes."""
    inactivity = {(lock.SYSTEM_POLICY, ("InactivityTimeoutSecs",)): {"InactivityTimeoutSecs": value}}
    f = check(windows(registry={**NO_SAVER, **SLEEP, **inactivity}, commands=powercfg(0, 0)), device.screen_locks)
    assert f.status is Status.FAIL and f.summary.startswith("The screen never locks by itself")
    sleep = {(lock.SLEEP_POLICY, lock.AC_DC): {"ACSettingIndex": value, "DCSettingIndex": value}}
    f = check(windows(registry={**NO_SAVER, **SLEEP, **sleep}, commands=powercfg(0, 0)), device.screen_locks)
    assert f.status is Status.FAIL and f.evidence[lock.SLEEP_KEY] == ["never", "never"]


# --- DEV-003 --------------------------------------------------------------------------------

WINLOGON = (win.WINLOGON, win.WINLOGON_VALUES)


def test_no_automatic_login_passes():
    f = check(windows(), device.no_autologin)
    assert f.status is Status.PASS and f.summary == "Nobody is logged in automatically (Winlogon registry key)."
    assert f.evidence == {
        "source": "Winlogon registry key",
        "user": None,
        "stored_password": "absent",
        "AutoAdminLogon": "0",
    }


def test_automatic_login_with_a_stored_password_fails():
    values = {"AutoAdminLogon": "1", "DefaultUserName": "amina", "DefaultDomainName": "LEDGER-PC", "AutoLogonCount": 3}
    system = windows({win.WINLOGON_NAMES_QUESTION: (0, "True\r\n", "")}, registry={WINLOGON: values})
    f = check(system, device.no_autologin)
    assert f.status is Status.FAIL
    assert f.summary == (
        "The machine logs in as LEDGER-PC\\amina by itself; a password for it is stored where it can be read back "
        "(Winlogon registry key)."
    )
    assert f.evidence["AutoAdminLogon"] == "1" and f.evidence["AutoLogonCount"] == 3


def test_automatic_login_off_but_a_password_left_behind_fails():
    f = check(windows({win.WINLOGON_NAMES_QUESTION: (0, "True\r\n", "")}), device.no_autologin)
    assert f.status is Status.FAIL and "still a password is stored" not in f.summary
    assert f.summary.startswith(
        "Automatic login is off, but a password for it is still stored where it can be read back"
    )


def test_autoadminlogon_naming_no_account_is_unknown_not_a_pass():
    f = check(windows(registry={WINLOGON: {"AutoAdminLogon": "1", "DefaultUserName": "  "}}), device.no_autologin)
    assert f.status is Status.UNKNOWN and "names no account" in f.summary and f.evidence["AutoAdminLogon"] == "1"


def test_automatic_login_as_a_dword_and_without_powershell():
    values = {"AutoAdminLogon": 1, "DefaultUserName": "Family"}
    no_ps = (1, "", "powershell.exe could not be started: [WinError 2]")
    f = check(windows({win.WINLOGON_NAMES_QUESTION: no_ps}, registry={WINLOGON: values}), device.no_autologin)
    assert f.status is Status.FAIL and "logs in as Family by itself" in f.summary
    assert f.evidence["stored_password"] == "could not be asked"


def test_autologin_unknown_when_the_names_cannot_be_asked_or_the_key_read():
    no_ps = (1, "", "powershell.exe could not be started: [WinError 2]")
    f = check(windows({win.WINLOGON_NAMES_QUESTION: no_ps}), device.no_autologin)
    assert f.status is Status.UNKNOWN and "whether a password is still stored" in f.summary
    f = check(windows(registry={WINLOGON: FileUnreadable(win.WINLOGON, "Permission denied")}), device.no_autologin)
    assert f.status is Status.UNKNOWN and "run as administrator" in f.summary


def test_the_winlogon_question_reads_names_only():
    """The one PowerShell question near the secret asks for value names; the registry read names
    its values, and DefaultPassword is not one of them."""
    assert "DefaultPassword" not in win.WINLOGON_VALUES
    assert ".Property -contains 'DefaultPassword'" in win.WINLOGON_NAMES_QUESTION
    assert "Get-ItemProperty" not in win.WINLOGON_NAMES_QUESTION and "GetValue" not in win.WINLOGON_NAMES_QUESTION


# --- DEV-004 --------------------------------------------------------------------------------

SC_DEFENDER_OFF = ps_json([{"Class": "AntiVirusProduct", "Name": "Windows Defender", "State": 393472}])


def test_defender_on_and_current_passes():
    f = check(windows(), device.malware_protection)
    assert f.status is Status.PASS
    assert f.summary == "Microsoft Defender Antivirus is on and its signatures are less than a day old."
    assert f.evidence["signatures_updated"] == "2026-11-26T21:14:05+05:00" and f.evidence["tamper protection"] is True


def test_defender_stale_signatures_and_tamper_protection_off_warn():
    stale = windows({win.DEFENDER_STATUS: (0, fixture("windows/powershell/defender-stale-no-tamper.json"), "")})
    f = check(stale, device.malware_protection)
    assert f.status is Status.WARN and f.summary.endswith(
        "is on, but its signatures are 12 days old; tamper protection off."
    )
    fresh = json.loads(fixture("windows/powershell/defender-on.json")) | {"IsTamperProtected": False}
    f = check(windows({win.DEFENDER_STATUS: ps_json(fresh)}), device.malware_protection)
    assert f.status is Status.WARN and f.summary.endswith("but tamper protection off.")


def test_defender_never_updated_fails():
    system = windows({win.DEFENDER_STATUS: (0, fixture("windows/powershell/defender-never-updated.json"), "")})
    f = check(system, device.malware_protection)
    assert f.status is Status.FAIL and "never been updated" in f.summary
    assert f.evidence["AntivirusSignatureAge"] == "never" and f.evidence["signatures_updated"] == "never"


def test_defender_age_without_a_date_counts_from_the_audit_clock():
    status = json.loads(fixture("windows/powershell/defender-on.json")) | {
        "AntivirusSignatureLastUpdated": None,
        "AntivirusSignatureAge": 40,
    }
    f = check(windows({win.DEFENDER_STATUS: ps_json(status)}), device.malware_protection)
    assert f.status is Status.FAIL and f.summary.endswith("its signatures are 40 days old.")


def as_our_json(listing: str) -> str:
    """Get-MpComputerStatus's default view (`Name : Value` lines, en-US, as both captures are)
    as the JSON our question prints for the same fields: True/False as booleans, whole numbers
    as numbers, the en-US date as ISO text, an empty value as null. Fields the capture lacks
    stay absent, as PowerShell leaves them null."""
    asked = ("AMServiceEnabled", "AntivirusEnabled", "RealTimeProtectionEnabled", "IsTamperProtected")
    fields: dict[str, object] = {}
    for line in listing.splitlines():
        name, _, value = (part.strip() for part in line.partition(":"))
        if name in asked:
            fields[name] = {"True": True, "False": False}[value]
        elif name == "AMRunningMode":
            fields[name] = value
        elif name == "AntivirusSignatureAge":
            fields[name] = int(value)
        elif name == "AntivirusSignatureLastUpdated":
            fields[name] = datetime.strptime(value, "%m/%d/%Y %I:%M:%S %p").isoformat() if value else None
    return json.dumps(fields)


def test_real_capture_defender_on_with_signatures_from_2013_fails():
    listing = real("windows", "get-mpcomputerstatus", 1)
    f = check(windows({win.DEFENDER_STATUS: (0, as_our_json(listing), "")}), device.malware_protection)
    assert f.status is Status.FAIL and f.summary.startswith(
        "Microsoft Defender Antivirus is on, but its signatures are"
    )
    assert f.evidence["signatures_updated"] == "2013-07-30T03:01:45+00:00" and f.evidence["signature_age_days"] > 4800
    assert f.evidence["tamper protection"] is None  # the 2016 capture predates IsTamperProtected


def test_real_capture_real_time_protection_off_fails_though_cut_short():
    listing = real("windows", "get-mpcomputerstatus", 3)
    system = windows({win.DEFENDER_STATUS: (0, as_our_json(listing), ""), win.SECURITY_CENTER: SC_DEFENDER_OFF})
    f = check(system, device.malware_protection)
    assert (
        f.status is Status.FAIL
        and f.summary
        == "Microsoft Defender Antivirus: real-time protection off; could not tell whether "
        "antimalware service and antivirus are on; tamper protection off."
    )
    assert f.evidence["real-time protection"] is False and f.evidence["antivirus"] is None  # not in the capture
    assert f.evidence["Windows Security Center"] == "no antivirus of another vendor"


def test_another_antivirus_counts_when_defender_is_passive():
    system = windows(
        {
            win.DEFENDER_STATUS: (0, fixture("windows/powershell/defender-passive.json"), ""),
            win.SECURITY_CENTER: (0, fixture("windows/powershell/security-center-eset-outdated.json"), ""),
        }
    )
    f = check(system, device.malware_protection)
    assert f.status is Status.WARN and f.summary == "ESET Security is on, but says its signatures are out of date."
    assert f.evidence["Microsoft Defender Antivirus"] == "Passive Mode" and f.evidence["productState"] == "0x041010"
    # Up to date by its own word: Security Center gives no date, so its word is what there is.
    system = windows(
        {
            win.DEFENDER_STATUS: (
                1,
                "",
                "Get-MpComputerStatus : Operation failed with the following error: 0x800106ba.\r\n",
            ),
            win.SECURITY_CENTER: (0, fixture("windows/powershell/security-center-eset.json"), ""),
        }
    )
    f = check(system, device.malware_protection)
    assert f.status is Status.PASS and f.summary == "ESET Security is on and says its signatures are up to date."
    assert f.evidence["signatures"] == "up to date"


def test_defender_service_stopped_and_nothing_else_fails():
    stopped = (1, "", "Get-MpComputerStatus : Operation failed with the following error: 0x800106ba.\r\n")
    f = check(windows({win.DEFENDER_STATUS: stopped, win.SECURITY_CENTER: SC_DEFENDER_OFF}), device.malware_protection)
    assert f.status is Status.FAIL and f.summary == "Microsoft Defender Antivirus: antimalware service off."


def test_defender_unknown_when_it_cannot_be_asked():
    f = check(windows({win.DEFENDER_STATUS: DENIED, win.SECURITY_CENTER: SC_DEFENDER_OFF}), device.malware_protection)
    assert f.status is Status.UNKNOWN and "Run as administrator" in f.summary
    passive = (0, fixture("windows/powershell/defender-passive.json"), "")
    server = (1, "", "Get-CimInstance : Invalid namespace \r\n")  # Windows Server: no Security Center
    f = check(windows({win.DEFENDER_STATUS: passive, win.SECURITY_CENTER: server}), device.malware_protection)
    assert f.status is Status.UNKNOWN and "passive mode" in f.summary and f.evidence["AMRunningMode"] == "Passive Mode"


def test_an_age_without_a_date_older_than_any_date_is_unknown_not_a_crash():
    status = {**json.loads(fixture("windows/powershell/defender-on.json")), "AntivirusSignatureLastUpdated": None}
    f = check(
        windows({win.DEFENDER_STATUS: ps_json({**status, "AntivirusSignatureAge": 10**6})}), device.malware_protection
    )
    assert f.status is Status.UNKNOWN and "the signatures' age '1000000' is not a number of days" in f.summary


# --- DEV-005 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "status", "integrity"),
    [
        ("en-admin-filtered", Status.FAIL, "medium"),
        ("en-admin-elevated", Status.FAIL, "high"),
        ("de-admin-nh", Status.FAIL, "medium"),
        ("en-domain-standard", Status.PASS, "medium"),
    ],
)
def test_administrators_by_sid_in_any_language(case, status, integrity):
    system = windows(commands={win.WHOAMI_GROUPS: (0, fixture(f"windows/whoami-groups/{case}.txt"), "")})
    f = check(system, device.everyday_account_not_admin)
    assert f.status is status and f.evidence["integrity level"] == integrity
    if status is Status.FAIL:
        assert f.summary == "amina is an administrator (BUILTIN\\Administrators, S-1-5-32-544)."
        assert ',"S-1-5-32-544",' in f.evidence["whoami"]
    else:
        assert f.summary == "amina is a standard account."
        assert f.evidence["whoami"] == "no S-1-5-32-544 (Administrators) among 10 groups"


@pytest.mark.parametrize(
    ("console", "status"),
    [
        ("OFFICE-PC\\bilal\r\n", Status.UNKNOWN),  # a standard user elevated with the admin's password
        ("OFFICE-PC\\AMINA\r\n", Status.FAIL),  # the everyday account elevated itself: an administrator
        ("\r\n", Status.FAIL),  # nobody at the console (Remote Desktop): the session's account is judged
    ],
)
def test_an_elevated_session_of_another_account_is_not_judged_as_the_everyday_one(console, status):
    system = windows(
        ps={win.CONSOLE_USER: (0, console, "")},
        commands={win.WHOAMI_GROUPS: (0, fixture("windows/whoami-groups/en-admin-elevated.txt"), "")},
    )
    f = check(system, device.everyday_account_not_admin)
    assert f.status is status
    if status is Status.UNKNOWN:
        assert f.summary.startswith("This audit runs elevated as amina, while OFFICE-PC\\bilal is signed in")
        assert f.evidence["console user"] == "OFFICE-PC\\bilal"


def test_a_filtered_admin_token_never_asks_who_is_at_the_screen():
    system = RecordingSystem(
        windows(commands={win.WHOAMI_GROUPS: (0, fixture("windows/whoami-groups/en-admin-filtered.txt"), "")})
    )
    assert check(system, device.everyday_account_not_admin).status is Status.FAIL
    assert not any(win.CONSOLE_USER in c["argv"] for c in system.document()["commands"])


def test_elevated_with_the_console_user_unknown_judges_the_session():
    system = windows(
        ps={win.CONSOLE_USER: (1, "", "Get-CimInstance : Access denied\r\n")},
        commands={win.WHOAMI_GROUPS: (0, fixture("windows/whoami-groups/en-admin-elevated.txt"), "")},
    )
    assert check(system, device.everyday_account_not_admin).status is Status.FAIL


def test_privilege_unknown_when_whoami_fails_or_prints_something_else():
    f = check(windows(commands={win.WHOAMI_GROUPS: "missing"}), device.everyday_account_not_admin)
    assert f.status is Status.UNKNOWN and "whoami /groups" in f.summary
    garbled = (0, "ERROR: Unable to get group membership information.\r\n", "")
    f = check(windows(commands={win.WHOAMI_GROUPS: garbled}), device.everyday_account_not_admin)
    assert f.status is Status.UNKNOWN and "no column of SIDs" in f.summary


@pytest.mark.parametrize("rows", [1, 4, 9])
def test_a_group_list_cut_short_is_unknown_never_a_standard_account(rows):
    """whoami lists the integrity label last: a list without it (a header alone, rows cut off)
    may have lost the Administrators row, so it proves nothing."""
    lines = fixture("windows/whoami-groups/en-domain-standard.txt").splitlines(keepends=True)[:rows]
    f = check(windows(commands={win.WHOAMI_GROUPS: (0, "".join(lines), "")}), device.everyday_account_not_admin)
    assert f.status is Status.UNKNOWN and "integrity label" in f.summary and "cut off" in f.summary
    assert f.evidence["whoami"] == f"no S-1-5-32-544 (Administrators) among {count(rows - 1, 'group')}"


# --- snapshots and secrets --------------------------------------------------------------------


def test_recorded_and_replayed_the_verdicts_are_the_same():
    system = windows(
        {
            win.FIREWALL_PROFILES: (0, fixture("windows/powershell/firewall-profiles-public-off.json"), ""),
            win.SECURITY_CENTER: SC_DEFENDER_OFF,
            win.WINLOGON_NAMES_QUESTION: (0, "True\r\n", ""),
        },
        commands={
            win.WHOAMI_GROUPS: (0, fixture("windows/whoami-groups/en-admin-filtered.txt"), ""),
            **powercfg(0, 600),
        },
        registry={**NO_SAVER, **SLEEP, WINLOGON: {"AutoAdminLogon": "1", "DefaultUserName": "amina"}},
    )
    recorder = RecordingSystem(system)
    first = [(m.id, f.status, f.summary) for m, f in run_checks(recorder, DEV)]
    doc = json.loads(json.dumps(recorder.document()))
    again = [(m.id, f.status, f.summary) for m, f in run_checks(RecordedSystem(doc), DEV)]
    assert first == again
    assert [status for _, status, _ in first] == [Status.FAIL, Status.FAIL, Status.FAIL, Status.PASS, Status.FAIL]


SECRET = "Zq7-Autologon-S3cret"


@pytest.mark.skipif(os.name == "nt", reason="the fake programs are Unix scripts")
def test_a_stored_autologon_password_never_leaves_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A LocalSystem whose registry (a fake winreg) holds a DefaultPassword, and whose
    PowerShell (a fake) answers the names question: the password is never queried, and is in no
    finding, evidence, snapshot or error, before or after replay."""
    from tests.fakes.powershell import install
    from tests.fakes.winreg import FakeWinreg

    class Spy(FakeWinreg):
        queried: list[str] = []

        def QueryValueEx(self, key, value_name):  # noqa: N802 - winreg's name
            self.queried.append(value_name)
            return super().QueryValueEx(key, value_name)

    registry = Spy(
        {
            win.WINLOGON: {
                "AutoAdminLogon": ("1", Spy.REG_SZ),
                "DefaultUserName": ("amina", Spy.REG_SZ),
                "DefaultPassword": (SECRET, Spy.REG_SZ),
            }
        }
    )
    answers = [
        {"argv": [*POWERSHELL, win.WINLOGON_NAMES_QUESTION], "returncode": 0, "stdout": "True\r\n", "stderr": ""}
    ]
    log = install(tmp_path / "bin", answers)
    monkeypatch.setenv("PATH", f"{log.parent}{os.pathsep}{os.environ['PATH']}")
    local = LocalSystem(timeout=30, winreg=registry)
    local.facts = replace(local.facts, platform=Platform.WINDOWS, username="amina")
    recorder = RecordingSystem(local)
    found = [f for _, f in run_checks(recorder, DEV)]
    autologin = found[2]
    assert autologin.status is Status.FAIL and autologin.evidence["stored_password"] == "present"
    assert "DefaultPassword" not in registry.queried
    doc = recorder.document()
    replayed = [f for _, f in run_checks(RecordedSystem(json.loads(json.dumps(doc))), DEV)]
    everything = json.dumps([doc, [(f.summary, f.evidence) for f in found + replayed]], default=str)
    assert SECRET not in everything
