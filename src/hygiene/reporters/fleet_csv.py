"""The fleet as CSV, one row per host, for a spreadsheet: sort by score, filter the hosts a
check fails on (its id in `failing`), chart a category. Written by csv_report.csv_text, the one
CSV writer, so no cell can run as a formula. The checks table is in the other formats."""

from __future__ import annotations

from hygiene.fleet.summary import Fleet, HostLine
from hygiene.reporters import Style
from hygiene.reporters.csv_report import csv_text
from hygiene.reporters.fleet_words import STAGES
from hygiene.store.history import CATEGORIES

COLUMNS = (
    "host", "state", "platform", "os_name", "score", "grade", "coverage", "audited_at", "age_days", "stale",
    "critical_failing", "failing", "warning", *CATEGORIES, "failure_at", "message", "from",
)  # fmt: skip


def _row(h: HostLine) -> list[object]:
    r, f = h.result, h.failure
    current = r if f is None else None  # under a newer failure, the last result's numbers would mislead
    categories = dict(current.categories) if current else {}
    return [
        h.host,
        "audited" if f is None else STAGES[f.stage],
        r.platform if r else None,
        r.os_name if r else None,
        current.score if current else None,
        current.grade if current else None,
        current.coverage if current else None,
        r.started_at.isoformat() if r else None,
        h.result_days,
        "yes" if h.stale else "no",
        "; ".join(current.critical) if current else None,
        "; ".join(c for c, s in current.statuses if s == "FAIL") if current else None,
        "; ".join(c for c, s in current.statuses if s == "WARN") if current else None,
        *(categories.get(c) for c in CATEGORIES),
        f.at.isoformat() if f else None,
        f.message if f else None,
        f.origin if f else r.origin if r else None,
    ]


def fleet_csv(fleet: Fleet, style: Style) -> str:
    return csv_text(COLUMNS, [_row(h) for h in fleet.hosts])
