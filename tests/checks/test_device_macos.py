"""DEV-001..005 on macOS: the application firewall, the screen lock, automatic login,
Gatekeeper with XProtect's data, and the admin group; what each decides on, what it says when
it cannot see, and that a recorded snapshot replays the same verdicts."""

import json
from datetime import datetime

import pytest

from hygiene.checks.device import (
    everyday_account_not_admin,
    firewall_on,
    malware_protection,
    no_autologin,
    screen_locks,
)
from hygiene.checks.device import macos as dm
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.platforms.macos import FDESETUP
from hygiene.system import FileUnreadable
from hygiene.system.local import LocalSystem
from hygiene.system.recorded import RecordedSystem
from hygiene.system.recording import RecordingSystem
from tests.helpers import fixture, machine, real, snapshot_doc

STANDARD = (0, fixture("macos/id/standard.txt"), "")
ADMIN = (0, fixture("macos/id/admin.txt"), "")
ROOT = (0, fixture("macos/id/root.txt"), "")
IMMEDIATE = (0, "", fixture("macos/sysadminctl/immediate.txt"))  # sysadminctl answers on stderr
GATEKEEPER_ON = (0, "assessments enabled\n", "")
NOT_SET = (1, "", "\n2026-11-27 08:59:58.101 defaults[3301:61020] \nThe domain/default pair of (x, y) does not exist\n")


def mac(commands=None, *, exists=None, mtimes=None, os_version="15.7.4"):
    return machine(
        platform="macos",
        os_name="macOS",
        os_version=os_version,
        username="amina",
        commands={dm.ID: STANDARD, **(commands or {})},
        exists=exists or {},
        mtimes=mtimes or {},
    )


def ok(text):
    return (0, text, "")


def said(text):  # sysadminctl and defaults write their answers to stderr
    return (0, "", text)


# --- DEV-001: the application firewall -------------------------------------------------------


def fw(answer):
    return run_one(mac({dm.SOCKETFILTERFW: answer}), firewall_on)


def test_pass_on_real_output():
    f = fw(ok(real("macos", "socketfilterfw-getglobalstate", 5)))
    assert f.status is Status.PASS
    assert f.summary == "The firewall is on: application firewall (socketfilterfw)."
    assert f.evidence["socketfilterfw"] == "Firewall is enabled. (State = 1)"


def test_pass_on_real_block_all_wording_without_enabled():
    f = fw(ok(real("macos", "socketfilterfw-getglobalstate", 3)))
    assert f.status is Status.PASS
    assert f.evidence["socketfilterfw"].startswith("Firewall is blocking all non-essential incoming connections")


def test_pass_on_real_output_with_stealth_on_has_no_note():
    f = fw(ok(real("macos", "socketfilterfw-getglobalstate", 1)))
    assert f.status is Status.PASS and "stealth" not in f.summary.lower()
    assert f.evidence["stealth"] == "Stealth mode enabled"


def test_stealth_off_is_a_note_on_the_pass():
    f = fw(ok(fixture("macos/socketfilterfw/on-stealth-off-sequoia.txt")))
    assert f.status is Status.PASS and "Stealth mode is off" in f.summary
    assert f.evidence["stealth"] == "Firewall stealth mode is off"


def test_stealth_unreadable_is_said_not_guessed():
    f = fw(ok(fixture("macos/socketfilterfw/stealth-unreadable.txt")))
    assert f.status is Status.PASS and "stealth mode is on could not be read" in f.summary


@pytest.mark.parametrize("case", ["off-monterey", "off-sequoia"])
def test_fail_when_off(case):
    f = fw(ok(fixture(f"macos/socketfilterfw/{case}.txt")))
    assert f.status is Status.FAIL
    assert f.summary == "The firewall is off: application firewall (socketfilterfw)."
    assert f.evidence["socketfilterfw"] == "Firewall is disabled. (State = 0)"


def test_unknown_state_is_unknown_never_on():
    f = fw(ok(fixture("macos/socketfilterfw/unknown-state.txt")))
    assert f.status is Status.UNKNOWN and "unknown firewall state" in f.summary


def test_unknown_when_socketfilterfw_is_missing_or_fails():
    assert "not available" in fw("missing").summary
    f = fw((1, "", "socketfilterfw: permission denied\n"))
    assert f.status is Status.UNKNOWN and "permission denied" in f.summary


# --- DEV-002: the screen lock ----------------------------------------------------------------


def lock(screenlock=IMMEDIATE, idle="600", pmset="macbook-sonoma", more=None):
    commands = {
        dm.SCREENLOCK: screenlock,
        dm.SCREENSAVER_IDLE: NOT_SET if idle is None else ok(f"{idle}\n"),
        dm.PMSET: ok(fixture(f"macos/pmset/{pmset}.txt")) if isinstance(pmset, str) else pmset,
        **(more or {}),
    }
    return run_one(mac(commands), screen_locks)


def test_pass_within_ten_minutes_asking_at_once():
    f = lock()
    assert f.status is Status.PASS
    assert f.summary == "The screen locks after 10 minutes and asks for the password (screen saver; sysadminctl)."
    assert f.evidence["sysadminctl"] == "screenLock delay is immediate"
    assert (f.evidence["idleTime"], f.evidence["displaysleep (AC Power)"]) == (600, 10)


def test_warn_when_the_screen_saver_waits_twenty_minutes():
    f = lock(idle="1200", pmset=ok("Battery Power:\n displaysleep 10\nAC Power:\n displaysleep 30\n"))
    assert f.status is Status.WARN and "only after 20 minutes" in f.summary
    assert f.evidence["idle_seconds"] == 1200


def test_warn_when_the_grace_period_adds_up_past_fifteen_minutes():
    f = lock(screenlock=said("sysadminctl[1:2] screenLock delay is 600 seconds\n"))
    assert f.status is Status.WARN and "plus 10 minutes before the password is asked" in f.summary


def test_the_display_decides_when_it_sleeps_first_on_the_worst_power_source():
    f = lock(idle="1800", pmset="mac-mini-ac-only")
    assert f.status is Status.PASS and "after 15 minutes" in f.summary and "display sleep on AC Power" in f.summary


def test_fail_when_neither_the_screen_saver_nor_the_display_ever_starts():
    f = lock(idle="0", pmset="macbook-never-on-ac")
    assert f.status is Status.FAIL and "never locks by itself" in f.summary
    assert (f.evidence["idleTime"], f.evidence["displaysleep (AC Power)"]) == (0, 0)


def test_a_display_that_never_sleeps_on_power_leaves_the_screen_saver_to_decide():
    f = lock(idle="300", pmset="macbook-never-on-ac")
    assert f.status is Status.PASS and "after 5 minutes" in f.summary


def test_fail_when_waking_asks_no_password():
    f = lock(screenlock=said(fixture("macos/sysadminctl/off.txt")))
    assert f.status is Status.FAIL and "without the password" in f.summary
    assert f.evidence["sysadminctl"] == "screenLock is off"


def test_an_unset_screen_saver_time_lets_a_short_display_sleep_decide():
    f = lock(idle=None)
    assert f.status is Status.PASS and "display sleep on AC Power" in f.summary
    assert f.evidence["idleTime"] == "not set"


def test_unknown_when_the_screen_saver_is_unset_and_the_display_bound_is_too_long():
    """macOS's default screen saver time might lock sooner: not known, so not a WARN."""
    f = lock(idle=None, pmset=ok("AC Power:\n displaysleep 30\n"))
    assert f.status is Status.UNKNOWN and "Could not tell when the screen locks" in f.summary


def test_unknown_when_the_screen_saver_is_unset_and_the_display_never_sleeps():
    assert lock(idle=None, pmset="macbook-never-on-ac").status is Status.UNKNOWN


def test_an_unreadable_display_sleep_leaves_a_short_screen_saver_to_decide():
    f = lock(idle="300", pmset=(1, "", "pmset: IOPMCopyPMPreferences failed\n"))
    assert f.status is Status.PASS and f.evidence["pmset"] == "pmset: IOPMCopyPMPreferences failed"


def test_unknown_as_root_with_what_would_let_it_see():
    f = run_one(mac({dm.ID: ROOT}), screen_locks)
    assert f.status is Status.UNKNOWN and "without sudo" in f.summary


def test_older_macos_answers_from_the_screen_saver_preferences():
    f = lock(
        screenlock="missing",
        more={dm.ASK_FOR_PASSWORD: ok("1\n"), dm.ASK_FOR_PASSWORD_DELAY: ok("5\n")},
    )
    assert f.status is Status.PASS and "askForPassword" in f.summary
    assert (f.evidence["askForPassword"], f.evidence["delay_seconds"]) == ("1", 5)


def test_unknown_when_neither_sysadminctl_nor_the_preferences_say():
    f = lock(screenlock=said(fixture("macos/sysadminctl/error.txt")), more={dm.ASK_FOR_PASSWORD: NOT_SET})
    assert f.status is Status.UNKNOWN
    assert f.evidence["sysadminctl"].startswith("### Error:-14090") and f.evidence["askForPassword"] == "not set"


def test_an_unreadable_sysadminctl_is_not_replaced_by_the_old_preference():
    """macOS 10.13 moved the setting out of com.apple.screensaver (where sysadminctl exists, the
    old askForPassword may be a stale 1 left by an upgrade): sysadminctl failing leaves it
    unknown, with what the old key says as evidence only."""
    f = lock(
        screenlock=said(fixture("macos/sysadminctl/error.txt")),
        more={dm.ASK_FOR_PASSWORD: ok("1\n"), dm.ASK_FOR_PASSWORD_DELAY: ok("0\n")},
    )
    assert f.status is Status.UNKNOWN and "Could not tell when the screen locks" in f.summary
    assert f.evidence["askForPassword"] == "1" and f.evidence["sysadminctl"].startswith("### Error:-14090")


def test_a_screen_saver_time_that_is_no_number_is_unknown():
    f = lock(idle="twenty")
    assert f.status is Status.UNKNOWN and "no number of seconds" in f.summary


# --- DEV-003: automatic login ----------------------------------------------------------------


def login(user=None, kcpassword=False, filevault=None):
    commands = {dm.AUTO_LOGIN_USER: NOT_SET if user is None else ok(f"{user}\n")}
    if filevault is not None:
        commands[FDESETUP] = ok(filevault)
    return run_one(mac(commands, exists={dm.KCPASSWORD: kcpassword}), no_autologin)


def test_pass_when_nobody_logs_in_by_itself():
    f = login()
    assert f.status is Status.PASS and f.summary.startswith("Nobody is logged in automatically")
    assert (f.evidence["autoLoginUser"], f.evidence[dm.KCPASSWORD]) == ("not set", "absent")


def test_fail_with_the_user_and_its_stored_password():
    f = login("amina", kcpassword=True, filevault="FileVault is Off.\n")
    assert f.status is Status.FAIL and "logs in as amina by itself" in f.summary and "stored" in f.summary
    assert (f.evidence["autoLoginUser"], f.evidence[dm.KCPASSWORD]) == ("amina", "present")


def test_fail_when_the_stored_password_outlives_the_setting():
    f = login(kcpassword=True)
    assert f.status is Status.FAIL and "stored where it can be read back" in f.summary


def test_filevault_on_turns_automatic_login_off():
    f = login("amina", filevault=real("macos", "fdesetup-status", 1))
    assert f.status is Status.PASS and f.evidence["autoLoginUser"] == "amina"
    assert f.evidence["FileVault"].startswith("On")


def test_unknown_when_the_login_window_preferences_cannot_be_read():
    f = run_one(mac({dm.AUTO_LOGIN_USER: (1, "", "defaults: Could not open file\n")}), no_autologin)
    assert f.status is Status.UNKNOWN and "Could not open file" in f.summary


class _LocalFiles(RecordedSystem):
    """Commands from a snapshot, files from a made-up machine on disk."""

    def __init__(self, doc, root):
        super().__init__(doc)
        self._disk = LocalSystem(root=str(root))

    def exists(self, path):
        return self._disk.exists(path)

    def read_text(self, path, keep):
        return self._disk.read_text(path, keep)


def test_the_stored_auto_login_password_is_never_read(tmp_path):
    secret = "Kc-S3cret-4-amina"
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "kcpassword").write_text(secret)
    doc = snapshot_doc(platform="macos", commands={dm.AUTO_LOGIN_USER: NOT_SET})
    recorder = RecordingSystem(_LocalFiles(doc, tmp_path))
    f = run_one(recorder, no_autologin)
    assert f.status is Status.FAIL and f.evidence[dm.KCPASSWORD] == "present"
    doc = recorder.document()
    assert secret not in json.dumps(doc) and secret not in f.summary and secret not in json.dumps(f.evidence)
    assert doc["exists"] == [{"path": dm.KCPASSWORD, "exists": True}] and doc["files"] == []


# --- DEV-004: Gatekeeper and XProtect --------------------------------------------------------


def protect(spctl=GATEKEEPER_ON, mtimes=None, os_version="15.7.4"):
    mtimes = {dm.XPROTECT_SEQUOIA: "2026-11-24T18:00:00+00:00"} if mtimes is None else mtimes
    return run_one(mac({dm.SPCTL: spctl}, mtimes=mtimes, os_version=os_version), malware_protection)


def test_pass_with_gatekeeper_on_and_xprotect_a_few_days_old():
    f = protect()
    assert f.status is Status.PASS
    assert f.summary == "macOS malware protection (Gatekeeper, XProtect) is on and its signatures are 2 days old."
    assert (f.evidence["spctl"], f.evidence["XProtect"]) == ("assessments enabled", dm.XPROTECT_SEQUOIA)


def test_warn_when_xprotect_missed_six_weeks_of_updates():
    f = protect(mtimes={dm.XPROTECT_SEQUOIA: "2026-09-27T09:00:00+00:00"})
    assert f.status is Status.WARN and "61 days old" in f.summary


def test_fail_when_xprotect_is_months_old():
    f = protect(mtimes={dm.XPROTECT_SEQUOIA: "2026-07-01T09:00:00+00:00"})
    assert f.status is Status.FAIL and "149 days old" in f.summary


def test_fail_when_gatekeeper_is_off_with_its_exit_status_1():
    f = protect(spctl=(1, "assessments disabled\n", ""))
    assert f.status is Status.FAIL and f.summary == "macOS malware protection (Gatekeeper, XProtect): Gatekeeper off."
    assert f.evidence["spctl"] == "assessments disabled"


def test_gatekeeper_on_stderr_counts_too():
    assert protect(spctl=(0, "", "assessments enabled\n")).status is Status.PASS


def test_unknown_when_spctl_says_something_else():
    f = protect(spctl=ok("assessments maybe\n"))
    assert f.status is Status.UNKNOWN and "could not tell whether Gatekeeper is on" in f.summary


def test_before_sequoia_the_coreservices_copy_is_the_one_used():
    f = protect(mtimes={dm.XPROTECT_DATA: "2026-11-20T09:00:00+00:00"}, os_version="14.7.1")
    assert f.status is Status.PASS and f.evidence["XProtect"] == dm.XPROTECT_DATA


def test_sequoia_without_its_own_copy_falls_back_to_coreservices():
    f = protect(mtimes={dm.XPROTECT_SEQUOIA: None, dm.XPROTECT_DATA: "2026-11-20T09:00:00+00:00"})
    assert f.status is Status.PASS and f.evidence["XProtect"] == dm.XPROTECT_DATA


def test_unknown_when_no_xprotect_data_is_found():
    f = protect(mtimes=dict.fromkeys((dm.XPROTECT_SEQUOIA, dm.XPROTECT_DATA, dm.XPROTECT_SYSTEM)))
    assert f.status is Status.UNKNOWN and "could not be read" in f.summary
    assert f.evidence["XProtect"] == "its data was not found"


class _Guarded(RecordedSystem):
    def mtime(self, path):
        if path.startswith("/var/protected/"):
            raise FileUnreadable(path, "Permission denied")
        return super().mtime(path)


def test_an_unreadable_sequoia_copy_is_unknown_with_what_would_let_it_see():
    doc = snapshot_doc(platform="macos", os_version="15.7.4", commands={dm.SPCTL: ok("assessments enabled\n")})
    f = run_one(_Guarded(doc), malware_protection)
    assert f.status is Status.UNKNOWN and "run with sudo" in f.evidence["XProtect"]


# --- DEV-005: the admin group ----------------------------------------------------------------


def account(identity, more=None):
    return run_one(mac({dm.ID: identity, **(more or {})}), everyday_account_not_admin)


def test_fail_for_an_administrator():
    f = account(ADMIN)
    assert f.status is Status.FAIL and f.summary == "demo-user is an administrator (the admin group)."
    assert f.evidence["id"] == "uid=501(demo-user), in the admin group"


def test_pass_for_a_standard_account():
    f = account(STANDARD)
    assert f.status is Status.PASS and f.summary == "amina is a standard account."
    assert f.evidence["id"] == "uid=502(amina), not in the admin group"


def test_a_directory_account_counts_as_its_groups_say():
    f = account(ok(fixture("macos/id/directory-account.txt")))
    assert f.status is Status.FAIL and "EXAMPLE\\amina.k is an administrator" in f.summary


def test_a_root_session_with_nobody_at_the_screen_fails():
    f = account(ROOT, {dm.CONSOLE_USER: ok("root\n")})
    assert f.status is Status.FAIL and "runs as root" in f.summary


def test_under_sudo_the_account_at_the_screen_is_judged():
    f = account(ROOT, {dm.CONSOLE_USER: ok("amina\n"), ("id", "--", "amina"): STANDARD})
    assert f.status is Status.PASS and f.evidence["audit runs as"] == "root (sudo)"
    f = account(ROOT, {dm.CONSOLE_USER: ok("demo-user\n"), ("id", "--", "demo-user"): ADMIN})
    assert f.status is Status.FAIL and "demo-user is an administrator" in f.summary


def test_a_console_name_that_looks_like_an_option_is_not_passed_on():
    f = account(ROOT, {dm.CONSOLE_USER: ok("-P\n")})
    assert f.status is Status.FAIL and f.evidence["console user"] == "-P"


def test_unknown_when_id_fails():
    f = account((1, "", "id: cannot find name for user ID 501\n"))
    assert f.status is Status.UNKNOWN and "cannot find name" in f.summary


# --- a snapshot replays the same verdicts ----------------------------------------------------


def test_recorded_then_replayed_gives_the_same_verdicts():
    live = mac(
        {
            dm.SOCKETFILTERFW: ok(fixture("macos/socketfilterfw/on-stealth-off-sequoia.txt")),
            dm.SCREENLOCK: IMMEDIATE,
            dm.SCREENSAVER_IDLE: ok("1200\n"),
            dm.PMSET: ok("Battery Power:\n displaysleep 10\nAC Power:\n displaysleep 30\n"),
            dm.AUTO_LOGIN_USER: NOT_SET,
            dm.SPCTL: ok("assessments enabled\n"),
            dm.ID: ADMIN,
        },
        exists={dm.KCPASSWORD: False},
        mtimes={dm.XPROTECT_SEQUOIA: "2026-11-24T18:00:00+00:00"},
    )
    checks = (firewall_on, screen_locks, no_autologin, malware_protection, everyday_account_not_admin)
    recorder = RecordingSystem(live)
    first = [run_one(recorder, c) for c in checks]
    replayed = RecordedSystem(json.loads(json.dumps(recorder.document())))
    assert [run_one(replayed, c) for c in checks] == first
    assert [f.status for f in first] == [Status.PASS, Status.WARN, Status.PASS, Status.PASS, Status.FAIL]
    assert isinstance(datetime.fromisoformat(recorder.document()["mtimes"][0]["mtime"]), datetime)


def test_a_pmset_answer_cut_after_the_battery_block_does_not_decide():
    cut = ok(fixture("macos/pmset/macbook-never-on-ac.txt").split("AC Power:")[0])
    f = lock(idle=None, pmset=cut)
    assert f.status is Status.UNKNOWN and "AC Power" in f.evidence["pmset"]


# --- issue 11: a line socketfilterfw is not known to print never passes ----------------------


def test_firewall_on_beside_an_unknown_line_is_unknown_quoting_it():
    f = fw(ok(fixture("macos/socketfilterfw/on-managed-mac-notice.txt")))
    notice = "Firewall settings cannot be modified from command line on managed Mac computers."
    assert f.status is Status.UNKNOWN
    assert f.summary == (
        f"socketfilterfw says the firewall is on, but printed a line hygiene does not know: {notice!r}."
    )
    assert f.evidence["unrecognised"] == [notice] and f.evidence["socketfilterfw"] == "Firewall is enabled. (State = 1)"


def test_firewall_off_beside_an_unknown_line_still_fails():
    f = fw(ok(fixture("macos/socketfilterfw/off-managed-mac-notice.txt")))
    assert f.status is Status.FAIL and f.evidence["socketfilterfw"] == "Firewall is disabled. (State = 0)"
    assert len(f.evidence["unrecognised"]) == 1


def test_firewall_with_every_other_answer_known_passes():
    f = fw(ok(fixture("macos/socketfilterfw/every-question-monterey.txt")))
    assert f.status is Status.PASS and "unrecognised" not in f.evidence


# --- issue 11: sysadminctl and spctl lines beside their answer -------------------------------


def test_sysadminctl_asking_beside_an_error_line_is_unknown_quoting_it():
    """Our own shape: the answer, then the DSRecord error sysadminctl logs on some Macs."""
    f = lock(screenlock=said(fixture("macos/sysadminctl/immediate-then-error.txt")))
    assert f.status is Status.UNKNOWN
    assert f.summary.startswith("Could not tell when the screen locks (screen saver; sysadminctl). It printed a line")
    assert "### Error:-14090" in f.summary and f.evidence["sysadminctl"] == "screenLock delay is immediate"
    assert f.evidence["unrecognised"][0].startswith("2026-11-19 08:14:52.640 sysadminctl[2261:48310] ### Error:-14090")


def test_sysadminctl_off_beside_an_error_line_still_fails():
    f = lock(screenlock=said(fixture("macos/sysadminctl/off-then-error.txt")))
    assert f.status is Status.FAIL and f.evidence["sysadminctl"] == "screenLock is off"
    assert len(f.evidence["unrecognised"]) == 1


def test_gatekeeper_enabled_and_disabled_at_once_is_unknown_never_on():
    """Both streams answering, and not alike: neither is taken for the truth on the way to PASS."""
    f = protect(spctl=(0, fixture("macos/spctl/two-answers.txt"), ""))
    assert f.status is Status.UNKNOWN
    assert f.summary == (
        "macOS malware protection (Gatekeeper, XProtect): could not tell whether Gatekeeper is on. "
        "It printed a line hygiene does not know: 'assessments disabled'."
    )
    assert f.evidence["spctl"] == "assessments enabled" and f.evidence["unrecognised"] == ["assessments disabled"]


def test_gatekeeper_from_our_own_fixture_passes():
    f = protect(spctl=(0, fixture("macos/spctl/enabled.txt"), ""))
    assert f.status is Status.PASS and f.evidence["spctl"] == "assessments enabled" and "unrecognised" not in f.evidence
