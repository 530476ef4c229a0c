"""Encryption category: is the data on this machine unreadable to someone who takes the disk?

Linux is judged here (the device stack under /); macOS and Windows ask their own tools
(encryption_macos, encryption_windows)."""

from __future__ import annotations

import posixpath

from hygiene.checks.base import check, first_line, unknown
from hygiene.checks.encryption_macos import filevault
from hygiene.checks.encryption_windows import bitlocker
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import ParseError
from hygiene.parsers.lsblk import BlockDevice, parse_lsblk_json, parse_lsblk_tree, paths_to
from hygiene.parsers.proc_mounts import mount_of, parse_mounts
from hygiene.system import System
from hygiene.system.kept import WHOLE

LSBLK_COLUMNS = "NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT"
LSBLK_JSON = ("lsblk", "-J", "-o", LSBLK_COLUMNS)
LSBLK_TEXT = ("lsblk", "-o", LSBLK_COLUMNS)  # util-linux < 2.27 has no -J
# Filesystems whose backing disk cannot be seen from where we run (containers, live media).
NO_DISK_FSTYPES = {"overlay", "aufs", "tmpfs", "rootfs", "squashfs", "9p", "virtiofs", "nfs", "nfs4", "cifs"}
ZFS_GET = ("zfs", "get", "-H", "-o", "value", "encryption,keystatus")
PLAIN_TYPES = {"disk", "part", "lvm", "loop", "md", "rom", "mpath"}

ENC_001 = CheckMeta(
    id="ENC-001",
    title="The system disk is encrypted",
    category=Category.ENCRYPTION,
    severity=Severity.CRITICAL,
    platforms=(Platform.LINUX, Platform.MACOS, Platform.WINDOWS),
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


def _stacks(devices: tuple[BlockDevice, ...], source: str, mounted_at: str) -> list[tuple[BlockDevice, ...]]:
    """The device paths from a disk up to `source`, or up to what lsblk shows mounted at
    `mounted_at` ("/", "[SWAP]"): btrfs subvolumes and mapper names hide the device name."""
    names = {source, posixpath.basename(source)}
    return paths_to(devices, lambda d: mounted_at in d.mountpoints or d.name in names or d.kname in names)


def _kernel_name(system: System, source: str) -> str:
    """/dev/mapper/NAME is dm-N to the kernel: find N through sysfs; other names are as is."""
    name = posixpath.basename(source)
    if source.startswith("/dev/mapper/"):
        for path in system.glob("/sys/class/block/dm-*/dm/name"):
            if (system.read_text(path, WHOLE) or "").strip() == name:
                return path.split("/")[4]
    return name


def _dm_is_crypt(system: System, kname: str, depth: int = 0) -> bool | None:
    """Device-mapper facts from sysfs (no udev needed): is there a dm-crypt layer under kname?"""
    if depth > 8:
        return None
    uuid = system.read_text(f"/sys/class/block/{kname}/dm/uuid", WHOLE)
    if uuid is not None and uuid.startswith("CRYPT-"):
        return True
    slaves = system.glob(f"/sys/class/block/{kname}/slaves/*")
    if not slaves:  # a plain disk or partition: nothing more beneath it
        return False if system.exists(f"/sys/class/block/{kname}") else None
    answers = [_dm_is_crypt(system, posixpath.basename(s), depth + 1) for s in slaves]
    if all(a is True for a in answers):
        return True
    return None if None in answers else False


def _stack_encrypted(system: System, stack: tuple[BlockDevice, ...]) -> bool | None:
    """True when a dm-crypt mapping, or a LUKS container, lies on the path to the root device."""
    if any(d.type == "crypt" for d in stack) or any(d.fstype == "crypto_LUKS" for d in stack[:-1]):
        return True
    unsure = [d for d in stack if d.type not in PLAIN_TYPES]  # "dm", missing, or unfamiliar
    if not unsure:
        return False
    answers = [_dm_is_crypt(system, posixpath.basename(d.kname or d.name)) for d in unsure]
    if True in answers:
        return True
    return None if None in answers else False


def _lsblk(system: System) -> tuple[BlockDevice, ...] | str:
    """The device tree, or the reason it could not be had."""
    result = system.run(LSBLK_JSON)
    if not result.found:
        return "lsblk is not installed"
    try:
        if result.ok:
            return parse_lsblk_json(result.stdout)
        old = system.run(LSBLK_TEXT)
        if old.ok:
            return parse_lsblk_tree(old.stdout)
        return f"lsblk failed: {first_line(result.stderr) or f'exit {result.returncode}'}"
    except ParseError as exc:
        return str(exc)


@check(ENC_001)
def system_disk_encrypted(system: System) -> Finding:
    if system.facts.platform is Platform.MACOS:
        return filevault(system)
    if system.facts.platform is Platform.WINDOWS:
        return bitlocker(system)
    return _linux_root_encrypted(system)


def _linux_root_encrypted(system: System) -> Finding:
    mounts = system.read_text("/proc/self/mounts", WHOLE)
    root = mount_of(parse_mounts(mounts or ""), "/")
    if root is None:
        return unknown("Could not find the root filesystem in /proc/self/mounts.")
    if root.fstype in NO_DISK_FSTYPES:
        return unknown(
            f"/ is a {root.fstype} filesystem (a container or live system?), so the disk "
            "beneath it cannot be seen from here; run hygiene on the host.",
            root_fstype=root.fstype,
        )
    if root.fstype == "zfs":
        return _zfs_encrypted(system, root.source)
    verdict, shown, tree = device_encrypted(system, root.source, "/")
    evidence = {"root_device": root.source, "root_fstype": root.fstype, "stack": shown}
    if tree:
        evidence["lsblk"] = tree
    if verdict is True:
        return Finding(Status.PASS, f"/ sits on an encrypted (dm-crypt/LUKS) device: {shown}.", evidence)
    if verdict is False:
        return Finding(Status.FAIL, f"/ is on {shown} with no encryption layer beneath it.", evidence)
    return Finding(
        Status.UNKNOWN,
        f"Could not tell whether {root.source} is encrypted"
        + (f" ({tree})" if tree else "")
        + "; run as administrator, or check with `lsblk -f`.",
        evidence,
    )


def _zfs_encrypted(system: System, dataset: str) -> Finding:
    """ZFS native encryption of the root dataset (inherited from its encryption root)."""
    result = system.run((*ZFS_GET, dataset))
    evidence = {"root_dataset": dataset, "root_fstype": "zfs"}
    if not result.found:
        return unknown("/ is on ZFS but the `zfs` command is not available to ask about encryption.", **evidence)
    values = result.stdout.split()
    if not result.ok or len(values) < 2:
        return unknown(f"`zfs get encryption` failed: {first_line(result.stderr) or result.returncode}", **evidence)
    cipher, keystatus = values[0], values[1]
    evidence.update(encryption=cipher, keystatus=keystatus)
    if cipher == "off":
        return Finding(Status.FAIL, f"/ is on the ZFS dataset {dataset}, which is not encrypted.", evidence)
    summary = f"/ is on the ZFS dataset {dataset}, encrypted with {cipher} (key {keystatus})."
    return Finding(Status.PASS, summary, evidence)


def judge_each(items: list[tuple[bool | None, str]], evidence: dict, *, plain: str, unsure: str, safe: str) -> Finding:
    """One finding for several volumes or swap areas, each (encrypted?, label): any plain one
    fails, else any that could not be told makes it UNKNOWN, else it passes."""
    named = {v: "; ".join(label for verdict, label in items if verdict is v) for v in (False, None, True)}
    if named[False]:
        return Finding(Status.FAIL, f"{plain}: {named[False]}.", evidence)
    if named[None]:
        return unknown(f"{unsure}: {named[None]}.", **evidence)
    return Finding(Status.PASS, f"{safe}: {named[True]}.", evidence)


def device_encrypted(system: System, source: str, mounted_at: str) -> tuple[bool | None, str, str]:
    """Whether a block device has dm-crypt beneath it: the verdict (None: cannot tell), the
    device stack as shown to the user, and why lsblk could not help ("" when it did)."""
    tree = _lsblk(system)
    stacks = _stacks(tree, source, mounted_at) if isinstance(tree, tuple) else []
    if stacks:
        answers = [_stack_encrypted(system, s) for s in stacks]
        shown = " ← ".join(d.label() for d in reversed(stacks[0]))
        verdict = None if None in answers else all(answers)
    else:  # no lsblk, or the device not in its tree: ask device-mapper directly
        shown = source
        verdict = _dm_is_crypt(system, _kernel_name(system, source)) if source.startswith("/dev/") else None
    return verdict, shown, tree if isinstance(tree, str) else ""
