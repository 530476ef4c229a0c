"""The fleet as JUnit XML, for a CI server's dashboard: one test suite per host, named after it,
and in it a test case per check, as `hygiene audit -f junit` has them (FAIL a failure, ERROR an
error, UNKNOWN, N/A and WAIVED skipped, PASS and WARN passing), after one case that says
whether the host's result is recent (a failure when it is stale). A host without a current
result has a single case, an error that says why (unreachable, install or audit failed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC

from hygiene.fleet.summary import Fleet, HostLine
from hygiene.inert import Inert
from hygiene.model import Platform, Status
from hygiene.reporters import Style
from hygiene.reporters.fleet_words import STAGES, age, failure_text, host_score
from hygiene.reporters.junit import SKIPPED, xml_text
from hygiene.reporters.text import STATUS_LABEL
from hygiene.words import count, days_ago

_SKIPPED = frozenset(s.value for s in SKIPPED)


def _case(suite: ET.Element, classname: str, name: str) -> ET.Element:
    case = ET.SubElement(suite, "testcase", classname=classname, name=xml_text(name))
    case.set("time", "0")
    return case


def _checks(suite: ET.Element, h: HostLine, fleet: Fleet) -> None:
    r = h.result
    if r is None:
        return
    recent = _case(suite, "hygiene.fleet", f"result at most {count(fleet.stale_after, 'day')} old")
    if h.stale:
        message = f"stale: audited {days_ago(h.age_days)}"
        ET.SubElement(recent, "failure", message=message, type="stale").text = xml_text(r.origin)
    for check, status in r.statuses:
        words = fleet.texts[(check, r.platform)]
        case = _case(suite, f"hygiene.{words.category}", f"{check} {words.title}")
        fix = xml_text(f"How to fix on {Platform(r.platform).label}: {words.fix}")
        if status == Status.FAIL:
            ET.SubElement(case, "failure", message=f"FAIL ({words.severity})", type=words.severity).text = fix
        elif status == Status.ERROR:
            ET.SubElement(case, "error", message="ERROR: the check broke on this host", type="ERROR")
        elif status in _SKIPPED:
            ET.SubElement(case, "skipped", message=STATUS_LABEL[Status(status)])
        elif status == Status.WARN:
            ET.SubElement(case, "system-out").text = f"WARN: partly done. {fix}"


def _counts(element: ET.Element, cases: list[ET.Element]) -> None:
    element.set("tests", str(len(cases)))
    for key, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        element.set(key, str(sum(1 for c in cases if c.find(tag) is not None)))


def fleet_junit(fleet: Fleet, style: Style) -> str:
    root = ET.Element("testsuites", name=xml_text(f"hygiene fleet: {count(len(fleet.hosts), 'host')}"))
    for n, h in enumerate(fleet.hosts):
        suite = ET.SubElement(root, "testsuite", name=xml_text(h.host))
        properties = ET.SubElement(suite, "properties")
        if h.failure is not None:
            case = _case(suite, "hygiene.fleet", "audit")
            details = xml_text(f"{h.failure.message}\n(from {h.failure.origin})")
            stage = STAGES[h.failure.stage]
            ET.SubElement(case, "error", message=xml_text(failure_text(h)), type=stage).text = details
            moment = h.failure.at
        else:
            _checks(suite, h, fleet)
            moment = h.result.started_at  # type: ignore[union-attr]
        for name, value in (("score", host_score(h)), ("audited", age(h))):
            ET.SubElement(properties, "property", name=name, value=xml_text(value))
        _counts(suite, suite.findall("testcase"))
        suite.set("time", "0")
        suite.set("timestamp", moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds"))
        suite.set("hostname", xml_text(h.host))
        suite.set("id", str(n))
        suite.set("package", "hygiene.fleet")
    _counts(root, root.findall("testsuite/testcase"))
    root.set("time", "0")
    ET.indent(root)
    return Inert('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
