"""CSV for spreadsheets: a header, then one row per finding, by id.

A cell that starts with = + - @, a tab or a carriage return, or with one of = + - @ after
white space, could run as a formula in a spreadsheet (OWASP, "CSV Injection"; LibreOffice
trims spaces on import when asked): it gets a leading single quote, which the spreadsheet
shows as text. Every cell is quoted when it needs to be, and made inert. References are joined
with "; " (they are citations, not only links). The last columns name the machine, the time and
where the result came from (a demo machine says so), so several machines' files can be pasted
into one sheet. Lines end with \\n (not RFC 4180's \\r\\n): the same file on every platform and
through the terminal, which would show a CR as ␍."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from hygiene.inert import Inert, inert, json_text
from hygiene.model import AuditResult
from hygiene.reporters import Style
from hygiene.reporters.text import source_text

COLUMNS = (
    "id",
    "title",
    "category",
    "severity",
    "status",
    "summary",
    "evidence",
    "evidence_kind",
    "points",
    "remediation",
    "references",
    "host",
    "audited_at",
    "source",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text and never evaluates; numbers stay numbers, None is empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    value = inert(value)
    # after spaces too: a spreadsheet that trims them on import would see the formula
    return f"'{value}" if value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START) else value


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The one way hygiene writes CSV (audits here, history in reporters.history)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    return Inert(out.getvalue())


def render(result: AuditResult, style: Style) -> str:
    rows = [
        (
            f.meta.id,
            f.meta.title,
            f.meta.category.value,
            f.meta.severity.value,
            f.finding.status.value,
            f.finding.summary,
            json_text(f.finding.evidence, indent=None).rstrip("\n") if f.finding.evidence else "",
            f.meta.evidence.value,
            f"{f.points:g}",
            f.remediation,
            "; ".join(f.meta.references),
            result.host.hostname or "",
            result.started_at.isoformat(),
            source_text(result) or "this machine",
        )
        for f in sorted(result.findings, key=lambda f: f.meta.id)
    ]
    return csv_text(COLUMNS, rows)
