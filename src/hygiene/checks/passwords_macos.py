"""What the password checks find on macOS: the account policy (pwpolicy) and installed
password managers."""

from __future__ import annotations

from hygiene.checks.base import first_line
from hygiene.parsers.pwpolicy import MacPasswordPolicy, parse_pwpolicy
from hygiene.system import System

PWPOLICY = ("pwpolicy", "-getaccountpolicies")
MANAGERS = {
    "1Password": ("/Applications/1Password.app", "/Applications/1Password 7.app"),
    "Bitwarden": ("/Applications/Bitwarden.app",),
    "KeePassXC": ("/Applications/KeePassXC.app",),
    "Proton Pass": ("/Applications/Proton Pass.app",),
    "Enpass": ("/Applications/Enpass.app",),
}


def policy(system: System) -> MacPasswordPolicy | str:
    result = system.run(PWPOLICY)
    if not result.found:
        return "pwpolicy is not available"
    if not result.ok:
        return f"pwpolicy failed: {first_line(result.stderr) or result.returncode}"
    return parse_pwpolicy(result.stdout)


def installed_managers(system: System) -> list[str]:
    return [name for name, paths in MANAGERS.items() if any(system.exists(p) for p in paths)]
