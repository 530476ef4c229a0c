"""ENC-001 on Windows: BitLocker (or Device Encryption, its Home-edition form) on the
system drive, from Get-BitLockerVolume, else `manage-bde -status`. Both need an
administrator; without one the answer is UNKNOWN with that reason."""

from __future__ import annotations

from hygiene.checks.base import first_line, unknown
from hygiene.checks.updates_windows import POWERSHELL
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError
from hygiene.parsers.bitlocker import BitLockerVolume, parse_bitlocker_json, parse_manage_bde
from hygiene.system import System


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
MANAGE_BDE = ("manage-bde", "-status", "C:")
_DENIED = ("denied", "verweigert", "refusé", "denegado", "administrator", "0x80070005")
RUN_AS_ADMIN = "run hygiene from a terminal opened with 'Run as administrator' to read BitLocker's state"


def _denied(text: str) -> bool:
    return any(word in text.lower() for word in _DENIED)


def _system_volume(system: System) -> BitLockerVolume | str:
    """The system drive's BitLocker state, or why it could not be had."""
    result = system.run((*POWERSHELL, BITLOCKER_JSON))
    if result.ok and result.stdout.strip():
        try:
            volumes = parse_bitlocker_json(result.stdout)
            if volumes:
                return volumes[0]
        except ParseError:
            pass  # fall through to manage-bde
    first_error = first_line(result.stderr)
    bde = system.run(MANAGE_BDE)
    if not bde.found:
        return f"neither Get-BitLockerVolume nor manage-bde could be run ({first_error or 'not found'})"
    if not bde.ok:  # it prints its banner first, the error last
        text = f"{bde.stdout}\n{bde.stderr}"
        if _denied(text):
            return RUN_AS_ADMIN
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return f"manage-bde failed: {lines[-1] if lines else f'exit {bde.returncode}'}"
    try:
        volumes = parse_manage_bde(bde.stdout)
    except ParseError as exc:
        return str(exc)
    return next((v for v in volumes if v.mount.upper() == "C:"), volumes[0])


def bitlocker(system: System) -> Finding:
    volume = _system_volume(system)
    if isinstance(volume, str):
        return unknown(f"Could not read BitLocker's state: {volume}.")
    return judge_volume(volume)


def judge_volume(v: BitLockerVolume) -> Finding:
    evidence: dict = {"volume": v.mount, "status": v.raw_status, "key_protectors": list(v.key_protectors)}
    if v.percent is not None:
        evidence["percent_encrypted"] = v.percent
    pct = f"{v.percent:g}%" if v.percent is not None else "an unknown share"
    if v.state == "decrypted":
        return Finding(Status.FAIL, f"{v.mount} is not encrypted: BitLocker is off.", evidence)
    if v.state == "decrypting":
        return Finding(Status.FAIL, f"BitLocker is being turned off on {v.mount}: {pct} still encrypted.", evidence)
    if v.state in ("encrypting", "paused"):
        doing = "paused at" if v.state == "paused" else "in progress,"
        off = "; protection stays off until it finishes" if v.protection_on is False else ""
        return Finding(Status.WARN, f"BitLocker encryption of {v.mount} is {doing} {pct} done{off}.", evidence)
    if v.state != "encrypted":
        return unknown(f"BitLocker reported {v.raw_status or 'nothing'} for {v.mount}, which hygiene does not know.")
    if v.protection_on:
        return Finding(Status.PASS, f"{v.mount} is encrypted and BitLocker protection is on.", evidence)
    if v.protection_on is None:
        return unknown(f"{v.mount} is encrypted, but its protection status was not understood.", **evidence)
    if v.key_protectors:
        return Finding(
            Status.WARN,
            f"{v.mount} is encrypted but BitLocker protection is suspended: the key is readable until "
            "it is resumed (`manage-bde -protectors -enable C:` as administrator).",
            evidence,
        )
    return Finding(
        Status.FAIL,
        f"{v.mount} is encrypted but has no key protector, so its key is stored in the clear "
        "(BitLocker waiting for activation): turn BitLocker on to finish.",
        evidence,
    )
