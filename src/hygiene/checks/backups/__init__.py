"""Backups category: is there a copy, is it recent, is it encrypted, is one kept elsewhere,
and has a restore been tried?

find_backups makes one list per audit: the backups the profile declares (declared.py) and
those the platform's own tools keep (linux.py, macos.py, windows.py). Each check judges that
one list from its own side, so they never disagree about what exists."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from hygiene.checks.backups.declared import declared_backups
from hygiene.checks.backups.found import Backup, Found
from hygiene.checks.base import check, for_platform, quoted
from hygiene.checks.statements import dated_statement
from hygiene.inert import one_line
from hygiene.model import ALL_PLATFORMS, Category, CheckMeta, Evidence, Finding, Platform, Severity, Status
from hygiene.system import ProbeUnavailable, System
from hygiene.words import age_in_days, count, whole_days

MAX_AGE = timedelta(days=7)  # CIS Controls v8 11.2: automated backups, at least weekly
HALF_YEAR = 182
RULE_321 = (
    "Keep 3 copies of what matters, on 2 different kinds of storage, 1 of them away from this "
    "machine (a cloud service or a disk kept at another address)."
)
DECLARE = (
    "If you back up in a way hygiene cannot see (a cloud service, a NAS), declare it in your "
    'profile: [[backups]] with name, path or repository (e.g. "sftp:nas:/restic"), and offsite.'
)
SET_UP = {
    Platform.LINUX: (
        "Set up an encrypted, scheduled backup: Déjà Dup (Settings > Backups: tick 'encrypt', "
        "choose a network or cloud location) or restic (`restic init -r sftp:nas:/restic`, then "
        "a daily systemd timer running `restic backup ~`). " + RULE_321 + " " + DECLARE
    ),
    Platform.MACOS: (
        "System Settings > General > Time Machine > Add Backup Disk, and tick 'Encrypt backups'. "
        "Add a second destination that leaves the house (a NAS at another address, or a cloud "
        "backup). " + RULE_321 + " " + DECLARE
    ),
    Platform.WINDOWS: (
        "Settings > Accounts > Windows Backup (files to OneDrive), or Control Panel > File "
        "History with an external drive encrypted by BitLocker To Go. " + RULE_321 + " " + DECLARE
    ),
}
REFS = ("CIS Controls v8 11.2 (Perform Automated Backups)", "NIST CSF 2.0 PR.DS-11")


def _meta(id_: str, title: str, severity: Severity, rationale: str, steps: dict[Platform, str], *refs: str,
          evidence: Evidence = Evidence.VERIFIED) -> CheckMeta:  # fmt: skip
    return CheckMeta(
        id=id_,
        title=title,
        category=Category.BACKUPS,
        severity=severity,
        platforms=ALL_PLATFORMS,
        rationale=rationale,
        remediation=steps,
        references=(*REFS, *refs),
        evidence=evidence,
    )


BAK_001 = _meta(
    "BAK-001",
    "A backup is configured",
    Severity.CRITICAL,
    "Ransomware, a dead disk, theft or one wrong command can take every file at once; a backup "
    "is the only thing that brings them back without paying anyone.",
    SET_UP,
)
BAK_002 = _meta(
    "BAK-002",
    "The newest backup is at most 7 days old",
    Severity.HIGH,
    "A backup that stopped running months ago looks fine until the day it is needed; what is "
    "lost is everything since the last copy.",
    {p: "Run a backup now, then check its schedule runs at least daily. " + DECLARE for p in ALL_PLATFORMS},
)
BAK_003 = _meta(
    "BAK-003",
    "Backups are encrypted",
    Severity.HIGH,
    "A backup holds every file in one place: a lost disk or a breached cloud account hands all "
    "of them over unless the backup itself is encrypted.",
    {
        Platform.LINUX: "Use restic (always encrypted), borg with `-e repokey-blake2`, or Déjà Dup with "
        "encryption on; check any backup with `hygiene backup verify PATH`.",
        Platform.MACOS: "Time Machine: remove the disk and add it again with 'Encrypt backups' ticked; "
        "check other backups with `hygiene backup verify PATH`.",
        Platform.WINDOWS: "Turn on BitLocker To Go for the backup drive (right-click it > Turn on "
        "BitLocker); check archives with `hygiene backup verify PATH`.",
    },
    "NIST SP 800-209",
)
BAK_004 = _meta(
    "BAK-004",
    "A backup copy is kept off this machine",
    Severity.HIGH,
    "Fire, theft and ransomware reach every disk in the same room or on the same network "
    "share; a copy somewhere else is what survives them.",
    {
        p: RULE_321 + " " + DECLARE + " Record the date under [attest] offsite_copy if you rotate disks."
        for p in ALL_PLATFORMS
    },
)


def _restore_test(how: str) -> str:
    return (
        f"Restore a few files to a new folder ({how}), open them, then record the date under "
        "[attest] restore_tested. In an office, do it twice a year."
    )


BAK_005 = _meta(
    "BAK-005",
    "Restoring from a backup was tested in the last 6 months",
    Severity.MEDIUM,
    "Backups fail silently: a wrong folder, a lost password, a broken disk. Only restoring a "
    "few files shows the backup can actually bring them back.",
    {
        Platform.LINUX: _restore_test(
            "Déjà Dup: Restore in its window; restic: `restic restore latest --target /tmp/restore-test "
            "--include ~/Documents`; borg: `borg extract` inside an empty folder"
        ),
        Platform.MACOS: _restore_test(
            "Time Machine: open a folder in Finder, then Browse Time Machine Backups; restic: `restic "
            "restore latest --target /tmp/restore-test --include ~/Documents`"
        ),
        Platform.WINDOWS: _restore_test(
            "File History: Control Panel > File History > Restore personal files, then the gear "
            "button > Restore to; OneDrive: its website's Recycle bin or a file's Version history"
        ),
    },
    evidence=Evidence.ATTESTED,
)


# Tools whose repositories hygiene cannot find by itself: installed, they deserve a declaration.
TOOLS = ("restic", "borg", "kopia", "duplicity", "rclone", "deja-dup", "duplicati")
TOOL_DIRS = ("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin")


def installed(system: System) -> tuple[str, ...]:
    """The TOOLS found in the Unix folders programs are installed to (Linux and macOS)."""
    return tuple(t for t in TOOLS if any(system.exists(f"{d}/{t}") for d in TOOL_DIRS))


class Probes(Protocol):
    """What each platform finds beyond the profile's declarations."""

    NOTHING_FOUND: str  # BAK-001's words for none of this platform's own backups

    def tool_backups(self, system: System) -> tuple[list[Backup], list[str]]:
        """The backups this platform's own tools keep, and the sources that could not be read."""

    def unknown_tools(self, system: System) -> tuple[str, ...]:
        """Installed backup tools whose repository hygiene cannot find by itself."""

    def absolute(self, system: System, path: str) -> str | None:
        """A declared local path as this platform reads it (see declared.local_path)."""


def _probes(system: System) -> Probes:
    return for_platform(system, __name__, Probes)


def find_backups(system: System) -> Found:
    probes = _probes(system)
    backups, problems = declared_backups(system, probes.absolute)
    found, trouble = probes.tool_backups(system)
    backups += found
    problems += trouble
    unknown_tools = () if backups else probes.unknown_tools(system)
    return Found(tuple(backups), unknown_tools, tuple(problems))


def _names(backups: list[Backup] | tuple[Backup, ...]) -> str:
    return ", ".join(b.quoted for b in backups)


def _evidence(found: Found) -> dict:
    evidence: dict = {"backups": [one_line(f"{b.name} ({b.source}): {b.where}") for b in found.backups]}
    said: dict[str, list[str]] = {}
    for b in found.backups:
        if b.lines:
            said.setdefault(b.said_by, []).extend(b.lines)
    evidence |= {command: quoted(lines) for command, lines in said.items()}
    if found.problems:
        evidence["problems"] = [one_line(p) for p in found.problems]
    return evidence


def _none_found(found: Found) -> Finding:
    return Finding(Status.NOT_APPLICABLE, "No backup was found to judge (see BAK-001).", _evidence(found))


def judge_configured(found: Found, nothing_found: str) -> Finding:
    """BAK-001; `nothing_found` names what the platform looked for, when nothing was found.
    A backup that is empty (a 0-byte file, a folder without files) is no backup: FAIL when
    it is the only kind found, WARN beside one that holds data."""
    evidence = _evidence(found)
    full = found.with_data().backups
    blank = [b for b in found.backups if b.empty]
    if blank:
        evidence["empty"] = [one_line(f"{b.name}: {b.empty}") for b in blank]
        said = "; ".join(f"{b.quoted} is empty ({one_line(b.empty)})" for b in blank)
        if full:
            return Finding(Status.WARN, f"Backups found: {_names(full)}; but {said}.", evidence)
        return Finding(Status.FAIL, f"Nothing is backed up: {said}.", evidence)
    if found.backups:
        return Finding(Status.PASS, f"Backups found: {_names(found.backups)}.", evidence)
    if found.problems:
        raise ProbeUnavailable(
            "Could not tell whether a backup is set up: " + "; ".join(evidence["problems"]) + ".", **evidence
        )
    if found.unknown_tools:
        *first, last = found.unknown_tools
        tools = f"{', '.join(first)} and {last}" if first else last
        verb, writes = ("are", "they back") if first else ("is", "it backs")
        return Finding(
            Status.WARN,
            f"{tools} {verb} installed, but hygiene does not know where {writes} up to: declare the "
            "repository under [[backups]] in your profile so it can be checked.",
            {**evidence, "installed": list(found.unknown_tools)},
        )
    return Finding(Status.FAIL, f"No backup found: {nothing_found}, and none declared in your profile.", evidence)


def judge_recent(found: Found, now: datetime) -> Finding:
    """BAK-002: the newest dated backup against MAX_AGE (WARN up to twice that). A folder whose
    newest file could not be identified is dated by its newest identified file, and never
    passes: the newest run left something that is no backup (issue 11)."""
    found = found.with_data()
    if not found.backups:
        return _none_found(found)
    dated = [b for b in found.backups if b.newest is not None]
    if not dated:
        undated = [b for b in found.backups if b.unidentified]
        if undated:
            raise ProbeUnavailable(
                "; ".join(f"No file of {b.quoted} could be identified as a backup: {b.why_undated}" for b in undated)
                + "; so how old the last backup is cannot be told.",
                **_evidence(found),
            )
        raise ProbeUnavailable(
            f"No date could be read for {_names(found.backups)}: hygiene never contacts a remote "
            "backup (it works offline) and cannot open an unmounted one; mount the disk, or run "
            "`hygiene backup verify` where the backup is.",
            **_evidence(found),
        )
    newest = max(dated, key=lambda b: b.newest)  # type: ignore[arg-type,return-value]
    age = now - newest.newest  # type: ignore[operator]
    evidence = {**_evidence(found), "newest": newest.newest.isoformat(), "newest_backup": newest.name}  # type: ignore[union-attr]
    status = Status.PASS if age <= MAX_AGE else Status.WARN if age <= 2 * MAX_AGE else Status.FAIL
    days = whole_days(age)  # over the limit by less than a day still reads "7 days"
    if status is Status.PASS:
        old = f"{age_in_days(age)} old"
    elif days > MAX_AGE.days:
        old = f"{count(days, 'day')} old, over {MAX_AGE.days}"
    else:
        old = f"more than {MAX_AGE.days} days old"
    if newest.unidentified:
        evidence["newest_file"] = one_line(f"{newest.newest_file}: {newest.unidentified}")
        return Finding(
            Status.WARN if status is Status.PASS else status,
            one_line(
                f"The newest file of {newest.quoted} ({newest.newest_file}) {newest.unidentified}; the last "
                f"identifiable backup, {newest.dated_by}, is {old}."
            ),
            evidence,
        )
    return Finding(status, f"The newest backup, {newest.quoted}, is {old}.", evidence)


def judge_encrypted(found: Found) -> Finding:
    """BAK-003: any plain or weakly encrypted backup fails; every one must be surely encrypted."""
    found = found.with_data()
    if not found.backups:
        return _none_found(found)
    evidence = {**_evidence(found), "encryption": [one_line(f"{b.name}: {b.how}") for b in found.backups if b.how]}
    plain = [b for b in found.backups if b.encrypted is False]
    weak = [b for b in found.backups if b.encrypted and b.weak]
    sure = [b for b in found.backups if b.encrypted and not b.weak]
    if plain:
        return Finding(Status.FAIL, f"Not encrypted: {_names(plain)}; anyone with the copy can read it.", evidence)
    if weak:
        return Finding(Status.FAIL, f"Encrypted with a broken scheme (ZipCrypto): {_names(weak)}.", evidence)
    if len(sure) == len(found.backups):
        return Finding(Status.PASS, f"Encrypted: {_names(sure)}.", evidence)
    unsure = [b for b in found.backups if b.encrypted is None]
    if len(unsure) == 1:
        raise ProbeUnavailable(
            f"Could not tell whether {_why_unsure(unsure[0], ' is encrypted: ')}; check it with "
            "`hygiene backup verify PATH` where it is.",
            **evidence,
        )
    raise ProbeUnavailable(
        f"Could not tell whether {len(unsure)} backups are encrypted: "
        + "; ".join(_why_unsure(b, ": ") for b in unsure)
        + "; check them with `hygiene backup verify PATH` where they are.",
        **evidence,
    )


def _why_unsure(b: Backup, joint: str) -> str:
    """One backup's clause in BAK-003's UNKNOWN: its quoted name, then why (the folder's newest
    file that could not be identified, else what backup verify said), said once."""
    why = b.why_undated if b.unidentified else one_line(b.how)
    return f"{b.quoted}{joint}{why}" if why else b.quoted + joint.rstrip(": ")


def judge_offsite(found: Found) -> Finding:
    """BAK-004 from the backups alone, when no [attest] offsite_copy speaks for a copy taken away."""
    found = found.with_data()
    evidence = _evidence(found)
    away = [b for b in found.backups if b.offsite]
    if away:
        return Finding(Status.PASS, f"Kept off this machine: {_names(away)}.", evidence)
    if not found.backups:
        return _none_found(found)
    if all(b.offsite is False for b in found.backups):
        return Finding(
            Status.FAIL, f"Every backup found is on or beside this machine: {_names(found.backups)}.", evidence
        )
    raise ProbeUnavailable(
        "Could not tell whether any backup leaves this machine: mark it `offsite = true` under "
        "[[backups]], or record [attest] offsite_copy when you take a copy away.",
        **evidence,
    )


@check(BAK_001)
def backup_configured(system: System) -> Finding:
    return judge_configured(find_backups(system), _probes(system).NOTHING_FOUND)


@check(BAK_002)
def backup_recent(system: System) -> Finding:
    return judge_recent(find_backups(system), system.now())


@check(BAK_003)
def backup_encrypted(system: System) -> Finding:
    return judge_encrypted(find_backups(system))


@check(BAK_004)
def backup_offsite(system: System) -> Finding:
    found = find_backups(system).with_data()
    if not any(b.offsite for b in found.backups) and system.profile.attest.get("offsite_copy") is not None:
        statement = dated_statement(system, "offsite_copy", 31)
        return Finding(statement.status, statement.summary, {**_evidence(found), **statement.evidence})
    return judge_offsite(found)


@check(BAK_005)
def restore_tested(system: System) -> Finding:
    return dated_statement(system, "restore_tested", HALF_YEAR)
