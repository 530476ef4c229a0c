import html

import pytest

from hygiene.checks.encryption import system_disk_encrypted
from hygiene.checks.encryption.linux import LSBLK_JSON, LSBLK_TEXT, ZFS_GET
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.system import FileUnreadable
from tests.helpers import fixture, machine, real

MOUNTS = "/proc/self/mounts"
OLD_LSBLK = (1, "", "lsblk: invalid option -- 'J'\nTry 'lsblk --help' for more information.\n")


def mounts(source, fstype="ext4"):
    return f"proc /proc proc rw 0 0\n{source} / {fstype} rw,relatime 0 0\n"


def audit(**kwargs):
    return run_one(machine(**kwargs), system_disk_encrypted)


def test_pass_ubuntu_luks_lvm():
    f = audit(
        files={MOUNTS: fixture("linux/proc-mounts/ubuntu-luks.txt")},
        commands={LSBLK_JSON: (0, fixture("linux/lsblk-json/ubuntu-luks-lvm.txt"), "")},
    )
    assert f.status is Status.PASS
    assert f.evidence["stack"].startswith("ubuntu--vg-ubuntu--lv (lvm, ext4) ← dm_crypt-0 (crypt, LVM2_member)")


def test_pass_fedora_btrfs_found_by_device_name_when_lsblk_shows_another_subvolume():
    f = audit(
        files={MOUNTS: mounts("/dev/mapper/luks-5f3c1a2e-7d44-4b8e-9a61-0c2d9e8f7b13", "btrfs")},
        commands={LSBLK_JSON: (0, fixture("linux/lsblk-json/fedora-btrfs-luks.txt"), "")},
    )
    assert f.status is Status.PASS


def test_pass_real_forum_lsblk_on_old_util_linux_text_fallback():
    f = audit(
        files={MOUNTS: mounts("/dev/mapper/vgxubuntu-root")},
        commands={LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, html.unescape(real("linux", "lsblk", 5)), "")},
    )
    assert f.status is Status.PASS
    assert "sda6_crypt (crypt, LVM2_member)" in f.evidence["stack"]


def test_pass_real_lsblk_text_without_type_column_trusts_the_luks_container():
    f = audit(
        files={MOUNTS: mounts("/dev/mapper/thinkpad--vg-root")},
        commands={LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, real("linux", "lsblk", 3), "")},
    )
    assert f.status is Status.PASS


def test_pass_untyped_dm_resolved_from_sysfs_without_udev():
    f = audit(
        files={
            MOUNTS: mounts("/dev/mapper/cryptroot"),
            "/sys/class/block/dm-0/dm/uuid": "CRYPT-LUKS2-3a9f0c1d2e4b5a6978c0d1e2f3a4b5c6-cryptroot\n",
        },
        commands={LSBLK_JSON: (0, fixture("linux/lsblk-json/dm-untyped-no-udev.txt"), "")},
    )
    assert f.status is Status.PASS


def test_pass_without_lsblk_from_device_mapper_facts():
    f = audit(
        files={
            MOUNTS: mounts("/dev/dm-1"),
            "/sys/class/block/dm-1/dm/uuid": "LVM-Wq3eR5tY7uI9oP1aS3dF5gH7jK9lZ1xC3vB5nM7qW9eR1tY3uI5oP7aS9dF1gH3j\n",
            "/sys/class/block/dm-0/dm/uuid": "CRYPT-LUKS2-0a1b2c3d4e5f60718293a4b5c6d7e8f9-sda3_crypt\n",
        },
        globs={"/sys/class/block/dm-1/slaves/*": ["/sys/class/block/dm-1/slaves/dm-0"]},
        commands={LSBLK_JSON: "missing"},
    )
    assert f.status is Status.PASS and f.evidence["lsblk"] == "lsblk is not installed"


@pytest.mark.parametrize("name", ["plain-unencrypted", "vm-no-udev"])
def test_fail_root_on_plain_partition_or_disk(name):
    source = {"plain-unencrypted": "/dev/sda2", "vm-no-udev": "/dev/vda"}[name]
    f = audit(files={MOUNTS: mounts(source)}, commands={LSBLK_JSON: (0, fixture(f"linux/lsblk-json/{name}.txt"), "")})
    assert f.status is Status.FAIL
    assert "no encryption layer" in f.summary


def test_fail_real_lsblk_text_root_on_plain_partition():
    f = audit(
        files={MOUNTS: mounts("/dev/vda1")},
        commands={LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, real("linux", "lsblk", 1), "")},
    )
    assert f.status is Status.FAIL and f.evidence["stack"] == "vda1 (part) ← vda (disk)"


def test_pass_without_lsblk_resolving_a_mapper_name_to_its_dm_device():
    f = audit(
        files={
            MOUNTS: mounts("/dev/mapper/luks-5f3c1a2e"),
            "/sys/class/block/dm-0/dm/name": "swap\n",
            "/sys/class/block/dm-1/dm/name": "luks-5f3c1a2e\n",
            "/sys/class/block/dm-1/dm/uuid": "CRYPT-LUKS2-5f3c1a2e7d444b8e9a610c2d9e8f7b13-luks-5f3c1a2e\n",
        },
        globs={"/sys/class/block/dm-*/dm/name": ["/sys/class/block/dm-0/dm/name", "/sys/class/block/dm-1/dm/name"]},
        commands={LSBLK_JSON: "missing"},
    )
    assert f.status is Status.PASS


def test_fail_without_lsblk_plain_partition_from_sysfs():
    f = audit(
        files={MOUNTS: mounts("/dev/sda2"), "/sys/class/block/sda2/dm/uuid": None},
        globs={"/sys/class/block/sda2/slaves/*": []},
        exists={"/sys/class/block/sda2": True},
        commands={LSBLK_JSON: "missing"},
    )
    assert f.status is Status.FAIL


def test_unknown_in_a_container():
    f = audit(files={MOUNTS: fixture("linux/proc-mounts/docker-overlay.txt")})
    assert f.status is Status.UNKNOWN and "overlay" in f.summary


def test_unknown_when_untyped_dm_cannot_be_read():
    f = audit(
        files={
            MOUNTS: mounts("/dev/mapper/cryptroot"),
            "/sys/class/block/dm-0/dm/uuid": FileUnreadable("x", "Permission denied"),
        },
        commands={LSBLK_JSON: (0, fixture("linux/lsblk-json/dm-untyped-no-udev.txt"), "")},
    )
    assert f.status is Status.UNKNOWN
    assert "Permission denied" in f.summary and "administrator" in f.summary


def test_unknown_when_root_device_is_nowhere_to_be_found():
    f = audit(
        files={MOUNTS: mounts("/dev/root"), "/sys/class/block/root/dm/uuid": None},
        globs={"/sys/class/block/root/slaves/*": []},
        exists={"/sys/class/block/root": False},
        commands={
            LSBLK_JSON: (1, "", "lsblk: failed to access sysfs directory: /sys/dev/block: No such file\n"),
            LSBLK_TEXT: (1, "", ""),
        },
    )
    assert f.status is Status.UNKNOWN
    assert "lsblk failed: lsblk: failed to access sysfs directory" in f.summary


def test_unknown_on_headerless_lsblk_text():
    f = audit(
        files={MOUNTS: mounts("/dev/mapper/encrypted_cp1"), "/sys/class/block/encrypted_cp1/dm/uuid": None},
        globs={"/sys/class/block/encrypted_cp1/slaves/*": [], "/sys/class/block/dm-*/dm/name": []},
        exists={"/sys/class/block/encrypted_cp1": False},
        commands={LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, real("linux", "lsblk", 7), "")},
    )
    assert f.status is Status.UNKNOWN and "header" in f.summary


ZFS_ROOT = "rpool/ROOT/ubuntu_abc / zfs rw,relatime,xattr,posixacl 0 0\n"
ZFS_ASK = (*ZFS_GET, "rpool/ROOT/ubuntu_abc")


@pytest.mark.parametrize(
    ("answer", "status", "words"),
    [
        ((0, "aes-256-gcm\navailable\n", ""), Status.PASS, "encrypted with aes-256-gcm (key available)"),
        ((0, "off\n-\n", ""), Status.FAIL, "not encrypted"),
        ("missing", Status.UNKNOWN, "`zfs` command is not available"),
        ((1, "", "cannot open 'rpool/ROOT/ubuntu_abc': permission denied\n"), Status.UNKNOWN, "permission denied"),
    ],
)
def test_zfs_root_native_encryption(answer, status, words):
    f = audit(files={MOUNTS: ZFS_ROOT}, commands={ZFS_ASK: answer})
    assert f.status is status and words in f.summary


def test_zfs_dataset_that_reads_as_an_option_is_never_passed_to_zfs():
    f = audit(files={MOUNTS: "-o/ / zfs rw 0 0\n"}, commands={})  # the fake refuses any command
    assert f.status is Status.UNKNOWN and "not one zfs could be asked about" in f.summary


def test_unknown_without_a_root_mount():
    f = audit(files={MOUNTS: None})
    assert f.status is Status.UNKNOWN
