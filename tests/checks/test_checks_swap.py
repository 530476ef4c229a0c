"""ENC-002: swap and hibernation data encrypted, on Linux (/proc/swaps and the device stack),
macOS (sysctl vm.swapusage) and Windows (EncryptPagingFile, else BitLocker on C:)."""

import html
import json

import pytest

from hygiene.checks.encryption import swap_encrypted
from hygiene.checks.encryption.linux import LSBLK_JSON, LSBLK_TEXT
from hygiene.checks.encryption.macos import SYSCTL_SWAP
from hygiene.checks.encryption.windows import BITLOCKER_JSON, FSUTIL_PAGING, MANAGE_BDE
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.parsers import ParseError
from hygiene.parsers.swap import parse_encrypt_paging_file, parse_proc_swaps
from hygiene.platforms.windows import POWERSHELL
from tests.helpers import fixture, machine, real

HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
OLD_LSBLK = (1, "", "lsblk: invalid option -- 'J'\n")


def linux(swaps, mounts="/dev/vda1 / ext4 rw 0 0\n", commands=None):
    files = {"/proc/swaps": swaps, "/proc/self/mounts": mounts}
    return run_one(machine(files=files, commands=commands), swap_encrypted)


def test_no_swap_passes():
    assert linux(HEADER).status is Status.PASS


def test_zram_is_in_memory():
    f = linux(HEADER + "/dev/zram0                              partition\t8388604\t\t0\t\t100\n")
    assert f.status is Status.PASS and "zram" in f.summary


def test_plain_swap_partition_real_lsblk_fails():
    f = linux(
        HEADER + "/dev/vda5                               partition\t1046524\t\t0\t\t-2\n",
        commands={LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, real("linux", "lsblk", 1), "")},
    )
    assert f.status is Status.FAIL and "vda5" in f.summary


def test_swap_lv_inside_luks_real_lsblk_passes():
    f = linux(
        HEADER + "/dev/dm-2                               partition\t1003516\t\t0\t\t-2\n",
        commands={LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, html.unescape(real("linux", "lsblk", 5)), "")},
    )
    assert f.status is Status.PASS and "crypt" in f.summary


def test_plain_swap_partition_json_fixture_fails():
    f = linux(
        HEADER + "/dev/sda3  partition\t2097148\t0\t-2\n",
        commands={LSBLK_JSON: (0, fixture("linux/lsblk-json/plain-unencrypted.txt"), "")},
    )
    assert f.status is Status.FAIL


def test_swap_file_follows_its_filesystem():
    mounts = "/dev/mapper/ubuntu--vg-ubuntu--lv / ext4 rw 0 0\n"
    f = linux(
        HEADER + "/swap.img                               file\t\t4194300\t\t0\t\t-2\n",
        mounts,
        commands={LSBLK_JSON: (0, fixture("linux/lsblk-json/ubuntu-luks-lvm.txt"), "")},
    )
    assert f.status is Status.PASS and "/swap.img on" in f.summary


def test_swap_file_on_an_unknown_filesystem_is_unknown():
    f = linux(HEADER + "/swap\\040file  file\t1024\t0\t-2\n", mounts="")
    assert f.status is Status.UNKNOWN and "/swap file" in f.summary


def test_proc_swaps_without_header_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_proc_swaps("")


# --- macOS and Windows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ((0, "vm.swapusage: total = 2048.00M  used = 1102.25M  free = 945.75M  (encrypted)\n", ""), Status.PASS),
        ((0, "vm.swapusage: total = 64.00M  used = 0.00M  free = 64.00M\n", ""), Status.FAIL),
        ((1, "", "sysctl: unknown oid 'vm.swapusage'\n"), Status.UNKNOWN),
    ],
)
def test_macos(answer, status):
    assert run_one(machine(platform="macos", commands={SYSCTL_SWAP: answer}), swap_encrypted).status is status


def bitlocker(status, protection="On"):
    row = {"MountPoint": "C:", "VolumeStatus": status, "ProtectionStatus": protection, "EncryptionPercentage": 100,
           "KeyProtector": ["Tpm"]}  # fmt: skip
    return (0, json.dumps(row), "")


def windows(fsutil, bde_json=None):
    commands = {FSUTIL_PAGING: fsutil}
    if bde_json is not None:
        commands[(*POWERSHELL, BITLOCKER_JSON)] = bde_json
        commands[MANAGE_BDE] = (1, "", "ERROR: An attempt to access a required resource was denied.\n")
    return run_one(machine(platform="windows", commands=commands), swap_encrypted)


def test_windows_page_file_encrypted_by_itself():
    assert windows((0, "EncryptPagingFile = 1  (Enabled)\n", "")).status is Status.PASS


def test_windows_page_file_on_a_bitlocker_drive():
    f = windows((0, "EncryptPagingFile = 0  (Deaktiviert)\n", ""), bitlocker("FullyEncrypted"))
    assert f.status is Status.PASS and "BitLocker encrypts" in f.summary


def test_windows_plain_page_file_on_a_plain_drive():
    f = windows((0, "EncryptPagingFile = 0  (Disabled)\n", ""), bitlocker("FullyDecrypted", "Off"))
    assert f.status is Status.FAIL


def test_windows_plain_page_file_and_a_bitlocker_state_hygiene_does_not_know():
    f = windows((0, "EncryptPagingFile = 0  (Disabled)\n", ""), bitlocker("SomethingNew"))
    assert f.status is Status.UNKNOWN and f.summary == (
        "The page file is not encrypted by itself, and BitLocker's state is unknown: "
        "BitLocker reported SomethingNew for C:, which hygiene does not know."
    )


def test_windows_without_administrator():
    denied = (1, "", "Error:  Access is denied.\n")
    f = windows(denied, (1, "", "Get-BitLockerVolume : Access denied"))
    assert f.status is Status.UNKNOWN and "Run as administrator" in f.summary


def test_encrypt_paging_file_parser():
    assert parse_encrypt_paging_file("EncryptPagingFile = 1  (Activé)") is True
    with pytest.raises(ParseError):
        parse_encrypt_paging_file("The FSUTIL utility requires that you have administrative privileges.")
