"""Passwords category: does the system ask for long passwords, throttle guessing, avoid
the habits NIST SP 800-63B advises against, and is a password manager in use?"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from hygiene.checks.base import check, for_platform
from hygiene.model import ALL_PLATFORMS, Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.profile import NEVER
from hygiene.system import ProbeUnavailable, System
from hygiene.words import count

NIST = "NIST SP 800-63B (rev. 4) section 3.1.1"


def _windows_policy(command: str) -> str:
    return f"secpol.msc > Account Policies > Password Policy (or `{command}` as administrator)"


PWD_001 = CheckMeta(
    id="PWD-001",
    title="The system asks for long enough passwords",
    category=Category.PASSWORDS,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "Length is what makes a password hard to guess. NIST SP 800-63B asks for at least 15 "
        "characters when the password is the only factor, and at least 8 with a second factor; "
        "a system that accepts 6 lets someone pick a password that falls in minutes."
    ),
    remediation={
        Platform.LINUX: (
            "Require 15 characters (8 with MFA): set `minlen = 15` in /etc/security/pwquality.conf "
            "and make sure pam_pwquality is in the password stack."
        ),
        Platform.MACOS: (
            'Set a minimum length: `sudo pwpolicy -setglobalpolicy "minChars=15"`, or a configuration '
            "profile (Passcode payload) from your MDM."
        ),
        Platform.WINDOWS: (
            f"Set Minimum password length to 15 (8 with MFA): {_windows_policy('net accounts /minpwlen:15')}."
        ),
    },
    family_remediation={
        "debian": "`sudo apt install libpam-pwquality`, then set `minlen = 15` in /etc/security/pwquality.conf.",
        "rhel": (
            "Set `minlen = 15` in /etc/security/pwquality.conf (pam_pwquality is in the stack by "
            "default; check with `authselect current`)."
        ),
    },
    references=(NIST, "CIS Controls v8 5.2 (Use Unique Passwords)"),
)

PWD_002 = CheckMeta(
    id="PWD-002",
    title="No forced password changes or composition rules",
    category=Category.PASSWORDS,
    severity=Severity.LOW,
    platforms=ALL_PLATFORMS,
    rationale=(
        "Forcing a change every few months, or demanding a digit and a symbol, pushes people to "
        "Summer2026! then Autumn2026!. NIST SP 800-63B asks systems not to do either; change a "
        "password when there is a sign it leaked instead."
    ),
    remediation={
        Platform.LINUX: (
            "Set `PASS_MAX_DAYS 99999` in /etc/login.defs (and `sudo chage -M 99999 USER` for "
            "existing users); remove negative dcredit/ucredit/lcredit/ocredit and minclass from "
            "pwquality.conf."
        ),
        Platform.MACOS: (
            "Remove the expiry and composition rules and keep the others (clearing every policy "
            "would drop the length and lockout too): `sudo pwpolicy -getaccountpolicies | tail -n +2 > "
            "policies.plist`, delete the policyCategoryPasswordChange entries and the character-class "
            "rules (requiresNumeric, requiresSymbol, ...) from policyCategoryPasswordContent, then "
            "`sudo pwpolicy -setaccountpolicies policies.plist`; or change the MDM Passcode payload."
        ),
        Platform.WINDOWS: (
            f"Set Maximum password age to 0 (never expires) and turn 'Password must meet complexity "
            f"requirements' off: {_windows_policy('net accounts /maxpwage:unlimited')}."
        ),
    },
    references=(NIST, "NIST SP 800-63B section 3.1.1.2 (no composition rules, no periodic changes)"),
)

PWD_003 = CheckMeta(
    id="PWD-003",
    title="Repeated failed logins are throttled or locked out",
    category=Category.PASSWORDS,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
    rationale=(
        "Without a limit, anyone at the keyboard or on the network can try passwords one after "
        "another; a lockout after a handful of failures turns millions of guesses into a few."
    ),
    remediation={
        Platform.LINUX: "Enable pam_faillock with `deny = 5` and `unlock_time = 900` in /etc/security/faillock.conf.",
        Platform.MACOS: (
            "Add a lockout beside the policies already set (-setaccountpolicies replaces them all, the "
            "length included): `sudo pwpolicy -getaccountpolicies | tail -n +2 > policies.plist`, add "
            "to policyCategoryAuthentication a com.apple.maximumFailedLoginAttempts policy with "
            "policyAttributeMaximumFailedAuthentications 5 (or fewer), then `sudo pwpolicy "
            "-setaccountpolicies policies.plist`; or set the MDM Passcode payload's maxFailedAttempts."
        ),
        Platform.WINDOWS: (
            "Set Account lockout threshold to 5 or fewer attempts: secpol.msc > Account Policies > "
            "Account Lockout Policy, or `net accounts /lockoutthreshold:5`."
        ),
    },
    family_remediation={
        "debian": (
            "Add pam_faillock to /etc/pam.d/common-auth (see `man pam_faillock`) and set `deny = 5` "
            "in /etc/security/faillock.conf."
        ),
        "rhel": "`sudo authselect enable-feature with-faillock`, then set `deny = 5` in /etc/security/faillock.conf.",
    },
    references=(
        "NIST SP 800-63B section 3.2.2 (rate limiting)",
        "CIS Controls v8 4.10 (Enforce Automatic Device Lockout)",
    ),
)

PWD_004 = CheckMeta(
    id="PWD-004",
    title="A password manager is in use",
    category=Category.PASSWORDS,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "Nobody can remember a different strong password for every site, so people reuse one, "
        "and one breached site opens the rest. A password manager makes a unique, long password "
        "per site effortless."
    ),
    remediation={
        Platform.LINUX: (
            "Install one (KeePassXC, Bitwarden or 1Password), move your logins into it, and record it "
            "under [attest] password_manager."
        ),
        Platform.MACOS: (
            "Use the built-in Passwords app or install Bitwarden, 1Password or KeePassXC; then record "
            "it under [attest] password_manager."
        ),
        Platform.WINDOWS: (
            "Install Bitwarden, 1Password or KeePassXC, move your logins into it, and record it under "
            "[attest] password_manager."
        ),
    },
    references=(
        "CIS Controls v8 5.2 (Use Unique Passwords)",
        "NIST SP 800-63B section 3.1.1.2 (allow paste, for password managers)",
    ),
)

PWD_005 = CheckMeta(
    id="PWD-005",
    title="No local account has an empty password",
    category=Category.PASSWORDS,
    severity=Severity.CRITICAL,
    platforms=ALL_PLATFORMS,
    needs_admin=True,
    rationale="An account without a password lets anyone at the keyboard, or on the network, in.",
    remediation={
        Platform.LINUX: "Give each listed account a password (`sudo passwd USER`) or lock it (`sudo passwd -l USER`).",
        Platform.MACOS: "System Settings > Users & Groups: give every user a password; delete accounts nobody uses.",
        Platform.WINDOWS: (
            "Give every listed account a password (Settings > Accounts), and require one: `net user "
            "NAME /passwordreq:yes` as administrator."
        ),
    },
    references=("CIS Controls v8 5.2", "CIS Controls v8 5.3 (Disable Dormant Accounts)"),
)

PWD_006 = CheckMeta(
    id="PWD-006",
    title="The password vault is healthy: few weak, reused or breached passwords",
    category=Category.PASSWORDS,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "A password manager helps only if what is inside is sound: breached, weak or reused "
        "passwords are the first ones attackers try."
    ),
    remediation={
        p: (
            "Run `hygiene password audit EXPORT` on an export of your vault, change the passwords it lists "
            "worst first (breached, then weak, then reused), then delete the export."
        )
        for p in ALL_PLATFORMS
    },
    references=("NIST SP 800-63B section 3.1.1.2 (check against breached passwords)", "CIS Controls v8 5.2"),
)


class Probes(Protocol):
    """What each platform module finds about its password policy and password managers."""

    def min_length(self, system: System) -> Finding: ...
    def rotation_and_rules(self, system: System) -> tuple[int | None, list[str]]:
        """Forced change every N days (None: never), and the composition rules in force."""

    def lockout(self, system: System) -> Finding: ...
    def installed_managers(self, system: System) -> list[str]: ...
    def empty_passwords(self, system: System) -> Finding: ...


def _probes(system: System) -> Probes:
    return for_platform(system, __name__, Probes)


def judge_length(length: int, source: str, lines: dict[str, str] | None = None) -> Finding:
    """`lines`: the lines that set it, by file (evidence)."""
    evidence: dict = {"min_length": length, "set_by": source, **(lines or {})}
    if length >= 15:
        return Finding(Status.PASS, f"Passwords must have at least {count(length, 'character')} ({source}).", evidence)
    if length >= 8:
        return Finding(
            Status.WARN,
            f"Passwords need only {count(length, 'character')}: enough with a second factor, not without one (15).",
            evidence,
        )
    return Finding(
        Status.FAIL,
        f"Passwords of {count(length, 'character')} are accepted ({source}); ask for 15, or 8 with a second factor.",
        evidence,
    )


def judge_lockout_limit(limit: int | None, never: tuple[Status, str]) -> Finding:
    """A policy's lockout threshold; `never` is what no threshold means on this platform."""
    evidence = {"lockout_after": limit}
    if not limit:
        return Finding(*never, evidence)
    status = Status.PASS if limit <= 10 else Status.WARN
    return Finding(status, f"Accounts lock after {count(limit, 'failed login')}.", evidence)


@check(PWD_001)
def min_length(system: System) -> Finding:
    return _probes(system).min_length(system)


@check(PWD_002)
def no_rotation_or_composition(system: System) -> Finding:
    days, rules = _probes(system).rotation_and_rules(system)
    evidence = {"expires_every_days": days, "composition_rules": rules}
    problems = ([f"forces a change every {count(days, 'day')}"] if days else []) + rules
    if problems:
        return Finding(
            Status.WARN,
            f"The policy {'; '.join(problems)}; NIST SP 800-63B advises against forced changes and composition rules.",
            evidence,
        )
    return Finding(Status.PASS, "No forced password changes and no composition rules.", evidence)


@check(PWD_003)
def failed_logins_limited(system: System) -> Finding:
    return _probes(system).lockout(system)


@check(PWD_004)
def password_manager(system: System) -> Finding:
    attested = system.profile.attest.get("password_manager")
    try:
        found = _probes(system).installed_managers(system)
    except ProbeUnavailable:  # the list of programs is a hint; the attestation can still answer
        found = []
    evidence = {"installed": found, "attested": attested.isoformat() if isinstance(attested, date) else attested}
    if found:
        return Finding(Status.PASS, f"A password manager is installed: {', '.join(found)}.", evidence)
    if isinstance(attested, date):
        return Finding(Status.PASS, f"Attested: a password manager was in use on {attested}.", evidence)
    if attested == NEVER:
        return Finding(Status.FAIL, "Your profile says no password manager is used.", evidence)
    raise ProbeUnavailable(
        "No password manager app was found; browser and phone ones cannot be seen from here. "
        "If you use one, add `password_manager = YYYY-MM-DD` under [attest].",
        **evidence,
    )


@check(PWD_005)
def no_empty_passwords(system: System) -> Finding:
    return _probes(system).empty_passwords(system)


@check(PWD_006)
def vault_healthy(system: System) -> Finding:
    vault = system.profile.vault
    if vault is None:
        raise ProbeUnavailable(
            "No vault was audited: run `hygiene audit --vault EXPORT` (or `hygiene password audit EXPORT`)."
        )
    evidence = {
        "source": vault.source,
        "entries": vault.entries,
        "weak": vault.weak,
        "reused": vault.reused,
        "breached": vault.breached,
        "health": vault.health,
        "short": vault.short,
    }
    if vault.entries == 0:
        raise ProbeUnavailable("The vault export has no passwords in it.", **evidence)
    short = f"{vault.short} under 15 characters without a second factor"  # they lower the health too
    counts = f"{vault.weak} weak, {vault.reused} reused" + (
        f", {vault.breached} breached" if vault.breached is not None else ""
    )
    counts += f", {short}" if vault.short else ""
    if vault.breached:
        return Finding(
            Status.FAIL,
            f"{count(vault.breached, 'password')} in your vault {'appears' if vault.breached == 1 else 'appear'} "
            f"in breaches ({counts}).",
            evidence,
        )
    if (vault.health or 0) < 50:
        return Finding(Status.FAIL, f"Vault health {vault.health}/100: {counts}.", evidence)
    if vault.weak or vault.reused:
        return Finding(Status.WARN, f"Vault health {vault.health}/100: {counts}.", evidence)
    return Finding(
        Status.PASS,
        f"Vault health {vault.health}/100: no weak or reused passwords ({count(vault.entries, 'entry', 'entries')}"
        + (f"; {short})." if vault.short else ")."),
        evidence,
    )
