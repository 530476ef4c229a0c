"""ENC-001 on macOS (fdesetup) and Windows (Get-BitLockerVolume JSON, manage-bde by position)."""

import json
import re

import pytest

from hygiene.checks.encryption import system_disk_encrypted
from hygiene.checks.encryption.macos import FDESETUP
from hygiene.checks.encryption.windows import BITLOCKER_JSON, MANAGE_BDE
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.parsers import ParseError
from hygiene.parsers.bitlocker import parse_bitlocker_json, parse_manage_bde
from hygiene.parsers.fdesetup import parse_fdesetup_status
from hygiene.platforms.windows import POWERSHELL
from tests.helpers import machine, read_real, real, real_output_files

PS_BITLOCKER = (*POWERSHELL, BITLOCKER_JSON)


def mac(answer):
    return run_one(machine(platform="macos", commands={FDESETUP: answer}), system_disk_encrypted)


def win(ps=None, bde=None):
    commands = {PS_BITLOCKER: ps or (1, "", "Get-BitLockerVolume : Access denied")}
    if bde is not None:
        commands[MANAGE_BDE] = bde
    return run_one(machine(platform="windows", commands=commands), system_disk_encrypted)


def bitlocker_json(status, protection, percent, protectors=("Tpm", "RecoveryPassword")):
    row = {
        "MountPoint": "C:",
        "VolumeStatus": status,
        "ProtectionStatus": protection,
        "EncryptionPercentage": percent,
        "KeyProtector": list(protectors),
    }
    return (0, json.dumps([row]), "")


# --- macOS -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", real_output_files("macos", "fdesetup-status"))
def test_fdesetup_parses_every_real_output(path):
    fv = parse_fdesetup_status(read_real(path))
    assert fv.on is not None or fv.converting is not None


def test_mac_pass_when_filevault_is_on():
    f = mac((0, real("macos", "fdesetup-status", 1), ""))
    assert f.status is Status.PASS and "FileVault is on" in f.summary


def test_mac_fail_while_decrypting_real_output():
    f = mac((0, real("macos", "fdesetup-status", 3), ""))
    assert f.status is Status.FAIL and "25%" in f.summary


def test_mac_warn_deferred_enablement_real_output():
    f = mac((0, real("macos", "fdesetup-status", 5), ""))
    assert f.status is Status.WARN and "next logs" in f.summary


def test_mac_warn_while_encrypting_with_percentage():
    f = mac((0, "FileVault is On.\nEncryption in progress: Percent completed = 41.7\n", ""))
    assert f.status is Status.WARN and "41.7% done" in f.summary and f.evidence["percent_completed"] == 41.7


def test_mac_fail_when_off():
    f = mac((0, "FileVault is Off.\n", ""))
    assert f.status is Status.FAIL and "not encrypted" in f.summary


def test_mac_warn_when_it_will_be_turned_on_after_a_restart():
    assert mac((0, "FileVault is Off, but will be enabled after the next restart.\n", "")).status is Status.WARN


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("missing", "not available"),
        ((1, "", "fdesetup: something went wrong\n"), "something went wrong"),
        ((0, "Unexpected words\n", ""), "unrecognised"),
    ],
)
def test_mac_unknown(answer, reason):
    f = mac(answer)
    assert f.status is Status.UNKNOWN and reason in f.summary


def test_fdesetup_rejects_text_it_does_not_know():
    with pytest.raises(ParseError):
        parse_fdesetup_status("")


# --- Windows: manage-bde, read by position in any language -----------------------------------


@pytest.mark.parametrize("path", real_output_files("windows", "manage-bde-status"))
def test_manage_bde_parses_every_real_output(path):
    volumes = parse_manage_bde(read_real(path))
    assert volumes and volumes[0].state in {"encrypted", "decrypted", "encrypting"}
    assert volumes[0].percent is not None and volumes[0].protection_on is not None


@pytest.mark.parametrize(
    ("n", "status", "words"),
    [
        (1, Status.FAIL, "not encrypted"),  # German, fully decrypted, no protectors
        (3, Status.WARN, "in progress, 100% done"),  # German, still converting at 100,0 %
        (7, Status.PASS, "protection is on"),  # Server 2025, Used Space Only, a GUID volume after it
        (9, Status.WARN, "99% done; protection stays off"),  # encrypting with protection off
    ],
)
def test_windows_manage_bde_verdicts_on_real_outputs(n, status, words):
    f = win(bde=(0, real("windows", "manage-bde-status", n), ""))
    assert f.status is status and words in f.summary


def test_manage_bde_reads_protectors_guid_volumes_and_cut_short_blocks():
    volumes = parse_manage_bde(real("windows", "manage-bde-status", 7))
    assert volumes[0].key_protectors == ("External Key", "Numerical Password")
    # Cut after Conversion Status: read for what it says (issue 11, convention 4), nothing invented.
    assert volumes[1].mount.startswith("\\\\?\\Volume{") and volumes[1].state == "decrypted"
    assert volumes[1].percent is None and volumes[1].protection_on is None and volumes[1].key_protectors is None
    german = parse_manage_bde(real("windows", "manage-bde-status", 1))[0]
    assert german.percent == 0.0 and german.key_protectors == ()


def test_manage_bde_picks_the_system_drive_among_several():
    other = real("windows", "manage-bde-status", 5)  # a data volume M:, encrypted
    plain_c = (
        "\nVolume C: [Windows]\n[OS Volume]\n\n    Size:                 237.87 GB\n    BitLocker Version:    None\n"
        "    Conversion Status:    Fully Decrypted\n    Percentage Encrypted: 0.0%\n    Encryption Method:    None\n"
        "    Protection Status:    Protection Off\n    Lock Status:          Unlocked\n"
        "    Identification Field: None\n    Key Protectors:       None Found\n"
    )
    f = win(bde=(0, other + plain_c, ""))
    assert f.status is Status.FAIL and f.evidence["volume"] == "C:"


def test_windows_unknown_without_administrator():
    denied = (
        "BitLocker Drive Encryption: Configuration Tool version 10.0.22631\n"
        "Copyright (C) 2013 Microsoft Corporation. All rights reserved.\n\n"
        "ERROR: An attempt to access a required resource was denied.\n"
    )
    f = win(bde=(0x80070005, denied, ""))
    assert f.status is Status.UNKNOWN and "Run as administrator" in f.summary


def test_windows_unknown_when_neither_tool_exists():
    f = win(ps="missing", bde="missing")
    assert f.status is Status.UNKNOWN and "neither" in f.summary


def test_windows_other_manage_bde_failure_names_the_last_line():
    f = win(
        bde=(1, "BitLocker Drive Encryption: Configuration Tool\n\nERROR: The volume C: could not be opened.\n", "")
    )
    assert f.status is Status.UNKNOWN and "could not be opened" in f.summary


# --- Windows: Get-BitLockerVolume JSON -------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status", "words"),
    [
        (bitlocker_json("FullyEncrypted", "On", 100), Status.PASS, "protection is on"),
        (bitlocker_json("FullyEncrypted", "Off", 100), Status.WARN, "suspended"),
        (bitlocker_json("FullyEncrypted", "Off", 100, protectors=()), Status.FAIL, "stored in the clear"),
        (bitlocker_json("EncryptionInProgress", "Off", 37), Status.WARN, "37% done"),
        (bitlocker_json("EncryptionPaused", "Off", 12), Status.WARN, "paused at 12%"),
        (bitlocker_json("DecryptionInProgress", "Off", 80), Status.FAIL, "being turned off"),
        (bitlocker_json("FullyDecrypted", "Off", 0, protectors=()), Status.FAIL, "BitLocker is off"),
        (bitlocker_json("SomethingNew", "On", 50), Status.UNKNOWN, "does not know"),
    ],
)
def test_windows_json_verdicts(answer, status, words):
    f = win(ps=answer)
    assert f.status is status and words in f.summary


def test_windows_json_that_is_not_json_falls_back_to_manage_bde():
    f = win(ps=(0, "WARNING: something\n", ""), bde=(0, real("windows", "manage-bde-status", 7), ""))
    assert f.status is Status.PASS


@pytest.mark.parametrize("path", real_output_files("windows", "get-bitlockervolume"))
def test_every_status_word_windows_prints_is_known(path):
    """The enum names in real Get-BitLockerVolume output are the ones the JSON parser maps."""
    text = read_real(path)
    for status in set(re.findall(r"\b(Fully\w+|\w+InProgress|\w+Paused)\b", text)):
        row = {"MountPoint": "C:", "VolumeStatus": status, "ProtectionStatus": "On", "EncryptionPercentage": 50}
        assert parse_bitlocker_json(json.dumps(row))[0].state != "unknown", status
    for protection in set(re.findall(r"ProtectionStatus\s*:\s*(\w+)|\s(On|Off)\s*$", text, re.M)) - {("", "")}:
        word = next(w for w in protection if w)
        assert parse_bitlocker_json(json.dumps({"MountPoint": "C:", "ProtectionStatus": word}))[0].protection_on in (
            True,
            False,
        )


def test_bitlocker_json_errors():
    with pytest.raises(ParseError):
        parse_bitlocker_json("not json")
    with pytest.raises(ParseError):
        parse_bitlocker_json('[{"VolumeStatus": "FullyEncrypted"}]')
