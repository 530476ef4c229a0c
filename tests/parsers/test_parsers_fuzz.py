"""Every public function in hygiene.parsers, fed mutated real outputs, either returns normally or
raises ParseError: never IndexError, ValueError, KeyError, RecursionError, OverflowError...
(DESIGN.md principles 3 and 6: a tool printing something odd is UNKNOWN, never ERROR).

The seeds are the real captures in ../shared/real-outputs (read in place), our own fixtures
under tests/fixtures and a few inline texts of ours. The mutations: truncation anywhere,
deleted/duplicated/swapped lines, flipped bytes (undecodable bytes come back as lone
surrogates), inserted tabs, CR, NUL, BOM, lone surrogates, unicode digits ('٣', '²'), very
long lines, 5,000-digit numbers, numbers swapped for out-of-range dates parts (year 0,
month 13), and deep nesting (JSON, NeXTSTEP and XML plists) where a format nests.

`test_every_public_parser_function_is_fuzzed` fails when a parser module grows a public
function that is not in `TARGETS`, so a new parser cannot be forgotten.

`test_hostile_lines_run_in_linear_time` feeds each parser long adversarial lines (a line of
spaces, `a:` + spaces, repeated quotes...) in a child process with a deadline, so a
super-linear regular expression fails the test instead of hanging it.

The default (40 examples per function, derandomized so CI is repeatable) keeps this file
well under 30 s. For a long fuzz, raise the count (above 100 the examples are random, so
each run explores anew):

    HYGIENE_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/parsers/test_parsers_fuzz.py -k mutated -p no:cacheprovider

`HYGIENE_FUZZ_SEED=<n>` fixes the random seed of such a run; on a failure hypothesis prints
the draws (seed text, mutation, position) that reproduce it.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import multiprocessing
import os
import pkgutil
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, seed
from hypothesis import strategies as st

import hygiene.parsers
from hygiene.parsers import ParseError
from hygiene.parsers.accounts import parse_loginuid, parse_passwd_entry, parse_sudo_list, sudo_entry_kept
from hygiene.parsers.apk import parse_apk_version
from hygiene.parsers.apt import last_apt_run, parse_apt_get_simulate, parse_apt_list_upgradable
from hygiene.parsers.apt_conf import apt_part_files, judged_settings, parse_apt_conf, periodic_enabled
from hygiene.parsers.autologin import (
    gdm_autologin,
    getty_autologin,
    lightdm_autologin,
    named_accounts,
    sddm_autologin,
)
from hygiene.parsers.bitlocker import parse_bitlocker_json, parse_manage_bde
from hygiene.parsers.clamav import parse_clamav_version
from hygiene.parsers.cryptsetup import luks_header_kept, parse_luks_dump
from hygiene.parsers.defender import parse_defender_json
from hygiene.parsers.diskutil_apfs import parse_apfs_list
from hygiene.parsers.dnf import advisory_kind, is_noise, parse_check_update, parse_updateinfo, running_kernel_notes
from hygiene.parsers.fdesetup import parse_fdesetup_status
from hygiene.parsers.firewall import (
    parse_firewalld_state,
    parse_iptables_rules,
    parse_nft_json,
    parse_nft_ruleset,
    parse_ufw_status,
)
from hygiene.parsers.id import parse_id
from hygiene.parsers.keyfile import keyfile_bool, parse_keyfile
from hygiene.parsers.lsblk import parse_lsblk_json, parse_lsblk_tree, paths_to
from hygiene.parsers.needs_restarting import parse_needs_restarting
from hygiene.parsers.net_accounts import parse_net_accounts
from hygiene.parsers.os_release import parse_os_release, shell_words
from hygiene.parsers.packages import newest_install_time
from hygiene.parsers.pacman import parse_pacman_upgrades
from hygiene.parsers.pam import parse_key_values, parse_pam
from hygiene.parsers.plist_text import parse_plist_text, plist_bool, plist_seconds
from hygiene.parsers.pmset import parse_display_sleep
from hygiene.parsers.powercfg import parse_powercfg_setting
from hygiene.parsers.proc_mounts import mount_of, parse_mounts
from hygiene.parsers.pwpolicy import parse_pwpolicy
from hygiene.parsers.restic import parse_restic_snapshots
from hygiene.parsers.screen_lock import parse_gsettings_bool, parse_gsettings_uint, parse_kscreenlockerrc
from hygiene.parsers.security_center import parse_security_center
from hygiene.parsers.shadow import empty_password_accounts
from hygiene.parsers.socketfilterfw import parse_socketfilterfw
from hygiene.parsers.softwareupdate import parse_softwareupdate_list
from hygiene.parsers.spctl import parse_spctl_status
from hygiene.parsers.ssh_keys import describe_private_key
from hygiene.parsers.sshd import config_lines, parse_sshd_t
from hygiene.parsers.sw_vers import parse_sw_vers
from hygiene.parsers.swap import parse_encrypt_paging_file, parse_proc_swaps, parse_swapusage
from hygiene.parsers.sysadminctl import parse_screenlock_status
from hygiene.parsers.timedatectl import (
    parse_chronyc_tracking,
    parse_network_time,
    parse_ntpq_peers,
    parse_timedatectl_show,
    parse_timedatectl_status,
)
from hygiene.parsers.tmutil import parse_destinationinfo, parse_latestbackup
from hygiene.parsers.whoami import parse_whoami_groups
from hygiene.parsers.windows_firewall import parse_firewall_json, parse_netsh_allprofiles
from hygiene.parsers.windows_updates import (
    parse_hotfix_json,
    parse_hotfix_table,
    parse_local_date,
    parse_windows_version,
    parse_wmic_qfe,
    parse_wua_json,
    windows_version,
)
from hygiene.parsers.zfs import parse_zfs_encryption
from hygiene.parsers.zypper import parse_list_patches, parse_list_updates, patch_notes
from tests.helpers import FIXTURES, REAL_OUTPUTS, fuzz_settings, read_real

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
MAX_INPUT = 200_000  # characters: mutations compound (a long line duplicated 500 times...)
MESSAGE_LIMIT = 200  # a ParseError quotes a short excerpt, never the whole offending text

# --- seeds of our own, for the tools with no capture or fixture ------------------------------

PAM = (
    "# /etc/pam.d/common-auth\n"
    "auth\t[success=1 default=ignore]\tpam_unix.so nullok\n"
    "auth\trequisite\t\t\tpam_deny.so\n"
    "-auth optional pam_gnome_keyring.so\n"
    "auth required pam_faillock.so preauth silent deny=5 \\\n unlock_time=900\n"
    "password requisite pam_pwquality.so retry=3 minlen=12\n"
)
KEY_VALUES = (
    "# /etc/security/pwquality.conf\nminlen = 14\ndcredit = -1\n"
    "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS 0\nENCRYPT_METHOD YESCRYPT\n"
)
SHADOW = (
    "root:*:19000:0:99999:7:::\namina:$y$j9T$abc$def:19500:0:99999:7:::\nguest::19500:0:99999:7:::\nlocked:!:1::::::\n"
)
PROC_SWAPS = (
    "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
    "/dev/dm-1                               partition\t1003516\t\t0\t\t-2\n"
    "/swap\\040file.img                       file\t\t2097148\t\t0\t\t-3\n"
)
SWAPUSAGE = "vm.swapusage: total = 2048.00M  used = 1031.25M  free = 1016.75M  (encrypted)\n"
PAGING = "EncryptPagingFile = 1  (Enabled)\n"
CHRONYC = (
    "Reference ID    : C0A80101 (192.168.1.1)\nStratum         : 3\n"
    "Ref time (UTC)  : Fri Nov 27 08:59:01 2026\nLeap status     : Normal\n"
)
NTPQ = (
    "     remote           refid      st t when poll reach   delay   offset  jitter\n"
    "==============================================================================\n"
    "*192.168.1.1     .GPS.            1 u   33   64  377    0.512    0.021   0.011\n"
    "+10.0.0.2        192.168.1.1      2 u   40   64  377    0.801   -0.104   0.030\n"
)
BITLOCKER_JSON = (
    '[{"MountPoint":"C:","VolumeStatus":"FullyEncrypted","ProtectionStatus":"On","EncryptionPercentage":100,'
    '"KeyProtector":["Tpm","RecoveryPassword"]},{"MountPoint":"D:","VolumeStatus":"EncryptionInProgress",'
    '"ProtectionStatus":"Off","EncryptionPercentage":42.5,"KeyProtector":[]}]'
)
BITLOCKER_ONE = '{"MountPoint":"C:","VolumeStatus":"FullyDecrypted","ProtectionStatus":"Off","EncryptionPercentage":0}'
SHELL_WORDS = """"Ubuntu 24.04.1 LTS" 'single quoted' a\\ b "esc\\"aped \\$x" plain"""
PLIST_BOOLS = ("1", "0", "YES", "no", " True ", "maybe", "")
PLIST_SECONDS = ("1200", "0", "5.0", "-1", "300.000000", "")
SPCTL = "assessments enabled\n"
PERIODIC = ("1", "0", "12h", "always", "7d", " 30m ", "never")
DATES = ("6/5/2017", "21/09/2019 12:00:00 a.m.", "2019/2/14 0:00:00", "14.02.2019", "31/31/2031")
GSETTINGS = ("uint32 300", "300", "true", "false", "uint32 0", "int32 -1")
LOGIN_UIDS = ("1000", "0", "4294967295", "-1")
AUTOLOGIN = ("fixture:linux/gdm", "fixture:linux/lightdm", "fixture:linux/sddm", "fixture:linux/getty")
PART_FILES = (
    "/etc/apt/apt.conf.d/20auto-upgrades\n/etc/apt/apt.conf.d/50unattended-upgrades\n"
    "/etc/apt/apt.conf.d/99local.dpkg-old\n/etc/apt/apt.conf.d/bad name\n/etc/apt/apt.conf.d/01autoremove~\n"
)


@functools.cache
def _ssh_keys() -> tuple[str, ...]:
    """Keys made here, never committed: an OpenSSH ed25519 key and a PEM RSA key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    ed = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
    )
    pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
    return ed.decode(), pem.decode(), encrypted


# --- the table: every public function of every parser module ---------------------------------


@dataclass(frozen=True)
class Target:
    call: Callable[[str], object]
    sources: tuple[str | tuple[str, ...], ...]  # "real:<os>/<tool>", "fixture:<dir>", or inline texts
    total: bool = False  # must never raise at all (its callers sit outside any check)


def _needs_restarting(text: str) -> object:
    parse_needs_restarting(1, text, "")
    return parse_needs_restarting(0, text, text)


def _lsblk_json(text: str) -> object:
    devices = parse_lsblk_json(text)
    return paths_to(devices, lambda d: "/" in d.mountpoints)


def _lsblk_tree(text: str) -> object:
    devices = parse_lsblk_tree(text)
    return paths_to(devices, lambda d: "/" in d.mountpoints)


def _net_accounts(text: str) -> object:
    """The policy and every setting's line (ParseError for a setting not said readably)."""
    policy = parse_net_accounts(text)
    return [policy.line(setting) for setting in sorted(policy.lines) + sorted(policy.unread)]


def _mount_of(text: str) -> object:
    return mount_of(parse_mounts(text), "/")


def _files(fn: Callable[[list[tuple[str, str]]], object]) -> Callable[[str], object]:
    """A parser of several files, given the text as two of them."""
    return lambda text: fn([("/etc/a.conf", text), ("/etc/b.conf", text[::-1])])


def _lines(fn: Callable[[str], object]) -> Callable[[str], object]:
    return lambda text: [fn(line) for line in text.splitlines()]


VERSION_VALUES = ("ProductName", "DisplayVersion", "ReleaseId", "CurrentBuild", "EditionID", "InstallationType")


def _registry_version(text: str) -> object:
    """windows_version over values as winreg gives them: one line each, strings, a list of
    the lines and an integer UBR, so every type a registry value may have is in the mix."""
    lines = text.splitlines()
    values: dict[str, object] = dict(zip(VERSION_VALUES, lines, strict=False))
    return [windows_version(values), windows_version({**values, "CurrentBuildNumber": lines, "UBR": len(text)})]


TARGETS: dict[str, Target] = {
    "accounts.parse_loginuid": Target(_lines(parse_loginuid), ("\n".join(LOGIN_UIDS),)),
    "accounts.parse_passwd_entry": Target(parse_passwd_entry, ("fixture:linux/getent-passwd",)),
    "accounts.parse_sudo_list": Target(lambda t: parse_sudo_list(t, t), ("fixture:linux/sudo-l",)),
    "accounts.sudo_entry_kept": Target(_lines(sudo_entry_kept), ("fixture:linux/sudo-l",), total=True),
    "autologin.gdm_autologin": Target(_files(gdm_autologin), AUTOLOGIN, total=True),
    "autologin.lightdm_autologin": Target(_files(lightdm_autologin), AUTOLOGIN, total=True),
    "autologin.sddm_autologin": Target(_files(sddm_autologin), AUTOLOGIN, total=True),
    "autologin.getty_autologin": Target(_files(getty_autologin), AUTOLOGIN, total=True),
    "autologin.named_accounts": Target(named_accounts, AUTOLOGIN, total=True),
    "clamav.parse_clamav_version": Target(parse_clamav_version, ("fixture:linux/clamscan-version",)),
    "firewall.parse_ufw_status": Target(
        parse_ufw_status, ("real:linux/ufw-status-verbose", "fixture:linux/ufw-status-verbose")
    ),
    "firewall.parse_firewalld_state": Target(
        lambda t: parse_firewalld_state(t, t), ("real:linux/firewall-cmd-state", "fixture:linux/firewall-cmd-state")
    ),
    "firewall.parse_nft_json": Target(parse_nft_json, ("fixture:linux/nft-json",)),
    "firewall.parse_nft_ruleset": Target(parse_nft_ruleset, ("fixture:linux/nft-ruleset",), total=True),
    "firewall.parse_iptables_rules": Target(parse_iptables_rules, ("fixture:linux/iptables-S-INPUT",)),
    "keyfile.parse_keyfile": Target(parse_keyfile, ("fixture:linux/kscreenlockerrc", *AUTOLOGIN), total=True),
    "keyfile.keyfile_bool": Target(_lines(keyfile_bool), ("True\nfalse\n1\noff\nmaybe\n",), total=True),
    "screen_lock.parse_gsettings_uint": Target(_lines(parse_gsettings_uint), ("\n".join(GSETTINGS),)),
    "screen_lock.parse_gsettings_bool": Target(_lines(parse_gsettings_bool), ("\n".join(GSETTINGS),)),
    "screen_lock.parse_kscreenlockerrc": Target(
        lambda t: parse_kscreenlockerrc([t, t]), ("fixture:linux/kscreenlockerrc",)
    ),
    "apk.parse_apk_version": Target(parse_apk_version, ("fixture:linux/apk-version",)),
    "apt.parse_apt_get_simulate": Target(
        parse_apt_get_simulate, ("real:linux/apt-get-s-upgrade", "fixture:linux/apt-get-s")
    ),
    "apt.parse_apt_list_upgradable": Target(
        parse_apt_list_upgradable, ("real:linux/apt-list-upgradable", "fixture:linux/apt-list-upgradable")
    ),
    "apt.last_apt_run": Target(last_apt_run, ("fixture:linux/apt-history",)),
    "apt_conf.judged_settings": Target(judged_settings, ("real:linux/apt-20auto-upgrades", "fixture:linux/apt-conf")),
    "packages.newest_install_time": Target(newest_install_time, ("1700000000\n1732000000\n1600000000\n",)),
    "apt_conf.parse_apt_conf": Target(parse_apt_conf, ("real:linux/apt-20auto-upgrades", "fixture:linux/apt-conf")),
    "apt_conf.apt_part_files": Target(lambda t: apt_part_files(t.splitlines()), (PART_FILES,), total=True),
    "apt_conf.periodic_enabled": Target(_lines(periodic_enabled), ("\n".join(PERIODIC),), total=True),
    "bitlocker.parse_manage_bde": Target(
        parse_manage_bde, ("real:windows/manage-bde-status", "fixture:windows/manage-bde")
    ),
    "bitlocker.parse_bitlocker_json": Target(
        parse_bitlocker_json, (BITLOCKER_JSON, BITLOCKER_ONE, "real:windows/get-bitlockervolume")
    ),
    "defender.parse_defender_json": Target(
        parse_defender_json,
        (
            "fixture:windows/powershell/defender-on.json",
            "fixture:windows/powershell/defender-never-updated.json",
            "fixture:windows/powershell/defender-old-platform.json",
        ),
    ),
    "diskutil_apfs.parse_apfs_list": Target(parse_apfs_list, ("fixture:macos/diskutil-apfs",)),
    "dnf.advisory_kind": Target(advisory_kind, ("fixture:linux/dnf-updateinfo",), total=True),
    "dnf.parse_updateinfo": Target(
        parse_updateinfo, ("real:linux/dnf-updateinfo-list-security", "fixture:linux/dnf-updateinfo")
    ),
    "dnf.is_noise": Target(
        _lines(is_noise), ("real:linux/yum-check-update", "fixture:linux/dnf-updateinfo"), total=True
    ),
    "dnf.running_kernel_notes": Target(
        running_kernel_notes, ("fixture:linux/dnf-check-update", "fixture:linux/dnf-updateinfo"), total=True
    ),
    "dnf.parse_check_update": Target(
        parse_check_update,
        ("real:linux/dnf-check-update", "real:linux/yum-check-update", "fixture:linux/dnf-check-update"),
    ),
    "fdesetup.parse_fdesetup_status": Target(
        parse_fdesetup_status, ("real:macos/fdesetup-status", "fixture:macos/fdesetup-status")
    ),
    "cryptsetup.parse_luks_dump": Target(parse_luks_dump, ("fixture:linux/cryptsetup-luksDump",)),
    "cryptsetup.luks_header_kept": Target(luks_header_kept, ("fixture:linux/cryptsetup-luksDump",), total=True),
    "zfs.parse_zfs_encryption": Target(parse_zfs_encryption, ("aes-256-gcm\navailable\n", "off\n-\n")),
    "id.parse_id": Target(parse_id, ("fixture:macos/id", "fixture:linux/id")),
    "lsblk.parse_lsblk_json": Target(_lsblk_json, ("real:linux/lsblk-json", "fixture:linux/lsblk-json")),
    "lsblk.parse_lsblk_tree": Target(_lsblk_tree, ("real:linux/lsblk", "fixture:linux/lsblk")),
    "lsblk.paths_to": Target(_lsblk_json, ("real:linux/lsblk-json", "fixture:linux/lsblk-json")),
    "needs_restarting.parse_needs_restarting": Target(
        _needs_restarting, ("real:linux/needs-restarting-r", "fixture:linux/needs-restarting")
    ),
    "net_accounts.parse_net_accounts": Target(_net_accounts, ("fixture:windows/net-accounts",)),
    "os_release.parse_os_release": Target(parse_os_release, ("real:linux/os-release",), total=True),
    "os_release.shell_words": Target(shell_words, (SHELL_WORDS,), total=True),
    "pacman.parse_pacman_upgrades": Target(
        parse_pacman_upgrades, ("real:linux/checkupdates-pacman", "fixture:linux/pacman-Qu")
    ),
    "pam.parse_pam": Target(parse_pam, (PAM,)),
    "pam.parse_key_values": Target(parse_key_values, (KEY_VALUES,)),
    "plist_text.parse_plist_text": Target(
        parse_plist_text, ("real:macos/defaults-read-softwareupdate", "fixture:macos/defaults-read-softwareupdate")
    ),
    "plist_text.plist_bool": Target(_lines(plist_bool), ("\n".join(PLIST_BOOLS),), total=True),
    "plist_text.plist_seconds": Target(_lines(plist_seconds), ("\n".join(PLIST_SECONDS),), total=True),
    "pmset.parse_display_sleep": Target(parse_display_sleep, ("fixture:macos/pmset",)),
    "powercfg.parse_powercfg_setting": Target(parse_powercfg_setting, ("fixture:windows/powercfg",)),
    "proc_mounts.parse_mounts": Target(parse_mounts, ("fixture:linux/proc-mounts",)),
    "proc_mounts.mount_of": Target(_mount_of, ("fixture:linux/proc-mounts",)),
    "pwpolicy.parse_pwpolicy": Target(parse_pwpolicy, ("fixture:macos/pwpolicy",)),
    "restic.parse_restic_snapshots": Target(parse_restic_snapshots, ("real:linux/restic-snapshots-json",)),
    "security_center.parse_security_center": Target(
        parse_security_center,
        (
            "fixture:windows/powershell/security-center-eset.json",
            "fixture:windows/powershell/security-center-defender-only.json",
        ),
    ),
    "shadow.empty_password_accounts": Target(empty_password_accounts, (SHADOW,)),
    "socketfilterfw.parse_socketfilterfw": Target(
        parse_socketfilterfw, ("real:macos/socketfilterfw-getglobalstate", "fixture:macos/socketfilterfw")
    ),
    "spctl.parse_spctl_status": Target(parse_spctl_status, (SPCTL,)),
    "sysadminctl.parse_screenlock_status": Target(parse_screenlock_status, ("fixture:macos/sysadminctl",)),
    "softwareupdate.parse_softwareupdate_list": Target(
        parse_softwareupdate_list, ("real:macos/softwareupdate-l", "fixture:macos/softwareupdate-l")
    ),
    "ssh_keys.describe_private_key": Target(describe_private_key, ("keys",), total=True),
    "sshd.parse_sshd_t": Target(parse_sshd_t, ("real:linux/sshd-T", "fixture:linux/sshd/hardened-sshd-T.txt")),
    "sshd.config_lines": Target(config_lines, ("fixture:linux/sshd",)),
    "sw_vers.parse_sw_vers": Target(parse_sw_vers, ("real:macos/sw_vers",)),
    "swap.parse_proc_swaps": Target(parse_proc_swaps, (PROC_SWAPS, "fixture:linux/proc-swaps")),
    "swap.parse_swapusage": Target(parse_swapusage, (SWAPUSAGE,)),
    "swap.parse_encrypt_paging_file": Target(parse_encrypt_paging_file, (PAGING,)),
    "timedatectl.parse_timedatectl_show": Target(
        parse_timedatectl_show, ("real:linux/timedatectl-show", "fixture:linux/timedatectl-show")
    ),
    "timedatectl.parse_timedatectl_status": Target(
        parse_timedatectl_status, ("real:linux/timedatectl-status", "fixture:linux/timedatectl-status")
    ),
    "timedatectl.parse_chronyc_tracking": Target(parse_chronyc_tracking, (CHRONYC, "fixture:linux/chronyc-tracking")),
    "timedatectl.parse_ntpq_peers": Target(parse_ntpq_peers, (NTPQ,)),
    "timedatectl.parse_network_time": Target(parse_network_time, ("fixture:macos/systemsetup",)),
    "tmutil.parse_destinationinfo": Target(
        parse_destinationinfo, ("real:macos/tmutil-destinationinfo", "fixture:macos/tmutil-destinationinfo")
    ),
    "tmutil.parse_latestbackup": Target(parse_latestbackup, ("real:macos/tmutil-latestbackup",)),
    "whoami.parse_whoami_groups": Target(parse_whoami_groups, ("fixture:windows/whoami-groups",)),
    "windows_firewall.parse_firewall_json": Target(
        parse_firewall_json,
        (
            "fixture:windows/powershell/firewall-profiles-on.json",
            "fixture:windows/powershell/firewall-profiles-public-off.json",
        ),
    ),
    "windows_firewall.parse_netsh_allprofiles": Target(
        parse_netsh_allprofiles,
        ("real:windows/netsh-advfirewall-show-allprofiles", "fixture:windows/netsh-advfirewall"),
    ),
    "windows_updates.parse_wua_json": Target(
        parse_wua_json, ("fixture:windows/powershell/wua-one.json", "fixture:windows/powershell/wua-pending.json")
    ),
    "windows_updates.parse_hotfix_json": Target(parse_hotfix_json, ("fixture:windows/powershell/hotfix.json",)),
    "windows_updates.parse_local_date": Target(_lines(lambda t: parse_local_date(t, NOW)), ("\n".join(DATES),)),
    "windows_updates.parse_hotfix_table": Target(
        lambda t: parse_hotfix_table(t, NOW), ("real:windows/get-hotfix", "fixture:windows/hotfix-table")
    ),
    "windows_updates.parse_wmic_qfe": Target(
        lambda t: parse_wmic_qfe(t, NOW), ("real:windows/wmic-qfe-list", "fixture:windows/wmic-qfe")
    ),
    "windows_updates.parse_windows_version": Target(
        parse_windows_version,
        (
            "fixture:windows/powershell/version-server-2019.json",
            "fixture:windows/powershell/version-win11-24h2-pro.json",
        ),
    ),
    "windows_updates.windows_version": Target(
        _registry_version,
        ("Windows 10 Home\n22H2\n2009\n19045\nCore\nClient\n", "Windows Server 2019\n\n1809\n17763\n"),
    ),
    "zypper.parse_list_patches": Target(
        parse_list_patches, ("real:linux/zypper-list-patches", "fixture:linux/zypper-list-patches")
    ),
    "zypper.patch_notes": Target(patch_notes, ("real:linux/zypper-list-patches", "fixture:linux/zypper-list-patches")),
    "zypper.parse_list_updates": Target(parse_list_updates, ("fixture:linux/zypper-list-updates",)),
}


def _public_functions() -> set[str]:
    found = set()
    for info in pkgutil.iter_modules(hygiene.parsers.__path__):
        module = importlib.import_module(f"hygiene.parsers.{info.name}")
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{info.name}.{name}")
    return found


def test_every_public_parser_function_is_fuzzed():
    missing = _public_functions() - set(TARGETS)
    assert not missing, f"add these to TARGETS in {Path(__file__).name}: {sorted(missing)}"
    assert not set(TARGETS) - _public_functions(), "TARGETS names a function that no longer exists"
    for name, target in TARGETS.items():  # an entry whose seeds all vanished would fuzz nothing
        if REAL_OUTPUTS.is_dir() or any(not s.startswith("real:") for s in target.sources):
            assert _seeds(target), f"{name} has no seed text"


def _read_source(source: str) -> list[str]:
    if source == "keys":
        return list(_ssh_keys())
    if source.startswith("real:"):
        folder = REAL_OUTPUTS / source.removeprefix("real:")
        return [read_real(p) for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []
    if source.startswith("fixture:"):
        path = FIXTURES / source.removeprefix("fixture:")
        paths = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        return [p.read_text(encoding="utf-8") for p in paths]
    return [source]


def _seeds(target: Target) -> list[str]:
    return [text for source in target.sources for text in _read_source(source)]


# --- mutations ---------------------------------------------------------------------------------

INSERTS = (
    "\t", "\r", "\r\n", "\0", "\ufeff", "\ud800", "\udcff", "\u2028", "\x85", "\x1c", "\x0b", "\x1b[31m",
    "٣", "٣٣٣٣", "²", "½", "Ⅻ", "9" * 5000, "-" + "9" * 5000, "1e400", "-1", "NaN", "Infinity",
    " " * 3000, ":", "=", '"', "'", "\\", "[", "]", "{", "}", "(", ")", ",", ";", "|", "*", "#",
    "0000-00-00", "2024-13-45", "0000-01-01T00:00:00", "9999-12-31T23:59:59-23:59",
    "null", "true", "[]", "{}", '""', "<array>", "</dict>",
)  # fmt: skip
NUMBERS = ("0", "00", "13", "32", "99", "-1", "9999", "0" * 5000, "9" * 5000, "٣", "²", "1.5", "", "9" * 25)
HOSTILE_LINES = (
    " " * 5000, "a:" + " " * 5000 + "b", "[" + " " * 5000, '"' * 5000, "\t:" * 2500, "=" * 5000,
    "x" * 20000, "Inst a (b " + " [" * 2000, "* " + " " * 5000 + "x", "a" + " a" * 3000,
)  # fmt: skip
_VALUE_TOKEN = re.compile(r'"[^"\n]{0,200}"|\d+|\b(?:true|false|null)\b|<(?:integer|string|real)>[^<]{0,200}</\w+>')


def _nest(depth: int) -> tuple[str, ...]:
    return (
        "[" * depth + "1" + "]" * depth,
        '{"a":' * depth + "1" + "}" * depth,
        "(" * depth + "a" + ")" * depth,
        "{ a = " * depth + "b" + "; }" * depth,
        "<array>" * depth + "<integer>1</integer>" + "</array>" * depth,
        "<dict><key>k</key>" * depth + "<string>s</string>" + "</dict>" * depth,
        "[" * depth,
        "(" * depth,
        "<array>" * depth,
    )


NESTINGS = tuple(n for depth in (20, 900, 5000) for n in _nest(depth))


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _mutate(data: st.DataObject, text: str) -> str:
    kind = data.draw(
        st.sampled_from(
            (
                "truncate", "delete-line", "duplicate-line", "swap-lines", "flip-byte", "insert",
                "number", "hostile-line", "long-line", "nest", "indent",
            )
        )
    )  # fmt: skip
    lines = text.splitlines(keepends=True)
    if kind == "truncate":
        return text[: data.draw(st.integers(0, len(text)))]
    if kind in ("delete-line", "duplicate-line", "swap-lines", "hostile-line", "long-line", "indent") and lines:
        i = data.draw(st.integers(0, len(lines) - 1))
        if kind == "delete-line":
            del lines[i]
        elif kind == "duplicate-line":
            lines.insert(i, lines[i] * data.draw(st.sampled_from((1, 2, 500))))
        elif kind == "swap-lines":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "hostile-line":
            lines.insert(i, data.draw(st.sampled_from(HOSTILE_LINES)) + "\n")
        elif kind == "long-line":
            lines[i] = lines[i].rstrip("\r\n") * 300 + "\n"
        else:
            lines[i] = (
                data.draw(st.sampled_from(("\t", " " * 40, "  │ ", "|"))) * data.draw(st.integers(1, 60)) + lines[i]
            )
        return "".join(lines)
    if kind == "flip-byte" and text:
        raw = bytearray(text.encode("utf-8", "surrogatepass"))
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] ^= 1 << data.draw(st.integers(0, 7))
        return raw.decode("utf-8", data.draw(st.sampled_from(("surrogateescape", "replace"))))
    if kind in ("number", "nest"):
        tokens = list(_VALUE_TOKEN.finditer(text))
        if tokens:
            m = tokens[data.draw(st.integers(0, len(tokens) - 1))]
            pool = NUMBERS if kind == "number" else NESTINGS
            return _splice(text, m.start(), m.end(), data.draw(st.sampled_from(pool)))
    i = data.draw(st.integers(0, len(text)))
    return _splice(text, i, i, data.draw(st.sampled_from(INSERTS + NESTINGS)))


def _check(name: str, target: Target, text: str) -> None:
    try:
        target.call(text)
    except ParseError as exc:
        assert not target.total, f"{name} must never raise, but raised ParseError: {exc}"
        assert len(str(exc)) <= MESSAGE_LIMIT, f"{name}: ParseError message of {len(str(exc))} characters"


_SETTINGS = fuzz_settings(40)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_mutated_outputs_give_a_result_or_parse_error(name):
    target = TARGETS[name]
    seeds = _seeds(target)
    if not seeds:
        pytest.skip(f"{name}: no seed ({REAL_OUTPUTS} is absent, and no fixture of ours)")

    @_SETTINGS
    @given(st.data())
    def run(data):
        text = data.draw(st.sampled_from(seeds))
        for _ in range(data.draw(st.integers(1, 3))):
            text = _mutate(data, text)[:MAX_INPUT]
        _check(name, target, text)

    if os.environ.get("HYGIENE_FUZZ_SEED"):
        run = seed(int(os.environ["HYGIENE_FUZZ_SEED"]))(run)
    run()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_seed_and_every_hostile_insert_alone(name):
    """The deterministic core of the fuzz: each seed as is, and each hostile text on its own."""
    target = TARGETS[name]
    for text in [*_seeds(target), "", "\n", *INSERTS, *NESTINGS, *HOSTILE_LINES]:
        _check(name, target, text)


# --- linear time on hostile lines (in a child process, so a stall fails instead of hanging) ---

LINEAR_SIZE = 100_000
PER_CALL_BUDGET_S = 1.0  # linear parsers take milliseconds on 100 KB; a quadratic one takes minutes
STALL_S = 5.0


def hostile_texts(size: int) -> dict[str, str]:
    """Adversarial text of about `size` characters, each aimed at a pattern that was quadratic
    or worse (the comment names it), plus generic ones: a line of blanks, of quotes, of '='..."""
    n = size
    apfs = "APFS Container disk1\n+-> Volume disk1s1\n"
    return {
        "spaces": " " * n,  # tmutil `^\s*([A-Za-z ]+?)\s*:`: cubic
        "a: + spaces": "a:" + " " * n + "b",
        "key : spaces": " a" + " " * n + ": " + " " * n + "x",
        "[ + spaces": "[" + " " * n,
        "quotes": '"' * n,
        "quote + spaces": 'A="' + " " * n,
        "tab colon": "\t:" * (n // 2),
        "equals": "=" * n,
        "colon spaces": ": " * (n // 2),
        "item + spaces": "* " + " " * n + "x",  # softwareupdate `(.+?)\s*$`
        "item, fields without colon": "* x\n\tTitle: t," + " a" * (n // 2),  # softwareupdate `(\w[\w ]*?): `
        "item, open parens": "* x\n\tT" + " (" * (n // 2),  # softwareupdate `^(.*?),? \(([^)]*)\)`
        "Inst + brackets": "Inst a (b " + " [x" * (n // 3),  # apt `(.*) \[[^\]]+\]\)`
        "manage-bde field": "Volume C: []\n a:" + " " * n + "b",  # bitlocker `^\s+[^:]+?:\s*(.*?)\s*$`
        "manage-bde blanks": "Volume C: []\n" + " " * n + "x",
        "block comments": "/* " * (n // 3),  # apt.conf `/\*.*?\*/`
        "backslashes in quotes": 'A="' + "\\a" * (2 * n) + '"',  # os-release shlex (4x: milder)
        "words no colon": "a " * (n // 2),
        "open parens": " (" * (n // 2),
        "progress": "Encryption in progress " * (n // 23),  # fdesetup `in progress.*?Percent`
        "Role": apfs + "APFS Volume Disk (Role): x (" * (n // 28),
        "Name spaces": apfs + "Name: a" + " " * n + "b",  # diskutil, net accounts `(.+?)\s*$`
        "Mount Point spaces": apfs + "Mount Point: a" + " " * n + "b",
        "case sensitive": apfs + "Name: a " + " (" * (n // 2) + " " * n + "b (Case-sensitive)",
        "BEGIN": "-----BEGIN RSA PRIVATE KEY-----" * (n // 31),  # ssh_keys `(.*?)-----END \1-----`
        "star lines": "\n" * n,  # needs-restarting `^\s*\*` MULTILINE
        "blank lines": " \n" * (n // 2),
        "many lines": "x\n" * (n // 2),
        "deep json": "[" * n,
        "deep plist": "(" * n,
        "header columns": "NAME KNAME TYPE FSTYPE MOUNTPOINT "
        + " ".join(f"C{i}" for i in range(n // 7))
        + "\nx\n" * 4000,
        "HotFixID columns": "HotFixID " + " ".join(f"C{i}" for i in range(n // 7)) + "\nx\n" * 4000,
        "digits": "9" * n,
    }


def _time_each(name: str, labels: list[str], size: int, conn) -> None:
    texts = hostile_texts(size)
    for label in labels:
        conn.send(("start", label, ""))
        start = time.perf_counter()
        try:
            TARGETS[name].call(texts[label])
            outcome = ""
        except ParseError:
            outcome = ""
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            outcome = f"{type(exc).__name__}: {str(exc)[:80]}"
        conn.send(("done", label, (time.perf_counter() - start, outcome)))
    conn.send(("end", "", ""))


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_hostile_lines_run_in_linear_time(name):
    """Each hostile text, in a child process: a call over budget fails the test, and a call
    still running after STALL_S is killed (and the rest of the texts go on in a new child)."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    problems: list[str] = []
    todo = list(hostile_texts(10))
    while todo:
        parent, child_end = ctx.Pipe()
        child = ctx.Process(target=_time_each, args=(name, todo, LINEAR_SIZE, child_end), daemon=True)
        child.start()
        current = None
        try:
            while True:
                if not parent.poll(STALL_S + (0 if current else 20)):  # the first wait includes start-up
                    problems.append(f"stalled (killed after {STALL_S:g} s) on {current!r}")
                    todo = todo[todo.index(current) + 1 :] if current else []
                    break
                kind, label, value = parent.recv()
                if kind == "start":
                    current = label
                elif kind == "done":
                    seconds, raised = value
                    if raised:
                        problems.append(f"raised {raised} on {label!r}")
                    if seconds > PER_CALL_BUDGET_S:
                        problems.append(f"took {seconds:.2f} s on {label!r}")
                else:
                    todo = []
                    break
        finally:
            child.kill()
            child.join()
    assert not problems, f"{name} on {LINEAR_SIZE:,} characters:\n" + "\n".join(problems)
