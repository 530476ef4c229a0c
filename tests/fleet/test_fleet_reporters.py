"""`hygiene fleet summarize` in every format, from one fleet at a fixed time: exact output
(golden files), JSON valid against its schema, JUnit against junit.xsd, CSV and HTML parsed
back, the table within 80 columns, and hostile text from results inert in every format."""

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from hygiene.files import schema
from hygiene.inert import Inert, inert
from hygiene.reporters import OutputFormat, Style
from hygiene.reporters.fleet import RENDERERS, render
from tests.fleet.docs import NOW, ago, demo_doc, failure_doc, fleet_of, office
from tests.reporters.hostile import HOSTILE
from tests.reporters.test_html import ALLOWED_TAGS, Page

GOLDEN = Path(__file__).with_name("golden")
EXTENSIONS = {"table": "txt", "json": "json", "markdown": "md", "html": "html", "junit": "xml", "csv": "csv"}
PLAIN = Style(color=False, width=80)


def hostile():
    """Hostile text in every string a summary shows: host names, titles, fixes, a failure message."""
    doc = demo_doc("neglected-windows-laptop", HOSTILE, ago(2, NOW))
    for f in doc["findings"]:
        f["title"] += HOSTILE
        f["remediation"] = HOSTILE + f["remediation"]
    other = demo_doc("small-office-ubuntu-server", "=cmd|'/c calc'!A0", ago(1, NOW))
    return fleet_of(doc, other, failure_doc(HOSTILE + "x", message=HOSTILE, at=ago(0, NOW)), now=NOW)


def test_every_format_maps_to_a_renderer():
    assert set(RENDERERS) == set(OutputFormat) == {OutputFormat(f) for f in EXTENSIONS}


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda f: f.value)
def test_every_format_matches_its_golden_file(fmt):
    """Exact output; after an intended change, rerun with UPDATE_GOLDEN=1 and review the diff."""
    text = render(office(), fmt, PLAIN)
    path = GOLDEN / f"fleet.{EXTENSIONS[fmt.value]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_table_fits_80_columns_and_puts_the_hosts_without_a_result_first():
    text = render(office(), OutputFormat.TABLE, PLAIN)
    assert max(len(line) for line in text.splitlines()) <= 80 and "\u2026" not in text
    lines = text.splitlines()
    assert lines[:3] == [
        "hygiene fleet · 6 hosts",
        "Fleet score 59 F: the mean of 4 hosts; the worst, frontdesk-pc, 10 F",
        "2 hosts have no current result (unreachable or failed).",
    ]
    hosts = [line.split()[0] for line in lines if line.split() and line.split()[0] in
             ("ledger-pc", "new-laptop", "frontdesk-pc", "design-mac", "fileserver", "owner-laptop")]  # fmt: skip
    assert hosts == ["ledger-pc", "new-laptop", "frontdesk-pc", "design-mac", "fileserver", "owner-laptop"]


def test_json_is_valid_against_its_schema_and_says_what_counts():
    doc = json.loads(render(office(), OutputFormat.JSON, PLAIN))
    jsonschema.validate(doc, schema("fleet-v1"))
    assert doc["fleet"] == {"hosts": 6, "scored": 4, "without_result": 2, "stale": 1, "mean": 59, "grade": "F",
                            "worst": {"host": "frontdesk-pc", "score": 10, "grade": "F"}}  # fmt: skip
    ledger = doc["hosts"][0]
    assert ledger["current"] == "failure" and ledger["result"]["score"] == 50 and ledger["age_days"] == 0
    assert [c["id"] for c in doc["checks"]][:2] == ["ENC-001", "UPD-001"]
    enc = doc["checks"][0]
    assert enc["failing"] == ["frontdesk-pc", "fileserver"] and enc["warning"] == ["design-mac"]
    assert set(enc["fixes"]) == {"linux", "macos", "windows"} and "FileVault" in enc["fixes"]["macos"]


def test_junit_is_valid_with_a_suite_per_host():
    xmlschema = pytest.importorskip("xmlschema", reason="the test extra's xmlschema validates JUnit XML")
    text = render(office(), OutputFormat.JUNIT, PLAIN)
    xmlschema.XMLSchema(Path(__file__).parents[1] / "reporters" / "junit.xsd").validate(text)
    root = ET.fromstring(text)  # noqa: S314 - hygiene's own output
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["ledger-pc", "new-laptop", "frontdesk-pc", "design-mac", "fileserver", "owner-laptop"]
    (error,) = suites["new-laptop"].findall("testcase/error")
    assert error.get("type") == "install failed" and "Python 3.9" in error.get("message")
    recent = suites["design-mac"].find("testcase")
    assert recent.get("name") == "result at most 7 days old" and recent.find("failure").get("type") == "stale"
    enc = next(c for c in suites["fileserver"].findall("testcase") if c.get("name").startswith("ENC-001 "))
    assert enc.get("classname") == "hygiene.encryption" and "LUKS" in enc.find("failure").text
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_csv_has_a_row_per_host_and_a_failure_says_why():
    rows = list(csv.DictReader(io.StringIO(render(office(), OutputFormat.CSV, PLAIN))))
    assert [r["host"] for r in rows] == ["ledger-pc", "new-laptop", "frontdesk-pc", "design-mac", "fileserver",
                                         "owner-laptop"]  # fmt: skip
    ledger, new = rows[0], rows[1]
    assert (ledger["state"], ledger["score"], ledger["platform"]) == ("unreachable", "", "linux")
    assert new["state"] == "install failed" and "Python 3.9" in new["message"]
    assert rows[3]["stale"] == "yes" and rows[2]["score"] == "10" and "ENC-001" in rows[2]["critical_failing"]


def test_html_is_self_contained_with_a_chart_per_category():
    page = Page(render(office(), OutputFormat.HTML, PLAIN))
    assert {e["tag"] for e in page.elements} <= ALLOWED_TAGS | {"table", "thead", "tbody", "tr", "th", "td"}
    assert not page.all("script") and not page.all("img") and not page.all("link")
    (csp,) = page.all("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp["attrs"]["content"].startswith("default-src 'none'; style-src 'sha256-")
    charts = [t for t in page.text_of("h3") if t.endswith(": score per host")]
    assert charts == [f"{c}: score per host" for c in ("Passwords", "MFA", "Updates", "Encryption", "Backups",
                                                        "Awareness", "Device")]  # fmt: skip
    assert len(page.all("svg")) == 1 + 7  # the gauge, and a chart per category
    assert page.text_of("th", scope="row") == ["ledger-pc", "new-laptop", "frontdesk-pc", "design-mac",
                                              "fileserver", "owner-laptop"]  # fmt: skip


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda f: f.value)
def test_hostile_text_from_results_is_inert_in_every_format(fmt):
    drawn = render(hostile(), fmt, PLAIN)
    text = drawn if isinstance(drawn, Inert) else inert(drawn)  # as cli.common.emit writes it
    assert "\x1b" not in text and "\u202e" not in text and "\x00" not in text
    if fmt is OutputFormat.JSON:
        doc = json.loads(text)
        assert doc["hosts"][0]["host"] == HOSTILE + "x" and doc["hosts"][0]["failure"]["message"] == HOSTILE
    elif fmt is OutputFormat.HTML:
        page = Page(text)
        assert {e["tag"] for e in page.elements} <= ALLOWED_TAGS | {"table", "thead", "tbody", "tr", "th", "td"}
        assert not any(name.startswith("on") for e in page.elements for name in e["attrs"])
        assert HOSTILE.split("\x1b")[0] in page.text_of("th", scope="row")[1]  # the name, as text
    elif fmt is OutputFormat.JUNIT:
        root = ET.fromstring(text)  # noqa: S314 - hygiene's own output
        assert len(root.findall("testsuite")) == 3
    elif fmt is OutputFormat.CSV:
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert "'=cmd|'/c calc'!A0" in cells and not any(c.lstrip().startswith(("=", "+", "@")) for c in cells)
    elif fmt is OutputFormat.MARKDOWN:
        assert "<script" not in text and "[bold red]" not in text and "\\[bold red\\]" in text
    else:
        assert "[bold red]rich[/]" in text  # Rich markup printed as it is, not parsed


def test_the_table_in_colour_says_the_same_as_without():
    import re

    plain = render(office(), OutputFormat.TABLE, PLAIN)
    colour = render(office(), OutputFormat.TABLE, Style(color=True, width=80))
    assert "\x1b[" in colour and re.sub(r"\x1b\[[0-9;]*m", "", colour) == plain
