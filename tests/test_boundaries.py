"""Limits asserted just below, on, and just above each boundary, where a one-character change
(`<` for `<=`, 14 for 15) would pass every other test. Checks are driven through
`hygiene.registry.BY_ID` on recorded machines and demos, not through the modules that hold
them, so the tests outlive a move of those modules. The comment above `[tool.mutmut]` in
pyproject.toml says how to check, by hand, that the tests notice such changes (mutation testing)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from hygiene.backup.identify import FACT, Artifact
from hygiene.backup.verdict import judge, parse_max_age
from hygiene.data.demos import load_demo
from hygiene.data.eol import support_table
from hygiene.engine import run_audit, run_one
from hygiene.errors import UserError
from hygiene.model import Status
from hygiene.profile import NO_PROFILE, Profile, Waiver
from hygiene.registry import BY_ID
from hygiene.scoring import grade, score_of
from hygiene.snapshot import NOT_IDENTIFYING, REDACTED_HOST, REDACTED_USER, redact
from hygiene.system.recorded import RecordedSystem
from tests.helpers import CLOCK, machine, snapshot_doc

NOW = datetime.fromisoformat(CLOCK)
AUDIT_DAY = NOW.date()


class At:
    """A machine asked at another moment: the same answers, another clock."""

    def __init__(self, system, now):
        self._system, self._now = system, now

    def __getattr__(self, name):
        return getattr(self._system, name)

    def now(self):
        return self._now


def check(check_id, system):
    return run_one(system, BY_ID[check_id])


def demo(name):
    return load_demo(name)[0]


# --- waivers: in force through the day they expire ---------------------------------------------


def net_accounts(lockout="Never"):
    """`net accounts` in English, as Windows prints it, with this lockout threshold."""
    return (
        "Force user logoff how long after time expires?:       Never\n"
        "Minimum password age (days):                          0\n"
        "Maximum password age (days):                          Unlimited\n"
        "Minimum password length:                              15\n"
        "Length of password history maintained:                None\n"
        f"Lockout threshold:                                    {lockout}\n"
        "Lockout duration (minutes):                           30\n"
        "Lockout observation window (minutes):                 30\n"
        "Computer role:                                        WORKSTATION\n"
        "The command completed successfully.\n"
    )


def windows(lockout="Never", *, clock=CLOCK, profile=NO_PROFILE):
    doc = snapshot_doc(platform="windows", commands={("net", "accounts"): (0, net_accounts(lockout), "")}, clock=clock)
    return RecordedSystem(doc, profile)


def audited(lockout="Never", *waivers, clock=CLOCK):
    """PWD-003's finding after the profile's waivers, on a Windows machine with this lockout."""
    system = windows(lockout, clock=clock, profile=Profile(waivers=waivers))
    return run_audit(system, [BY_ID["PWD-003"]]).findings[0].finding


NEVER_LOCK = "Accounts never lock, however many passwords are tried."


def lockout_line(lockout):
    """The `net accounts` line PWD-003 quotes in its evidence."""
    return f"Lockout threshold:                                    {lockout}"


@pytest.mark.parametrize(
    ("audit_day", "status"),
    [("2026-11-26", Status.WAIVED), ("2026-11-27", Status.WAIVED), ("2026-11-28", Status.FAIL)],
    ids=["day-before", "expiry-day", "day-after"],
)
def test_a_waiver_still_holds_on_its_expiry_day_and_stops_the_day_after(audit_day, status):
    waiver = Waiver("PWD-003", "kiosk, locked room", date(2026, 11, 27), 4)
    f = audited("Never", waiver, clock=f"{audit_day}T09:00:00+00:00")
    record = {"reason": "kiosk, locked room", "expires": "2026-11-27", "status_without_waiver": "FAIL"}
    assert f.status is status
    if status is Status.WAIVED:
        assert f.summary == f"Accepted until 2026-11-27: kiosk, locked room. Found: {NEVER_LOCK}"
        assert f.evidence == {"lockout_after": None, "net accounts": lockout_line("Never"), "waiver": record}
    else:
        assert f.summary == f"{NEVER_LOCK} (A waiver for this expired on 2026-11-27: kiosk, locked room.)"
        assert f.evidence == {"lockout_after": None, "net accounts": lockout_line("Never"), "waiver_expired": record}


def test_the_audit_day_is_the_date_on_the_recorded_clock_in_its_own_offset():
    """23:30 at UTC-5 is already the 28th in UTC; the waiver holds on the 27th, the clock's date."""
    waiver = Waiver("PWD-003", "kiosk", date(2026, 11, 27), 4)
    assert audited("Never", waiver, clock="2026-11-27T23:30:00-05:00").status is Status.WAIVED


def test_a_warn_is_waived_too_and_a_pass_is_left_alone():
    live, gone = Waiver("PWD-003", "x", AUDIT_DAY, 1), Waiver("PWD-003", "x", AUDIT_DAY - timedelta(days=1), 1)
    assert audited("11").status is Status.WARN  # 11 failed logins
    assert audited("11", live).status is Status.WAIVED
    expired = audited("11", gone)
    assert expired.status is Status.WARN and expired.evidence["waiver_expired"]["status_without_waiver"] == "WARN"
    assert audited("5", live) == audited("5")
    assert audited("Never", Waiver("PWD-001", "x", AUDIT_DAY, 1)).status is Status.FAIL  # another check's waiver


# --- PWD-003: accounts lock after at most 10 failed logins -------------------------------------

PAM_STACKS = ("common-password", "common-auth", "system-auth", "password-auth")


def linux_pam(auth_line, faillock_conf=None):
    files = {f"/etc/pam.d/{name}": None for name in PAM_STACKS}
    files["/etc/pam.d/common-auth"] = f"auth required {auth_line}\nauth sufficient pam_unix.so\n"
    files["/etc/security/faillock.conf"] = faillock_conf
    return machine(files=files)


def mac_policy(max_failed):
    return machine(
        platform="macos",
        commands={
            ("pwpolicy", "-getaccountpolicies"): (
                0,
                "Getting global account policies\n"
                '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>'
                "<key>policyCategoryAuthentication</key><array><dict>"
                "<key>policyIdentifier</key><string>com.apple.maximumFailedLoginAttempts</string>"
                "<key>policyParameters</key><dict>"
                f"<key>policyAttributeMaximumFailedAuthentications</key><integer>{max_failed}</integer>"
                "</dict></dict></array></dict></plist>\n",
                "",
            )
        },
    )


PAM_MODULES = {
    "faillock-argument": lambda n: linux_pam(f"pam_faillock.so preauth deny={n}"),
    "faillock-conf": lambda n: linux_pam("pam_faillock.so preauth", f"deny = {n}\n"),
    "pam_tally2": lambda n: linux_pam(f"pam_tally2.so deny={n} onerr=fail"),
}


@pytest.mark.parametrize(
    ("deny", "status", "says"),
    [
        (0, Status.FAIL, "{module} is present but never locks an account (deny = 0)."),
        (1, Status.PASS, "Accounts lock after 1 failed login ({module})."),
        (9, Status.PASS, "Accounts lock after 9 failed logins ({module})."),
        (10, Status.PASS, "Accounts lock after 10 failed logins ({module})."),
        (11, Status.WARN, "Accounts lock only after 11 failed logins; 10 or fewer is usual."),
    ],
)
@pytest.mark.parametrize("source", PAM_MODULES)
def test_linux_lockout_at_the_limit_of_ten(source, deny, status, says):
    module = "pam_tally2.so" if source == "pam_tally2" else "pam_faillock"
    f = check("PWD-003", PAM_MODULES[source](deny))
    rule = {  # the lines that decided (issue 11): the PAM rule, and faillock.conf's when it sets deny
        "faillock-argument": {"/etc/pam.d/common-auth": f"auth required pam_faillock.so preauth deny={deny}"},
        "faillock-conf": {
            "/etc/pam.d/common-auth": "auth required pam_faillock.so preauth",
            "/etc/security/faillock.conf": f"deny = {deny}",
        },
        "pam_tally2": {"/etc/pam.d/common-auth": f"auth required pam_tally2.so deny={deny} onerr=fail"},
    }[source]
    assert (f.status, f.summary, f.evidence) == (
        status,
        says.format(module=module),
        {"module": module, "deny": deny, **rule},
    )


@pytest.mark.parametrize(
    ("limit", "status"), [(1, Status.PASS), (9, Status.PASS), (10, Status.PASS), (11, Status.WARN)]
)
@pytest.mark.parametrize(
    ("policy", "quoted"),
    [(lambda n: windows(str(n)), lambda n: {"net accounts": lockout_line(n)}), (mac_policy, lambda n: {})],
    ids=["net-accounts", "pwpolicy"],
)
def test_windows_and_macos_lockout_at_the_limit_of_ten(policy, quoted, limit, status):
    f = check("PWD-003", policy(limit))
    assert (f.status, f.summary, f.evidence) == (
        status,
        f"Accounts lock after {limit} failed login{'' if limit == 1 else 's'}.",
        {"lockout_after": limit, **quoted(limit)},
    )


def test_a_lockout_threshold_of_zero_means_never():
    f = check("PWD-003", windows("0"))
    assert (f.status, f.summary, f.evidence) == (
        Status.FAIL,
        NEVER_LOCK,
        {"lockout_after": None, "net accounts": lockout_line(0)},
    )
    f = check("PWD-003", mac_policy(0))  # macOS slows guesses down even without a policy
    assert (f.status, f.evidence) == (Status.WARN, {"lockout_after": 0})
    assert f.summary == "No lockout policy: macOS only slows repeated guesses down; set one on shared Macs."


def test_faillock_without_deny_locks_after_three_and_a_negative_deny_never_locks():
    assert check("PWD-003", linux_pam("pam_faillock.so preauth")).evidence["deny"] == 3
    f = check("PWD-003", linux_pam("pam_faillock.so preauth deny=-1"))
    assert f.status is Status.FAIL and "never locks" in f.summary
    assert check("PWD-003", linux_pam("pam_faillock.so preauth deny=4", "deny = 50\n")).evidence["deny"] == 4


# --- snapshot --redact: the names shared by every machine are kept -----------------------------

SHARED = sorted(NOT_IDENTIFYING - {""})


@pytest.mark.parametrize("spell", [str.lower, str.upper, str.title], ids=["lower", "upper", "title"])
@pytest.mark.parametrize("name", SHARED)
def test_a_shared_user_or_host_name_is_never_redacted_in_any_case(name, spell):
    shared = spell(name)
    as_user = redact(snapshot_doc(username=shared, hostname="ledger-pc", files={"/x": f"{shared}@ledger-pc"}))
    assert as_user["facts"]["username"] == shared
    assert as_user["files"][0]["content"] == f"{shared}@{REDACTED_HOST}"
    as_host = redact(snapshot_doc(username="amina", hostname=shared, files={"/x": f"amina@{shared}"}))
    assert as_host["facts"]["hostname"] == shared
    assert as_host["files"][0]["content"] == f"{REDACTED_USER}@{shared}"


@pytest.mark.parametrize("name", [n + suffix for n in SHARED for suffix in ("s", "1")] + ["adm", "roo", "_root"])
def test_a_name_just_outside_the_shared_set_is_redacted(name):
    doc = redact(snapshot_doc(username=name, hostname="ledger-pc", files={"/x": f"{name} and root"}))
    assert doc["facts"]["username"] == REDACTED_USER
    assert doc["files"][0]["content"] == f"{REDACTED_USER} and root"


def test_an_empty_host_name_replaces_nothing_and_shared_home_owners_stay():
    doc = redact(snapshot_doc(username="amina", hostname="", files={"/x": "amina at ledger"}))
    assert doc["facts"]["hostname"] == "" and doc["files"][0]["content"] == f"{REDACTED_USER} at ledger"
    homes = "/home/Admin/.profile /home/USER/x /home/admins/y /home/amina/z"
    doc = redact(snapshot_doc(username="amina", files={"/x": homes}))
    assert doc["files"][0]["content"] == (
        f"/home/Admin/.profile /home/USER/x /home/{REDACTED_USER}-1/y /home/{REDACTED_USER}/z"
    )


def test_localhost_stays_when_the_host_is_named_after_it():
    doc = redact(snapshot_doc(hostname="localhost.localdomain", files={"/x": "localhost.localdomain, localhost"}))
    assert doc["files"][0]["content"] == f"{REDACTED_HOST}, localhost"


# --- ENC-001: sysfs slaves/ are followed 8 levels down, no further -----------------------------

MAX_SYSFS_DEPTH = 8  # below the root device; deeper, ENC-001 stops and cannot tell
LSBLK_JSON = ("lsblk", "-J", "-o", "NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT")


def dm_chain(depth, bottom):
    """/ on dm-0, each dm-N on dm-N+1, and at `depth` a LUKS mapping or a plain disk; no lsblk."""
    files = {"/proc/self/mounts": "proc /proc proc rw 0 0\n/dev/dm-0 / ext4 rw,relatime 0 0\n"}
    globs, exists = {}, {}
    for level in range(depth):
        below = f"dm-{level + 1}" if bottom == "luks" or level + 1 < depth else "sda"
        files[f"/sys/class/block/dm-{level}/dm/uuid"] = f"LVM-layer{level}\n"
        globs[f"/sys/class/block/dm-{level}/slaves/*"] = [f"/sys/class/block/dm-{level}/slaves/{below}"]
    last = f"dm-{depth}" if bottom == "luks" or depth == 0 else "sda"
    if bottom == "luks":
        files[f"/sys/class/block/{last}/dm/uuid"] = f"CRYPT-LUKS2-3a9f0c1d2e4b5a6978c0d1e2f3a4b5c6-{last}\n"
    else:
        files[f"/sys/class/block/{last}/dm/uuid"] = None
        globs[f"/sys/class/block/{last}/slaves/*"] = []
        exists[f"/sys/class/block/{last}"] = True
    return machine(files=files, globs=globs, exists=exists, commands={LSBLK_JSON: "missing"})


@pytest.mark.parametrize(
    ("depth", "bottom", "status"),
    [
        (0, "luks", Status.PASS),
        (MAX_SYSFS_DEPTH - 1, "luks", Status.PASS),
        (MAX_SYSFS_DEPTH, "luks", Status.PASS),
        (MAX_SYSFS_DEPTH + 1, "luks", Status.UNKNOWN),
        (MAX_SYSFS_DEPTH - 1, "plain", Status.FAIL),
        (MAX_SYSFS_DEPTH, "plain", Status.FAIL),
        (MAX_SYSFS_DEPTH + 1, "plain", Status.UNKNOWN),
    ],
)
def test_sysfs_device_stack_depth(depth, bottom, status):
    f = check("ENC-001", dm_chain(depth, bottom))
    assert f.status is status and f.evidence["lsblk"] == "lsblk is not installed"
    if status is Status.UNKNOWN:  # refused for depth, not for a question the recording lacks
        assert f.summary.startswith("Could not tell whether /dev/dm-0 is encrypted (lsblk is not installed)")


# --- UPD-002: updates within 14 days PASS, within 31 WARN --------------------------------------

DEMOS = ["well-kept-debian-laptop", "half-hardened-macbook", "neglected-windows-laptop"]


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (13, Status.PASS),
        (14, Status.PASS),
        (15, Status.WARN),
        (30, Status.WARN),
        (31, Status.WARN),
        (32, Status.FAIL),
    ],
)
@pytest.mark.parametrize("name", DEMOS)
def test_update_recency_thresholds(name, days, status):
    system = demo(name)
    last = datetime.fromisoformat(check("UPD-002", system).evidence["last"])
    f = check("UPD-002", At(system, last + timedelta(days=days)))
    assert (f.status, f.evidence["days_ago"]) == (status, days)
    almost = check("UPD-002", At(system, last + timedelta(days=days + 1, seconds=-1)))  # whole days, rounded down
    assert (almost.status, almost.evidence["days_ago"]) == (status, days)


def test_update_recency_summaries_and_a_clock_behind_the_last_update():
    system = demo("well-kept-debian-laptop")
    last = datetime.fromisoformat(check("UPD-002", system).evidence["last"])
    assert check("UPD-002", At(system, last + timedelta(days=14))).summary == (
        "Updates were last checked for or installed 14 days ago."
    )
    assert check("UPD-002", At(system, last + timedelta(days=15))).summary == (
        "Updates were last checked for or installed 15 days ago; security fixes ship every week or two."
    )
    behind = check("UPD-002", At(system, last - timedelta(days=3)))
    assert (behind.status, behind.evidence["days_ago"]) == (Status.PASS, 0)


def arch(pending):
    """An Arch machine (pacman, which does not say which updates fix security) with these pending."""
    out = "".join(f"{name} 1.0-1 -> 1.1-1\n" for name in pending)
    managers = {f"/usr/bin/{name}": name == "pacman" for name in ("apt-get", "dnf", "yum", "zypper", "pacman")}
    return machine(exists=managers, commands={("pacman", "-Qu"): (0 if pending else 1, out, "")})


@pytest.mark.parametrize(
    ("count", "shown"),
    [(1, "p01"), (3, "p01, p02, p03"), (4, "p01, p02, p03 and 1 more"), (11, "p01, p02, p03 and 8 more")],
)
def test_pending_updates_name_three_and_keep_ten(count, shown):
    names = [f"p{n:02}" for n in range(1, count + 1)]
    f = check("UPD-001", arch(names))
    assert f.status is Status.WARN
    which = "whether it fixes" if count == 1 else "which fix"
    assert f.summary == (
        f"{count} update{'' if count == 1 else 's'} pending ({shown}); cannot tell {which} security issues "
        "(pacman does not classify updates)."
    )
    assert f.evidence["pending"] == names[:10] and f.evidence["unclassified_count"] == count


def test_no_pending_update_says_nothing_about_other_updates():
    f = check("UPD-001", arch([]))
    assert f.status is Status.PASS and f.summary == "No security updates are waiting."


# --- UPD-005: WARN 90 days before the end of security updates ----------------------------------


def ubuntu_doc(version, day):
    os_release = f'ID=ubuntu\nVERSION_ID="{version}"\nPRETTY_NAME="Ubuntu {version}"\n'
    return snapshot_doc(files={"/etc/os-release": os_release}, clock=f"{day.isoformat()}T12:00:00+00:00")


def ubuntu(version, day):
    return RecordedSystem(ubuntu_doc(version, day))


@pytest.mark.parametrize(
    ("days_before_end", "status"),
    [(91, Status.PASS), (90, Status.WARN), (89, Status.WARN), (0, Status.WARN), (-1, Status.FAIL)],
)
def test_end_of_support_warning_starts_90_days_before(days_before_end, status):
    release = support_table().find("ubuntu", "25.10")
    assert release.security_until and not release.extended_until  # the row this test leans on
    end = release.security_until
    f = check("UPD-005", ubuntu("25.10", end - timedelta(days=days_before_end)))
    assert f.status is status
    assert f.evidence == {"release": "Ubuntu 25.10", "/etc/os-release": ["ID=ubuntu", 'VERSION_ID="25.10"'],
                          "table_checked": support_table().checked.isoformat(),
                          "source": release.source, "security_until": end.isoformat()}  # fmt: skip
    if status is Status.WARN:
        when = {0: "today", 89: "in 89 days", 90: "in 90 days"}[days_before_end]
        assert f.summary == f"Ubuntu 25.10 stops getting security updates on {end}, {when}."
    elif status is Status.PASS:
        assert f.summary == f"Ubuntu 25.10 gets security updates until {end}."
    else:
        assert f.summary == f"Ubuntu 25.10 stopped getting security updates on {end}."


@pytest.mark.parametrize(("days_after", "status"), [(0, Status.WARN), (1, Status.FAIL)])
def test_attested_extended_support_holds_through_its_last_day(days_after, status):
    """Enrolled (attested a month before), the last day of Ubuntu Pro is a WARN (it ends today),
    the day after a FAIL whatever the profile says."""
    release = support_table().find("ubuntu", "20.04")
    end = release.extended_until
    enrolled = Profile(attest={"extended_support": end - timedelta(days=30)})
    f = check("UPD-005", RecordedSystem(ubuntu_doc("20.04", end + timedelta(days=days_after)), enrolled))
    assert f.status is status
    assert f.evidence["extended_support_until"] == end.isoformat()
    if status is Status.WARN:
        assert f.summary.startswith(f"Attested: enrolled in {release.extended} on {end - timedelta(days=30)}")
        assert f"which ends on {end}, today" in f.summary
    else:
        assert f.summary.startswith(
            f"Ubuntu 20.04 LTS's standard security updates ended on {release.security_until}, and "
            f"{release.extended} ended on {end}: your extended_support statement does not help."
        )


@pytest.mark.parametrize(("age", "stale"), [(365, False), (366, True)])
def test_the_support_table_is_called_stale_after_a_year(age, stale):
    checked = support_table().checked
    when = f"{checked + timedelta(days=age)}T12:00:00+00:00"
    f = check("UPD-005", machine(files={"/etc/os-release": "ID=arch\nBUILD_ID=rolling\n"}, clock=when))
    name = support_table().find("arch", "").name
    note = f" (hygiene's support table is from {checked}, over a year old: update hygiene)" if stale else ""
    assert (f.status, f.summary) == (Status.PASS, f"{name} gets updates as long as you keep installing them.{note}")
    assert f.evidence["security_until"] == ""


# --- BAK-002: 7 days PASS, up to 14 WARN; BAK-004 31 days; BAK-005 182 days ----------------------


@pytest.mark.parametrize(
    ("age", "status"),
    [
        (timedelta(days=7), Status.PASS),
        (timedelta(days=7, seconds=1), Status.WARN),
        (timedelta(days=14), Status.WARN),
        (timedelta(days=14, seconds=1), Status.FAIL),
    ],
)
@pytest.mark.parametrize("name", ["well-kept-debian-laptop", "half-hardened-macbook", "small-office-ubuntu-server"])
def test_backup_age_limits(name, age, status):
    system = demo(name)
    newest = datetime.fromisoformat(check("BAK-002", system).evidence["newest"])
    f = check("BAK-002", At(system, newest + age))
    assert f.status is status


def test_backup_age_summaries():
    system = demo("well-kept-debian-laptop")
    newest = datetime.fromisoformat(check("BAK-002", system).evidence["newest"])
    assert "is 7 days old." in check("BAK-002", At(system, newest + timedelta(days=7))).summary  # whole days
    assert "is 6 days old." in check("BAK-002", At(system, newest + timedelta(days=7, seconds=-1))).summary
    assert "is less than a day old." in check("BAK-002", At(system, newest + timedelta(hours=23))).summary
    assert "is 1 day old." in check("BAK-002", At(system, newest + timedelta(days=1))).summary
    over = check("BAK-002", At(system, newest + timedelta(days=7, seconds=1))).summary
    assert over.endswith("is more than 7 days old.")  # not "7 days old, over 7"
    assert "is 14 days old, over 7." in check("BAK-002", At(system, newest + timedelta(days=14))).summary


@pytest.mark.parametrize(("check_id", "limit"), [("BAK-004", 31), ("BAK-005", 182)])
def test_attested_backup_statements_expire_after_their_limit(check_id, limit):
    system = demo("well-kept-debian-laptop")
    attested = date.fromisoformat(check(check_id, system).evidence["attested"])
    for days, status in ((limit, Status.PASS), (limit + 1, Status.FAIL)):
        when = datetime.combine(attested + timedelta(days=days), datetime.min.time(), UTC)
        f = check(check_id, At(system, when))
        assert (f.status, f.evidence["days_ago"]) == (status, days)


# --- scoring: grade floors and the rounding that reaches them ----------------------------------


@pytest.mark.parametrize("floor", [90, 80, 70, 60])
def test_each_grade_starts_exactly_at_its_floor(floor):
    letters = {90: "A", 80: "B", 70: "C", 60: "D"}
    below = {90: "B", 80: "C", 70: "D", 60: "F"}
    assert (grade(floor - 1), grade(floor), grade(floor + 1)) == (below[floor], letters[floor], letters[floor])


@pytest.mark.parametrize("floor", [90, 80, 70, 60])
def test_half_a_point_below_a_floor_is_shown_and_graded_as_the_floor(floor):
    """200 equal checks: each PASS is half a point, so (2 x floor - 1) of them score floor - 0.5."""
    passed = 2 * floor - 1
    s = score_of([(1, Status.PASS)] * passed + [(1, Status.FAIL)] * (200 - passed))
    assert (s.score, s.grade) == (floor, grade(floor))
    s = score_of([(1, Status.PASS)] * (passed - 1) + [(1, Status.FAIL)] * (201 - passed))
    assert (s.score, s.grade) == (floor - 1, grade(floor - 1))


# --- backup verify: a backup as old as --max-age passes; --max-age's own bounds -------------------


def artifact(**kwargs):
    base = {"path": "/media/usb/nightly.age", "kind": "age-encrypted file", "encrypted": True, "certainty": FACT,
            "newest": NOW - timedelta(days=1), "size": 512}  # fmt: skip
    return Artifact(**{**base, **kwargs})


@pytest.mark.parametrize(
    ("age", "ok"),
    [
        (timedelta(days=7) - timedelta(seconds=1), True),
        (timedelta(days=7), True),
        (timedelta(days=7, seconds=1), False),
    ],
)
def test_verify_accepts_a_backup_exactly_as_old_as_the_limit(age, ok):
    v = judge(artifact(newest=NOW - age), NOW, parse_max_age("7d"))
    assert (v.ok, v.age) == (ok, age)
    assert v.reasons == (() if ok else ("the newest backup is more than 7 days old",))  # not "7 days old, more than 7"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("1h", timedelta(hours=1)),
        ("36500d", timedelta(days=36500)),
        ("876000h", timedelta(days=36500)),
        ("5214w", timedelta(weeks=5214)),
        (" 7D ", timedelta(days=7)),
        ("0001h", timedelta(hours=1)),
    ],
)
def test_max_age_limits_that_are_accepted(text, span):
    assert parse_max_age(text) == span


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0h", "use a number"),
        ("000", "use a number"),
        ("36501d", "at most 100 years"),
        ("876001h", "at most 100 years"),
        ("5215w", "at most 100 years"),
    ],
)
def test_max_age_limits_that_are_refused(text, words):
    with pytest.raises(UserError, match=words):
        parse_max_age(text)


def test_leading_zeros_do_not_count_towards_the_digit_limit():
    assert parse_max_age("0000000000007d") == timedelta(days=7)
