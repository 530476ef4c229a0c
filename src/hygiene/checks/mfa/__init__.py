"""MFA category: second factors, and what they depend on: the SSH server and its keys, local
logins (PAM), the clock that one-time codes are computed from, and the online accounts the
profile lists (MFA-005, attested). Each platform module (linux.py, macos.py, windows.py)
answers the Probes below; the SSH server's configuration is read the same way everywhere
(sshd_config.py)."""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple, Protocol

from hygiene.checks.base import check, for_platform, quoted, unrecognised_evidence
from hygiene.checks.mfa.sshd_config import effective
from hygiene.mfa.accounts_report import critical_text
from hygiene.mfa.coverage import Judged, judge_all
from hygiene.mfa.services import METHOD_NAMES, service_table
from hygiene.model import ALL_PLATFORMS, Category, CheckMeta, Evidence, Finding, Platform, Severity, Status
from hygiene.parsers import deciding_line
from hygiene.parsers.pam import PamRule
from hygiene.parsers.timedatectl import ClockSync
from hygiene.system import ProbeUnavailable, System
from hygiene.system.kept import SSH_IDENTITY_FILES


class SecondFactor(NamedTuple):
    """A PAM stack's second factor: what it is, whether it is enforced, and its rule (evidence)."""

    name: str
    enforced: bool
    line: str


class Probes(Protocol):
    """What each platform module finds for the MFA checks."""

    SSHD: str  # the SSH server's program
    SSHD_CONFIG: str  # and its configuration file
    SSHD_PAM: str  # the PAM stack its keyboard-interactive login goes through ("" without PAM)

    def clock(self, system: System) -> ClockSync: ...
    def ssh_server_running(self, system: System) -> bool: ...
    def keyboard_second_factor(self, system: System) -> SecondFactor | None:
        """The second factor SSH's keyboard-interactive login asks for, and whether it is enforced."""

    def login_second_factors(self, system: System) -> dict[str, SecondFactor]:
        """Per login stack, its second factor and whether it is enforced (MFA-003)."""


def _probes(system: System) -> Probes:
    return for_platform(system, __name__, Probes)


# --- MFA-004: the clock -------------------------------------------------------------------------

MFA_004 = CheckMeta(
    id="MFA-004",
    title="The system clock is synchronised",
    category=Category.MFA,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
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
        Platform.MACOS: "System Settings > General > Date & Time: turn on 'Set time and date automatically'.",
        Platform.WINDOWS: (
            "Settings > Time & language > Date & time: turn on 'Set time automatically' and press 'Sync now'; "
            "if it is greyed out, start the Windows Time service (services.msc > Windows Time > Automatic)."
        ),
    },
    references=("CIS Controls v8 8.4 (Standardize Time Synchronization)", "RFC 6238 section 6 (TOTP clock drift)"),
)


@check(MFA_004)
def clock_synchronised(system: System) -> Finding:
    clock = _probes(system).clock(system)
    evidence: dict = {"synchronized": clock.synchronized, "ntp_enabled": clock.ntp_enabled, "timezone": clock.timezone}
    if clock.lines:
        evidence[clock.source] = quoted(clock.lines)
    if clock.unrecognised:
        evidence.update(unrecognised_evidence(clock.unrecognised))
        if clock.synchronized:  # a line beside the headline that hygiene does not know: never passed over
            raise ProbeUnavailable(
                f"{clock.source} says the clock is synchronised, but printed a line hygiene does not know: "
                f"{clock.unrecognised[0]!r}.",
                **evidence,
            )
    if clock.synchronized:
        return Finding(Status.PASS, "The clock is synchronised with network time.", evidence)
    if clock.ntp_enabled:
        return Finding(
            Status.WARN,
            "Network time is on but the clock is not synchronised yet (just booted, or NTP is blocked).",
            evidence,
        )
    return Finding(Status.FAIL, "The clock is not synchronised and network time is off.", evidence)


# --- MFA-001 and MFA-003: second factors for the SSH server and for local logins ---------------

SECOND_FACTORS = {
    "pam_u2f.so": "a security key (pam_u2f)",
    "pam_google_authenticator.so": "an authenticator app (pam_google_authenticator)",
    "pam_oath.so": "one-time codes (pam_oath)",
    "pam_yubico.so": "a YubiKey (pam_yubico)",
}
# The sshd settings MFA-001 judges, as sshd_config spells them (`sshd -T` prints them lower-cased).
DECIDING_SSHD = {
    "passwordauthentication": "PasswordAuthentication",
    "kbdinteractiveauthentication": "KbdInteractiveAuthentication",
    "challengeresponseauthentication": "ChallengeResponseAuthentication",
    "authenticationmethods": "AuthenticationMethods",
    "usepam": "UsePAM",
}
MFA_001 = CheckMeta(
    id="MFA-001",
    title="The SSH server refuses password-only logins",
    category=Category.MFA,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "An SSH server that accepts a password alone is guessed at day and night by bots from "
        "the whole internet. Keys (or a password plus a second factor) make those guesses useless."
    ),
    remediation={
        Platform.LINUX: (
            "Put your public key in ~/.ssh/authorized_keys and test a key login, then set "
            "`PasswordAuthentication no` and `KbdInteractiveAuthentication no` in "
            "/etc/ssh/sshd_config.d/50-hygiene.conf and run `sudo systemctl reload ssh` (or sshd). "
            "If you need passwords, require a second factor: `AuthenticationMethods publickey,password` "
            "or pam_google_authenticator with `AuthenticationMethods publickey,keyboard-interactive`."
        ),
        Platform.MACOS: (
            "Turn Remote Login off if you do not need it (System Settings > General > Sharing); otherwise "
            "use keys and set `PasswordAuthentication no` and `KbdInteractiveAuthentication no` in "
            "/etc/ssh/sshd_config.d/100-hygiene.conf."
        ),
        Platform.WINDOWS: (
            "Stop the OpenSSH server if you do not need it (`Stop-Service sshd; Set-Service sshd -StartupType "
            "Disabled`); otherwise use keys and set `PasswordAuthentication no` in C:\\ProgramData\\ssh\\sshd_config, "
            "then `Restart-Service sshd`."
        ),
    },
    references=(
        "NIST SP 800-63B section 2.2 (AAL2 needs two factors)",
        "CIS Controls v8 6.5 (Require MFA for Administrative Access)",
    ),
)

MFA_003 = CheckMeta(
    id="MFA-003",
    title="Local login or sudo asks for a second factor",
    category=Category.MFA,
    severity=Severity.LOW,
    platforms=(Platform.LINUX,),
    rationale=(
        "A security key or one-time code at login and for sudo stops someone who learned your "
        "password from using it at your machine. On a personal computer this matters less than "
        "on a shared or office one, hence its low weight."
    ),
    remediation={
        Platform.LINUX: (
            "For a security key: `sudo apt install libpam-u2f` (or `dnf install pam-u2f`), register it with "
            "`pamu2fcfg > ~/.config/Yubico/u2f_keys`, then add `auth required pam_u2f.so` to /etc/pam.d/sudo; "
            "keep a root shell open while testing."
        ),
    },
    references=("NIST SP 800-63B section 2.2 (AAL2)", "CIS Controls v8 6.5"),
)


# Arguments that let a user without a token through: pam_google_authenticator's and pam_oath's
# nullok, pam_u2f's nouserok (no key registered, or no key file).
LETS_USERS_WITHOUT_TOKEN = ("nullok", "nouserok")
# The return codes of a bracketed control that are not a failure of the module.
NOT_FAILURES = ("success", "new_authtok_reqd", "ignore")


def _fails_closed(control: str) -> bool:
    """Whether a module failing fails the stack: required, requisite, or a bracketed control
    (`[success=ok default=die]`) whose every failure is bad or die. Linux-PAM makes a return
    code a bracket leaves out "bad" (libpam/pam_handlers.c); ignore, ok, done or a jump on a
    failure lets the stack go on without the module (sufficient is [... default=ignore])."""
    if control in ("required", "requisite"):
        return True
    if not (control.startswith("[") and control.endswith("]")):
        return False
    actions = dict(word.partition("=")[::2] for word in control[1:-1].split())
    return all(action in ("bad", "die") for code, action in actions.items() if code not in NOT_FAILURES)


def second_factor(rules: list[PamRule]) -> SecondFactor | None:
    """The second-factor module of a stack and whether it is enforced (fails closed, and lets
    no user without a token through)."""
    for rule in rules:
        if rule.type == "auth" and rule.module in SECOND_FACTORS:
            optional = any(arg in rule.args for arg in LETS_USERS_WITHOUT_TOKEN)
            return SecondFactor(SECOND_FACTORS[rule.module], _fails_closed(rule.control) and not optional, rule.line)
    return None


@check(MFA_001)
def ssh_refuses_passwords(system: System) -> Finding:
    probes = _probes(system)
    if not probes.ssh_server_running(system):
        return Finding(Status.NOT_APPLICABLE, "No SSH server is installed or turned on.")
    config, source = effective(system, probes.SSHD, probes.SSHD_CONFIG)
    settings, matches = config.settings, config.matches
    password = settings.get("passwordauthentication", "yes").lower() == "yes"
    keyboard = (
        settings.get("kbdinteractiveauthentication", settings.get("challengeresponseauthentication", "yes")).lower()
        == "yes"
    )
    methods = settings.get("authenticationmethods", "any").lower()
    evidence = {
        "source": source,
        "PasswordAuthentication": password,
        "KbdInteractiveAuthentication": keyboard,
        "AuthenticationMethods": methods,
        "PermitRootLogin": settings.get("permitrootlogin", "prohibit-password"),
    }
    for key, spelled in DECIDING_SSHD.items():  # the lines that decided, under `sshd -T` or their file
        if key in settings:
            where = config.origin[key]
            shown = key if where == "sshd -T" else spelled  # as printed, or as sshd_config spells it
            evidence.setdefault(where, []).append(deciding_line(f"{shown} {settings[key]}"))
    if methods != "any":
        lists = [m.split(",") for m in methods.split()]
        if all(len(m) >= 2 for m in lists):
            return Finding(Status.PASS, f"SSH requires two methods for every login ({methods}).", evidence)
        single = [m[0] for m in lists if len(m) == 1 and m[0] in ("password", "keyboard-interactive")]
        if not single:
            password = keyboard = False  # only keys (or other non-password methods) alone
    root = " Root may log in with a password too." if settings.get("permitrootlogin", "").lower() == "yes" else ""
    if password:
        return Finding(Status.FAIL, f"SSH accepts a password alone ({source}).{root}", evidence)
    if keyboard and settings.get("usepam", "yes").lower() == "yes":
        factor = probes.keyboard_second_factor(system)
        if factor is not None:
            evidence[probes.SSHD_PAM] = factor.line
        if factor is None or not factor.enforced:
            return Finding(
                Status.FAIL, f"SSH's keyboard-interactive login asks only for the password ({source}).{root}", evidence
            )
        evidence["second_factor"] = factor.name
    reopened = [criteria for criteria, block in matches if block.get("passwordauthentication", "").lower() == "yes"]
    if reopened:
        evidence["password_allowed_for"] = reopened
        return Finding(Status.WARN, f"SSH refuses passwords, except for: Match {'; Match '.join(reopened)}.", evidence)
    return Finding(Status.PASS, "SSH refuses password-only logins: keys or a second factor are needed.", evidence)


@check(MFA_003)
def local_second_factor(system: System) -> Finding:
    found = _probes(system).login_second_factors(system)
    enforced = sorted(p for p, factor in found.items() if factor.enforced)
    evidence: dict = {"stacks": {p: {"factor": f.name, "enforced": f.enforced} for p, f in found.items()}}
    evidence.update({path: factor.line for path, factor in found.items()})  # the rule that decided, per stack
    if enforced:
        factor = found[enforced[0]].name
        return Finding(Status.PASS, f"{factor.capitalize()} is required by {', '.join(enforced)}.", evidence)
    if found:
        return Finding(
            Status.WARN,
            "A second factor is set up but optional (sufficient, a failure ignored, or nullok/nouserok): "
            "the password alone still works.",
            evidence,
        )
    return Finding(
        Status.FAIL,
        "Local login and sudo ask only for the password (low priority on a personal computer; more so on shared ones).",
        evidence,
    )


# --- MFA-002: SSH private keys -------------------------------------------------------------------

NOT_KEYS = {"known_hosts", "known_hosts.old", "config", "authorized_keys", "authorized_keys2", "environment", "rc"}

MFA_002 = CheckMeta(
    id="MFA-002",
    title="SSH private keys have a passphrase and a strong type",
    category=Category.MFA,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
    rationale=(
        "An SSH key without a passphrase is a password written on disk: whoever copies the file "
        "(malware, a stolen backup, a lost laptop) logs in as you. Old key types (DSA, short RSA) "
        "can be broken or are refused by current servers."
    ),
    remediation={
        p: (
            "Add a passphrase to an existing key: `ssh-keygen -p -f ~/.ssh/id_ed25519` (ssh-agent or the "
            "system keychain keeps it convenient). Replace DSA and short RSA keys: `ssh-keygen -t ed25519`, "
            "or `ssh-keygen -t ed25519-sk` for a hardware security key, then update authorized_keys on servers."
        )
        for p in ALL_PLATFORMS
    },
    references=("NIST SP 800-57 Part 1 (key sizes)", "CIS Controls v8 3.11 (Encrypt Sensitive Data at Rest)"),
)


def _key_files(system: System) -> list[str]:
    folder = f"{system.facts.home}/.ssh"
    found = [p for p in system.glob(f"{folder}/*") if not p.endswith(".pub") and posixpath.basename(p) not in NOT_KEYS]
    for line in (system.read_text(f"{folder}/config", SSH_IDENTITY_FILES) or "").splitlines():
        m = re.match(r"\s*IdentityFile\s*=?\s*(\S+)", line, re.I)
        if m:
            path = m.group(1).strip('"').replace("%d", system.facts.home)
            path = system.facts.home + path[1:] if path.startswith("~") else path
            if path.startswith(("/", "\\")) or ":" in path[:3]:
                found.append(path)
    return list(dict.fromkeys(found))


def _key_problem(facts: dict) -> tuple[Status, str] | None:
    if facts["type"] == "dsa":
        return Status.FAIL, "DSA, which current OpenSSH refuses"
    if facts["type"] == "rsa" and facts["bits"] is not None and facts["bits"] < 2048:
        return Status.FAIL, f"RSA {facts['bits']} bits, too short"
    if not facts["encrypted"] and not facts["hardware"]:
        return Status.FAIL, "no passphrase"
    if facts["type"] == "rsa" and facts["bits"] == 2048:
        return Status.WARN, "RSA 2048 bits (3072 or Ed25519 recommended)"
    return None


@check(MFA_002)
def ssh_keys_protected(system: System) -> Finding:
    keys = {}
    for path in _key_files(system):
        facts = system.ssh_key(path)
        if facts is not None:
            keys[path] = facts
    if not keys:
        return Finding(Status.NOT_APPLICABLE, "No SSH private keys were found in ~/.ssh.")
    problems = {path: problem for path, f in keys.items() if (problem := _key_problem(f))}
    evidence = {
        "keys": [
            {
                "file": posixpath.basename(p.replace("\\", "/")),
                **{k: f[k] for k in ("type", "bits", "encrypted", "hardware")},
            }
            for p, f in keys.items()
        ]
    }
    if not problems:
        which = "The SSH key has" if len(keys) == 1 else f"All {len(keys)} SSH keys have"
        return Finding(Status.PASS, f"{which} a passphrase or a hardware key, and a strong type.", evidence)
    listed = "; ".join(f"{posixpath.basename(p.replace(chr(92), '/'))}: {why}" for p, (_, why) in problems.items())
    status = Status.FAIL if any(s is Status.FAIL for s, _ in problems.values()) else Status.WARN
    return Finding(status, f"SSH keys to fix: {listed}.", evidence)


# --- MFA-005: online accounts (attested) -------------------------------------------------------

_STEPS = (
    "List the accounts that matter in your profile (`hygiene init`, or [[accounts]] entries with "
    "service, method and critical) and run `hygiene mfa accounts` for each one's next step and "
    "settings link. Start with email (it resets every other password), then the password "
    "manager, bank and payment apps, and cloud storage: turn on a passkey or security key "
    "where offered, else an authenticator app; SMS only where nothing else exists. Save the "
    "recovery codes on paper or in the password manager."
)

MFA_005 = CheckMeta(
    id="MFA-005",
    title="Important online accounts have a second factor, phishing-resistant where offered",
    category=Category.MFA,
    severity=Severity.CRITICAL,
    platforms=ALL_PLATFORMS,
    evidence=Evidence.ATTESTED,
    rationale=(
        "A stolen or guessed password is the most common way into an account; a second factor "
        "stops most of those attempts. Codes sent by SMS or email can be intercepted or typed "
        "into a fake page; passkeys and security keys cannot, because they only answer the real site."
    ),
    remediation={p: _STEPS for p in ALL_PLATFORMS},
    references=(
        "CIS Controls v8 6.3 (Require MFA for Externally-Exposed Applications)",
        "NIST SP 800-63B section 5.2.5 (phishing resistance)",
        "CISA: Implementing Phishing-Resistant MFA",
    ),
)


def _names(judged: list[Judged]) -> str:
    return ", ".join(j.label for j in judged)


def _accounts(judged: list[Judged]) -> str:
    return "account" if len(judged) == 1 else "accounts"


@check(MFA_005)
def accounts_have_mfa(system: System) -> Finding:
    accounts = system.profile.accounts
    if not accounts:
        raise ProbeUnavailable(
            "Your profile lists no online accounts: add [[accounts]] entries (service, method, "
            "critical) or run `hygiene init`, then `hygiene mfa accounts`."
        )
    table = service_table()
    judged = judge_all(accounts, table)
    bare_critical = [j for j in judged if j.critical and j.strength == 0]
    bare_other = [j for j in judged if not j.critical and j.strength == 0]
    phishable = [j for j in judged if j.strength == 1]
    resistant = [j for j in judged if j.strength == 3]
    parts = []
    if bare_critical:
        parts.append(f"no second factor on critical {_accounts(bare_critical)}: {_names(bare_critical)}")
    if bare_other:
        parts.append(f"no second factor on: {_names(bare_other)}")
    if phishable:
        parts.append(f"SMS or email codes (can be phished) on: {_names(phishable)}")
    parts.append(f"{len(resistant)} of {len(judged)} phishing-resistant")
    status = max((j.status for j in judged), key=_rank)
    summary = "Attested: " + "; ".join(parts) + "."
    # The to-do list is already critical-first and weakest-first; a FAIL still goes before a WARN.
    todo = sorted((j for j in judged if j.status is not Status.PASS), key=lambda j: -_rank(j.status))
    upgrades = [j for j in judged if j.strength < 3 and j.service and j.service.phishing_resistant]
    first = (todo or upgrades or [None])[0]
    if first is not None:
        summary += f" First: {first.label}: {first.next_step}"
    evidence = {
        "accounts": [f"{j.label}: {METHOD_NAMES[j.account.method]}, {critical_text(j)}" for j in judged],
        "service_table_checked": table.checked.isoformat(),
    }
    return Finding(status, summary, evidence)


def _rank(status: Status) -> int:
    return {Status.PASS: 0, Status.WARN: 1, Status.FAIL: 2}[status]
