"""Where this machine's backups are: declared in the profile ([[backups]]), or found in the
backup tools' own state (Time Machine, Timeshift, Déjà Dup, rsnapshot, File History, OneDrive
folder backup). One list, read
once per audit through the System seam, that the BAK checks judge from different sides.

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
from dataclasses import dataclass
from datetime import UTC, datetime

from hygiene.checks.base import first_line
from hygiene.checks.encryption_volumes import DISKUTIL_APFS
from hygiene.checks.updates_windows import POWERSHELL
from hygiene.model import Platform
from hygiene.parsers import ParseError, load_json
from hygiene.parsers.diskutil_apfs import parse_apfs_list
from hygiene.parsers.restic import parse_restic_snapshots
from hygiene.parsers.tmutil import parse_destinationinfo, parse_latestbackup
from hygiene.profile import DeclaredBackup
from hygiene.system import System
from hygiene.system.base import NotRecorded
from hygiene.system.kept import RESTIC_OUTPUT, RSNAPSHOT_ROOT, TIMESHIFT_DEVICE

TM_DESTINATIONS = ("tmutil", "destinationinfo")
TM_LATEST = ("tmutil", "latestbackup")
TIMESHIFT_CONFIG = "/etc/timeshift/timeshift.json"
TIMESHIFT_SNAPSHOTS = "/timeshift/snapshots/*"
RSNAPSHOT_CONFIG = "/etc/rsnapshot.conf"
FILE_HISTORY = "AppData/Local/Microsoft/Windows/FileHistory/Configuration/Config1.xml"
# Windows Backup's folder backup moves Desktop, Documents and Pictures into OneDrive: the
# shell-folder pointers then lead into the OneDrive folder.
# The folder is always "OneDrive" or "OneDrive - Organisation", whatever the display language.
ONEDRIVE_FOLDERS = (
    "$k = Get-ItemProperty 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders' "
    "-ErrorAction SilentlyContinue; ConvertTo-Json -Compress -InputObject ([pscustomobject]@{ "
    "Desktop = $k.Desktop; Documents = $k.Personal; Pictures = $k.'My Pictures' })"
)
DEJA_DUP = "/usr/bin/deja-dup"
DEJA_DUP_LAST = ("gsettings", "get", "org.gnome.DejaDup", "last-backup")
DEJA_DUP_BACKEND = ("gsettings", "get", "org.gnome.DejaDup", "backend")
DEJA_DUP_REMOTE = {"remote", "google", "microsoft", "s3", "gcs", "rackspace", "openstack", "gdrive", "onedrive"}
# Tools whose repositories hygiene cannot find by itself: installed, they deserve a declaration.
TOOLS = ("restic", "borg", "kopia", "duplicity", "rclone", "deja-dup", "duplicati")
TOOL_DIRS = ("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin")
# restic's remote backends: a repository named so is restic's, and restic always encrypts.
RESTIC_REMOTE = re.compile(r"^(sftp|rest|s3|b2|azure|gs|swift|rclone):", re.I)
DRIVE = re.compile(r"^[A-Za-z]:[\\/]")  # C:\Backups, D:/Backups
NOT_CONTACTED = "remote, not contacted"


@dataclass(frozen=True)
class Backup:
    name: str
    where: str
    source: str  # "profile, line 12", "Time Machine", "Timeshift", ...
    newest: datetime | None = None
    encrypted: bool | None = None
    how: str = ""  # why it is (not) encrypted, or why that is unknown
    weak: bool = False
    offsite: bool | None = None  # None: cannot tell
    contacted: bool = True  # False: a declared remote repository, judged from the profile alone

    @property
    def label(self) -> str:
        """The name, saying so when hygiene did not look at the backup itself."""
        return self.name if self.contacted else f"{self.name} ({NOT_CONTACTED})"


@dataclass(frozen=True)
class Found:
    backups: tuple[Backup, ...]
    unknown_tools: tuple[str, ...]  # installed backup tools with no known repository
    problems: tuple[str, ...]  # sources that could not be read


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


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


def _declared(system: System) -> tuple[list[Backup], list[str]]:
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
            newest = _time(facts.get("newest"))
            if facts.get("kind") == "restic repository":
                newest = _restic_newest(system, path) or newest
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
                )
            )
    return backups, problems


def restic_snapshots(absolute: str) -> tuple[str, ...]:
    """Read-only: no lock, no cache. It needs the password from the user's own
    RESTIC_PASSWORD_FILE or RESTIC_PASSWORD_COMMAND; without one it fails at once (its stdin
    is empty) and the repository's file times stand in. The repository is always
    `local:` and an absolute path (see local_path): never a backend, a URL or an option."""
    if not (posixpath.isabs(absolute) or ntpath.isabs(absolute)):
        raise ValueError(f"restic is only given an absolute local path, not {absolute!r}")
    return ("restic", "snapshots", "--json", "--no-lock", "--no-cache", "--repo", f"local:{absolute}")


def _restic_newest(system: System, path: str) -> datetime | None:
    where = local_path(path, system.facts.home, windows=system.facts.platform is Platform.WINDOWS)
    if where is None:
        return None
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


def _time_machine(system: System) -> tuple[list[Backup], list[str]]:
    result = system.run(TM_DESTINATIONS)
    if not result.found:
        return [], []
    if not result.ok and "no destinations" not in (result.stdout + result.stderr).lower():
        return [], [f"`tmutil destinationinfo` failed: {first_line(result.stderr) or result.returncode}"]
    try:
        destinations = parse_destinationinfo(result.stdout + result.stderr)
    except ParseError as exc:
        return [], [str(exc)]
    if not destinations:
        return [], []
    latest = system.run(TM_LATEST)
    newest = parse_latestbackup(latest.stdout) if latest.ok else None
    found = []
    for d in destinations:
        encrypted, how = _apfs_encrypted(system, d.mount_point) if d.mount_point else (None, "")
        found.append(
            Backup(
                f"Time Machine: {d.name}",
                d.url or d.mount_point or d.name,
                "Time Machine",
                newest=newest.replace(tzinfo=UTC) if newest else None,
                encrypted=encrypted,
                how=how or "a network destination's encryption is not visible from this Mac",
                offsite={"network": True, "local": False}.get(d.kind.lower()),  # a NAS, or a disk on this Mac
            )
        )
    return found, []


def _apfs_encrypted(system: System, mount_point: str) -> tuple[bool | None, str]:
    """A local Time Machine disk (APFS since macOS 11) is encrypted when its volume is."""
    result = system.run(DISKUTIL_APFS)  # the same answer ENC-003 reads
    try:
        volumes = parse_apfs_list(result.stdout) if result.ok else []
    except ParseError:
        volumes = []
    volume = next((v for v in volumes if v.mount == mount_point), None)
    if volume is None or volume.encrypted is None:
        return None, f"{mount_point} is not an APFS volume diskutil reports on (an HFS+ disk?)"
    return volume.encrypted, f"the APFS volume at {mount_point} {'is' if volume.encrypted else 'is not'} encrypted"


def _linux_tools(system: System) -> tuple[list[Backup], list[str]]:
    backups, problems = [], []
    if system.exists(TIMESHIFT_CONFIG):
        try:
            config = load_json(system.read_text(TIMESHIFT_CONFIG, TIMESHIFT_DEVICE) or "{}", TIMESHIFT_CONFIG)
        except ParseError:
            config, problems = {}, [f"{TIMESHIFT_CONFIG} is not valid JSON"]
        device = config.get("backup_device_uuid") if isinstance(config, dict) else ""
        if device:
            stamps = [p.rsplit("/", 1)[-1] for p in system.glob(TIMESHIFT_SNAPSHOTS)]
            times = [datetime.strptime(s, "%Y-%m-%d_%H-%M-%S").replace(tzinfo=UTC) for s in stamps if _stamp(s)]
            backups.append(
                Backup(
                    "Timeshift (system snapshots)",
                    f"device {device}",
                    "Timeshift",
                    newest=max(times, default=None),
                    how="Timeshift copies files as they are; only an encrypted target disk protects them",
                )
            )
    backups += _deja_dup(system)
    if system.exists(RSNAPSHOT_CONFIG):
        text = system.read_text(RSNAPSHOT_CONFIG, RSNAPSHOT_ROOT) or ""
        root = next((ln.split(None, 1)[1].strip() for ln in text.splitlines() if ln.startswith("snapshot_root")), None)
        if root:
            facts = system.backup(root) or {}
            backups.append(
                Backup(
                    "rsnapshot",
                    root,
                    "rsnapshot",
                    newest=_time(facts.get("newest")),
                    encrypted=False if facts and "error" not in facts else None,
                    how="rsnapshot keeps plain copies of the files",
                )
            )
    return backups, problems


def _deja_dup(system: System) -> list[Backup]:
    """GNOME's backup tool: its settings say when it last ran and where it writes."""
    if not system.exists(DEJA_DUP):
        return []
    last = system.run(DEJA_DUP_LAST)
    stamp = last.stdout.strip().strip("'") if last.ok else ""
    if not stamp:
        return []  # installed, never run
    try:
        newest = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        newest = None
    backend = system.run(DEJA_DUP_BACKEND)
    where = backend.stdout.strip().strip("'") if backend.ok else ""
    return [
        Backup(
            "Déjà Dup",
            where or "unknown location",
            "Déjà Dup",
            newest=newest if newest is None or newest.tzinfo else newest.replace(tzinfo=UTC),
            how="Déjà Dup encrypts only if a password was chosen at the first backup; hygiene cannot see which",
            offsite=True if where in DEJA_DUP_REMOTE else None,
        )
    ]


def _stamp(name: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}", name) is not None


def _file_history(system: System) -> list[Backup]:
    config = f"{system.facts.home}/{FILE_HISTORY}".replace("\\", "/")
    if not system.exists(config):
        return []
    return [
        Backup(
            "Windows File History",
            config,
            "File History",
            newest=system.mtime(config),  # rewritten by every File History run
            how="File History copies files as they are; only a BitLocker-encrypted target drive protects them",
        )
    ]


def _onedrive_folder_backup(system: System) -> tuple[list[Backup], list[str]]:
    result = system.run((*POWERSHELL, ONEDRIVE_FOLDERS))
    if not result.ok:
        return [], [f"the OneDrive folder settings could not be read: {first_line(result.stderr) or result.returncode}"]
    try:
        data = load_json(result.stdout.strip() or "{}", "the OneDrive folder settings")
    except ParseError:
        return [], ["the OneDrive folder settings were not JSON"]
    if not isinstance(data, dict):
        return [], ["the OneDrive folder settings were not a JSON object"]
    moved = [
        name
        for name in ("Desktop", "Documents", "Pictures")
        if isinstance(data.get(name), str) and re.search(r"\\onedrive( - [^\\]+)?\\", data[name], re.I)
    ]
    if not moved:
        return [], []
    return [
        Backup(
            "OneDrive folder backup (Windows Backup)",
            ", ".join(moved),
            "Windows Backup",
            how="OneDrive encrypts stored files on Microsoft's side, but anyone who signs in to the account reads them",
            offsite=True,
        )
    ], []


def find_backups(system: System) -> Found:
    backups, problems = _declared(system)
    platform = system.facts.platform
    if platform is Platform.MACOS:
        found, trouble = _time_machine(system)
        backups += found
        problems += trouble
    elif platform is Platform.LINUX:
        found, trouble = _linux_tools(system)
        backups += found
        problems += trouble
    elif platform is Platform.WINDOWS:
        backups += _file_history(system)
        found, trouble = _onedrive_folder_backup(system)
        backups += found
        problems += trouble
    unknown_tools: tuple[str, ...] = ()
    if platform is not Platform.WINDOWS and not backups:
        unknown_tools = tuple(t for t in TOOLS if any(system.exists(f"{d}/{t}") for d in TOOL_DIRS))
    return Found(tuple(backups), unknown_tools, tuple(problems))
