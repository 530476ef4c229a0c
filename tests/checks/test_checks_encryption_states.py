"""ENC-001/002/003 never pass an in-between state, quote the lines that decided them, and turn
a line they do not know into UNKNOWN (or WARN when the known lines already say in-between):
issue 11, conventions 1 to 4, on macOS (fdesetup, diskutil apfs list), Windows (manage-bde in
four languages, Get-BitLockerVolume) and Linux (LUKS2 reencryption, ZFS key status).

The last section pins the verdict of every real capture in ../shared/real-outputs that these
checks read (path -> check -> verdict)."""

import json
import re

import pytest

from hygiene.checks.encryption import data_volumes_encrypted, swap_encrypted, system_disk_encrypted
from hygiene.checks.encryption.linux import LSBLK_JSON, LUKS_DUMP, ZFS_GET
from hygiene.checks.encryption.macos import FDESETUP
from hygiene.checks.encryption.windows import BITLOCKER_JSON, FIXED_VOLUMES_JSON, FSUTIL_PAGING, MANAGE_BDE
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.platforms.macos import DISKUTIL_APFS
from hygiene.platforms.windows import POWERSHELL
from tests.helpers import fixture, machine, real

DENIED = (1, "", "Get-BitLockerVolume : Access denied")


def mac(name):
    answer = (0, fixture(f"macos/fdesetup-status/{name}.txt"), "")
    return run_one(machine(platform="macos", commands={FDESETUP: answer}), system_disk_encrypted)


def bde(text, check=system_disk_encrypted, extra=None):
    commands = {(*POWERSHELL, BITLOCKER_JSON): DENIED, MANAGE_BDE: (0, text, ""), **(extra or {})}
    return run_one(machine(platform="windows", commands=commands), check)


# --- macOS: fdesetup ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status", "words", "deciding"),
    [
        ("on", Status.PASS, "FileVault is on", "FileVault is On."),
        ("on-master-keychain", Status.PASS, "FileVault is on", "FileVault is On."),
        ("off", Status.FAIL, "not encrypted", "FileVault is Off."),
        ("encrypting", Status.WARN, "encrypting the disk: 41.7% done",
         ["FileVault is On.", "Encryption in progress: Percent completed = 41.7"]),
        ("encrypting-no-headline", Status.WARN, "12% done", "Encryption in progress: Percent completed = 12.0"),
        ("encryption-paused", Status.WARN, "paused while encrypting the disk: 55.5% done",
         ["FileVault is On.", "Encryption paused: Percent completed = 55.5"]),
        ("decrypting", Status.FAIL, "being turned off (decrypting): 80.2% done",
         ["FileVault is On.", "Decryption in progress: Percent completed = 80.2"]),
        ("restart-pending", Status.WARN, "after the next restart",
         "FileVault is Off, but will be enabled after the next restart."),
        ("deferred-and-restart", Status.WARN, "when amina next logs out or in",
         ["FileVault is Off, but will be enabled after the next restart.",
          "Deferred enablement appears to be active for user 'amina'."]),
        ("encryption-pending", Status.WARN, "waiting to start encrypting the disk",
         ["FileVault is On.", "Encryption in progress: Pending"]),
        ("deferred-cut", Status.WARN, "when the user it names next logs out or in",
         "Deferred enablement appears to be active."),
    ],
)  # fmt: skip
def test_mac_fdesetup_verdicts_quote_the_deciding_lines(name, status, words, deciding):
    f = mac(name)
    assert f.status is status and words in f.summary
    assert f.evidence["fdesetup"] == deciding and "unrecognised" not in f.evidence


def test_mac_a_line_fdesetup_prints_that_hygiene_does_not_know_is_unknown_not_pass():
    f = mac("on-unknown-line")
    assert f.status is Status.UNKNOWN and "'Authenticated restart is pending for the next boot.'" in f.summary
    assert f.evidence["unrecognised"] == ["Authenticated restart is pending for the next boot."]
    assert f.evidence["fdesetup"] == "FileVault is On."


def test_mac_an_unknown_line_beside_an_in_between_state_stays_warn_and_is_quoted():
    answer = (0, "FileVault is On.\nEncryption in progress: Percent completed = 5\nKey escrow pending.\n", "")
    f = run_one(machine(platform="macos", commands={FDESETUP: answer}), system_disk_encrypted)
    assert f.status is Status.WARN and "'Key escrow pending.'" in f.summary
    assert f.evidence["unrecognised"] == ["Key escrow pending."]


def test_mac_a_headline_ending_hygiene_does_not_know_is_unknown():
    f = mac("on-unknown-headline-tail")
    assert f.status is Status.UNKNOWN and "FileVault is On, pending a restart to finish." in f.summary


# --- macOS: diskutil apfs list (ENC-003) ------------------------------------------------------


def apfs(name):
    answer = (0, fixture(f"macos/diskutil-apfs/{name}.txt"), "")
    return run_one(machine(platform="macos", commands={DISKUTIL_APFS: answer}), data_volumes_encrypted)


@pytest.mark.parametrize(
    ("name", "status", "summary", "deciding"),
    [
        ("archive-encrypting", Status.WARN,
         "Not yet fully encrypted: Archive (/Volumes/Archive, encryption not finished).",
         ["FileVault:                 Yes (Unlocked)", "Encryption Progress:       37.2% (Unlocked)"]),
        ("archive-filevault-encrypting", Status.WARN,
         "Not yet fully encrypted: Archive (/Volumes/Archive, encryption not finished).",
         "FileVault:                 Yes (Encrypting)"),
        ("archive-decrypting-paused", Status.FAIL, "Not encrypted: Archive (/Volumes/Archive, being decrypted).",
         ["FileVault:                 Yes (Unlocked)", "Decryption Progress:       12.0% (Paused)"]),
        ("startup-and-plain-archive", Status.FAIL, "Not encrypted: Archive (/Volumes/Archive).",
         "FileVault:                 No"),
    ],
)  # fmt: skip
def test_mac_data_volume_conversions(name, status, summary, deciding):
    f = apfs(name)
    assert f.status is status and f.summary == summary and f.evidence["diskutil"] == deciding


def test_mac_data_volume_with_an_encryption_line_hygiene_does_not_know_is_unknown():
    f = apfs("archive-unknown-encryption-line")
    assert f.status is Status.UNKNOWN and "'Encryption Key Rotation:   Pending'" in f.summary
    assert f.evidence["unrecognised"] == ["Encryption Key Rotation:   Pending"]


# --- Windows: manage-bde -----------------------------------------------------------------------


def manage_bde(name, check=system_disk_encrypted):
    return bde(fixture(f"windows/manage-bde/{name}.txt"), check)


@pytest.mark.parametrize(
    ("name", "status", "words", "deciding"),
    [
        ("en-fully-encrypted", Status.PASS, "C: is encrypted and BitLocker protection is on",
         ["Conversion Status:    Fully Encrypted", "Percentage Encrypted: 100.0%", "Protection Status:    Protection On"]),
        ("en-suspended-reboots-left", Status.WARN, "suspended (2 reboots left)",
         ["Conversion Status:    Fully Encrypted", "Percentage Encrypted: 100.0%",
          "Protection Status:    Protection Off (2 reboots left)"]),
        ("en-encryption-paused", Status.WARN, "paused at 37.5% done",
         ["Conversion Status:    Encryption Paused", "Percentage Encrypted: 37.5%", "Protection Status:    Protection Off"]),
        ("en-decryption-in-progress", Status.FAIL, "being turned off on C: (61% still encrypted)",
         ["Conversion Status:    Decryption in Progress", "Percentage Encrypted: 61.0%",
          "Protection Status:    Protection Off"]),
        ("en-no-header-decrypted", Status.FAIL, "is not encrypted: BitLocker is off",
         "Conversion Status:    Fully Decrypted"),
        ("de-schutz-aktiviert", Status.PASS, "protection is on",
         ["Konvertierungsstatus:         Nur verwendeter Speicherplatz ist verschlüsselt",
          "Verschlüsselt (Prozent):      100,0 %", "Schutzstatus:                 Der Schutz ist aktiviert."]),
        ("fr-espace-utilise", Status.PASS, "protection is on",
         ["État de la conversion :      Espace utilisé uniquement chiffré", "Pourcentage chiffré :        100,0%",
          "État de la protection :      Protection activée"]),
        ("es-cifrado-solo-espacio-usado", Status.PASS, "protection is on",
         ["Estado de conversión:      Cifrado solo de espacio usado", "Porcentaje cifrado:        100,0%",
          "Estado de protección:      Protección activada"]),
        ("es-descifrado-en-progreso", Status.FAIL, "being turned off",
         ["Estado de conversión:      Descifrado en progreso", "Porcentaje cifrado:        42,5%",
          "Estado de protección:      Protección desactivada"]),
        ("fr-integralement-dechiffre", Status.FAIL, "not encrypted",
         ["État de la conversion :      Intégralement déchiffré", "Pourcentage chiffré :        0,0%",
          "État de la protection :      Protection désactivée"]),
    ],
)  # fmt: skip
def test_windows_manage_bde_verdicts_quote_the_deciding_lines(name, status, words, deciding):
    f = manage_bde(name)
    assert f.status is status and words in f.summary and f.evidence["manage-bde"] == deciding


def test_windows_a_block_cut_before_its_header_never_passes():
    """Good news without the volume's name may be another drive's: a cut output decides only
    against (en-no-header-decrypted FAILs above), never for."""
    f = manage_bde("en-no-header-encrypted")
    assert f.status is Status.UNKNOWN and "cannot tell that it is C:" in f.summary
    assert "Protection Status:    Protection On" in f.evidence["manage-bde"]
    assert bde(fixture("windows/manage-bde/en-no-header-decrypted.txt")).summary.startswith("The volume (the output")


def test_windows_two_blocks_for_c_that_disagree_are_unknown():
    """`manage-bde -status C:` prints one block: two for C: (two answers run together), the first
    encrypted and the second not, were judged by the first alone (PASS)."""
    good = fixture("windows/manage-bde/en-fully-encrypted.txt")
    plain = good.replace("Fully Encrypted", "Fully Decrypted").replace("Protection On", "Protection Off")
    f = bde(good + "\n" + plain.split("\n", 3)[3])  # the second without the tool's banner
    assert f.status is Status.UNKNOWN and "reported C: twice, and the answers disagree" in f.summary
    assert f.evidence["manage-bde"] == [
        "Conversion Status:    Fully Encrypted",
        "Protection Status:    Protection On",
        "Conversion Status:    Fully Decrypted",
        "Protection Status:    Protection Off",
    ]
    assert bde(good + "\n" + good.split("\n", 3)[3]).status is Status.PASS  # the same answer twice


def test_windows_a_decisive_negative_still_names_the_line_it_did_not_know():
    f = manage_bde("fr-integralement-dechiffre")
    assert f.evidence["unrecognised"] == ["Protecteurs de clés :        Aucun trouvé"] and "Aucun trouvé" in f.summary


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("en-unknown-field", "'Device Health:        Attention needed'"),
        ("en-unknown-state", "BitLocker reported Encrypted, Awaiting Activation for C:"),
        ("en-wrapped-label", "BitLocker reported no conversion status for C:"),
        ("en-no-header-no-state", "reported no conversion status"),
        ("it-unknown-language", "reported no conversion status"),
    ],
)
def test_windows_manage_bde_labels_or_words_it_does_not_know_are_unknown_never_pass(name, words):
    f = manage_bde(name)
    assert f.status is Status.UNKNOWN and words in f.summary


def test_windows_wrapped_value_is_quoted_as_unrecognised():
    assert manage_bde("en-wrapped-label").evidence["unrecognised"] == ["Fully Encrypted"]


def test_windows_manage_bde_about_another_drive_says_nothing_of_c():
    text = fixture("windows/manage-bde/en-fully-encrypted.txt").replace("Volume C:", "Volume D:")
    f = bde(text)
    assert f.status is Status.UNKNOWN and "reported D: but not C:" in f.summary
    assert f.evidence["manage-bde"][0] == "Volume D:"  # what it did say, quoted


def test_windows_encrypted_protection_off_without_a_protector_list_fails_without_inventing_one():
    text = "    Conversion Status:    Fully Encrypted\n    Protection Status:    Protection Off\n"
    f = bde(text)
    assert f.status is Status.FAIL and "does not list the key protectors" in f.summary
    assert "key_protectors" not in f.evidence


def test_windows_page_file_on_c_while_c_is_still_encrypting_is_warn():
    f = bde(
        fixture("windows/manage-bde/en-encryption-paused.txt"),
        swap_encrypted,
        {FSUTIL_PAGING: (0, "EncryptPagingFile = 0  (Disabled)\n", "")},
    )
    assert f.status is Status.WARN and "paused at 37.5%" in f.summary
    assert f.evidence["manage-bde"][0] == "Conversion Status:    Encryption Paused"


@pytest.mark.parametrize(
    ("finding", "step"),
    [
        (lambda: mac("encrypting"), "Keep the Mac plugged in and awake until FileVault finishes"),
        (lambda: mac("deferred-and-restart"), "Log out and back in as amina"),
        (lambda: mac("restart-pending"), "Restart the Mac to turn FileVault on."),
        (lambda: manage_bde("en-encryption-paused"), "resume it with `manage-bde -resume C:`"),
        (lambda: manage_bde("en-suspended-reboots-left"), "`manage-bde -protectors -enable C:`"),
        (lambda: linux_root((0, fixture("linux/cryptsetup-luksDump/luks2-online-encrypt.txt"), "")), "--resume-only"),
    ],
)
def test_an_unfinished_encryption_gets_the_step_that_finishes_it_not_turn_it_on(finding, step):
    f = finding()
    assert f.status is Status.WARN and step in f.fix


def test_windows_page_file_beside_an_answer_about_another_drive_says_why_once():
    text = fixture("windows/manage-bde/en-fully-encrypted.txt").replace("Volume C:", "Volume D:")
    f = bde(text, swap_encrypted, {FSUTIL_PAGING: (0, "EncryptPagingFile = 0  (Disabled)\n", "")})
    assert f.status is Status.UNKNOWN and f.summary == (
        "The page file is not encrypted by itself, and BitLocker's state is unknown: "
        "`manage-bde -status C:` reported D: but not C:."
    )
    assert f.evidence["manage-bde"][0] == "Volume D:"


# --- Windows: Get-BitLockerVolume JSON ---------------------------------------------------------


def row(mount, status, protection="On", percent=100, protectors=("Tpm", "RecoveryPassword")):
    return {"MountPoint": mount, "VolumeStatus": status, "ProtectionStatus": protection,
            "EncryptionPercentage": percent, "KeyProtector": list(protectors)}  # fmt: skip


def windows_json(rows, check=system_disk_encrypted):
    argv = (*POWERSHELL, BITLOCKER_JSON if check is system_disk_encrypted else FIXED_VOLUMES_JSON)
    return run_one(machine(platform="windows", commands={argv: (0, json.dumps(rows), "")}), check)


@pytest.mark.parametrize(
    ("status", "protection", "verdict", "words"),
    [
        ("EncryptionSuspended", "Off", Status.WARN, "paused at 40%"),
        ("DecryptionSuspended", "Off", Status.FAIL, "being turned off"),
        ("FullyEncryptedWipeInProgress", "On", Status.PASS, "protection is on"),
        ("FullyEncrypted", "Unknown", Status.UNKNOWN, "protection status was not understood"),
    ],
)
def test_windows_json_states(status, protection, verdict, words):
    f = windows_json([row("C:", status, protection, 40)])
    assert f.status is verdict and words in f.summary
    if verdict is not Status.UNKNOWN:
        assert f.evidence["Get-BitLockerVolume"] == [
            f"VolumeStatus: {status}", "EncryptionPercentage: 40", f"ProtectionStatus: {protection}",
        ]  # fmt: skip


def test_windows_data_drive_suspended_is_warn_with_its_lines():
    f = windows_json([row("D:", "FullyEncrypted"), row("E:", "EncryptionSuspended", "Off", 12)], data_volumes_encrypted)
    assert f.status is Status.WARN and "E:" in f.summary and "D:" not in f.summary
    assert "E: VolumeStatus: EncryptionSuspended" in f.evidence["Get-BitLockerVolume"]


# --- Linux: LUKS2 (re)encryption -----------------------------------------------------------------

MOUNTS = "/proc/self/mounts"
UBUNTU = fixture("linux/lsblk-json/ubuntu-luks-lvm.txt")
DUMP_UBUNTU = (*LUKS_DUMP, "/dev/nvme0n1p3")


def linux_root(dump, lsblk=UBUNTU, mounts=None):
    files = {MOUNTS: mounts or fixture("linux/proc-mounts/ubuntu-luks.txt")}
    commands = {LSBLK_JSON: (0, lsblk, "")}
    if dump is not None:
        commands[DUMP_UBUNTU] = dump
    return run_one(machine(files=files, commands=commands), system_disk_encrypted)


def test_linux_finished_luks2_header_passes_and_names_its_lines():
    f = linux_root((0, fixture("linux/cryptsetup-luksDump/luks2-finished.txt"), ""))
    assert f.status is Status.PASS and f.evidence["cryptsetup"] == "Version: 2"
    assert "not_checked" not in f.evidence


def test_linux_unfinished_encryption_in_the_luks2_header_is_warn():
    f = linux_root((0, fixture("linux/cryptsetup-luksDump/luks2-online-encrypt.txt"), ""))
    assert f.status is Status.WARN
    assert "whose encryption is not finished ('Requirements: online-reencrypt-v2')" in f.summary
    assert f.evidence["cryptsetup"] == ["Version: 2", "Requirements: online-reencrypt-v2"]


def test_linux_unknown_requirement_flag_is_unknown():
    f = linux_root((0, fixture("linux/cryptsetup-luksDump/luks2-unknown-requirement.txt"), ""))
    assert f.status is Status.UNKNOWN and f.evidence["unrecognised"] == ["Requirements: hw-key-wrap-v4"]


@pytest.mark.parametrize(
    ("dump", "why"),
    [
        ((4, "", "Device /dev/nvme0n1p3 does not exist or access denied.\n"), "run as administrator"),
        ("missing", "cryptsetup is not installed"),
    ],
)
def test_linux_header_not_readable_leaves_the_stack_verdict_and_says_what_was_not_checked(dump, why):
    f = linux_root(dump)
    assert f.status is Status.PASS and why in f.evidence["not_checked"]


def test_linux_snapshot_from_before_the_header_was_asked_for_is_judged_as_then():
    f = linux_root(None)
    assert f.status is Status.PASS and "not_checked" not in f.evidence and "cryptsetup" not in f.evidence


def test_linux_running_reencryption_helpers_in_lsblk_are_warn_without_reading_the_header():
    f = linux_root(
        None,
        lsblk=fixture("linux/lsblk-json/fedora-online-encrypt-helpers.txt"),
        mounts="/dev/mapper/cryptroot / ext4 rw 0 0\n",
    )
    assert f.status is Status.WARN
    assert f.evidence["cryptsetup"] == ["lsblk: cryptroot-hotzone-forward", "lsblk: cryptroot-overlay"]


def test_linux_luks_data_volume_still_encrypting_is_warn():
    files = {MOUNTS: "/dev/vda1 / ext4 rw 0 0\n/dev/mapper/data /srv/data ext4 rw 0 0\n",
             "/sys/class/block/data/removable": "0\n", "/sys/class/block/vdb/removable": None}  # fmt: skip
    commands = {
        LSBLK_JSON: (0, fixture("linux/lsblk-json/luks-data-volume.txt"), ""),
        (*LUKS_DUMP, "/dev/vdb"): (0, fixture("linux/cryptsetup-luksDump/luks2-online-encrypt.txt"), ""),
    }
    f = run_one(machine(files=files, commands=commands), data_volumes_encrypted)
    assert f.status is Status.WARN and f.summary.startswith("Not yet fully encrypted: /srv/data (data (crypt, ext4)")
    assert f.evidence["cryptsetup"] == ["Version: 2", "Requirements: online-reencrypt-v2"]


# --- Linux: ZFS key status ---------------------------------------------------------------------

ZFS_ROOT = "rpool/ROOT/ubuntu_abc / zfs rw,relatime,xattr,posixacl 0 0\n"
ZFS_ASK = (*ZFS_GET, "rpool/ROOT/ubuntu_abc")


@pytest.mark.parametrize(
    ("out", "status", "words", "deciding"),
    [
        ("aes-256-gcm\navailable\n", Status.PASS, "encrypted with aes-256-gcm", ["aes-256-gcm", "available"]),
        ("off\n-\n", Status.FAIL, "not encrypted", ["off", "-"]),
        ("off\n", Status.FAIL, "not encrypted", "off"),  # cut short, but decisive
        ("aes-256-gcm\nunavailable\n", Status.UNKNOWN, "its key is unavailable", ["aes-256-gcm", "unavailable"]),
        ("aes-256-gcm\n-\n", Status.UNKNOWN, "its key is -", ["aes-256-gcm", "-"]),
        ("aes-256-gcm\n", Status.UNKNOWN, "did not say its key status", "aes-256-gcm"),
        ("aes-512-xts\navailable\n", Status.UNKNOWN, "'aes-512-xts'", "available"),
    ],
)
def test_zfs_root_key_status(out, status, words, deciding):
    f = run_one(machine(files={MOUNTS: ZFS_ROOT}, commands={ZFS_ASK: (0, out, "")}), system_disk_encrypted)
    assert f.status is status and words in f.summary and f.evidence["zfs"] == deciding


# --- every real capture these checks read, and its verdict (issue 11: a change is reviewed) ----

REAL_VERDICTS = {
    "macos/fdesetup-status/1.txt": (Status.PASS, "FileVault is On."),  # + the master keychain note
    "macos/fdesetup-status/3.txt": (Status.FAIL, "Decryption in progress: Percent completed = 25.0"),
    "macos/fdesetup-status/5.txt": (Status.WARN, ["FileVault is Off.", "Deferred enablement appears to be active for user '<shortName>'."]),
    "windows/manage-bde-status/1.txt": (Status.FAIL, "Konvertierungsstatus:         Vollständig entschlüsselt"),
    "windows/manage-bde-status/3.txt": (Status.WARN, "Konvertierungsstatus:         Verschlüsselung wird durchgeführt"),
    "windows/manage-bde-status/5.txt": (Status.UNKNOWN, None),  # M: only: nothing said of C:
    "windows/manage-bde-status/7.txt": (Status.PASS, "Conversion Status:    Used Space Only Encrypted"),
    "windows/manage-bde-status/9.txt": (Status.WARN, "Conversion Status:    Encryption in Progress"),
}  # fmt: skip


@pytest.mark.parametrize("path", sorted(REAL_VERDICTS))
def test_real_captures_get_the_verdict_a_careful_person_would_give(path):
    os_name, tool, n = path.split("/")
    text = real(os_name, tool, int(n.removesuffix(".txt")))
    status, first = REAL_VERDICTS[path]
    if os_name == "macos":
        f = run_one(machine(platform="macos", commands={FDESETUP: (0, text, "")}), system_disk_encrypted)
        said = f.evidence["fdesetup"]
    else:
        f = bde(text)
        said = f.evidence.get("manage-bde", [None])
        said = said if isinstance(first, list) else said[0]
    assert f.status is status, f.summary
    if first is not None:
        assert said == first


def bitlocker_text_to_json(text):
    """What our Get-BitLockerVolume probe (ConvertTo-Json) would print for the volumes of a
    real Format-List or Format-Table capture: MountPoint, VolumeStatus, ProtectionStatus,
    EncryptionPercentage and KeyProtector, read from the capture's own columns."""
    if "MountPoint" in text:  # Format-List: "Name : value"
        fields = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in text.splitlines()) if _}
        return [row(fields["MountPoint"], fields["VolumeStatus"], fields["ProtectionStatus"],
                    int(fields["EncryptionPercentage"]), fields["KeyProtector"].strip("{}").split(", "))]  # fmt: skip
    pattern = re.compile(r"^(?P<type>\S+)\s+(?P<mount>[A-Z]:)\s+\S+\s+(?P<status>\S+)\s+(?P<pct>\d+)\s+"
                         r"\{(?P<protectors>[^}]*?)(?:\}|\.\.\.)\s+(?P<protection>On|Off|Unknown)\s*$")  # fmt: skip
    rows = []
    for line in text.splitlines():
        if m := pattern.match(line):
            found = [p for p in m["protectors"].split(", ") if p]
            rows.append((m["type"], row(m["mount"], m["status"], m["protection"], int(m["pct"]), found)))
    return rows


def test_real_get_bitlockervolume_table_system_drive_and_data_drives():
    rows = bitlocker_text_to_json(real("windows", "get-bitlockervolume", 1))
    assert [r["MountPoint"] for _, r in rows] == ["D:", "E:", "C:", "F:", "G:"]
    system = [r for kind, r in rows if kind == "OperatingSystem"]
    data = [r for kind, r in rows if kind == "Data"]
    f = windows_json(system)
    assert f.status is Status.FAIL and f.evidence["Get-BitLockerVolume"][0] == "VolumeStatus: FullyDecrypted"
    g = windows_json(data, data_volumes_encrypted)  # D: 1% encrypting; E:, F:, G: plain
    assert g.status is Status.FAIL and "E: is not encrypted" in g.summary and "D:" not in g.summary


def test_real_get_bitlockervolume_list_is_encrypted_and_protected():
    f = windows_json(bitlocker_text_to_json(real("windows", "get-bitlockervolume", 3)))
    assert f.status is Status.PASS
    assert f.evidence["Get-BitLockerVolume"] == [
        "VolumeStatus: FullyEncrypted",
        "EncryptionPercentage: 100",
        "ProtectionStatus: On",
    ]
