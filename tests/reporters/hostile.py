"""The shared result with hostile text in every string a report shows: through the real
pipeline (a snapshot's host name, a profile's account names and waiver reason) and then in
every field of every finding (titles, summaries, evidence keys and values, remediation,
references), so each format's escaping is tested on all of them at once."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from hygiene.engine import run_audit
from hygiene.model import Status
from hygiene.profile import parse_profile
from hygiene.registry import CHECKS
from hygiene.system.recorded import RecordedSystem
from tests.helpers import CHECK_IDS
from tests.shared_result import SHARED_PROFILE_TOML, shared_snapshot_doc

# Script and event-handler injection, a style and CDATA break-out, an escape code, Rich markup,
# a bidi override, a formula, and characters XML 1.0 cannot hold.
HOSTILE = (
    '<script>alert(1)</script>"onmouseover="alert(2)\' </style></title>]]><!-- '
    "\x1b[31mred\x1b]0;title\x07[bold red]rich[/] \u202egnp.exe =cmd|'/c calc'!A0 \x00\ufffe"
)
MARKERS = ("<script", "onmouseover", "</style", "]]>", "\x1b", "[bold red]", "=cmd")


def _toml(text: str) -> str:
    """`text` as a TOML basic string (the profile parser reads the escapes back)."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;!?'()[]/<>=|-" else f"\\u{ord(c):04x}" for c in text) + '"'


def hostile_result():
    doc = shared_snapshot_doc()
    doc["facts"]["hostname"] = HOSTILE
    profile_text = (
        SHARED_PROFILE_TOML.replace('service = "Meezan Bank"', f"service = {_toml(HOSTILE)}")
        + f'\n[[waivers]]\ncheck = "PWD-001"\nexpires = 2027-06-30\nreason = {_toml(HOSTILE)}\n'
    )
    profile = parse_profile(profile_text, Path("hygiene.toml"), today=date(2026, 11, 27), known_checks=CHECK_IDS)
    result = run_audit(RecordedSystem(doc, profile), CHECKS)
    findings = tuple(
        replace(
            f,
            meta=replace(f.meta, title=f.meta.title + HOSTILE, references=(*f.meta.references, HOSTILE)),
            finding=replace(
                f.finding,
                summary=f.finding.summary + HOSTILE,
                evidence={**f.finding.evidence, HOSTILE: HOSTILE, "list": [HOSTILE], "n": None},
            ),
            remediation=HOSTILE + f.remediation,
        )
        for f in result.findings
    )
    assert any(f.finding.status is Status.WAIVED for f in findings)
    return replace(result, findings=findings, duration_s=0.42)
