"""The records the backup checks judge: each backup found (Backup) and the one list of them
(Found). A module of their own because the profile's declarations (declared.py), every
platform module and the checks all make or read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from hygiene.inert import one_line

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
    empty: str = ""  # why it holds no backup at all (an empty file or folder); "" when it holds data
    # A folder whose newest file could not be identified (see hygiene.backup.identify.Artifact):
    # that file's name, why, and the older file that dates it instead ("": none, newest is None).
    newest_file: str = ""
    unidentified: str = ""
    dated_by: str = ""
    # The output lines that found it, and the command that printed them (evidence, issue 11).
    lines: tuple[str, ...] = ()
    said_by: str = ""

    @property
    def label(self) -> str:
        """The name, saying so when hygiene did not look at the backup itself."""
        return self.shown if self.contacted else f"{self.shown} ({NOT_CONTACTED})"

    @property
    def shown(self) -> str:
        """The name as text shows it: from a profile or a folder, so made inert and one line."""
        return one_line(self.name)

    @property
    def quoted(self) -> str:
        """The name as a summary shows it: quoted, so a name with spaces reads as one."""
        return f"'{self.shown}'" if self.contacted else f"'{self.shown}' ({NOT_CONTACTED})"

    @property
    def why_undated(self) -> str:
        """What the newest file of a folder was, when it could not date the folder."""
        return one_line(f"its newest file ({self.newest_file}) {self.unidentified}")


@dataclass(frozen=True)
class Found:
    backups: tuple[Backup, ...]
    unknown_tools: tuple[str, ...]  # installed backup tools with no known repository
    problems: tuple[str, ...]  # sources that could not be read

    def with_data(self) -> Found:
        """The backups that hold something: an empty one has no age, encryption or place to
        judge, and BAK-001 already says it is empty."""
        return Found(tuple(b for b in self.backups if not b.empty), self.unknown_tools, self.problems)


def fact_time(value: str | None) -> datetime | None:
    """A time from `backup verify`'s facts, read as UTC when it names no zone."""
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=UTC)
