"""What the MFA checks find on macOS: network time (systemsetup) and Remote Login (sshd)."""

from __future__ import annotations

from hygiene.checks.base import first_line
from hygiene.checks.mfa import SecondFactor
from hygiene.parsers.timedatectl import ClockSync, parse_network_time
from hygiene.system import ProbeUnavailable, System

MAC_NETWORK_TIME = ("systemsetup", "-getusingnetworktime")
MACOS_REMOTE_LOGIN = ("launchctl", "print-disabled", "system")
SSHD = "/usr/sbin/sshd"
SSHD_PAM = ""  # no PAM module hygiene recognises
SSHD_CONFIG = "/etc/ssh/sshd_config"


def clock(system: System) -> ClockSync:
    result = system.run(MAC_NETWORK_TIME)
    if "administrator" in result.stdout + result.stderr:
        raise ProbeUnavailable(
            "Whether macOS sets the time automatically needs administrator rights to see: run with sudo."
        )
    if not result.ok:
        raise ProbeUnavailable(f"systemsetup failed: {first_line(result.stderr) or result.returncode}.")
    return parse_network_time(result.stdout)


def ssh_server_running(system: System) -> bool:
    result = system.run(MACOS_REMOTE_LOGIN)
    if not result.ok:
        raise ProbeUnavailable(f"launchctl could not tell whether Remote Login is on: {first_line(result.stderr)}.")
    line = next((ln for ln in result.stdout.splitlines() if "com.openssh.sshd" in ln), "")
    return any(word in line for word in ("enabled", "false"))  # "=> false" means not disabled


def keyboard_second_factor(system: System) -> SecondFactor | None:
    return None  # macOS's sshd has no second-factor PAM module hygiene recognises


def login_second_factors(system: System) -> dict[str, SecondFactor]:
    raise ProbeUnavailable("Second factors for local logins are checked on Linux only")
