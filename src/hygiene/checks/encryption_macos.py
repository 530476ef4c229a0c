"""ENC-001 on macOS: FileVault, from `fdesetup status` (no administrator needed)."""

from __future__ import annotations

from hygiene.checks.base import first_line, unknown
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError
from hygiene.parsers.fdesetup import parse_fdesetup_status
from hygiene.system import System

FDESETUP = ("fdesetup", "status")


def filevault(system: System) -> Finding:
    result = system.run(FDESETUP)
    if not result.found:
        return unknown("`fdesetup` is not available, so FileVault's state cannot be read.")
    if not result.ok:
        return unknown(f"`fdesetup status` failed: {first_line(result.stderr) or f'exit {result.returncode}'}")
    try:
        fv = parse_fdesetup_status(result.stdout)
    except ParseError as exc:
        return unknown(str(exc))
    evidence: dict = {"fdesetup": first_line(result.stdout)}
    if fv.percent is not None:
        evidence["percent_completed"] = fv.percent
    if fv.converting == "decryption":
        return Finding(Status.FAIL, f"FileVault is being turned off: decryption {fv.percent:g}% done.", evidence)
    if fv.converting == "encryption":
        return Finding(
            Status.WARN,
            f"FileVault is encrypting the disk: {fv.percent:g}% done; keep the Mac on power until it finishes.",
            evidence,
        )
    if fv.on:
        return Finding(Status.PASS, "FileVault is on: the startup disk is encrypted.", evidence)
    if fv.deferred_for is not None:
        evidence["deferred_for"] = fv.deferred_for
        return Finding(
            Status.WARN,
            f"FileVault is off, waiting to be turned on when {fv.deferred_for} next logs out or in.",
            evidence,
        )
    if fv.restart_pending:
        return Finding(Status.WARN, "FileVault is off and will be turned on after the next restart.", evidence)
    return Finding(Status.FAIL, "FileVault is off: the startup disk is not encrypted.", evidence)
