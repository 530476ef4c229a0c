"""Wraps another System and writes down every question and answer, for `hygiene snapshot`."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from hygiene import __version__
from hygiene.system.base import (
    CommandResult,
    CommandTimedOut,
    FileUnreadable,
    OutputTooLarge,
    RegistryValue,
    System,
)
from hygiene.system.kept import WHOLE, Keep
from hygiene.system.snapshot_document import CommandAnswer, FileAnswer, RegistryAnswer, Snapshot


class RecordingSystem:
    def __init__(self, inner: System) -> None:
        self._inner = inner
        self.facts = inner.facts
        self.profile = inner.profile
        self._lock = threading.Lock()
        self._commands: dict[tuple[tuple[str, ...], str], CommandAnswer] = {}
        self._files: dict[tuple[str, str], FileAnswer] = {}
        self._exists: dict[str, bool] = {}
        self._globs: dict[str, list[str]] = {}
        self._mtimes: dict[str, str | None] = {}
        self._ssh_keys: dict[str, dict | None] = {}
        self._backups: dict[str, dict | None] = {}
        self._registry: dict[tuple[str, tuple[str, ...]], RegistryAnswer] = {}

    def run(self, argv: tuple[str, ...], keep: Keep = WHOLE) -> CommandResult:
        """Records the output as `keep` reduced it: the inner System applied it already."""
        argv = tuple(argv)
        try:
            result = self._inner.run(argv, keep)
        except CommandTimedOut as exc:
            self._put(self._commands, (argv, keep.name), CommandAnswer(timed_out=exc.timeout))
            raise
        except OutputTooLarge:
            self._put(self._commands, (argv, keep.name), CommandAnswer(too_large=True))
            raise
        answer = CommandAnswer(result.returncode, result.stdout, result.stderr, result.found)
        self._put(self._commands, (argv, keep.name), answer)
        return result

    def read_text(self, path: str, keep: Keep) -> str | None:
        try:
            text = self._inner.read_text(path, keep)
        except FileUnreadable as exc:
            self._put(self._files, (path, keep.name), FileAnswer(error=exc.reason))
            raise
        self._put(self._files, (path, keep.name), FileAnswer(content=text))
        return text

    def registry_values(self, key: str, names: tuple[str, ...]) -> dict[str, RegistryValue] | None:
        names = tuple(names)
        try:
            values = self._inner.registry_values(key, names)
        except FileUnreadable as exc:
            self._put(self._registry, (key, names), RegistryAnswer(error=exc.reason))
            raise
        self._put(self._registry, (key, names), RegistryAnswer(values=values))
        return values

    def exists(self, path: str) -> bool:
        answer = self._inner.exists(path)
        self._put(self._exists, path, answer)
        return answer

    def glob(self, pattern: str) -> list[str]:
        matches = self._inner.glob(pattern)
        self._put(self._globs, pattern, list(matches))
        return matches

    def mtime(self, path: str) -> datetime | None:
        when = self._inner.mtime(path)
        self._put(self._mtimes, path, when.isoformat() if when else None)
        return when

    def ssh_key(self, path: str) -> dict | None:
        facts = self._inner.ssh_key(path)
        self._put(self._ssh_keys, path, facts)
        return facts

    def backup(self, path: str) -> dict | None:
        facts = self._inner.backup(path)
        self._put(self._backups, path, facts)
        return facts

    def now(self) -> datetime:
        return self._inner.now()

    def stop(self) -> None:
        self._inner.stop()

    def _put(self, table: dict, key: Any, value: Any) -> None:
        with self._lock:
            table[key] = value

    def document(self) -> dict[str, Any]:
        """The snapshot as a JSON-ready dict, every table sorted so the file does not depend
        on the order the checks' threads asked in."""
        with self._lock:
            return Snapshot(
                facts=self.facts,
                clock=self.now().isoformat(),
                tool_version=__version__,
                commands=dict(sorted(self._commands.items())),
                files=dict(sorted(self._files.items())),
                exists=dict(sorted(self._exists.items())),
                globs=dict(sorted(self._globs.items())),
                mtimes=dict(sorted(self._mtimes.items())),
                ssh_keys=dict(sorted(self._ssh_keys.items())),
                backups=dict(sorted(self._backups.items())),
                registry=dict(sorted(self._registry.items())),
                declared_backups=self.profile.backups,  # DeclaredBackup holds no password
            ).document()
