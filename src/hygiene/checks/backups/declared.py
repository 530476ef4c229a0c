"""The backups the profile declares ([[backups]]), on every platform alike.

Input never acts (DESIGN.md principle 8): a declared `path` is always a local path, and reaches
restic only as `--repo local:/absolute/path`, so no folder name can make restic open an SSH
connection or run rclone; a declared `repository` that names a remote (sftp:, rclone:, s3:,
ssh://, user@host:path, host:path ...) is never contacted nor looked for on this machine: its
BAK verdicts come from the declaration alone, and every finding naming it says so."""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
from collections.abc import Callable
from datetime import datetime

from hygiene.checks.backups.found import NOT_CONTACTED, Backup, fact_time
from hygiene.parsers import ParseError
from hygiene.parsers.restic import parse_restic_snapshots
from hygiene.profile import DeclaredBackup
from hygiene.system import System
from hygiene.system.base import NotRecorded
from hygiene.system.kept import RESTIC_OUTPUT

# restic's remote backends: a repository named so is restic's, and restic always encrypts.
RESTIC_REMOTE = re.compile(r"^(sftp|rest|s3|b2|azure|gs|swift|rclone):", re.I)
DRIVE = re.compile(r"^[A-Za-z]:[\\/]")  # C:\Backups, D:/Backups
# The platform's reading of a declared local path: absolute, or None when not guessed.
Absolute = Callable[[System, str], str | None]


def is_remote(repository: str) -> bool:
    """Whether a declared repository names something off this machine: a URL or a backend
    (sftp:host:/x, rclone:remote:x, s3:..., ssh://..., https://...), or host:path and
    user@host:path as scp and borg write them. A colon before the first slash means remote,
    except a drive letter (C:\\ or C:/) and restic's own `local:`; so anything unclear is
    never contacted, never looked at as a local path."""
    if repository.startswith("local:") or DRIVE.match(repository):
        return False
    first = re.split(r"[\\/]", repository, maxsplit=1)[0]
    return ":" in first


def local_path(path: str, home: str, cwd: str | None = None, windows: bool = False) -> str | None:
    """A declared local path made absolute and normalised, as the machine examined sees it:
    `~` is that machine's home (from the System, so a snapshot replays the same), a relative
    path is taken from the working folder (as backup facts are), and `..` is folded. None
    for `~user`, which hygiene does not guess."""
    mod = ntpath if windows else posixpath
    if path.startswith("local:"):
        path = path[len("local:") :]
    if path == "~" or path.startswith(("~/", "~\\")):
        path = home + path[1:]
    elif path.startswith("~"):
        return None
    if not mod.isabs(path):
        path = mod.join(cwd if cwd is not None else os.getcwd(), path)
    return mod.normpath(path)


def restic_snapshots(absolute: str) -> tuple[str, ...]:
    """Read-only: no lock, no cache. It needs the password from the user's own
    RESTIC_PASSWORD_FILE or RESTIC_PASSWORD_COMMAND; without one it fails at once (its stdin
    is empty) and the repository's file times stand in. The repository is always
    `local:` and an absolute path (see local_path): never a backend, a URL or an option."""
    if not (posixpath.isabs(absolute) or ntpath.isabs(absolute)):
        raise ValueError(f"restic is only given an absolute local path, not {absolute!r}")
    return ("restic", "snapshots", "--json", "--no-lock", "--no-cache", "--repo", f"local:{absolute}")


def declared_backups(system: System, absolute: Absolute) -> tuple[list[Backup], list[str]]:
    """Each [[backups]] entry as a Backup, and why any of them could not be read."""
    backups, problems = [], []
    for d in system.profile.backups:
        source = f"profile, line {d.line}"
        if d.repository and not d.path and is_remote(d.repository):
            backups.append(_remote(d, source))
            continue
        path = d.path or (d.repository or "").removeprefix("local:")
        facts = system.backup(path)
        if facts is None:
            problems.append(f"{d.name}: {path} does not exist (is the disk or share mounted?)")
            backups.append(Backup(d.name, path, source, how="not reachable now", offsite=d.offsite))
        elif "error" in facts:
            problems.append(f"{d.name}: {path} cannot be read ({facts['error']})")
            backups.append(Backup(d.name, path, source, how=f"unreadable: {facts['error']}", offsite=d.offsite))
        else:
            sure = facts.get("certainty") == "format"
            newest = fact_time(facts.get("newest"))
            if facts.get("kind") == "restic repository":
                where = absolute(system, path)
                newest = (None if where is None else _restic_newest(system, where)) or newest
            backups.append(
                Backup(
                    d.name,
                    path,
                    source,
                    newest=newest,
                    encrypted=facts.get("encrypted") if sure or facts.get("encrypted") is False else None,
                    how=f"{facts.get('kind')}: {facts.get('detail')}".rstrip(": "),
                    weak=bool(facts.get("weak")),
                    offsite=d.offsite,
                    empty=facts.get("empty", ""),
                    newest_file=facts.get("newest_file", ""),
                    unidentified=facts.get("unidentified", ""),
                    dated_by=facts.get("dated_by", ""),
                )
            )
    return backups, problems


def _remote(d: DeclaredBackup, source: str) -> Backup:
    restic = bool(RESTIC_REMOTE.match(d.repository or ""))
    how = "restic always encrypts" if restic else "a remote repository: hygiene cannot see how it is stored"
    return Backup(
        d.name,
        d.repository or "",
        f"{source}; {NOT_CONTACTED}: hygiene works offline",
        encrypted=True if restic else None,
        how=f"{how} (declared; not contacted)",
        offsite=True,
        contacted=False,
    )


def _restic_newest(system: System, where: str) -> datetime | None:
    """The newest snapshot restic lists in the local repository at `where` (absolute), or
    None when restic cannot say (no password, an old snapshot): file times stand in."""
    try:
        result = system.run(restic_snapshots(where), RESTIC_OUTPUT)
    except NotRecorded:  # a snapshot from before restic was asked this way: file times stand in
        return None
    if not result.ok:
        return None
    try:
        return max((s.time for s in parse_restic_snapshots(result.stdout)), default=None)
    except ParseError:
        return None
