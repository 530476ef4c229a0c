"""What the password checks find on Windows: `net accounts` (read by position, so any display
language works), local users that may have no password, and installed password managers."""

from __future__ import annotations

from hygiene.checks.base import first_line
from hygiene.checks.passwords import judge_length, judge_lockout_limit
from hygiene.model import Finding, Status
from hygiene.parsers import deciding_line, load_json
from hygiene.parsers.net_accounts import AccountPolicy, parse_net_accounts
from hygiene.platforms.windows import powershell
from hygiene.system import ProbeUnavailable, System

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


def policy(system: System, what: str = "password policy") -> AccountPolicy:
    result = system.run(NET_ACCOUNTS)
    if not result.ok:
        reason = first_line(result.stderr) or result.returncode
        raise ProbeUnavailable(f"Could not read the {what}: `net accounts` failed: {reason}.")
    return parse_net_accounts(result.stdout)


def _quoting(finding: Finding, line: str) -> Finding:
    """The finding with the `net accounts` line that decided it."""
    return Finding(finding.status, finding.summary, {**finding.evidence, "net accounts": deciding_line(line)})


def min_length(system: System) -> Finding:
    found = policy(system)
    line = found.line("min_length")  # ParseError (UNKNOWN) when `net accounts` did not say it readably
    return _quoting(judge_length(found.min_length or 0, "net accounts"), line)


def rotation_and_rules(system: System) -> tuple[int | None, list[str]]:
    found = policy(system)
    found.line("max_age")
    return found.max_age_days, []  # `net accounts` does not show the complexity rule


def lockout(system: System) -> Finding:
    never = (Status.FAIL, "Accounts never lock, however many passwords are tried.")
    found = policy(system, "lockout policy")
    line = found.line("lockout_threshold")
    return _quoting(judge_lockout_limit(found.lockout_threshold, never), line)


def empty_passwords(system: System) -> Finding:
    result = powershell(system, LOCAL_USERS)
    if not result.ok:
        raise ProbeUnavailable(
            f"Could not list local users: Get-LocalUser failed: {first_line(result.stderr) or result.returncode}."
        )
    users = load_json(result.stdout.strip() or "[]", "Get-LocalUser")
    users = users if isinstance(users, list) else [users]
    empty = [
        str(u.get("Name"))
        for u in users
        if isinstance(u, dict) and u.get("Enabled") and u.get("PasswordRequired") is False
    ]
    if empty:
        return Finding(
            Status.FAIL, f"These enabled accounts may have an empty password: {', '.join(empty)}.", {"accounts": empty}
        )
    return Finding(Status.PASS, "Every enabled local account requires a password.", {"accounts": []})


def installed_managers(system: System) -> list[str]:
    result = powershell(system, INSTALLED)
    if not result.ok:
        raise ProbeUnavailable(f"listing installed programs failed: {first_line(result.stderr) or result.returncode}")
    names = load_json(result.stdout.strip() or "[]", "the installed-programs list")
    names = names if isinstance(names, list) else [names]
    found = set()
    for name in names:  # MANAGERS lists KeePassXC before KeePass: the first match is the right one
        match = next((m for m in MANAGERS if isinstance(name, str) and name.lower().startswith(m.lower())), None)
        if match:
            found.add(match)
    return sorted(found)
