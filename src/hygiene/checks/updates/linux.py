"""What the updates checks find on Linux, for every package manager we know. Read-only and
offline: caches and simulations only (apt-get -s, dnf -C, zypper --no-refresh, pacman -Qu).

Each finding judged from a command's or a file's text quotes the lines that decided it, under
the command's name ("apt", "apt-get", "dnf", "yum", "zypper", "needs-restarting") or the
file's path; lines no parser knows are never passed over on the way to PASS."""

from __future__ import annotations

import configparser
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from hygiene.checks.base import first_line, quoted, unrecognised_evidence
from hygiene.checks.updates import (
    MAX_LISTED,
    judge_age,
    judge_pending,
    judge_release,
    listed,
    not_recognised,
)
from hygiene.data.eol import support_table
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.apk import parse_apk_version
from hygiene.parsers.apt import last_apt_run, parse_apt_get_simulate, parse_apt_list_upgradable
from hygiene.parsers.apt_conf import apt_part_files, parse_apt_conf, periodic_enabled
from hygiene.parsers.dnf import UpdateInfo, parse_check_update, parse_updateinfo, running_kernel_notes
from hygiene.parsers.needs_restarting import parse_needs_restarting
from hygiene.parsers.packages import PendingList, PendingUpdate, newest_install_time
from hygiene.parsers.pacman import parse_pacman_upgrades
from hygiene.parsers.zypper import parse_list_patches, parse_list_updates, patch_notes
from hygiene.platforms.linux import os_release, os_release_file, package_manager
from hygiene.system import CommandResult, ProbeUnavailable, System
from hygiene.system.kept import APT_HISTORY_DATES, APT_PERIODIC, INI_APPLY_UPDATES, WHOLE
from hygiene.words import count

APT_SIMULATE = ("apt-get", "-s", "-o", "Debug::NoLocking=true", "dist-upgrade")
APT_LIST = ("apt", "list", "--upgradable")
APT_SECURITY_LISTS = "/var/lib/apt/lists/*security*Release"  # e.g. ..._dists_bookworm-security_InRelease
# After the tool's name (dnf or yum): every advisory type, so that an update no advisory covers
# (CentOS, a mirror without updateinfo.xml, a third-party repository) is told from a bug fix.
DNF_UPDATEINFO = ("-C", "updateinfo", "list")
DNF_CHECK_UPDATE = ("-C", "check-update")
ZYPPER_PATCHES = ("zypper", "--non-interactive", "--no-refresh", "list-patches", "--category", "security")
ZYPPER_UPDATES = ("zypper", "--non-interactive", "--no-refresh", "list-updates")
# openSUSE's rolling releases ship fixes as new snapshots, hardly ever as patches: there an
# empty patch list proves nothing, so the package updates are read.
ZYPPER_ROLLING = ("opensuse-tumbleweed", "opensuse-microos", "opensuse-slowroll")
PACMAN_PENDING = ("pacman", "-Qu")
APK_PENDING = ("apk", "version", "-l", "<")
RPM_INSTALL_TIMES = ("rpm", "-qa", "--qf", "%{INSTALLTIME}\\n")
UNATTENDED_UPGRADE = "/usr/bin/unattended-upgrade"
REBOOT_FLAGS = ("/run/reboot-required", "/var/run/reboot-required")
# What writes the reboot flag: Ubuntu's update-notifier-common (called by package scripts) and
# Debian's unattended-upgrades kernel hook. Without either, a missing flag proves nothing.
REBOOT_FLAG_WRITERS = (
    "/usr/share/update-notifier/notify-reboot-required",
    "/etc/kernel/postinst.d/unattended-upgrades",
)
ZYPP_REBOOT_FLAGS = ("/run/reboot-needed", "/var/run/reboot-needed")  # libzypp, after a reboot-needed package
TIMERS = "/etc/systemd/system/timers.target.wants/"
APT_HISTORY = "/var/log/apt/history.log"


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
        listing = _parsed(parse_pacman_upgrades, result.stdout + "\n" + result.stderr)  # its warnings go to stderr
        return _judge(listing, "pacman (local sync database)", "pacman", why="pacman does not classify updates")
    if manager == "apk":
        result = system.run(APK_PENDING)
        if not result.ok:
            raise ProbeUnavailable(f"`apk version` failed: {first_line(result.stderr) or result.returncode}.")
        listing = parse_apk_version(result.stdout + "\n" + result.stderr)
        return _judge(listing, "apk (local index)", "apk", why="apk does not classify updates")
    raise _no_manager("pending updates")


def _parsed(parse: Callable[[str], PendingList], text: str) -> PendingList:
    try:
        return parse(text)
    except ParseError as exc:
        raise ProbeUnavailable(f"{exc}.") from exc


def _judge(
    listing: PendingList, tool: str, key: str, *, why: str = "", updates: Sequence[PendingUpdate] | None = None
) -> Finding:
    return judge_pending(
        listing.updates if updates is None else updates,
        tool,
        why=why,
        key=key,
        notes=listing.notes,
        unrecognised=listing.unrecognised,
        unlisted=listing.unlisted,
    )


def _apt_pending(system: System) -> Finding:
    """`apt list` first (about 1 s; the simulation takes 4-5 s on the same machine)."""
    result = system.run(APT_LIST)
    if result.ok:
        listing, tool, key = _parsed(parse_apt_list_upgradable, result.stdout), "apt list --upgradable", "apt"
    else:
        simulated = system.run(APT_SIMULATE)
        if not simulated.ok:
            raise ProbeUnavailable(f"apt could not list upgrades: {first_line(result.stderr) or result.returncode}.")
        listing, tool, key = _parsed(parse_apt_get_simulate, simulated.stdout), "apt-get -s dist-upgrade", "apt-get"
    if not system.glob(APT_SECURITY_LISTS):
        # No *-security suite was ever downloaded: apt cannot mark anything as a security fix.
        unclassified = [replace(u, security=None) for u in listing.updates]
        why = "apt has no security repository lists cached; run `sudo apt update`"
        return _judge(listing, tool, key, why=why, updates=unclassified)
    return _judge(listing, f"{tool} (cached package lists)", key, why=_apt_why(listing))


def _apt_why(listing: PendingList) -> str:
    """Why apt's own classification left some updates unclassified."""
    unknown = [u for u in listing.updates if u.security is None]
    reasons = []
    if any(u.source == "kept back" for u in unknown):
        reasons.append("apt keeps some back and does not name their suites")
    if any(u.source != "kept back" for u in unknown):
        reasons.append("the output was cut before it named their suites")
    if listing.unlisted:
        reasons.append(f"apt's summary counts {count(listing.unlisted, 'more update')} than it lists")
    return "; ".join(reasons)


def _cache_missing(tool: str, result: CommandResult) -> None:
    if "Cache-only enabled but no cache" in result.stderr + result.stdout:
        raise ProbeUnavailable(
            f"{tool} has no cached repository data (hygiene never downloads it); run `sudo {tool} makecache`."
        )


def _advisories(tool: str, info: CommandResult) -> tuple[UpdateInfo, str]:
    """The advisories dnf listed, and why they cannot classify every update ("" when they can)."""
    if not info.ok:
        reason = first_line(info.stderr) or first_line(info.stdout) or f"exit {info.returncode}"
        return UpdateInfo((), ()), f"`{tool} updateinfo` failed: {reason}"
    parsed = parse_updateinfo(info.stdout)
    if parsed.unrecognised:
        return (
            parsed,
            f'`{tool} updateinfo` printed a line hygiene does not recognise: "{deciding_line(parsed.unrecognised[0])}"',
        )
    return parsed, ""


def _dnf_pending(system: System, tool: str) -> Finding:
    """check-update lists what is pending; updateinfo says which advisory covers each. An update
    with a security advisory is a security update, one with only bug-fix or enhancement
    advisories is not, and one with none (CentOS, a mirror without updateinfo.xml, a third-party
    repository), or every update when updateinfo failed, cannot be told: WARN, not UNKNOWN."""
    info = system.run((tool, *DNF_UPDATEINFO))
    _cache_missing(tool, info)
    check = system.run((tool, *DNF_CHECK_UPDATE))
    _cache_missing(tool, check)
    advisories, problem = _advisories(tool, info)
    security = [a for a in advisories.advisories if a.security]
    label = f"{tool} (cached metadata)"
    if check.returncode not in (0, 100) or not check.found:  # 100: updates are available
        reason = first_line(check.stderr) or first_line(check.stdout) or f"exit {check.returncode}"
        if not security:
            raise ProbeUnavailable(f"`{tool} check-update` failed: {reason}.")
        updates = [PendingUpdate(".".join(a.name_arch), "", True, a.id, a.line) for a in security]
        return judge_pending(updates, label, key=tool)
    listing = parse_check_update(check.stdout)
    if check.returncode == 100 and not listing.updates and not listing.unrecognised:
        raise ProbeUnavailable(f"`{tool} check-update` says updates are available but lists none.")
    by_package: dict[tuple[str, str], list] = {}
    for advisory in advisories.advisories:
        by_package.setdefault(advisory.name_arch, []).append(advisory)
    updates = []
    for update in listing.updates:
        name, _, arch = update.name.rpartition(".")
        covering = by_package.pop((name, arch), [])
        if fix := next((a for a in covering if a.security), None):
            updates.append(replace(update, security=True, source=f"{fix.id} ({fix.kind})", line=fix.line))
        elif covering and not problem:
            updates.append(replace(update, security=False, source=covering[0].id))
        else:
            updates.append(update)
    for rest in by_package.values():  # security advisories for packages the cut table did not show
        updates += [PendingUpdate(".".join(a.name_arch), "", True, a.id, a.line) for a in rest if a.security]
    why = problem or "their repositories publish no security advisories for them"
    unknown = (*listing.unrecognised, *advisories.unrecognised)
    return judge_pending(updates, label, why=why, key=tool, unrecognised=unknown)


def _zypper_pending(system: System) -> Finding:
    """Security patches first. Where patches are not published (openSUSE's rolling releases)
    or cannot be listed, the package updates that list-updates reads give WARN "N updates
    pending", not UNKNOWN or a hollow PASS."""
    result = system.run(ZYPPER_PATCHES)
    rolling = os_release(system).id in ZYPPER_ROLLING
    if not result.found or result.returncode not in (0, 100, 101):  # 100: patches needed, 101: security ones
        problem = f"`zypper list-patches` failed: {first_line(result.stderr) or result.returncode}"
    else:
        finding, problem = _judge_patches(result.stdout)
        if finding and (not rolling or finding.status is Status.FAIL):
            return finding
        problem = problem or "openSUSE's rolling releases ship their fixes as snapshots, hardly ever as patches"
    fallback = system.run(ZYPPER_UPDATES)
    if not fallback.found or fallback.returncode not in (0, 100, 101):
        failed = first_line(fallback.stderr) or fallback.returncode
        raise ProbeUnavailable(f"{problem}, and `zypper list-updates` failed: {failed}.")
    listing = _parsed(parse_list_updates, fallback.stdout)
    return _judge(listing, "zypper list-updates (cached repository data)", "zypper", why=problem)


def _judge_patches(text: str) -> tuple[Finding | None, str]:
    """UPD-001 from the patch table, or from its summary line alone when the table was cut
    before the security patches the summary counts; else (None, why no table could be read)."""
    tool = "zypper list-patches (cached repository data)"
    notes = patch_notes(text)
    strange: list[str] = []  # rows whose status word is of no known kind
    try:
        rows = parse_list_patches(text)
        patches, strange = [p for p in rows if p.pending], [p.line for p in rows if not p.status_known]
    except ParseError as exc:
        patches, problem = None, f"`zypper list-patches` printed no patch list ({exc})"
    updates = [PendingUpdate(p.name, "", p.security, p.severity, p.line) for p in patches or ()]
    if notes.security and not any(u.security for u in updates):
        evidence = {"source": tool, "security_count": notes.security, "zypper": quoted([notes.summary])}
        needed = count(notes.security, "security patch", "security patches")
        return Finding(Status.FAIL, f"zypper counts {needed} needed, though its table was cut.", evidence), ""
    if patches is None:
        return None, problem
    said = notes.summary or ("No updates found." if "No updates found." in text else "")
    unknown = (*notes.unrecognised, *strange)
    return judge_pending(updates, tool, key="zypper", notes=[said], unrecognised=unknown), ""


# --- UPD-002 updates checked for / installed recently ----------------------------------------


def _newest(*times: datetime | None) -> datetime | None:
    known = [t for t in times if t is not None]
    return max(known) if known else None


def recency(system: System) -> Finding:
    manager = package_manager(system)
    lines: dict[str, str] = {}  # the text line that dated the newest install, under its source
    if manager == "apt":
        history = system.read_text(APT_HISTORY, APT_HISTORY_DATES)
        installed = last_apt_run(history or "")
        if installed:
            lines[APT_HISTORY] = f"End-Date: {installed:%Y-%m-%d  %H:%M:%S}"  # as apt writes it
        checked = _newest(
            system.mtime("/var/lib/apt/periodic/update-success-stamp"), system.mtime("/var/lib/apt/lists")
        )
    elif manager in ("dnf", "yum", "zypper"):
        rpm = system.run(RPM_INSTALL_TIMES)
        installed = newest_install_time(rpm.stdout) if rpm.ok else None
        if installed:
            lines["rpm"] = str(int(installed.timestamp()))  # the newest INSTALLTIME it printed
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
        **(lines if installed and (checked is None or installed >= checked) else {}),  # the line that dated it
    }
    return judge_age(_newest(installed, checked), system.now(), "updates were last checked for or installed", evidence)


# --- UPD-003 automatic updates ----------------------------------------------------------------

AOU = "/etc/sysconfig/automatic_online_update"


def automatic(system: System) -> Finding:
    manager = package_manager(system)
    if manager == "apt":
        return _apt_automatic(system)
    if manager in ("dnf", "yum"):
        return _dnf_automatic(system)
    if manager == "zypper":
        timers = [t for t in ("os-update.timer", "transactional-update.timer") if system.exists(TIMERS + t)]
        aou = system.read_text(AOU, WHOLE) or ""
        cron = re.search(r'^AOU_ENABLE_CRONJOB="?true"?.*$', aou, re.M)
        if timers or cron:
            evidence = {"timers": timers, **({AOU: deciding_line(cron.group())} if cron else {})}
            return Finding(Status.PASS, "Updates are installed automatically.", evidence)
        said = re.search(r"^AOU_ENABLE_CRONJOB=.*$", aou, re.M)
        evidence = {"timers": timers, **({AOU: deciding_line(said.group())} if said else {})}
        return Finding(
            Status.FAIL, "Nothing installs updates automatically (no os-update or online-update job).", evidence
        )
    if manager == "pacman":
        return Finding(
            Status.NOT_APPLICABLE,
            "Arch-based systems are updated by hand (`pacman -Syu`); unattended upgrades are not supported there.",
        )
    if manager == "apk":
        raise ProbeUnavailable("Automatic updates are not checked on Alpine yet.")
    raise _no_manager("automatic updates")


# The settings UPD-003 judges, as apt spells them (apt-config reads keys without case).
APT_KEYS = {
    key.lower(): key
    for key in ("APT::Periodic::Enable", "APT::Periodic::Unattended-Upgrade", "APT::Periodic::Update-Package-Lists")
}


def _apt_config(system: System) -> tuple[dict[str, str], dict[str, str]]:
    """The merged settings, and for each the file that set it last (later files override)."""
    values: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in [*apt_part_files(system.glob("/etc/apt/apt.conf.d/*")), "/etc/apt/apt.conf"]:
        text = system.read_text(path, APT_PERIODIC)
        if text is not None:
            try:
                own = parse_apt_conf(text)
            except ParseError as exc:
                raise ParseError(f"{path}: {exc}") from None
            values.update(own)
            origin.update(dict.fromkeys(own, path))
    return values, origin


def _apt_lines(values: dict[str, str], origin: dict[str, str], keys: tuple[str, ...]) -> dict[str, str | list[str]]:
    """The settings that decided, as apt reads them (`APT::Periodic::Unattended-Upgrade "0";`),
    under the file that set each."""
    by_file: dict[str, list[str]] = {}
    for key in keys:
        if key in origin:
            by_file.setdefault(origin[key], []).append(f'{APT_KEYS.get(key, key)} "{values[key]}";')
    return {path: quoted(lines) for path, lines in by_file.items()}


def _apt_automatic(system: System) -> Finding:
    try:
        config, origin = _apt_config(system)
    except ParseError as exc:
        raise ProbeUnavailable(f"Could not read the apt configuration: {exc}.") from exc
    enable, upgrade_key, lists_key = APT_KEYS
    master = config.get(enable, "1")
    upgrade = config.get(upgrade_key)
    lists = config.get(lists_key)
    installed = system.exists(UNATTENDED_UPGRADE)
    evidence = {
        "APT::Periodic::Enable": master,
        "APT::Periodic::Unattended-Upgrade": upgrade,
        "APT::Periodic::Update-Package-Lists": lists,
        "unattended_upgrades_installed": installed,
    }
    if master.strip() == "0":
        evidence |= _apt_lines(config, origin, (enable,))
        return Finding(Status.FAIL, 'APT::Periodic::Enable is "0": all automatic apt jobs are off.', evidence)
    evidence |= _apt_lines(config, origin, (upgrade_key,))
    if not periodic_enabled(upgrade):
        return Finding(Status.FAIL, "Automatic security updates are off (APT::Periodic::Unattended-Upgrade).", evidence)
    if not installed:
        return Finding(
            Status.FAIL, "Automatic upgrades are configured, but unattended-upgrades is not installed.", evidence
        )
    evidence |= _apt_lines(config, origin, (upgrade_key, lists_key))
    if not periodic_enabled(lists):
        return Finding(
            Status.WARN,
            "unattended-upgrades is on, but package lists are never refreshed, so it finds no new updates.",
            evidence,
        )
    return Finding(Status.PASS, "unattended-upgrades installs security updates automatically.", evidence)


def _applies_updates(system: System, path: str) -> tuple[bool, dict[str, str]]:
    """`apply_updates = yes` under [commands] (dnf-automatic, yum-cron), and the line that said
    it, under the file's path."""
    text = system.read_text(path, INI_APPLY_UPDATES) or ""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return False, {}
    said = next((ln for ln in text.splitlines() if ln.split("=", 1)[0].strip().lower() == "apply_updates"), "")
    applies = parser.get("commands", "apply_updates", fallback="no").strip().lower() in ("yes", "true", "1", "on")
    return applies, ({path: deciding_line(said)} if said else {})


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
        applies, said = _applies_updates(system, conf)
        if applies:
            return Finding(Status.PASS, "dnf-automatic installs updates on a timer.", evidence | said)
        return Finding(
            Status.WARN,
            f"dnf-automatic runs but only downloads or reports updates (apply_updates is not yes in {conf}).",
            evidence | said,
        )
    if system.exists("/etc/systemd/system/multi-user.target.wants/yum-cron.service"):
        applies, said = _applies_updates(system, "/etc/yum/yum-cron.conf")
        if applies:
            return Finding(Status.PASS, "yum-cron installs updates every day.", evidence | said)
        return Finding(Status.WARN, "yum-cron runs but only downloads updates (apply_updates = no).", evidence | said)
    return Finding(Status.FAIL, "Nothing installs updates automatically (no dnf-automatic timer is enabled).", evidence)


# --- UPD-004 pending reboot ---------------------------------------------------------------------


def reboot(system: System) -> Finding:
    manager = package_manager(system)
    if manager == "apt":
        return _debian_reboot(system)
    if manager in ("dnf", "yum"):
        return _rhel_reboot(system, manager)
    if manager is None:
        raise _no_manager("pending reboots")
    if manager == "zypper" and (flag := _zypp_flag(system)):
        evidence = {"flag": flag}
        return Finding(Status.FAIL, "An installed update asked for a restart, which has not happened yet.", evidence)
    return _kernel_reboot(system)


def _zypp_flag(system: System) -> str | None:
    """The flag libzypp leaves when it installs a package that needs a reboot (what `zypper
    needs-rebooting` reads); None when absent, or not recorded in an older snapshot."""
    try:
        return next((p for p in ZYPP_REBOOT_FLAGS if system.exists(p)), None)
    except ProbeUnavailable:
        return None


def _debian_reboot(system: System) -> Finding:
    flag = next((p for p in REBOOT_FLAGS if system.exists(p)), None)
    if flag is not None:
        pkgs_text = system.read_text(flag + ".pkgs", WHOLE) or ""
        packages = sorted({p.strip() for p in pkgs_text.splitlines() if p.strip()})
        evidence: dict = {"flag": flag, "packages": packages[:MAX_LISTED], "package_count": len(packages)}
        if packages:
            evidence[flag + ".pkgs"] = quoted(packages)
        named = f" for {listed(packages)}" if packages else ""
        return Finding(Status.FAIL, f"A restart is needed to finish installing updates{named}.", evidence)
    writers = [p for p in REBOOT_FLAG_WRITERS if system.exists(p)]
    if not writers:
        raise ProbeUnavailable(
            "Nothing installed here records pending reboots in /run/reboot-required; install "
            "update-notifier-common (Ubuntu) or unattended-upgrades (Debian) so it can be seen."
        )
    return Finding(Status.PASS, "No installed update is waiting for a restart.", {"recorded_by": writers})


def _running_kernel_behind(system: System, tool: str) -> tuple[str, ...]:
    """dnf's own note, in the outputs UPD-001 reads, that the running kernel is older than an
    installed security update (empty when it made none, or an older snapshot lacks them)."""
    for argv in ((tool, *DNF_UPDATEINFO), (tool, *DNF_CHECK_UPDATE)):
        try:
            notes = running_kernel_notes(system.run(argv).stdout)
        except ProbeUnavailable:
            continue
        if notes:
            return notes
    return ()


def _rhel_reboot(system: System, tool: str) -> Finding:
    behind = _running_kernel_behind(system, tool)
    kernel = {tool: quoted(behind)} if behind else {}
    stale_kernel = "The running kernel is older than an installed security update; restart to use it."
    result = system.run(("needs-restarting", "-r"))
    if not result.found:
        result = system.run(("dnf", "needs-restarting", "-r"))  # dnf5 has it built in
    if not result.found:
        if behind:
            return Finding(Status.FAIL, stale_kernel, kernel)
        raise ProbeUnavailable(
            "needs-restarting is not installed (`sudo dnf install dnf-utils`), so pending reboots are not known."
        )
    try:
        answer = parse_needs_restarting(result.returncode, result.stdout, result.stderr)
    except ParseError as exc:
        if behind:
            return Finding(Status.FAIL, stale_kernel, kernel)
        raise ProbeUnavailable(f"{exc}.") from exc
    evidence = {"packages": list(answer.packages), "needs-restarting": quoted(answer.lines), **kernel}
    evidence |= unrecognised_evidence(answer.unrecognised)
    if answer.needed:
        return Finding(
            Status.FAIL,
            f"A restart is needed for updated {listed(list(answer.packages)) or 'core packages'}.",
            evidence,
        )
    if behind:  # needs-restarting judges by boot time; dnf saw the kernel versions themselves
        return Finding(Status.FAIL, stale_kernel, evidence)
    if answer.unrecognised:
        raise not_recognised("needs-restarting", answer.unrecognised, evidence)
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
    evidence = {
        "running_kernel": current,
        "installed_kernels": installed[-MAX_LISTED:],
        "uname": deciding_line(current),
    }
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
