"""The device judgements, shared by every platform: the same facts give the same verdict on
Linux, macOS and Windows, and no in-between or unread fact is ever taken for a PASS."""

from datetime import UTC, datetime, timedelta

import pytest

from hygiene.checks.device import (
    AutoLogin,
    Firewall,
    Privilege,
    Protection,
    ScreenLock,
    judge_autologin,
    judge_firewall,
    judge_privilege,
    judge_protection,
    judge_screen_lock,
)
from hygiene.model import Status
from hygiene.system import ProbeUnavailable

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
PROFILES = ("Domain", "Private", "Public")

# --- DEV-001 ---------------------------------------------------------------------------------


def test_firewall_passes_only_with_every_part_on():
    f = judge_firewall(Firewall(dict.fromkeys(PROFILES, True), "Get-NetFirewallProfile"))
    assert f.status is Status.PASS
    assert f.summary == "The firewall is on: Domain, Private, Public (Get-NetFirewallProfile)."
    assert f.evidence["Public on"] is True


def test_firewall_names_every_part_that_is_off():
    f = judge_firewall(Firewall({"Domain": True, "Private": False, "Public": False}, "netsh advfirewall"))
    assert f.status is Status.FAIL
    assert f.summary == "The firewall is off: Private, Public; on: Domain (netsh advfirewall)."


def test_a_part_off_outweighs_a_part_unknown():
    f = judge_firewall(Firewall({"Domain": None, "Private": False, "Public": True}, "netsh advfirewall"))
    assert f.status is Status.FAIL and "Domain" not in f.summary


def test_a_part_unknown_is_never_assumed_on():
    with pytest.raises(ProbeUnavailable) as caught:
        judge_firewall(Firewall({"Domain": True, "Private": None, "Public": None}, "netsh advfirewall"))
    assert "Private, Public" in str(caught.value)
    assert caught.value.evidence["Domain on"] is True


def test_no_firewall_at_all_fails():
    f = judge_firewall(Firewall({}, "none of ufw, firewalld, nftables or iptables is installed"))
    assert f.status is Status.FAIL and f.summary.startswith("No firewall is on")


def test_a_note_rides_on_a_pass_only():
    fw = Firewall({"application firewall": True}, "socketfilterfw", note="Stealth mode is off.")
    assert judge_firewall(fw).summary.endswith("(socketfilterfw). Stealth mode is off.")
    off = Firewall({"application firewall": False}, "socketfilterfw", note="Stealth mode is off.")
    assert "Stealth" not in judge_firewall(off).summary


# --- DEV-002 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("idle", "asks", "delay", "status", "words"),
    [
        (300, True, 0, Status.PASS, "locks after 5 minutes and asks for the password"),
        (900, True, 0, Status.PASS, "after 15 minutes"),
        (600, True, 300, Status.PASS, "10 minutes plus 5 minutes before the password is asked"),
        (600, True, 301, Status.WARN, "15 minutes or less is advised"),
        (1200, True, 0, Status.WARN, "only after 20 minutes"),
        (0, True, 0, Status.FAIL, "never locks by itself"),
        (0, None, 0, Status.FAIL, "never locks by itself"),
        (300, False, 0, Status.FAIL, "opens again without the password"),
        (None, False, 0, Status.FAIL, "opens again without the password"),
        (45, True, 0, Status.PASS, "after 45 seconds"),
    ],
)
def test_screen_lock(idle, asks, delay, status, words):
    f = judge_screen_lock(ScreenLock(idle, asks, "gsettings", delay_seconds=delay))
    assert f.status is status and words in f.summary
    assert f.evidence["idle_seconds"] == idle


@pytest.mark.parametrize(("idle", "asks"), [(None, True), (300, None), (None, None)])
def test_screen_lock_half_known_is_unknown(idle, asks):
    with pytest.raises(ProbeUnavailable, match="Could not tell when the screen locks"):
        judge_screen_lock(ScreenLock(idle, asks, "kscreenlockerrc"))


def test_no_desktop_is_not_applicable():
    assert judge_screen_lock(None).status is Status.NOT_APPLICABLE


# --- DEV-003 ---------------------------------------------------------------------------------


def test_autologin_off_passes():
    f = judge_autologin(AutoLogin(None, "/etc/gdm3/custom.conf"))
    assert f.status is Status.PASS and f.evidence["user"] is None


def test_autologin_names_the_user():
    f = judge_autologin(AutoLogin("amina", "/etc/lightdm/lightdm.conf"))
    assert f.status is Status.FAIL
    assert f.summary == "The machine logs in as amina by itself (/etc/lightdm/lightdm.conf)."


def test_a_stored_password_fails_with_or_without_autologin():
    on = judge_autologin(AutoLogin("PC-User", "Winlogon", stored_password=True))
    assert (
        on.status is Status.FAIL and "; a password for it is stored where it can be read back (Winlogon)" in on.summary
    )
    off = judge_autologin(AutoLogin(None, "Winlogon", stored_password=True))
    assert off.status is Status.FAIL
    assert (
        off.summary
        == "Automatic login is off, but a password for it is still stored where it can be read back (Winlogon)."
    )
    assert off.evidence["stored_password"] == "present"


# --- DEV-004 ---------------------------------------------------------------------------------


def defender(**kw):
    values = {
        "product": "Microsoft Defender",
        "switches": {"antivirus": True, "real-time protection": True},
        "updated": NOW - timedelta(hours=5),
        "hardening": {"tamper protection": True},
    }
    return Protection(**(values | kw))


def test_protection_current_passes():
    f = judge_protection(defender(), NOW)
    assert f.status is Status.PASS
    assert f.summary == "Microsoft Defender is on and its signatures are less than a day old."
    assert f.evidence["signature_age_days"] == 0 and f.evidence["real-time protection"] is True


def test_signatures_dated_after_the_audit_clock_are_unknown_not_fresh():
    """A date days ahead of the clock says the clock or the date is wrong, so no age can be
    told; a few hours ahead (a local time read as UTC, a clock a little behind) still counts."""
    with pytest.raises(ProbeUnavailable, match=r"dated 2031-01-01T00:00:00\+00:00, after the audit's clock"):
        judge_protection(defender(updated=datetime(2031, 1, 1, tzinfo=UTC)), NOW)
    f = judge_protection(defender(updated=NOW + timedelta(hours=14)), NOW)
    assert f.status is Status.PASS and f.evidence["signature_age_days"] == 0


@pytest.mark.parametrize(
    ("days", "status"), [(7, Status.PASS), (8, Status.WARN), (30, Status.WARN), (31, Status.FAIL), (400, Status.FAIL)]
)
def test_signature_age_bands(days, status):
    f = judge_protection(defender(updated=NOW - timedelta(days=days, hours=1)), NOW)
    assert f.status is status and f.evidence["signature_age_days"] == days


def test_a_vendor_band_replaces_the_daily_one():
    f = judge_protection(defender(updated=NOW - timedelta(days=40), fresh_days=45, stale_days=90), NOW)
    assert f.status is Status.PASS and "40 days old" in f.summary


def test_a_switch_off_fails_before_anything_else():
    f = judge_protection(defender(switches={"antivirus": True, "real-time protection": False}, updated=None), NOW)
    assert f.status is Status.FAIL and f.summary == "Microsoft Defender: real-time protection off."


def test_every_problem_is_named_at_once():
    """A user fixing Defender should learn of all three problems from one report, not one per run."""
    f = judge_protection(
        defender(
            switches={"antivirus": True, "real-time protection": False},
            updated=NOW - timedelta(days=44),
            hardening={"tamper protection": False},
        ),
        NOW,
    )
    assert f.status is Status.FAIL
    assert f.summary == (
        "Microsoft Defender: real-time protection off; its signatures are 44 days old; tamper protection off."
    )
    warn = judge_protection(defender(updated=NOW - timedelta(days=12), hardening={"tamper protection": False}), NOW)
    assert warn.summary == "Microsoft Defender is on, but its signatures are 12 days old; tamper protection off."


def test_never_updated_is_a_fail_not_an_age():
    f = judge_protection(defender(updated=None, never_updated=True), NOW)
    assert f.status is Status.FAIL and "never been updated" in f.summary
    assert f.evidence["signatures_updated"] == "never"


def test_unread_switch_or_date_is_unknown():
    with pytest.raises(ProbeUnavailable, match="whether real-time protection is on"):
        judge_protection(defender(switches={"antivirus": True, "real-time protection": None}), NOW)
    with pytest.raises(ProbeUnavailable, match="signatures were updated could not be read"):
        judge_protection(defender(updated=None), NOW)


def test_an_unread_switch_beside_old_signatures_is_a_fail_that_names_both():
    """A status cut before its real-time line: signatures 200 days old fail whatever that line
    said (a partial output read for what it says); a lesser problem leaves it open."""
    cut = {"antivirus": True, "real-time protection": None}
    f = judge_protection(defender(switches=cut, updated=NOW - timedelta(days=200)), NOW)
    assert f.status is Status.FAIL
    assert f.summary == (
        "Microsoft Defender is on, but its signatures are 200 days old; could not tell whether real-time "
        "protection is on."
    )
    with pytest.raises(ProbeUnavailable, match=r"real-time protection is on; its signatures are 12 days old\."):
        judge_protection(defender(switches=cut, updated=NOW - timedelta(days=12)), NOW)
    with pytest.raises(ProbeUnavailable, match="whether antivirus and real-time protection are on"):
        judge_protection(defender(switches=dict.fromkeys(cut)), NOW)


def test_missing_hardening_turns_a_pass_into_a_warn():
    f = judge_protection(defender(hardening={"tamper protection": False}), NOW)
    assert f.status is Status.WARN and f.summary.endswith("but tamper protection off.")
    unknown = judge_protection(defender(hardening={"tamper protection": None}), NOW)
    assert unknown.status is Status.PASS  # unknown hardening is reported in evidence, never a FAIL


def test_a_product_that_gives_no_date_is_judged_by_its_own_word():
    on = judge_protection(defender(updated=None, current=True, hardening={}), NOW)
    assert on.status is Status.PASS and on.summary.endswith("is on and says its signatures are up to date.")
    stale = judge_protection(defender(updated=None, current=False), NOW)
    assert stale.status is Status.WARN and stale.summary.endswith("says its signatures are out of date.")
    weak = judge_protection(defender(updated=None, current=True, hardening={"tamper protection": False}), NOW)
    assert weak.status is Status.WARN and "up to date, but tamper protection off" in weak.summary


def test_autologin_off_with_the_stored_password_unasked_is_unknown():
    with pytest.raises(ProbeUnavailable, match="could not be asked") as caught:
        judge_autologin(AutoLogin(None, "Winlogon", stored_password=None))
    assert caught.value.evidence["stored_password"] == "could not be asked"
    on = judge_autologin(AutoLogin("amina", "Winlogon", stored_password=None))
    assert on.status is Status.FAIL and "stored" not in on.summary


def test_linux_without_antivirus_is_not_applicable():
    assert judge_protection(None, NOW).status is Status.NOT_APPLICABLE


# --- DEV-005 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "status", "words"),
    [
        ("root", Status.FAIL, "This session runs as amina"),
        ("admin", Status.FAIL, "amina is an administrator (the admin group)."),
        ("passwordless-sudo", Status.WARN, "without a password (the admin group)"),
        ("password-sudo", Status.PASS, "which asks for the password"),
        ("standard", Status.PASS, "amina is a standard account"),
    ],
)
def test_privilege_levels(level, status, words):
    f = judge_privilege(Privilege("amina", level, "id -Gn", via="the admin group"))
    assert f.status is status and words in f.summary and f.evidence["level"] == level


def test_unknown_privilege_is_unknown():
    with pytest.raises(ProbeUnavailable, match="Could not tell whether amina is an administrator"):
        judge_privilege(Privilege("amina", None, "whoami /groups"))
