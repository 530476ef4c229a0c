"""ENC-003: other fixed data volumes encrypted (Linux mounts through the device stack,
Windows fixed data drives through BitLocker); removable media and boot partitions left out."""

import json

import pytest

from hygiene.checks.encryption import data_volumes_encrypted
from hygiene.checks.encryption.linux import LSBLK_JSON, LSBLK_TEXT
from hygiene.checks.encryption.windows import FIXED_VOLUMES_JSON
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.parsers.diskutil_apfs import parse_apfs_list
from hygiene.platforms.macos import DISKUTIL_APFS
from hygiene.platforms.windows import POWERSHELL
from tests.helpers import fixture, machine, real

OLD_LSBLK = (1, "", "lsblk: invalid option -- 'J'\n")
ROOT = "/dev/vda1 / ext4 rw 0 0\n/dev/vda15 /boot/efi vfat rw 0 0\n"
PLAIN = "/dev/vdb1 /srv/dev-disk-by-label-test ext4 rw 0 0\n"
CRYPT = "/dev/mapper/vdc-crypt /srv/dev-disk-by-label-crypttest ext4 rw 0 0\n"
NOT_REMOVABLE = {f"/sys/class/block/{d}/removable": "0\n" for d in ("vdb1", "vdb", "vdc-crypt")}


def linux(mounts, files=None, commands=None):
    files = {"/proc/self/mounts": mounts, **NOT_REMOVABLE, **(files or {})}
    commands = commands or {LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, real("linux", "lsblk", 1), "")}
    return run_one(machine(files=files, commands=commands), data_volumes_encrypted)


def test_plain_data_partition_fails_and_only_it_is_named():
    f = linux(ROOT + PLAIN + CRYPT)
    assert f.status is Status.FAIL and "/srv/dev-disk-by-label-test" in f.summary and "crypttest" not in f.summary


def test_encrypted_data_volume_passes():
    f = linux(ROOT + CRYPT)
    assert f.status is Status.PASS and "vdc-crypt (crypt" in f.summary


def test_only_the_system_disk_and_boot_partition_is_not_applicable():
    assert linux(ROOT).status is Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("mounts", "files"),
    [
        (ROOT + "/dev/sdc1 /media/amina/USB ext4 rw 0 0\n", {}),  # a desktop's automount
        (
            ROOT + "/dev/sdc1 /mnt/card vfat rw 0 0\n",
            {"/sys/class/block/sdc1/removable": "0\n", "/sys/class/block/sdc/removable": "1\n"},
        ),
        (ROOT + "/dev/loop3 /snap/core22/1380 squashfs ro 0 0\n", {}),
        (ROOT + "/dev/vda1 /home ext4 rw 0 0\n", {}),  # the system disk again: ENC-001's job
    ],
    ids=["media", "removable-flag", "snap", "same-device"],
)
def test_removable_snap_and_system_disk_mounts_are_left_out(mounts, files):
    files = {"/sys/class/block/sdc1/removable": None, "/sys/class/block/sdc/removable": None, **files}
    assert linux(mounts, files).status is Status.NOT_APPLICABLE


def test_unknown_without_lsblk_or_device_mapper_facts():
    f = linux(ROOT + "/dev/mapper/data /srv/data ext4 rw 0 0\n",
              files={"/sys/class/block/data/removable": None, "/sys/class/block/data/dm/uuid": None},
              commands={LSBLK_JSON: "missing"} | {})  # fmt: skip
    assert f.status is Status.UNKNOWN


def windows(answer):
    return run_one(
        machine(platform="windows", commands={(*POWERSHELL, FIXED_VOLUMES_JSON): answer}), data_volumes_encrypted
    )


def drive(status, protection="On", mount="D:"):
    return {"MountPoint": mount, "VolumeStatus": status, "ProtectionStatus": protection, "EncryptionPercentage": 100,
            "KeyProtector": ["ExternalKey", "RecoveryPassword"]}  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "status"),
    [
        ([drive("FullyEncrypted")], Status.PASS),
        ([drive("FullyEncrypted"), drive("FullyDecrypted", "Off", "E:")], Status.FAIL),
        ([drive("EncryptionInProgress", "Off")], Status.WARN),
        ([], Status.NOT_APPLICABLE),
    ],
)
def test_windows_data_drives(rows, status):
    f = windows((0, json.dumps(rows), ""))
    assert f.status is status
    if status is Status.FAIL:
        assert "E:" in f.summary and "D:" not in f.summary


def test_windows_without_administrator():
    f = windows((1, "", "Get-BitLockerVolume : Access denied (0x80070005)\n"))
    assert f.status is Status.UNKNOWN and "Run as administrator" in f.summary


@pytest.mark.parametrize("answer", ["missing", (1, "", "Get-BitLockerVolume : The term is not recognized\n")])
def test_windows_without_the_cmdlet_gives_the_reason_not_the_administrator_hint(answer):
    f = windows(answer)
    assert f.status is Status.UNKNOWN and "administrator" not in f.summary


def test_windows_a_state_hygiene_does_not_know_is_unknown_unless_another_drive_fails():
    odd = drive("SomethingNew", mount="E:")
    f = windows((0, json.dumps([drive("FullyEncrypted"), odd]), ""))
    assert (
        f.status is Status.UNKNOWN
        and f.summary == "BitLocker reported SomethingNew for E:, which hygiene does not know."
    )
    assert f.evidence["volumes"] == ["D:: FullyEncrypted", "E:: SomethingNew"]  # (sic: the mount keeps its colon)
    assert windows((0, json.dumps([drive("FullyDecrypted", "Off"), odd]), "")).status is Status.FAIL


# --- macOS: diskutil apfs list ---------------------------------------------------------------

APFS = fixture("macos/diskutil-apfs/startup-and-plain-archive.txt")


def mac(answer):
    return run_one(machine(platform="macos", commands={DISKUTIL_APFS: answer}), data_volumes_encrypted)


def test_macos_plain_archive_volume_fails_and_startup_volumes_are_left_out():
    f = mac((0, APFS, ""))
    assert f.status is Status.FAIL and f.summary == "Not encrypted: Archive (/Volumes/Archive)."
    volumes = parse_apfs_list(APFS)
    assert [(v.name, v.mount, v.encrypted, v.role) for v in volumes] == [
        ("Macintosh HD", None, True, "System"),
        ("Macintosh HD - Data", "/System/Volumes/Data", True, "Data"),
        ("Archive", "/Volumes/Archive", False, ""),
    ]


def test_macos_time_machine_volumes_are_left_to_bak003():
    backup_role = APFS.replace("disk5s1 (No specific role)", "disk5s1 (Backup)")
    assert mac((0, backup_role, "")).status is Status.NOT_APPLICABLE


def test_macos_encrypted_archive_passes():
    f = mac((0, APFS.replace("FileVault:                 No", "FileVault:                 Yes (Unlocked)"), ""))
    assert f.status is Status.PASS


def test_macos_two_filevault_lines_that_disagree_are_unknown():
    twice = "FileVault:                 Yes (Unlocked)\n        FileVault:                 No"
    f = mac((0, APFS.replace("FileVault:                 No", twice), ""))
    said = "FileVault:                 No"
    assert f.status is Status.UNKNOWN and f"Archive (/Volumes/Archive: '{said}')" in f.summary
    assert f.evidence["unrecognised"] == [said]


def test_macos_only_the_startup_disk_is_not_applicable():
    only_startup = APFS.split("+-- Container disk5")[0]
    assert mac((0, only_startup, "")).status is Status.NOT_APPLICABLE


def test_macos_diskutil_failure_is_unknown():
    assert mac((1, "", "Error: -69808\n")).status is Status.UNKNOWN
    assert mac((0, "something else\n", "")).status is Status.UNKNOWN


def test_macos_catalina_recovery_and_vm_volumes_are_not_data_volumes():
    """Catalina mounts Recovery under /Volumes and VM at /private/var/vm, both unencrypted."""
    f = mac((0, fixture("macos/diskutil-apfs/catalina-recovery-mounted.txt"), ""))
    assert f.status is Status.NOT_APPLICABLE


def test_macos_snapshot_mount_point_is_not_the_volumes_mount():
    volumes = parse_apfs_list(fixture("macos/diskutil-apfs/bigsur-sealed-snapshot.txt"))
    assert [(v.name, v.mount, v.role) for v in volumes] == [
        ("Macintosh HD", None, "System"),  # "Snapshot Mount Point: /" belongs to the snapshot
        ("Macintosh HD - Data", "/System/Volumes/Data", "Data"),
    ]


def test_macos_another_installs_data_volume_counts():
    listing = APFS.replace("disk5s1 (No specific role)", "disk5s1 (Data)")
    assert mac((0, listing, "")).status is Status.FAIL
