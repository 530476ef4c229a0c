"""One deterministic audit result that every reporter test renders: an Ubuntu laptop with a
real LUKS stack, security updates waiting, automatic updates off, a pending reboot and no
systemd clock answer; audited without sudo, so its firewall rules stay unseen, while GNOME
locks late and GDM logs amina in by herself."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from hygiene.checks.backups.linux import DEJA_DUP, RSNAPSHOT_CONFIG, TIMESHIFT_CONFIG
from hygiene.checks.device import linux as device
from hygiene.checks.encryption.linux import LSBLK_JSON
from hygiene.checks.mfa.linux import LOGIN_STACKS, SSHD
from hygiene.checks.passwords.linux import MANAGERS
from hygiene.checks.updates.linux import APT_LIST, APT_SECURITY_LISTS, REBOOT_FLAG_WRITERS, UNATTENDED_UPGRADE
from hygiene.engine import run_audit
from hygiene.platforms.linux import APT_GET
from hygiene.profile import parse_profile
from hygiene.registry import CHECKS
from hygiene.system import FileUnreadable
from hygiene.system.recorded import RecordedSystem
from tests.helpers import CHECK_IDS, fixture, snapshot_doc

UBUNTU = 'ID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\nPRETTY_NAME="Ubuntu 24.04.3 LTS"\n'
# Ubuntu's defaults: pam_unix alone in the password stack, no pam_faillock.
COMMON_PASSWORD = """password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt
password\trequisite\t\t\tpam_deny.so
password\trequired\t\t\tpam_permit.so
"""
COMMON_AUTH = """auth\t[success=1 default=ignore]\tpam_unix.so nullok
auth\trequisite\t\t\tpam_deny.so
auth\trequired\t\t\tpam_permit.so
"""
APT_PENDING = """Listing...
libssl3t64/noble-updates,noble-security 3.0.13-0ubuntu3.7 amd64 [upgradable from: 3.0.13-0ubuntu3.6]
openssl/noble-updates,noble-security 3.0.13-0ubuntu3.7 amd64 [upgradable from: 3.0.13-0ubuntu3.6]
snapd/noble-updates 2.72+ubuntu24.04 amd64 [upgradable from: 2.71+ubuntu24.04]
"""


# Ubuntu's ufw, never turned on; nft and iptables that need root; GNOME blanking after 15
# minutes and locking 5 minutes later; GDM's automatic login; a standard account.
DEVICE_COMMANDS = {
    device.UFW_STATUS: (1, "", fixture("linux/ufw-status-verbose/not-root.txt")),
    device.FIREWALLD_STATE: "missing",
    device.NFT_JSON: (1, "", "Operation not permitted (you must be root)\n"),
    device.IPTABLES_INPUT: (
        4,
        "",
        "iptables v1.8.10 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n",
    ),
    device.ID: (0, "uid=1000(amina) gid=1000(amina) groups=1000(amina),100(users)\n", ""),
    **{
        device.gsettings_get(schema, key): (0, value, "")
        for (schema, key), value in zip(
            device.GNOME_KEYS, ("uint32 900\n", "true\n", "uint32 300\n", "false\n"), strict=True
        )
    },
}
DEVICE_FILES = {
    device.UFW_CONF: fixture("linux/ufw-conf/package-default.txt"),
    device.DEFAULT_DISPLAY_MANAGER: "/usr/sbin/gdm3\n",
    **{path: None for path in device.GDM_FILES},
    "/etc/gdm3/custom.conf": fixture("linux/gdm/ubuntu-custom-autologin.txt"),
}
DEVICE_EXISTS = {
    device.GNOME_SHELL: True,
    device.PLASMA_SHELL: False,
    **{path: False for path in (*device.OTHER_DESKTOPS.values(), *device.CLAMAV_PROGRAMS)},
}
DEVICE_GLOBS = {pattern: [] for pattern in device.GETTY_DROPINS}


def shared_snapshot_doc():
    return snapshot_doc(
        os_name="Ubuntu 24.04.3 LTS",
        os_version="24.04",
        files={
            "/etc/os-release": UBUNTU,
            "/proc/self/mounts": fixture("linux/proc-mounts/ubuntu-luks.txt"),
            "/proc/swaps": "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swap.img                               file\t\t4194300\t\t0\t\t-2\n",
            "/etc/apt/apt.conf.d/20auto-upgrades": fixture("linux/apt-conf/20auto-upgrades-off.txt"),
            "/etc/apt/apt.conf": None,
            "/run/reboot-required.pkgs": "linux-image-6.8.0-88-generic\n",
            "/var/log/apt/history.log": fixture("linux/apt-history/ubuntu.txt"),
            "/etc/pam.d/common-password": COMMON_PASSWORD,
            "/etc/pam.d/common-auth": COMMON_AUTH,
            "/etc/pam.d/system-auth": None,
            "/etc/pam.d/password-auth": None,
            "/etc/login.defs": "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\n",
            "/etc/shadow": FileUnreadable("/etc/shadow", "Permission denied"),
            **{path: None for path in LOGIN_STACKS if path != "/etc/pam.d/common-auth"},
            "/home/amina/.ssh/config": None,
            **DEVICE_FILES,
        },
        commands={
            LSBLK_JSON: (0, fixture("linux/lsblk-json/ubuntu-luks-lvm.txt"), ""),
            APT_LIST: (
                0,
                APT_PENDING,
                "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n",
            ),
            ("timedatectl", "show"): (
                1,
                "",
                "System has not been booted with systemd as init system (PID 1). Can't operate.\n",
            ),
            **DEVICE_COMMANDS,
        },
        exists={
            APT_GET: True,
            UNATTENDED_UPGRADE: False,
            "/run/reboot-required": True,
            **{w: True for w in REBOOT_FLAG_WRITERS},
            **{path: False for paths in MANAGERS.values() for path in paths},
            SSHD: False,
            TIMESHIFT_CONFIG: False,
            RSNAPSHOT_CONFIG: False,
            DEJA_DUP: False,
            **DEVICE_EXISTS,
        },
        backups={USB_BACKUPS: USB_FACTS},
        globs={
            "/etc/apt/apt.conf.d/*": ["/etc/apt/apt.conf.d/20auto-upgrades"],
            APT_SECURITY_LISTS: ["/var/lib/apt/lists/security.ubuntu.com_ubuntu_dists_noble-security_InRelease"],
            "/home/amina/.ssh/*": [],
            **DEVICE_GLOBS,
        },
        mtimes={
            "/var/lib/apt/periodic/update-success-stamp": "2026-11-26T06:10:00+00:00",
            "/var/lib/apt/lists": "2026-11-26T06:10:00+00:00",
        },
    )


# Nightly ZIPs with a password (ZipCrypto) on a USB disk that stays plugged in.
USB_BACKUPS = "/media/amina/USB/backups"
USB_FACTS = {
    "kind": "folder of 31 files; newest: ledger-2026-11-16.zip (ZIP archive)",
    "encrypted": True,
    "certainty": "format",
    "weak": True,
    "detail": "ZipCrypto (legacy, broken) on 212 of 212 entries",
    "newest": "2026-11-16T21:05:00+00:00",
    "size": 8_412_663_808,
    "files": 31,
}

# A Lahore office that did its training, has never looked up where to report, has not said
# whether it has an incident plan, signs in to its bank with SMS codes, and backs up to a USB disk.
SHARED_PROFILE_TOML = """region = "PK"
[attest]
training_completed = 2026-03-14
incident_reporting_known = "never"

[[accounts]]
service = "gmail"
method = "app"

[[backups]]
name = "USB disk"
path = "/media/amina/USB/backups"

[[accounts]]
service = "Meezan Bank"
method = "sms"
critical = true
"""
SHARED_PROFILE = parse_profile(
    SHARED_PROFILE_TOML, Path("hygiene.toml"), today=date(2026, 11, 27), known_checks=CHECK_IDS
)


def shared_result():
    return replace(run_audit(RecordedSystem(shared_snapshot_doc(), SHARED_PROFILE), CHECKS), duration_s=0.42)
