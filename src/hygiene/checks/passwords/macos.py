"""What the password checks find on macOS: the account policy (pwpolicy) and installed
password managers."""

from __future__ import annotations

from hygiene.checks.base import first_line
from hygiene.checks.passwords import judge_length, judge_lockout_limit
from hygiene.model import Finding, Status
from hygiene.parsers.pwpolicy import MacPasswordPolicy, parse_pwpolicy
from hygiene.system import ProbeUnavailable, System

PWPOLICY = ("pwpolicy", "-getaccountpolicies")
MANAGERS = {
    "1Password": ("/Applications/1Password.app", "/Applications/1Password 7.app"),
    "Bitwarden": ("/Applications/Bitwarden.app",),
    "KeePassXC": ("/Applications/KeePassXC.app",),
    "Proton Pass": ("/Applications/Proton Pass.app",),
    "Enpass": ("/Applications/Enpass.app",),
}


def policy(system: System, what: str = "password policy") -> MacPasswordPolicy:
    result = system.run(PWPOLICY)
    if not result.found:
        raise ProbeUnavailable(f"Could not read the {what}: pwpolicy is not available.")
    if not result.ok:
        raise ProbeUnavailable(
            f"Could not read the {what}: pwpolicy failed: {first_line(result.stderr) or result.returncode}."
        )
    return parse_pwpolicy(result.stdout)


def min_length(system: System) -> Finding:
    length = policy(system).min_length
    if length is None:
        return Finding(
            Status.FAIL, "No password-length policy is set: macOS accepts very short passwords.", {"min_length": None}
        )
    return judge_length(length, "pwpolicy")


def rotation_and_rules(system: System) -> tuple[int | None, list[str]]:
    found = policy(system)
    return found.expires_every_days, ["requires kinds of character"] if found.requires_classes else []


def lockout(system: System) -> Finding:
    never = (Status.WARN, "No lockout policy: macOS only slows repeated guesses down; set one on shared Macs.")
    return judge_lockout_limit(policy(system, "lockout policy").max_failed_logins, never)


def empty_passwords(system: System) -> Finding:
    raise ProbeUnavailable(
        "Empty passwords are not checked on macOS (its directory does not reveal them without trying one)."
    )


def installed_managers(system: System) -> list[str]:
    return [name for name, paths in MANAGERS.items() if any(system.exists(p) for p in paths)]
