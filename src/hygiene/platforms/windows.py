"""How checks ask Windows PowerShell: one question, one script printing JSON (which reads the
same in every display language). LocalSystem sends every question of an audit to one PowerShell
session (hygiene.system.powershell); registry values are read without PowerShell
(System.registry_values, and platforms/windows_services.py for service start types)."""

from __future__ import annotations

from hygiene.system import CommandResult, System
from hygiene.system.powershell import POWERSHELL

__all__ = ["POWERSHELL", "powershell"]


def powershell(system: System, script: str) -> CommandResult:
    return system.run((*POWERSHELL, script))
