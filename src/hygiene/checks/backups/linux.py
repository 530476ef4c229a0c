"""What the backup checks find on Linux: Timeshift's snapshots, Déjà Dup's settings and
rsnapshot's snapshot root."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hygiene.checks.backups import installed
from hygiene.checks.backups.declared import local_path
from hygiene.checks.backups.found import Backup, fact_time
from hygiene.parsers import ParseError, load_json
from hygiene.system import System
from hygiene.system.kept import RSNAPSHOT_ROOT, TIMESHIFT_DEVICE

TIMESHIFT_CONFIG = "/etc/timeshift/timeshift.json"
TIMESHIFT_SNAPSHOTS = "/timeshift/snapshots/*"
RSNAPSHOT_CONFIG = "/etc/rsnapshot.conf"
DEJA_DUP = "/usr/bin/deja-dup"
DEJA_DUP_LAST = ("gsettings", "get", "org.gnome.DejaDup", "last-backup")
DEJA_DUP_BACKEND = ("gsettings", "get", "org.gnome.DejaDup", "backend")
DEJA_DUP_REMOTE = {"remote", "google", "microsoft", "s3", "gcs", "rackspace", "openstack", "gdrive", "onedrive"}
NOTHING_FOUND = "no Timeshift, rsnapshot or known backup tool"


def tool_backups(system: System) -> tuple[list[Backup], list[str]]:
    backups, problems = _timeshift(system)
    backups += _deja_dup(system)
    backups += _rsnapshot(system)
    return backups, problems


def _timeshift(system: System) -> tuple[list[Backup], list[str]]:
    if not system.exists(TIMESHIFT_CONFIG):
        return [], []
    problems = []
    try:
        config = load_json(system.read_text(TIMESHIFT_CONFIG, TIMESHIFT_DEVICE) or "{}", TIMESHIFT_CONFIG)
    except ParseError:
        config, problems = {}, [f"{TIMESHIFT_CONFIG} is not valid JSON"]
    device = config.get("backup_device_uuid") if isinstance(config, dict) else ""
    if not device:
        return [], problems
    stamps = [p.rsplit("/", 1)[-1] for p in system.glob(TIMESHIFT_SNAPSHOTS)]
    times = [datetime.strptime(s, "%Y-%m-%d_%H-%M-%S").replace(tzinfo=UTC) for s in stamps if _stamp(s)]
    backup = Backup(
        "Timeshift (system snapshots)",
        f"device {device}",
        "Timeshift",
        newest=max(times, default=None),
        how="Timeshift copies files as they are; only an encrypted target disk protects them",
    )
    return [backup], problems


def _stamp(name: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}", name) is not None


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


def _rsnapshot(system: System) -> list[Backup]:
    if not system.exists(RSNAPSHOT_CONFIG):
        return []
    text = system.read_text(RSNAPSHOT_CONFIG, RSNAPSHOT_ROOT) or ""
    root = next((ln.split(None, 1)[1].strip() for ln in text.splitlines() if ln.startswith("snapshot_root")), None)
    if not root:
        return []
    facts = system.backup(root) or {}
    return [
        Backup(
            "rsnapshot",
            root,
            "rsnapshot",
            newest=fact_time(facts.get("newest")),
            encrypted=False if facts and "error" not in facts else None,
            how="rsnapshot keeps plain copies of the files",
            empty=facts.get("empty", ""),
        )
    ]


def unknown_tools(system: System) -> tuple[str, ...]:
    return installed(system)


def absolute(system: System, path: str) -> str | None:
    return local_path(path, system.facts.home)
