"""What of a file or a command's output a probe keeps (DESIGN.md principle 7).

A snapshot is sent to "whoever looks after your machines", so it must hold what the checks
concluded they need, never a password hash, a private key, a proxy password or a whole config
file that may carry one. Every `System.read_text` names a `Keep`, and the System applies it
where the text is read: the checks on this machine, the snapshot and its replay all see the
same reduced text, so a verdict cannot differ between them, and what a check never sees it
cannot leak (not even in an error message).

Each projection keeps the file's own format, so the parser reads it unchanged, and is
idempotent, so a replay may apply it again to a snapshot recorded by an older version that
kept the whole file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from hygiene.parsers import ParseError, load_json
from hygiene.parsers.accounts import sudo_entry_kept
from hygiene.parsers.apt_conf import judged_settings
from hygiene.parsers.cryptsetup import luks_header_kept


@dataclass(frozen=True)
class Keep:
    name: str  # recorded beside the text in snapshots
    project: Callable[[str], str]
    errors: Callable[[str], str] = lambda text: text  # what of a command's stderr is kept

    def __call__(self, text: str) -> str:
        return self.project(text)


def _shadow(text: str) -> str:
    """Per account only whether its password field is empty, locked or set: never the hash."""
    kept = []
    for line in text.splitlines():
        name, sep, rest = line.partition(":")
        if not sep or not name.strip():
            continue
        field = rest.split(":", 1)[0]
        if field == "":
            status = ""
        elif field[0] in "!*":
            status = field[0]  # locked: "!", "!!", "!$6$..." and "*" all start so
        else:
            status = "set"
        kept.append(f"{name}:{status}")
    return "\n".join(kept) + "\n" if kept else ""


_IDENTITY_FILE = re.compile(r"[ \t]*IdentityFile\b", re.I)


def _ssh_client(text: str) -> str:
    """Only the IdentityFile lines of ~/.ssh/config: where keys are, not hosts, users,
    proxy commands or anything else the file says."""
    return "".join(line + "\n" for line in text.splitlines() if _IDENTITY_FILE.match(line))


# The sshd settings MFA-001 judges, plus what structures a config file.
SSHD_KEYS = frozenset(
    {
        "passwordauthentication",
        "kbdinteractiveauthentication",
        "challengeresponseauthentication",
        "authenticationmethods",
        "permitrootlogin",
        "permitemptypasswords",
        "pubkeyauthentication",
        "usepam",
        "include",
        "match",
    }
)


def _sshd(text: str) -> str:
    """The lines of sshd_config (or `sshd -T`) that set a judged keyword, without comments."""
    kept = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        keyword = re.split(r"[\s=]", line, maxsplit=1)[0].lower()
        if keyword in SSHD_KEYS:
            kept.append(line)
    return "\n".join(kept) + "\n" if kept else ""


def _without_comments(text: str) -> str:
    """PAM stacks and policy files: the rules, without comments (which may say anything)."""
    joined = text.replace("\\\n", " ")
    kept = [line.rstrip() for line in (raw.split("#", 1)[0] for raw in joined.splitlines()) if line.strip()]
    return "\n".join(kept) + "\n" if kept else ""


_APT_KEPT = ("Start-Date:", "End-Date:")
_APT_ACTIONS = ("Install:", "Upgrade:")


def _apt_history(text: str) -> str:
    """When apt ran and whether it installed anything: no command lines (a proxy password may
    stand in one), no user names, no package lists."""
    kept = []
    for line in text.splitlines():
        if not line.strip():
            if kept and kept[-1] != "":
                kept.append("")
        elif line.startswith(_APT_KEPT):
            kept.append(line.rstrip())
        elif line.startswith(_APT_ACTIONS):
            kept.append(line.split(":", 1)[0] + ": …")
    return "\n".join(kept).strip("\n") + "\n" if kept else ""


def _ini_section_keys(section: str, keys: tuple[str, ...]) -> Callable[[str], str]:
    """An INI file (dnf-automatic, yum-cron) reduced to the keys the check reads in one section:
    not its [email] part, where a mail server and its login may stand."""

    def project(text: str) -> str:
        kept, inside = [], False
        for raw in text.splitlines():
            line = raw.strip()
            if line.startswith("["):
                inside = line.split("]", 1)[0][1:].strip().lower() == section
                if inside:
                    kept.append(f"[{section}]")
            elif inside and line.split("=", 1)[0].split(":", 1)[0].strip().lower() in keys:
                kept.append(line)
        return "\n".join(kept) + "\n" if kept else ""

    return project


def _config_keys(keys: tuple[str, ...]) -> Callable[[str], str]:
    """A key file (INI, GKeyFile, KConfig, systemd unit, shell-style `KEY=value`) reduced to its
    section headers and the named keys, matched without case and without a KConfig `[$i]`
    suffix: display manager and desktop files hold greeter themes, user lists and whatever an
    admin wrote in a comment; only the settings the device checks judge are kept."""

    def project(text: str) -> str:
        kept = []
        for raw in text.splitlines():
            line = raw.strip()
            if line.startswith("["):
                kept.append(line)
            elif "=" in line and line.split("=", 1)[0].split("[", 1)[0].strip().lower() in keys:
                kept.append(line)
        return "\n".join(kept) + "\n" if kept else ""

    return project


def _passwd_entry(text: str) -> str:
    """`getent passwd` lines without the comment field (a person's full name, office, phone)
    and without the password field: the account's name, ids, home folder and shell."""
    kept = []
    for line in text.splitlines():
        fields = line.split(":")
        if len(fields) == 7:
            fields[1] = fields[4] = ""
            kept.append(":".join(fields))
    return "\n".join(kept) + "\n" if kept else ""


def _sudo_privileges(text: str) -> str:
    """`sudo -l` without its Defaults paragraphs (mail addresses, paths and whatever else the
    sudoers Defaults say): what the user may run, or may not, and whether a Default turns
    authentication off for everything (`!authenticate`). Each entry (a wrapped one joined) is
    kept as its runas, tags and commands, never the commands' arguments, where a password may
    stand."""
    kept, paragraph, entries = [], "", []

    def flush() -> None:
        kept.extend(f"    {sudo_entry_kept(entry)}" for entry in entries)
        entries.clear()

    for line in text.splitlines():
        if line and not line[0].isspace():
            flush()
            paragraph = "user" if line.startswith(("User ", "Sorry,")) else line if line.startswith("Matching") else ""
            if paragraph == "user":
                kept.append(line.rstrip())
        elif paragraph == "user" and line.strip():
            if line.strip().startswith("(") or not entries:
                entries.append(line.strip())
            else:  # a long entry wrapped onto the next line
                entries[-1] += " " + line.strip()
        elif paragraph and "!authenticate" in (word.strip() for word in line.split(",")):
            kept += [paragraph.rstrip(), "    !authenticate"]
            paragraph = ""  # said once
    flush()
    return "\n".join(kept) + "\n" if kept else ""


def _timeshift(text: str) -> str:
    """Which device Timeshift backs up to, nothing of its include/exclude lists (paths, names)."""
    try:
        config = load_json(text, "timeshift.json")
    except ParseError:
        return "not JSON\n"  # still not JSON, so the check says so
    if not isinstance(config, dict):
        return "[]\n"
    kept = {k: config[k] for k in ("backup_device_uuid",) if isinstance(config.get(k), str)}
    return json.dumps(kept) + "\n"  # hygiene: not output (a snapshot's content)


def _rsnapshot(text: str) -> str:
    """Where rsnapshot keeps its copies (snapshot_root), nothing of its commands or sources."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines() if line.startswith("snapshot_root"))


def _fatal_lines(text: str) -> str:
    """restic's own `Fatal:` lines only: its stderr also carries whatever the user's
    RESTIC_PASSWORD_COMMAND printed there, which may be anything."""
    return "".join(line[:200] + "\n" for line in text.splitlines() if line.startswith("Fatal:"))


WHOLE = Keep("whole", lambda text: text)
"""For state files and outputs that hold no secret (/proc/mounts, os-release, apt lists)."""
SHADOW_STATUS = Keep("shadow-status", _shadow)
SSH_IDENTITY_FILES = Keep("ssh-identity-files", _ssh_client)
SSHD_SETTINGS = Keep("sshd-settings", _sshd)
RULES_ONLY = Keep("rules-only", _without_comments)
APT_HISTORY_DATES = Keep("apt-history-dates", _apt_history)
RSNAPSHOT_ROOT = Keep("rsnapshot-root", _rsnapshot)
APT_PERIODIC = Keep("apt-periodic", judged_settings)
INI_APPLY_UPDATES = Keep("ini-apply-updates", _ini_section_keys("commands", ("apply_updates",)))
TIMESHIFT_DEVICE = Keep("timeshift-device", _timeshift)
RESTIC_OUTPUT = Keep("restic-output", lambda text: text, errors=_fatal_lines)
UFW_ENABLED = Keep("ufw-enabled", _config_keys(("enabled",)))
UFW_INPUT_POLICY = Keep("ufw-input-policy", _config_keys(("default_input_policy",)))
"""/etc/default/ufw: what ufw does with incoming connections no rule allows, nothing else."""
AUTOLOGIN_SETTINGS = Keep(
    "autologin-settings",
    _config_keys(
        (
            "automaticloginenable",
            "automaticlogin",
            "timedloginenable",
            "timedlogin",
            "timedlogindelay",
            "autologin-user",
            "autologin-user-timeout",
            "autologin-guest",
            "user",
            "execstart",
        )
    ),
)
"""GDM, LightDM and SDDM files and getty drop-ins: who logs in by itself, nothing else."""
SCREEN_LOCKER_SETTINGS = Keep(
    "screen-locker-settings",
    _config_keys(("autolock", "timeout", "lock", "lockgrace", "requirepassword", "lockonresume")),
)
PASSWD_ACCOUNT = Keep("passwd-account", _passwd_entry)
SUDO_PRIVILEGES = Keep("sudo-privileges", _sudo_privileges)
LUKS_HEADER = Keep("luks-header", luks_header_kept)
