"""ENC-003: the other data volumes (a second internal disk, a data partition) are encrypted
too. Boot partitions and the system volume (ENC-001) are left out, and on Linux and Windows
removable media; macOS follows CIS 5.3.1 and counts every mounted APFS volume except Time
Machine's (BAK-003 judges those)."""

from __future__ import annotations

import posixpath

from hygiene.checks.base import check, first_line, unknown
from hygiene.checks.encryption import NO_DISK_FSTYPES, device_encrypted, judge_each
from hygiene.checks.encryption_windows import RUN_AS_ADMIN, bitlocker_json, judge_volume
from hygiene.checks.updates_windows import POWERSHELL
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import ParseError
from hygiene.parsers.bitlocker import parse_bitlocker_json
from hygiene.parsers.diskutil_apfs import parse_apfs_list
from hygiene.parsers.proc_mounts import Mount, mount_of, parse_mounts
from hygiene.system import System
from hygiene.system.kept import WHOLE

BOOT_TARGETS = {"/boot", "/boot/efi", "/efi"}  # the loader must read these before any key exists
REMOVABLE_TARGETS = ("/media/", "/run/media/")  # where desktops mount USB disks and cards
DISKUTIL_APFS = ("diskutil", "apfs", "list")
# Volumes macOS itself owns (the startup disk is ENC-001's; Catalina mounts Recovery under
# /Volumes), and Time Machine disks, which BAK-003 judges.
SYSTEM_ROLES = {"System", "Preboot", "Recovery", "VM", "Update", "xART", "Hardware", "Backup"}
VOLUME_WORDS = {"plain": "Not encrypted", "unsure": "Could not tell whether these are encrypted", "safe": "Encrypted"}
SKIP_FSTYPES = NO_DISK_FSTYPES | {"squashfs", "iso9660", "udf", "swap"}
# Fixed (not removable) data volumes with their BitLocker state, enum names as text.
FIXED_VOLUMES_JSON = bitlocker_json(
    "Get-BitLockerVolume | Where-Object { $_.VolumeType -eq 'Data' -and "
    "$_.MountPoint -match '^[A-Z]:' -and (Get-Volume -DriveLetter $_.MountPoint[0]).DriveType -eq 'Fixed' }"
)

ENC_003 = CheckMeta(
    id="ENC-003",
    title="Other fixed data volumes are encrypted",
    category=Category.ENCRYPTION,
    severity=Severity.HIGH,
    platforms=(Platform.LINUX, Platform.MACOS, Platform.WINDOWS),
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


def _data_mounts(system: System, mounts: list[Mount]) -> list[Mount]:
    root = mount_of(mounts, "/")
    chosen: dict[str, Mount] = {}
    for m in mounts:
        if not m.source.startswith("/dev/") or m.fstype in SKIP_FSTYPES or m.target == "/":
            continue
        if m.target in BOOT_TARGETS or m.target.startswith(REMOVABLE_TARGETS):
            continue
        if root is not None and m.source == root.source:  # a subvolume of the system disk: ENC-001
            continue
        if posixpath.basename(m.source).startswith(("loop", "sr", "zram")):
            continue
        if _removable(system, m.source):
            continue
        chosen.setdefault(m.source, m)  # a device mounted twice is judged once
    return list(chosen.values())


def _removable(system: System, source: str) -> bool:
    """The kernel's removable flag, which only whole disks carry: sdb for sdb1, nvme0n1 for
    nvme0n1p2 (a USB hard disk may still say 0; /media mounts are left out for that)."""
    name = posixpath.basename(source)
    disk = name.split("p")[0] if name.startswith(("nvme", "mmcblk")) else name.rstrip("0123456789")
    flags = [system.read_text(f"/sys/class/block/{d}/removable", WHOLE) for d in dict.fromkeys((name, disk))]
    return any(flag is not None and flag.strip() == "1" for flag in flags)


def _linux(system: System) -> Finding:
    mounts = parse_mounts(system.read_text("/proc/self/mounts", WHOLE) or "")
    data = _data_mounts(system, mounts)
    if not data:
        return Finding(Status.NOT_APPLICABLE, "No fixed data volumes besides the system volume are mounted.", {})
    items = []
    for m in data:
        verdict, shown, _ = device_encrypted(system, m.source, m.target)
        items.append((verdict, f"{m.target} ({shown})"))
    evidence = {"volumes": [f"{m.target}: {m.source}" for m in data]}
    return judge_each(items, evidence, **VOLUME_WORDS)


def _macos(system: System) -> Finding:
    """CIS macOS 5.3.1: every mounted APFS volume besides the startup disk's is encrypted."""
    result = system.run(DISKUTIL_APFS)
    if not result.ok:
        return unknown(f"`diskutil apfs list` failed: {first_line(result.stderr) or result.returncode}")
    try:
        volumes = parse_apfs_list(result.stdout)
    except ParseError as exc:
        return unknown(str(exc))
    others = [
        v
        for v in volumes
        if v.mount and v.mount != "/" and not v.mount.startswith("/System/Volumes/") and v.role not in SYSTEM_ROLES
    ]
    if not others:
        return Finding(Status.NOT_APPLICABLE, "No APFS volumes besides the startup disk's are mounted.", {})
    evidence = {"volumes": [f"{v.mount}: {v.disk}" for v in others]}
    return judge_each([(v.encrypted, f"{v.name} ({v.mount})") for v in others], evidence, **VOLUME_WORDS)


def _windows(system: System) -> Finding:
    result = system.run((*POWERSHELL, FIXED_VOLUMES_JSON))
    if not result.ok:
        said = first_line(result.stderr)
        return unknown(
            f"Could not list the data drives' BitLocker state ({said or result.returncode}): {RUN_AS_ADMIN}."
        )
    try:
        volumes = parse_bitlocker_json(result.stdout)
    except ParseError as exc:
        return unknown(str(exc))
    if not volumes:
        return Finding(Status.NOT_APPLICABLE, "No fixed data drives besides C: were found.", {})
    judged = [(v, judge_volume(v)) for v in volumes]
    evidence = {"volumes": [f"{v.mount}: {v.raw_status}" for v in volumes]}
    for status in (Status.FAIL, Status.WARN, Status.UNKNOWN):
        hits = [f.summary for _, f in judged if f.status is status]
        if hits:
            return Finding(status, " ".join(hits), evidence)
    return Finding(Status.PASS, f"BitLocker protects {', '.join(v.mount for v in volumes)}.", evidence)


@check(ENC_003)
def data_volumes_encrypted(system: System) -> Finding:
    if system.facts.platform is Platform.WINDOWS:
        return _windows(system)
    if system.facts.platform is Platform.MACOS:
        return _macos(system)
    return _linux(system)
