"""What a profile says, once validated: the dataclasses checks read, and the words they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: the profile never imports the password code it does not run
    from hygiene.passwords.health import VaultHealth

NEVER = "never"  # an honest answer to "when did you last ...?": it fails, where silence is UNKNOWN

# Dated statements the profile can make: what a date says, and what "never" says there was none of.
ATTESTATIONS = {
    "training_completed": ("security-awareness training was completed", "security-awareness training"),
    "incident_reporting_known": (
        "you checked where to report a cyber incident in your region",
        "a check of where to report a cyber incident",
    ),
    "incident_plan": ("a written incident plan was made or reviewed", "a written incident plan"),
    "restore_tested": ("restoring from a backup was tested", "a test of restoring from a backup"),
    "offsite_copy": ("a backup copy was made off this machine", "a backup copy off this machine"),
    "password_manager": ("a password manager was in use", "a password manager in use"),
    "extended_support": (
        "the machine was enrolled in extended support",
        "enrolment in extended security support",
    ),
}
MFA_METHODS = ("none", "sms", "email", "app", "totp", "push", "pin", "passkey", "security_key")
TRAINING_KEYS = ("date", "score", "out_of", "via")  # training_completed = { date = ..., score = ..., ... }
MAX_OUT_OF = 1000  # questions a training's score may be out of
MAX_VIA = 60  # characters of a training's `via`: where it was done, quoted in AWR-001's summary


@dataclass(frozen=True)
class Training:
    """A training_completed that comes with its score (`hygiene learn` records one): the day
    stays in Profile.attest, where every dated statement is judged; this adds how it went."""

    day: date
    score: int  # answers right, 0 <= score <= out_of
    out_of: int  # questions asked, 1 <= out_of <= MAX_OUT_OF
    via: str | None  # where it was done ("hygiene learn"): printable, at most MAX_VIA characters


@dataclass(frozen=True)
class Waiver:
    check: str
    reason: str
    expires: date
    line: int


@dataclass(frozen=True)
class Account:
    service: str
    method: str
    critical: bool | None  # None: not said, so judged from what kind of service it is
    line: int


# The password of a URL's user information (rest:https://user:secret@host/): from the first ':'
# after the user name to the last '@' before the path, as URL parsers (restic's too) read it, so
# a password with an '@' in it, or a user name that is an e-mail address, loses its password whole.
_URL_PASSWORD = re.compile(r"(://[^/:]*?):[^/]*@")


@dataclass(frozen=True)
class DeclaredBackup:
    """A [[backups]] entry. Its repository never holds a password, however it was made (a
    profile, a snapshot's declarations, a test): hygiene never contacts a remote repository, and
    reports, snapshots and histories hold facts, never secrets (DESIGN.md principle 7)."""

    name: str
    path: str | None
    repository: str | None
    offsite: bool
    line: int

    def __post_init__(self) -> None:
        if self.repository is not None:
            object.__setattr__(self, "repository", _URL_PASSWORD.sub(r"\1@", self.repository))


@dataclass(frozen=True)
class Profile:
    path: Path | None = None
    region: str | None = None
    fail_under: int | None = None
    weights: dict[str, int] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()
    attest: dict[str, date | str] = field(default_factory=dict)  # a date, or NEVER
    training: Training | None = None  # training_completed's score, when the profile gives one
    accounts: tuple[Account, ...] = ()
    backups: tuple[DeclaredBackup, ...] = ()
    save: bool = False  # [history] save: every audit is stored in the history (hygiene.store)
    keep: int | None = None  # [history] keep: audits kept per host; None: the store's default
    vault: VaultHealth | None = None  # from `audit --vault`, not from the TOML


NO_PROFILE = Profile()
