"""JUnit XML: valid against the schema CI servers read (tests/reporters/junit.xsd), and, parsed
back, one test case per check in one suite per category with the right outcome and counts."""

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from hygiene.inert import inert
from hygiene.model import Category, Status
from hygiene.reporters import OutputFormat, render
from hygiene.reporters.text import check_label
from tests.reporters.hostile import HOSTILE, hostile_result
from tests.shared_result import shared_result

xmlschema = pytest.importorskip("xmlschema", reason="the test extra's xmlschema validates JUnit XML")
SCHEMA = Path(__file__).with_name("junit.xsd")
OUTCOME = {
    Status.FAIL: "failure",
    Status.ERROR: "error",
    Status.UNKNOWN: "skipped",
    Status.NOT_APPLICABLE: "skipped",
    Status.WAIVED: "skipped",
    Status.PASS: None,
    Status.WARN: None,
}


def _xml(text: str) -> ET.Element:
    return ET.fromstring(text)  # noqa: S314 - hygiene's own output, no entities


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(SCHEMA)


def _outcome(case: ET.Element) -> str | None:
    return next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), None)


def test_the_shared_result_is_valid_junit(schema):
    schema.validate(render(shared_result(), OutputFormat.JUNIT))


def test_each_check_is_a_test_case_in_its_categorys_suite():
    result = shared_result()
    root = _xml(render(result, OutputFormat.JUNIT))
    assert root.tag == "testsuites" and root.get("name") == "hygiene audit: ledger-pc"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"hygiene.{c.value}" for c in Category]
    by_id = {f.meta.id: f for f in result.findings}
    seen = []
    for suite in suites:
        cases = suite.findall("testcase")
        for case in cases:
            check_id = case.get("name").split()[0]
            f = by_id[check_id]
            seen.append(check_id)
            assert case.get("name") == f"{check_id} {check_label(f)}"
            assert case.get("classname") == suite.get("name") == f"hygiene.{f.meta.category.value}"
            assert _outcome(case) == OUTCOME[f.finding.status], check_id
        outcomes = Counter(_outcome(c) for c in cases)
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(outcomes["failure"])
        assert suite.get("errors") == str(outcomes["error"])
        assert suite.get("skipped") == str(outcomes["skipped"])
        assert {p.get("name"): p.get("value") for p in suite.iter("property")}["overall score"] == "50/100"
    assert sorted(seen) == sorted(by_id)
    statuses = Counter(f.finding.status for f in result.findings)
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "32",
        str(statuses[Status.FAIL]),
        "0",
        str(statuses[Status.UNKNOWN] + statuses[Status.NOT_APPLICABLE]),
    )
    assert root.get("failures") == "10" and root.get("skipped") == "11"


def test_a_failure_carries_the_summary_evidence_and_the_fix():
    root = _xml(render(shared_result(), OutputFormat.JUNIT))
    case = next(c for c in root.iter("testcase") if c.get("name").startswith("UPD-001 "))
    failure = case.find("failure")
    assert failure.get("message") == "2 security updates waiting: libssl3t64, openssl."
    assert failure.get("type") == "critical"
    assert "How to fix (8.5 points): `sudo apt update && sudo apt upgrade`" in failure.text
    skipped = next(c for c in root.iter("testcase") if c.get("name").startswith("PWD-005 ")).find("skipped")
    assert skipped.get("message") == (
        "UNKNOWN: Cannot read /etc/shadow: Permission denied (run as administrator to see this)."
    )


def test_a_warn_passes_and_its_output_says_warn():
    root = _xml(render(shared_result(), OutputFormat.JUNIT))
    case = next(c for c in root.iter("testcase") if c.get("name").startswith("BAK-002 "))
    assert _outcome(case) is None
    assert case.find("system-out").text.startswith("WARN: The newest backup, 'USB disk', is 10 days old, over 7.")


def test_attested_checks_say_so_in_their_name():
    root = _xml(render(shared_result(), OutputFormat.JUNIT))
    names = [c.get("name") for c in root.iter("testcase")]
    assert "AWR-001 Security-awareness training in the last 12 months (attested)" in names


def test_hostile_text_and_characters_xml_cannot_hold_still_make_a_valid_file(schema):
    text = render(hostile_result(), OutputFormat.JUNIT)
    schema.validate(text)  # parses: no NUL, no U+FFFE, no escape code left raw
    root = _xml(text)
    assert {e.tag for e in root.iter()} <= {
        "testsuites", "testsuite", "properties", "property", "testcase", "failure", "error", "skipped", "system-out"
    }  # fmt: skip
    assert "\x1b" not in text and "\x00" not in text and "\ufffe" not in text and "\u202e" not in text
    shown = inert(HOSTILE).replace("\ufffe", "\ufffd")  # as a terminal would show it: ␛, ␀, <U+202E>
    assert root.find("testsuite").get("hostname") == shown  # the attribute holds the text, escaped
    waived = next(c for c in root.iter("testcase") if c.get("name").startswith("PWD-001 "))
    assert waived.find("skipped").get("message").startswith(f"WAIVED: Accepted until 2027-06-30: {shown}")
