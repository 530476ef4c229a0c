"""What the MFA checks find on Windows: the Windows Time service and the OpenSSH server."""

from __future__ import annotations

from hygiene.checks.base import first_line
from hygiene.parsers import ParseError, load_json
from hygiene.parsers.timedatectl import ClockSync
from hygiene.platforms.windows import POWERSHELL
from hygiene.system import ProbeUnavailable, System

WINDOWS_TIME = (
    *POWERSHELL,
    "$p = Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters' "
    "-ErrorAction SilentlyContinue; "
    "$s = Get-Service -Name W32Time -ErrorAction SilentlyContinue; ConvertTo-Json -Compress -InputObject "
    "([pscustomobject]@{ Type = $p.Type; StartType = $(if ($s) { [string]$s.StartType } else { $null }) })",
)
WINDOWS_SSHD_SERVICE = (
    *POWERSHELL,
    "Get-Service -Name sshd -ErrorAction SilentlyContinue | ForEach-Object { "
    "ConvertTo-Json -Compress -InputObject ([pscustomobject]@{ "
    "Status = [string]$_.Status; StartType = [string]$_.StartType }) }",
)
SSHD = "C:\\Windows\\System32\\OpenSSH\\sshd.exe"
SSHD_CONFIG = "C:\\ProgramData\\ssh\\sshd_config"


def clock(system: System) -> ClockSync:
    result = system.run(WINDOWS_TIME)
    if not result.ok:
        raise ProbeUnavailable(
            f"Could not read the Windows Time settings: {first_line(result.stderr) or result.returncode}."
        )
    try:
        state = load_json(result.stdout, "the Windows Time settings")
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc
    syncing = (
        str(state.get("Type") or "").upper() in ("NTP", "NT5DS", "ALLSYNC") and state.get("StartType") != "Disabled"
    )
    return ClockSync(synchronized=syncing, ntp_enabled=syncing, timezone=None)


def ssh_server_running(system: System) -> bool:
    result = system.run(WINDOWS_SSHD_SERVICE)
    if not result.ok:
        raise ProbeUnavailable(f"Could not ask whether the OpenSSH server is installed: {first_line(result.stderr)}.")
    return bool(result.stdout.strip()) and '"Disabled"' not in result.stdout


def keyboard_second_factor(system: System) -> tuple[str, bool] | None:
    return None  # Windows' OpenSSH server has no PAM


def login_second_factors(system: System) -> dict[str, tuple[str, bool]]:
    raise ProbeUnavailable("Second factors for local logins are checked on Linux only")
