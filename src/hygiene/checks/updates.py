"""Updates category: are security fixes arriving and taking effect?"""

from __future__ import annotations

from hygiene.checks.base import check, unknown
from hygiene.checks.linux import uses_apt
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import ParseError
from hygiene.parsers.apt_conf import apt_part_files, parse_apt_conf, periodic_enabled
from hygiene.system import System

UNATTENDED_UPGRADE = "/usr/bin/unattended-upgrade"
REBOOT_FLAGS = ("/run/reboot-required", "/var/run/reboot-required")
# What writes the reboot flag: Ubuntu's update-notifier-common (called by package scripts) and
# Debian's unattended-upgrades kernel hook. Without either, a missing flag proves nothing.
REBOOT_FLAG_WRITERS = (
    "/usr/share/update-notifier/notify-reboot-required",
    "/etc/kernel/postinst.d/unattended-upgrades",
)
MAX_LISTED = 10

UPD_003 = CheckMeta(
    id="UPD-003",
    title="Automatic security updates are on",
    category=Category.UPDATES,
    severity=Severity.HIGH,
    platforms=(Platform.LINUX,),
    rationale=(
        "Most break-ins use flaws that were fixed weeks or months earlier. Installing security "
        "updates automatically closes that window without anyone having to remember."
    ),
    remediation={
        Platform.LINUX: (
            "Debian/Ubuntu: `sudo apt install unattended-upgrades` then "
            "`sudo dpkg-reconfigure -plow unattended-upgrades` and answer Yes; this writes "
            'APT::Periodic::Update-Package-Lists "1"; and APT::Periodic::Unattended-Upgrade "1"; '
            "to /etc/apt/apt.conf.d/20auto-upgrades. Fedora/RHEL: `sudo dnf install "
            "dnf-automatic` and `sudo systemctl enable --now dnf-automatic-install.timer`."
        ),
    },
    references=(
        "CIS Controls v8 7.3 (Perform Automated Operating System Patch Management)",
        "ASD Essential Eight: Patch operating systems",
        "UK Cyber Essentials: Security update management",
    ),
)

UPD_004 = CheckMeta(
    id="UPD-004",
    title="No reboot is pending for installed updates",
    category=Category.UPDATES,
    severity=Severity.MEDIUM,
    platforms=(Platform.LINUX,),
    rationale=(
        "A kernel or core-library update protects you only after a restart; until then the "
        "old, vulnerable code keeps running even though the update looks installed."
    ),
    remediation={
        Platform.LINUX: (
            "Save your work and restart: `sudo reboot`. The packages that asked for it are "
            "listed in /run/reboot-required.pkgs."
        ),
    },
    references=("CIS Controls v8 7.3", "ASD Essential Eight: Patch operating systems"),
)


def _apt_config(system: System) -> dict[str, str]:
    values: dict[str, str] = {}
    for path in [*apt_part_files(system.glob("/etc/apt/apt.conf.d/*")), "/etc/apt/apt.conf"]:
        text = system.read_text(path)
        if text is not None:
            try:
                parse_apt_conf(text, into=values)
            except ParseError as exc:
                raise ParseError(f"{path}: {exc}") from None
    return values


@check(UPD_003)
def automatic_updates(system: System) -> Finding:
    if not uses_apt(system):
        return unknown(f"Automatic updates are checked on apt-based systems so far, not on {system.facts.os_name}.")
    try:
        config = _apt_config(system)
    except ParseError as exc:
        return unknown(f"Could not read the apt configuration: {exc}.")
    master = config.get("apt::periodic::enable", "1")
    upgrade = config.get("apt::periodic::unattended-upgrade")
    lists = config.get("apt::periodic::update-package-lists")
    installed = system.exists(UNATTENDED_UPGRADE)
    evidence = {
        "APT::Periodic::Enable": master,
        "APT::Periodic::Unattended-Upgrade": upgrade,
        "APT::Periodic::Update-Package-Lists": lists,
        "unattended_upgrades_installed": installed,
    }
    if master.strip() == "0":
        return Finding(Status.FAIL, 'APT::Periodic::Enable is "0": all automatic apt jobs are off.', evidence)
    if not periodic_enabled(upgrade):
        return Finding(Status.FAIL, "Automatic security updates are off (APT::Periodic::Unattended-Upgrade).", evidence)
    if not installed:
        return Finding(
            Status.FAIL, "Automatic upgrades are configured, but unattended-upgrades is not installed.", evidence
        )
    if not periodic_enabled(lists):
        return Finding(
            Status.WARN,
            "unattended-upgrades is on, but package lists are never refreshed, so it finds no new updates.",
            evidence,
        )
    return Finding(Status.PASS, "unattended-upgrades installs security updates automatically.", evidence)


@check(UPD_004)
def no_pending_reboot(system: System) -> Finding:
    if not uses_apt(system):
        return unknown(f"Pending reboots are checked on Debian/Ubuntu so far, not on {system.facts.os_name}.")
    flag = next((p for p in REBOOT_FLAGS if system.exists(p)), None)
    if flag is not None:
        pkgs_text = system.read_text(flag + ".pkgs") or ""
        packages = sorted({p.strip() for p in pkgs_text.splitlines() if p.strip()})
        evidence = {"flag": flag, "packages": packages[:MAX_LISTED], "package_count": len(packages)}
        named = f" for {', '.join(packages[:3])}" + (" and more" if len(packages) > 3 else "") if packages else ""
        return Finding(Status.FAIL, f"A restart is needed to finish installing updates{named}.", evidence)
    writers = [p for p in REBOOT_FLAG_WRITERS if system.exists(p)]
    if not writers:
        return unknown(
            "Nothing installed here records pending reboots in /run/reboot-required; install "
            "update-notifier-common (Ubuntu) or unattended-upgrades (Debian) so it can be seen."
        )
    return Finding(Status.PASS, "No installed update is waiting for a restart.", {"recorded_by": writers})
