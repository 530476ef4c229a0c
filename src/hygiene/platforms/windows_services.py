"""How a Windows service is set to start, from its registry key: what Get-Service's StartType
says, without starting a PowerShell to ask."""

from __future__ import annotations

from hygiene.system import System

SERVICES = "HKLM\\SYSTEM\\CurrentControlSet\\Services"
# The service key's Start value, named as Get-Service names it.
START_TYPES = {0: "Boot", 1: "System", 2: "Automatic", 3: "Manual", 4: "Disabled"}


def service_key(service: str) -> str:
    return f"{SERVICES}\\{service}"


def start_type(system: System, service: str) -> str | None:
    """How the service starts: "Automatic", "Manual", "Disabled" ... ("Unknown" for a Start
    value Windows does not define), or None when it is not installed; raises FileUnreadable."""
    values = system.registry_values(service_key(service), ("Start",))
    if values is None:
        return None
    start = values.get("Start")
    return START_TYPES.get(start, "Unknown") if isinstance(start, int) else "Unknown"
