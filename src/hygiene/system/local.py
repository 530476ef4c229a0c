"""The real machine: subprocess without a shell, LANG=C, a timeout, every answer memoised."""

from __future__ import annotations

import getpass
import glob as globmod
import os
import platform as pyplatform
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from hygiene.model import Platform
from hygiene.parsers.os_release import parse_os_release
from hygiene.parsers.ssh_keys import describe_private_key
from hygiene.profile import NO_PROFILE, Profile
from hygiene.system.base import (
    MAX_FILE_BYTES,
    CommandResult,
    CommandTimedOut,
    FileUnreadable,
    SystemFacts,
)
from hygiene.system.memo import Memo

DEFAULT_TIMEOUT_S = 20.0


def current_platform() -> Platform:
    if sys.platform == "darwin":
        return Platform.MACOS
    if sys.platform.startswith("win"):
        return Platform.WINDOWS
    return Platform.LINUX


# How restic finds its password without hygiene touching it: a file or a command the user set
# up for unattended backups. RESTIC_PASSWORD itself (the secret) is never passed on.
RESTIC_CREDENTIALS = ("RESTIC_PASSWORD_FILE", "RESTIC_PASSWORD_COMMAND")


def _command_env() -> dict[str, str]:
    """A minimal, predictable environment: English, untranslated output from every tool."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "SYSTEMROOT", "WINDIR", "HOME", *RESTIC_CREDENTIALS)}
    env.setdefault("PATH", os.defpath)
    env.update(LANG="C", LC_ALL="C", LANGUAGE="C")
    return env


def read_bounded(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read at most `limit` bytes as UTF-8 (bad bytes replaced): probes never slurp bulk data."""
    with open(path, "rb") as fh:
        return fh.read(limit).decode("utf-8", errors="replace")


class LocalSystem:
    def __init__(self, timeout: float = DEFAULT_TIMEOUT_S, profile: Profile = NO_PROFILE) -> None:
        self.timeout = timeout
        self.profile = profile
        self._now = datetime.now(UTC).replace(microsecond=0)
        self._runs: Memo[CommandResult] = Memo()
        self._files: Memo[str | None] = Memo()
        self._backups: Memo[dict | None] = Memo()
        self.facts = self._facts()

    def _facts(self) -> SystemFacts:
        plat = current_platform()
        family = ""
        if plat is Platform.LINUX:
            release = parse_os_release(self._read_os_release())
            os_name, os_version, family = release.pretty_name or "Linux", release.version_id, release.family
        elif plat is Platform.MACOS:
            os_name, os_version = "macOS", pyplatform.mac_ver()[0]
        else:
            os_name, os_version = f"Windows {pyplatform.release()}", pyplatform.version()
        try:
            username = getpass.getuser()
        except (KeyError, OSError):
            username = ""
        return SystemFacts(
            platform=plat,
            os_name=os_name,
            os_version=os_version,
            hostname=socket.gethostname(),
            username=username,
            home=str(Path.home()),
            family=family,
        )

    def _read_os_release(self) -> str:
        for path in ("/etc/os-release", "/usr/lib/os-release"):
            try:
                text = self.read_text(path)
            except FileUnreadable:
                continue
            if text is not None:
                return text
        return ""

    def run(self, argv: tuple[str, ...]) -> CommandResult:
        return self._runs.get(tuple(argv), lambda: self._run(tuple(argv)))

    def _run(self, argv: tuple[str, ...]) -> CommandResult:
        try:
            proc = subprocess.run(
                argv,
                capture_output=True,
                timeout=self.timeout,
                env=_command_env(),
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CommandTimedOut(argv, self.timeout) from None
        except (FileNotFoundError, PermissionError, NotADirectoryError) as exc:
            return CommandResult(argv, 127, "", exc.strerror or str(exc), found=False)
        return CommandResult(
            argv,
            proc.returncode,
            proc.stdout.decode("utf-8", errors="replace"),
            proc.stderr.decode("utf-8", errors="replace"),
        )

    def read_text(self, path: str) -> str | None:
        return self._files.get(path, lambda: self._read(path))

    @staticmethod
    def _read(path: str) -> str | None:
        try:
            return read_bounded(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise FileUnreadable(path, exc.strerror or str(exc)) from None

    def exists(self, path: str) -> bool:
        return os.path.lexists(path)

    def glob(self, pattern: str) -> list[str]:
        return sorted(globmod.glob(pattern))

    def ssh_key(self, path: str) -> dict | None:
        text = self._read(path)  # not memoised or recorded as text: key material stays here
        if text is None:
            return None
        facts = describe_private_key(text)
        del text
        return facts.as_dict() if facts else None

    def backup(self, path: str) -> dict | None:
        from hygiene.backup.identify import backup_facts  # only audits with backups need it

        return self._backups.get(path, lambda: backup_facts(Path(path).expanduser()))

    def mtime(self, path: str) -> datetime | None:
        try:
            return datetime.fromtimestamp(os.stat(path).st_mtime, UTC).replace(microsecond=0)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise FileUnreadable(path, exc.strerror or str(exc)) from None

    def now(self) -> datetime:
        return self._now
