"""Encryption category: is the data on this machine unreadable to someone who takes the disk?

Each check asks the module of the host's platform (linux, macos, windows), which reads that
system's own tools; judge_each is how several volumes or swap areas make one verdict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from hygiene.checks.base import check, for_platform, unrecognised_evidence
from hygiene.model import ALL_PLATFORMS, Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import deciding_line
from hygiene.system import ProbeUnavailable, System

# judge_each's words for ENC-003, the same on Linux and macOS.
VOLUME_WORDS = {"plain": "Not encrypted", "unsure": "Could not tell whether these are encrypted", "safe": "Encrypted"}

ENC_001 = CheckMeta(
    id="ENC-001",
    title="The system disk is encrypted",
    category=Category.ENCRYPTION,
    severity=Severity.CRITICAL,
    platforms=ALL_PLATFORMS,
    rationale=(
        "A lost or stolen laptop, or a disk thrown away without wiping, hands over every file, "
        "saved browser session and stored key on it. Full-disk encryption makes the disk "
        "unreadable without your passphrase, and costs almost nothing on current hardware."
    ),
    remediation={
        Platform.LINUX: (
            "Linux encrypts the system disk with LUKS, chosen when you install: pick 'Encrypt "
            "the new installation' (Ubuntu) or 'Encrypt my data' (Fedora). On an existing "
            "install the safe route is: back up, reinstall with encryption, restore. An "
            "in-place conversion (`cryptsetup reencrypt --encrypt` from a live USB) exists but "
            "needs a verified backup first. If this is a cloud server whose provider encrypts "
            "volumes at rest, this check cannot see that: record it as accepted."
        ),
        Platform.MACOS: (
            "System Settings > Privacy & Security > FileVault > Turn On. Keep the recovery key "
            "somewhere other than this Mac (printed, or in your password manager), or let your "
            "iCloud account unlock it. Encryption runs in the background while you work; keep "
            "the Mac on power until `fdesetup status` says 'FileVault is On.'"
        ),
        Platform.WINDOWS: (
            "Windows Pro/Enterprise: Control Panel > BitLocker Drive Encryption > Turn on "
            "BitLocker for C:, and save the recovery key to your Microsoft account, a USB stick "
            "or paper (not on C:). Windows Home: Settings > Privacy & security > Device "
            "encryption > On (needs a Microsoft account; the key is saved there). If protection "
            "is suspended, resume it as administrator: `manage-bde -protectors -enable C:`."
        ),
    },
    references=(
        "CIS Controls v8 3.6 (Encrypt Data on End-User Devices)",
        "NIST CSF 2.0 PR.DS-01",
        "NIST SP 800-111",
    ),
)

ENC_002 = CheckMeta(
    id="ENC-002",
    title="Swap and hibernation data are encrypted",
    category=Category.ENCRYPTION,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
    rationale=(
        "When memory runs short, or the machine hibernates, the system writes memory to disk: "
        "passwords, keys and open documents included. Unless swap is encrypted, disk "
        "encryption alone leaves that copy readable."
    ),
    remediation={
        Platform.LINUX: (
            "Keep swap inside the encrypted volume (a swap file on the encrypted root, or a swap "
            "logical volume in the LUKS-encrypted LVM), or use zram (`sudo apt install "
            "systemd-zram-generator`), which never touches the disk. A plain swap partition: "
            "add it to /etc/crypttab with a random key (`swap /dev/sdXN /dev/urandom swap,cipher=aes-xts-plain64`); "
            "that turns off hibernation."
        ),
        Platform.MACOS: "macOS encrypts swap by itself since 10.7; if it does not here, turn on FileVault.",
        Platform.WINDOWS: (
            "Turn on BitLocker for C: (the page file and hiberfil.sys live there), or as "
            "administrator: `fsutil behavior set EncryptPagingFile 1` and restart."
        ),
    },
    references=("CIS Controls v8 3.6 (Encrypt Data on End-User Devices)", "NIST SP 800-111 section 4.1"),
)

# The other data volumes: boot partitions and the system volume (ENC-001) are left out, and on
# Linux and Windows removable media; macOS follows CIS 5.3.1 and counts every mounted APFS
# volume except Time Machine's (BAK-003 judges those).
ENC_003 = CheckMeta(
    id="ENC-003",
    title="Other fixed data volumes are encrypted",
    category=Category.ENCRYPTION,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "A second disk or data partition often holds the very files worth stealing (the "
        "accounts folder, the photo archive, the backups); encrypting only the system disk "
        "leaves those readable to whoever takes the machine."
    ),
    remediation={
        Platform.LINUX: (
            "Move the data off, encrypt the partition with LUKS (`sudo cryptsetup luksFormat "
            "/dev/sdXN`, open it, make a filesystem, list it in /etc/crypttab and /etc/fstab), "
            "then move the data back; or, with a verified backup, `cryptsetup reencrypt "
            "--encrypt` it in place."
        ),
        Platform.MACOS: (
            'In Finder, right-click the volume > Encrypt "NAME"… and choose a password kept in '
            "your password manager (or Disk Utility > select the volume > File > Encrypt). "
            "APFS encrypts in the background, without erasing."
        ),
        Platform.WINDOWS: (
            "For each data drive: Control Panel > BitLocker Drive Encryption > Turn on BitLocker, "
            "and tick 'Automatically unlock on this computer'; or as administrator "
            "`manage-bde -on D: -RecoveryPassword`, then save the recovery password away from the PC."
        ),
    },
    references=("CIS Controls v8 3.6 (Encrypt Data on End-User Devices)", "NIST SP 800-111"),
)


def note_unrecognised(evidence: dict, lines: Sequence[str]) -> str:
    """Puts lines a parser did not recognise into the evidence (convention 2), and returns the
    summary's words for them: the first quoted, and how many more."""
    evidence.update(unrecognised_evidence(lines))
    return f"'{deciding_line(lines[0])}'" + (f" and {len(lines) - 1} more line(s)" if len(lines) > 1 else "")


# The verdicts judge_each combines: True (encrypted), False (plain), None (cannot tell), and
# CONVERTING: still being encrypted, or paused on the way (WARN at best, convention 3).
CONVERTING = "converting"


def judge_each(
    items: list[tuple[bool | str | None, str]],
    evidence: dict,
    *,
    plain: str,
    unsure: str,
    safe: str,
    finishing: str = "",
) -> Finding:
    """One finding for several volumes or swap areas, each (verdict, label): any plain one
    fails; else any on the way to encryption warns (naming those that could not be told too),
    with `finishing` as its fix; else any that could not be told makes it UNKNOWN; else it
    passes."""
    named = {v: "; ".join(label for verdict, label in items if verdict is v) for v in (False, None, True, CONVERTING)}
    if named[False]:
        return Finding(Status.FAIL, f"{plain}: {named[False]}.", evidence)
    if named[CONVERTING]:
        also = f" {unsure}: {named[None]}." if named[None] else ""
        return Finding(Status.WARN, f"Not yet fully encrypted: {named[CONVERTING]}.{also}", evidence, fix=finishing)
    if named[None]:
        raise ProbeUnavailable(f"{unsure}: {named[None]}.", **evidence)
    return Finding(Status.PASS, f"{safe}: {named[True]}.", evidence)


class Probes(Protocol):
    """What each platform module finds, each as a Finding in that system's own words."""

    def system_disk(self, system: System) -> Finding: ...
    def swap(self, system: System) -> Finding: ...
    def data_volumes(self, system: System) -> Finding: ...


def _probes(system: System) -> Probes:
    return for_platform(system, __name__, Probes)


@check(ENC_001)
def system_disk_encrypted(system: System) -> Finding:
    return _probes(system).system_disk(system)


@check(ENC_002)
def swap_encrypted(system: System) -> Finding:
    """Memory written to disk (swap, hibernation, the page file) is encrypted too, or it leaks
    what was in memory (passwords, keys, open documents) to whoever takes the disk."""
    return _probes(system).swap(system)


@check(ENC_003)
def data_volumes_encrypted(system: System) -> Finding:
    return _probes(system).data_volumes(system)
