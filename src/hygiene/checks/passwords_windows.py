"""What the password checks find on Windows: `net accounts` (read by position, so any display
language works), local users that may have no password, and installed password managers."""

from __future__ import annotations

from hygiene.checks.base import first_line
from hygiene.checks.updates_windows import POWERSHELL
from hygiene.parsers import load_json
from hygiene.parsers.net_accounts import AccountPolicy, parse_net_accounts
from hygiene.system import System

NET_ACCOUNTS = ("net", "accounts")
LOCAL_USERS = (
    "ConvertTo-Json -Compress -InputObject @(Get-LocalUser | ForEach-Object { [pscustomobject]@{ "
    "Name = $_.Name; Enabled = $_.Enabled; PasswordRequired = $_.PasswordRequired } })"
)
INSTALLED = (
    "ConvertTo-Json -Compress -InputObject @(Get-ItemProperty "
    "'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', "
    "'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', "
    "'HKCU:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' -ErrorAction SilentlyContinue "
    "| Where-Object DisplayName | ForEach-Object { $_.DisplayName })"
)
MANAGERS = (
    "1Password",
    "Bitwarden",
    "KeePassXC",
    "KeePass",
    "Proton Pass",
    "Dashlane",
    "Enpass",
    "Keeper",
    "NordPass",
    "RoboForm",
)


def policy(system: System) -> AccountPolicy | str:
    result = system.run(NET_ACCOUNTS)
    if not result.ok:
        return f"`net accounts` failed: {first_line(result.stderr) or result.returncode}"
    return parse_net_accounts(result.stdout)


def users_without_required_password(system: System) -> list[str] | str:
    result = system.run((*POWERSHELL, LOCAL_USERS))
    if not result.ok:
        return f"Get-LocalUser failed: {first_line(result.stderr) or result.returncode}"
    users = load_json(result.stdout.strip() or "[]", "Get-LocalUser")
    users = users if isinstance(users, list) else [users]
    return [
        str(u.get("Name"))
        for u in users
        if isinstance(u, dict) and u.get("Enabled") and u.get("PasswordRequired") is False
    ]


def installed_managers(system: System) -> list[str] | str:
    result = system.run((*POWERSHELL, INSTALLED))
    if not result.ok:
        return f"listing installed programs failed: {first_line(result.stderr) or result.returncode}"
    names = load_json(result.stdout.strip() or "[]", "the installed-programs list")
    names = names if isinstance(names, list) else [names]
    found = set()
    for name in names:  # MANAGERS lists KeePassXC before KeePass: the first match is the right one
        match = next((m for m in MANAGERS if isinstance(name, str) and name.lower().startswith(m.lower())), None)
        if match:
            found.add(match)
    return sorted(found)
