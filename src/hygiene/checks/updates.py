"""Updates category: are security fixes arriving and taking effect, on every platform?

Each check asks the module of the host's platform for what it finds (updates_linux,
updates_macos, updates_windows); update_rules judges it the same way everywhere."""

from __future__ import annotations

from types import ModuleType

from hygiene.checks import updates_linux, updates_macos, updates_windows
from hygiene.checks.base import check
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity
from hygiene.system import System

ALL = (Platform.LINUX, Platform.MACOS, Platform.WINDOWS)
BY_PLATFORM: dict[Platform, ModuleType] = {
    Platform.LINUX: updates_linux,
    Platform.MACOS: updates_macos,
    Platform.WINDOWS: updates_windows,
}
ESSENTIAL_EIGHT = "ASD Essential Eight: Patch operating systems"
CYBER_ESSENTIALS = "UK Cyber Essentials: Security update management"
WINDOWS_UPDATE = "Settings > Windows Update > Check for updates, install everything offered, then restart."

UPD_001 = CheckMeta(
    id="UPD-001",
    title="No security updates are waiting to be installed",
    category=Category.UPDATES,
    severity=Severity.CRITICAL,
    platforms=ALL,
    rationale=(
        "A published security update tells attackers exactly which flaw to use; machines that "
        "have not installed it are the ones they find. Installing updates within days is the "
        "single most effective defence an individual or small office has."
    ),
    remediation={
        Platform.LINUX: (
            "Install the pending updates with your package manager (below for your distribution), then "
            "restart if asked."
        ),
        Platform.MACOS: (
            "System Settings > General > Software Update > Update Now, or in Terminal: `softwareupdate "
            "-ia` (add `-R` to restart when needed)."
        ),
        Platform.WINDOWS: WINDOWS_UPDATE,
    },
    family_remediation={
        "debian": (
            "`sudo apt update && sudo apt upgrade` (or `sudo apt full-upgrade` to also take new "
            "dependencies such as a new kernel)."
        ),
        "rhel": (
            "`sudo dnf upgrade --security` for security fixes only, or `sudo dnf upgrade` for everything "
            "(`yum` on older releases)."
        ),
        "suse": "`sudo zypper patch --category security` (or `sudo zypper patch` for all patches).",
        "arch": "`sudo pacman -Syu` (always a full upgrade: partial upgrades are unsupported).",
        "alpine": "`apk update && apk upgrade` as root.",
    },
    references=(
        "CIS Controls v8 7.3 (Perform Automated Operating System Patch Management)",
        ESSENTIAL_EIGHT,
        CYBER_ESSENTIALS,
    ),
)

UPD_002 = CheckMeta(
    id="UPD-002",
    title="Updates were checked for and installed recently",
    category=Category.UPDATES,
    severity=Severity.HIGH,
    platforms=ALL,
    rationale=(
        "A machine that has not looked for updates in weeks cannot know what it is missing. "
        "UK Cyber Essentials asks for high-risk fixes within 14 days; CIS Controls asks for "
        "operating system updates at least monthly."
    ),
    remediation={
        Platform.LINUX: (
            "Check for and install updates now, and turn on automatic updates (UPD-003) so it keeps happening."
        ),
        Platform.MACOS: "System Settings > General > Software Update: let it check, and install what it offers.",
        Platform.WINDOWS: WINDOWS_UPDATE,
    },
    family_remediation={
        "debian": "`sudo apt update && sudo apt upgrade`; with unattended-upgrades on, this happens every day.",
        "rhel": "`sudo dnf upgrade --refresh`; enable `dnf-automatic-install.timer` so it keeps happening.",
        "suse": "`sudo zypper refresh && sudo zypper patch`.",
        "arch": "`sudo pacman -Syu` at least weekly.",
        "alpine": "`apk update && apk upgrade` as root.",
    },
    references=("CIS Controls v8 7.3", "CIS Controls v8 7.4", CYBER_ESSENTIALS),
)

UPD_003 = CheckMeta(
    id="UPD-003",
    title="Automatic security updates are on",
    category=Category.UPDATES,
    severity=Severity.HIGH,
    platforms=ALL,
    rationale=(
        "Most break-ins use flaws that were fixed weeks or months earlier. Installing security "
        "updates automatically closes that window without anyone having to remember."
    ),
    remediation={
        Platform.LINUX: "Turn on your distribution's automatic security updates (below for your distribution).",
        Platform.MACOS: (
            "System Settings > General > Software Update > Automatic Updates (the (i) button): turn on "
            "'Check for updates', 'Download new updates when available', 'Install macOS updates' and "
            "'Install Security Responses and system files'."
        ),
        Platform.WINDOWS: (
            "Settings > Windows Update: resume updates if they are paused. If your organisation set a "
            "policy (gpedit.msc > Computer Configuration > Administrative Templates > Windows Components > "
            "Windows Update > Configure Automatic Updates), set it to 'Auto download and schedule the "
            "install', and make sure the Windows Update service is not disabled (services.msc)."
        ),
    },
    family_remediation={
        "debian": (
            "`sudo apt install unattended-upgrades` then `sudo dpkg-reconfigure -plow unattended-upgrades` "
            'and answer Yes; this writes APT::Periodic::Update-Package-Lists "1"; and '
            'APT::Periodic::Unattended-Upgrade "1"; to /etc/apt/apt.conf.d/20auto-upgrades.'
        ),
        "rhel": (
            "`sudo dnf install dnf-automatic` then `sudo systemctl enable --now "
            "dnf-automatic-install.timer` (EL7: yum-cron with apply_updates = yes)."
        ),
        "suse": (
            "openSUSE: `sudo zypper install os-update` and `sudo systemctl enable --now os-update.timer`; "
            "SLES: YaST > Online Update Configuration > Automatic Online Update."
        ),
        "arch": "Arch expects updates by hand: run `sudo pacman -Syu` weekly and read the news at archlinux.org first.",
        "alpine": "Schedule `apk upgrade --available` from root's crontab (e.g. daily), or update by hand weekly.",
    },
    references=(
        "CIS Controls v8 7.3 (Perform Automated Operating System Patch Management)",
        ESSENTIAL_EIGHT,
        CYBER_ESSENTIALS,
    ),
)

UPD_004 = CheckMeta(
    id="UPD-004",
    title="No reboot is pending for installed updates",
    category=Category.UPDATES,
    severity=Severity.MEDIUM,
    platforms=ALL,
    rationale=(
        "A kernel or core-library update protects you only after a restart; until then the old, "
        "vulnerable code keeps running even though the update looks installed."
    ),
    remediation={
        Platform.LINUX: "Save your work and restart: `sudo reboot`.",
        Platform.MACOS: "Apple menu > Restart, or System Settings > General > Software Update > Restart Now.",
        Platform.WINDOWS: "Save your work, then Start > Power > 'Update and restart'.",
    },
    family_remediation={
        "debian": (
            "Save your work and restart: `sudo reboot`. The packages that asked for it are listed in "
            "/run/reboot-required.pkgs."
        ),
        "rhel": "Save your work and restart: `sudo reboot`. `sudo needs-restarting -r` shows why.",
    },
    references=("CIS Controls v8 7.3", ESSENTIAL_EIGHT),
)

UPD_005 = CheckMeta(
    id="UPD-005",
    title="This operating system release still gets security updates",
    category=Category.UPDATES,
    severity=Severity.CRITICAL,
    platforms=ALL,
    rationale=(
        "After its end of life a release gets no more security fixes, however diligently you "
        "update it: every flaw found from then on stays open for good."
    ),
    remediation={
        Platform.LINUX: "Upgrade to a supported release of your distribution (below), after a backup.",
        Platform.MACOS: (
            "System Settings > General > Software Update > Upgrade Now to the newest macOS your Mac "
            "supports. A Mac too old for a supported macOS should not be used for banking or work."
        ),
        Platform.WINDOWS: (
            "Settings > Windows Update: install the newest feature update (Windows 11 25H2 or later). A PC "
            "that cannot run Windows 11 can enrol in Extended Security Updates for a while, or move to a "
            "supported system (e.g. a Linux distribution)."
        ),
    },
    family_remediation={
        "debian": (
            "Ubuntu: `sudo do-release-upgrade`. Debian: follow the release notes' upgrade chapter (change "
            "the suite in /etc/apt/sources.list, then `sudo apt full-upgrade`). Ubuntu LTS past standard "
            "support: `sudo pro attach` for ESM."
        ),
        "rhel": (
            "Fedora: `sudo dnf system-upgrade download --releasever=N` then `sudo dnf system-upgrade "
            "reboot`. RHEL and its rebuilds: `leapp` upgrades in place, or reinstall."
        ),
        "suse": (
            "openSUSE Leap: follow the upgrade guide (`zypper --releasever=N dup`); SLES: `SUSEConnect` "
            "and `zypper migration`."
        ),
        "alpine": (
            "Change the version in /etc/apk/repositories to a supported branch, then `apk upgrade "
            "--available` and restart."
        ),
    },
    references=(
        "CIS Controls v8 2.2 (Ensure Authorized Software is Currently Supported)",
        ESSENTIAL_EIGHT,
        CYBER_ESSENTIALS,
    ),
)


def _on_platform(system: System) -> ModuleType:
    return BY_PLATFORM[system.facts.platform]


@check(UPD_001)
def no_pending_security_updates(system: System) -> Finding:
    return _on_platform(system).pending(system)


@check(UPD_002)
def updated_recently(system: System) -> Finding:
    return _on_platform(system).recency(system)


@check(UPD_003)
def automatic_updates(system: System) -> Finding:
    return _on_platform(system).automatic(system)


@check(UPD_004)
def no_pending_reboot(system: System) -> Finding:
    return _on_platform(system).reboot(system)


@check(UPD_005)
def release_supported(system: System) -> Finding:
    return _on_platform(system).release(system)
