"""How checks ask Windows: PowerShell printing JSON, which reads the same in every display
language. One place for the command line and for reading its answer."""

from __future__ import annotations

from typing import Any

from hygiene.checks.base import first_line
from hygiene.parsers import ParseError, load_json
from hygiene.system import CommandResult, ProbeUnavailable, System
from hygiene.system.powershell import POWERSHELL


def powershell(system: System, script: str) -> CommandResult:
    """Ask PowerShell one question; LocalSystem sends it to the audit's one PowerShell session."""
    return system.run((*POWERSHELL, script))


def failed(result: CommandResult, what: str) -> str:
    """Why a command failed, in one line: its first error line, else its exit code."""
    return f"{what} failed: {first_line(result.stderr) or f'exit {result.returncode}'}"


def json_object(result: CommandResult, what: str) -> dict[str, Any]:
    """The one JSON object a PowerShell command printed, or ProbeUnavailable saying why not."""
    if not result.ok:
        raise ProbeUnavailable(failed(result, what))
    try:
        data = load_json(result.stdout.strip().lstrip("\ufeff"), what)
    except ParseError:
        raise ProbeUnavailable(f"{what} did not print JSON") from None
    if not isinstance(data, dict):
        raise ProbeUnavailable(f"{what} did not print one object")
    return data
