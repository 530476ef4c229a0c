"""The machine each real capture in ../shared/real-outputs is seen on, for the pinned verdicts in
tests/test_real_outputs_pinned.py: the capture is the answer of the command (or the text of the
file) a check asks for, and everything else is a plain default of that platform, so that what
the capture says is what decides. The machine answers only what it is given: any other question
stops the test (Unasked) rather than turn into an UNKNOWN that would pin nothing.

Where the capture names the machine (a distribution, an exit status, a stream), the machine
follows it; where our probe asks in another form than the capture shows (PowerShell's JSON
against a captured Format-List or Format-Table view), the view is read back into that form
here, field by field, and a test holds the reading to the capture."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

from hygiene.checks.backups import TOOL_DIRS, TOOLS
from hygiene.checks.backups import linux as backups_linux
from hygiene.checks.backups import macos as backups_macos
from hygiene.checks.backups.declared import restic_snapshots
from hygiene.checks.device import linux as device_linux
from hygiene.checks.device import macos as device_macos
from hygiene.checks.device import windows as device_windows
from hygiene.checks.encryption.linux import LSBLK_JSON, LSBLK_TEXT, LUKS_DUMP
from hygiene.checks.encryption.macos import FDESETUP
from hygiene.checks.encryption.windows import BITLOCKER_JSON, FIXED_VOLUMES_JSON, FSUTIL_PAGING, MANAGE_BDE
from hygiene.checks.mfa.linux import SSHD
from hygiene.checks.updates import linux as updates_linux
from hygiene.checks.updates import macos as updates_macos
from hygiene.checks.updates import windows as updates_windows
from hygiene.parsers.os_release import parse_os_release
from hygiene.platforms.linux import PACKAGE_MANAGERS
from hygiene.platforms.macos import DISKUTIL_APFS
from hygiene.platforms.windows import POWERSHELL
from hygiene.profile import DeclaredBackup, Profile
from hygiene.system.base import NotRecorded
from hygiene.system.kept import WHOLE
from hygiene.system.recorded import RecordedSystem
from tests.checks.test_device_windows import as_our_json  # the one reading of Get-MpComputerStatus's view
from tests.helpers import snapshot_doc

# The audit clock of every pinned machine. Captures carry dates (signatures from 2013, a Time
# Machine backup from 2011, hotfixes from 2016 to 2025, releases' end of support), so age and
# support verdicts hold for this day; moving it is a reviewed change of the table.
CLOCK = "2026-12-01T09:00:00+00:00"


class Unasked(BaseException):
    """The pinned machine was asked something it was not given: give it a plain answer here.
    Not an Exception, so that no check catches it and goes on (the engine makes those ERROR)."""


class StrictSystem(RecordedSystem):
    """A recorded machine that stops the test on any question it has no answer for."""

    def _strict(self, ask: Callable[..., Any], *args: Any) -> Any:
        try:
            return ask(*args)
        except NotRecorded as exc:
            raise Unasked(f"the pinned machine has no answer: {exc}") from None

    def run(self, argv, keep=WHOLE):
        return self._strict(super().run, argv, keep)

    def read_text(self, path, keep):
        return self._strict(super().read_text, path, keep)

    def registry_values(self, key, names):
        return self._strict(super().registry_values, key, names)

    def exists(self, path):
        return self._strict(super().exists, path)

    def glob(self, pattern):
        return self._strict(super().glob, pattern)

    def mtime(self, path):
        return self._strict(super().mtime, path)

    def ssh_key(self, path):
        return self._strict(super().ssh_key, path)

    def backup(self, path):
        return self._strict(super().backup, path)


def strict(profile: Profile | None = None, **kwargs: Any) -> StrictSystem:
    doc = snapshot_doc(clock=CLOCK, **kwargs)
    return StrictSystem(doc, profile) if profile is not None else StrictSystem(doc)


# --- Linux ----------------------------------------------------------------------------------------

OS_RELEASE = {
    "debian": 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    "ubuntu": 'ID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.5 LTS"\n',
    "centos": 'ID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n',
    "rhel": 'ID="rhel"\nID_LIKE="fedora"\nVERSION_ID="7.9"\nPRETTY_NAME="Red Hat Enterprise Linux Server 7.9 (Maipo)"\n',
    "almalinux": 'ID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.10"\nPRETTY_NAME="AlmaLinux 8.10"\n',
    "ol": 'ID="ol"\nID_LIKE="fedora"\nVERSION_ID="8.10"\nPRETTY_NAME="Oracle Linux Server 8.10"\n',
    "fedora": 'ID=fedora\nVERSION_ID=41\nPRETTY_NAME="Fedora Linux 41 (Workstation Edition)"\n',
    "sles": 'ID="sles"\nID_LIKE="suse"\nVERSION_ID="12.5"\nPRETTY_NAME="SUSE Linux Enterprise Server 12 SP5"\n',
    "opensuse": 'ID=opensuse\nID_LIKE="suse"\nVERSION_ID="42.2"\nPRETTY_NAME="openSUSE Leap 42.2"\n',
    "arch": 'NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\nPRETTY_NAME="Arch Linux"\n',
}


def linux(distro: str = "debian", manager: str = "apt", **kwargs: Any) -> StrictSystem:
    """A Linux machine of this distribution with this package manager (the first one detection
    finds), its /etc/os-release, and these other answers."""
    found = {}
    for name, path in PACKAGE_MANAGERS:  # only the ones detection asks about
        found[path] = name == manager
        if name == manager:
            break
    release = OS_RELEASE[distro]
    info = parse_os_release(release)
    files = {"/etc/os-release": release, **kwargs.pop("files", {})}
    exists = {**found, **kwargs.pop("exists", {})}
    return strict(
        os_name=info.pretty_name, os_version=info.version_id, family=info.family, files=files, exists=exists, **kwargs
    )


SECURITY_LISTS = {updates_linux.APT_SECURITY_LISTS: ["/var/lib/apt/lists/deb.example_dists_stable-security_InRelease"]}
DNF_NOTHING = (0, "", "")  # `dnf -C check-update` / `updateinfo`: nothing to list
AUTO = "/etc/apt/apt.conf.d/20auto-upgrades"


def apt_auto(text: str, n: int) -> StrictSystem:
    """The file is 20auto-upgrades, the only apt.conf.d part; unattended-upgrades is installed."""
    return linux(
        exists={updates_linux.UNATTENDED_UPGRADE: True},
        globs={"/etc/apt/apt.conf.d/*": [AUTO]},
        files={AUTO: text, "/etc/apt/apt.conf": None},
    )


def apt_simulate(text: str, n: int) -> StrictSystem:
    """apt older than 1.0 has no `apt` command: UPD-001 reads the simulation; security lists cached."""
    return linux(
        commands={updates_linux.APT_LIST: "missing", updates_linux.APT_SIMULATE: (0, text, "")}, globs=SECURITY_LISTS
    )


def apt_list(text: str, n: int) -> StrictSystem:
    return linux("ubuntu", commands={updates_linux.APT_LIST: (0, text, "")}, globs=SECURITY_LISTS)


def pacman(text: str, n: int) -> StrictSystem:
    return linux("arch", "pacman", commands={updates_linux.PACMAN_PENDING: (0, text, "")})


def _dnf(distro: str, manager: str, *, info: tuple = DNF_NOTHING, check: tuple = DNF_NOTHING) -> StrictSystem:
    commands = {(manager, *updates_linux.DNF_UPDATEINFO): info, (manager, *updates_linux.DNF_CHECK_UPDATE): check}
    return linux(distro, manager, commands=commands)


# The distribution each capture comes from, as its header or its package versions say.
CHECK_UPDATE_DISTRO = {
    "dnf-check-update/1": ("centos", "dnf"),  # el7_9 and el7.centos packages
    "yum-check-update/1": ("centos", "yum"),  # centos-release 7-9.2009
    "yum-check-update/3": ("ol", "dnf"),  # ol8_baseos_latest; on OL 8 `yum` is dnf
    "dnf-updateinfo-list-security/1": ("rhel", "yum"),  # RHEL 7 `yum updateinfo`
    "dnf-updateinfo-list-security/3": ("fedora", "dnf"),  # FEDORA- advisories
}


def check_update(tool: str) -> Callable[[str, int], StrictSystem]:
    def build(text: str, n: int) -> StrictSystem:
        distro, manager = CHECK_UPDATE_DISTRO[f"{tool}/{n}"]
        return _dnf(distro, manager, check=(100, text, ""))  # 100: updates are available

    return build


def updateinfo(text: str, n: int) -> StrictSystem:
    distro, manager = CHECK_UPDATE_DISTRO[f"dnf-updateinfo-list-security/{n}"]
    return _dnf(distro, manager, info=(0, text, ""))


def zypper(text: str, n: int) -> StrictSystem:
    """openSUSE Leap 42.2 (nothing needed, exit 0) and SLES 12 SP5 (security patches needed, 101)."""
    distro, code = {1: ("opensuse", 0), 3: ("sles", 101)}[n]
    return linux(distro, "zypper", commands={updates_linux.ZYPPER_PATCHES: (code, text, "")})


def needs_restarting(text: str, n: int) -> StrictSystem:
    """Exit 1 says a reboot is needed. AlmaLinux 8's yum-utils; dnf5 has it built into dnf."""
    quiet = {  # nothing pending, so no "Security: kernel" note either
        ("dnf", *updates_linux.DNF_CHECK_UPDATE): DNF_NOTHING,
        ("dnf", *updates_linux.DNF_UPDATEINFO): DNF_NOTHING,
    }
    if n == 1:
        return linux("almalinux", "dnf", commands={("needs-restarting", "-r"): (1, text, ""), **quiet})
    return linux(
        "fedora",
        "dnf",
        commands={("needs-restarting", "-r"): "missing", ("dnf", "needs-restarting", "-r"): (1, text, ""), **quiet},
    )


def os_release(text: str, n: int) -> StrictSystem:
    return strict(files={"/etc/os-release": text}, family=parse_os_release(text).family)


# Run as an everyday user (the common case): nft and iptables need root to show rules.
NFT_NOT_ROOT = (1, "", "Operation not permitted (you must be root)\n")
IPTABLES_NOT_ROOT = (4, "", "iptables v1.8.9 (nf_tables): Permission denied (you must be root)\n")


def firewalld(text: str, n: int) -> StrictSystem:
    """`running` on stdout (exit 0); `failed` on stderr with exit 251, as the capture's header says."""
    state = (0, text, "") if n == 1 else (251, "", text)
    return linux(
        "fedora",
        "dnf",
        commands={
            device_linux.UFW_STATUS: "missing",
            device_linux.FIREWALLD_STATE: state,
            device_linux.FIREWALLD_ZONE: (0, "public\n", ""),
            device_linux.NFT_JSON: NFT_NOT_ROOT,
            device_linux.IPTABLES_INPUT: IPTABLES_NOT_ROOT,
        },
    )


def ufw(text: str, n: int) -> StrictSystem:
    return linux("ubuntu", commands={device_linux.UFW_STATUS: (0, text, "")})


def sshd_t(text: str, n: int) -> StrictSystem:
    return linux(exists={SSHD: True}, commands={(SSHD, "-T"): (0, text, "")})


def timedatectl(form: str) -> Callable[[str, int], StrictSystem]:
    """`show`, or `status` on systemd older than 239, which has no `show`."""

    def build(text: str, n: int) -> StrictSystem:
        if form == "show":
            return linux(commands={("timedatectl", "show"): (0, text, "")})
        old = (1, "", "Unknown operation show.\n")
        return linux(commands={("timedatectl", "show"): old, ("timedatectl", "status"): (0, text, "")})

    return build


# The mounts, swap areas and sysfs facts of each lsblk capture's machine, as the capture shows
# them: / where the capture mounts it (lsblk/3 shows no mount points: the LVM root beneath the
# LUKS container; lsblk/7 is a headerless excerpt: / on a device the excerpt lists, so that only
# the capture can answer), and sysfs for devices the capture gives no TYPE for.
HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
LSBLK_MACHINES: dict[str, dict[str, Any]] = {
    "lsblk-json/1": {
        "mounts": "/dev/sda3 / xfs rw 0 0\n/dev/sda2 /boot/efi vfat rw 0 0\n",
        "sysfs": {"sda3": "plain", "sda": "plain"},
    },
    "lsblk/1": {
        "mounts": (
            "/dev/vda1 / ext4 rw 0 0\n/dev/vdb1 /srv/dev-disk-by-label-test ext4 rw 0 0\n"
            "/dev/mapper/vdc-crypt /srv/dev-disk-by-label-crypttest ext4 rw 0 0\n"
            "/dev/mapper/vdd-crypt /srv/dev-disk-by-label-vdd ext4 rw 0 0\n"
        ),
        "swaps": HEADER + "/dev/vda5                               partition\t1046524\t\t0\t\t-2\n",
        "fixed": ("vdb1", "vdb", "vdc-crypt", "vdd-crypt"),
    },
    "lsblk/3": {"mounts": "/dev/mapper/thinkpad--vg-root / ext4 rw 0 0\n", "luks": ("sda3",)},
    "lsblk/5": {
        "mounts": (
            "/dev/mapper/vgxubuntu-root / ext4 rw 0 0\n/dev/sda5 /boot ext4 rw 0 0\n/dev/sda1 /boot/efi vfat rw 0 0\n"
        ),
        "swaps": HEADER + "/dev/dm-2                               partition\t1003516\t\t0\t\t-2\n",
        "luks": ("sda6",),
    },
    "lsblk/7": {"mounts": "/dev/mapper/encrypted_cp1 / ext4 rw 0 0\n", "sysfs": {"encrypted_cp1": "absent"}},
}
# cryptsetup luksDump of a LUKS container, as an everyday user: the device cannot be opened.
LUKS_DUMP_NOT_ROOT = (4, "", "Device {} does not exist or access denied.\n")
OLD_LSBLK = (1, "", "lsblk: invalid option -- 'J'\nTry 'lsblk --help' for more information.\n")


# Captures archived in a form the tool never printed, put back as it printed them: lsblk/5 has
# its tree glyphs as HTML entities (&#9500;&#9472;); get-hotfix/1 comes from a test fixture whose
# author doubled a backslash (`\\\\v...`), a character wider than PowerShell cuts a value to.
AS_PRINTED: dict[str, Callable[[str], str]] = {
    "linux/lsblk/5.txt": html.unescape,
    "windows/get-hotfix/1.txt": lambda text: text.replace("\\\\", "\\"),
}


def lsblk(form: str) -> Callable[[str, int], StrictSystem]:
    """`lsblk -J`, or the text of util-linux older than 2.27."""

    def build(text: str, n: int) -> StrictSystem:
        spec = LSBLK_MACHINES[f"{form}/{n}"]
        if form == "lsblk-json":
            commands = {LSBLK_JSON: (0, text, "")}
        else:
            commands = {LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, text, "")}
        for name in spec.get("luks", ()):
            code, out, err = LUKS_DUMP_NOT_ROOT
            commands[(*LUKS_DUMP, f"/dev/{name}")] = (code, out, err.format(f"/dev/{name}"))
        files = {"/proc/self/mounts": spec["mounts"], "/proc/swaps": spec.get("swaps", HEADER)}
        files |= {f"/sys/class/block/{d}/removable": "0\n" for d in spec.get("fixed", ())}
        exists, globs = {}, {"/sys/class/block/dm-*/dm/name": []}
        for name, kind in spec.get("sysfs", {}).items():  # a plain disk or partition, or nothing there
            files[f"/sys/class/block/{name}/dm/uuid"] = None
            globs[f"/sys/class/block/{name}/slaves/*"] = []
            exists[f"/sys/class/block/{name}"] = kind == "plain"
        return linux(commands=commands, files=files, exists=exists, globs=globs)

    return build


LINUX_NOTHING = {
    backups_linux.TIMESHIFT_CONFIG: False,
    backups_linux.RSNAPSHOT_CONFIG: False,
    **{f"{d}/{t}": False for t in TOOLS for d in TOOL_DIRS},
}
RESTIC_REPO = "/srv/backup/restic"
RESTIC_FACTS = {"kind": "restic repository", "encrypted": True, "certainty": "format", "weak": False,
                "detail": "restic always encrypts", "newest": "2026-11-30T22:00:00+00:00", "size": 10, "files": 3}  # fmt: skip


def restic(text: str, n: int) -> StrictSystem:
    """A restic repository the profile declares, whose files changed yesterday; restic lists its
    snapshots (the capture)."""
    return linux(
        exists=LINUX_NOTHING,
        backups={RESTIC_REPO: RESTIC_FACTS},
        commands={restic_snapshots(RESTIC_REPO): (0, text, "")},
        profile=Profile(backups=(DeclaredBackup("nas-restic", RESTIC_REPO, None, False, 3),)),
    )


# --- macOS ----------------------------------------------------------------------------------------

# A Mac where nothing was ever set in com.apple.SoftwareUpdate: every default applies.
NO_PREFS = (1, "", "Domain /Library/Preferences/com.apple.SoftwareUpdate does not exist\n")
MAC_NO_TOOLS = {f"{d}/{t}": False for t in TOOLS for d in TOOL_DIRS}


def mac(**kwargs: Any) -> StrictSystem:
    return strict(platform="macos", os_name="macOS", os_version="15.7.4", **kwargs)


def mac_command(argv: tuple[str, ...], extra: dict | None = None) -> Callable[[str, int], StrictSystem]:
    def build(text: str, n: int) -> StrictSystem:
        return mac(commands={argv: (0, text, ""), **(extra or {})})

    return build


def time_machine(which: str) -> Callable[[str, int], StrictSystem]:
    """destinationinfo with yesterday's backup; latestbackup with a local disk named as its path is."""

    def build(text: str, n: int) -> StrictSystem:
        if which == "destinationinfo":
            latest = "/Volumes/.timemachine/NAS/2026-11-30-231500.backup/2026-11-30-231500.backup\n"
            commands = {backups_macos.TM_DESTINATIONS: (0, text, ""), backups_macos.TM_LATEST: (0, latest, "")}
        else:
            local = (
                "Name          : bakvol\nKind          : Local\nMount Point   : /Volumes/bakvol\nID            : 1A2B\n"
            )
            commands = {
                backups_macos.TM_DESTINATIONS: (0, local, ""),
                backups_macos.TM_LATEST: (0, text, ""),
                DISKUTIL_APFS: (0, "No APFS Containers found\n", ""),  # an HFS+ disk
            }
        return mac(commands=commands, exists=MAC_NO_TOOLS)

    return build


# --- Windows --------------------------------------------------------------------------------------


def ps(script: str) -> tuple[str, ...]:
    return (*POWERSHELL, script)


def windows(ps_answers: dict[str, Any] | None = None, **kwargs: Any) -> StrictSystem:
    commands = {ps(script): answer for script, answer in (ps_answers or {}).items()} | kwargs.pop("commands", {})
    return strict(platform="windows", os_name="Windows 10 Pro", os_version="10.0.19045", commands=commands, **kwargs)


NOT_RECOGNISED = "The term '{}' is not recognized as the name of a cmdlet, function, script file, or operable program."
NO_CONVERT_TO_JSON = (1, "", NOT_RECOGNISED.format("ConvertTo-Json") + "\r\n")  # Windows PowerShell 2.0
PAGE_FILE_PLAIN = (0, "EncryptPagingFile = 0  (Disabled)\r\n", "")  # as Windows ships


def hotfix_table(text: str, n: int) -> StrictSystem:
    """Windows PowerShell 2.0 has no ConvertTo-Json: the Update Agent's search and Get-HotFix's
    JSON fail, and Get-HotFix's table answers."""
    return windows(
        {
            updates_windows.WUA_SEARCH: NO_CONVERT_TO_JSON,
            updates_windows.HOTFIX_JSON: NO_CONVERT_TO_JSON,
            updates_windows.HOTFIX_TABLE: (0, text, ""),
        }
    )


def wmic_qfe(text: str, n: int) -> StrictSystem:
    """PowerShell is blocked on this machine: only wmic answers."""
    scripts = (updates_windows.WUA_SEARCH, updates_windows.HOTFIX_JSON, updates_windows.HOTFIX_TABLE)
    return windows(dict.fromkeys(scripts, "missing"), commands={updates_windows.WMIC_QFE: (0, text, "")})


def manage_bde(text: str, n: int) -> StrictSystem:
    """No BitLocker module for PowerShell: manage-bde answers, for C: (what it was asked)."""
    no_module = (1, "", NOT_RECOGNISED.format("Get-BitLockerVolume") + "\r\n")
    return windows({BITLOCKER_JSON: no_module}, commands={MANAGE_BDE: (0, text, ""), FSUTIL_PAGING: PAGE_FILE_PLAIN})


def netsh(text: str, n: int) -> StrictSystem:
    """No Get-NetFirewallProfile (Windows 7): netsh answers; no firewall of another vendor."""
    no_cmdlet = (1, "", NOT_RECOGNISED.format("Get-NetFirewallProfile") + "\r\n")
    return windows(
        {device_windows.FIREWALL_PROFILES: no_cmdlet, device_windows.SECURITY_CENTER: (0, "[]", "")},
        commands={device_windows.NETSH_FIREWALL: (0, text, "")},
    )


def powershell_view(text: str) -> list[dict[str, str]]:
    """PowerShell's default views as records: Format-List (`Name : Value` lines, a blank line
    between objects) or Format-Table (a header, a dashed rule whose runs give the columns; a
    header of two lines, as Get-BitLockerVolume's, is joined)."""
    lines = text.splitlines()
    rule = next((i for i, ln in enumerate(lines) if ln.startswith("---")), None)
    if rule is None:
        records: list[dict[str, str]] = [{}]
        for line in lines:
            name, sep, value = line.partition(":")
            if not sep:
                records.append({})
                continue
            records[-1][name.strip()] = value.strip()
        return [r for r in records if r]
    starts = [m.start() for m in re.finditer(r"-+", lines[rule])]  # a value may run past its rule
    spans = list(zip(starts, [*starts[1:], None], strict=True))
    heads = [ln for ln in lines[:rule] if ln.strip()]
    names = ["".join(h[a:b].strip() for h in heads) for a, b in spans]
    return [
        {n: row[a:b].strip() for n, (a, b) in zip(names, spans, strict=True)}
        for row in lines[rule + 1 :]
        if row.strip()
    ]


def bitlocker_as_our_json(record: dict[str, str]) -> dict[str, Any]:
    """One Get-BitLockerVolume object as our question prints it (encryption/windows.py). A key
    protector list cut short by the table ("Pas...") keeps only its whole names."""
    protectors = [p.strip() for p in record.get("KeyProtector", "").strip("{}").split(",")]
    return {
        "MountPoint": record.get("MountPoint"),
        "VolumeStatus": record.get("VolumeStatus"),
        "ProtectionStatus": record.get("ProtectionStatus"),
        "EncryptionPercentage": int(record["EncryptionPercentage"]),
        "KeyProtector": [p for p in protectors if p and not p.endswith("...")],
    }


def get_bitlockervolume(text: str, n: int) -> StrictSystem:
    """Our questions print JSON; the capture is the same objects in PowerShell's default view.
    C: answers ENC-001 (and ENC-002: the page file is on C:); the fixed Data volumes ENC-003."""
    records = [bitlocker_as_our_json(r) for r in powershell_view(text)]
    data = [r for raw, r in zip(powershell_view(text), records, strict=True) if raw.get("VolumeType") == "Data"]
    system = [r for r in records if r["MountPoint"] == "C:"]
    return windows(
        {BITLOCKER_JSON: (0, json.dumps(system), ""), FIXED_VOLUMES_JSON: (0, json.dumps(data), "")},
        commands={FSUTIL_PAGING: PAGE_FILE_PLAIN},
    )


def defender(text: str, n: int) -> StrictSystem:
    """No antivirus of another vendor in Security Center."""
    return windows(
        {
            device_windows.DEFENDER_STATUS: (0, as_our_json(text), ""),
            device_windows.SECURITY_CENTER: (0, "[]", ""),
        }
    )


# --- every tool folder ----------------------------------------------------------------------------

Build = Callable[[str, int], StrictSystem]
MACHINES: dict[str, Build] = {
    "linux/apt-20auto-upgrades": apt_auto,
    "linux/apt-get-s-upgrade": apt_simulate,
    "linux/apt-list-upgradable": apt_list,
    "linux/checkupdates-pacman": pacman,
    "linux/dnf-check-update": check_update("dnf-check-update"),
    "linux/dnf-updateinfo-list-security": updateinfo,
    "linux/firewall-cmd-state": firewalld,
    "linux/lsblk-json": lsblk("lsblk-json"),
    "linux/lsblk": lsblk("lsblk"),
    "linux/needs-restarting-r": needs_restarting,
    "linux/os-release": os_release,
    "linux/restic-snapshots-json": restic,
    "linux/sshd-T": sshd_t,
    "linux/timedatectl-show": timedatectl("show"),
    "linux/timedatectl-status": timedatectl("status"),
    "linux/ufw-status-verbose": ufw,
    "linux/yum-check-update": check_update("yum-check-update"),
    "linux/zypper-list-patches": zypper,
    "macos/defaults-read-softwareupdate": mac_command(updates_macos.PREFS),
    "macos/fdesetup-status": mac_command(FDESETUP),
    "macos/socketfilterfw-getglobalstate": mac_command(device_macos.SOCKETFILTERFW),
    "macos/softwareupdate-l": mac_command(updates_macos.SOFTWAREUPDATE, {updates_macos.PREFS: NO_PREFS}),
    "macos/sw_vers": mac_command(updates_macos.SW_VERS),
    "macos/tmutil-destinationinfo": time_machine("destinationinfo"),
    "macos/tmutil-latestbackup": time_machine("latestbackup"),
    "windows/get-bitlockervolume": get_bitlockervolume,
    "windows/get-hotfix": hotfix_table,
    "windows/get-mpcomputerstatus": defender,
    "windows/manage-bde-status": manage_bde,
    "windows/netsh-advfirewall-show-allprofiles": netsh,
    "windows/wmic-qfe-list": wmic_qfe,
}
# What the check reads is JSON (the capture, or our reading of PowerShell's view into our JSON):
# no line of text decides, so no deciding line is asked of its findings.
READ_AS_JSON = {
    "linux/lsblk-json",
    "linux/restic-snapshots-json",
    "windows/get-bitlockervolume",
    "windows/get-mpcomputerstatus",
}
# Captures no check reads, and why.
NOT_READ = {
    "linux/borg-info-json": "borg's mode is read from its stored objects, never via `borg info` (DESIGN.md)",
}
