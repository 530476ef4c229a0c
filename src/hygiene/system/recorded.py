"""Replays a snapshot: the same questions get the answers the recorded machine gave."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from hygiene.profile import NO_PROFILE, Profile
from hygiene.system.base import (
    CommandResult,
    CommandTimedOut,
    FileUnreadable,
    NotRecorded,
    OutputTooLarge,
    RegistryValue,
)
from hygiene.system.kept import WHOLE, Keep
from hygiene.system.snapshot_document import Snapshot

A = TypeVar("A")


class RecordedSystem:
    """Built from a snapshot document that snapshot_document.load has already validated.

    The backups the recording's profile declared come with the snapshot, so a replay without
    that profile sees them too; a replay profile that declares backups of its own is used as
    it is (its other backups were not examined, and say so)."""

    def __init__(self, doc: dict[str, Any], profile: Profile = NO_PROFILE) -> None:
        self._answers = Snapshot.read(doc)
        recorded = self._answers.declared_backups
        self.profile = replace(profile, backups=recorded) if recorded and not profile.backups else profile
        self.facts = self._answers.facts
        self._clock = datetime.fromisoformat(self._answers.clock)

    @staticmethod
    def _find(records: dict[tuple[Any, str], A], key: Any, keep: Keep) -> A | None:
        """The record kept as asked, else a whole one (older snapshots) to reduce now."""
        found = records.get((key, keep.name))
        return found if found is not None else records.get((key, WHOLE.name))

    def run(self, argv: tuple[str, ...], keep: Keep = WHOLE) -> CommandResult:
        argv = tuple(argv)
        rec = self._find(self._answers.commands, argv, keep)
        if rec is None:
            raise NotRecorded(f"the snapshot has no answer for `{' '.join(argv)}`")
        if rec.timed_out is not None:
            raise CommandTimedOut(argv, rec.timed_out)
        if rec.too_large:
            raise OutputTooLarge(argv)
        return CommandResult(argv, rec.returncode, keep(rec.stdout), keep.errors(rec.stderr), rec.found)

    def read_text(self, path: str, keep: Keep) -> str | None:
        rec = self._find(self._answers.files, path, keep)
        if rec is None:
            raise NotRecorded(f"the snapshot has no record of the file {path}")
        if rec.error is not None:
            raise FileUnreadable(path, rec.error)
        return None if rec.content is None else keep(rec.content)

    def registry_values(self, key: str, names: tuple[str, ...]) -> dict[str, RegistryValue] | None:
        rec = self._answers.registry.get((key, tuple(names)))
        if rec is None:
            raise NotRecorded(f"the snapshot has no record of the registry key {key}")
        if rec.error is not None:
            raise FileUnreadable(key, rec.error)
        return None if rec.values is None else dict(rec.values)

    def exists(self, path: str) -> bool:
        if path not in self._answers.exists:
            raise NotRecorded(f"the snapshot does not say whether {path} exists")
        return self._answers.exists[path]

    def glob(self, pattern: str) -> list[str]:
        if pattern not in self._answers.globs:
            raise NotRecorded(f"the snapshot has no listing for {pattern}")
        return list(self._answers.globs[pattern])

    def mtime(self, path: str) -> datetime | None:
        if path not in self._answers.mtimes:
            raise NotRecorded(f"the snapshot has no modification time for {path}")
        when = self._answers.mtimes[path]
        return datetime.fromisoformat(when) if when else None

    def ssh_key(self, path: str) -> dict | None:
        if path not in self._answers.ssh_keys:
            raise NotRecorded(f"the snapshot has no facts about the key file {path}")
        return self._answers.ssh_keys[path]

    def backup(self, path: str) -> dict | None:
        if path not in self._answers.backups:
            raise NotRecorded(f"the snapshot has no facts about the backup {path}")
        return self._answers.backups[path]

    def now(self) -> datetime:
        return self._clock

    def stop(self) -> None:
        """Nothing runs: answers come from the document."""
