"""Wording and number formats shared by the human-readable reporters."""

from __future__ import annotations

from hygiene.model import AuditResult, Score, Status

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
    return " (replayed from a snapshot)" if result.source == "snapshot" else ""


def when(result: AuditResult) -> str:
    return result.started_at.strftime("%Y-%m-%d %H:%M %Z").strip()
