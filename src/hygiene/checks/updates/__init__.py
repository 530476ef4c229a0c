"""Updates category: are security fixes arriving and taking effect, on every platform?

Each check asks the module of the host's platform (linux.py, macos.py, windows.py) for what
it finds; the judgements below judge it the same way everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from hygiene.checks.base import check, for_platform, quoted, unrecognised_evidence
from hygiene.data.eol import Release, support_table
from hygiene.model import ALL_PLATFORMS, Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.parsers import deciding_line
from hygiene.parsers.packages import PendingUpdate
from hygiene.profile import NEVER
from hygiene.system import ProbeUnavailable, System
from hygiene.words import age_in_days, count, in_days

ESSENTIAL_EIGHT = "ASD Essential Eight: Patch operating systems"
CYBER_ESSENTIALS = "UK Cyber Essentials: Security update management"
WINDOWS_UPDATE = "Settings > Windows Update > Check for updates, install everything offered, then restart."

UPD_001 = CheckMeta(
    id="UPD-001",
    title="No security updates are waiting to be installed",
    category=Category.UPDATES,
    severity=Severity.CRITICAL,
    platforms=ALL_PLATFORMS,
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
    platforms=ALL_PLATFORMS,
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
    platforms=ALL_PLATFORMS,
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
    platforms=ALL_PLATFORMS,
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
    platforms=ALL_PLATFORMS,
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
            "that cannot run Windows 11 can get Extended Security Updates for a while, if your edition still "
            "has them (the finding says which and until when); once enrolled, record the day as "
            "`extended_support = YYYY-MM-DD` under [attest]. Otherwise move to a supported system (e.g. a "
            "Linux distribution)."
        ),
    },
    family_remediation={
        "debian": (
            "Ubuntu: `sudo do-release-upgrade`. Debian: follow the release notes' upgrade chapter (change "
            "the suite in /etc/apt/sources.list, then `sudo apt full-upgrade`). Ubuntu LTS past standard "
            "support: `sudo pro attach` for ESM; Debian past LTS: Freexian's ELTS. Once enrolled, record the "
            "day as `extended_support = YYYY-MM-DD` under [attest]."
        ),
        "rhel": (
            "Fedora: `sudo dnf system-upgrade download --releasever=N` then `sudo dnf system-upgrade "
            "reboot`. An old minor release (RHEL, Rocky, AlmaLinux 9.x): `sudo dnf upgrade` moves to the newest "
            "(unless the machine is held on it under EUS). A new major: `leapp` upgrades in place, or reinstall."
        ),
        "suse": (
            "openSUSE Leap: follow the upgrade guide (`zypper --releasever=N dup`); SLES: `zypper migration` "
            "to the newest service pack, or LTSS for this one (`SUSEConnect -p SLES-LTSS/...`)."
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


# How the checks judge what the platform modules found: one rule for every OS.

MAX_LISTED = 10
RECENT_DAYS, STALE_DAYS = 14, 31  # UK Cyber Essentials (14 days), CIS Controls 7.3 (monthly)
EOL_WARN_DAYS = 90
ATTESTED_DAYS = 365  # extended support is sold and renewed by the year


def listed(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def also_unrecognised(command: str, lines: Sequence[str]) -> str:
    """The sentence a WARN adds when `command` also printed lines no parser knows: the first
    one, quoted (convention 2)."""
    return f' `{command}` also printed a line hygiene does not recognise: "{deciding_line(lines[0])}".' if lines else ""


def not_recognised(command: str, lines: Sequence[str], evidence: dict) -> ProbeUnavailable:
    """UNKNOWN quoting the first line `command` printed that no parser knows: it is never
    passed over on the way to PASS."""
    first = deciding_line(lines[0])
    more = f" (and {count(len(lines) - 1, 'more line')})" if len(lines) > 1 else ""
    return ProbeUnavailable(
        f'`{command}` printed a line hygiene does not recognise: "{first}"{more}',
        **(evidence | unrecognised_evidence(lines)),
    )


def judge_pending(
    updates: Sequence[PendingUpdate],
    tool: str,
    *,
    why: str = "",
    key: str = "",
    notes: Sequence[str] = (),
    unrecognised: Sequence[str] = (),
    unlisted: int = 0,
) -> Finding:
    """FAIL on pending security updates. WARN on pending updates no source classifies (pacman,
    apk, check-update without advisories) or that the tool counted without listing them,
    saying `why` it cannot tell. UNKNOWN (raised) when the output held lines no parser knows
    and nothing above decided; PASS otherwise. The evidence quotes the deciding lines under
    `key` (the command): the security updates' lines, the unclassified ones', or the `notes`
    (summary lines) and the other updates' lines."""
    security = sorted({u.name for u in updates if u.security})
    unclassified = sorted({u.name for u in updates if u.security is None})
    other = sorted({u.name for u in updates if u.security is False})
    evidence: dict = {
        "source": tool,
        "security_updates": security[:MAX_LISTED],
        "security_count": len(security),
        "unclassified_count": len(unclassified),
        "other_count": len(other),
    }

    def quote(lines: list[str]) -> dict:
        lines = [line for line in lines if line]
        return {key: quoted(lines)} if key and lines else {}

    strange = unrecognised_evidence(unrecognised)
    if security:
        lines = [u.line for u in updates if u.security]
        evidence |= quote(lines) | strange
        return Finding(Status.FAIL, f"{count(len(security), 'security update')} waiting: {listed(security)}.", evidence)
    if unclassified or unlisted:
        pending = len(unclassified) + unlisted
        evidence |= {"pending": unclassified[:MAX_LISTED], "unlisted_count": unlisted}
        summary = list(notes) if unlisted else []  # the summary that counts what is not listed
        evidence |= quote([*summary, *(u.line for u in updates if u.security is None)]) | strange
        names = f" ({listed(unclassified)})" if unclassified else ""
        which = "whether it fixes" if pending == 1 else "which fix"
        return Finding(
            Status.WARN,
            f"{count(pending, 'update')} pending{names}; cannot tell {which} security issues "
            f"({why or f'{tool} does not say'}).{also_unrecognised(key or tool, unrecognised)}",
            evidence,
        )
    evidence |= quote([*notes, *(u.line for u in updates if u.security is False)])
    if unrecognised:
        raise not_recognised(key or tool, unrecognised, evidence)
    extra = f" ({count(len(other), 'other update')} {'is' if len(other) == 1 else 'are'} available)" if other else ""
    return Finding(Status.PASS, f"No security updates are waiting{extra}.", evidence)


def judge_age(when: datetime | None, now: datetime, what: str, evidence: dict) -> Finding:
    """PASS within 14 days, WARN within 31, FAIL beyond: `what` is e.g. "updates were checked for"."""
    if when is None:
        raise ProbeUnavailable(f"Could not tell when {what}.", **evidence)
    days = max(0, (now - when).days)
    evidence = {**evidence, "last": when.isoformat(), "days_ago": days}
    if days <= RECENT_DAYS:
        return Finding(Status.PASS, f"{what.capitalize()} {age_in_days(now - when)} ago.", evidence)
    status = Status.WARN if days <= STALE_DAYS else Status.FAIL
    return Finding(
        status, f"{what.capitalize()} {count(days, 'day')} ago; security fixes ship every week or two.", evidence
    )


def judge_release(system: System, os_id: str, version: str, label: str, lines: dict, channel: str = "") -> Finding:
    """UPD-005 for any OS: look the release up in the support table and judge its dates.
    `lines` names the source (a file, a command, a registry key) and the lines of it that
    identified the release, kept in the evidence."""
    table = support_table()
    today = system.now().date()
    stale = (today - table.checked).days > 365
    note = f" (hygiene's support table is from {table.checked}, over a year old: update hygiene)" if stale else ""
    evidence: dict = {"release": label, **lines, "table_checked": table.checked.isoformat()}
    release = table.find(os_id, version, channel)
    if release is None and table.predates(os_id, version, channel):
        return Finding(Status.FAIL, f"{label} is older than every release that still gets security updates.", evidence)
    if release is None and (newest := table.superseded_by(os_id, version, channel)) is not None:
        evidence.update(source=newest.source, superseded_by=newest.name)
        return Finding(
            Status.FAIL,
            f"{label} is an old point release: newer ones replaced it ({newest.name} is the newest hygiene "
            f"knows), and it gets no security updates of its own.{note}",
            evidence,
        )
    if release is None:
        page = table.lifecycle_page(os_id, channel)
        raise ProbeUnavailable(
            f"{label} is not in hygiene's support table (checked {table.checked}); it may be newer than the table: "
            f"update hygiene, or check the vendor's lifecycle page{f' ({page})' if page else ''}.{note}",
            **evidence,
        )
    evidence.update(source=release.source, security_until=str(release.security_until or ""))
    if release.note:  # the table's reasoning, for whoever wants it: the summary stays short
        evidence["note"] = release.note
    if release.rolling:
        return Finding(Status.PASS, f"{release.name} gets updates as long as you keep installing them.{note}", evidence)
    if release.extended_until:
        evidence["extended_support_until"] = release.extended_until.isoformat()
    uncertain = release.uncertain_on(today)
    end = release.security_until
    if not uncertain and (end is None or today <= end):
        return _supported(release, today, note, evidence)
    why = _why_uncertain(release)
    ended = f"may have ended ({why})" if uncertain else f"ended on {end}"
    if release.extended_until and today <= release.extended_until:
        attested = system.profile.attest.get("extended_support")
        if uncertain and not isinstance(attested, date):
            return Finding(
                Status.WARN,
                f"{release.name} may no longer get standard security updates ({why}); then only "
                f"{release.extended} covers it, until {release.extended_until}. If this machine is enrolled, add "
                f"`extended_support = YYYY-MM-DD` under [attest].{note}",
                evidence,
            )
        return _extended(attested, release, today, ended, note, evidence)
    unhelpful = _unhelpful(system, release, evidence)
    if uncertain and release.extended_until:  # the successor came long ago, and the extension is over too
        return Finding(
            Status.FAIL,
            f"{release.name} no longer gets standard security updates ({why}), and {release.extended} ended on "
            f"{release.extended_until}{unhelpful}.{note}",
            evidence,
        )
    if uncertain:
        return Finding(
            Status.WARN,
            f"{release.name} may no longer get security updates ({why}){unhelpful}.{note}",
            evidence,
        )
    if release.extended_until:
        return Finding(
            Status.FAIL,
            f"{release.name}'s standard security updates ended on {end}, and {release.extended} ended on "
            f"{release.extended_until}{unhelpful}.{note}",
            evidence,
        )
    return Finding(Status.FAIL, f"{release.name} stopped getting security updates on {end}{unhelpful}.{note}", evidence)


def _why_uncertain(release: Release) -> str:
    """Why the table cannot give the end, in a few words (the whole note is in the evidence)."""
    if release.successor_due:
        return f"its successor was due on {release.successor_due}"
    return release.note.partition(";")[0]


def _unhelpful(system: System, release: Release, evidence: dict) -> str:
    """What a summary adds when the profile attests an enrolment that cannot help (the release
    has no extension, or it is over): never ignored silently."""
    attested = system.profile.attest.get("extended_support")
    if not isinstance(attested, date):
        return ""
    evidence["attested"] = attested.isoformat()
    why = "" if release.extended_until else ", as no extended support covers this release"
    return f": your extended_support statement does not help{why}"


def _supported(release: Release, today: date, note: str, evidence: dict) -> Finding:
    """Within standard support: PASS, or WARN in its last EOL_WARN_DAYS days."""
    end = release.security_until
    if end is None:
        return Finding(
            Status.PASS, f"{release.name} still gets security updates ({_why_uncertain(release)}).{note}", evidence
        )
    days = (end - today).days
    if days <= EOL_WARN_DAYS:
        return Finding(
            Status.WARN, f"{release.name} stops getting security updates on {end}, {in_days(days)}.{note}", evidence
        )
    return Finding(Status.PASS, f"{release.name} gets security updates until {end}.{note}", evidence)


def _extended(
    attested: date | str | None, release: Release, today: date, ended: str, note: str, evidence: dict
) -> Finding:
    """Past standard support, within the extension: FAIL unless the profile attests
    enrolment (`extended_support = <date>` under [attest]); an attestation older than a year
    asks to be confirmed, since these subscriptions run for a year at a time."""
    until = release.extended_until
    standard = f"{release.name}'s standard security updates {ended}"
    if not isinstance(attested, date):
        if attested == NEVER:
            evidence["attested"] = NEVER
            hint = ", and your profile says this machine is not enrolled."
        else:
            hint = ". If this machine is enrolled, add `extended_support = YYYY-MM-DD` under [attest]."
        return Finding(
            Status.FAIL, f"{standard}; only {release.extended} covers it, until {until}{hint}{note}", evidence
        )
    evidence["attested"] = attested.isoformat()
    left = (until - today).days
    if left <= EOL_WARN_DAYS:
        return Finding(
            Status.WARN,
            f"Attested: enrolled in {release.extended} on {attested}, which ends on {until}, {in_days(left)}; "
            f"{standard}.{note}",
            evidence,
        )
    if (today - attested).days > ATTESTED_DAYS:
        return Finding(
            Status.WARN,
            f"Attested: enrolled in {release.extended} on {attested}, over a year ago: confirm the enrolment is "
            f"still active (it can cover this release until {until}) and update the date.{note}",
            evidence,
        )
    return Finding(
        Status.PASS,
        f"Attested: enrolled in {release.extended} on {attested}, which covers it until {until}; {standard}.{note}",
        evidence,
    )


class Probes(Protocol):
    """What each platform module finds, each as a Finding judged by the rules above."""

    def pending(self, system: System) -> Finding: ...
    def recency(self, system: System) -> Finding: ...
    def automatic(self, system: System) -> Finding: ...
    def reboot(self, system: System) -> Finding: ...
    def release(self, system: System) -> Finding: ...


def _probes(system: System) -> Probes:
    return for_platform(system, __name__, Probes)


@check(UPD_001)
def no_pending_security_updates(system: System) -> Finding:
    return _probes(system).pending(system)


@check(UPD_002)
def updated_recently(system: System) -> Finding:
    return _probes(system).recency(system)


@check(UPD_003)
def automatic_updates(system: System) -> Finding:
    return _probes(system).automatic(system)


@check(UPD_004)
def no_pending_reboot(system: System) -> Finding:
    return _probes(system).reboot(system)


@check(UPD_005)
def release_supported(system: System) -> Finding:
    return _probes(system).release(system)
