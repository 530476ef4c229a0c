"""Awareness category: the people side, which no command can see.

These checks read the profile's dated statements ([attest]), and every report labels them
"attested" so nobody mistakes them for measurements. No statement is UNKNOWN (it lowers
coverage); "never" is an honest FAIL."""

from __future__ import annotations

from hygiene.checks.base import check
from hygiene.checks.statements import dated_statement
from hygiene.data.incident import incident_guide
from hygiene.learn.result import PASS_SHARE
from hygiene.model import ALL_PLATFORMS, Category, CheckMeta, Evidence, Finding, Platform, Severity, Status
from hygiene.profile import Training
from hygiene.system import ProbeUnavailable, System
from hygiene.words import days_ago

YEAR = 365


def _everywhere(text: str) -> dict[Platform, str]:
    return {p: text for p in ALL_PLATFORMS}


AWR_001 = CheckMeta(
    id="AWR-001",
    title="Security-awareness training in the last 12 months",
    category=Category.AWARENESS,
    severity=Severity.HIGH,
    platforms=ALL_PLATFORMS,
    evidence=Evidence.ATTESTED,
    rationale=(
        "Most successful attacks on people and small offices start with a message: a fake "
        "invoice, a 'password expired' link, a caller posing as the bank. An hour a year of "
        "practice at spotting these stops more of them than any single tool."
    ),
    remediation=_everywhere(
        "One person: run `hygiene learn`, ten minutes in the terminal in English or Urdu, which records "
        "the date and your score under [attest] training_completed; or take a free course from your "
        "national cyber agency (e.g. the UK NCSC's 'Top Tips for Staff' or CISA's 'Secure Our World') "
        "and record the date there yourself. A five-person office: book one hour a year for everyone "
        "together, practise with real examples of phishing you received, and agree one rule: anything "
        "asking for money or passwords is checked by phone first."
    ),
    references=("CIS Controls v8 14.1 (Establish and Maintain a Security Awareness Program)", "NIST CSF 2.0 PR.AT-01"),
)

AWR_002 = CheckMeta(
    id="AWR-002",
    title="You know where to report a cyber incident in your region",
    category=Category.AWARENESS,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
    evidence=Evidence.ATTESTED,
    rationale=(
        "In the first hour after a fraud, a quick report can freeze the money and stop the "
        "same attacker reaching others; looking up who to call while panicking wastes that hour."
    ),
    remediation=_everywhere(
        "Set `region` in your profile to your two-letter ISO country code (PK, GB, US, ...), read the contacts "
        "at the end of this report, save the number in your phone, then record the date under "
        "[attest] incident_reporting_known. In an office, pin the contacts where everyone sees them."
    ),
    references=(
        "CIS Controls v8 17.2 (Establish and Maintain Contact Information for Reporting Security Incidents)",
        "CIS Controls v8 17.3 (Establish and Maintain an Enterprise Process for Reporting Incidents)",
    ),
)

AWR_003 = CheckMeta(
    id="AWR-003",
    title="A written incident plan says who to call and what to preserve",
    category=Category.AWARENESS,
    severity=Severity.MEDIUM,
    platforms=ALL_PLATFORMS,
    evidence=Evidence.ATTESTED,
    rationale=(
        "When an account is taken over or files are encrypted, a one-page plan written on a "
        "calm day decides in minutes what would otherwise be argued over for hours: who to "
        "call, what to unplug, what evidence to keep."
    ),
    remediation=_everywhere(
        "Write one page: who to call first (bank, the reporting contacts for your region, your "
        "IT helper), how to reach them without the affected device, what to preserve "
        "(screenshots, messages, dates), and where the backups are. Keep a printed copy. In an "
        "office, name a deputy, review it once a year, and record the date under [attest] incident_plan."
    ),
    references=("CIS Controls v8 17.4 (Establish and Maintain an Incident Response Process)", "NIST CSF 2.0 ID.IM-04"),
)


LEARN = "`hygiene learn` (ten minutes, English or Urdu) records it when you finish."


@check(AWR_001)
def training_recent(system: System) -> Finding:
    return scored_training(dated_statement(system, "training_completed", YEAR, more=LEARN), system.profile.training)


def scored_training(finding: Finding, training: Training | None) -> Finding:
    """AWR-001 with the score the profile gives with the date (`hygiene learn` writes one): in
    time, it passes when at least PASS_SHARE of the answers were right and warns below that, so
    the course is gone through again; too old, it fails as a plain date does. Still attested:
    the person did it, the machine did not see it."""
    if training is None or finding.evidence.get("attested") != training.day.isoformat():
        return finding
    via = {"via": training.via} if training.via else {}
    evidence = {**finding.evidence, "score": training.score, "out_of": training.out_of, **via}
    if finding.status is not Status.PASS:  # too long ago: the score does not change that
        return Finding(finding.status, finding.summary, evidence)
    done = f"completed in {training.via}" if training.via else "security-awareness training was completed"
    said = f"Attested: {done} on {training.day}, {training.score}/{training.out_of} ({days_ago(evidence['days_ago'])})"
    if training.score / training.out_of < PASS_SHARE:
        return Finding(
            Status.WARN,
            f"{said}: fewer than {PASS_SHARE:.0%} of the answers were right; go through it again with `hygiene learn`.",
            evidence,
        )
    return Finding(Status.PASS, f"{said}.", evidence)


@check(AWR_002)
def knows_where_to_report(system: System) -> Finding:
    region = system.profile.region
    if region is None:
        raise ProbeUnavailable(
            "Your profile has no region: add `region` with your two-letter ISO country code to see who to call."
        )
    guide = incident_guide(region)
    first = guide.contacts[0]
    finding = dated_statement(system, "incident_reporting_known", YEAR)
    evidence = {**finding.evidence, "region": region, "contact": f"{first.who}: {first.how}"}
    where = (
        f" In {guide.region_name}: {first.who}, {first.how}." if guide.region_name else f" {first.who}: {first.how}."
    )
    return Finding(finding.status, finding.summary + where, evidence)


@check(AWR_003)
def incident_plan(system: System) -> Finding:
    return dated_statement(system, "incident_plan", YEAR, stale=Status.WARN)
