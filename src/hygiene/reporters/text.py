"""Wording and number formats shared by the human-readable reporters."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.data.incident import Contact, incident_guide
from hygiene.model import AuditResult, Evidence, Host, Score, ScoredFinding, Status
from hygiene.scoring import UNDECIDED
from hygiene.words import count

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
    return f"coverage {coverage_text(score)}: {score.decided} of {count(total, 'check')} could be decided"


def points_text(points: float) -> str:
    """What fixing a finding adds to the score: "+9.4 points", "+1 point"."""
    return f"+{points:g} point{'' if points == 1 else 's'}"


def undecided_sentence(undecided: int) -> str:
    they = "it lowers" if undecided == 1 else "they lower"
    return f"{count(undecided, 'check')} could not tell; {they} coverage, not the score."


def system_text(host: Host) -> str:
    """The operating system as a person names it: "macOS 15.7.4", not "macOS (macOS)";
    "Ubuntu 22.04.5 LTS (Linux)", whose name does not say which platform it is."""
    name = host.os_name.strip() or host.platform.label
    if name == host.platform.label and host.os_version and host.os_version not in name:
        name = f"{name} {host.os_version}"
    return name if host.platform.label.lower() in name.lower() else f"{name} ({host.platform.label})"


def demo_note(title: str | None) -> str:
    """How every human-readable output from a demo machine says so, in its first line."""
    return f" (DEMO machine: {title or 'demo'}; not this computer)"


def source_note(result: AuditResult) -> str:
    if result.source == "demo":
        return demo_note(result.demo)
    return " (replayed from a snapshot)" if result.source == "snapshot" else ""


def source_text(result: AuditResult) -> str:
    """The same note on its own: "DEMO machine: ...; not this computer"; "" for this machine."""
    return source_note(result).strip().removeprefix("(").removesuffix(")")


def when(result: AuditResult) -> str:
    return result.started_at.strftime("%Y-%m-%d %H:%M %Z").strip()


def undecided(result: AuditResult) -> list[ScoredFinding]:
    """What could not be checked (UNKNOWN) or broke (ERROR), by id: each summary says why."""
    return sorted((f for f in result.findings if f.finding.status in UNDECIDED), key=lambda f: f.meta.id)


def evidence_text(value: object) -> str:
    """One evidence value as a person reads it: a list comma-separated, a record (a waiver's)
    as `key: value; ...`, None as "-", yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(evidence_text(v) for v in value) or "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {evidence_text(v)}" for k, v in value.items()) or "(none)"
    return "-" if value is None else str(value)


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


def region_hint(guess: str | None) -> str:
    """The suggestion to set a region, with the country of the user's locale when it names one."""
    if guess:
        return (
            f'Set `region = "{guess}"` in your profile for your country\'s contacts ({guess} is the country of '
            "your language settings; if you are elsewhere, use that country's ISO code)."
        )
    return "Set `region` in your profile to your two-letter ISO country code for your country's contacts."


def incident_section(result: AuditResult, region_guess: str | None = None) -> IncidentSection:
    """What every human-readable report ends with: first steps and where to report."""
    guide = incident_guide(result.region)
    verified = max(c.verified for c in guide.contacts)
    where = f" in {guide.region_name}" if guide.region_name else ""
    heading = f"Where to report{where} (contacts verified {verified})"
    hint = "" if result.region else region_hint(region_guess)
    return IncidentSection("If something has already happened", guide.first_steps, heading, guide.contacts, hint)
