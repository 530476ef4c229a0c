"""MFA-001 (the SSH server) and MFA-003 (a second factor in PAM)."""

import pytest

from hygiene.checks import mfa
from hygiene.checks.mfa import linux as mfa_linux
from hygiene.checks.mfa import macos, windows
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.parsers.sshd import config_lines, parse_sshd_t
from hygiene.system import FileUnreadable
from tests.helpers import fixture, machine, real

SSHD = "/usr/sbin/sshd"
CONFIG = "/etc/ssh/sshd_config"
DROPINS = "/etc/ssh/sshd_config.d/*.conf"
NO_HOSTKEYS = (1, "", "sshd: no hostkeys available -- exiting.\n")
PAM_SSHD = "/etc/pam.d/sshd"


def linux(t=NO_HOSTKEYS, config=None, dropins=None, pam_sshd=None, installed=True):
    dropins = dropins or {}
    return machine(
        exists={SSHD: installed},
        commands={(SSHD, "-T"): t},
        files={CONFIG: config, PAM_SSHD: pam_sshd, **dropins},
        globs={DROPINS: sorted(dropins)},
    )


def check(m):
    return run_one(m, mfa.ssh_refuses_passwords)


def test_parsers():
    t = parse_sshd_t(real("linux", "sshd-T", 1))
    assert t["passwordauthentication"] == "yes" and t["permitrootlogin"] == "without-password"
    assert config_lines("PasswordAuthentication=no\n  Match User bob # c\n") == [
        ("passwordauthentication", "no"),
        ("match", "User bob"),
    ]


def test_real_sshd_t_accepting_passwords_fails():
    f = check(linux(t=(0, real("linux", "sshd-T", 1), "")))
    assert (
        f.status is Status.FAIL
        and "accepts a password alone" in f.summary
        and f.evidence["source"] == "/usr/sbin/sshd -T"
    )


def test_hardened_sshd_t_passes():
    assert check(linux(t=(0, fixture("linux/sshd/hardened-sshd-T.txt"), ""))).status is Status.PASS


def test_two_methods_pass_even_with_passwords():
    text = fixture("linux/sshd/hardened-sshd-T.txt").replace("passwordauthentication no", "passwordauthentication yes")
    text = text.replace("authenticationmethods any", "authenticationmethods publickey,password")
    f = check(linux(t=(0, text, "")))
    assert f.status is Status.PASS and "two methods" in f.summary


def test_config_files_when_sshd_t_is_not_permitted():
    f = check(linux(config=fixture("linux/sshd/debian-sshd_config.txt")))
    assert f.status is Status.PASS and f.evidence["source"] == CONFIG


def test_a_cloud_init_drop_in_wins_because_it_comes_first():
    dropins = {"/etc/ssh/sshd_config.d/50-cloud-init.conf": fixture("linux/sshd/50-cloud-init.conf")}
    f = check(linux(config=fixture("linux/sshd/debian-sshd_config.txt"), dropins=dropins))
    assert f.status is Status.FAIL


def test_a_match_block_that_reopens_passwords_warns():
    config = fixture("linux/sshd/debian-sshd_config.txt") + "\nMatch User backup\n\tPasswordAuthentication yes\n"
    f = check(linux(config=config))
    assert f.status is Status.WARN and f.evidence["password_allowed_for"] == ["User backup"]


@pytest.mark.parametrize(
    ("pam", "status"),
    [
        ("auth required pam_google_authenticator.so\n@include common-auth\n", Status.PASS),
        ("auth required pam_google_authenticator.so nullok\n", Status.FAIL),
        ("@include common-auth\n", Status.FAIL),
        # a code that fails is ignored and the password alone goes on: it passed as enforced
        ("auth [success=ok default=ignore] pam_google_authenticator.so\n@include common-auth\n", Status.FAIL),
    ],
)
def test_keyboard_interactive_depends_on_the_sshd_pam_stack(pam, status):
    config = fixture("linux/sshd/debian-sshd_config.txt").replace(
        "KbdInteractiveAuthentication no", "KbdInteractiveAuthentication yes"
    )
    assert check(linux(config=config, pam_sshd=pam)).status is status


def test_no_ssh_server_is_not_applicable():
    assert check(machine(exists={SSHD: False})).status is Status.NOT_APPLICABLE


def test_macos_remote_login():
    off = machine(
        platform="macos",
        commands={macos.MACOS_REMOTE_LOGIN: (0, 'disabled services = {\n\t"com.openssh.sshd" => disabled\n}\n', "")},
    )
    assert check(off).status is Status.NOT_APPLICABLE
    on = machine(
        platform="macos",
        commands={macos.MACOS_REMOTE_LOGIN: (0, '\t"com.openssh.sshd" => enabled\n', ""), (SSHD, "-T"): NO_HOSTKEYS},
        files={CONFIG: "Include /etc/ssh/sshd_config.d/*\nPasswordAuthentication yes\n"},
        globs={"/etc/ssh/sshd_config.d/*": []},
    )
    assert check(on).status is Status.FAIL
    broken = machine(platform="macos", commands={macos.MACOS_REMOTE_LOGIN: (1, "", "Unrecognized target specifier.\n")})
    assert check(broken).status is Status.UNKNOWN


def sshd_service(start):
    """Windows' OpenSSH server as the registry holds it: its service key's Start, None when not installed."""
    from hygiene.platforms.windows_services import service_key

    return {(service_key("sshd"), ("Start",)): start if not isinstance(start, int) else {"Start": start}}


def test_windows_openssh_server():
    absent = machine(platform="windows", registry=sshd_service(None))
    assert check(absent).status is Status.NOT_APPLICABLE
    disabled = machine(platform="windows", registry=sshd_service(4))
    assert check(disabled).status is Status.NOT_APPLICABLE
    exe, config = windows.SSHD, windows.SSHD_CONFIG
    m = machine(
        platform="windows",
        registry=sshd_service(2),
        commands={(exe, "-T"): (1, "", "access denied\n")},
        files={
            config: "# default Windows config\nPasswordAuthentication yes\nMatch Group administrators\n       AuthorizedKeysFile __PROGRAMDATA__/ssh/administrators_authorized_keys\n"
        },
    )
    assert check(m).status is Status.FAIL
    refused = machine(platform="windows", registry=sshd_service(FileUnreadable("HKLM\\x", "Permission denied")))
    assert check(refused).status is Status.UNKNOWN


# --- MFA-003 -----------------------------------------------------------------------------------


def stacks(**files):
    paths = {p: None for p in mfa_linux.LOGIN_STACKS}
    paths.update({f"/etc/pam.d/{k.replace('_', '-')}": v for k, v in files.items()})
    return machine(files=paths)


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"sudo": "auth required pam_u2f.so cue\n@include common-auth\n"}, Status.PASS),
        ({"common_auth": "auth [success=done default=die] pam_yubico.so id=16\n"}, Status.PASS),
        ({"sudo": "auth sufficient pam_u2f.so\n@include common-auth\n"}, Status.WARN),
        ({"login": "auth required pam_google_authenticator.so nullok\n"}, Status.WARN),
        (
            {"sudo": "@include common-auth\n", "common_auth": "auth [success=1 default=ignore] pam_unix.so nullok\n"},
            Status.FAIL,
        ),
    ],
)
def test_mfa003(files, status):
    f = run_one(stacks(**files), mfa.local_second_factor)
    assert f.status is status
    if status is Status.FAIL:
        assert "low priority on a personal computer" in f.summary


# --- issue 11: PAM's words in any case, and the rule that decided ----------------------------


def test_mfa003_reads_a_capitalised_rule_as_pam_does():
    """Linux-PAM compares the type and the control without case (strcasecmp): `Auth Required`
    is a rule, and hygiene used to pass over it (FAIL: no second factor)."""
    f = run_one(stacks(sudo=fixture("linux/pam/sudo-capitalised.txt")), mfa.local_second_factor)
    assert f.status is Status.PASS and f.summary == "A security key (pam_u2f) is required by /etc/pam.d/sudo."
    assert f.evidence["/etc/pam.d/sudo"] == "Auth Required pam_u2f.so cue"  # blanks folded: tabs would show as ?


def test_mfa003_an_optional_factor_warns_naming_its_rule():
    f = run_one(stacks(login="auth sufficient pam_u2f.so cue\n"), mfa.local_second_factor)
    assert f.status is Status.WARN and f.evidence["/etc/pam.d/login"] == "auth sufficient pam_u2f.so cue"


@pytest.mark.parametrize(
    ("rule", "status"),
    [
        # pam.conf(5): "sufficient" is [success=done new_authtok_reqd=done default=ignore]: a key
        # that fails (or is absent) is ignored and the password alone goes on. Read as enforced.
        ("auth [success=done new_authtok_reqd=done default=ignore] pam_u2f.so cue", Status.WARN),
        ("auth [success=ok default=ignore] pam_u2f.so", Status.WARN),
        ("auth [success=ok default=1] pam_u2f.so", Status.WARN),  # a failure jumps over the next rule
        ("auth [success=ok auth_err=ignore default=die] pam_u2f.so", Status.WARN),  # a wrong key is ignored
        # pam_u2f's nouserok lets a user with no key registered in (its nullok): read as enforced.
        ("auth required pam_u2f.so nouserok cue", Status.WARN),
        # "required" spelled out, and a control without default (Linux-PAM makes the rest "bad").
        ("auth [success=ok new_authtok_reqd=ok ignore=ignore default=bad] pam_u2f.so", Status.PASS),
        ("auth [success=ok] pam_u2f.so", Status.PASS),
    ],
)
def test_mfa003_a_second_factor_that_may_be_skipped_is_optional(rule, status):
    f = run_one(stacks(sudo=f"{rule}\n@include common-auth\n"), mfa.local_second_factor)
    assert f.status is status and f.evidence["/etc/pam.d/sudo"] == rule


# --- issue 11: the sshd lines that decided, under `sshd -T` or the file they came from ---------


def test_real_sshd_t_names_its_deciding_lines():
    f = check(linux(t=(0, real("linux", "sshd-T", 1), "")))
    assert f.status is Status.FAIL
    assert f.evidence["sshd -T"] == [
        "passwordauthentication yes",
        "kbdinteractiveauthentication no",
        "authenticationmethods any",
        "usepam yes",
    ]


def test_a_drop_in_that_wins_is_named_as_the_file_that_decided():
    dropin = "/etc/ssh/sshd_config.d/50-cloud-init.conf"
    f = check(
        linux(
            config=fixture("linux/sshd/debian-sshd_config.txt"),
            dropins={dropin: fixture("linux/sshd/50-cloud-init.conf")},
        )
    )
    assert f.status is Status.FAIL
    assert f.evidence[dropin] == ["PasswordAuthentication yes"]  # first value wins: the main file's "no" never counts
    assert f.evidence[CONFIG] == ["KbdInteractiveAuthentication no", "UsePAM yes"]


def test_sshd_config_words_in_any_case_as_sshd_reads_them():
    """sshd reads yes/no without case (strcasecmp): `PasswordAuthentication No` refuses passwords."""
    config = "PasswordAuthentication No\nKbdInteractiveAuthentication NO\n"
    f = check(linux(config=config))
    assert f.status is Status.PASS and f.evidence[CONFIG] == [
        "PasswordAuthentication No",
        "KbdInteractiveAuthentication NO",
    ]
