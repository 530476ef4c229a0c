"""What the updates checks find on Linux, for every package manager we know. Read-only and
offline: caches and simulations only (apt-get -s, dnf -C, zypper --no-refresh, pacman -Qu)."""

from __future__ import annotations

import configparser
import posixpath
import re
from datetime import datetime

from hygiene.checks.base import first_line
from hygiene.checks.updates import MAX_LISTED, judge_age, judge_pending, judge_release, listed
from hygiene.data.eol import support_table
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.apk import parse_apk_version
from hygiene.parsers.apt import last_apt_run, parse_apt_get_simulate, parse_apt_list_upgradable
from hygiene.parsers.apt_conf import apt_part_files, parse_apt_conf, periodic_enabled
from hygiene.parsers.dnf import parse_check_update, parse_updateinfo
from hygiene.parsers.needs_restarting import parse_needs_restarting
from hygiene.parsers.packages import PendingUpdate, newest_install_time
from hygiene.parsers.pacman import parse_pacman_upgrades
from hygiene.parsers.zypper import parse_list_patches
from hygiene.platforms.linux import os_release, os_release_file, package_manager
from hygiene.system import ProbeUnavailable, System
from hygiene.system.kept import APT_HISTORY_DATES, APT_PERIODIC, INI_APPLY_UPDATES, WHOLE

APT_SIMULATE = ("apt-get", "-s", "-o", "Debug::NoLocking=true", "dist-upgrade")
APT_LIST = ("apt", "list", "--upgradable")
APT_SECURITY_LISTS = "/var/lib/apt/lists/*security*Release"  # e.g. ..._dists_bookworm-security_InRelease
ZYPPER_PATCHES = ("zypper", "--non-interactive", "--no-refresh", "list-patches", "--category", "security")
PACMAN_PENDING = ("pacman", "-Qu")
APK_PENDING = ("apk", "version", "-l", "<")
RPM_INSTALL_TIMES = ("rpm", "-qa", "--qf", "%{INSTALLTIME}\\n")
# These publish security advisories (updateinfo) for everything they ship; CentOS and others
# do not, so "no security advisory" proves nothing there.
DNF_CLASSIFIED = {"fedora", "rhel", "rocky", "almalinux", "ol", "amzn"}
UNATTENDED_UPGRADE = "/usr/bin/unattended-upgrade"
REBOOT_FLAGS = ("/run/reboot-required", "/var/run/reboot-required")
# What writes the reboot flag: Ubuntu's update-notifier-common (called by package scripts) and
# Debian's unattended-upgrades kernel hook. Without either, a missing flag proves nothing.
REBOOT_FLAG_WRITERS = (
    "/usr/share/update-notifier/notify-reboot-required",
    "/etc/kernel/postinst.d/unattended-upgrades",
)
TIMERS = "/etc/systemd/system/timers.target.wants/"


def _no_manager(what: str) -> ProbeUnavailable:
    return ProbeUnavailable(f"No package manager that hygiene knows was found, so {what} could not be checked.")


# --- UPD-001 pending security updates ------------------------------------------------------


def pending(system: System) -> Finding:
    manager = package_manager(system)
    if manager == "apt":
        return _apt_pending(system)
    if manager in ("dnf", "yum"):
        return _dnf_pending(system, manager)
    if manager == "zypper":
        return _zypper_pending(system)
    if manager == "pacman":
        result = system.run(PACMAN_PENDING)
        if result.returncode not in (0, 1) or not result.found:  # 1: nothing to upgrade
            raise ProbeUnavailable(f"`pacman -Qu` failed: {first_line(result.stderr) or result.returncode}.")
        return judge_pending(parse_pacman_upgrades(result.stdout), "pacman (local sync database)", classified=False)
    if manager == "apk":
        result = system.run(APK_PENDING)
        if not result.ok:
            raise ProbeUnavailable(f"`apk version` failed: {first_line(result.stderr) or result.returncode}.")
        return judge_pending(parse_apk_version(result.stdout), "apk (local index)", classified=False)
    raise _no_manager("pending updates")


def _apt_pending(system: System) -> Finding:
    """`apt list` first (about 1 s; the simulation takes 4-5 s on the same machine)."""
    result = system.run(APT_LIST)
    if result.ok:
        updates, tool = parse_apt_list_upgradable(result.stdout), "apt list --upgradable"
    else:
        simulated = system.run(APT_SIMULATE)
        if not simulated.ok:
            raise ProbeUnavailable(f"apt could not list upgrades: {first_line(result.stderr) or result.returncode}.")
        updates, tool = parse_apt_get_simulate(simulated.stdout), "apt-get -s dist-upgrade"
    if not system.glob(APT_SECURITY_LISTS):
        # No *-security suite was ever downloaded: apt cannot mark anything as a security fix.
        unclassified = [PendingUpdate(u.name, u.version, None, u.source) for u in updates]
        why = "apt has no security repository lists cached (run `sudo apt update`) and cannot tell security fixes"
        return judge_pending(unclassified, tool, classified=False, why=why)
    return judge_pending(updates, f"{tool} (cached package lists)")


def _dnf_pending(system: System, tool: str) -> Finding:
    info = system.run((tool, "-C", "updateinfo", "list", "--security"))
    message = first_line(info.stderr) or first_line(info.stdout)
    if "Cache-only enabled but no cache" in info.stderr + info.stdout:
        raise ProbeUnavailable(
            f"{tool} has no cached repository data (hygiene never downloads it); run `sudo {tool} makecache`."
        )
    if not info.ok:
        raise ProbeUnavailable(f"`{tool} updateinfo` failed: {message or info.returncode}.")
    classified = os_release(system).id in DNF_CLASSIFIED
    updates = [u for u in parse_updateinfo(info.stdout) if u.security]
    check = system.run((tool, "-C", "check-update"))
    if check.returncode in (0, 100):  # 100: updates are available
        updates += [PendingUpdate(u.name, u.version, False if classified else None, u.source)
                    for u in parse_check_update(check.stdout)]  # fmt: skip
    return judge_pending(updates, f"{tool} (cached metadata)", classified=classified)


def _zypper_pending(system: System) -> Finding:
    result = system.run(ZYPPER_PATCHES)
    if result.returncode not in (0, 100, 101):  # 100: patches needed, 101: security patches needed
        raise ProbeUnavailable(f"`zypper list-patches` failed: {first_line(result.stderr) or result.returncode}.")
    patches = [p for p in parse_list_patches(result.stdout) if p.needed]
    updates = [PendingUpdate(p.name, "", p.category == "security", p.severity) for p in patches]
    return judge_pending(updates, "zypper list-patches (cached repository data)")


# --- UPD-002 updates checked for / installed recently ----------------------------------------


def _newest(*times: datetime | None) -> datetime | None:
    known = [t for t in times if t is not None]
    return max(known) if known else None


def recency(system: System) -> Finding:
    manager = package_manager(system)
    if manager == "apt":
        history = system.read_text("/var/log/apt/history.log", APT_HISTORY_DATES)
        installed = last_apt_run(history or "")
        checked = _newest(
            system.mtime("/var/lib/apt/periodic/update-success-stamp"), system.mtime("/var/lib/apt/lists")
        )
    elif manager in ("dnf", "yum", "zypper"):
        rpm = system.run(RPM_INSTALL_TIMES)
        installed = newest_install_time(rpm.stdout) if rpm.ok else None
        cache = {"dnf": "/var/cache/dnf", "yum": "/var/cache/yum", "zypper": "/var/cache/zypp/raw"}[manager]
        checked = system.mtime(cache)
    elif manager == "pacman":
        installed, checked = system.mtime("/var/lib/pacman/local"), system.mtime("/var/lib/pacman/sync")
    elif manager == "apk":
        installed = system.mtime("/lib/apk/db/installed")
        checked = _newest(*(system.mtime(p) for p in system.glob("/var/cache/apk/APKINDEX.*.tar.gz")))
    else:
        raise _no_manager("update activity")
    evidence = {
        "package_manager": manager,
        "last_installed": installed.isoformat() if installed else None,
        "last_checked": checked.isoformat() if checked else None,
    }
    return judge_age(_newest(installed, checked), system.now(), "updates were last checked for or installed", evidence)


# --- UPD-003 automatic updates ----------------------------------------------------------------


def automatic(system: System) -> Finding:
    manager = package_manager(system)
    if manager == "apt":
        return _apt_automatic(system)
    if manager in ("dnf", "yum"):
        return _dnf_automatic(system)
    if manager == "zypper":
        timers = [t for t in ("os-update.timer", "transactional-update.timer") if system.exists(TIMERS + t)]
        aou = system.read_text("/etc/sysconfig/automatic_online_update", WHOLE) or ""
        if timers or re.search(r'^AOU_ENABLE_CRONJOB="?true"?', aou, re.M):
            return Finding(Status.PASS, "Updates are installed automatically.", {"timers": timers})
        return Finding(Status.FAIL, "Nothing installs updates automatically (no os-update or online-update job).")
    if manager == "pacman":
        return Finding(
            Status.NOT_APPLICABLE,
            "Arch-based systems are updated by hand (`pacman -Syu`); unattended upgrades are not supported there.",
        )
    if manager == "apk":
        raise ProbeUnavailable("Automatic updates are not checked on Alpine yet.")
    raise _no_manager("automatic updates")


def _apt_config(system: System) -> dict[str, str]:
    values: dict[str, str] = {}
    for path in [*apt_part_files(system.glob("/etc/apt/apt.conf.d/*")), "/etc/apt/apt.conf"]:
        text = system.read_text(path, APT_PERIODIC)
        if text is not None:
            try:
                parse_apt_conf(text, into=values)
            except ParseError as exc:
                raise ParseError(f"{path}: {exc}") from None
    return values


def _apt_automatic(system: System) -> Finding:
    try:
        config = _apt_config(system)
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not read the apt configuration: {exc}.") from exc
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


def _applies_updates(system: System, path: str) -> bool:
    """`apply_updates = yes` under [commands] (dnf-automatic, yum-cron)."""
    text = system.read_text(path, INI_APPLY_UPDATES)
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(text or "")
    except configparser.Error:
        return False
    return parser.get("commands", "apply_updates", fallback="no").strip().lower() in ("yes", "true", "1", "on")


def _dnf_automatic(system: System) -> Finding:
    enabled = [t for t in ("dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer")
               if system.exists(TIMERS + t)]  # fmt: skip
    evidence = {"enabled_timers": enabled}
    if "dnf-automatic-install.timer" in enabled:
        return Finding(Status.PASS, "dnf-automatic installs updates on a timer.", evidence)
    if enabled:
        conf = (
            "/etc/dnf/dnf5-plugins/automatic.conf" if enabled == ["dnf5-automatic.timer"] else "/etc/dnf/automatic.conf"
        )
        if _applies_updates(system, conf):
            return Finding(Status.PASS, "dnf-automatic installs updates on a timer.", evidence)
        return Finding(
            Status.WARN,
            f"dnf-automatic runs but only downloads or reports updates (apply_updates is not yes in {conf}).",
            evidence,
        )
    if system.exists("/etc/systemd/system/multi-user.target.wants/yum-cron.service"):
        if _applies_updates(system, "/etc/yum/yum-cron.conf"):
            return Finding(Status.PASS, "yum-cron installs updates every day.", evidence)
        return Finding(Status.WARN, "yum-cron runs but only downloads updates (apply_updates = no).", evidence)
    return Finding(Status.FAIL, "Nothing installs updates automatically (no dnf-automatic timer is enabled).", evidence)


# --- UPD-004 pending reboot ---------------------------------------------------------------------


def reboot(system: System) -> Finding:
    manager = package_manager(system)
    if manager == "apt":
        return _debian_reboot(system)
    if manager in ("dnf", "yum"):
        return _rhel_reboot(system)
    if manager is None:
        raise _no_manager("pending reboots")
    return _kernel_reboot(system)


def _debian_reboot(system: System) -> Finding:
    flag = next((p for p in REBOOT_FLAGS if system.exists(p)), None)
    if flag is not None:
        pkgs_text = system.read_text(flag + ".pkgs", WHOLE) or ""
        packages = sorted({p.strip() for p in pkgs_text.splitlines() if p.strip()})
        evidence = {"flag": flag, "packages": packages[:MAX_LISTED], "package_count": len(packages)}
        named = f" for {listed(packages)}" if packages else ""
        return Finding(Status.FAIL, f"A restart is needed to finish installing updates{named}.", evidence)
    writers = [p for p in REBOOT_FLAG_WRITERS if system.exists(p)]
    if not writers:
        raise ProbeUnavailable(
            "Nothing installed here records pending reboots in /run/reboot-required; install "
            "update-notifier-common (Ubuntu) or unattended-upgrades (Debian) so it can be seen."
        )
    return Finding(Status.PASS, "No installed update is waiting for a restart.", {"recorded_by": writers})


def _rhel_reboot(system: System) -> Finding:
    result = system.run(("needs-restarting", "-r"))
    if not result.found:
        result = system.run(("dnf", "needs-restarting", "-r"))  # dnf5 has it built in
    if not result.found:
        raise ProbeUnavailable(
            "needs-restarting is not installed (`sudo dnf install dnf-utils`), so pending reboots are not known."
        )
    try:
        answer = parse_needs_restarting(result.returncode, result.stdout, result.stderr)
    except ParseError as exc:
        raise ProbeUnavailable(f"{exc}.") from exc
    evidence = {"packages": list(answer.packages)}
    if answer.needed:
        return Finding(Status.FAIL, f"A restart is needed for updated {listed(list(answer.packages))}.", evidence)
    return Finding(Status.PASS, "No core library or service update is waiting for a restart.", evidence)


def _version_key(version: str) -> list:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", version) if p]


def _kernel_reboot(system: System) -> Finding:
    running = system.run(("uname", "-r"))
    if not running.ok:
        raise ProbeUnavailable("`uname -r` failed, so the running kernel is not known.")
    current = running.stdout.strip()
    installed = sorted(
        {posixpath.basename(p) for p in system.glob("/usr/lib/modules/*") + system.glob("/lib/modules/*")},
        key=_version_key,
    )
    evidence = {"running_kernel": current, "installed_kernels": installed[-MAX_LISTED:]}
    if not installed:
        raise ProbeUnavailable("No installed kernels were found under /usr/lib/modules.", **evidence)
    if current not in installed:
        return Finding(
            Status.FAIL,
            f"The running kernel {current} was replaced by an update; restart to use {installed[-1]}.",
            evidence,
        )
    if _version_key(installed[-1]) > _version_key(current):
        return Finding(Status.FAIL, f"A newer kernel ({installed[-1]}) is installed; restart to use it.", evidence)
    return Finding(Status.PASS, f"The newest installed kernel ({current}) is running.", evidence)


# --- UPD-005 the release still gets security updates ------------------------------------------


def release(system: System) -> Finding:
    path, info = os_release_file(system)
    if not info.id:
        raise ProbeUnavailable("/etc/os-release does not say which distribution this is.")
    label = info.pretty_name or f"{info.id} {info.version_id}"
    if not info.version_id and not support_table().find(info.id, ""):
        raise ProbeUnavailable(
            f"{label} has no VERSION_ID (a testing or unstable branch?), so its support cannot be looked up."
        )
    # VERSION names a service pack where VERSION_ID does not spell it out (SLES "12-SP5" is "12.5").
    lines = [deciding_line(line) for line in info.deciding_lines("ID", "VERSION_ID", "VERSION")]
    return judge_release(system, info.id, info.version_id, label, {path: lines})
