"""Wording and number formats shared by the human-readable reporters."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.data.incident import Contact, incident_guide
from hygiene.model import AuditResult, Evidence, Score, ScoredFinding, Status

STATUS_LABEL = {
    Status.PASS: "PASS",
    Status.WARN: "WARN",
    Status.FAIL: "FAIL",
    Status.UNKNOWN: "UNKNOWN",
    Status.NOT_APPLICABLE: "N/A",
    Status.ERROR: "ERROR",
    Status.WAIVED: "WAIVED",
}


def score_text(score: Score) -> str:
    return f"{score.score}/100" if score.score is not None else "n/a"


def coverage_text(score: Score) -> str:
    return f"{score.coverage:.0%}" if score.coverage is not None else "-"


def coverage_sentence(score: Score) -> str:
    total = score.decided + score.undecided
    if not total:
        return "no check could be scored"
    return f"coverage {coverage_text(score)}: {score.decided} of {total} checks could be decided"


def source_note(result: AuditResult) -> str:
    if result.source == "demo":
        return f" (DEMO machine: {result.demo or 'demo'}; not this computer)"
    return " (replayed from a snapshot)" if result.source == "snapshot" else ""


def when(result: AuditResult) -> str:
    return result.started_at.strftime("%Y-%m-%d %H:%M %Z").strip()


def check_label(f: ScoredFinding) -> str:
    """A check's title, marked when its evidence is the user's statement, not a measurement."""
    return f"{f.meta.title} (attested)" if f.meta.evidence is Evidence.ATTESTED else f.meta.title


@dataclass(frozen=True)
class IncidentSection:
    title: str
    steps: tuple[str, ...]
    heading: str
    contacts: tuple[Contact, ...]
    hint: str


def incident_section(result: AuditResult) -> IncidentSection:
    """What every human-readable report ends with: first steps and where to report."""
    guide = incident_guide(result.region)
    verified = max(c.verified for c in guide.contacts)
    if guide.region == "*":
        heading = f"Where to report (contacts verified {verified})"
    else:
        heading = f"Where to report in {guide.region_name} (contacts verified {verified})"
    hint = (
        ""
        if result.region
        else 'Set `region = "PK"` (your ISO country code) in your profile for your country\'s contacts.'
    )
    return IncidentSection("If something has already happened", guide.first_steps, heading, guide.contacts, hint)
