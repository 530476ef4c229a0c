"""What the encryption checks find on Linux: the device stack beneath a mount (lsblk, else
device-mapper facts in sysfs), ZFS native encryption, /proc/swaps and /proc/self/mounts."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass

from hygiene.checks.base import MAX_QUOTED, first_line, quoted
from hygiene.checks.encryption import CONVERTING, VOLUME_WORDS, judge_each, note_unrecognised
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.cryptsetup import LuksHeader, parse_luks_dump
from hygiene.parsers.lsblk import BlockDevice, parse_lsblk_json, parse_lsblk_tree, paths_to
from hygiene.parsers.proc_mounts import Mount, mount_of, parse_mounts
from hygiene.parsers.swap import parse_proc_swaps
from hygiene.parsers.zfs import parse_zfs_encryption
from hygiene.system import ProbeUnavailable, System
from hygiene.system.base import NotRecorded
from hygiene.system.kept import LUKS_HEADER, WHOLE

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
# + the LUKS device; reads its header (needs administrator). --disable-locks: a read-only audit
# leaves no lock file under /run/cryptsetup, which a plain luksDump of LUKS2 creates.
LUKS_DUMP = ("cryptsetup", "--disable-locks", "luksDump")
FINISH_LUKS = (
    "Let the encryption finish: keep the machine on while `cryptsetup reencrypt` runs; if it was "
    "interrupted, resume it as root with `cryptsetup reencrypt --resume-only DEVICE` (the LUKS device "
    "`lsblk -f` shows as crypto_LUKS)."
)
# While cryptsetup (re)encrypts a mounted LUKS2 device NAME it stacks NAME-overlay and
# NAME-hotzone-forward (or -backward) beneath it (lib/luks2/luks2_reencrypt.c).
HELPER_SUFFIXES = ("-overlay", "-hotzone-forward", "-hotzone-backward")
_DEVICE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")


@dataclass(frozen=True)
class StackVerdict:
    """What device_encrypted found: the verdict (True, False, None for cannot tell, or
    CONVERTING), the stack as shown to the user, why lsblk could not help ("" when it did),
    the lines that decided an unfinished encryption, lines not understood, what of the
    (re)encryption state could not be checked ("" when it was), and the lsblk lines of the
    devices in the stack."""

    verdict: bool | str | None
    shown: str
    why_not: str = ""
    lines: tuple[str, ...] = ()
    unrecognised: tuple[str, ...] = ()
    unchecked: str = ""
    lsblk_lines: tuple[str, ...] = ()


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


def device_encrypted(system: System, source: str, mounted_at: str) -> StackVerdict:
    """Whether a block device has dm-crypt beneath it, and whether that encryption is finished."""
    tree, why_not = _lsblk(system)
    stacks = _stacks(tree, source, mounted_at) if tree is not None else []
    if not stacks:  # no lsblk, or the device not in its tree: ask device-mapper directly
        verdict = _dm_is_crypt(system, _kernel_name(system, source)) if source.startswith("/dev/") else None
        unchecked = "whether its encryption is finished (lsblk did not list the device)" if verdict else ""
        return StackVerdict(verdict, source, why_not, unchecked=unchecked)
    answers = [_stack_encrypted(system, s) for s in stacks]
    shown = " ← ".join(d.label() for d in reversed(stacks[0]))
    verdict = None if None in answers else all(answers)
    found = StackVerdict(verdict, shown, why_not) if verdict is not True else _finished(system, stacks, shown, why_not)
    lsblk_lines = tuple(dict.fromkeys(line for stack in stacks for device in stack for line in device.lines))
    return dataclasses.replace(found, lsblk_lines=lsblk_lines)


def _quote_lsblk(evidence: dict, founds: list[StackVerdict]) -> str:
    """Puts the lsblk lines of the devices that decided in the evidence; what the summary adds
    about the rest."""
    lines = list(dict.fromkeys(line for f in founds for line in f.lsblk_lines))
    if lines:
        evidence["lsblk"] = [deciding_line(line) for line in lines[:MAX_QUOTED]]
    more = len(lines) - MAX_QUOTED
    return f" (and {more} more lsblk lines)" if more > 0 else ""


def _finished(system: System, stacks: list[tuple[BlockDevice, ...]], shown: str, why_not: str) -> StackVerdict:
    """An encrypted stack, unless its LUKS encryption is still under way: cryptsetup's helper
    devices in the stack (a (re)encryption running now), or the requirement flag in the LUKS2
    header (one started and not finished, running or interrupted)."""
    devices = {d.name: d for stack in stacks for d in stack}
    crypt_names = {d.name for d in devices.values() if d.type == "crypt"}
    helpers = [n for n in devices if any(n.endswith(x) and n[: -len(x)] in crypt_names for x in HELPER_SUFFIXES)]
    if helpers:
        return StackVerdict(CONVERTING, shown, why_not, tuple(f"lsblk: {n}" for n in helpers))
    containers = [d for d in devices.values() if d.fstype == "crypto_LUKS"]
    if not containers:
        return StackVerdict(True, shown, why_not, unchecked="whether its encryption is finished (no LUKS header shown)")
    lines, odd, unchecked = [], [], []
    for container in containers:
        header, why = _luks_header(system, container)
        if header is None:
            unchecked += [why] if why else []
            continue
        lines += header.lines
        odd += header.unrecognised
        if header.reencrypting:
            return StackVerdict(CONVERTING, shown, why_not, tuple(lines), tuple(odd))
    verdict = None if odd else True
    note = f"whether the LUKS encryption is finished: {'; '.join(unchecked)}" if unchecked else ""
    return StackVerdict(verdict, shown, why_not, tuple(lines), tuple(odd), note)


def _luks_header(system: System, container: BlockDevice) -> tuple[LuksHeader | None, str]:
    """The LUKS header of one container device, or None and why it could not be read (which
    leaves the verdict to the device stack: reading it needs administrator rights)."""
    name = container.kname or container.name
    if not _DEVICE_NAME.fullmatch(name):
        return None, f"the LUKS device's name {deciding_line(name)!r} is not a plain device name"
    try:
        result = system.run((*LUKS_DUMP, f"/dev/{name}"), LUKS_HEADER)
    except NotRecorded:  # a snapshot from before the header was asked for: judged as it was then
        return None, ""
    if not result.found:
        return None, "cryptsetup is not installed, so the LUKS header was not read"
    if not result.ok:
        said = first_line(result.stderr) or f"exit {result.returncode}"
        return None, f"`cryptsetup luksDump /dev/{name}` failed ({said}); run as administrator to read it"
    try:
        return parse_luks_dump(result.stdout), ""
    except ParseError as exc:
        return None, str(exc)


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
    found = device_encrypted(system, root.source, "/")
    shown = found.shown
    evidence: dict = {"root_device": root.source, "root_fstype": root.fstype, "stack": shown}
    if found.why_not:
        evidence["lsblk"] = found.why_not
    more = _quote_lsblk(evidence, [found])
    if found.lines:
        evidence["cryptsetup"] = quoted(found.lines)
    if found.unchecked:
        evidence["not_checked"] = found.unchecked
    if found.unrecognised:
        odd = note_unrecognised(evidence, found.unrecognised)
        raise ProbeUnavailable(
            f"/ sits on {shown}, but its LUKS header says {odd}, which hygiene does not know.", **evidence
        )
    if found.verdict == CONVERTING:
        return Finding(
            Status.WARN,
            f"/ sits on {shown}, whose encryption is not finished ('{deciding_line(found.lines[-1])}'): part of the "
            "disk may still be plain. Let `cryptsetup reencrypt` finish (`--resume-only` resumes an interrupted one).",
            evidence,
            fix=FINISH_LUKS,
        )
    if found.verdict is True:
        return Finding(Status.PASS, f"/ sits on an encrypted (dm-crypt/LUKS) device: {shown}{more}.", evidence)
    if found.verdict is False:
        return Finding(Status.FAIL, f"/ is on {shown} with no encryption layer beneath it{more}.", evidence)
    raise ProbeUnavailable(
        f"Could not tell whether {root.source} is encrypted"
        + (f" ({found.why_not})" if found.why_not else "")
        + ("; check with `lsblk -f`." if found.why_not else "; run as administrator, or check with `lsblk -f`."),
        **evidence,
    )


def _zfs_encrypted(system: System, dataset: str) -> Finding:
    """ZFS native encryption of the root dataset (inherited from its encryption root): both
    its cipher and its key status must be said, and understood, for a PASS."""
    evidence: dict = {"root_dataset": deciding_line(dataset), "root_fstype": "zfs"}
    if not dataset[:1].isalnum():  # ZFS names start with a letter or digit; '-' would be an option
        raise ProbeUnavailable("/ is on ZFS, but its dataset's name is not one zfs could be asked about.", **evidence)
    result = system.run((*ZFS_GET, dataset))
    if not result.found:
        raise ProbeUnavailable(
            "/ is on ZFS but the `zfs` command is not available to ask about encryption.", **evidence
        )
    try:
        zfs = parse_zfs_encryption(result.stdout) if result.ok else None
    except ParseError:
        zfs = None
    if zfs is None:
        raise ProbeUnavailable(
            f"`zfs get encryption` failed: {first_line(result.stderr) or result.returncode}", **evidence
        )
    evidence.update(encryption=zfs.encryption or "not said", keystatus=zfs.keystatus or "not said")
    if zfs.lines:
        evidence["zfs"] = quoted(zfs.lines)
    odd = note_unrecognised(evidence, zfs.unrecognised) if zfs.unrecognised else ""
    if zfs.encryption == "off":
        return Finding(Status.FAIL, f"/ is on the ZFS dataset {dataset}, which is not encrypted.", evidence)
    if odd:
        raise ProbeUnavailable(f"`zfs get` said {odd} about {dataset}, which hygiene does not know.", **evidence)
    if zfs.encryption is None or zfs.keystatus is None:
        missing = "its encryption" if zfs.encryption is None else "its key status"
        raise ProbeUnavailable(f"`zfs get` did not say {missing} for {dataset}.", **evidence)
    if zfs.keystatus != "available":
        raise ProbeUnavailable(
            f"{dataset} is encrypted with {zfs.encryption}, but ZFS says its key is {zfs.keystatus} although / is "
            "mounted from it: these disagree.",
            **evidence,
        )
    summary = f"/ is on the ZFS dataset {dataset}, encrypted with {zfs.encryption} (key available)."
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
    items: list[tuple[bool | str | None, str]] = []
    founds: list[StackVerdict] = []
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
            found = device_encrypted(system, holder.source, holder.target)
            items.append((_item_verdict(found), f"{area.path} on {found.shown}"))
        else:
            found = device_encrypted(system, area.path, "[SWAP]")
            items.append((_item_verdict(found), found.shown))
        founds.append(found)
    return judge_each(
        items,
        _stack_evidence({"swap": [a.path for a in areas]}, founds),
        plain="Swap is written to disk unencrypted",
        unsure="Could not tell whether swap is encrypted",
        safe="Swap is encrypted or kept in memory",
        finishing=FINISH_LUKS,
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
    items, founds = [], []
    for m in data:
        found = device_encrypted(system, m.source, m.target)
        items.append((_item_verdict(found), f"{m.target} ({found.shown})"))
        founds.append(found)
    evidence = _stack_evidence({"volumes": [f"{m.target}: {m.source}" for m in data]}, founds)
    return judge_each(items, evidence, **VOLUME_WORDS, finishing=FINISH_LUKS)


def _item_verdict(found: StackVerdict) -> bool | str | None:
    """A line of the LUKS header hygiene does not know leaves the volume undecided."""
    return None if found.unrecognised else found.verdict


def _stack_evidence(evidence: dict, founds: list[StackVerdict]) -> dict:
    """The deciding and unrecognised lines of several device stacks, in one evidence."""
    _quote_lsblk(evidence, founds)
    lines = [line for f in founds for line in f.lines]
    if lines:
        evidence["cryptsetup"] = quoted(lines)
    odd = [line for f in founds for line in f.unrecognised]
    if odd:
        note_unrecognised(evidence, odd)
    unchecked = sorted({f.unchecked for f in founds if f.unchecked})
    if unchecked:
        evidence["not_checked"] = "; ".join(unchecked)
    return evidence
