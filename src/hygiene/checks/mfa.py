"""MFA category: second factors, and what they depend on."""

from __future__ import annotations

import posixpath
import re

from hygiene.checks.base import check, first_line, unknown
from hygiene.checks.ssh_server import effective
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import ParseError, load_json
from hygiene.parsers.pam import PamRule, parse_pam
from hygiene.parsers.timedatectl import (
    ClockSync,
    parse_chronyc_tracking,
    parse_ntpq_peers,
    parse_timedatectl_show,
    parse_timedatectl_status,
)
from hygiene.system import System
from hygiene.system.kept import RULES_ONLY, SSH_IDENTITY_FILES

CHRONYC = ("chronyc", "-n", "tracking")
NTPQ = ("ntpq", "-pn")
MAC_NETWORK_TIME = ("systemsetup", "-getusingnetworktime")
WINDOWS_TIME = (
    "powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
    "$p = Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters' "
    "-ErrorAction SilentlyContinue; "
    "$s = Get-Service -Name W32Time -ErrorAction SilentlyContinue; ConvertTo-Json -Compress -InputObject "
    "([pscustomobject]@{ Type = $p.Type; StartType = $(if ($s) { [string]$s.StartType } else { $null }) })",
)  # fmt: skip
NO_SYSTEMD = ("not been booted with systemd", "Failed to connect to bus", "Failed to create bus connection")

MFA_004 = CheckMeta(
    id="MFA-004",
    title="The system clock is synchronised",
    category=Category.MFA,
    severity=Severity.MEDIUM,
    platforms=(Platform.LINUX, Platform.MACOS, Platform.WINDOWS),
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


def _daemons(system: System) -> ClockSync | None:
    """chrony or ntpd, for machines without systemd's timedatectl."""
    chrony = system.run(CHRONYC)
    if chrony.ok:
        return parse_chronyc_tracking(chrony.stdout)
    ntp = system.run(NTPQ)
    if ntp.ok:
        return parse_ntpq_peers(ntp.stdout)
    return None


def _clock(system: System) -> ClockSync | Finding:
    result = system.run(("timedatectl", "show"))
    if not result.found:
        return _daemons(system) or unknown(
            "Neither timedatectl, chronyc nor ntpq answered, so clock synchronisation is unknown."
        )
    if result.ok:
        return parse_timedatectl_show(result.stdout)
    message = first_line(result.stderr)
    if any(marker in result.stderr for marker in NO_SYSTEMD):
        return _daemons(system) or unknown(
            "systemd is not running here (a container or WSL1?), so timedatectl cannot tell "
            "whether the clock is synchronised; check the host instead.",
            timedatectl=message,
        )
    status = system.run(("timedatectl", "status"))  # systemd < 239 has no `show`
    if status.ok:
        return parse_timedatectl_status(status.stdout)
    return unknown(f"timedatectl failed: {message or f'exit {result.returncode}'}.")


def _mac_clock(system: System) -> ClockSync | Finding:
    result = system.run(MAC_NETWORK_TIME)
    if "administrator" in result.stdout + result.stderr:
        return unknown("Whether macOS sets the time automatically needs administrator rights to see: run with sudo.")
    if not result.ok:
        return unknown(f"systemsetup failed: {first_line(result.stderr) or result.returncode}.")
    on = "On" in result.stdout.split(":", 1)[-1]
    return ClockSync(synchronized=on, ntp_enabled=on, timezone=None)


def _windows_clock(system: System) -> ClockSync | Finding:
    result = system.run(WINDOWS_TIME)
    if not result.ok:
        return unknown(f"Could not read the Windows Time settings: {first_line(result.stderr) or result.returncode}.")
    try:
        state = load_json(result.stdout, "the Windows Time settings")
    except ParseError as exc:
        return unknown(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
    syncing = (
        str(state.get("Type") or "").upper() in ("NTP", "NT5DS", "ALLSYNC") and state.get("StartType") != "Disabled"
    )
    return ClockSync(synchronized=syncing, ntp_enabled=syncing, timezone=None)


@check(MFA_004)
def clock_synchronised(system: System) -> Finding:
    platform = system.facts.platform
    try:
        clock = (
            _clock(system)
            if platform is Platform.LINUX
            else _mac_clock(system)
            if platform is Platform.MACOS
            else _windows_clock(system)
        )
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


# --- MFA-001 and MFA-003: second factors for the SSH server and for local logins ---------------

SECOND_FACTORS = {
    "pam_u2f.so": "a security key (pam_u2f)",
    "pam_google_authenticator.so": "an authenticator app (pam_google_authenticator)",
    "pam_oath.so": "one-time codes (pam_oath)",
    "pam_yubico.so": "a YubiKey (pam_yubico)",
}
LOGIN_STACKS = (
    "/etc/pam.d/sudo",
    "/etc/pam.d/login",
    "/etc/pam.d/gdm-password",
    "/etc/pam.d/sshd",
    "/etc/pam.d/common-auth",
    "/etc/pam.d/system-auth",
)
SSHD = {
    Platform.LINUX: "/usr/sbin/sshd",
    Platform.MACOS: "/usr/sbin/sshd",
    Platform.WINDOWS: "C:\\Windows\\System32\\OpenSSH\\sshd.exe",
}
SSHD_CONFIG = {
    Platform.LINUX: "/etc/ssh/sshd_config",
    Platform.MACOS: "/etc/ssh/sshd_config",
    Platform.WINDOWS: "C:\\ProgramData\\ssh\\sshd_config",
}
MACOS_REMOTE_LOGIN = ("launchctl", "print-disabled", "system")
WINDOWS_SSHD_SERVICE = (
    "powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
    "Get-Service -Name sshd -ErrorAction SilentlyContinue | ForEach-Object { "
    "ConvertTo-Json -Compress -InputObject ([pscustomobject]@{ "
    "Status = [string]$_.Status; StartType = [string]$_.StartType }) }",
)  # fmt: skip

MFA_001 = CheckMeta(
    id="MFA-001",
    title="The SSH server refuses password-only logins",
    category=Category.MFA,
    severity=Severity.HIGH,
    platforms=(Platform.LINUX, Platform.MACOS, Platform.WINDOWS),
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


def _second_factor(rules: list[PamRule]) -> tuple[str, bool] | None:
    """The second-factor module of a stack and whether it is enforced (required, no nullok)."""
    for rule in rules:
        if rule.type == "auth" and rule.module in SECOND_FACTORS:
            enforced = rule.control in ("required", "requisite") or rule.control.startswith("[")
            return SECOND_FACTORS[rule.module], enforced and "nullok" not in rule.args
    return None


def _ssh_server_running(system: System) -> bool | Finding:
    platform = system.facts.platform
    if platform is Platform.LINUX:
        return system.exists(SSHD[platform])
    if platform is Platform.MACOS:
        result = system.run(MACOS_REMOTE_LOGIN)
        if not result.ok:
            return unknown(f"launchctl could not tell whether Remote Login is on: {first_line(result.stderr)}.")
        line = next((ln for ln in result.stdout.splitlines() if "com.openssh.sshd" in ln), "")
        return any(word in line for word in ("enabled", "false"))  # "=> false" means not disabled
    result = system.run(WINDOWS_SSHD_SERVICE)
    if not result.ok:
        return unknown(f"Could not ask whether the OpenSSH server is installed: {first_line(result.stderr)}.")
    return bool(result.stdout.strip()) and '"Disabled"' not in result.stdout


@check(MFA_001)
def ssh_refuses_passwords(system: System) -> Finding:
    running = _ssh_server_running(system)
    if isinstance(running, Finding):
        return running
    if not running:
        return Finding(Status.NOT_APPLICABLE, "No SSH server is installed or turned on.")
    platform = system.facts.platform
    settings, matches, source = effective(system, SSHD[platform], SSHD_CONFIG[platform])
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
        factor = (
            _second_factor(parse_pam(system.read_text("/etc/pam.d/sshd", RULES_ONLY) or ""))
            if platform is Platform.LINUX
            else None
        )
        if factor is None or not factor[1]:
            return Finding(
                Status.FAIL, f"SSH's keyboard-interactive login asks only for the password ({source}).{root}", evidence
            )
        evidence["second_factor"] = factor[0]
    reopened = [criteria for criteria, block in matches if block.get("passwordauthentication", "").lower() == "yes"]
    if reopened:
        evidence["password_allowed_for"] = reopened
        return Finding(Status.WARN, f"SSH refuses passwords, except for: Match {'; Match '.join(reopened)}.", evidence)
    return Finding(Status.PASS, "SSH refuses password-only logins: keys or a second factor are needed.", evidence)


@check(MFA_003)
def local_second_factor(system: System) -> Finding:
    found = {}
    for path in LOGIN_STACKS:
        factor = _second_factor(parse_pam(system.read_text(path, RULES_ONLY) or ""))
        if factor is not None:
            found[path] = factor
    enforced = sorted(p for p, (_, required) in found.items() if required)
    evidence = {"stacks": {p: {"factor": f, "enforced": r} for p, (f, r) in found.items()}}
    if enforced:
        factor = found[enforced[0]][0]
        return Finding(Status.PASS, f"{factor.capitalize()} is required by {', '.join(enforced)}.", evidence)
    if found:
        return Finding(
            Status.WARN,
            "A second factor is set up but optional (sufficient or nullok): the password alone still works.",
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
    platforms=(Platform.LINUX, Platform.MACOS, Platform.WINDOWS),
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
        for p in (Platform.LINUX, Platform.MACOS, Platform.WINDOWS)
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
        return Finding(
            Status.PASS, f"All {len(keys)} SSH key(s) have a passphrase or a hardware key, and a strong type.", evidence
        )
    listed = "; ".join(f"{posixpath.basename(p.replace(chr(92), '/'))}: {why}" for p, (_, why) in problems.items())
    status = Status.FAIL if any(s is Status.FAIL for s, _ in problems.values()) else Status.WARN
    return Finding(status, f"SSH keys to fix: {listed}.", evidence)
