"""PWD-001..006 on every platform, and the parsers behind them."""

import json
from datetime import date
from pathlib import Path

import pytest

from hygiene.checks import passwords
from hygiene.checks.passwords.linux import FAILLOCK, LOGIN_DEFS, MANAGERS, PWQUALITY, SHADOW, STACKS
from hygiene.checks.passwords.macos import PWPOLICY
from hygiene.checks.passwords.windows import INSTALLED, LOCAL_USERS, NET_ACCOUNTS
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.parsers import ParseError
from hygiene.parsers.net_accounts import parse_net_accounts
from hygiene.parsers.pam import parse_key_values, parse_pam
from hygiene.parsers.pwpolicy import parse_pwpolicy
from hygiene.parsers.shadow import empty_password_accounts
from hygiene.passwords.health import VaultHealth
from hygiene.platforms.windows import POWERSHELL
from hygiene.profile import NEVER, Profile
from hygiene.system import FileUnreadable
from hygiene.system.recorded import RecordedSystem
from tests.helpers import fixture, snapshot_doc

DEBIAN_PASSWORD = (
    "password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\npassword\trequisite\t\t\tpam_deny.so\n"
)
PWQUALITY_STACK = "password    requisite     pam_pwquality.so try_first_pass local_users_only\npassword    sufficient    pam_unix.so sha512 shadow use_authtok\n"
FAILLOCK_AUTH = "auth  required  pam_faillock.so preauth silent\nauth  sufficient  pam_unix.so\nauth  [default=die]  pam_faillock.so authfail\n"


# --- parsers ---------------------------------------------------------------------------------


def test_pam_rules_brackets_comments_continuations_and_optional_lines():
    rules = parse_pam(
        "# comment\n-auth optional pam_gnome_keyring.so\nauth [success=1 default=ignore] pam_unix.so nullok \\\n try_first_pass\n"
    )
    assert [(r.type, r.control, r.module) for r in rules] == [
        ("auth", "optional", "pam_gnome_keyring.so"),
        ("auth", "[success=1 default=ignore]", "pam_unix.so"),
    ]
    assert rules[1].args == {"nullok": "", "try_first_pass": ""}


def test_live_pam_stack_of_this_machine_parses():
    for path in map(Path, ("/etc/pam.d/common-password", "/etc/pam.d/system-auth")):
        if path.exists():
            rules = parse_pam(path.read_text())
            assert any(r.type == "password" for r in rules)
            return
    pytest.skip("this machine has no PAM password stack")


def test_key_values_with_spaces_tabs_and_equals():
    assert parse_key_values("PASS_MAX_DAYS\t90\nPASS_MIN_DAYS   0\n# c\n") == {
        "PASS_MAX_DAYS": "90",
        "PASS_MIN_DAYS": "0",
    }
    assert parse_key_values("minlen = 12  # comment\nminlen=14\n") == {"minlen": "14"}


def test_live_login_defs_parses():
    path = Path("/etc/login.defs")
    if not path.exists():
        pytest.skip("no /etc/login.defs here")
    assert parse_key_values(path.read_text()).get("PASS_MAX_DAYS", "99999").strip().isdigit()


def test_shadow_empty_fields_not_locked_ones():
    text = "root:$y$j9T$x:1:0:99999:7:::\nguest::1:0:99999:7:::\nsvc:!:1::::::\nold:*:1::::::\n"
    assert empty_password_accounts(text) == ["guest"]


@pytest.mark.parametrize(
    ("name", "length", "max_age", "lockout"),
    [("en.txt", 0, 42, None), ("de.txt", 14, None, 5)],
)
def test_net_accounts_in_english_and_german(name, length, max_age, lockout):
    policy = parse_net_accounts(fixture(f"windows/net-accounts/{name}"))
    assert (policy.min_length, policy.max_age_days, policy.lockout_threshold) == (length, max_age, lockout)


def test_net_accounts_unrecognised():
    with pytest.raises(ParseError):
        parse_net_accounts("System error 5 has occurred.\n\nAccess is denied.\n")


def test_pwpolicy_managed_and_empty():
    managed = parse_pwpolicy(fixture("macos/pwpolicy/managed.txt"))
    assert (managed.min_length, managed.max_failed_logins, managed.expires_every_days, managed.requires_classes) == (
        15,
        5,
        90,
        True,
    )
    empty = parse_pwpolicy("Getting global account policies\nNo global policies are set.\n")
    assert empty.min_length is None and empty.max_failed_logins is None
    with pytest.raises(ParseError):
        parse_pwpolicy("Getting global account policies\n<?xml version='1.0'?><plist><dict><key>x</key>")


# --- Linux checks ----------------------------------------------------------------------------


def linux(password_stack=DEBIAN_PASSWORD, auth_stack="auth\t[success=1 default=ignore]\tpam_unix.so nullok\n", *,
          pwquality=None, faillock=None, login_defs="PASS_MAX_DAYS\t99999\n", shadow="root:$6$x:1:0:99999:7:::\n",
          managers=(), attest=None, vault=None):  # fmt: skip
    files = {STACKS[0]: password_stack, STACKS[1]: auth_stack, STACKS[2]: None, STACKS[3]: None,
             PWQUALITY: pwquality, FAILLOCK: faillock, LOGIN_DEFS: login_defs, SHADOW: shadow}  # fmt: skip
    exists = {p: name in managers for name, paths in MANAGERS.items() for p in paths}
    doc = snapshot_doc(files=files, exists=exists, globs={"/etc/security/pwquality.conf.d/*.conf": []})
    return RecordedSystem(doc, Profile(attest=attest or {}, vault=vault))


def status(system, fn):
    return run_one(system, fn).status


def test_pwd001_linux():
    assert status(linux(), passwords.min_length) is Status.FAIL  # pam_unix alone: 6
    assert status(linux(PWQUALITY_STACK), passwords.min_length) is Status.WARN  # pwquality default 8
    assert status(linux(PWQUALITY_STACK, pwquality="minlen = 15\n"), passwords.min_length) is Status.PASS
    stack = PWQUALITY_STACK.replace("local_users_only", "minlen=16")
    f = run_one(linux(stack, pwquality="minlen = 8\n"), passwords.min_length)
    assert f.status is Status.PASS and f.evidence["min_length"] == 16  # the module argument wins
    assert status(linux(password_stack=None, auth_stack=None), passwords.min_length) is Status.UNKNOWN


def test_pwd002_linux():
    assert status(linux(), passwords.no_rotation_or_composition) is Status.PASS
    f = run_one(linux(login_defs="PASS_MAX_DAYS\t90\n"), passwords.no_rotation_or_composition)
    assert f.status is Status.WARN and "every 90 days" in f.summary
    f = run_one(linux(PWQUALITY_STACK, pwquality="dcredit = -1\nminclass = 3\n"), passwords.no_rotation_or_composition)
    assert f.status is Status.WARN and f.evidence["composition_rules"] == [
        "requires a digit",
        "requires 3 kinds of character",
    ]


def test_pwd003_linux():
    assert status(linux(), passwords.failed_logins_limited) is Status.FAIL
    assert status(linux(auth_stack=FAILLOCK_AUTH), passwords.failed_logins_limited) is Status.PASS  # default deny 3
    assert (
        status(linux(auth_stack=FAILLOCK_AUTH, faillock="deny = 0\n"), passwords.failed_logins_limited) is Status.FAIL
    )
    assert (
        status(linux(auth_stack=FAILLOCK_AUTH, faillock="deny = 50\n"), passwords.failed_logins_limited) is Status.WARN
    )


def test_pwd004_detected_attested_never_and_unknown():
    assert status(linux(managers=("KeePassXC",)), passwords.password_manager) is Status.PASS
    assert status(linux(attest={"password_manager": date(2025, 2, 1)}), passwords.password_manager) is Status.PASS
    assert status(linux(attest={"password_manager": NEVER}), passwords.password_manager) is Status.FAIL
    f = run_one(linux(), passwords.password_manager)
    assert f.status is Status.UNKNOWN and "password_manager = YYYY-MM-DD" in f.summary


def test_pwd005_linux():
    f = run_one(linux(shadow="root:$6$x:1:::::\nkiosk::1:::::\n"), passwords.no_empty_passwords)
    assert f.status is Status.FAIL and f.evidence["accounts"] == ["kiosk"]
    assert status(linux(), passwords.no_empty_passwords) is Status.PASS
    f = run_one(linux(shadow=FileUnreadable("/etc/shadow", "Permission denied")), passwords.no_empty_passwords)
    assert f.status is Status.UNKNOWN and "run as administrator" in f.summary


@pytest.mark.parametrize(
    ("vault", "expected"),
    [
        (None, Status.UNKNOWN),
        (VaultHealth("Bitwarden CSV", 100, 0, 0, None, 100), Status.PASS),
        (VaultHealth("Bitwarden CSV", 100, 5, 10, None, 85), Status.WARN),
        (VaultHealth("Bitwarden CSV", 100, 40, 30, None, 35), Status.FAIL),
        (VaultHealth("Bitwarden CSV", 100, 0, 0, 2, 98), Status.FAIL),
        (VaultHealth("Bitwarden CSV", 0, 0, 0, None, None), Status.UNKNOWN),
    ],
)
def test_pwd006_vault(vault, expected):
    assert status(linux(vault=vault), passwords.vault_healthy) is expected


def test_pwd006_names_the_short_passwords_that_lowered_the_health():
    """One entry, neither weak nor reused but short without a second factor, has health 0: a FAIL
    that said only '0 weak, 0 reused' contradicted itself."""
    f = run_one(linux(vault=VaultHealth("Bitwarden CSV", 1, 0, 0, None, 0, short=1)), passwords.vault_healthy)
    assert f.status is Status.FAIL and "1 under 15 characters without a second factor" in f.summary
    assert f.evidence["short"] == 1
    fine = VaultHealth("Bitwarden CSV", 3, 0, 0, None, 67, short=1)
    f = run_one(linux(vault=fine), passwords.vault_healthy)
    assert f.status is Status.PASS and "1 under 15 characters without a second factor" in f.summary
    assert "no weak or reused" in f.summary and "3 entries" in f.summary


# --- Windows and macOS -------------------------------------------------------------------------


def windows(net=None, users=None, installed=None):
    commands = {}
    if net is not None:
        commands[NET_ACCOUNTS] = net
    if users is not None:
        commands[(*POWERSHELL, LOCAL_USERS)] = users
    if installed is not None:
        commands[(*POWERSHELL, INSTALLED)] = installed
    return RecordedSystem(snapshot_doc(platform="windows", commands=commands), Profile())


def test_windows_policy_checks():
    defaults = windows(net=(0, fixture("windows/net-accounts/en.txt"), ""))
    assert status(defaults, passwords.min_length) is Status.FAIL
    assert status(defaults, passwords.no_rotation_or_composition) is Status.WARN  # 42-day expiry
    assert status(defaults, passwords.failed_logins_limited) is Status.FAIL
    german = windows(net=(0, fixture("windows/net-accounts/de.txt"), ""))
    assert status(german, passwords.min_length) is Status.WARN  # 14: enough only with MFA
    assert status(german, passwords.no_rotation_or_composition) is Status.PASS
    assert status(german, passwords.failed_logins_limited) is Status.PASS
    denied = windows(net=(2, "", "System error 5 has occurred.\n\nAccess is denied.\n"))
    assert status(denied, passwords.min_length) is Status.UNKNOWN


def test_windows_users_and_managers():
    users = json.dumps(
        [
            {"Name": "Family", "Enabled": True, "PasswordRequired": False},
            {"Name": "Guest", "Enabled": False, "PasswordRequired": False},
        ]
    )
    f = run_one(windows(users=(0, users, "")), passwords.no_empty_passwords)
    assert f.status is Status.FAIL and f.evidence["accounts"] == ["Family"]
    one = json.dumps({"Name": "Amina", "Enabled": True, "PasswordRequired": True})
    assert status(windows(users=(0, one, "")), passwords.no_empty_passwords) is Status.PASS
    apps = json.dumps(["KeePassXC 2.7.9", "Google Chrome"])
    f = run_one(windows(installed=(0, apps, "")), passwords.password_manager)
    assert f.status is Status.PASS and f.evidence["installed"] == ["KeePassXC"]


def mac(text, exists=None):
    return RecordedSystem(
        snapshot_doc(platform="macos", commands={PWPOLICY: (0, text, "")}, exists=exists or {}), Profile()
    )


def test_macos_policy_checks():
    managed = mac(fixture("macos/pwpolicy/managed.txt"))
    assert status(managed, passwords.min_length) is Status.PASS
    assert status(managed, passwords.no_rotation_or_composition) is Status.WARN
    assert status(managed, passwords.failed_logins_limited) is Status.PASS
    bare = mac("Getting global account policies\nNo global policies are set.\n")
    assert status(bare, passwords.min_length) is Status.FAIL
    assert status(bare, passwords.failed_logins_limited) is Status.WARN  # macOS only slows guesses down
    assert status(bare, passwords.no_empty_passwords) is Status.UNKNOWN


def test_windows_remediation_names_the_command_for_each_policy():
    """PWD-002 (no forced rotation) once told Windows users `net accounts /minpwlen:15`."""
    from hygiene.model import Platform
    from hygiene.registry import find_check

    assert "/maxpwage:unlimited" in find_check("PWD-002").meta.remediation[Platform.WINDOWS]
    assert "/minpwlen:15" in find_check("PWD-001").meta.remediation[Platform.WINDOWS]
    assert "minpwlen" not in find_check("PWD-002").meta.remediation[Platform.WINDOWS]


# --- issue 11: PAM's words in any case, and the lines that decided ----------------------------


def test_pwd001_a_capitalised_pwquality_rule_sets_the_length():
    """Linux-PAM reads `Password Requisite` as `password requisite` (strcasecmp)."""
    f = run_one(linux(fixture("linux/pam/common-password-capitalised.txt")), passwords.min_length)
    assert f.status is Status.PASS and f.evidence["min_length"] == 15
    assert f.evidence[STACKS[0]] == "Password Requisite pam_pwquality.so retry=3 minlen=15"


def test_pwd001_the_pwquality_conf_line_is_evidence_when_it_sets_the_length():
    f = run_one(linux(PWQUALITY_STACK, pwquality="minlen = 15\n"), passwords.min_length)
    assert f.status is Status.PASS and f.evidence[PWQUALITY] == "minlen = 15"
    assert f.evidence[STACKS[0]] == "password requisite pam_pwquality.so try_first_pass local_users_only"


def test_pwd003_an_upper_case_faillock_rule_locks_out():
    f = run_one(linux(auth_stack=fixture("linux/pam/common-auth-upper-case.txt")), passwords.failed_logins_limited)
    assert f.status is Status.PASS and f.evidence["deny"] == 5
    assert f.evidence[STACKS[1]] == "AUTH REQUIRED pam_faillock.so preauth silent deny=5"


def test_pam_types_and_controls_are_lower_cased_modules_keep_their_case():
    rules = parse_pam(fixture("linux/pam/common-auth-upper-case.txt"))
    assert [(r.type, r.control, r.module) for r in rules][:3] == [
        ("auth", "required", "pam_faillock.so"),
        ("auth", "[success=1 default=ignore]", "pam_unix.so"),
        ("auth", "[default=die]", "pam_faillock.so"),
    ]


def test_pwpolicy_without_global_policies_in_any_case():
    assert parse_pwpolicy("Getting global account policies\nNO GLOBAL POLICIES ARE SET.\n").min_length is None


def test_a_tab_separated_pam_rule_is_quoted_with_its_blanks_folded():
    """Debian writes its stacks with tabs; a quoted line shows characters that do not print as
    '?', so the blanks are folded to single spaces first."""
    f = run_one(linux(), passwords.min_length)
    assert f.evidence[STACKS[0]] == "password [success=1 default=ignore] pam_unix.so obscure yescrypt"
