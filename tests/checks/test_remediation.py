"""Every check's remediation is its own, on its own platform: PWD-002's Windows fix once named
`net accounts /minpwlen:15` (PWD-001's setting) instead of /maxpwage:unlimited, and BAK-005
told Windows and Linux users to browse Time Machine."""

import pytest

from hygiene.model import Platform
from hygiene.registry import CHECKS, find_check

# A command or setting that does one check's job, and the checks whose steps may name it.
OWNED = {
    "/minpwlen": {"PWD-001"},
    "minlen": {"PWD-001"},
    "minChars": {"PWD-001"},
    "/maxpwage": {"PWD-002"},
    "PASS_MAX_DAYS": {"PWD-002"},
    "chage -M": {"PWD-002"},
    "/lockoutthreshold": {"PWD-003"},
    "faillock": {"PWD-003"},
    "maxFailedAttempts": {"PWD-003"},
    "MaximumFailedAuthentications": {"PWD-003"},
    "/passwordreq": {"PWD-005"},
    "passwd -l": {"PWD-005"},
    "[attest] password_manager": {"PWD-004"},
    "extended_support": {"UPD-005"},
    "PasswordAuthentication": {"MFA-001"},
    "ssh-keygen": {"MFA-002"},
    "pam_u2f": {"MFA-003"},
    "set-ntp": {"MFA-004"},
    "[[accounts]]": {"MFA-005"},
    "EncryptPagingFile": {"ENC-002"},
    "crypttab": {"ENC-002", "ENC-003"},
    "luksFormat": {"ENC-003"},
    "do-release-upgrade": {"UPD-005"},
    "system-upgrade": {"UPD-005"},
    "sudo reboot": {"UPD-004"},
    "dnf-automatic": {"UPD-002", "UPD-003"},
    "unattended-upgrades": {"UPD-002", "UPD-003"},
    "restore_tested": {"BAK-005"},
    "offsite_copy": {"BAK-004"},
    "training_completed": {"AWR-001"},
    "hygiene learn": {"AWR-001"},
    "incident_reporting_known": {"AWR-002"},
    "[attest] incident_plan": {"AWR-003"},
    "socketfilterfw": {"DEV-001"},
    "Set-NetFirewallProfile": {"DEV-001"},
    "ufw enable": {"DEV-001"},
    "idle-delay": {"DEV-002"},
    "kcm_screenlocker": {"DEV-002"},
    "netplwiz": {"DEV-003"},
    "AutoAdminLogon": {"DEV-003"},
    "autologin-user": {"DEV-003"},
    "freshclam": {"DEV-004"},
    "Update-MpSignature": {"DEV-004"},
    "NOPASSWD": {"DEV-005"},
    "clearaccountpolicies": set(),  # clears every policy: the length and lockout of PWD-001 and PWD-003 too
}
# Words that exist on one platform only: in another platform's steps they are a mix-up.
ONLY_ON = {
    "Time Machine": Platform.MACOS,
    "pwpolicy": Platform.MACOS,
    "fdesetup": Platform.MACOS,
    "FileVault": Platform.MACOS,
    "System Settings": Platform.MACOS,
    "Finder": Platform.MACOS,
    "secpol.msc": Platform.WINDOWS,
    "net accounts": Platform.WINDOWS,
    "net user": Platform.WINDOWS,
    "manage-bde": Platform.WINDOWS,
    "BitLocker": Platform.WINDOWS,
    "File History": Platform.WINDOWS,
    "services.msc": Platform.WINDOWS,
    "gpedit.msc": Platform.WINDOWS,
    "fsutil": Platform.WINDOWS,
    "Windows Update": Platform.WINDOWS,
    "OneDrive": Platform.WINDOWS,
    "Restart-Service": Platform.WINDOWS,
    "sudo apt": Platform.LINUX,
    "dnf ": Platform.LINUX,
    "systemctl": Platform.LINUX,
    "/etc/pam.d": Platform.LINUX,
    "pwquality": Platform.LINUX,
    "login.defs": Platform.LINUX,
    "cryptsetup": Platform.LINUX,
    "timedatectl": Platform.LINUX,
    "Déjà Dup": Platform.LINUX,
}


def every_step():
    """(check id, platform, text) for every remediation, Linux families included."""
    for check in CHECKS:
        meta = check.meta
        for platform, text in meta.remediation.items():
            yield meta.id, platform, text
        for family, text in meta.family_remediation.items():
            yield f"{meta.id} ({family})", Platform.LINUX, text


def test_no_step_belongs_to_another_check():
    mixed = [
        (where, platform.value, word)
        for where, platform, text in every_step()
        for word, owners in OWNED.items()
        if word in text and where.split()[0] not in owners
    ]
    assert not mixed


def test_no_step_belongs_to_another_platform():
    mixed = [
        (where, platform.value, word)
        for where, platform, text in every_step()
        for word, home in ONLY_ON.items()
        if word in text and platform is not home
    ]
    assert not mixed


def test_each_owned_step_is_where_it_belongs():
    """The table above is not vacuous: each owned word is in its own check's steps."""
    texts = {}
    for where, _, text in every_step():
        texts.setdefault(where.split()[0], []).append(text)
    for word, owners in OWNED.items():
        if owners:
            assert any(word in t for owner in owners for t in texts[owner]), word


@pytest.mark.parametrize(
    ("check_id", "platform", "says"),
    [
        ("PWD-001", Platform.WINDOWS, "net accounts /minpwlen:15"),
        ("PWD-002", Platform.WINDOWS, "net accounts /maxpwage:unlimited"),
        ("PWD-003", Platform.WINDOWS, "net accounts /lockoutthreshold:5"),
        ("BAK-005", Platform.MACOS, "Time Machine"),
        ("BAK-005", Platform.WINDOWS, "File History"),
        ("BAK-005", Platform.LINUX, "restic restore latest"),
    ],
)
def test_the_step_for_each_platform(check_id, platform, says):
    assert says in find_check(check_id).meta.remediation[platform]


def test_explain_pwd002_gives_windows_the_command_that_stops_forced_changes():
    from typer.testing import CliRunner

    from hygiene.cli.app import app

    out = " ".join(CliRunner().invoke(app, ["explain", "PWD-002"]).stdout.split())
    windows = out[out.index("How to fix it on Windows") :]
    assert "net accounts /maxpwage:unlimited" in windows and "minpwlen" not in out
