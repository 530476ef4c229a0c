"""Every real capture in ../shared/real-outputs, through the check that reads it, with its verdict
pinned: a change in any verdict is a visible change of the table below, made in review.

Each capture is the answer of the command (or the text of the file) its check asks for, on the
machine tests/pinned_machines.py builds for its folder: everything else is a plain default, so
the capture decides. The check runs through the engine, as in production (a ParseError or
ProbeUnavailable is UNKNOWN), at one audit clock, pinned_machines.CLOCK (2026-12-01 09:00 UTC):
captures carry dates, so age and end-of-support verdicts are those of that day.

The table holds the verdict a careful person gives the capture. Where the check says otherwise
today, the row is in WRONG_TODAY, a strict xfail naming the fault class (issue 11): when the check
is fixed the xfail fails, and the entry must go. Likewise NOT_YET_QUOTING: findings from text
must quote a line of it in their evidence (hygiene.parsers.deciding_line), and these do not yet.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from hygiene.engine import run_one
from hygiene.model import Finding, Status
from hygiene.parsers import deciding_line
from hygiene.parsers.os_release import parse_os_release
from hygiene.registry import BY_ID
from tests.helpers import REAL_OUTPUTS, read_real
from tests.pinned_machines import (
    AS_PRINTED,
    MACHINES,
    NOT_READ,
    READ_AS_JSON,
    bitlocker_as_our_json,
    powershell_view,
)

FAMILY = "family"  # not a check: the Linux family whose remediation is shown (SystemFacts.family)

# (capture under ../shared/real-outputs, check, verdict): what each capture shows, then its rows.
TABLE: list[tuple[str, str, str]] = [
    # 20auto-upgrades: 1 every job "0" after a commented-out block; 3 and 5 unattended upgrades on.
    ("linux/apt-20auto-upgrades/1.txt", "UPD-003", "FAIL"),
    ("linux/apt-20auto-upgrades/3.txt", "UPD-003", "PASS"),
    ("linux/apt-20auto-upgrades/5.txt", "UPD-003", "PASS"),
    # apt-get -s: 1 dpkg from Debian-Security; 13 curl and libcurl4 from jammy-security; the
    # others come only from -updates, stable or third-party suites: no security fix waits.
    ("linux/apt-get-s-upgrade/1.txt", "UPD-001", "FAIL"),
    ("linux/apt-get-s-upgrade/3.txt", "UPD-001", "PASS"),
    ("linux/apt-get-s-upgrade/5.txt", "UPD-001", "PASS"),
    ("linux/apt-get-s-upgrade/7.txt", "UPD-001", "PASS"),
    ("linux/apt-get-s-upgrade/9.txt", "UPD-001", "PASS"),
    ("linux/apt-get-s-upgrade/11.txt", "UPD-001", "PASS"),
    ("linux/apt-get-s-upgrade/13.txt", "UPD-001", "FAIL"),
    # apt list --upgradable: 1 nine packages from jammy-security; 3 nothing listed.
    ("linux/apt-list-upgradable/1.txt", "UPD-001", "FAIL"),
    ("linux/apt-list-upgradable/3.txt", "UPD-001", "PASS"),
    # pacman: 20 updates, and Arch does not say which fix security problems.
    ("linux/checkupdates-pacman/1.txt", "UPD-001", "WARN"),
    # dnf check-update on CentOS 7 (no advisories): 15 updates, none known to be security.
    ("linux/dnf-check-update/1.txt", "UPD-001", "WARN"),
    # updateinfo: 1 RHEL 7 Important/Moderate security advisories; 3 a Fedora security advisory.
    ("linux/dnf-updateinfo-list-security/1.txt", "UPD-001", "FAIL"),
    ("linux/dnf-updateinfo-list-security/3.txt", "UPD-001", "FAIL"),
    # firewalld: 1 running; 3 failed (failsafe mode): whether it filters cannot be told.
    ("linux/firewall-cmd-state/1.txt", "DEV-001", "PASS"),
    ("linux/firewall-cmd-state/3.txt", "DEV-001", "UNKNOWN"),
    # lsblk -J: / on sda3, xfs straight on the partition, no crypt layer.
    ("linux/lsblk-json/1.txt", "ENC-001", "FAIL"),
    # lsblk text: 1 / on vda1 plain, swap vda5 plain, /srv data on plain vdb1 (and two crypt
    # volumes); 3 / on LVM inside LUKS; 5 / and swap on LVM inside LUKS, only /boot besides;
    # 7 a headerless excerpt: columns cannot be told apart.
    ("linux/lsblk/1.txt", "ENC-001", "FAIL"),
    ("linux/lsblk/1.txt", "ENC-002", "FAIL"),
    ("linux/lsblk/1.txt", "ENC-003", "FAIL"),
    ("linux/lsblk/3.txt", "ENC-001", "PASS"),
    ("linux/lsblk/5.txt", "ENC-001", "PASS"),
    ("linux/lsblk/5.txt", "ENC-002", "PASS"),
    ("linux/lsblk/5.txt", "ENC-003", "NOT_APPLICABLE"),
    ("linux/lsblk/7.txt", "ENC-001", "UNKNOWN"),
    # needs-restarting -r: both say a reboot is required (glibc; kernel).
    ("linux/needs-restarting-r/1.txt", "UPD-004", "FAIL"),
    ("linux/needs-restarting-r/3.txt", "UPD-004", "FAIL"),
    # os-release: CentOS 7, Ubuntu 16.04 (ESM over; Legacy is paid), Ubuntu 26.04, Debian 13,
    # Fedora 30, RHEL 7.0 (only paid ELS), RHEL 10.0 (a minor release superseded by 10.1 in
    # 2025: only paid EUS), Alpine 3.23, openSUSE Leap 42.1.
    ("linux/os-release/1.txt", "UPD-005", "FAIL"),
    ("linux/os-release/1.txt", FAMILY, "rhel"),
    ("linux/os-release/3.txt", "UPD-005", "FAIL"),
    ("linux/os-release/3.txt", FAMILY, "debian"),
    ("linux/os-release/5.txt", "UPD-005", "PASS"),
    ("linux/os-release/5.txt", FAMILY, "debian"),
    ("linux/os-release/7.txt", "UPD-005", "PASS"),
    ("linux/os-release/7.txt", FAMILY, "debian"),
    ("linux/os-release/9.txt", "UPD-005", "FAIL"),
    ("linux/os-release/9.txt", FAMILY, "rhel"),
    ("linux/os-release/11.txt", "UPD-005", "FAIL"),
    ("linux/os-release/11.txt", FAMILY, "rhel"),
    ("linux/os-release/13.txt", "UPD-005", "FAIL"),
    ("linux/os-release/13.txt", FAMILY, "rhel"),
    ("linux/os-release/15.txt", "UPD-005", "PASS"),
    ("linux/os-release/15.txt", FAMILY, "alpine"),
    ("linux/os-release/17.txt", "UPD-005", "FAIL"),
    ("linux/os-release/17.txt", FAMILY, "suse"),
    # restic: the newest snapshot is from March 2017.
    ("linux/restic-snapshots-json/1.txt", "BAK-002", "FAIL"),
    # sshd -T: passwordauthentication yes.
    ("linux/sshd-T/1.txt", "MFA-001", "FAIL"),
    # timedatectl show: 1 NTP on, not yet synchronised; 3 synchronised.
    ("linux/timedatectl-show/1.txt", "MFA-004", "WARN"),
    ("linux/timedatectl-show/3.txt", "MFA-004", "PASS"),
    # timedatectl status (old key names, RTC-in-local-time warnings, escape codes): synchronised.
    ("linux/timedatectl-status/1.txt", "MFA-004", "PASS"),
    ("linux/timedatectl-status/3.txt", "MFA-004", "PASS"),
    ("linux/timedatectl-status/5.txt", "MFA-004", "PASS"),
    ("linux/timedatectl-status/7.txt", "MFA-004", "PASS"),
    # ufw: active, incoming denied by default.
    ("linux/ufw-status-verbose/1.txt", "DEV-001", "PASS"),
    ("linux/ufw-status-verbose/3.txt", "DEV-001", "PASS"),
    # yum check-update: 1 CentOS 7 (no advisories): 41 updates, none known to be security;
    # 3 Oracle Linux 8, whose updateinfo (a plain default: no advisory at all) classifies none of
    # its 73 updates, so which fix security issues cannot be told (a PASS before issue 11).
    ("linux/yum-check-update/1.txt", "UPD-001", "WARN"),
    ("linux/yum-check-update/3.txt", "UPD-001", "WARN"),
    # zypper: 1 no updates found; 3 SLES 12 SP5 with 12 security patches needed.
    ("linux/zypper-list-patches/1.txt", "UPD-001", "PASS"),
    ("linux/zypper-list-patches/3.txt", "UPD-001", "FAIL"),
    # Software Update preferences: 1 last checked 2020, installs automatically (absent keys are
    # macOS's defaults: on); 3 last checked 2021, security responses not installed; 5 a single
    # grep line: automatic checks off, no date at all.
    ("macos/defaults-read-softwareupdate/1.txt", "UPD-002", "FAIL"),
    ("macos/defaults-read-softwareupdate/1.txt", "UPD-003", "PASS"),
    ("macos/defaults-read-softwareupdate/3.txt", "UPD-002", "FAIL"),
    ("macos/defaults-read-softwareupdate/3.txt", "UPD-003", "FAIL"),
    ("macos/defaults-read-softwareupdate/5.txt", "UPD-002", "UNKNOWN"),
    ("macos/defaults-read-softwareupdate/5.txt", "UPD-003", "FAIL"),
    # fdesetup: 1 on; 3 decrypting (being turned off); 5 off, enablement deferred to next login.
    ("macos/fdesetup-status/1.txt", "ENC-001", "PASS"),
    ("macos/fdesetup-status/3.txt", "ENC-001", "FAIL"),
    ("macos/fdesetup-status/5.txt", "ENC-001", "WARN"),
    # socketfilterfw: enabled (State 1 and 2), and blocking all incoming connections.
    ("macos/socketfilterfw-getglobalstate/1.txt", "DEV-001", "PASS"),
    ("macos/socketfilterfw-getglobalstate/3.txt", "DEV-001", "PASS"),
    ("macos/socketfilterfw-getglobalstate/5.txt", "DEV-001", "PASS"),
    # softwareupdate -l: recommended updates needing a restart (new and old layouts), except
    # 3 (the scan failed) and 5 (nothing new).
    ("macos/softwareupdate-l/1.txt", "UPD-001", "FAIL"),
    ("macos/softwareupdate-l/1.txt", "UPD-004", "WARN"),
    ("macos/softwareupdate-l/3.txt", "UPD-001", "UNKNOWN"),
    ("macos/softwareupdate-l/3.txt", "UPD-004", "UNKNOWN"),
    ("macos/softwareupdate-l/5.txt", "UPD-001", "PASS"),
    ("macos/softwareupdate-l/5.txt", "UPD-004", "PASS"),
    ("macos/softwareupdate-l/7.txt", "UPD-001", "FAIL"),
    ("macos/softwareupdate-l/7.txt", "UPD-004", "WARN"),
    ("macos/softwareupdate-l/9.txt", "UPD-001", "FAIL"),
    ("macos/softwareupdate-l/9.txt", "UPD-004", "WARN"),
    ("macos/softwareupdate-l/11.txt", "UPD-001", "FAIL"),
    ("macos/softwareupdate-l/11.txt", "UPD-004", "WARN"),
    # sw_vers: 10.13 (ended 2020); 15.7.4 (one of the three Apple updates); 14.0 (Sonoma, expected
    # to stop when macOS 27 shipped in autumn 2026: Apple publishes no date, so "may no longer").
    ("macos/sw_vers/1.txt", "UPD-005", "FAIL"),
    ("macos/sw_vers/3.txt", "UPD-005", "PASS"),
    ("macos/sw_vers/5.txt", "UPD-005", "WARN"),
    # Time Machine: a NAS destination (off this Mac; its encryption not visible from here);
    # a newest backup from August 2011.
    ("macos/tmutil-destinationinfo/1.txt", "BAK-001", "PASS"),
    ("macos/tmutil-destinationinfo/1.txt", "BAK-003", "UNKNOWN"),
    ("macos/tmutil-destinationinfo/1.txt", "BAK-004", "PASS"),
    ("macos/tmutil-latestbackup/1.txt", "BAK-002", "FAIL"),
    # Get-BitLockerVolume: 1 C: fully decrypted, D: encrypting (1 %), E:, F:, G: decrypted;
    # 3 C: alone, fully encrypted, protection on.
    ("windows/get-bitlockervolume/1.txt", "ENC-001", "FAIL"),
    ("windows/get-bitlockervolume/1.txt", "ENC-002", "FAIL"),
    ("windows/get-bitlockervolume/1.txt", "ENC-003", "FAIL"),
    ("windows/get-bitlockervolume/3.txt", "ENC-001", "PASS"),
    ("windows/get-bitlockervolume/3.txt", "ENC-002", "PASS"),
    # Get-HotFix tables: the newest update installed is from 2017, 2025 (April), 2020, 2017.
    ("windows/get-hotfix/1.txt", "UPD-001", "FAIL"),
    ("windows/get-hotfix/1.txt", "UPD-002", "FAIL"),
    ("windows/get-hotfix/3.txt", "UPD-001", "FAIL"),
    ("windows/get-hotfix/3.txt", "UPD-002", "FAIL"),
    ("windows/get-hotfix/5.txt", "UPD-001", "FAIL"),
    ("windows/get-hotfix/5.txt", "UPD-002", "FAIL"),
    ("windows/get-hotfix/7.txt", "UPD-001", "FAIL"),
    ("windows/get-hotfix/7.txt", "UPD-002", "FAIL"),
    # Defender: 1 on, signatures from 2013; 3 real-time protection off.
    ("windows/get-mpcomputerstatus/1.txt", "DEV-004", "FAIL"),
    ("windows/get-mpcomputerstatus/3.txt", "DEV-004", "FAIL"),
    # manage-bde -status C: 1 (German) fully decrypted; 3 (German) still converting at 100 %;
    # 5 only a data volume M: (no block for C:); 7 C: used space encrypted, protection on;
    # 9 encrypting at 99 %, protection off.
    ("windows/manage-bde-status/1.txt", "ENC-001", "FAIL"),
    ("windows/manage-bde-status/1.txt", "ENC-002", "FAIL"),
    ("windows/manage-bde-status/3.txt", "ENC-001", "WARN"),
    ("windows/manage-bde-status/3.txt", "ENC-002", "WARN"),
    ("windows/manage-bde-status/5.txt", "ENC-001", "UNKNOWN"),
    ("windows/manage-bde-status/5.txt", "ENC-002", "UNKNOWN"),
    ("windows/manage-bde-status/7.txt", "ENC-001", "PASS"),
    ("windows/manage-bde-status/7.txt", "ENC-002", "PASS"),
    ("windows/manage-bde-status/9.txt", "ENC-001", "WARN"),
    ("windows/manage-bde-status/9.txt", "ENC-002", "WARN"),
    # netsh: the Domain profile alone (cut short): Private and Public cannot be told.
    ("windows/netsh-advfirewall-show-allprofiles/1.txt", "DEV-001", "UNKNOWN"),
    # wmic qfe: the newest update installed is from August 2022; May 2020.
    ("windows/wmic-qfe-list/1.txt", "UPD-001", "FAIL"),
    ("windows/wmic-qfe-list/1.txt", "UPD-002", "FAIL"),
    ("windows/wmic-qfe-list/3.txt", "UPD-001", "FAIL"),
    ("windows/wmic-qfe-list/3.txt", "UPD-002", "FAIL"),
]

# Rows the check gets wrong today: what it says, and the fault class (issue 11).
WRONG_TODAY: dict[tuple[str, str], str] = {}

# Findings from text whose evidence does not yet quote a line of it (issue 11, convention 1).
NOT_YET_QUOTING: set[tuple[str, str]] = {
    ("linux/lsblk/7.txt", "ENC-001"),
    ("macos/defaults-read-softwareupdate/5.txt", "UPD-002"),
}


def _real(path: str) -> Path:
    """The capture, or a skip when ../shared is not beside this checkout."""
    if not REAL_OUTPUTS.is_dir():
        pytest.skip(f"{REAL_OUTPUTS} is absent (../shared is not beside this checkout)")
    capture = REAL_OUTPUTS / path
    assert capture.is_file(), f"the table names {path}, which is not in {REAL_OUTPUTS}: restore it or drop the row"
    return capture


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0]


def _finding(path: str, check: str) -> Finding:
    capture = _real(path)
    return run_one(MACHINES[_folder(path)](_as_printed(path), int(capture.stem)), BY_ID[check])


def _as_printed(path: str) -> str:
    return AS_PRINTED.get(path, str)(read_real(_real(path)))


def _marked(rows: list[tuple], wrong: dict | set, reason: str | None = None) -> list:
    return [
        pytest.param(
            *row, id=f"{row[0]}-{row[1]}", marks=pytest.mark.xfail(strict=True, reason=reason or wrong[row[:2]])
        )
        if row[:2] in wrong
        else pytest.param(*row, id=f"{row[0]}-{row[1]}")
        for row in rows
    ]


@pytest.mark.parametrize(("path", "check", "verdict"), _marked(TABLE, WRONG_TODAY))
def test_verdict_is_pinned(path, check, verdict):
    if check == FAMILY:
        assert parse_os_release(read_real(_real(path))).family == verdict
        return
    f = _finding(path, check)
    assert f.status.name == verdict, f"{path} {check}: {f.status.name} ({f.summary})"


def _strings(value: object) -> list[str]:
    """The text in an evidence value: strings, list items, nested values."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


# Findings of checks that read text and decide something from it (NOT_APPLICABLE is decided by
# what is absent, the family is no finding).
QUOTING_ROWS = [
    (path, check)
    for path, check, verdict in TABLE
    if _folder(path) not in READ_AS_JSON and check != FAMILY and verdict != "NOT_APPLICABLE"
]


@pytest.mark.parametrize(
    ("path", "check"), _marked(QUOTING_ROWS, NOT_YET_QUOTING, "issue 11: evidence does not yet name the deciding line")
)
def test_evidence_quotes_a_deciding_line(path, check):
    """A line of the capture is quoted when an evidence string holds it. A line of one word
    counts only when it is the whole answer (firewall-cmd's `running`), a `KEY=value` line
    (os-release, timedatectl --show) or apt's "Listing...": a package or key protector name
    alone on its line is a parsed fact, not a quoted line."""
    f = _finding(path, check)
    lines = {deciding_line(ln) for ln in _as_printed(path).splitlines() if ln.strip()}
    lines = {line for line in lines if len(line.split()) > 1 or "=" in line or line.endswith("...")} or lines
    quoted = [s for s in _strings(f.evidence) if any(line in s for line in lines)]
    assert quoted, f"{path} {check}: no line of the capture in the evidence {f.evidence}"


def test_every_capture_has_a_row():
    if not REAL_OUTPUTS.is_dir():
        pytest.skip(f"{REAL_OUTPUTS} is absent (../shared is not beside this checkout)")
    pinned = {path for path, _, _ in TABLE}
    captures = {p.relative_to(REAL_OUTPUTS).as_posix() for p in REAL_OUTPUTS.glob("*/*/*.txt")}
    missing = sorted(c for c in captures - pinned if _folder(c) not in NOT_READ)
    assert not missing, (
        f"captures with no pinned verdict: {missing}; add a row (capture, check, verdict) for each to "
        "TABLE in tests/test_real_outputs_pinned.py, and its folder to MACHINES in tests/pinned_machines.py"
    )
    assert not {_folder(c) for c in captures} - {_folder(p) for p in pinned} - NOT_READ.keys()


def test_the_table_is_well_formed():
    rows = [(path, check) for path, check, _ in TABLE]
    assert not [row for row, n in Counter(rows).items() if n > 1], "a (capture, check) is pinned twice"
    for path, check, verdict in TABLE:
        assert _folder(path) in MACHINES, f"{path}: no machine for its folder in tests/pinned_machines.py"
        assert check == FAMILY or check in BY_ID, f"{path}: {check} is no check"
        assert check == FAMILY or verdict in Status.__members__, f"{path} {check}: {verdict} is no status"
    assert set(WRONG_TODAY) <= set(rows) and NOT_YET_QUOTING <= set(QUOTING_ROWS)
    assert not NOT_READ.keys() & {_folder(p) for p, _ in rows}


def test_powershell_views_read_as_the_json_our_questions_print():
    """The reading of Get-BitLockerVolume's table and list views into our JSON, on both captures:
    a value longer than its column's rule, a two-line header, a protector list cut short."""
    table = [bitlocker_as_our_json(r) for r in powershell_view(read_real(_real("windows/get-bitlockervolume/1.txt")))]
    assert [(r["MountPoint"], r["VolumeStatus"], r["ProtectionStatus"], r["EncryptionPercentage"]) for r in table] == [
        ("D:", "EncryptionInProgress", "Off", 1),
        ("E:", "FullyDecrypted", "Off", 0),
        ("C:", "FullyDecrypted", "Off", 0),
        ("F:", "FullyDecrypted", "Off", 0),
        ("G:", "FullyDecrypted", "Off", 0),
    ]
    assert [r["KeyProtector"] for r in table[:3]] == [["RecoveryPassword"], [], ["Tpm"]]
    (listed,) = powershell_view(read_real(_real("windows/get-bitlockervolume/3.txt")))
    assert bitlocker_as_our_json(listed) == {
        "MountPoint": "C:",
        "VolumeStatus": "FullyEncrypted",
        "ProtectionStatus": "On",
        "EncryptionPercentage": 100,
        "KeyProtector": ["RecoveryPassword", "Tpm"],
    }
    assert listed["VolumeType"] == "OperatingSystem"
