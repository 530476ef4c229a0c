"""How checks ask Windows PowerShell: one question, one script printing JSON (which reads the
same in every display language). LocalSystem sends every question of an audit to one PowerShell
session (hygiene.system.powershell); registry values are read without PowerShell
(System.registry_values, and platforms/windows_services.py for service start types)."""

from __future__ import annotations

from hygiene.system import CommandResult, System
from hygiene.system.powershell import POWERSHELL

__all__ = ["POWERSHELL", "access_denied", "powershell"]

# How Windows says "access denied" in the languages seen, and in its own code (E_ACCESSDENIED).
_DENIED = ("denied", "verweigert", "refusé", "denegado", "administrator", "0x80070005")


def powershell(system: System, script: str) -> CommandResult:
    return system.run((*POWERSHELL, script))


def access_denied(text: str) -> bool:
    """Whether a tool's message says it needs more rights than this session has: the check then
    says to run as administrator."""
    return any(word in text.lower() for word in _DENIED)
