"""What the encryption checks find on Windows: BitLocker (or Device Encryption, its Home-edition
form) from Get-BitLockerVolume, else `manage-bde -status`, and the page-file setting from
fsutil. BitLocker's state needs an administrator; without one the answer is UNKNOWN with that
reason."""

from __future__ import annotations

from hygiene.checks.base import first_line, quoted
from hygiene.checks.encryption import note_unrecognised
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError
from hygiene.parsers.bitlocker import BitLockerVolume, parse_bitlocker_json, parse_manage_bde
from hygiene.parsers.swap import parse_encrypt_paging_file
from hygiene.platforms.windows import access_denied, powershell
from hygiene.system import ProbeUnavailable, System


# Enum values as text ("FullyEncrypted"), not numbers: Windows PowerShell 5.1 has no -EnumsAsStrings.
def bitlocker_json(volumes: str) -> str:
    """A PowerShell line printing `volumes` (Get-BitLockerVolume ...) as the JSON that
    parse_bitlocker_json reads: one place for the fields both ENC-001 and ENC-003 ask for."""
    return (
        f"ConvertTo-Json -Compress -InputObject @({volumes} | "
        'ForEach-Object { [pscustomobject]@{ MountPoint = $_.MountPoint; VolumeStatus = "$($_.VolumeStatus)"; '
        'ProtectionStatus = "$($_.ProtectionStatus)"; EncryptionPercentage = $_.EncryptionPercentage; '
        'KeyProtector = @($_.KeyProtector | ForEach-Object { "$($_.KeyProtectorType)" }) } })'
    )


BITLOCKER_JSON = bitlocker_json("Get-BitLockerVolume -MountPoint $env:SystemDrive")
# Fixed (not removable) data volumes with their BitLocker state, enum names as text.
FIXED_VOLUMES_JSON = bitlocker_json(
    "Get-BitLockerVolume | Where-Object { $_.VolumeType -eq 'Data' -and "
    "$_.MountPoint -match '^[A-Z]:' -and (Get-Volume -DriveLetter $_.MountPoint[0]).DriveType -eq 'Fixed' }"
)
MANAGE_BDE = ("manage-bde", "-status", "C:")
FSUTIL_PAGING = ("fsutil", "behavior", "query", "EncryptPagingFile")
RUN_AS_ADMIN = "run hygiene from a terminal opened with 'Run as administrator' to read BitLocker's state"


def _system_volume(system: System) -> tuple[BitLockerVolume | None, str, dict]:
    """The system drive's BitLocker state, or None, why it could not be had and the lines
    seen (evidence). Not ProbeUnavailable: ENC-002 words that reason its own way, and must not
    catch the System's own (a timeout)."""
    result = powershell(system, BITLOCKER_JSON)
    if result.ok and result.stdout.strip():
        try:
            volumes = parse_bitlocker_json(result.stdout)
            if volumes:
                return volumes[0], "", {}
        except ParseError:
            pass  # fall through to manage-bde
    first_error = first_line(result.stderr)
    bde = system.run(MANAGE_BDE)
    if not bde.found:
        return None, f"neither Get-BitLockerVolume nor manage-bde could be run ({first_error or 'not found'})", {}
    if not bde.ok:  # it prints its banner first, the error last
        text = f"{bde.stdout}\n{bde.stderr}"
        if access_denied(text):
            return None, RUN_AS_ADMIN, {}
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return None, f"manage-bde failed: {lines[-1] if lines else f'exit {bde.returncode}'}", {}
    try:
        volumes = parse_manage_bde(bde.stdout)
    except ParseError as exc:
        return None, str(exc), {}
    system_drive = [v for v in volumes if v.mount.upper() == "C:"] or [v for v in volumes if not v.mount]
    if not system_drive:  # asked for C:, told about another drive: that says nothing of C:
        seen = [line for v in volumes for line in (f"Volume {v.mount}", *v.lines)]
        why = f"`manage-bde -status C:` reported {', '.join(v.mount for v in volumes)} but not C:"
        return None, why, {"manage-bde": quoted(seen)}
    if len({(v.state, v.protection_on, v.key_protectors) for v in system_drive}) > 1:  # which one is C:?
        # each block's conversion and protection lines (its first and last deciding lines)
        seen = [line for v in system_drive if v.lines for line in dict.fromkeys((v.lines[0], v.lines[-1]))]
        times = "twice" if len(system_drive) == 2 else f"{len(system_drive)} times"
        why = f"`manage-bde -status C:` reported C: {times}, and the answers disagree"
        return None, why, {"manage-bde": quoted(seen)}
    return system_drive[0], "", {}


def _unreadable(why: str) -> str:
    return f"Could not read BitLocker's state: {why}."


def system_disk(system: System) -> Finding:
    volume, why_not, seen = _system_volume(system)
    if volume is None:
        raise ProbeUnavailable(_unreadable(why_not), **seen)
    return judge_volume(volume)


def judge_volume(v: BitLockerVolume) -> Finding:
    """One drive's BitLocker state as a verdict, the deciding lines in evidence. Converting or
    paused is WARN at best; a state, protection word or line hygiene does not know next to an
    encrypted state raises (UNKNOWN), quoting it."""
    name = v.mount or "the volume (the output names none)"
    name_ = name[0].upper() + name[1:]  # at the start of a sentence
    drive = v.mount or "C:"  # what a command names: the drive, or the volume path manage-bde also takes
    evidence: dict = {"volume": v.mount or "unnamed", "status": v.raw_status}
    if v.lines:
        evidence[v.source] = quoted(v.lines)
    if v.key_protectors is not None:
        evidence["key_protectors"] = list(v.key_protectors)
    if v.percent is not None:
        evidence["percent_encrypted"] = v.percent
    odd = note_unrecognised(evidence, v.unrecognised) if v.unrecognised else ""
    also = f" {v.source} also printed {odd}, which hygiene does not know." if odd else ""
    pct = f"{v.percent:g}%" if v.percent is not None else "an unknown share"
    if v.state == "decrypted":
        return Finding(Status.FAIL, f"{name_} is not encrypted: BitLocker is off.{also}", evidence)
    if v.state == "decrypting":
        return Finding(Status.FAIL, f"BitLocker is being turned off on {name} ({pct} still encrypted).{also}", evidence)
    if v.state in ("encrypting", "paused"):
        doing = "paused at" if v.state == "paused" else "in progress,"
        off = "; protection stays off until it finishes" if v.protection_on is False else ""
        resume = f"resume it with `manage-bde -resume {drive}` as administrator, then " if v.state == "paused" else ""
        return Finding(
            Status.WARN,
            f"BitLocker encryption of {name} is {doing} {pct} done{off}.{also}",
            evidence,
            fix=f"Let BitLocker finish: {resume}keep the PC on; `manage-bde -status {drive}` shows its progress.",
        )
    if v.state != "encrypted":
        said = v.raw_status or "no conversion status"
        raise ProbeUnavailable(f"BitLocker reported {said} for {name}, which hygiene does not know.", **evidence)
    if odd:
        raise ProbeUnavailable(
            f"{name_} is encrypted, but {v.source} also printed {odd}, which hygiene does not know.", **evidence
        )
    if v.protection_on and not v.mount:  # cut before its header: the good news may be another drive's
        raise ProbeUnavailable(
            "BitLocker reports a volume encrypted with protection on, but the output was cut before the line "
            "naming the volume, so hygiene cannot tell that it is C:.",
            **evidence,
        )
    if v.protection_on:
        return Finding(Status.PASS, f"{name_} is encrypted and BitLocker protection is on.", evidence)
    if v.protection_on is None:
        raise ProbeUnavailable(f"{name_} is encrypted, but its protection status was not understood.", **evidence)
    if v.key_protectors:
        left = f" {v.protection_note}" if v.protection_note else ""
        return Finding(
            Status.WARN,
            f"{name_} is encrypted but BitLocker protection is suspended{left}: the key is readable until "
            "it is resumed (`manage-bde -protectors -enable C:` as administrator).",
            evidence,
            fix=f"Resume BitLocker protection: `manage-bde -protectors -enable {drive}` in an administrator terminal.",
        )
    if v.key_protectors is None:
        return Finding(
            Status.FAIL,
            f"{name_} is encrypted but BitLocker protection is off, so its key is readable (suspended, or "
            "waiting for activation: the output does not list the key protectors).",
            evidence,
        )
    return Finding(
        Status.FAIL,
        f"{name_} is encrypted but has no key protector, so its key is stored in the clear "
        "(BitLocker waiting for activation): turn BitLocker on to finish.",
        evidence,
    )


def swap(system: System) -> Finding:
    """EncryptPagingFile, else BitLocker on C:, where the page file and hiberfil.sys live."""
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
            raise ProbeUnavailable(str(exc)) from exc
    volume, why_not, seen = _system_volume(system)
    if volume is None:
        why = f"{why_not}."
    else:
        try:
            disk = judge_volume(volume)
        except ProbeUnavailable as exc:  # a BitLocker state hygiene does not know
            why = str(exc)
        else:
            return _page_file_on_c(disk)
    if not result.ok:
        raise ProbeUnavailable(f"Could not read the page-file setting or BitLocker's state: {RUN_AS_ADMIN}.")
    raise ProbeUnavailable(f"The page file is not encrypted by itself, and BitLocker's state is unknown: {why}", **seen)


def _page_file_on_c(disk: Finding) -> Finding:
    """ENC-002 from C:'s BitLocker verdict (PASS, WARN or FAIL)."""
    where = "The page file and hibernation file are on C:"
    if disk.status is Status.PASS:
        return Finding(Status.PASS, f"{where}, which BitLocker encrypts.", disk.evidence)
    said = f"{where}, and the page file is not encrypted by itself. {disk.summary}"
    return Finding(disk.status, said, disk.evidence, disk.fix)


def _verdict(v: BitLockerVolume) -> tuple[Status | None, str, str]:
    """One data drive's verdict, summary and fix; None for a state hygiene does not know."""
    try:
        finding = judge_volume(v)
    except ProbeUnavailable as exc:
        return None, str(exc), ""
    return finding.status, finding.summary, finding.fix


def data_volumes(system: System) -> Finding:
    """Every fixed data drive's BitLocker state; the worst verdict names its drives."""
    result = powershell(system, FIXED_VOLUMES_JSON)
    if not result.ok:
        said = first_line(result.stderr) or f"exit {result.returncode}"
        hint = f": {RUN_AS_ADMIN}" if access_denied(result.stderr) else ""
        raise ProbeUnavailable(f"Could not list the data drives' BitLocker state ({said}){hint}.")
    try:
        volumes = parse_bitlocker_json(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc
    if not volumes:
        return Finding(Status.NOT_APPLICABLE, "No fixed data drives besides C: were found.", {})
    judged = [_verdict(v) for v in volumes]
    evidence: dict = {"volumes": [f"{v.mount}: {v.raw_status}" for v in volumes]}
    evidence["Get-BitLockerVolume"] = quoted([f"{v.mount} {line}" for v in volumes for line in v.lines])
    for status in (Status.FAIL, Status.WARN):
        hits = [(summary, fix) for verdict, summary, fix in judged if verdict is status]
        if hits:  # a drive's own step only when every drive at this status needs the same one
            fixes = {fix for _, fix in hits}
            return Finding(status, " ".join(s for s, _ in hits), evidence, fixes.pop() if len(fixes) == 1 else "")
    unsure = [summary for verdict, summary, _ in judged if verdict is None]
    if unsure:
        raise ProbeUnavailable(" ".join(unsure), **evidence)
    return Finding(Status.PASS, f"BitLocker protects {', '.join(v.mount for v in volumes)}.", evidence)
