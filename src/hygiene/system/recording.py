"""Wraps another System and writes down every question and answer, for `hygiene snapshot`."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from hygiene import __version__
from hygiene.system.base import CommandResult, CommandTimedOut, FileUnreadable, OutputTooLarge, System
from hygiene.system.kept import WHOLE, Keep

SNAPSHOT_SCHEMA_VERSION = 1


class RecordingSystem:
    def __init__(self, inner: System) -> None:
        self._inner = inner
        self.facts = inner.facts
        self.profile = inner.profile
        self._lock = threading.Lock()
        self._commands: dict[tuple[tuple[str, ...], str], dict[str, Any]] = {}
        self._files: dict[tuple[str, str], dict[str, Any]] = {}
        self._exists: dict[str, bool] = {}
        self._globs: dict[str, list[str]] = {}
        self._mtimes: dict[str, str | None] = {}
        self._ssh_keys: dict[str, dict | None] = {}
        self._backups: dict[str, dict | None] = {}

    def run(self, argv: tuple[str, ...], keep: Keep = WHOLE) -> CommandResult:
        """Records the output as `keep` reduced it: the inner System applied it already."""
        argv = tuple(argv)
        kept = {} if keep is WHOLE else {"kept": keep.name}
        try:
            result = self._inner.run(argv, keep)
        except CommandTimedOut as exc:
            self._put(self._commands, (argv, keep.name), {"argv": list(argv), **kept, "timed_out": exc.timeout})
            raise
        except OutputTooLarge:
            self._put(self._commands, (argv, keep.name), {"argv": list(argv), **kept, "too_large": True})
            raise
        record = {
            "argv": list(argv),
            **kept,
            "returncode": result.returncode,
            "stdout": result.stdout,
            "stderr": result.stderr,
            "found": result.found,
        }
        self._put(self._commands, (argv, keep.name), record)
        return result

    def read_text(self, path: str, keep: Keep) -> str | None:
        kept = {} if keep is WHOLE else {"kept": keep.name}
        try:
            text = self._inner.read_text(path, keep)
        except FileUnreadable as exc:
            self._put(self._files, (path, keep.name), {"path": path, **kept, "error": exc.reason})
            raise
        self._put(self._files, (path, keep.name), {"path": path, **kept, "content": text})
        return text

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
        """The snapshot as a JSON-ready dict (see schemas/snapshot-v1.schema.json)."""
        f = self.facts
        with self._lock:
            return {
                "schema_version": SNAPSHOT_SCHEMA_VERSION,
                "kind": "hygiene-snapshot",
                "tool": {"name": "hygiene", "version": __version__},
                "clock": self.now().isoformat(),
                "redacted": False,
                "facts": {
                    "platform": f.platform.value,
                    "os_name": f.os_name,
                    "os_version": f.os_version,
                    "hostname": f.hostname,
                    "username": f.username,
                    "home": f.home,
                    "family": f.family,
                },
                "commands": [c for _, c in sorted(self._commands.items())],
                "files": [f for _, f in sorted(self._files.items())],
                "exists": [{"path": p, "exists": e} for p, e in sorted(self._exists.items())],
                "globs": [{"pattern": p, "matches": m} for p, m in sorted(self._globs.items())],
                "mtimes": [{"path": p, "mtime": m} for p, m in sorted(self._mtimes.items())],
                "ssh_keys": [{"path": p, "facts": f} for p, f in sorted(self._ssh_keys.items())],
                "backups": [{"path": p, "facts": f} for p, f in sorted(self._backups.items())],
            }
