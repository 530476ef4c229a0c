"""Replays a snapshot: the same questions get the answers the recorded machine gave."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hygiene.model import Platform
from hygiene.profile import NO_PROFILE, Profile
from hygiene.system.base import (
    CommandResult,
    CommandTimedOut,
    FileUnreadable,
    NotRecorded,
    OutputTooLarge,
    SystemFacts,
)
from hygiene.system.kept import WHOLE, Keep


class RecordedSystem:
    """Built from a snapshot document that snapshot.load_snapshot has already validated."""

    def __init__(self, doc: dict[str, Any], profile: Profile = NO_PROFILE) -> None:
        self.profile = profile
        f = doc["facts"]
        self.facts = SystemFacts(
            platform=Platform(f["platform"]),
            os_name=f["os_name"],
            os_version=f["os_version"],
            hostname=f["hostname"],
            username=f["username"],
            home=f["home"],
            family=f.get("family", ""),
        )
        self._clock = datetime.fromisoformat(doc["clock"])
        self._commands = {(tuple(c["argv"]), c.get("kept", WHOLE.name)): c for c in doc["commands"]}
        self._files = {(f["path"], f.get("kept", WHOLE.name)): f for f in doc["files"]}
        self._exists = {e["path"]: e["exists"] for e in doc["exists"]}
        self._globs = {g["pattern"]: g["matches"] for g in doc["globs"]}
        self._mtimes = {m["path"]: m["mtime"] for m in doc.get("mtimes", [])}
        self._ssh_keys = {k["path"]: k["facts"] for k in doc.get("ssh_keys", [])}
        self._backups = {b["path"]: b["facts"] for b in doc.get("backups", [])}

    @staticmethod
    def _find(records: dict[tuple[Any, str], dict[str, Any]], key: Any, keep: Keep) -> dict[str, Any] | None:
        """The record kept as asked, else a whole one (older snapshots) to reduce now."""
        return records.get((key, keep.name)) or records.get((key, WHOLE.name))

    def run(self, argv: tuple[str, ...], keep: Keep = WHOLE) -> CommandResult:
        argv = tuple(argv)
        rec = self._find(self._commands, argv, keep)
        if rec is None:
            raise NotRecorded(f"the snapshot has no answer for `{' '.join(argv)}`")
        if "timed_out" in rec:
            raise CommandTimedOut(argv, rec["timed_out"])
        if "too_large" in rec:
            raise OutputTooLarge(argv)
        return CommandResult(argv, rec["returncode"], keep(rec["stdout"]), keep.errors(rec["stderr"]), rec["found"])

    def read_text(self, path: str, keep: Keep) -> str | None:
        rec = self._find(self._files, path, keep)
        if rec is None:
            raise NotRecorded(f"the snapshot has no record of the file {path}")
        if "error" in rec:
            raise FileUnreadable(path, rec["error"])
        return None if rec["content"] is None else keep(rec["content"])

    def exists(self, path: str) -> bool:
        if path not in self._exists:
            raise NotRecorded(f"the snapshot does not say whether {path} exists")
        return self._exists[path]

    def glob(self, pattern: str) -> list[str]:
        if pattern not in self._globs:
            raise NotRecorded(f"the snapshot has no listing for {pattern}")
        return list(self._globs[pattern])

    def mtime(self, path: str) -> datetime | None:
        if path not in self._mtimes:
            raise NotRecorded(f"the snapshot has no modification time for {path}")
        when = self._mtimes[path]
        return datetime.fromisoformat(when) if when else None

    def ssh_key(self, path: str) -> dict | None:
        if path not in self._ssh_keys:
            raise NotRecorded(f"the snapshot has no facts about the key file {path}")
        return self._ssh_keys[path]

    def backup(self, path: str) -> dict | None:
        if path not in self._backups:
            raise NotRecorded(f"the snapshot has no facts about the backup {path}")
        return self._backups[path]

    def now(self) -> datetime:
        return self._clock

    def stop(self) -> None:
        """Nothing runs: answers come from the document."""
