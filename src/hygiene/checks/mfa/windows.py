"""What the MFA checks find on Windows: the Windows Time service and the OpenSSH server, from
their service keys in the registry."""

from __future__ import annotations

from hygiene.checks.mfa import SecondFactor
from hygiene.parsers.timedatectl import ClockSync
from hygiene.platforms.windows_services import service_key, start_type
from hygiene.system import ProbeUnavailable, System

TIME_SERVICE = "W32Time"
TIME_PARAMETERS = f"{service_key(TIME_SERVICE)}\\Parameters"
NETWORK_TIME_TYPES = ("NTP", "NT5DS", "ALLSYNC")  # the Type values that synchronise with a server
SSH_SERVICE = "sshd"
SSHD = "C:\\Windows\\System32\\OpenSSH\\sshd.exe"
SSHD_PAM = ""  # no PAM module hygiene recognises
SSHD_CONFIG = "C:\\ProgramData\\ssh\\sshd_config"


def clock(system: System) -> ClockSync:
    parameters = system.registry_values(TIME_PARAMETERS, ("Type",)) or {}
    kind, start = str(parameters.get("Type") or ""), start_type(system, TIME_SERVICE)
    syncing = kind.upper() in NETWORK_TIME_TYPES and start != "Disabled"
    said = (f"Type = {kind[:20] or 'not set'}", f"{TIME_SERVICE} start = {start or 'not set'}")
    return ClockSync(synchronized=syncing, ntp_enabled=syncing, timezone=None, source=TIME_PARAMETERS, lines=said)


def ssh_server_running(system: System) -> bool:
    return start_type(system, SSH_SERVICE) not in (None, "Disabled")


def keyboard_second_factor(system: System) -> SecondFactor | None:
    return None  # Windows' OpenSSH server has no PAM


def login_second_factors(system: System) -> dict[str, SecondFactor]:
    raise ProbeUnavailable("Second factors for local logins are checked on Linux only")
