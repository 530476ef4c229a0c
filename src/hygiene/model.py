"""The shared vocabulary: statuses, severities, categories, platforms and the result records.

Everything here is a plain enum or a frozen dataclass so that checks, the engine, scoring and
the reporters can pass results around without sharing mutable state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    PASS = "PASS"  # noqa: S105 - a status, not a password
    WARN = "WARN"  # partly done
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"  # could not tell; lowers coverage, never the score
    NOT_APPLICABLE = "NOT_APPLICABLE"  # does not apply to this machine
    ERROR = "ERROR"  # the check itself broke
    WAIVED = "WAIVED"  # accepted by the profile

    @property
    def credit(self) -> float | None:
        """Share of a check's weight earned; None when the status is left out of the score."""
        return {Status.PASS: 1.0, Status.WARN: 0.5, Status.FAIL: 0.0}.get(self)


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def weight(self) -> int:
        return {"critical": 10, "high": 6, "medium": 3, "low": 1}[self.value]


class Category(StrEnum):
    PASSWORDS = "passwords"
    MFA = "mfa"
    UPDATES = "updates"
    ENCRYPTION = "encryption"
    BACKUPS = "backups"
    AWARENESS = "awareness"
    DEVICE = "device"

    @property
    def label(self) -> str:
        return "MFA" if self is Category.MFA else self.value.capitalize()


class Platform(StrEnum):
    LINUX = "linux"
    MACOS = "macos"
    WINDOWS = "windows"

    @property
    def label(self) -> str:
        return {"linux": "Linux", "macos": "macOS", "windows": "Windows"}[self.value]


ALL_PLATFORMS = tuple(Platform)  # what most checks run on


class Evidence(StrEnum):
    VERIFIED = "verified"  # read from the machine
    ATTESTED = "attested"  # the user's own dated statement


@dataclass(frozen=True)
class CheckMeta:
    """What a check is, why it matters and how to fix it: the one source of truth for docs."""

    id: str
    title: str
    category: Category
    severity: Severity
    platforms: tuple[Platform, ...]
    rationale: str
    remediation: dict[Platform, str]
    references: tuple[str, ...]
    needs_admin: bool = False
    evidence: Evidence = Evidence.VERIFIED
    # Exact steps for one Linux family (debian, rhel, suse, arch, alpine), preferred over the
    # Linux text when the host belongs to that family.
    family_remediation: dict[str, str] = field(default_factory=dict)

    def remediation_for(self, platform: Platform, family: str = "") -> str:
        if platform is Platform.LINUX and family in self.family_remediation:
            return self.family_remediation[family]
        return self.remediation.get(platform, "")


@dataclass(frozen=True)
class Finding:
    """One check's verdict on one machine; the engine pairs it with the check's metadata."""

    status: Status
    summary: str  # one line a person can read
    evidence: dict[str, str | int | float | bool | list[str] | None] = field(default_factory=dict)
    # The step for this state when the check's own remediation would be wrong for it: an
    # encryption still under way needs finishing, not turning on (issue 11). "" uses the check's.
    fix: str = ""


@dataclass(frozen=True)
class ScoredFinding:
    """A finding with the metadata and arithmetic a report needs."""

    meta: CheckMeta
    finding: Finding
    weight: int
    credit: float | None
    points: float  # how much the overall score rises when this is fixed
    remediation: str  # the steps for this host's platform


@dataclass(frozen=True)
class Score:
    """A score over some findings; score and grade are None when nothing could be decided."""

    score: float | None
    grade: str | None
    coverage: float | None  # decided / (decided + UNKNOWN + ERROR); None when nothing counted
    decided: int
    undecided: int


FAMILY_LABELS = {
    "debian": "Debian/Ubuntu",
    "rhel": "Fedora/RHEL",
    "suse": "openSUSE/SLES",
    "arch": "Arch",
    "alpine": "Alpine",
}


@dataclass(frozen=True)
class Host:
    platform: Platform
    os_name: str
    os_version: str
    hostname: str | None


@dataclass(frozen=True)
class AuditResult:
    tool_version: str
    host: Host
    started_at: datetime
    duration_s: float
    overall: Score
    categories: dict[Category, Score]
    findings: tuple[ScoredFinding, ...]
    source: str = "local"  # "local"; "snapshot" when replayed from a recorded machine; "demo"
    profile: str | None = None  # the profile file that was applied
    region: str | None = None  # where incidents are reported (from the profile)
    demo: str | None = None  # the demo machine's title: every report says it is not this computer

    def remediation_order(self) -> list[ScoredFinding]:
        """Fixable findings, best next step first: most points, then severity, then id."""
        fixable = [f for f in self.findings if f.points > 0]
        return sorted(fixable, key=lambda f: (-f.points, -f.weight, f.meta.id))
