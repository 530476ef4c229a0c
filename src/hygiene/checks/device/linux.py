"""What the device checks find on Linux: the firewall (ufw, firewalld, else the nftables or
iptables ruleset), the desktop's screen lock (GNOME, KDE Plasma), automatic login (GDM,
LightDM, SDDM, systemd getty), ClamAV, and what the everyday account may do (id, sudo).

Kept of what is read: ufw.conf's ENABLED line; /etc/default/ufw's DEFAULT_INPUT_POLICY;
display manager files and getty drop-ins reduced to their autologin settings;
kscreenlockerrc to its lock settings; a `getent passwd` line without its comment field (a
full name); `sudo -l` without its Defaults and its commands' arguments. The other outputs
(firewall states and rulesets, gsettings values, `id`, ClamAV's version line) hold no secret
and are kept whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from hygiene.checks.base import first_line, quoted, unrecognised_evidence
from hygiene.checks.device import AutoLogin, Firewall, Privilege, Protection, ScreenLock
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.accounts import parse_loginuid, parse_passwd_entry, parse_sudo_list
from hygiene.parsers.autologin import (
    AutoLoginSetting,
    Files,
    gdm_autologin,
    getty_autologin,
    lightdm_autologin,
    sddm_autologin,
)
from hygiene.parsers.clamav import parse_clamav_version
from hygiene.parsers.firewall import (
    InputChain,
    parse_firewalld_state,
    parse_iptables_rules,
    parse_nft_json,
    parse_nft_ruleset,
    parse_ufw_status,
)
from hygiene.parsers.id import Identity, parse_id
from hygiene.parsers.keyfile import keyfile_bool, parse_keyfile
from hygiene.parsers.screen_lock import parse_gsettings_bool, parse_gsettings_uint, parse_kscreenlockerrc
from hygiene.system import FileUnreadable, ProbeUnavailable, System
from hygiene.system.base import CommandResult
from hygiene.system.kept import (
    AUTOLOGIN_SETTINGS,
    PASSWD_ACCOUNT,
    SCREEN_LOCKER_SETTINGS,
    SUDO_PRIVILEGES,
    UFW_ENABLED,
    UFW_INPUT_POLICY,
    WHOLE,
)

RUN_WITH_SUDO = "run hygiene with sudo to let it see"


def systemctl_is_active(unit: str) -> tuple[str, ...]:
    return ("systemctl", "is-active", unit)


def _says(result: CommandResult) -> str:
    """What a command said, for evidence: its first line of output, else of errors, else its exit."""
    return first_line(result.stdout) or first_line(result.stderr) or f"exit {result.returncode}"


# --- DEV-001: the firewall ------------------------------------------------------------------

UFW_STATUS = ("ufw", "status", "verbose")
UFW_CONF = "/etc/ufw/ufw.conf"
UFW_DEFAULTS = "/etc/default/ufw"  # readable by anyone: DEFAULT_INPUT_POLICY, set by `ufw default ... incoming`
FIREWALLD_STATE = ("firewall-cmd", "--state")
FIREWALLD_ZONE = ("firewall-cmd", "--get-default-zone")
NFT_JSON = ("nft", "-j", "list", "ruleset")
NFT_TEXT = ("nft", "list", "ruleset")  # nft built without JSON support
IPTABLES_INPUT = ("iptables", "-S", "INPUT")
NEEDS_ROOT = ("need to be root", "ermission denied", "Operation not permitted", "you must be root")


@dataclass(frozen=True)
class _Seen:
    """What one firewall tool said: on, off, or None: it could not tell, because it needs
    root or for the reason `why`."""

    part: str
    on: bool | None
    source: str
    evidence: str | list[str]  # the line(s) that decided, or what stood in for them
    why: str = ""
    needs_root: bool = False
    note: str = ""
    unrecognised: tuple[str, ...] = ()  # lines of its output hygiene does not know


def _needs_root(result: CommandResult) -> bool:
    return any(words in f"{result.stdout}\n{result.stderr}" for words in NEEDS_ROOT)


def _ufw(system: System) -> _Seen | None:
    result = system.run(UFW_STATUS)
    if not result.found:
        return None
    if _needs_root(result):
        return _ufw_configuration(system)
    if not result.ok:
        return _Seen("ufw", None, "ufw status verbose", _says(result), why=f"ufw failed: {_says(result)}")
    try:
        status = parse_ufw_status(result.stdout)
    except ParseError as exc:
        return _Seen("ufw", None, "ufw status verbose", _says(result), why=str(exc))
    lines = quoted(status.lines)
    open_door = status.incoming == "allow" or bool(status.open_rule)  # active, but lets every connection in
    if not status.active or open_door:  # said off: no line beside it makes that better
        return _Seen("ufw", False, "ufw status verbose", lines, unrecognised=status.unrecognised)
    if status.unrecognised:
        why = f"`ufw status verbose` printed a line hygiene does not know: {status.unrecognised[0]!r}"
        return _Seen("ufw", None, "ufw status verbose", lines, why=why, unrecognised=status.unrecognised)
    if status.incoming is None:  # cut short, or a ufw that did not print it
        why = "`ufw status verbose` printed no default for incoming traffic"
        return _Seen("ufw", None, "ufw status verbose", lines, why=why)
    return _Seen("ufw", True, "ufw status verbose", lines)


def _ufw_configuration(system: System) -> _Seen:
    """Without root ufw shows nothing; its configuration says whether it was turned on, and
    what it does with connections no rule allows, and systemd whether it loaded the rules at
    boot. That is the configuration, not the rules."""
    source = f"ufw's configuration: {UFW_CONF}, ufw.service"
    try:
        text = system.read_text(UFW_CONF, UFW_ENABLED) or ""
    except FileUnreadable as exc:
        return _Seen("ufw", None, source, str(exc), why=str(exc), needs_root=True)
    values = [s.value for s in parse_keyfile(text) if s.key.lower() == "enabled"]
    enabled = keyfile_bool(values[-1]) if values else None
    said = f"ENABLED={values[-1]}" if values else "no ENABLED line"
    if enabled is False:
        return _Seen("ufw", False, source, f"{said} in {UFW_CONF}: ufw is configured off")
    service = system.run(systemctl_is_active("ufw"))
    state = first_line(service.stdout) if service.found else ""
    evidence = f"{said} in {UFW_CONF}, ufw.service {state or 'unknown'}: the configuration, not the live rules"
    if enabled and state == "active":
        try:
            defaults = system.read_text(UFW_DEFAULTS, UFW_INPUT_POLICY) or ""
        except FileUnreadable as exc:
            return _Seen("ufw", None, source, evidence, why=str(exc), needs_root=True)
        policies = [st.value for st in parse_keyfile(defaults) if st.key.lower() == "default_input_policy"]
        if policies and policies[-1].strip("\"'").lower() == "accept":
            opened = f"DEFAULT_INPUT_POLICY={policies[-1]} in {UFW_DEFAULTS}: ufw lets every connection in"
            return _Seen("ufw", False, source, f"{said} in {UFW_CONF}, ufw.service active, {opened}")
        return _Seen("ufw", True, source, evidence)
    why = f"ufw is enabled in {UFW_CONF}, but ufw.service is {state or 'unknown'}" if enabled else ""
    return _Seen("ufw", None, source, evidence, why=why, needs_root=True)


def _firewalld(system: System) -> _Seen | None:
    """`running` (exit 0); `not running` on stderr with exit 252; `failed` (exit 251) when
    firewalld fell back to its failsafe rules after its configuration failed to load."""
    result = system.run(FIREWALLD_STATE)
    if not result.found:
        return None
    try:
        said = parse_firewalld_state(result.stdout, result.stderr)
    except ParseError:
        state = _says(result)
        return _Seen("firewalld", None, "firewall-cmd --state", state, why=f"firewall-cmd --state said {state!r}")
    if said.state == "not running":
        return _Seen("firewalld", False, "firewall-cmd --state", said.line, unrecognised=said.unrecognised)
    if not (result.ok and said.state == "running"):  # failed: failsafe rules (nft may show them, as root)
        return _Seen(
            "firewalld", None, "firewall-cmd --state", said.line, why=f"firewall-cmd --state said {said.line!r}"
        )
    if said.unrecognised:
        why = f"firewall-cmd --state printed a line hygiene does not know: {said.unrecognised[0]!r}"
        return _Seen("firewalld", None, "firewall-cmd --state", said.line, why=why, unrecognised=said.unrecognised)
    zone = system.run(FIREWALLD_ZONE)
    default = deciding_line(first_line(zone.stdout)) if zone.ok else ""
    if default == "trusted":  # the zone that accepts every connection
        return _Seen("firewalld", False, "firewall-cmd --get-default-zone", f"{said.line}, default zone trusted")
    return _Seen("firewalld", True, "firewall-cmd --state", f"{said.line}, default zone {default or 'unknown'}")


def _chains(part: str, source: str, chains: list[InputChain]) -> _Seen:
    dropping = [c for c in chains if c.drops]
    if not dropping:
        shown = "; ".join(c.evidence() for c in chains[:3]) or "no input chain"
        return _Seen(part, False, source, shown)
    ipv4_only = all(c.name.startswith(("ip ", "iptables")) for c in dropping)
    note = "Only IPv4 is filtered: no IPv6 input chain drops." if ipv4_only and part == "nftables" else ""
    return _Seen(part, True, source, dropping[0].evidence(), note=note)


def _ruleset(
    system: System, part: str, argv: tuple[str, ...], parse: Callable[[str], list[InputChain]]
) -> _Seen | None:
    result = system.run(argv)
    if not result.found:
        return None
    source = " ".join(argv)
    if _needs_root(result):
        return _Seen(part, None, source, _says(result), needs_root=True)
    if not result.ok:
        return _Seen(part, None, source, _says(result), why=f"`{source}` failed: {_says(result)}")
    try:
        return _chains(part, source, parse(result.stdout))
    except ParseError as exc:
        return _Seen(part, None, source, _says(result), why=str(exc))


def _nft(system: System) -> _Seen | None:
    result = system.run(NFT_JSON)
    if result.found and not result.ok and not _needs_root(result):  # built without JSON support
        return _ruleset(system, "nftables", NFT_TEXT, parse_nft_ruleset)
    return _ruleset(system, "nftables", NFT_JSON, parse_nft_json)


def _iptables(system: System) -> _Seen | None:
    return _ruleset(system, "iptables", IPTABLES_INPUT, parse_iptables_rules)


def _why(unsure: list[_Seen]) -> str:
    """The reasons, and once for all the tools that need root: what would let them tell."""
    reasons = list(dict.fromkeys(s.why for s in unsure if s.why))
    rooted = [s.part for s in unsure if s.needs_root]
    if rooted:
        one = len(rooted) == 1
        names = ", ".join(rooted[:-1]) + (" and " if rooted[:-1] else "") + rooted[-1]
        reasons.append(
            f"{names} need{'s' if one else ''} root to show {'its' if one else 'their'} rules; {RUN_WITH_SUDO}"
        )
    return "; ".join(reasons)


def firewall(system: System) -> Firewall:
    """ufw, then firewalld, then the ruleset itself (nftables, and iptables for legacy rules
    nft does not show): the first that is on decides. A tool that cannot tell without root
    makes the answer UNKNOWN unless another is on."""
    seen = []
    for probe in (_ufw, _firewalld, _nft, _iptables):
        found = probe(system)
        if found is None:
            continue
        if found.on:
            return Firewall({found.part: True}, found.source, {found.part: found.evidence}, found.note)
        seen.append(found)
    if not seen:
        return Firewall({}, "none of ufw, firewall-cmd, nft or iptables is installed")
    evidence: dict = {s.part: s.evidence for s in seen}
    if unrecognised := [line for s in seen for line in s.unrecognised]:
        evidence.update(unrecognised_evidence(unrecognised))
    unsure = [s for s in seen if s.on is None]
    if unsure:
        raise ProbeUnavailable(f"Could not tell whether the firewall is on: {_why(unsure)}.", **evidence)
    return Firewall({s.part: False for s in seen}, ", ".join(s.source for s in seen), evidence)


# --- DEV-002: the screen lock ---------------------------------------------------------------

GNOME_SHELL = "/usr/bin/gnome-shell"
PLASMA_SHELL = "/usr/bin/plasmashell"
OTHER_DESKTOPS = {
    "Cinnamon": "/usr/bin/cinnamon-session",
    "MATE": "/usr/bin/mate-session",
    "Xfce": "/usr/bin/xfce4-session",
    "LXQt": "/usr/bin/lxqt-session",
    "LXDE": "/usr/bin/lxsession",
    "Budgie": "/usr/bin/budgie-desktop",
    "Deepin": "/usr/bin/startdde",
    "COSMIC": "/usr/bin/cosmic-session",
    "Enlightenment": "/usr/bin/enlightenment_start",
    "Sway": "/usr/bin/sway",
    "Hyprland": "/usr/bin/Hyprland",
    "i3": "/usr/bin/i3",
}
DEFAULT_DISPLAY_MANAGER = "/etc/X11/default-display-manager"
DISPLAY_MANAGERS = (
    DEFAULT_DISPLAY_MANAGER,
    "/usr/sbin/gdm3",
    "/usr/sbin/gdm",
    "/usr/sbin/lightdm",
    "/usr/bin/sddm",
    "/usr/sbin/lxdm",
    "/usr/bin/slim",
    "/usr/bin/xdm",
)
GNOME_KEYS = (
    ("org.gnome.desktop.session", "idle-delay"),
    ("org.gnome.desktop.screensaver", "lock-enabled"),
    ("org.gnome.desktop.screensaver", "lock-delay"),
    ("org.gnome.desktop.lockdown", "disable-lock-screen"),
)
MEMORY_BACKEND = "'memory' gsettings backend"  # GLib found no dconf: it would print the defaults
KSCREENLOCKER_FILES = ("/etc/xdg/kscreenlockerrc", "{home}/.config/kscreenlockerrc")


def gsettings_get(schema: str, key: str) -> tuple[str, ...]:
    return ("gsettings", "get", schema, key)


def _desktop_user(system: System) -> None:
    """The settings belong to the user at the desktop: run as root (sudo), gsettings and ~
    are root's, and would answer for a desktop nobody uses."""
    if _me(system).uid == 0:
        raise ProbeUnavailable(
            "hygiene runs as root here, so it would read root's desktop settings, not the desktop "
            "user's: run `hygiene audit` as the user who works at this desktop, without sudo."
        )


def _gsetting(system: System, schema: str, key: str) -> CommandResult:
    result = system.run(gsettings_get(schema, key))
    if not result.found:
        raise ProbeUnavailable("GNOME is installed but gsettings is not, so its screen lock settings cannot be read.")
    if MEMORY_BACKEND in result.stderr.lower():
        raise ProbeUnavailable(
            "gsettings found no dconf here and prints only the defaults, not this user's screen lock settings.",
            gsettings=first_line(result.stderr),
        )
    return result


def _gnome(system: System) -> ScreenLock:
    """The session goes idle (and the screen blanks) after idle-delay seconds, 0 = never; the
    screen then locks if lock-enabled, lock-delay seconds later, unless the lockdown schema
    disables the lock screen altogether."""
    said = {}
    for schema, key in GNOME_KEYS:
        result = _gsetting(system, schema, key)
        if not result.ok and key != "disable-lock-screen":  # that schema is optional
            raise ProbeUnavailable(f"`gsettings get {schema} {key}` failed: {_says(result)}.")
        if result.ok:
            said[key] = result.stdout.strip()[:60]
    try:
        idle = parse_gsettings_uint(said["idle-delay"])
        locks = parse_gsettings_bool(said["lock-enabled"]) and not (
            "disable-lock-screen" in said and parse_gsettings_bool(said["disable-lock-screen"])
        )
        delay = parse_gsettings_uint(said["lock-delay"])
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not read gsettings' answer: {exc}.", **said) from exc
    return ScreenLock(idle, locks, "GNOME gsettings", delay if locks else 0, said)


def _kde(system: System) -> ScreenLock:
    texts = []
    for path in KSCREENLOCKER_FILES:
        text = system.read_text(path.format(home=system.facts.home), SCREEN_LOCKER_SETTINGS)
        texts.append(text or "")
    lock = parse_kscreenlockerrc(texts)
    grace = lock.grace_seconds if lock.asks_password else 0
    return ScreenLock(lock.idle_seconds, lock.asks_password, "KDE Plasma kscreenlockerrc", grace, lock.settings)


def _laxness(lock: ScreenLock) -> tuple[bool, int]:
    never = lock.idle_seconds == 0 or lock.asks_password is False
    return never, (lock.idle_seconds or 0) + lock.delay_seconds


def screen_lock(system: System) -> ScreenLock | None:
    """GNOME and KDE Plasma are read; with both installed, the laxer one counts, since either
    may be the one in use. Another desktop is UNKNOWN; a machine with neither a desktop nor a
    display manager has no screen to lock (None)."""
    desktops = {name: system.exists(path) for name, path in (("GNOME", GNOME_SHELL), ("KDE", PLASMA_SHELL))}
    others = [name for name, path in OTHER_DESKTOPS.items() if system.exists(path)]
    if not any(desktops.values()):
        if others:
            raise ProbeUnavailable(
                f"{', '.join(others)}: hygiene reads the screen lock settings of GNOME and KDE Plasma "
                "only; check this desktop's screen saver or locker settings by hand."
            )
        managers = [path for path in DISPLAY_MANAGERS if system.exists(path)]
        if managers:
            raise ProbeUnavailable(
                f"A display manager is installed ({managers[0]}), but no desktop hygiene knows; "
                "check the screen lock settings of the desktop in use by hand."
            )
        return None
    _desktop_user(system)
    locks = ([_gnome(system)] if desktops["GNOME"] else []) + ([_kde(system)] if desktops["KDE"] else [])
    lock = max(locks, key=_laxness)
    if others:
        lock = replace(lock, evidence={**lock.evidence, "also installed, not checked": ", ".join(others)})
    return lock


# --- DEV-003: automatic login ---------------------------------------------------------------

GDM_FILES = ("/etc/gdm3/custom.conf", "/etc/gdm3/daemon.conf", "/etc/gdm/custom.conf")
LIGHTDM_DIRS = (
    "/usr/share/lightdm/lightdm.conf.d",
    "/usr/local/share/lightdm/lightdm.conf.d",
    "/etc/xdg/lightdm/lightdm.conf.d",
    "/etc/lightdm/lightdm.conf.d",
)
LIGHTDM_FILE = "/etc/lightdm/lightdm.conf"
SDDM_DIRS = ("/usr/lib/sddm/sddm.conf.d", "/etc/sddm.conf.d")
SDDM_FILE = "/etc/sddm.conf"
GETTY_DROPINS = (
    "/etc/systemd/system/getty@*.service.d/*.conf",
    "/etc/systemd/system/serial-getty@*.service.d/*.conf",
)
DM_NAMES = {"gdm3": "GDM", "gdm": "GDM", "lightdm": "LightDM", "sddm": "SDDM"}


def _files(system: System, paths: list[str]) -> Files:
    """The files that exist, in the given order, reduced to their autologin settings."""
    found = []
    for path in paths:
        text = system.read_text(path, AUTOLOGIN_SETTINGS)
        if text is not None:
            found.append((path, text))
    return found


def _in_dirs(system: System, dirs: tuple[str, ...], pattern: str = "*.conf") -> list[str]:
    return [path for folder in dirs for path in system.glob(f"{folder}/{pattern}")]


READERS: dict[str, tuple[Callable[[System], list[str]], Callable[[Files], AutoLoginSetting]]] = {
    "GDM": (lambda system: list(GDM_FILES), gdm_autologin),
    "LightDM": (lambda system: [*_in_dirs(system, LIGHTDM_DIRS), LIGHTDM_FILE], lightdm_autologin),
    "SDDM": (lambda system: [*_in_dirs(system, SDDM_DIRS), SDDM_FILE], sddm_autologin),
    "console": (lambda system: [p for pattern in GETTY_DROPINS for p in system.glob(pattern)], getty_autologin),
}


def _display_managers(system: System) -> list[str]:
    """The display manager Debian and Ubuntu name as the default, else all three."""
    default = (system.read_text(DEFAULT_DISPLAY_MANAGER, WHOLE) or "").strip()
    if not default:
        return ["GDM", "LightDM", "SDDM"]
    name = DM_NAMES.get(default.rsplit("/", 1)[-1])
    if name is None:
        raise ProbeUnavailable(
            f"The display manager here is {default[:80]}; hygiene reads the automatic login settings "
            "of GDM, LightDM and SDDM only: check its configuration by hand.",
            **{DEFAULT_DISPLAY_MANAGER: default[:80]},
        )
    return [name]


def autologin(system: System) -> AutoLogin:
    read, turned_off = [], {}
    for name in [*_display_managers(system), "console"]:
        paths, decide = READERS[name]
        files = _files(system, paths(system))
        setting = decide(files)
        if setting.user is not None:
            return AutoLogin(setting.user, f"{name}: {setting.path}", evidence={setting.path: setting.line})
        read += [f"{name}: {path}" for path, _ in files]
        if setting.path:  # a setting that is there, and off
            turned_off[setting.path] = setting.line
    source = "; ".join(read) if read else "no display manager or getty autologin settings"
    return AutoLogin(None, source, evidence=turned_off)


# --- DEV-004: malware protection ------------------------------------------------------------

CLAMAV_PROGRAMS = ("/usr/bin/clamscan", "/usr/bin/freshclam")
CLAMAV_DAILY = ("/var/lib/clamav/daily.cld", "/var/lib/clamav/daily.cvd")
FRESHCLAM_SERVICE = "clamav-freshclam"
CLAMAV = "ClamAV (on-demand scanner)"  # installed is "on": it scans what it is given, not every file opened


def protection(system: System) -> Protection | None:
    """ClamAV when it is installed (its signatures ship daily, so the shared thresholds fit);
    None otherwise: Linux needs no antivirus by default. The date is the daily database's
    build time from the version line, else when freshclam last wrote that database."""
    program = next((path for path in CLAMAV_PROGRAMS if system.exists(path)), None)
    if program is None:
        return None
    result = system.run((program, "--version"))
    evidence = {"version": _says(result)}
    service = system.run(systemctl_is_active(FRESHCLAM_SERVICE))
    evidence[FRESHCLAM_SERVICE] = first_line(service.stdout) if service.found and service.stdout else "unknown"
    try:
        version = parse_clamav_version(result.stdout) if result.ok else None
    except ParseError:
        version = None
    if version is not None and version.built is not None:
        return Protection(CLAMAV, {}, version.built, evidence=evidence)
    written = next((when for path in CLAMAV_DAILY if (when := system.mtime(path)) is not None), None)
    if written is not None:
        return Protection(CLAMAV, {}, written, evidence={**evidence, "daily database written": written.isoformat()})
    no_database = version is not None and version.database is None
    return Protection(CLAMAV, {}, None, never_updated=no_database, evidence=evidence)


# --- DEV-005: the everyday account ----------------------------------------------------------

ID = ("id",)
LOGIN_UID = "/proc/self/loginuid"
SUDO_LIST = ("sudo", "-n", "-l")  # -n: never prompts; -l: lists, runs nothing
ADMIN_GROUPS = ("sudo", "wheel", "admin")
DOAS = "/usr/bin/doas"


def _identity(system: System, argv: tuple[str, ...]) -> Identity:
    result = system.run(argv)
    if not result.ok:
        raise ProbeUnavailable(f"`{' '.join(argv)}` did not answer: {_says(result)}.")
    try:
        return parse_id(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not read `{' '.join(argv)}`: {exc}.") from exc


def _me(system: System) -> Identity:
    return _identity(system, ID)


def _login_uid(system: System) -> int | None:
    text = system.read_text(LOGIN_UID, WHOLE)
    try:
        return parse_loginuid(text) if text else None
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not read {LOGIN_UID}: {exc}.") from exc


def _account(system: System, uid: int) -> str:
    result = system.run(("getent", "passwd", str(uid)), PASSWD_ACCOUNT)
    try:
        return parse_passwd_entry(result.stdout)
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not tell who user {uid}, who logged in, is: {exc}.") from exc


def privilege(system: System) -> Privilege:
    """The account running the audit; run as root through sudo or su, the account that logged
    in (the kernel keeps its login uid across both). Root that logged in itself is a root
    session; root with no login recorded (a container, a service) cannot be judged."""
    me = _me(system)
    if me.uid != 0:
        return _without_root(me)
    login = _login_uid(system)
    if login == 0:
        return Privilege("root", "root", "id, /proc/self/loginuid", "root logged in itself", {"loginuid": 0})
    if login is None:
        raise ProbeUnavailable(
            "hygiene runs as root and this system recorded no login for the session (a container, "
            "a service, or no pam_loginuid), so whose everyday account this is cannot be told: run "
            "hygiene as the account you work in.",
            id=me.user or str(me.uid),
        )
    name = _account(system, login)
    found = _sudo_rights(system, _identity(system, ("id", "--", name)), (*SUDO_LIST, "-U", name))
    return replace(found, evidence={"login uid": login, **found.evidence})


def _without_root(who: Identity) -> Privilege:
    """Without root, sudo's rules are unreadable (/etc/sudoers is root's alone) and sudo itself
    would have to be asked as this user: when it wants a password, it logs a failed
    authentication (and, with Debian's `mail_badpass` or `mail_no_user` and a mailer, mails
    root), a trace a read-only audit must not leave. So membership of sudo, wheel or admin is
    as far as it sees."""
    admin = [g for g in who.group_names if g in ADMIN_GROUPS]
    user = who.user or str(who.uid)
    evidence = {"admin groups": ", ".join(admin) or "none", "id": who.line}
    if admin:
        raise ProbeUnavailable(
            f"{user} is in the {admin[0]} group; whether sudo asks for the password is written in "
            "sudoers, which only root can read: run hygiene with sudo to see it.",
            **evidence,
        )
    return Privilege(user, "standard", "id", "not in sudo, wheel or admin", evidence)


def _sudo_rights(system: System, who: Identity, argv: tuple[str, ...]) -> Privilege:
    """What `sudo -n -l -U NAME` says, asked as root (so it authenticates no one and logs no
    failure), with membership of sudo, wheel or admin where it lists nothing. Never anything but
    `-l`: it lists, it runs nothing."""
    admin = [g for g in who.group_names if g in ADMIN_GROUPS]
    user = who.user or str(who.uid)
    source = " ".join(argv)
    evidence: dict = {"admin groups": ", ".join(admin) or "none"}
    result = system.run(argv, SUDO_PRIVILEGES)
    if not result.found:
        if system.exists(DOAS):
            raise ProbeUnavailable(
                f"sudo is not installed but doas is; hygiene does not read doas rules: check /etc/doas.conf "
                f"for a `permit nopass` rule that matches {user}.",
                **evidence,
            )
        return Privilege(user, "standard", "id", "neither sudo nor doas is installed", evidence)
    try:
        rights = parse_sudo_list(result.stdout, result.stderr)
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not read sudo's answer: {exc}.", **evidence) from exc
    evidence["sudo"] = rights.line
    if rights.answer == "listed" and rights.passwordless:
        return Privilege(user, "passwordless-sudo", source, f"{rights.because} in sudoers", evidence)
    if rights.answer == "listed" and rights.anything:
        return Privilege(user, "password-sudo", source, "in sudoers without NOPASSWD", evidence)
    if rights.answer == "listed":
        return Privilege(user, "standard", source, "sudo only for some commands", evidence)
    if rights.answer == "denied":
        return Privilege(user, "standard", source, "sudoers allows nothing", evidence)
    if admin:
        return Privilege(user, "password-sudo", source, f"member of {admin[0]}", evidence)
    return Privilege(user, "standard", source, "not in sudo, wheel or admin; sudo asks for a password", evidence)
