"""What the encryption checks find on macOS: FileVault from `fdesetup status`, swap from
`sysctl vm.swapusage` and the other volumes from `diskutil apfs list` (no administrator needed)."""

from __future__ import annotations

from hygiene.checks.base import first_line, quoted
from hygiene.checks.encryption import CONVERTING, VOLUME_WORDS, judge_each, note_unrecognised
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.diskutil_apfs import ApfsVolume, parse_apfs_list
from hygiene.parsers.fdesetup import parse_fdesetup_status
from hygiene.parsers.swap import parse_swapusage
from hygiene.platforms.macos import DISKUTIL_APFS, FDESETUP
from hygiene.system import ProbeUnavailable, System

SYSCTL_SWAP = ("sysctl", "vm.swapusage")
# Volumes macOS itself owns (the startup disk is ENC-001's; Catalina mounts Recovery under
# /Volumes), and Time Machine disks, which BAK-003 judges.
SYSTEM_ROLES = {"System", "Preboot", "Recovery", "VM", "Update", "xART", "Hardware", "Backup"}


def system_disk(system: System) -> Finding:
    """FileVault, including the states on the way on or off: those never pass (issue 11)."""
    result = system.run(FDESETUP)
    if not result.found:
        raise ProbeUnavailable("`fdesetup` is not available, so FileVault's state cannot be read.")
    if not result.ok:
        raise ProbeUnavailable(f"`fdesetup status` failed: {first_line(result.stderr) or f'exit {result.returncode}'}")
    try:
        fv = parse_fdesetup_status(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc
    evidence: dict = {"fdesetup": quoted(fv.lines)}
    odd = note_unrecognised(evidence, fv.unrecognised) if fv.unrecognised else ""
    also = f" fdesetup also printed {odd}, which hygiene does not know." if odd else ""
    if fv.percent is not None:
        evidence["percent_completed"] = fv.percent
    done = f": {fv.percent:g}% done" if fv.percent is not None else ""
    if fv.converting == "decryption":
        doing = "paused while decrypting" if fv.paused else "being turned off (decrypting)"
        return Finding(Status.FAIL, f"FileVault is {doing}{done}; the disk is only partly encrypted.{also}", evidence)
    if fv.converting == "encryption":
        doing = "paused while encrypting the disk" if fv.paused else "encrypting the disk"
        doing = "waiting to start encrypting the disk" if fv.pending else doing
        return Finding(
            Status.WARN,
            f"FileVault is {doing}{done}; keep the Mac on power until it finishes.{also}",
            evidence,
            fix="Keep the Mac plugged in and awake until FileVault finishes; watch its progress with "
            "`fdesetup status` (System Settings > Privacy & Security > FileVault shows it too).",
        )
    if fv.deferred_for is not None:
        evidence["deferred_for"] = fv.deferred_for
        return Finding(
            Status.WARN,
            f"FileVault is not on yet: it waits to be turned on when {fv.deferred_for or 'the user it names'} "
            f"next logs out or in.{also}",
            evidence,
            fix=f"Log out and back in as {fv.deferred_for or 'the user named by `fdesetup status`'} and "
            "follow the prompt: FileVault is turned on then.",
        )
    if fv.restart_pending:
        return Finding(
            Status.WARN,
            f"FileVault is off and will be turned on after the next restart.{also}",
            evidence,
            fix="Restart the Mac to turn FileVault on.",
        )
    if odd:
        raise ProbeUnavailable(
            f"fdesetup said '{deciding_line(fv.lines[0])}' but also {odd}, which hygiene does not know.", **evidence
        )
    if fv.on:
        return Finding(Status.PASS, "FileVault is on: the startup disk is encrypted.", evidence)
    return Finding(Status.FAIL, "FileVault is off: the startup disk is not encrypted.", evidence)


def swap(system: System) -> Finding:
    result = system.run(SYSCTL_SWAP)
    if not result.ok:
        raise ProbeUnavailable(f"`sysctl vm.swapusage` failed: {first_line(result.stderr) or result.returncode}")
    try:
        encrypted = parse_swapusage(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc
    evidence = {"sysctl": first_line(result.stdout)}
    if encrypted:
        return Finding(Status.PASS, "macOS reports its swap as encrypted.", evidence)
    return Finding(Status.FAIL, "macOS reports its swap as not encrypted.", evidence)


def data_volumes(system: System) -> Finding:
    """CIS macOS 5.3.1: every mounted APFS volume besides the startup disk's is encrypted."""
    result = system.run(DISKUTIL_APFS)
    if not result.ok:
        raise ProbeUnavailable(f"`diskutil apfs list` failed: {first_line(result.stderr) or result.returncode}")
    try:
        volumes = parse_apfs_list(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc
    others = [
        v
        for v in volumes
        if v.mount and v.mount != "/" and not v.mount.startswith("/System/Volumes/") and v.role not in SYSTEM_ROLES
    ]
    if not others:
        return Finding(Status.NOT_APPLICABLE, "No APFS volumes besides the startup disk's are mounted.", {})
    evidence: dict = {"volumes": [f"{v.mount}: {v.disk}" for v in others]}
    lines = [line for v in others for line in v.lines]
    if lines:
        evidence["diskutil"] = quoted(lines)
    odd = [line for v in others for line in v.unrecognised]
    if odd:
        note_unrecognised(evidence, odd)
    finishing = "Let the volumes finish: keep the Mac on power; `diskutil apfs list` shows their progress."
    return judge_each([_volume_verdict(v) for v in others], evidence, **VOLUME_WORDS, finishing=finishing)


def _volume_verdict(v: ApfsVolume) -> tuple[bool | str | None, str]:
    """One volume for judge_each: being decrypted counts as plain, being encrypted (or paused
    on the way) as CONVERTING, a line about encryption hygiene does not know as unknown."""
    where = f"{v.name} ({v.mount}"
    if v.unrecognised:
        return None, f"{where}: '{deciding_line(v.unrecognised[0])}')"
    if v.converting == "decrypting":
        return False, f"{where}, being decrypted)"
    if v.converting == "encrypting":
        return CONVERTING, f"{where}, encryption not finished)"
    return v.encrypted, f"{where})"
