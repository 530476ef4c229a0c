"""Write the demo machines shipped in src/hygiene/data/demos/: snapshots of typical machines
for workshops, with fixed clocks and host names, and a profile each.

The command outputs are written in the exact formats the real tools print (our own text,
not copies of third-party captures). Run it after changing what a check asks, then review
the diff; tests/data/test_demos.py checks that every question is answered and every score lands
in its band, and tests/data/test_make_demos.py that the shipped files are exactly what this writes.

    python tools/make_demos.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hygiene.checks.backups import TOOL_DIRS, TOOLS
from hygiene.checks.backups import linux as backups_linux
from hygiene.checks.backups import macos as backups_macos
from hygiene.checks.backups import windows as backups_windows
from hygiene.checks.backups.declared import restic_snapshots
from hygiene.checks.device import linux as device_linux
from hygiene.checks.device import macos as device_macos
from hygiene.checks.device import windows as device_windows
from hygiene.checks.device import windows_lock as device_lock
from hygiene.checks.encryption.linux import LSBLK_JSON, LUKS_DUMP
from hygiene.checks.encryption.macos import FDESETUP, SYSCTL_SWAP
from hygiene.checks.encryption.windows import BITLOCKER_JSON, FIXED_VOLUMES_JSON, FSUTIL_PAGING
from hygiene.checks.mfa import linux as mfa_linux
from hygiene.checks.mfa import macos as mfa_macos
from hygiene.checks.mfa import windows as mfa_windows
from hygiene.checks.passwords.linux import MANAGERS as LINUX_MANAGERS
from hygiene.checks.passwords.macos import MANAGERS as MAC_MANAGERS
from hygiene.checks.passwords.macos import PWPOLICY
from hygiene.checks.passwords.windows import INSTALLED, LOCAL_USERS, NET_ACCOUNTS
from hygiene.checks.updates import windows as updates_windows
from hygiene.checks.updates.linux import APT_LIST, APT_SECURITY_LISTS, REBOOT_FLAG_WRITERS, UNATTENDED_UPGRADE
from hygiene.checks.updates.macos import PREFS, SOFTWAREUPDATE, SW_VERS
from hygiene.checks.updates.windows import HOTFIX_JSON, WUA_SEARCH
from hygiene.engine import run_checks
from hygiene.model import Platform
from hygiene.platforms.linux import PACKAGE_MANAGERS
from hygiene.platforms.macos import DISKUTIL_APFS
from hygiene.platforms.windows import POWERSHELL
from hygiene.platforms.windows_services import service_key
from hygiene.profile import parse_profile
from hygiene.registry import BY_ID, CHECKS
from hygiene.system import SystemFacts
from hygiene.system.recorded import RecordedSystem
from hygiene.system.snapshot_document import CommandAnswer, DemoInfo, FileAnswer, RegistryAnswer, Snapshot, whole

OUT = Path(__file__).resolve().parents[1] / "src" / "hygiene" / "data" / "demos"
CLOCK = "2026-11-20T10:00:00+00:00"


def ok(stdout: str, stderr: str = "") -> CommandAnswer:
    return CommandAnswer(0, stdout, stderr)


def contents(files) -> dict[tuple[str, str], FileAnswer]:
    """Files as (path, text) pairs: None for an absent file, a FileAnswer with the error for
    one the audit could not read (e.g. /etc/shadow without root)."""
    return whole((p, c if isinstance(c, FileAnswer) else FileAnswer(content=c)) for p, c in files)


def registry(keys) -> dict[tuple[str, tuple[str, ...]], RegistryAnswer]:
    """Registry answers as ((key, value names), values) pairs: None for an absent key."""
    return {(key, tuple(names)): RegistryAnswer(values=values) for (key, names), values in keys}


def demo(name, title, description, platform, os_name, os_version, hostname, username, *, family="",
         commands=(), files=(), exists=(), globs=(), mtimes=(), ssh_keys=(), keys=(), profile="") -> Snapshot:  # fmt: skip
    home = {"linux": f"/home/{username}", "windows": f"C:\\Users\\{username}"}.get(platform, f"/Users/{username}")
    return Snapshot(
        SystemFacts(Platform(platform), os_name, os_version, hostname, username, home, family),
        CLOCK,
        tool_version="demo",
        demo=DemoInfo(name, title, description, profile),
        commands=whole(commands),
        files=contents(files),
        exists=dict(exists),
        globs=dict(globs),
        mtimes=dict(mtimes),
        ssh_keys=dict(ssh_keys),
        registry=registry(keys),
    )


def ps(script: str) -> tuple[str, ...]:
    return (*POWERSHELL, script)


# --- a neglected Windows laptop --------------------------------------------------------------

NET_ACCOUNTS_DEFAULT = """Force user logoff how long after time expires?:       Never
Minimum password age (days):                          0
Maximum password age (days):                          42
Minimum password length:                              0
Length of password history maintained:                None
Lockout threshold:                                    Never
Lockout duration (minutes):                           30
Lockout observation window (minutes):                 30
Computer role:                                        WORKSTATION
The command completed successfully.

"""
WINDOWS_USERS = [
    {"Name": "Administrator", "Enabled": False, "PasswordRequired": True},
    {"Name": "DefaultAccount", "Enabled": False, "PasswordRequired": False},
    {"Name": "demo-user", "Enabled": True, "PasswordRequired": True},
    {"Name": "Family", "Enabled": True, "PasswordRequired": False},
    {"Name": "Guest", "Enabled": False, "PasswordRequired": False},
]

WUA = [
    {"Title": "2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5071546)",
     "KB": ["5071546"], "Severity": "Critical", "Categories": ["Security Updates"], "RebootRequired": False},
    {"Title": "2026-10 Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for Windows 10 Version 22H2 for x64 (KB5066744)",
     "KB": ["5066744"], "Severity": "Important", "Categories": ["Security Updates"], "RebootRequired": False},
    {"Title": "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.441.118.0)",
     "KB": ["2267602"], "Severity": "", "Categories": ["Definition Updates"], "RebootRequired": False},
]  # fmt: skip
HOTFIXES = [
    {"HotFixID": "KB5058379", "Description": "Security Update", "InstalledOn": "2026-05-17T00:00:00.0000000+05:00"},
    {"HotFixID": "KB5054682", "Description": "Update", "InstalledOn": "2026-04-12T00:00:00.0000000+05:00"},
    {"HotFixID": "KB5011048", "Description": "Update", "InstalledOn": "2022-03-02T00:00:00.0000000+05:00"},
]
WINDOWS_FIREWALL = [{"Name": "Domain", "Enabled": "True", "Inbound": "NotConfigured"},
                    {"Name": "Private", "Enabled": "True", "Inbound": "NotConfigured"},
                    {"Name": "Public", "Enabled": "False", "Inbound": "NotConfigured"}]  # fmt: skip
# Real-time protection switched off "for a game" in October and never back on; signatures stale since.
WINDOWS_DEFENDER = {"AMServiceEnabled": True, "AntivirusEnabled": True, "RealTimeProtectionEnabled": False,
                    "IsTamperProtected": False, "AMRunningMode": "Normal",
                    "AntivirusSignatureLastUpdated": "2026-10-06T19:42:10.0000000+05:00", "AntivirusSignatureAge": 44}  # fmt: skip
WINDOWS_SECURITY_CENTER = [
    {"Class": "AntiVirusProduct", "Name": "Windows Defender", "State": 393488}
]  # off, out of date
WINDOWS_GROUPS = """"Group Name","Type","SID","Attributes"
"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"
"NT AUTHORITY\\Local account and member of Administrators group","Well-known group","S-1-5-114","Group used for deny only"
"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"
"BUILTIN\\Users","Alias","S-1-5-32-545","Mandatory group, Enabled by default, Enabled group"
"NT AUTHORITY\\INTERACTIVE","Well-known group","S-1-5-4","Mandatory group, Enabled by default, Enabled group"
"CONSOLE LOGON","Well-known group","S-1-2-1","Mandatory group, Enabled by default, Enabled group"
"NT AUTHORITY\\Authenticated Users","Well-known group","S-1-5-11","Mandatory group, Enabled by default, Enabled group"
"NT AUTHORITY\\This Organization","Well-known group","S-1-5-15","Mandatory group, Enabled by default, Enabled group"
"NT AUTHORITY\\Local account","Well-known group","S-1-5-113","Mandatory group, Enabled by default, Enabled group"
"LOCAL","Well-known group","S-1-2-0","Mandatory group, Enabled by default, Enabled group"
"NT AUTHORITY\\NTLM Authentication","Well-known group","S-1-5-64-10","Mandatory group, Enabled by default, Enabled group"
"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""
""".replace("\n", "\r\n")
# The Balanced plan set never to sleep while plugged in (a laptop that lives on its charger).
WINDOWS_SLEEP = """Power Scheme GUID: 381b4222-f694-41f0-9685-ff5bb260df2e  (Balanced)
  GUID Alias: SCHEME_BALANCED
  Subgroup GUID: 238c9fa8-0aad-41ed-83f4-97be242c8f20  (Sleep)
    GUID Alias: SUB_SLEEP
    Power Setting GUID: 29f6c1db-86da-48c5-9fdb-f2b67b1f44da  (Sleep after)
      GUID Alias: STANDBYIDLE
      Minimum Possible Setting: 0x00000000
      Maximum Possible Setting: 0xffffffff
      Possible Settings increment: 0x00000001
      Possible Settings units: Seconds
    Current AC Power Setting Index: 0x00000000
    Current DC Power Setting Index: 0x00000384

""".replace("\n", "\r\n")
WINDOWS = demo(
    "neglected-windows-laptop",
    "A neglected Windows laptop",
    "A family laptop on Windows 10 Home: updates paused for months, a restart never done, and Windows 10 out of support.",
    "windows",
    "Windows 10 Home",
    "10.0.19045",
    "DEMO-HOMEPC",
    "demo-user",
    commands=[
        (ps(WUA_SEARCH), ok(json.dumps(WUA, separators=(",", ":")))),
        (ps(HOTFIX_JSON), ok(json.dumps(HOTFIXES, separators=(",", ":")))),
        (NET_ACCOUNTS, ok(NET_ACCOUNTS_DEFAULT)),
        (FSUTIL_PAGING, ok("EncryptPagingFile = 0  (Disabled)\n")),
        (ps(FIXED_VOLUMES_JSON), ok("[]")),
        (
            ps(BITLOCKER_JSON),
            ok(
                '[{"MountPoint":"C:","VolumeStatus":"FullyDecrypted","ProtectionStatus":"Off",'
                '"EncryptionPercentage":0,"KeyProtector":[]}]'
            ),
        ),
        (ps(LOCAL_USERS), ok(json.dumps(WINDOWS_USERS, separators=(",", ":")))),
        (
            ps(INSTALLED),
            ok(json.dumps(["Google Chrome", "Zoom Workplace", "WhatsApp", "Microsoft Edge", "VLC media player"])),
        ),
        (ps(device_windows.FIREWALL_PROFILES), ok(json.dumps(WINDOWS_FIREWALL, separators=(",", ":")))),
        (ps(device_windows.SECURITY_CENTER), ok(json.dumps(WINDOWS_SECURITY_CENTER, separators=(",", ":")))),
        (ps(device_windows.DEFENDER_STATUS), ok(json.dumps(WINDOWS_DEFENDER, separators=(",", ":")))),
        # A DefaultPassword is there: the question asks only for value names, so its value is never read.
        (ps(device_windows.WINLOGON_NAMES_QUESTION), ok("True\r\n")),
        (device_windows.WHOAMI_GROUPS, ok(WINDOWS_GROUPS)),
        (device_lock.SLEEP_AFTER, ok(WINDOWS_SLEEP)),
    ],  # fmt: skip
    keys=[
        ((updates_windows.AU_POLICY, ("NoAutoUpdate", "AUOptions")), None),  # Home: no update policy
        (
            (updates_windows.UX_SETTINGS, ("PauseUpdatesExpiryTime",)),
            {"PauseUpdatesExpiryTime": "2026-12-24T09:12:44Z"},
        ),
        ((service_key(updates_windows.UPDATE_SERVICE), ("Start",)), {"Start": 3}),  # Manual
        ((updates_windows.REBOOT_FLAGS["RebootRequired"], ()), {}),
        ((updates_windows.REBOOT_FLAGS["RebootPending"], ()), None),
        (
            (updates_windows.NT_CURRENT_VERSION, updates_windows.VERSION_VALUES),
            {
                "ProductName": "Windows 10 Home",
                "DisplayVersion": "22H2",
                "ReleaseId": "2009",
                "CurrentBuild": "19045",
                "CurrentBuildNumber": "19045",
                "UBR": 5737,
                "EditionID": "Core",
                "InstallationType": "Client",
            },
        ),
        ((mfa_windows.TIME_PARAMETERS, ("Type",)), {"Type": "NTP"}),
        ((service_key(mfa_windows.TIME_SERVICE), ("Start",)), {"Start": 3}),  # Manual, started on demand
        ((service_key(mfa_windows.SSH_SERVICE), ("Start",)), None),  # no OpenSSH server
        ((device_lock.SYSTEM_POLICY, ("InactivityTimeoutSecs",)), {}),  # Home: no inactivity limit
        (
            (device_lock.DESKTOP, (*device_lock.SCREEN_SAVER, device_lock.SIGN_IN_DELAY)),
            {"ScreenSaveActive": "1", "ScreenSaveTimeOut": "900"},
        ),  # Windows' defaults: no screen saver chosen
        ((device_lock.DESKTOP_POLICY, device_lock.SCREEN_SAVER), None),
        ((device_lock.SLEEP_POLICY, device_lock.AC_DC), None),
        (
            (device_windows.WINLOGON, device_windows.WINLOGON_VALUES),
            {"AutoAdminLogon": "1", "DefaultUserName": "demo-user", "DefaultDomainName": "DEMO-HOMEPC"},
        ),  # set up so the children need no password
    ],  # fmt: skip
    profile='region = "PK"\n\n[attest]\ntraining_completed = "never"\nincident_reporting_known = 2026-09-02\nincident_plan = 2026-01-15\n\n[[accounts]]\nservice = "gmail"\nmethod = "none"\n\n[[accounts]]\nservice = "facebook"\nmethod = "sms"\n\n[[accounts]]\nservice = "JazzCash"\nmethod = "sms"\ncritical = true\n\n[[accounts]]\nservice = "WhatsApp"\nmethod = "none"\n',
)

# --- a half-hardened MacBook -------------------------------------------------------------------

SOFTWARE_UPDATES = (
    "Software Update Tool\n\nSoftware Update found the following new or updated software:\n"
    "* Label: Safari26.1SequoiaAuto-26.1\n"
    "\tTitle: Safari, Version: 26.1, Size: 159984KiB, Recommended: YES, \n"
    "* Label: macOS Sequoia 15.7.5-24G624\n"
    "\tTitle: macOS Sequoia 15.7.5, Version: 15.7.5, Size: 2073288KiB, Recommended: YES, Action: restart, \n"
)
MAC_PREFS = """{
    AutomaticCheckEnabled = 1;
    AutomaticDownload = 1;
    AutomaticallyInstallMacOSUpdates = 0;
    ConfigDataInstall = 1;
    CriticalUpdateInstall = 1;
    LastAttemptBuildVersion = "15.7.4 (24G517)";
    LastAttemptSystemVersion = "15.7.4 (24G517)";
    LastFullSuccessfulDate = "2026-11-18 08:41:12 +0000";
    LastRecommendedUpdatesAvailable = 2;
    LastResultCode = 2;
    LastSessionSuccessful = 1;
    LastSuccessfulDate = "2026-11-18 08:41:12 +0000";
    LastUpdatesAvailable = 2;
    PrimaryLanguages =     (
        "en-GB",
        ur
    );
}
"""
MAC_LOCKOUT_ONLY = """Getting global account policies
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>policyCategoryAuthentication</key>
\t<array>
\t\t<dict>
\t\t\t<key>policyContent</key>
\t\t\t<string>(policyAttributeFailedAuthentications &lt; policyAttributeMaximumFailedAuthentications) OR (policyAttributeCurrentTime &gt; (policyAttributeLastFailedAuthenticationTime + autoEnableInSeconds))</string>
\t\t\t<key>policyIdentifier</key>
\t\t\t<string>com.apple.maximumFailedLoginAttempts</string>
\t\t\t<key>policyParameters</key>
\t\t\t<dict>
\t\t\t\t<key>autoEnableInSeconds</key>
\t\t\t\t<integer>900</integer>
\t\t\t\t<key>policyAttributeMaximumFailedAuthentications</key>
\t\t\t\t<integer>10</integer>
\t\t\t</dict>
\t\t</dict>
\t</array>
</dict>
</plist>
"""
MAC_APFS = """APFS Container (1 found)
|
+-- Container disk3 5B2D7F4A-9C1E-4E3B-8A6D-1F3C5E7A9B2D
|   ====================================================
|   APFS Container Reference:     disk3
|   |
|   +-< Physical Store disk0s2 7A9C1E3B-5D7F-4B9A-8C2E-4F6A8C0E2B4D
|   |   APFS Physical Store Disk:   disk0s2
|   |
|   +-> Volume disk3s1 3C5E7A9B-1D3F-4C5E-9A7B-2D4F6A8C0E1F
|   |   ---------------------------------------------------
|   |   APFS Volume Disk (Role):   disk3s1 (System)
|   |   Name:                      Macintosh HD (Case-insensitive)
|   |   Mount Point:               Not Mounted
|   |   Sealed:                    Yes
|   |   FileVault:                 Yes (Unlocked)
|   |
|   +-> Volume disk3s5 8E0A2C4D-6F8B-4A0C-B2D4-6F8A0C2E4A6B
|       ---------------------------------------------------
|       APFS Volume Disk (Role):   disk3s5 (Data)
|       Name:                      Macintosh HD - Data (Case-insensitive)
|       Mount Point:               /System/Volumes/Data
|       Sealed:                    No
|       FileVault:                 Yes (Unlocked)
|
+-- Container disk5 2A4C6E8B-0D2F-4A6C-9E1B-3D5F7A9C1E3A
    ====================================================
    APFS Container Reference:     disk5
    |
    +-< Physical Store disk4s2 4C6E8A0B-2D4F-4C8E-A3B5-7D9F1B3D5F7A
    |   APFS Physical Store Disk:   disk4s2
    |
    +-> Volume disk5s1 6E8A0C2D-4F6B-4D8C-A2E4-8B0D2F4A6C8E
        ---------------------------------------------------
        APFS Volume Disk (Role):   disk5s1 (Backup)
        Name:                      Demo USB (Case-insensitive)
        Mount Point:               /Volumes/Demo USB
        Sealed:                    No
        FileVault:                 No
"""
MAC_DEVICE = [  # firewall on without stealth mode, locks after 20 minutes, an administrator at work
    (device_macos.SOCKETFILTERFW, ok("Firewall is enabled. (State = 1)\nFirewall stealth mode is off\n")),
    (device_macos.SCREENLOCK, ok("", "2026-11-20 09:59:12.418 sysadminctl[2211:40871] screenLock delay is immediate\n")),
    (device_macos.SCREENSAVER_IDLE, ok("1200\n")),
    (device_macos.PMSET, ok("Battery Power:\n displaysleep         10\n sleep                1\nAC Power:\n displaysleep         30\n sleep                0\n")),
    (
        device_macos.AUTO_LOGIN_USER,
        CommandAnswer(1, "", "2026-11-20 09:59:12.502 defaults[2214:40890] \nThe domain/default pair of "
                      "(/Library/Preferences/com.apple.loginwindow, autoLoginUser) does not exist\n"),
    ),
    (device_macos.SPCTL, ok("assessments enabled\n")),
    (device_macos.ID, ok("uid=501(demo-user) gid=20(staff) groups=20(staff),12(everyone),61(localaccounts),79(_appserverusr),80(admin),81(_appserveradm),98(_lpadmin),33(_appstore),100(_lpoperator),204(_developer)\n")),
]  # fmt: skip
MACOS = demo(
    "half-hardened-macbook",
    "A half-hardened MacBook",
    "A consultant's MacBook: checks for updates but leaves them waiting, and nobody has planned for a bad day.",
    "macos",
    "macOS",
    "15.7.4",
    "demo-macbook",
    "demo-user",
    commands=[
        (SOFTWAREUPDATE, ok(SOFTWARE_UPDATES)),
        (PREFS, ok(MAC_PREFS)),
        (SW_VERS, ok("ProductName:\t\tmacOS\nProductVersion:\t\t15.7.4\nBuildVersion:\t\t24G517\n")),
        (PWPOLICY, ok(MAC_LOCKOUT_ONLY)),
        (mfa_macos.MAC_NETWORK_TIME, ok("You need administrator access to run this tool... exiting!\n")),
        (FDESETUP, ok("FileVault is On.\nEncryption in progress: Percent completed = 63.4\n")),
        (DISKUTIL_APFS, ok(MAC_APFS)),
        (SYSCTL_SWAP, ok("vm.swapusage: total = 3072.00M  used = 1873.50M  free = 1198.50M  (encrypted)\n")),
        (
            mfa_macos.MACOS_REMOTE_LOGIN,
            ok('disabled services = {\n\t"com.openssh.sshd" => disabled\n\t"com.apple.screensharing" => disabled\n}\n'),
        ),
        *MAC_DEVICE,
    ],
    exists=[
        *((path, name == "1Password") for name, paths in MAC_MANAGERS.items() for path in paths),
        (device_macos.KCPASSWORD, False),
    ],
    mtimes=[(device_macos.XPROTECT_SEQUOIA, "2026-11-17T19:04:00+00:00")],  # XProtect updated over iCloud
    profile='[attest]\ntraining_completed = 2026-02-10\nincident_plan = "never"\n\n[[accounts]]\nservice = "iCloud"\nmethod = "push"\n\n[[accounts]]\nservice = "gmail"\nmethod = "app"\n\n[[accounts]]\nservice = "instagram"\nmethod = "none"\n',
)

# --- Linux machines: what every Linux check reads -----------------------------------------------

APT_ONLY = [(path, name == "apt") for name, path in PACKAGE_MANAGERS[:1]]


SWAP_FILE = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swap.img                               file\t\t2097148\t\t0\t\t-2\n"


def apt_machine(
    *,
    os_release,
    lsblk,
    mounts,
    apt_list,
    auto,
    reboot_pkgs,
    history,
    timedatectl,
    auth_files,
    manager_paths=(),
    sshd_t=None,
    luks_dump=None,
    **kwargs,
):
    reboot = reboot_pkgs is not None
    return dict(
        family="debian",
        commands=[
            (
                APT_LIST,
                ok(apt_list, "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n"),
            ),
            (LSBLK_JSON, ok(lsblk)),
            (("timedatectl", "show"), ok(timedatectl)),
            *([((mfa_linux.SSHD, "-T"), ok(sshd_t))] if sshd_t else []),
            *([luks_dump] if luks_dump else []),
        ],
        files=[
            ("/etc/os-release", os_release),
            ("/proc/self/mounts", mounts),
            ("/proc/swaps", kwargs.pop("swaps", SWAP_FILE)),
            ("/etc/apt/apt.conf.d/20auto-upgrades", auto),
            (
                "/etc/apt/apt.conf.d/50unattended-upgrades",
                '// Automatically upgrade packages from these origins\nUnattended-Upgrade::Allowed-Origins {\n\t"${distro_id}:${distro_codename}-security";\n};\n',
            ),
            ("/etc/apt/apt.conf", None),
            ("/var/log/apt/history.log", history),
            *([("/run/reboot-required.pkgs", reboot_pkgs)] if reboot else []),
            *auth_files,
            *[(path, None) for path in mfa_linux.LOGIN_STACKS if path not in {f for f, _ in auth_files}],
        ],
        exists=[
            *APT_ONLY,
            (UNATTENDED_UPGRADE, True),
            ("/run/reboot-required", reboot),
            *([] if reboot else [("/var/run/reboot-required", False)]),
            *[(w, True) for w in REBOOT_FLAG_WRITERS],
            *[(path, path in manager_paths) for paths in LINUX_MANAGERS.values() for path in paths],
            (mfa_linux.SSHD, sshd_t is not None),
        ],  # fmt: skip
        globs=[
            (
                "/etc/apt/apt.conf.d/*",
                ["/etc/apt/apt.conf.d/20auto-upgrades", "/etc/apt/apt.conf.d/50unattended-upgrades"],
            ),
            (APT_SECURITY_LISTS, kwargs.pop("security_lists")),
            ("/etc/security/pwquality.conf.d/*.conf", []),
        ],
        mtimes=[
            ("/var/lib/apt/periodic/update-success-stamp", "2026-11-20T06:14:09+00:00"),
            ("/var/lib/apt/lists", "2026-11-20T06:14:09+00:00"),
        ],
        **kwargs,
    )


COMMON_PASSWORD_PWQUALITY = """# /etc/pam.d/common-password - password-related modules common to all services
password\trequisite\t\t\tpam_pwquality.so retry=3
password\t[success=1 default=ignore]\tpam_unix.so obscure use_authtok try_first_pass yescrypt
password\trequisite\t\t\tpam_deny.so
password\trequired\t\t\tpam_permit.so
"""
COMMON_AUTH_FAILLOCK = """# /etc/pam.d/common-auth - authentication settings common to all services
auth\trequired\t\t\tpam_faillock.so preauth
auth\t[success=1 default=ignore]\tpam_unix.so nullok
auth\t[default=die]\t\t\tpam_faillock.so authfail
auth\tsufficient\t\t\tpam_faillock.so authsucc
auth\trequisite\t\t\tpam_deny.so
auth\trequired\t\t\tpam_permit.so
"""
SHADOW = (
    "root:$y$j9T$Qm2h0mN1kq$8vZ0bD1cXo4wP7yS6tE2fR9uA3lK5nM8jH1gF4dS7aB:20300:0:99999:7:::\n"
    "daemon:*:20300:0:99999:7:::\n"
    "demo-admin:$y$j9T$a7Kd0p2Lm$Zr4T1xQw8Ye6Vb3Nc5Mu7Ki9Oj2Hl4Gf6Ds8Ap1Sq3:20380:0:90:7:::\n"
)


SERVER_SSHD_T = (
    "port 22\naddressfamily any\nusepam yes\npermitrootlogin without-password\npubkeyauthentication yes\n"
    "passwordauthentication no\nkbdinteractiveauthentication no\nauthenticationmethods any\n"
)


def auth(*, minlen: str, deny: str, max_days: str, shadow) -> list:
    return [
        ("/etc/pam.d/common-password", COMMON_PASSWORD_PWQUALITY),
        ("/etc/pam.d/common-auth", COMMON_AUTH_FAILLOCK),
        ("/etc/pam.d/system-auth", None),
        ("/etc/pam.d/password-auth", None),
        (
            "/etc/security/pwquality.conf",
            f"# Configuration for systemwide password quality limits\nminlen = {minlen}\n",
        ),
        (
            "/etc/security/faillock.conf",
            f"# Lock the user after failed authentication attempts.\ndeny = {deny}\nunlock_time = 900\n",
        ),
        (
            "/etc/login.defs",
            f"MAIL_DIR        /var/mail\nPASS_MAX_DAYS\t{max_days}\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\n",
        ),
        ("/etc/shadow", shadow),
    ]


SYNCED = "Timezone=Asia/Karachi\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=yes\nTimeUSec=Fri 2026-11-20 15:00:00 PKT\nRTCTimeUSec=Fri 2026-11-20 10:00:00 UTC\n"
AUTO_ON = 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n'
HISTORY = """
Start-Date: 2026-11-19  06:25:31
Commandline: /usr/bin/unattended-upgrade
Upgrade: libssl3t64:amd64 (3.0.13-0ubuntu3.6, 3.0.13-0ubuntu3.7), openssl:amd64 (3.0.13-0ubuntu3.6, 3.0.13-0ubuntu3.7)
End-Date: 2026-11-19  06:25:40
"""

SERVER_LSBLK = """{
   "blockdevices": [
      {
         "name": "sda",
         "kname": "sda",
         "type": "disk",
         "fstype": null,
         "mountpoint": null,
         "children": [
            {
               "name": "sda1",
               "kname": "sda1",
               "type": "part",
               "fstype": "vfat",
               "mountpoint": "/boot/efi"
            },{
               "name": "sda2",
               "kname": "sda2",
               "type": "part",
               "fstype": "ext4",
               "mountpoint": "/"
            }
         ]
      },{
         "name": "sdb",
         "kname": "sdb",
         "type": "disk",
         "fstype": null,
         "mountpoint": null,
         "children": [
            {
               "name": "sdb1",
               "kname": "sdb1",
               "type": "part",
               "fstype": "ext4",
               "mountpoint": "/srv/share"
            }
         ]
      }
   ]
}
"""
SERVER = demo(
    "small-office-ubuntu-server",
    "A small-office Ubuntu server",
    "The file server of a five-person office: patched automatically, but never restarted, its disks unencrypted, and training overdue.",
    "linux",
    "Ubuntu 22.04.5 LTS",
    "22.04",
    "demo-fileserver",
    "demo-admin",
    **apt_machine(
        os_release='PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.5 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\nUBUNTU_CODENAME=jammy\n',
        lsblk=SERVER_LSBLK,
        mounts="/dev/sda2 / ext4 rw,relatime 0 0\n/dev/sda1 /boot/efi vfat rw,relatime 0 0\n/dev/sdb1 /srv/share ext4 rw,relatime 0 0\n",
        apt_list="Listing...\nsnapd/jammy-updates 2.72+22.04 amd64 [upgradable from: 2.71+22.04]\n",
        auto=AUTO_ON,
        reboot_pkgs="linux-image-5.15.0-161-generic\nlinux-base\n",
        history=HISTORY,
        timedatectl=SYNCED,
        security_lists=["/var/lib/apt/lists/security.ubuntu.com_ubuntu_dists_jammy-security_InRelease"],
        auth_files=auth(minlen="12", deny="5", max_days="90", shadow=SHADOW),
        sshd_t=SERVER_SSHD_T,
        profile='region = "PK"\n\n[attest]\ntraining_completed = 2025-09-01\nincident_reporting_known = 2026-08-12\nincident_plan = 2026-05-04\npassword_manager = 2025-02-01\n\n[[accounts]]\nservice = "Microsoft 365"\nmethod = "push"\n\n[[accounts]]\nservice = "Meezan Bank"\nmethod = "sms"\ncritical = true\n\n[[accounts]]\nservice = "Bitwarden"\nmethod = "app"\n\n[[accounts]]\nservice = "GitHub"\nmethod = "app"\n',
    ),
)

LAPTOP_LSBLK = """{
   "blockdevices": [
      {
         "name": "nvme0n1",
         "kname": "nvme0n1",
         "type": "disk",
         "fstype": null,
         "mountpoint": null,
         "children": [
            {
               "name": "nvme0n1p1",
               "kname": "nvme0n1p1",
               "type": "part",
               "fstype": "vfat",
               "mountpoint": "/boot/efi"
            },{
               "name": "nvme0n1p2",
               "kname": "nvme0n1p2",
               "type": "part",
               "fstype": "ext4",
               "mountpoint": "/boot"
            },{
               "name": "nvme0n1p3",
               "kname": "nvme0n1p3",
               "type": "part",
               "fstype": "crypto_LUKS",
               "mountpoint": null,
               "children": [
                  {
                     "name": "nvme0n1p3_crypt",
                     "kname": "dm-0",
                     "type": "crypt",
                     "fstype": "LVM2_member",
                     "mountpoint": null,
                     "children": [
                        {
                           "name": "demo--vg-root",
                           "kname": "dm-1",
                           "type": "lvm",
                           "fstype": "ext4",
                           "mountpoint": "/"
                        }
                     ]
                  }
               ]
            }
         ]
      }
   ]
}
"""
LAPTOP = demo(
    "well-kept-debian-laptop",
    "A well-kept Debian laptop",
    "For contrast: an encrypted laptop that updates itself, with training and reporting in hand; only the incident plan is due for review.",
    "linux",
    "Debian GNU/Linux 13 (trixie)",
    "13",
    "demo-laptop",
    "demo-user",
    **apt_machine(
        os_release='PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="13"\nVERSION="13 (trixie)"\nVERSION_CODENAME=trixie\nID=debian\n',
        lsblk=LAPTOP_LSBLK,
        mounts="/dev/mapper/demo--vg-root / ext4 rw,relatime,errors=remount-ro 0 0\n/dev/nvme0n1p2 /boot ext4 rw,relatime 0 0\n",
        apt_list="Listing...\n",
        auto=AUTO_ON,
        reboot_pkgs=None,
        history=HISTORY.replace("ubuntu3", "deb13u").replace("libssl3t64", "libssl3"),
        timedatectl=SYNCED.replace("Asia/Karachi", "Europe/Berlin").replace("PKT", "CET"),
        security_lists=["/var/lib/apt/lists/deb.debian.org_debian-security_dists_trixie-security_InRelease"],
        auth_files=auth(minlen="15", deny="5", max_days="99999", shadow=FileAnswer(error="Permission denied")),
        manager_paths=("/usr/bin/keepassxc",),
        # Not run as administrator, so cryptsetup cannot read the LUKS header.
        luks_dump=(
            (*LUKS_DUMP, "/dev/nvme0n1p3"),
            CommandAnswer(4, "", "Device /dev/nvme0n1p3 does not exist or access denied.\n"),
        ),
        profile='region = "DE"\n\n[attest]\ntraining_completed = 2026-04-22\nincident_reporting_known = 2026-04-22\nincident_plan = 2025-09-30\n\n[[accounts]]\nservice = "Proton Mail"\nmethod = "security_key"\n\n[[accounts]]\nservice = "KeePassXC sync (Nextcloud)"\nmethod = "app"\ncritical = true\n\n[[accounts]]\nservice = "GitHub"\nmethod = "passkey"\n',
    ),
)


# What the device checks read on the two Linux machines: no desktop, display manager, getty
# autologin or ClamAV unless named.
NO_LINUX_DESKTOP = [
    (device_linux.GNOME_SHELL, False),
    (device_linux.PLASMA_SHELL, False),
    *[(path, False) for path in device_linux.OTHER_DESKTOPS.values()],
    *[(path, False) for path in device_linux.CLAMAV_PROGRAMS],
]
NO_DM_FILES = [
    *[(path, None) for path in device_linux.GDM_FILES],
    (device_linux.LIGHTDM_FILE, None),
    (device_linux.SDDM_FILE, None),
]
NO_DM_GLOBS = [
    *[(f"{folder}/*.conf", []) for folder in (*device_linux.LIGHTDM_DIRS, *device_linux.SDDM_DIRS)],
    *[(pattern, []) for pattern in device_linux.GETTY_DROPINS],
]
SERVER_UFW = """Status: active
Logging: on (low)
Default: deny (incoming), allow (outgoing), disabled (routed)
New profiles: skip

To                         Action      From
--                         ------      ----
22/tcp                     ALLOW IN    192.168.10.0/24
445/tcp                    ALLOW IN    192.168.10.0/24
22/tcp (v6)                ALLOW IN    Anywhere (v6)
"""
# The file server, audited with `sudo hygiene audit` by demo-admin, who logged in over SSH:
# ufw on, no desktop, and demo-admin's sudo asks for the password.
SERVER_DEVICE = dict(
    commands=[
        (device_linux.UFW_STATUS, ok(SERVER_UFW)),
        (device_linux.ID, ok("uid=0(root) gid=0(root) groups=0(root)\n")),
        (("getent", "passwd", "1000"), ok("demo-admin::1000:1000::/home/demo-admin:/bin/bash\n")),
        (("id", "--", "demo-admin"), ok("uid=1000(demo-admin) gid=1000(demo-admin) groups=1000(demo-admin),4(adm),27(sudo),110(lxd)\n")),
        ((*device_linux.SUDO_LIST, "-U", "demo-admin"), ok("User demo-admin may run the following commands on demo-fileserver:\n    (ALL : ALL) ALL\n")),
    ],
    files=[(device_linux.LOGIN_UID, "1000\n"), (device_linux.DEFAULT_DISPLAY_MANAGER, None), *NO_DM_FILES],
    exists=[*NO_LINUX_DESKTOP, *[(path, False) for path in device_linux.DISPLAY_MANAGERS]],
    globs=NO_DM_GLOBS,
)  # fmt: skip
# The laptop, audited by demo-user without sudo: ufw configured on (its status needs root),
# GNOME locking after 5 minutes, GDM without automatic login, and demo-user in the sudo group
# (whether sudo asks for the password only root can read: DEV-005 says run with sudo).
LAPTOP_GNOME = {
    "idle-delay": "uint32 300",
    "lock-enabled": "true",
    "lock-delay": "uint32 0",
    "disable-lock-screen": "false",
}
LAPTOP_DEVICE = dict(
    commands=[
        (device_linux.UFW_STATUS, CommandAnswer(1, "", "ERROR: You need to be root to run this script\n")),
        (device_linux.systemctl_is_active("ufw"), ok("active\n")),
        (device_linux.ID, ok("uid=1000(demo-user) gid=1000(demo-user) groups=1000(demo-user),24(cdrom),25(floppy),27(sudo),29(audio),30(dip),44(video),46(plugdev),100(users),106(netdev)\n")),
        *[(device_linux.gsettings_get(schema, key), ok(LAPTOP_GNOME[key] + "\n")) for schema, key in device_linux.GNOME_KEYS],
    ],
    files=[
        (device_linux.UFW_CONF, "ENABLED=yes\n"),
        (device_linux.UFW_DEFAULTS, 'DEFAULT_INPUT_POLICY="DROP"\n'),
        (device_linux.DEFAULT_DISPLAY_MANAGER, "/usr/sbin/gdm3\n"),
        *NO_DM_FILES,
        ("/etc/gdm3/daemon.conf", "[daemon]\n[security]\n[xdmcp]\n[chooser]\n[greeter]\n[debug]\n"),
    ],
    exists=[*NO_LINUX_DESKTOP, (device_linux.GNOME_SHELL, True)],
    globs=NO_DM_GLOBS,
)  # fmt: skip


def with_linux_device(snap: Snapshot, *, commands=(), files=(), exists=(), globs=()) -> Snapshot:
    """What the device checks read on a Linux demo (a later answer to the same question wins)."""
    snap.commands.update(whole(commands))
    snap.files.update(contents(files))
    snap.exists.update(exists)
    snap.globs.update(globs)
    return snap


def with_ssh_keys(snap: Snapshot, keys: dict[str, dict]) -> Snapshot:
    """The demo user's ~/.ssh: which private keys it holds (facts only, as snapshots record)."""
    home = snap.facts.home
    snap.globs[f"{home}/.ssh/*"] = [f"{home}/.ssh/{name}" for name in keys]
    snap.files.update(contents([(f"{home}/.ssh/config", None)]))
    snap.ssh_keys.update({f"{home}/.ssh/{name}": facts for name, facts in keys.items()})
    return snap


def with_backups(
    snap: Snapshot, *, profile: str = "", attest: str = "", commands=(), exists=(), globs=(), keys=(), backups=()
) -> Snapshot:
    """What the backup checks ask: the tools' state on this machine, declared backups (added
    to the demo's profile, with statements added to its [attest]) and the facts `backup
    verify` would read about them."""
    snap.demo.profile = snap.demo.profile.replace("[attest]\n", "[attest]\n" + attest, 1) + profile
    snap.commands.update(whole(commands))
    snap.exists.update(exists)
    snap.globs.update(globs)
    snap.registry.update(registry(keys))
    snap.backups = dict(backups)
    return snap


def with_files(snap: Snapshot, files: dict[str, str | None]) -> Snapshot:
    snap.files.update(contents(files.items()))
    return snap


def no_backup_tools(*, installed=()) -> list[tuple[str, bool]]:
    return [(f"{d}/{t}", f"{d}/{t}" in installed) for t in TOOLS for d in TOOL_DIRS]


def key(kind: str, bits: int, encrypted: bool, hardware: bool = False) -> dict:
    return {"format": "openssh", "type": kind, "bits": bits, "encrypted": encrypted, "hardware": hardware}


RESTIC_FACTS = {"kind": "restic repository", "encrypted": True, "certainty": "format", "weak": False,
                "detail": "restic always encrypts (AES-256 + Poly1305)", "size": 48_213_331_200, "files": 10_412}  # fmt: skip
DEMOS = (
    with_backups(
        with_ssh_keys(WINDOWS, {}),
        exists=[("C:/Users/demo-user/" + backups_windows.FILE_HISTORY, False)],
        keys=[
            (
                (backups_windows.USER_SHELL_FOLDERS, tuple(backups_windows.SHELL_FOLDERS)),
                {name: f"%USERPROFILE%\\{folder}" for name, folder in backups_windows.SHELL_FOLDERS.items()},
            )
        ],  # the folders where Windows puts them, not moved into OneDrive
    ),
    with_backups(
        with_ssh_keys(MACOS, {"id_ed25519": key("ed25519", 256, encrypted=False)}),
        commands=[
            (
                backups_macos.TM_DESTINATIONS,
                ok(
                    "====================================================\nName          : Demo USB\n"
                    "Kind          : Local\nMount Point   : /Volumes/Demo USB\n"
                    "ID            : 6F1D2C9A-3B7E-4E55-9C1A-2D4B8E0F7A31\n"
                ),
            ),
            (
                backups_macos.TM_LATEST,
                ok("/Volumes/.timemachine/6F1D2C9A/2026-10-12-201544.backup/2026-10-12-201544.backup\n"),
            ),
        ],
        exists=no_backup_tools(),
    ),  # fmt: skip
    with_backups(
        with_files(
            with_ssh_keys(
                with_linux_device(SERVER, **SERVER_DEVICE), {"id_ed25519": key("ed25519", 256, encrypted=True)}
            ),
            {"/sys/class/block/sdb1/removable": None, "/sys/class/block/sdb/removable": "0\n"},  # a fixed disk
        ),
        profile=(
            '\n[[backups]]\nname = "office share (borg)"\npath = "/srv/backup/borg"\n'
            '\n[[backups]]\nname = "NAS at the partner\'s office (restic)"\nrepository = "sftp:backup@nas.example.pk:/restic"\noffsite = true\n'
        ),
        attest='restore_tested = "never"\n',
        exists=[
            (backups_linux.TIMESHIFT_CONFIG, False),
            (backups_linux.RSNAPSHOT_CONFIG, False),
            (backups_linux.DEJA_DUP, False),
        ],
        backups=[
            (
                "/srv/backup/borg",
                {
                    "kind": "borg repository",
                    "encrypted": False,
                    "certainty": "format",
                    "weak": False,
                    "detail": "encryption mode: none",
                    "newest": "2026-11-18T01:30:00+00:00",
                    "size": 212_000_000_000,
                    "files": 4_211,
                },
            ),
        ],
    ),  # fmt: skip
    with_backups(
        with_ssh_keys(
            with_linux_device(LAPTOP, **LAPTOP_DEVICE),
            {"id_ed25519_sk": key("ed25519-sk", 256, encrypted=False, hardware=True)},
        ),
        profile=('\n[[backups]]\nname = "USB disk (restic)"\npath = "/media/demo-user/backup/restic"\n'),
        attest="restore_tested = 2026-08-30\noffsite_copy = 2026-11-02\n",
        commands=[
            # What the shipped demo holds: restic as BAK-002 asked before it named the repository
            # `--repo local:PATH`. The replay finds no answer to today's question, so BAK-002
            # judges the backup's facts below. Asking bs.restic_snapshots(...) here changes
            # BAK-002's summary ("0.7 days old"): a change of output for its own commit.
            (
                restic_snapshots("/media/demo-user/backup/restic"),
                ok(
                    json.dumps(
                        [
                            {
                                "time": f"2026-11-{day}T19:02:41.518204377+01:00",
                                "hostname": "demo-laptop",
                                "username": "demo-user",
                                "paths": ["/home/demo-user"],
                                "id": f"{day}c4e1a9",
                                "short_id": f"{day}c4e1a9",
                            }
                            for day in (18, 19)
                        ]
                    )
                ),
            ),
        ],  # fmt: skip
        exists=[
            (backups_linux.TIMESHIFT_CONFIG, False),
            (backups_linux.RSNAPSHOT_CONFIG, False),
            (backups_linux.DEJA_DUP, False),
        ],
        backups=[("/media/demo-user/backup/restic", {**RESTIC_FACTS, "newest": "2026-11-19T19:02:41+00:00"})],
    ),
)


def write_demos(folder: Path) -> int:
    """Write every demo into `folder`; 1, and no further demo written, when one leaves a
    question unanswered."""
    folder.mkdir(parents=True, exist_ok=True)
    for snap in DEMOS:
        name = snap.demo.name
        doc = snap.document()
        profile = parse_profile(snap.demo.profile, Path(f"{name} profile"), known_checks=frozenset(BY_ID))
        unanswered = [
            f"{meta.id}: {finding.summary}"
            for meta, finding in run_checks(RecordedSystem(doc, profile), CHECKS)
            if "snapshot has no" in finding.summary or "snapshot does not say" in finding.summary
        ]
        if unanswered:
            print(f"{name} leaves questions unanswered:\n  " + "\n  ".join(unanswered), file=sys.stderr)
            return 1
        (folder / f"{name}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {name}")
    return 0


def main() -> int:
    return write_demos(OUT)


if __name__ == "__main__":
    sys.exit(main())
