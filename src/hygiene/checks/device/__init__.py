"""Device category: the basics every machine in a small office must have (UK Cyber Essentials,
ASD Essential Eight): a firewall, a screen that locks, no automatic login, malware protection,
and an everyday account that is not an administrator.

Each platform module (linux, macos, windows) reports what it finds as the facts below, in its
own tools' words; the judgements here turn those facts into the same verdicts everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol

from hygiene.checks.base import check, for_platform
from hygiene.model import ALL_PLATFORMS, Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.system import ProbeUnavailable, System
from hygiene.words import age_in_days, count, whole_days

CYBER_ESSENTIALS = "UK Cyber Essentials"
LOCK_LIMIT_SECONDS = 15 * 60  # CIS Controls v8 4.3: lock after at most 15 minutes idle

Evidence = dict  # evidence as Finding carries it: short facts, never a secret

# --- DEV-001: the firewall ------------------------------------------------------------------

DEV_001 = CheckMeta(
    id="DEV-001",
    title="The firewall is on",
    category=Category.DEVICE,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "A firewall turns away connections nobody asked for: a file share, a remote desktop or a "
        "forgotten test server left open on café or hotel Wi-Fi is how worms and intruders get "
        "in. Every current system ships one; it only has to be on."
    ),
    remediation={
        Platform.LINUX: (
            "Turn on the firewall your distribution ships (below), allowing SSH first if you manage "
            "this machine over the network; check with `sudo ufw status verbose` or "
            "`sudo firewall-cmd --state`."
        ),
        Platform.MACOS: (
            "System Settings > Network > Firewall > On (older macOS: System Preferences > Security & "
            "Privacy > Firewall > Turn On Firewall). Under Options, turn on stealth mode too; or in "
            "Terminal: `sudo /usr/libexec/ApplicationFirewall/socketfilterfw --setglobalstate on`."
        ),
        Platform.WINDOWS: (
            "Windows Security > Firewall & network protection: turn Microsoft Defender Firewall on "
            "for the Domain, Private and Public networks; or as administrator in PowerShell: "
            "`Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled True`. If another "
            "security product manages the firewall, turn its firewall on instead."
        ),
    },
    family_remediation={
        "debian": "`sudo apt install ufw` (if it is not installed), `sudo ufw allow OpenSSH` if you log "
        "in over SSH (`sudo ufw allow 2222/tcp` if sshd listens on another port), then `sudo ufw enable`.",
        "rhel": "`sudo dnf install firewalld` if needed, then `sudo systemctl enable --now firewalld`; "
        "SSH on port 22 stays allowed (another port: `sudo firewall-cmd --permanent --add-port=2222/tcp` "
        "and `sudo firewall-cmd --reload`).",
        "suse": "`sudo zypper install firewalld` if needed, then `sudo systemctl enable --now firewalld`; "
        "SSH on port 22 stays allowed.",
        "arch": "`sudo pacman -S ufw`, `sudo ufw allow SSH` if you log in over SSH (its port if not 22), "
        "then `sudo ufw enable` and `sudo systemctl enable --now ufw`.",
        "alpine": "`apk add nftables`, keep its default /etc/nftables.nft (it drops unasked inbound "
        "traffic but allows SSH on port 22), then `rc-update add nftables` and `rc-service nftables start` "
        "as root.",
    },
    references=(
        "CIS Controls v8 4.4 (Implement and Manage a Firewall on Servers)",
        "CIS Controls v8 4.5 (Implement and Manage a Firewall on End-User Devices)",
        f"{CYBER_ESSENTIALS}: Firewalls",
    ),
    needs_admin=True,
)


@dataclass(frozen=True)
class Firewall:
    """Whether each part of the firewall is on: Windows' three profiles, or the one firewall
    a Linux or macOS machine runs. Empty `parts` means no firewall was found at all."""

    parts: dict[str, bool | None]
    source: str  # the tool that said so, e.g. "ufw status verbose"
    evidence: Evidence = field(default_factory=dict)
    note: str = ""  # a sentence added to a PASS, e.g. stealth mode off


def unrecognised_said(evidence: Evidence) -> str:
    """A sentence quoting the first line a tool printed that hygiene does not know (evidence
    key "unrecognised"), for a summary that cannot tell because of it; "" when there is none."""
    lines = evidence.get("unrecognised") or []
    return f" It printed a line hygiene does not know: {lines[0]!r}." if lines else ""


def judge_firewall(fw: Firewall) -> Finding:
    evidence = {"source": fw.source, **{f"{name} on": on for name, on in fw.parts.items()}, **fw.evidence}
    if not fw.parts:
        return Finding(Status.FAIL, f"No firewall is on ({fw.source}).", evidence)
    off = [name for name, on in fw.parts.items() if on is False]
    unsure = [name for name, on in fw.parts.items() if on is None]
    if off:
        on = [name for name, state in fw.parts.items() if state]
        still = f"; on: {', '.join(on)}" if on else ""
        return Finding(Status.FAIL, f"The firewall is off: {', '.join(off)}{still} ({fw.source}).", evidence)
    if unsure:
        said = unrecognised_said(evidence)
        raise ProbeUnavailable(f"Could not tell whether the firewall is on: {', '.join(unsure)}.{said}", **evidence)
    on = ", ".join(fw.parts)
    return Finding(Status.PASS, f"The firewall is on: {on} ({fw.source}).{' ' + fw.note if fw.note else ''}", evidence)


# --- DEV-002: the screen locks --------------------------------------------------------------

DEV_002 = CheckMeta(
    id="DEV-002",
    title="The screen locks within 15 minutes and needs the password",
    category=Category.DEVICE,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
    rationale=(
        "A computer left unlocked at a desk, in a meeting room or on a train is open to anyone "
        "who walks past: they can read mail, reset passwords or install something in a minute. "
        "Locking by itself after a short idle time covers the times you forget."
    ),
    remediation={
        Platform.LINUX: (
            "GNOME: Settings > Privacy > Screen Lock (Screen Blank after 5 to 15 minutes, Automatic "
            "Screen Lock on, delay 'Screen Turns Off'), or `gsettings set org.gnome.desktop.session "
            "idle-delay 600` and `gsettings set org.gnome.desktop.screensaver lock-enabled true`. "
            "KDE Plasma: open Screen Locking in the settings (`kcmshell6 kcm_screenlocker`; "
            "`kcmshell5` on Plasma 5): lock automatically after 10 minutes, and require the "
            "password. Lock by hand with Super+L when you step away."
        ),
        Platform.MACOS: (
            "System Settings > Lock Screen: 'Start Screen Saver when inactive' or 'Turn display off "
            "when inactive' at 10 minutes or less, and 'Require password after screen saver begins "
            "or display is turned off' set to Immediately (older macOS: Security & Privacy > General). "
            "Lock by hand with Control-Command-Q."
        ),
        Platform.WINDOWS: (
            "Settings > Personalization > Lock screen > Screen saver: pick one, Wait 10 minutes, "
            "tick 'On resume, display logon screen'; and Settings > Accounts > Sign-in options > "
            "'If you've been away, when should Windows require you to sign in again?' > When PC "
            "wakes up from sleep. Lock by hand with Windows+L. A business can set 'Interactive "
            "logon: Machine inactivity limit' (900 seconds or less) by Group Policy."
        ),
    },
    references=(
        "CIS Controls v8 4.3 (Configure Automatic Session Locking on Enterprise Assets)",
        f"{CYBER_ESSENTIALS}: Secure configuration",
    ),
)


@dataclass(frozen=True)
class ScreenLock:
    """When the screen locks by itself (seconds idle, 0 = never) and whether it then asks for
    the password; None where the platform's settings do not say."""

    idle_seconds: int | None
    asks_password: bool | None
    source: str
    delay_seconds: int = 0  # a grace period after blanking before the password is needed
    evidence: Evidence = field(default_factory=dict)


def _minutes(seconds: int) -> str:
    return count(round(seconds / 60), "minute") if seconds >= 60 else count(seconds, "second")


def judge_screen_lock(lock: ScreenLock | None) -> Finding:
    if lock is None:
        return Finding(Status.NOT_APPLICABLE, "No graphical desktop runs here, so there is no screen to lock.")
    evidence = {
        "source": lock.source,
        "idle_seconds": lock.idle_seconds,
        "asks_password": lock.asks_password,
        "delay_seconds": lock.delay_seconds,
        **lock.evidence,
    }
    if lock.idle_seconds == 0:
        return Finding(Status.FAIL, f"The screen never locks by itself ({lock.source}).", evidence)
    if lock.asks_password is False:
        return Finding(Status.FAIL, f"The screen opens again without the password ({lock.source}).", evidence)
    if lock.idle_seconds is None or lock.asks_password is None:
        raise ProbeUnavailable(
            f"Could not tell when the screen locks ({lock.source}).{unrecognised_said(evidence)}", **evidence
        )
    total = lock.idle_seconds + lock.delay_seconds
    after = _minutes(lock.idle_seconds)
    if lock.delay_seconds:
        after += f" plus {_minutes(lock.delay_seconds)} before the password is asked"
    if total > LOCK_LIMIT_SECONDS:
        return Finding(
            Status.WARN,
            f"The screen locks only after {after}; 15 minutes or less is advised ({lock.source}).",
            evidence,
        )
    return Finding(Status.PASS, f"The screen locks after {after} and asks for the password ({lock.source}).", evidence)


# --- DEV-003: no automatic login ------------------------------------------------------------

DEV_003 = CheckMeta(
    id="DEV-003",
    title="Nobody is logged in automatically",
    category=Category.DEVICE,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "With automatic login, turning the machine on is all it takes to reach your files, mail "
        "and saved passwords: disk encryption and a good password protect nothing against "
        "whoever picks up the laptop. On Windows the password may even sit in the registry in "
        "clear text."
    ),
    remediation={
        Platform.LINUX: (
            "GNOME: Settings > Users > Automatic Login > Off (or set `AutomaticLoginEnable` and "
            "`TimedLoginEnable` to false in /etc/gdm3/custom.conf, /etc/gdm3/daemon.conf or "
            "/etc/gdm/custom.conf). LightDM: delete the `autologin-user=` "
            "line in /etc/lightdm/lightdm.conf and lightdm.conf.d/. SDDM (KDE): empty `User=` under "
            "[Autologin] in /etc/sddm.conf or sddm.conf.d/, or in KDE's settings, Login Screen "
            "(SDDM) > Behavior > untick 'Automatically log in'."
        ),
        Platform.MACOS: (
            "System Settings > Users & Groups > 'Automatically log in as' > Off (older macOS: Login "
            "Options). FileVault turns automatic login off by itself."
        ),
        Platform.WINDOWS: (
            "Run `netplwiz` and tick 'Users must enter a user name and password to use this "
            "computer'. Then remove the stored password: as administrator, open `regedit`, go to "
            "`HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon`, delete the DefaultPassword "
            "value and set AutoAdminLogon to 0. Change that account's password afterwards, since it "
            "was readable."
        ),
    },
    references=(
        "CIS Microsoft Windows 11 Benchmark 18.4.1 (MSS: AutoAdminLogon disabled)",
        "CIS Apple macOS Benchmark 2.13.3 (Disable automatic login)",
        f"{CYBER_ESSENTIALS}: Secure configuration (device unlocking)",
    ),
)


@dataclass(frozen=True)
class AutoLogin:
    """Who the machine logs in by itself (None: nobody), and whether a password for it sits in
    a readable place (None: could not be asked). The password itself is never read: only that
    it is there."""

    user: str | None
    source: str
    stored_password: bool | None = False
    evidence: Evidence = field(default_factory=dict)


def judge_autologin(login: AutoLogin) -> Finding:
    stored = {True: "present", False: "absent", None: "could not be asked"}[login.stored_password]
    evidence = {"source": login.source, "user": login.user, "stored_password": stored, **login.evidence}
    if login.user is not None:
        also = "; a password for it is stored where it can be read back" if login.stored_password else ""
        return Finding(Status.FAIL, f"The machine logs in as {login.user} by itself{also} ({login.source}).", evidence)
    if login.stored_password:
        stored = "a password for it is still stored where it can be read back"
        return Finding(Status.FAIL, f"Automatic login is off, but {stored} ({login.source}).", evidence)
    if login.stored_password is None:
        unasked = "whether a password is still stored for it could not be asked"
        raise ProbeUnavailable(f"Automatic login is off, but {unasked} ({login.source}).", **evidence)
    return Finding(Status.PASS, f"Nobody is logged in automatically ({login.source}).", evidence)


# --- DEV-004: malware protection ------------------------------------------------------------

DEV_004 = CheckMeta(
    id="DEV-004",
    title="Malware protection is on and its signatures are current",
    category=Category.DEVICE,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    rationale=(
        "Most malware arrives as an attachment, a download or a USB stick and is already known "
        "to the protection the system ships. It only stops what it knows, so it must be on and "
        "its signatures updated daily; off, or weeks behind, it protects against nothing new."
    ),
    remediation={
        Platform.LINUX: (
            "Linux does not need an antivirus by default; keep updates on (UPD-003). A machine that "
            "stores files for Windows users may run ClamAV: the clamav-freshclam service keeps its "
            "signatures current (`sudo systemctl enable --now clamav-freshclam`; check its log with "
            "`journalctl -u clamav-freshclam` if they still age)."
        ),
        Platform.MACOS: (
            "Keep Gatekeeper on (`sudo spctl --global-enable`; it is on unless someone turned it "
            "off) and let macOS install its security data: System Settings > General > Software "
            "Update > Automatic Updates > 'Install Security Responses and system files' on."
        ),
        Platform.WINDOWS: (
            "Windows Security > Virus & threat protection > Manage settings: turn on Real-time "
            "protection and Tamper Protection; then Protection updates > Check for updates. In "
            "PowerShell as administrator: `Update-MpSignature`. If another antivirus is installed, "
            "open it and update it; Windows Security lists it under Security providers."
        ),
    },
    references=(
        "CIS Controls v8 10.1 (Deploy and Maintain Anti-Malware Software)",
        "CIS Controls v8 10.2 (Configure Automatic Anti-Malware Signature Updates)",
        f"{CYBER_ESSENTIALS}: Malware protection",
    ),
)

FRESH_DAYS = 7  # Defender counts signatures older than a week as out of date
STALE_DAYS = 30
CLOCK_SLACK = timedelta(days=1)  # a date ahead of the clock by more says the clock or the date is wrong


@dataclass(frozen=True)
class Protection:
    """One anti-malware product: its switches (every one must be on), when its signatures were
    last updated (None with `never_updated` False: could not tell), else `current`, the
    product's own word that they are up to date (Windows Security Center gives no date), and
    hardening whose absence makes a PASS a WARN (tamper protection)."""

    product: str
    switches: dict[str, bool | None]
    updated: datetime | None
    never_updated: bool = False
    current: bool | None = None
    hardening: dict[str, bool | None] = field(default_factory=dict)
    fresh_days: int = FRESH_DAYS  # how often the vendor ships signatures, with slack
    stale_days: int = STALE_DAYS
    evidence: Evidence = field(default_factory=dict)


NO_LINUX_ANTIVIRUS = (
    "No antivirus is installed; Linux does not need one by default (ClamAV is worth it on a "
    "machine that stores files for Windows users)."
)


def judge_protection(p: Protection | None, now: datetime) -> Finding:
    if p is None:
        return Finding(Status.NOT_APPLICABLE, NO_LINUX_ANTIVIRUS)
    evidence: Evidence = {
        "product": p.product,
        **{name: on for name, on in (p.switches | p.hardening).items()},
        "signatures_updated": "never" if p.never_updated else p.updated.isoformat() if p.updated else None,
        **p.evidence,
    }
    off = [(Status.FAIL, f"{name} off") for name, on in p.switches.items() if on is False]
    problems: list[tuple[Status, str]] = list(off)
    # A switch that could not be read (an output cut short) leaves the verdict open, unless
    # what was read already fails: old signatures decide whatever real-time protection says.
    unsure = [name for name, on in p.switches.items() if on is None]
    age = ""
    if p.never_updated:
        problems.append((Status.FAIL, "its signatures have never been updated"))
    elif p.updated is not None and p.updated - now > CLOCK_SLACK:
        if not problems and not unsure:
            ahead = f"its signatures are dated {p.updated.isoformat()}, after the audit's clock"
            raise ProbeUnavailable(f"{p.product} is on, but {ahead}: the clock or that date is wrong.", **evidence)
    elif p.updated is not None:
        days = whole_days(now - p.updated)
        evidence["signature_age_days"] = days
        age = f"its signatures are {age_in_days(now - p.updated)} old"
        if days > p.fresh_days:
            problems.append((Status.FAIL if days > p.stale_days else Status.WARN, age))
    elif p.current is not None:
        age = f"says its signatures are {'up to date' if p.current else 'out of date'}"
        if not p.current:
            problems.append((Status.WARN, age))
    elif not problems and not unsure:
        unread = "when its signatures were updated could not be read"
        raise ProbeUnavailable(f"{p.product} is on, but {unread}.", **evidence)
    are = "are" if len(unsure) > 1 else "is"
    not_told = f"could not tell whether {' and '.join(unsure)} {are} on" if unsure else ""
    if unsure and not any(s is Status.FAIL for s, _ in problems):
        known = "".join(f"; {text}" for _, text in problems)
        raise ProbeUnavailable(f"{p.product}: {not_told}{known}.{unrecognised_said(evidence)}", **evidence)
    if not_told:  # named beside the failures, so the user knows what else to look at
        problems.append((Status.FAIL, not_told))
    weak = [(Status.WARN, f"{name} off") for name, on in p.hardening.items() if on is False]
    if not problems and not weak:
        return Finding(Status.PASS, f"{p.product} is on and {age}.", evidence)
    status = Status.FAIL if any(s is Status.FAIL for s, _ in problems) else Status.WARN
    told = "; ".join(text for _, text in problems + weak)
    if off:  # every problem listed, so one fix session covers them all
        return Finding(status, f"{p.product}: {told}.", evidence)
    if problems:
        return Finding(status, f"{p.product} is on, but {told}.", evidence)
    return Finding(status, f"{p.product} is on and {age}, but {told}.", evidence)


# --- DEV-005: the everyday account is not an administrator ---------------------------------

DEV_005 = CheckMeta(
    id="DEV-005",
    title="The everyday account is not an administrator",
    category=Category.DEVICE,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
    rationale=(
        "Whatever you run, a malicious attachment or a fake installer included, can do what your "
        "account can. On a standard account it cannot install drivers, turn off protection or "
        "change other users' files without an administrator's password. On an administrator "
        "account, a click on 'Yes' (Windows) or typing your own password into a prompt that any "
        "installer can show (macOS) is enough; Linux's sudo at least asks for the password each "
        "time, unless NOPASSWD turns that off."
    ),
    remediation={
        Platform.LINUX: (
            "Work as your own user, not root: log out of root sessions and use `sudo` for single "
            "commands. Remove NOPASSWD from sudoers (`sudo visudo`, and files in /etc/sudoers.d/) so "
            "sudo asks for your password."
        ),
        Platform.MACOS: (
            "Create a separate administrator account (System Settings > Users & Groups > Add User, "
            "type Administrator), log in to it once, then untick 'Allow this user to administer "
            "this computer' on your everyday account. macOS asks for the administrator's name and "
            "password when it needs them."
        ),
        Platform.WINDOWS: (
            "Create a separate administrator account (Settings > Accounts > Other users > Add "
            "account, then Change account type > Administrator), then make your everyday account "
            "a Standard User the same way. Windows asks for the administrator's password when "
            "needed. In a domain or Microsoft Entra ID, ask whoever manages it to take your "
            "account out of the local Administrators group."
        ),
    },
    references=(
        "CIS Controls v8 5.4 (Restrict Administrator Privileges to Dedicated Administrator Accounts)",
        "ASD Essential Eight: Restrict administrative privileges",
        f"{CYBER_ESSENTIALS}: User access control",
    ),
)

Level = Literal["root", "admin", "passwordless-sudo", "password-sudo", "standard"]


@dataclass(frozen=True)
class Privilege:
    """How much the account running the audit can change without proving it is its owner:
    root itself, an administrator (a click is enough), sudo without a password, sudo that
    asks for it, or a standard account. None: could not tell."""

    user: str
    level: Level | None
    source: str
    via: str = ""  # what makes it so: "the admin group", "BUILTIN\\Administrators", "NOPASSWD in sudoers"
    evidence: Evidence = field(default_factory=dict)


def judge_privilege(p: Privilege) -> Finding:
    evidence = {"source": p.source, "user": p.user, "level": p.level, "via": p.via, **p.evidence}
    via = f" ({p.via})" if p.via else ""
    if p.level == "root":
        return Finding(
            Status.FAIL, f"This session runs as {p.user}: every program in it can change anything.", evidence
        )
    if p.level == "admin":
        return Finding(Status.FAIL, f"{p.user} is an administrator{via}.", evidence)
    if p.level == "passwordless-sudo":
        return Finding(Status.WARN, f"{p.user} may run anything as root without a password{via}.", evidence)
    if p.level == "password-sudo":
        return Finding(Status.PASS, f"{p.user} may use sudo, which asks for the password{via}.", evidence)
    if p.level == "standard":
        return Finding(Status.PASS, f"{p.user} is a standard account{via}.", evidence)
    raise ProbeUnavailable(f"Could not tell whether {p.user} is an administrator ({p.source}).", **evidence)


# --- the checks -----------------------------------------------------------------------------


class Probes(Protocol):
    """What each platform module finds, as the facts above."""

    def firewall(self, system: System) -> Firewall: ...
    def screen_lock(self, system: System) -> ScreenLock | None: ...  # None: no graphical desktop
    def autologin(self, system: System) -> AutoLogin: ...
    def protection(self, system: System) -> Protection | None: ...  # None: none needed (Linux)
    def privilege(self, system: System) -> Privilege: ...


def _probes(system: System) -> Probes:
    return for_platform(system, __name__, Probes)


@check(DEV_001)
def firewall_on(system: System) -> Finding:
    return judge_firewall(_probes(system).firewall(system))


@check(DEV_002)
def screen_locks(system: System) -> Finding:
    return judge_screen_lock(_probes(system).screen_lock(system))


@check(DEV_003)
def no_autologin(system: System) -> Finding:
    return judge_autologin(_probes(system).autologin(system))


@check(DEV_004)
def malware_protection(system: System) -> Finding:
    return judge_protection(_probes(system).protection(system), system.now())


@check(DEV_005)
def everyday_account_not_admin(system: System) -> Finding:
    return judge_privilege(_probes(system).privilege(system))
