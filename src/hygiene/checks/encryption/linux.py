"""What the encryption checks find on Linux: the device stack beneath a mount (lsblk, else
device-mapper facts in sysfs), ZFS native encryption, /proc/swaps and /proc/self/mounts."""

from __future__ import annotations

import posixpath

from hygiene.checks.base import first_line
from hygiene.checks.encryption import VOLUME_WORDS, judge_each
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.lsblk import BlockDevice, parse_lsblk_json, parse_lsblk_tree, paths_to
from hygiene.parsers.proc_mounts import Mount, mount_of, parse_mounts
from hygiene.parsers.swap import parse_proc_swaps
from hygiene.system import ProbeUnavailable, System
from hygiene.system.kept import WHOLE

LSBLK_COLUMNS = "NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT"
LSBLK_JSON = ("lsblk", "-J", "-o", LSBLK_COLUMNS)
LSBLK_TEXT = ("lsblk", "-o", LSBLK_COLUMNS)  # util-linux < 2.27 has no -J
# Filesystems whose backing disk cannot be seen from where we run (containers, live media).
NO_DISK_FSTYPES = {"overlay", "aufs", "tmpfs", "rootfs", "squashfs", "9p", "virtiofs", "nfs", "nfs4", "cifs"}
ZFS_GET = ("zfs", "get", "-H", "-o", "value", "encryption,keystatus")
PLAIN_TYPES = {"disk", "part", "lvm", "loop", "md", "rom", "mpath"}
BOOT_TARGETS = {"/boot", "/boot/efi", "/efi"}  # the loader must read these before any key exists
REMOVABLE_TARGETS = ("/media/", "/run/media/")  # where desktops mount USB disks and cards
SKIP_FSTYPES = NO_DISK_FSTYPES | {"squashfs", "iso9660", "udf", "swap"}


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


def _lsblk(system: System) -> tuple[tuple[BlockDevice, ...] | None, str]:
    """The device tree, or None and why lsblk could not give it. Not ProbeUnavailable: without
    lsblk the verdict comes from sysfs, and that reason is only evidence (while a timeout or an
    unrecorded answer from the System must still end the check)."""
    result = system.run(LSBLK_JSON)
    if not result.found:
        return None, "lsblk is not installed"
    try:
        if result.ok:
            return parse_lsblk_json(result.stdout), ""
        old = system.run(LSBLK_TEXT)
        if old.ok:
            return parse_lsblk_tree(old.stdout), ""
        return None, f"lsblk failed: {first_line(result.stderr) or f'exit {result.returncode}'}"
    except ParseError as exc:
        return None, str(exc)


def device_encrypted(system: System, source: str, mounted_at: str) -> tuple[bool | None, str, str, list[str]]:
    """Whether a block device has dm-crypt beneath it: the verdict (None: cannot tell), the
    device stack as shown to the user, why lsblk could not help ("" when it did), and the lsblk
    lines of the devices that decided it."""
    tree, why_not = _lsblk(system)
    stacks = _stacks(tree, source, mounted_at) if tree is not None else []
    if stacks:
        answers = [_stack_encrypted(system, s) for s in stacks]
        shown = " ← ".join(d.label() for d in reversed(stacks[0]))
        verdict = None if None in answers else all(answers)
    else:  # no lsblk, or the device not in its tree: ask device-mapper directly
        shown = source
        verdict = _dm_is_crypt(system, _kernel_name(system, source)) if source.startswith("/dev/") else None
    lines = [line for stack in stacks for device in stack for line in device.lines]
    return verdict, shown, why_not, list(dict.fromkeys(lines))


QUOTED = 5  # lsblk lines a finding quotes; the summary counts the rest


def _quote_lsblk(evidence: dict, lines: list[str]) -> str:
    """Puts the deciding lsblk lines in the evidence; what the summary adds about the rest."""
    if lines:
        evidence["lsblk"] = [deciding_line(line) for line in lines[:QUOTED]]
    more = len(lines) - QUOTED
    return f" (and {more} more lsblk lines)" if more > 0 else ""


def _mounts(system: System) -> list[Mount]:
    return parse_mounts(system.read_text("/proc/self/mounts", WHOLE) or "")


def system_disk(system: System) -> Finding:
    """The device stack under / (or the ZFS dataset it is)."""
    root = mount_of(_mounts(system), "/")
    if root is None:
        raise ProbeUnavailable("Could not find the root filesystem in /proc/self/mounts.")
    if root.fstype in NO_DISK_FSTYPES:
        raise ProbeUnavailable(
            f"/ is a {root.fstype} filesystem (a container or live system?), so the disk "
            "beneath it cannot be seen from here; run hygiene on the host.",
            root_fstype=root.fstype,
        )
    if root.fstype == "zfs":
        return _zfs_encrypted(system, root.source)
    verdict, shown, tree, lines = device_encrypted(system, root.source, "/")
    evidence = {"root_device": root.source, "root_fstype": root.fstype, "stack": shown}
    if tree:
        evidence["lsblk"] = tree
    more = _quote_lsblk(evidence, lines)
    if verdict is True:
        return Finding(Status.PASS, f"/ sits on an encrypted (dm-crypt/LUKS) device: {shown}{more}.", evidence)
    if verdict is False:
        return Finding(Status.FAIL, f"/ is on {shown} with no encryption layer beneath it{more}.", evidence)
    raise ProbeUnavailable(
        f"Could not tell whether {root.source} is encrypted"
        + (f" ({tree})" if tree else "")
        + "; run as administrator, or check with `lsblk -f`.",
        **evidence,
    )


def _zfs_encrypted(system: System, dataset: str) -> Finding:
    """ZFS native encryption of the root dataset (inherited from its encryption root)."""
    result = system.run((*ZFS_GET, dataset))
    evidence = {"root_dataset": dataset, "root_fstype": "zfs"}
    if not result.found:
        raise ProbeUnavailable(
            "/ is on ZFS but the `zfs` command is not available to ask about encryption.", **evidence
        )
    values = result.stdout.split()
    if not result.ok or len(values) < 2:
        raise ProbeUnavailable(
            f"`zfs get encryption` failed: {first_line(result.stderr) or result.returncode}", **evidence
        )
    cipher, keystatus = values[0], values[1]
    evidence.update(encryption=cipher, keystatus=keystatus)
    if cipher == "off":
        return Finding(Status.FAIL, f"/ is on the ZFS dataset {dataset}, which is not encrypted.", evidence)
    summary = f"/ is on the ZFS dataset {dataset}, encrypted with {cipher} (key {keystatus})."
    return Finding(Status.PASS, summary, evidence)


def swap(system: System) -> Finding:
    """Each area in /proc/swaps: zram stays in memory; a partition, or the filesystem holding a
    swap file, is judged by its device stack."""
    text = system.read_text("/proc/swaps", WHOLE)
    if text is None:
        raise ProbeUnavailable("/proc/swaps could not be read.")
    try:
        areas = parse_proc_swaps(text)
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc
    if not areas:
        return Finding(Status.PASS, "No swap is in use, so no memory is written to disk.", {"swap": []})
    mounts = _mounts(system)
    items: list[tuple[bool | None, str]] = []
    lines: list[str] = []
    for area in areas:
        if posixpath.basename(area.path).startswith("zram"):
            items.append((True, f"{area.path} (zram, in memory)"))
            continue
        if area.kind == "file":
            holder = max(
                (m for m in mounts if area.path.startswith(m.target.rstrip("/") + "/")),
                key=lambda m: len(m.target),
                default=None,
            )
            if holder is None:
                items.append((None, f"{area.path} (its filesystem is not in /proc/self/mounts)"))
                continue
            verdict, shown, _, decided = device_encrypted(system, holder.source, holder.target)
            items.append((verdict, f"{area.path} on {shown}"))
        else:
            verdict, shown, _, decided = device_encrypted(system, area.path, "[SWAP]")
            items.append((verdict, shown))
        lines.extend(decided)
    evidence: dict = {"swap": [a.path for a in areas]}
    _quote_lsblk(evidence, list(dict.fromkeys(lines)))
    return judge_each(
        items,
        evidence,
        plain="Swap is written to disk unencrypted",
        unsure="Could not tell whether swap is encrypted",
        safe="Swap is encrypted or kept in memory",
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


def data_volumes(system: System) -> Finding:
    """Every fixed block-device mount besides /, the boot partitions and removable media."""
    data = _data_mounts(system, _mounts(system))
    if not data:
        return Finding(Status.NOT_APPLICABLE, "No fixed data volumes besides the system volume are mounted.", {})
    items, lines = [], []
    for m in data:
        verdict, shown, _, decided = device_encrypted(system, m.source, m.target)
        items.append((verdict, f"{m.target} ({shown})"))
        lines.extend(decided)
    evidence = {"volumes": [f"{m.target}: {m.source}" for m in data]}
    _quote_lsblk(evidence, list(dict.fromkeys(lines)))
    return judge_each(items, evidence, **VOLUME_WORDS)
