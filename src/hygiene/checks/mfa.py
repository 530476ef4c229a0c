"""MFA category: second factors, and what they depend on."""

from __future__ import annotations

from hygiene.checks.base import check, first_line, unknown
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import ParseError
from hygiene.parsers.timedatectl import ClockSync, parse_timedatectl_show, parse_timedatectl_status
from hygiene.system import System

NO_SYSTEMD = ("not been booted with systemd", "Failed to connect to bus", "Failed to create bus connection")

MFA_004 = CheckMeta(
    id="MFA-004",
    title="The system clock is synchronised",
    category=Category.MFA,
    severity=Severity.MEDIUM,
    platforms=(Platform.LINUX,),
    rationale=(
        "One-time codes from an authenticator app are computed from the current time; a clock "
        "that drifts by more than about a minute makes them fail. Certificates and log "
        "timelines (what happened when, during an incident) also depend on the right time."
    ),
    remediation={
        Platform.LINUX: (
            "Turn on network time: `sudo timedatectl set-ntp true`, then check that "
            "`timedatectl` shows 'System clock synchronized: yes'. Without systemd-timesyncd, "
            "install and enable chrony: `sudo apt install chrony` or `sudo dnf install chrony` "
            "and `sudo systemctl enable --now chronyd`."
        ),
    },
    references=("CIS Controls v8 8.4 (Standardize Time Synchronization)", "RFC 6238 section 6 (TOTP clock drift)"),
)


def _clock(system: System) -> ClockSync | Finding:
    result = system.run(("timedatectl", "show"))
    if not result.found:
        return unknown("timedatectl is not installed, so clock synchronisation could not be checked.")
    if result.ok:
        return parse_timedatectl_show(result.stdout)
    message = first_line(result.stderr)
    if any(marker in result.stderr for marker in NO_SYSTEMD):
        return unknown(
            "systemd is not running here (a container or WSL1?), so timedatectl cannot tell "
            "whether the clock is synchronised; check the host instead.",
            timedatectl=message,
        )
    status = system.run(("timedatectl", "status"))  # systemd < 239 has no `show`
    if status.ok:
        return parse_timedatectl_status(status.stdout)
    return unknown(f"timedatectl failed: {message or f'exit {result.returncode}'}.")


@check(MFA_004)
def clock_synchronised(system: System) -> Finding:
    try:
        clock = _clock(system)
    except ParseError as exc:
        return unknown(f"Could not read timedatectl's answer: {exc}.")
    if isinstance(clock, Finding):
        return clock
    evidence = {"synchronized": clock.synchronized, "ntp_enabled": clock.ntp_enabled, "timezone": clock.timezone}
    if clock.synchronized:
        return Finding(Status.PASS, "The clock is synchronised with network time.", evidence)
    if clock.ntp_enabled:
        return Finding(
            Status.WARN,
            "Network time is on but the clock is not synchronised yet (just booted, or NTP is blocked).",
            evidence,
        )
    return Finding(Status.FAIL, "The clock is not synchronised and network time is off.", evidence)
