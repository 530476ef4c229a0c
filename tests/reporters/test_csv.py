"""CSV: parsed back, one row per finding with exactly the result's values; hostile text never
becomes a formula (OWASP CSV injection) and never breaks a row."""

import csv
import io
import json

import pytest

from hygiene.reporters import OutputFormat, render
from hygiene.reporters.csv_report import COLUMNS, cell
from tests.reporters.hostile import hostile_result
from tests.shared_result import shared_result


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert tuple(header) == COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_one_row_per_finding_with_its_values():
    result = shared_result()
    rows = _rows(render(result, OutputFormat.CSV))
    assert [r["id"] for r in rows] == sorted(f.meta.id for f in result.findings)
    by_id = {f.meta.id: f for f in result.findings}
    for row in rows:
        f = by_id[row["id"]]
        assert row == {
            "id": f.meta.id,
            "title": f.meta.title,
            "category": f.meta.category.value,
            "severity": f.meta.severity.value,
            "status": f.finding.status.value,
            "summary": f.finding.summary,
            "evidence": json.dumps(f.finding.evidence, ensure_ascii=False) if f.finding.evidence else "",
            "evidence_kind": f.meta.evidence.value,
            "points": f"{f.points:g}",
            "remediation": f.remediation,
            "references": "; ".join(f.meta.references),
            "host": "ledger-pc",
            "audited_at": "2026-11-27T09:00:00+00:00",
            "source": "this machine",
        }
        if row["evidence"]:
            assert json.loads(row["evidence"]) == f.finding.evidence


def test_a_sample_row_reads_as_a_spreadsheet_shows_it():
    row = next(r for r in _rows(render(shared_result(), OutputFormat.CSV)) if r["id"] == "UPD-001")
    assert (row["status"], row["points"], row["severity"]) == ("FAIL", "8.5", "critical")
    assert row["summary"] == "2 security updates waiting: libssl3t64, openssl."
    assert json.loads(row["evidence"])["security_updates"] == ["libssl3t64", "openssl"]


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "␍=1"),  # made inert first: the CR shows as ␍, which no spreadsheet evaluates
        # a spreadsheet that trims spaces on import (LibreOffice's "Trim spaces") would see a formula
        (" =1+1", "' =1+1"),
        ("\n\t @SUM(A1)", "'\n\t @SUM(A1)"),
        ("\u00a0\u3000-2+3", "'\u00a0\u3000-2+3"),
        ("  a=1", "  a=1"),
        ("a=1", "a=1"),
        ("", ""),
        ("\x1b[31m", "␛[31m"),
    ],
)
def test_a_cell_that_could_run_as_a_formula_gets_a_quote(raw, safe):
    assert cell(raw) == safe


def test_hostile_text_stays_in_its_cell_and_never_starts_a_formula():
    result = hostile_result()
    text = render(result, OutputFormat.CSV)
    rows = _rows(text)
    assert len(rows) == len(result.findings)
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
            assert not value.lstrip().startswith(("=", "+", "-", "@")), value
    waived = next(r for r in rows if r["id"] == "PWD-001")
    assert waived["status"] == "WAIVED" and "<script>alert(1)</script>" in waived["summary"]
    assert next(r for r in rows if r["id"] == "PWD-002")["remediation"].startswith("<script>")
    formula_evidence = [r for r in rows if "=cmd|'/c calc'!A0" in r["evidence"]]
    assert len(formula_evidence) == len(rows)
