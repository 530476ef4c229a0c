"""The System protocol and the small records it returns.

Checks ask a System for everything they read. Local, recording and recorded systems implement
it, so every check runs the same way on this machine, inside a snapshot and in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from hygiene.model import Platform
from hygiene.profile import Profile
from hygiene.system.kept import WHOLE, Keep

MAX_FILE_BYTES = 1024 * 1024  # a probe reads config and state files, never bulk data
# A probed command's stdout or stderr beyond this is not kept: the check says UNKNOWN, and a
# snapshot stays small enough to replay (its loader reads at most 50 MB).
MAX_OUTPUT_BYTES = 8 * 1024 * 1024

# A registry value as read: REG_SZ and REG_EXPAND_SZ as str (unexpanded), the DWORD and QWORD
# types as int, REG_MULTI_SZ as list[str], REG_NONE as None, REG_BINARY and any other type as
# lowercase hex (hygiene.system.windows_registry converts them).
RegistryValue = str | int | list[str] | None


@dataclass(frozen=True)
class CommandResult:
    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    found: bool = True  # False when the program is not installed (or cannot be executed)

    @property
    def ok(self) -> bool:
        return self.found and self.returncode == 0


@dataclass(frozen=True)
class SystemFacts:
    platform: Platform
    os_name: str
    os_version: str
    hostname: str
    username: str
    home: str
    family: str = ""  # Linux family for remediation: debian, rhel, suse, arch, alpine; "" elsewhere


class ProbeUnavailable(Exception):
    """A probe could not answer: the one way a check says "cannot tell". The engine turns it
    into UNKNOWN with the reason as the summary and what was seen as the evidence."""

    def __init__(self, reason: str, **evidence: Any) -> None:
        super().__init__(reason)
        self.evidence = evidence


class CommandTimedOut(ProbeUnavailable):
    def __init__(self, argv: tuple[str, ...], timeout: float) -> None:
        super().__init__(f"`{' '.join(argv)}` did not finish within {timeout:g} s")
        self.argv = argv
        self.timeout = timeout


class OutputTooLarge(ProbeUnavailable):
    def __init__(self, argv: tuple[str, ...]) -> None:
        super().__init__(
            f"`{' '.join(argv)}` printed more than {MAX_OUTPUT_BYTES // (1024 * 1024)} MiB, more than hygiene reads"
        )
        self.argv = argv


class FileUnreadable(ProbeUnavailable):
    def __init__(self, path: str, reason: str) -> None:
        hint = " (run as administrator to see this)" if "ermission" in reason else ""
        super().__init__(f"cannot read {path}: {reason}{hint}")
        self.path = path
        self.reason = reason


class NotRecorded(ProbeUnavailable):
    """A replayed snapshot has no answer for this question (recorded by another version)."""


class System(Protocol):
    facts: SystemFacts
    profile: Profile  # the user's own policy and dated statements, for attested checks

    def run(self, argv: tuple[str, ...], keep: Keep = WHOLE) -> CommandResult:
        """Run a program by argv (never a shell); raises CommandTimedOut. Its stdout is
        reduced to what `keep` keeps before anyone sees it (see hygiene.system.kept)."""

    def read_text(self, path: str, keep: Keep) -> str | None:
        """What `keep` keeps of a file's text, or None when it does not exist; raises
        FileUnreadable. Every caller names what it keeps: a config file may hold a secret."""

    def registry_values(self, key: str, names: tuple[str, ...]) -> dict[str, RegistryValue] | None:
        """The named values of a Windows registry key ("HKLM\\SOFTWARE\\...", "HKCU\\..."):
        names not present are left out, and names=() asks only whether the key exists. None
        when the key does not exist; raises FileUnreadable when it cannot be read. Every caller
        names the values it reads: a key may hold a secret (Winlogon's DefaultPassword). Another
        hive (or spelling) is a ValueError: keys are the checks' constants, never user input."""

    def exists(self, path: str) -> bool: ...

    def glob(self, pattern: str) -> list[str]:
        """Matching paths, sorted."""

    def mtime(self, path: str) -> datetime | None:
        """When a file or folder was last modified (timezone-aware), or None when it is absent."""

    def ssh_key(self, path: str) -> dict | None:
        """Facts about a private key file (type, size, encrypted, hardware), never its contents:
        snapshots record these facts only. None when the file is absent or not a private key."""

    def backup(self, path: str) -> dict | None:
        """Facts about a backup file, folder or repository (kind, encrypted and how sure,
        newest time, size; see hygiene.backup.identify.backup_facts), never its contents.
        None when the path is absent; {"error": reason} when it cannot be read."""

    def now(self) -> datetime:
        """The audit's clock: one fixed, timezone-aware instant for the whole audit."""

    def stop(self) -> None:
        """The audit was interrupted: end every command still running, start no more."""
