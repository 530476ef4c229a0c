"""Waivers from the profile: a risk someone accepted, with a reason and an end date.

A waiver covers a FAIL or WARN until it expires; a check that passes stays PASS. An expired
waiver stops applying, and the finding says so, so an accepted risk cannot quietly become
permanent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hygiene.model import CheckMeta, Finding, Status
from hygiene.profile import Waiver

WAIVABLE = (Status.FAIL, Status.WARN)


def apply_waivers(
    pairs: Iterable[tuple[CheckMeta, Finding]], waivers: Iterable[Waiver], today: date
) -> list[tuple[CheckMeta, Finding]]:
    by_check = {w.check: w for w in waivers}
    result = []
    for meta, finding in pairs:
        waiver = by_check.get(meta.id)
        if waiver is None or finding.status not in WAIVABLE:
            result.append((meta, finding))
            continue
        record = {
            "reason": waiver.reason,
            "expires": waiver.expires.isoformat(),
            "status_without_waiver": finding.status.value,
        }
        if waiver.expires < today:
            evidence = {**finding.evidence, "waiver_expired": record}
            summary = f"{finding.summary} (A waiver for this expired on {waiver.expires}: {waiver.reason}.)"
            result.append((meta, Finding(finding.status, summary, evidence)))
        else:
            evidence = {**finding.evidence, "waiver": record}
            summary = f"Accepted until {waiver.expires}: {waiver.reason}. Found: {finding.summary}"
            result.append((meta, Finding(Status.WAIVED, summary, evidence)))
    return result
