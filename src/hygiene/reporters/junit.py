"""JUnit XML, for CI dashboards (Jenkins, GitLab, Azure DevOps...): each check a test case,
grouped in one test suite per category, in the layout of the Jenkins/Ant JUnit schema.

FAIL is a <failure> and ERROR an <error>; UNKNOWN, NOT_APPLICABLE and WAIVED are <skipped>
with the reason. PASS and WARN pass: a WARN is partly done, which scores half and should not
turn a build red on its own (`--fail-under` does that, on the score); its <system-out> says
WARN and how to finish. Every string is made inert (an escape code shows as ␛), and what
XML 1.0 cannot hold at all is replaced, so the file always parses."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hygiene.inert import Inert, inert
from hygiene.model import AuditResult, Category, ScoredFinding, Status
from hygiene.reporters import Style
from hygiene.reporters.text import (
    STATUS_LABEL,
    check_label,
    coverage_text,
    evidence_text,
    score_text,
    source_note,
    system_text,
)

SKIPPED = (Status.UNKNOWN, Status.NOT_APPLICABLE, Status.WAIVED)
_NOT_XML = re.compile("[\ufffe\uffff]")  # inert() leaves these; XML 1.0 has no place for them


def xml_text(value: str) -> str:
    """`value` made inert, and with nothing XML 1.0 cannot hold: every string a JUnit file has."""
    return _NOT_XML.sub("\ufffd", inert(value))


def details(f: ScoredFinding) -> str:
    """What a CI page shows under a test case: the finding, its evidence, how to fix, where to read."""
    lines = [f"{STATUS_LABEL[f.finding.status]}: {f.finding.summary}"]
    if f.finding.evidence:
        lines.append("Evidence: " + "; ".join(f"{k}: {evidence_text(v)}" for k, v in f.finding.evidence.items()) + ".")
    if f.points and f.remediation:
        lines.append(f"How to fix ({f.points:g} points): {f.remediation}")
    if f.meta.references:
        lines.append(f"See: {'; '.join(f.meta.references)}.")
    return xml_text("\n".join(lines))


def _case(suite: ET.Element, f: ScoredFinding) -> None:
    case = ET.SubElement(
        suite, "testcase", classname=f"hygiene.{f.meta.category.value}", name=xml_text(f"{f.meta.id} {check_label(f)}")
    )
    case.set("time", "0")
    status, summary = f.finding.status, xml_text(f.finding.summary)
    if status is Status.FAIL:
        ET.SubElement(case, "failure", message=summary, type=f.meta.severity.value).text = details(f)
    elif status is Status.ERROR:
        ET.SubElement(case, "error", message=summary, type="ERROR").text = details(f)
    else:  # a failure's or error's text has the details; any other case says them in its output
        if status in SKIPPED:
            ET.SubElement(case, "skipped", message=f"{STATUS_LABEL[status]}: {summary}")
        ET.SubElement(case, "system-out").text = details(f)


def _counts(element: ET.Element, findings: list[ScoredFinding]) -> dict[str, int]:
    counts = {
        "tests": len(findings),
        "failures": sum(f.finding.status is Status.FAIL for f in findings),
        "errors": sum(f.finding.status is Status.ERROR for f in findings),
        "skipped": sum(f.finding.status in SKIPPED for f in findings),
    }
    for key, value in counts.items():
        element.set(key, str(value))
    return counts


def render(result: AuditResult, style: Style) -> str:
    host = xml_text(result.host.hostname or "this machine")
    root = ET.Element(
        "testsuites", name=xml_text(f"hygiene audit: {result.host.hostname or 'this machine'}{source_note(result)}")
    )
    _counts(root, list(result.findings))
    root.set("time", f"{result.duration_s:.3f}")
    timestamp = result.started_at.replace(tzinfo=None).isoformat(timespec="seconds")  # the schema's form: no zone
    for n, cat in enumerate(Category):
        findings = sorted((f for f in result.findings if f.meta.category is cat), key=lambda f: f.meta.id)
        if not findings:
            continue
        suite = ET.SubElement(root, "testsuite", name=f"hygiene.{cat.value}")
        _counts(suite, findings)
        suite.set("time", "0")
        suite.set("timestamp", timestamp)
        suite.set("hostname", host)
        suite.set("id", str(n))
        suite.set("package", "hygiene")
        properties = ET.SubElement(suite, "properties")
        s = result.categories[cat]
        for name, value in (
            ("score", score_text(s)),
            ("grade", s.grade or "-"),
            ("coverage", coverage_text(s)),
            ("overall score", score_text(result.overall)),
            ("system", system_text(result.host)),
            ("source", result.source),
            ("hygiene version", result.tool_version),
        ):
            ET.SubElement(properties, "property", name=name, value=xml_text(value))
        for f in findings:
            _case(suite, f)
    ET.indent(root)
    return Inert('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
