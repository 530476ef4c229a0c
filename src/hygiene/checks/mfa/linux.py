"""What the MFA checks find on Linux: timedatectl (or chrony, ntpd), the SSH server, and the
PAM stacks that could ask for a second factor."""

from __future__ import annotations

from hygiene.checks.base import first_line
from hygiene.checks.mfa import SecondFactor, second_factor
from hygiene.parsers import ParseError
from hygiene.parsers.pam import parse_pam
from hygiene.parsers.timedatectl import (
    ClockSync,
    parse_chronyc_tracking,
    parse_ntpq_peers,
    parse_timedatectl_show,
    parse_timedatectl_status,
)
from hygiene.system import ProbeUnavailable, System
from hygiene.system.kept import RULES_ONLY

CHRONYC = ("chronyc", "-n", "tracking")
NTPQ = ("ntpq", "-pn")
NO_SYSTEMD = ("not been booted with systemd", "Failed to connect to bus", "Failed to create bus connection")
SSHD = "/usr/sbin/sshd"
SSHD_CONFIG = "/etc/ssh/sshd_config"
SSHD_PAM = "/etc/pam.d/sshd"
LOGIN_STACKS = (
    "/etc/pam.d/sudo",
    "/etc/pam.d/login",
    "/etc/pam.d/gdm-password",
    "/etc/pam.d/sshd",
    "/etc/pam.d/common-auth",
    "/etc/pam.d/system-auth",
)


def _daemons(system: System, unanswered: ProbeUnavailable) -> ClockSync:
    """chrony or ntpd, for machines without systemd's timedatectl; `unanswered` when neither answers."""
    chrony = system.run(CHRONYC)
    if chrony.ok:
        return parse_chronyc_tracking(chrony.stdout)
    ntp = system.run(NTPQ)
    if ntp.ok:
        return parse_ntpq_peers(ntp.stdout)
    raise unanswered


def _clock(system: System) -> ClockSync:
    result = system.run(("timedatectl", "show"))
    if not result.found:
        return _daemons(
            system,
            ProbeUnavailable("Neither timedatectl, chronyc nor ntpq answered, so clock synchronisation is unknown."),
        )
    if result.ok:
        return parse_timedatectl_show(result.stdout)
    message = first_line(result.stderr)
    if any(marker in result.stderr for marker in NO_SYSTEMD):
        unanswered = ProbeUnavailable(
            "systemd is not running here (a container or WSL1?), so timedatectl cannot tell "
            "whether the clock is synchronised; check the host instead.",
            timedatectl=message,
        )
        return _daemons(system, unanswered)
    status = system.run(("timedatectl", "status"))  # systemd < 239 has no `show`
    if status.ok:
        return parse_timedatectl_status(status.stdout)
    raise ProbeUnavailable(f"timedatectl failed: {message or f'exit {result.returncode}'}.")


def clock(system: System) -> ClockSync:
    try:
        return _clock(system)
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not read the clock's state: {exc}.") from exc


def ssh_server_running(system: System) -> bool:
    return system.exists(SSHD)


def keyboard_second_factor(system: System) -> SecondFactor | None:
    return second_factor(parse_pam(system.read_text(SSHD_PAM, RULES_ONLY) or ""))


def login_second_factors(system: System) -> dict[str, SecondFactor]:
    found = {}
    for path in LOGIN_STACKS:
        factor = second_factor(parse_pam(system.read_text(path, RULES_ONLY) or ""))
        if factor is not None:
            found[path] = factor
    return found
