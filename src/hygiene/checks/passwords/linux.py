"""What the password checks find on Linux: PAM stacks, pwquality, login.defs, faillock,
/etc/shadow, and installed password managers."""

from __future__ import annotations

from hygiene.checks.passwords import judge_length
from hygiene.model import Finding, Status
from hygiene.parsers.pam import PamRule, parse_key_values, parse_pam
from hygiene.parsers.shadow import empty_password_accounts
from hygiene.system import ProbeUnavailable, System
from hygiene.system.kept import RULES_ONLY, SHADOW_STATUS, WHOLE
from hygiene.words import count

# Debian/Ubuntu/SUSE use common-*, Fedora/RHEL/Arch system-auth and password-auth.
STACKS = ("/etc/pam.d/common-password", "/etc/pam.d/common-auth", "/etc/pam.d/system-auth", "/etc/pam.d/password-auth")
PWQUALITY = "/etc/security/pwquality.conf"
FAILLOCK = "/etc/security/faillock.conf"
LOGIN_DEFS = "/etc/login.defs"
SHADOW = "/etc/shadow"
MANAGERS = {
    "KeePassXC": ("/usr/bin/keepassxc", "/snap/bin/keepassxc", "/var/lib/flatpak/app/org.keepassxc.KeePassXC"),
    "Bitwarden": (
        "/usr/bin/bitwarden",
        "/opt/Bitwarden",
        "/snap/bin/bitwarden",
        "/var/lib/flatpak/app/com.bitwarden.desktop",
    ),
    "1Password": ("/usr/bin/1password", "/opt/1Password"),
    "Proton Pass": ("/usr/bin/proton-pass", "/var/lib/flatpak/app/me.proton.Pass"),
    "pass": ("/usr/bin/pass",),
    "gopass": ("/usr/bin/gopass",),
    "Enpass": ("/opt/enpass",),
}


def _stack(system: System) -> list[tuple[str, PamRule]] | None:
    """Every rule of the password and auth stacks, with the file it is in; None without one."""
    found = [(path, system.read_text(path, RULES_ONLY)) for path in STACKS]
    texts = [(path, text) for path, text in found if text is not None]
    return [(path, rule) for path, text in texts for rule in parse_pam(text)] if texts else None


def _rules(system: System) -> list[PamRule] | None:
    stack = _stack(system)
    return None if stack is None else [rule for _, rule in stack]


def _first(stack: list[tuple[str, PamRule]], kind: str, modules: tuple[str, ...]) -> tuple[str, PamRule] | None:
    return next(((path, r) for path, r in stack if r.type == kind and r.module in modules), None)


def _pwquality(system: System) -> dict[str, str]:
    values = parse_key_values(system.read_text(PWQUALITY, WHOLE) or "")
    for path in system.glob("/etc/security/pwquality.conf.d/*.conf"):
        values.update(parse_key_values(system.read_text(path, WHOLE) or ""))
    return values


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def min_length(system: System) -> Finding:
    """The shortest password the password stack accepts, judged, with what sets it."""
    stack = _stack(system)
    if stack is None:
        raise ProbeUnavailable("No PAM password stack was found (/etc/pam.d/common-password or system-auth).")
    if found := _first(stack, "password", ("pam_pwquality.so", "pam_cracklib.so")):
        path, quality = found
        conf = _pwquality(system) if quality.module == "pam_pwquality.so" else {}
        default = 8 if quality.module == "pam_pwquality.so" else 9
        length = _int(quality.args.get("minlen") or conf.get("minlen"), default)
        lines = {path: quality.line}
        if "minlen" not in quality.args and "minlen" in conf:
            lines[PWQUALITY] = f"minlen = {conf['minlen']}"
        return judge_length(length, f"{quality.module}, minlen {length}", lines)
    if found := _first(stack, "password", ("pam_unix.so",)):
        path, unix = found
        length = _int(unix.args.get("minlen"), 6)
        return judge_length(length, "pam_unix.so alone, without pam_pwquality", {path: unix.line})
    raise ProbeUnavailable(
        "The PAM password stack has neither pam_pwquality nor pam_unix, so the minimum length is not known."
    )


def rotation_and_rules(system: System) -> tuple[int | None, list[str]]:
    """Forced change every N days (None: never), and composition rules in force."""
    defs = parse_key_values(system.read_text(LOGIN_DEFS, WHOLE) or "")
    days = _int(defs.get("PASS_MAX_DAYS"), 99999)
    rules = []
    rules_from = {r.module for r in _rules(system) or [] if r.type == "password"}
    if "pam_pwquality.so" in rules_from or "pam_cracklib.so" in rules_from:
        conf = _pwquality(system)
        for key, label in (
            ("dcredit", "a digit"),
            ("ucredit", "an upper-case letter"),
            ("lcredit", "a lower-case letter"),
            ("ocredit", "a symbol"),
        ):
            if _int(conf.get(key), 0) < 0:
                rules.append(f"requires {label}")
        if _int(conf.get("minclass"), 0) > 1:
            rules.append(f"requires {conf['minclass']} kinds of character")
    return (days if 0 < days < 99999 else None), rules


def lockout(system: System) -> Finding:
    stack = _stack(system)
    if stack is None:
        raise ProbeUnavailable("No PAM authentication stack was found.")
    faillock = _first(stack, "auth", ("pam_faillock.so",))
    tally = _first(stack, "auth", ("pam_tally2.so", "pam_tally.so"))
    lines: dict[str, str] = {}
    if faillock is not None:
        conf = parse_key_values(system.read_text(FAILLOCK, WHOLE) or "")
        deny = _int(faillock[1].args.get("deny") or conf.get("deny"), 3)
        source, lines[faillock[0]] = "pam_faillock", faillock[1].line
        if "deny" not in faillock[1].args and "deny" in conf:
            lines[FAILLOCK] = f"deny = {conf['deny']}"
    elif tally is not None:
        deny, source = _int(tally[1].args.get("deny"), 0), tally[1].module
        lines[tally[0]] = tally[1].line
    else:
        return Finding(
            Status.FAIL,
            "Failed logins are not limited: no pam_faillock in the login stack.",
            {"modules": sorted({r.module for _, r in stack if r.type == "auth"})},
        )
    evidence = {"module": source, "deny": deny, **lines}
    if deny <= 0:
        return Finding(Status.FAIL, f"{source} is present but never locks an account (deny = {deny}).", evidence)
    if deny > 10:
        return Finding(Status.WARN, f"Accounts lock only after {deny} failed logins; 10 or fewer is usual.", evidence)
    return Finding(Status.PASS, f"Accounts lock after {count(deny, 'failed login')} ({source}).", evidence)


def empty_passwords(system: System) -> Finding:
    text = system.read_text(SHADOW, SHADOW_STATUS)  # unreadable without root: FileUnreadable -> UNKNOWN with the hint
    if text is None:
        raise ProbeUnavailable("/etc/shadow does not exist, so empty passwords cannot be checked.")
    empty = empty_password_accounts(text)
    if empty:
        return Finding(Status.FAIL, f"These accounts have no password at all: {', '.join(empty)}.", {"accounts": empty})
    return Finding(Status.PASS, "Every account has a password or is locked.", {"accounts": []})


def installed_managers(system: System) -> list[str]:
    return [name for name, paths in MANAGERS.items() if any(system.exists(p) for p in paths)]
