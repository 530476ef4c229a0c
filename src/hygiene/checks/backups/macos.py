"""What the backup checks find on macOS: Time Machine's destinations and its newest backup,
and whether a local destination's APFS volume is encrypted."""

from __future__ import annotations

from datetime import UTC

from hygiene.checks.backups import installed
from hygiene.checks.backups.declared import local_path
from hygiene.checks.backups.found import Backup
from hygiene.checks.base import first_line
from hygiene.parsers import ParseError
from hygiene.parsers.diskutil_apfs import parse_apfs_list
from hygiene.parsers.tmutil import parse_destinationinfo, parse_latestbackup
from hygiene.platforms.macos import DISKUTIL_APFS
from hygiene.system import System

TM_DESTINATIONS = ("tmutil", "destinationinfo")
TM_LATEST = ("tmutil", "latestbackup")
NOTHING_FOUND = "no Time Machine destination"


def tool_backups(system: System) -> tuple[list[Backup], list[str]]:
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
    dated = (latest.stdout.strip().splitlines()[-1],) if newest else ()  # the path that dates it
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
                lines=(*d.lines, *dated),
                said_by="tmutil",
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


def unknown_tools(system: System) -> tuple[str, ...]:
    return installed(system)


def absolute(system: System, path: str) -> str | None:
    return local_path(path, system.facts.home)
