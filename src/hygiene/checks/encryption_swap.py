"""ENC-002: memory written to disk (swap, hibernation, the page file) is encrypted too, or it
leaks what was in memory (passwords, keys, open documents) to whoever takes the disk."""

from __future__ import annotations

import posixpath

from hygiene.checks.base import check, first_line, unknown
from hygiene.checks.encryption import device_encrypted, judge_each
from hygiene.checks.encryption_windows import RUN_AS_ADMIN, bitlocker
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import ParseError
from hygiene.parsers.proc_mounts import parse_mounts
from hygiene.parsers.swap import parse_encrypt_paging_file, parse_proc_swaps, parse_swapusage
from hygiene.system import System
from hygiene.system.kept import WHOLE

SYSCTL_SWAP = ("sysctl", "vm.swapusage")
FSUTIL_PAGING = ("fsutil", "behavior", "query", "EncryptPagingFile")

ENC_002 = CheckMeta(
    id="ENC-002",
    title="Swap and hibernation data are encrypted",
    category=Category.ENCRYPTION,
    severity=Severity.MEDIUM,
    platforms=(Platform.LINUX, Platform.MACOS, Platform.WINDOWS),
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


def _linux(system: System) -> Finding:
    text = system.read_text("/proc/swaps", WHOLE)
    if text is None:
        return unknown("/proc/swaps could not be read.")
    try:
        areas = parse_proc_swaps(text)
    except ParseError as exc:
        return unknown(str(exc))
    if not areas:
        return Finding(Status.PASS, "No swap is in use, so no memory is written to disk.", {"swap": []})
    mounts = parse_mounts(system.read_text("/proc/self/mounts", WHOLE) or "")
    items: list[tuple[bool | None, str]] = []
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
            verdict, shown, _ = device_encrypted(system, holder.source, holder.target)
            items.append((verdict, f"{area.path} on {shown}"))
        else:
            verdict, shown, _ = device_encrypted(system, area.path, "[SWAP]")
            items.append((verdict, shown))
    return judge_each(
        items,
        {"swap": [a.path for a in areas]},
        plain="Swap is written to disk unencrypted",
        unsure="Could not tell whether swap is encrypted",
        safe="Swap is encrypted or kept in memory",
    )


def _macos(system: System) -> Finding:
    result = system.run(SYSCTL_SWAP)
    if not result.ok:
        return unknown(f"`sysctl vm.swapusage` failed: {first_line(result.stderr) or result.returncode}")
    try:
        encrypted = parse_swapusage(result.stdout)
    except ParseError as exc:
        return unknown(str(exc))
    evidence = {"sysctl": first_line(result.stdout)}
    if encrypted:
        return Finding(Status.PASS, "macOS reports its swap as encrypted.", evidence)
    return Finding(Status.FAIL, "macOS reports its swap as not encrypted.", evidence)


def _windows(system: System) -> Finding:
    result = system.run(FSUTIL_PAGING)
    if result.ok:
        try:
            if parse_encrypt_paging_file(result.stdout):
                return Finding(
                    Status.PASS,
                    "Windows encrypts the page file (EncryptPagingFile = 1).",
                    {"fsutil": first_line(result.stdout)},
                )
        except ParseError as exc:
            return unknown(str(exc))
    disk = bitlocker(system)  # the page file and hiberfil.sys live on the system drive
    where = "The page file and hibernation file are on C:"
    if disk.status is Status.PASS:
        return Finding(Status.PASS, f"{where}, which BitLocker encrypts.", disk.evidence)
    if disk.status in (Status.FAIL, Status.WARN):
        return Finding(
            disk.status, f"{where}, and the page file is not encrypted by itself. {disk.summary}", disk.evidence
        )
    if not result.ok:
        return unknown(f"Could not read the page-file setting or BitLocker's state: {RUN_AS_ADMIN}.")
    return unknown(f"The page file is not encrypted by itself, and BitLocker's state is unknown: {disk.summary}")


@check(ENC_002)
def swap_encrypted(system: System) -> Finding:
    platform = system.facts.platform
    if platform is Platform.MACOS:
        return _macos(system)
    if platform is Platform.WINDOWS:
        return _windows(system)
    return _linux(system)
