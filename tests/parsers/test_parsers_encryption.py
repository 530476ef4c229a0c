"""The disk-encryption parsers (issue 11): fdesetup, manage-bde, Get-BitLockerVolume JSON,
diskutil apfs list, zfs get and cryptsetup luksDump keep the lines that decided each fact and
the lines they did not recognise. Fixtures are our own, in the real formats; their README.md
files say which real shape each mimics and where the words were learnt."""

import os
import shutil
import subprocess

import pytest

from hygiene.checks.encryption.linux import LUKS_DUMP
from hygiene.parsers import ParseError
from hygiene.parsers.bitlocker import parse_bitlocker_json, parse_manage_bde
from hygiene.parsers.cryptsetup import luks_header_kept, parse_luks_dump
from hygiene.parsers.diskutil_apfs import parse_apfs_list
from hygiene.parsers.fdesetup import parse_fdesetup_status
from hygiene.parsers.zfs import parse_zfs_encryption
from tests.helpers import fixture, read_real, real_output_files


def fde(name):
    return parse_fdesetup_status(fixture(f"macos/fdesetup-status/{name}.txt"))


def bde(name):
    return parse_manage_bde(fixture(f"windows/manage-bde/{name}.txt"))


# --- fdesetup ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "on", "converting", "paused", "percent", "restart", "deferred"),
    [
        ("on", True, None, False, None, False, None),
        ("off", False, None, False, None, False, None),
        ("on-master-keychain", True, None, False, None, False, None),
        ("encrypting", True, "encryption", False, 41.7, False, None),
        ("encrypting-no-headline", None, "encryption", False, 12.0, False, None),
        ("encryption-paused", True, "encryption", True, 55.5, False, None),
        ("decrypting", True, "decryption", False, 80.2, False, None),
        ("restart-pending", False, None, False, None, True, None),
        ("deferred-and-restart", False, None, False, None, True, "amina"),
    ],
)
def test_fdesetup_shapes(name, on, converting, paused, percent, restart, deferred):
    fv = fde(name)
    assert (fv.on, fv.converting, fv.paused, fv.percent, fv.restart_pending, fv.deferred_for) == (
        on, converting, paused, percent, restart, deferred,
    )  # fmt: skip
    assert fv.unrecognised == () and fv.lines


def test_fdesetup_keeps_the_deciding_lines_and_drops_only_known_notes():
    assert fde("on-master-keychain").lines == ("FileVault is On.",)
    assert fde("encrypting").lines == ("FileVault is On.", "Encryption in progress: Percent completed = 41.7")


def test_fdesetup_keeps_a_line_it_does_not_know():
    fv = fde("on-unknown-line")
    assert fv.on is True and fv.unrecognised == ("Authenticated restart is pending for the next boot.",)


@pytest.mark.parametrize(
    "text",
    [
        "FileVault is On, pending a restart to finish.\n",  # a headline ending it does not know, alone
        "",
        "Unexpected words\n",
    ],
)
def test_fdesetup_without_any_known_line_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse_fdesetup_status(text)


def test_fdesetup_two_headlines_that_disagree_keep_the_second_as_unrecognised():
    fv = parse_fdesetup_status("FileVault is On.\nFileVault is Off.\n")
    assert fv.on is True and fv.unrecognised == ("FileVault is Off.",)


def test_fdesetup_states_in_any_case():
    fv = parse_fdesetup_status("FILEVAULT IS ON.\nencryption IN PROGRESS: percent completed = 3\n")
    assert fv.on is True and fv.converting == "encryption" and fv.percent == 3.0


@pytest.mark.parametrize("path", real_output_files("macos", "fdesetup-status"))
def test_fdesetup_reads_every_real_output_without_unrecognised_lines(path):
    fv = parse_fdesetup_status(read_real(path))
    assert fv.lines and fv.unrecognised == ()


# --- manage-bde --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "state", "protection", "protectors", "percent"),
    [
        ("en-fully-encrypted", "encrypted", True, ("TPM", "Numerical Password"), 100.0),
        ("en-suspended-reboots-left", "encrypted", False, ("TPM", "Numerical Password"), 100.0),
        ("en-encryption-paused", "paused", False, ("Numerical Password", "TPM"), 37.5),
        ("en-decryption-in-progress", "decrypting", False, (), 61.0),
        ("de-schutz-aktiviert", "encrypted", True, ("TPM", "Numerisches Kennwort"), 100.0),
        ("fr-espace-utilise", "encrypted", True, ("TPM", "Mot de passe numérique"), 100.0),
        ("es-cifrado-solo-espacio-usado", "encrypted", True, ("TPM", "Contraseña numérica"), 100.0),
        ("es-descifrado-en-progreso", "decrypting", False, ("Contraseña numérica",), 42.5),
    ],
)
def test_manage_bde_reads_each_language_by_label(name, state, protection, protectors, percent):
    (v,) = bde(name)
    assert (v.mount, v.state, v.protection_on, v.key_protectors, v.percent) == (
        "C:",
        state,
        protection,
        protectors,
        percent,
    )
    assert v.unrecognised == () and len(v.lines) == 3


def test_manage_bde_reads_the_reboots_left_note_as_suspended():
    (v,) = bde("en-suspended-reboots-left")
    assert v.protection_on is False and v.protection_note == "(2 reboots left)"
    assert v.lines[-1] == "Protection Status:    Protection Off (2 reboots left)"


def test_manage_bde_block_without_header_is_read_for_what_it_says():
    (v,) = bde("en-no-header-decrypted")
    assert (v.mount, v.state, v.percent, v.protection_on, v.key_protectors) == ("", "decrypted", None, None, None)
    assert v.lines == ("Conversion Status:    Fully Decrypted",)
    (w,) = bde("en-no-header-no-state")
    assert w.state == "unknown" and w.protection_on is True


def test_manage_bde_never_reads_a_wrapped_value_from_the_wrong_line():
    (v,) = bde("en-wrapped-label")
    assert v.state == "unknown" and v.raw_status == "" and v.unrecognised == ("Fully Encrypted",)


def test_manage_bde_keeps_fields_and_words_it_does_not_know():
    assert bde("en-unknown-field")[0].unrecognised == ("Device Health:        Attention needed",)
    assert bde("en-unknown-state")[0].state == "unknown"
    (it,) = bde("it-unknown-language")
    assert it.state == "unknown" and it.protection_on is None and len(it.unrecognised) == 5
    (fr,) = bde("fr-integralement-dechiffre")
    assert fr.state == "decrypted" and fr.key_protectors is None
    assert fr.unrecognised == ("Protecteurs de clés :        Aucun trouvé",)


def test_manage_bde_spanish_header_and_a_label_longer_than_its_column():
    (v,) = bde("es-descifrado-en-progreso")
    assert v.mount == "C:" and "Campo de identificación:Desconocido" not in v.unrecognised


def test_manage_bde_with_nothing_it_knows_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_manage_bde("BitLocker Drive Encryption: Configuration Tool version 10.0.22631\n\nERROR: denied\n")


@pytest.mark.parametrize("path", real_output_files("windows", "manage-bde-status"))
def test_manage_bde_reads_every_real_output_without_unrecognised_lines(path):
    volumes = parse_manage_bde(read_real(path))
    assert volumes and all(v.unrecognised == () and v.state != "unknown" for v in volumes)


# --- Get-BitLockerVolume JSON ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("FullyEncrypted", "encrypted"),
        ("FullyEncryptedWipeInProgress", "encrypted"),
        ("FullyEncryptedWipeSuspended", "encrypted"),
        ("FullyDecrypted", "decrypted"),
        ("EncryptionInProgress", "encrypting"),
        ("EncryptionSuspended", "paused"),
        ("EncryptionPaused", "paused"),
        ("DecryptionInProgress", "decrypting"),
        ("DecryptionSuspended", "decrypting"),
        ("SomethingNew", "unknown"),
    ],
)
def test_bitlocker_json_volume_states(status, state):
    row = f'{{"MountPoint":"C:","VolumeStatus":"{status}","ProtectionStatus":"Unknown","EncryptionPercentage":5}}'
    (v,) = parse_bitlocker_json(row)
    assert v.state == state and v.protection_on is None and v.source == "Get-BitLockerVolume"
    assert v.lines == (f"VolumeStatus: {status}", "EncryptionPercentage: 5", "ProtectionStatus: Unknown")


def test_bitlocker_json_a_protector_given_as_one_string_is_one_protector():
    (v,) = parse_bitlocker_json('{"MountPoint":"C:","VolumeStatus":"FullyEncrypted","KeyProtector":"Tpm"}')
    assert v.key_protectors == ("Tpm",)


# --- diskutil apfs list ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encrypted", "converting", "unrecognised"),
    [
        ("startup-and-plain-archive", False, None, ()),
        ("archive-encrypting", None, "encrypting", ()),
        ("archive-filevault-encrypting", None, "encrypting", ()),
        ("archive-decrypting-paused", None, "decrypting", ()),
        ("archive-unknown-encryption-line", None, None, ("Encryption Key Rotation:   Pending",)),
    ],
)
def test_apfs_archive_volume_states(name, encrypted, converting, unrecognised):
    archive = parse_apfs_list(fixture(f"macos/diskutil-apfs/{name}.txt"))[-1]
    assert (archive.name, archive.encrypted, archive.converting, archive.unrecognised) == (
        "Archive", encrypted, converting, unrecognised,
    )  # fmt: skip
    assert archive.lines[0].startswith("FileVault:")


def test_apfs_a_second_filevault_line_that_says_otherwise_leaves_the_volume_unknown():
    """diskutil prints one FileVault line a volume: "Yes (Unlocked)" then "No" (two listings run
    together) was read by its first line, an encrypted volume."""
    text = fixture("macos/diskutil-apfs/startup-and-plain-archive.txt").replace(
        "FileVault:                 No",
        "FileVault:                 Yes (Unlocked)\n        FileVault:                 No",
    )
    archive = parse_apfs_list(text)[-1]
    assert (archive.encrypted, archive.unrecognised) == (None, ("FileVault:                 No",))


def test_apfs_older_encrypted_line_stands_in_without_a_filevault_line():
    text = fixture("macos/diskutil-apfs/startup-and-plain-archive.txt").replace(
        "FileVault:                 No", "Encrypted:                 Yes"
    )
    assert parse_apfs_list(text)[-1].encrypted is True


# --- zfs get -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encryption", "keystatus", "unrecognised"),
    [
        ("aes-256-gcm\navailable\n", "aes-256-gcm", "available", ()),
        ("available\naes-256-gcm\n", "aes-256-gcm", "available", ()),  # known by word, not by place
        ("off\n-\n", "off", "-", ()),
        ("on\nunavailable\n", "on", "unavailable", ()),
        ("aes-256-gcm\n", "aes-256-gcm", None, ()),  # cut after the first line
        ("aes-512-xts\navailable\n", None, "available", ("aes-512-xts",)),
    ],
)
def test_zfs_encryption_lines(text, encryption, keystatus, unrecognised):
    zfs = parse_zfs_encryption(text)
    assert (zfs.encryption, zfs.keystatus, zfs.unrecognised) == (encryption, keystatus, unrecognised)


def test_zfs_empty_output_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_zfs_encryption("\n")


# --- cryptsetup luksDump -----------------------------------------------------------------------


def dump(name):
    return fixture(f"linux/cryptsetup-luksDump/{name}.txt")


@pytest.mark.parametrize(
    ("name", "version", "reencrypting", "unrecognised"),
    [
        ("luks2-finished", "2", False, ()),
        ("luks2-online-encrypt", "2", True, ()),
        ("luks1", "1", False, ()),
        ("luks2-unknown-requirement", "2", False, ("Requirements: hw-key-wrap-v4",)),
    ],
)
def test_luks_dump_header(name, version, reencrypting, unrecognised):
    header = parse_luks_dump(dump(name))
    assert (header.version, header.reencrypting, header.unrecognised) == (version, reencrypting, unrecognised)


def test_luks_dump_deciding_lines_name_the_requirement():
    assert parse_luks_dump(dump("luks2-online-encrypt")).lines == ("Version: 2", "Requirements: online-reencrypt-v2")


def test_luks_header_kept_drops_segments_keyslots_digests_and_master_key_material():
    for name in ("luks2-finished", "luks2-online-encrypt", "luks1"):
        kept = luks_header_kept(dump(name))
        assert kept == luks_header_kept(kept)  # idempotent, for replays
        for secret in ("Salt", "Digest", "MK digest", "MK salt", "10 21 32", "Keyslots:", "AF stripes", "cipher:"):
            assert secret not in kept, (name, secret)
        assert parse_luks_dump(kept) == parse_luks_dump(dump(name))


def test_luks_dump_without_a_header_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_luks_dump("Device /dev/sda3 is not a valid LUKS device.\n")


@pytest.mark.parametrize("reencrypt", [False, True], ids=["formatted", "encryption-started"])
def test_luks_dump_of_a_real_header(tmp_path, reencrypt):
    """luksDump as the check runs it (LUKS_DUMP, --disable-locks), on a LUKS2 header cryptsetup
    itself wrote: a finished one, and one whose encryption was started and not run (the
    online-reencrypt requirement a half-encrypted disk carries). .ci/run installs cryptsetup."""
    if shutil.which("cryptsetup") is None:
        pytest.skip("cryptsetup is not installed (.ci/run installs it)")
    img, key = tmp_path / "disk.img", tmp_path / "key"
    key.write_bytes(b"k" * 32)
    with img.open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    fast = ("--type", "luks2", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--key-file", str(key))
    if reencrypt:
        make = ("reencrypt", "-q", "--encrypt", "--init-only", "--reduce-device-size", "32M", *fast, str(img))
    else:
        make = ("luksFormat", "-q", *fast, str(img))
    made = subprocess.run(("cryptsetup", *make), capture_output=True, text=True, timeout=120)
    if made.returncode != 0:
        pytest.skip(f"cryptsetup cannot write a header to a file here: {made.stderr[:80]}")
    out = subprocess.run(
        (*LUKS_DUMP, str(img)), capture_output=True, text=True, timeout=60, env={**os.environ, "LANG": "C"}
    )
    header = parse_luks_dump(out.stdout)
    assert (header.version, header.reencrypting, header.unrecognised) == ("2", reencrypt, ())
    assert "Version: 2" in header.lines
    kept = luks_header_kept(out.stdout)  # what a snapshot keeps: no key slot, salt or digest
    assert "Salt:" in out.stdout and not any(word in kept for word in ("Salt:", "Digest:", "Keyslots:", "Digests:"))
    assert parse_luks_dump(kept).reencrypting is reencrypt
