"""At 80 columns (a laptop terminal, a projector) nothing a reader must act on is cut: no line is
longer than the terminal, no ellipsis stands for cut text, commands stay whole on one line, and
at 60 or 40 columns every word is still there, in order."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from hygiene.backup.identify import FACT, Artifact
from hygiene.backup.verdict import judge, render_verdict
from hygiene.data.demos import list_demos, load_demo
from hygiene.engine import run_audit
from hygiene.model import AuditResult
from hygiene.registry import CHECKS
from hygiene.reporters import OutputFormat, Style, render
from hygiene.reporters.catalogue import render_catalogue, render_explain
from hygiene.reporters.text import check_label, incident_section
from tests.shared_result import shared_result

ELLIPSIS = "\u2026"
COMMAND = re.compile(r"`[^`]+`")
METAS = sorted((c.meta for c in CHECKS), key=lambda m: m.id)


def results() -> list[AuditResult]:
    demos = [run_audit(load_demo(d.name)[0], CHECKS, source="demo", demo=d.title) for d in list_demos()]
    return [shared_result(), *demos]


RESULTS = results()
IDS = ["shared", *(d.name for d in list_demos())]


def squash(text: str) -> str:
    """Without whitespace: text wrapped in a column reads the same as the text it came from."""
    return "".join(text.split())


def assert_fits(out: str, width: int, texts: tuple[str, ...] | list[str] = ()) -> None:
    """No line too long, and no ellipsis but those of the texts themselves (a menu's "Encrypt…")."""
    assert out.count(ELLIPSIS) == sum(text.count(ELLIPSIS) for text in texts)
    too_long = [line for line in out.splitlines() if len(line) > width]
    assert not too_long, too_long


def assert_commands_whole(out: str, texts: list[str], room: int) -> None:
    """Every `command` that fits the room it is given is on one line, as it can be copied."""
    lines = out.splitlines()
    for command in {c for text in texts for c in COMMAND.findall(text) if len(c) <= room}:
        assert any(command in line for line in lines), command


def needed(result: AuditResult) -> list[str]:
    """What a reader acts on: each finding's check and summary, each fix, where to report."""
    texts = [t for f in result.findings for t in (f.meta.id, check_label(f), f.finding.summary)]
    texts += [t for f in result.remediation_order() for t in (f.meta.title, f.remediation)]
    section = incident_section(result)
    texts += [*section.steps, *(t for c in section.contacts for t in (c.who, c.what, c.how, c.note) if t)]
    return texts


@pytest.mark.parametrize("result", RESULTS, ids=IDS)
def test_the_audit_at_80_columns_cuts_nothing(result):
    out = render(result, OutputFormat.TABLE, Style(color=False, width=80))
    assert_fits(out, 80, needed(result))
    flat = squash(out)
    assert all(squash(text) in flat for text in needed(result))
    assert_commands_whole(out, needed(result), 80 - 4)  # fixes are indented by 4


@pytest.mark.parametrize("result", RESULTS, ids=IDS)
def test_the_points_of_a_fix_never_wrap_alone(result):
    for width in (60, 80, 100):
        out = render(result, OutputFormat.TABLE, Style(color=False, width=width))
        assert not re.search(r"(^|\n)\s*points", out) and not re.search(r"\+[0-9.]+\n", out)
        assert all(f"+{f.points:g} points" in out for f in result.remediation_order())


@pytest.mark.parametrize("width", [60, 40])
@pytest.mark.parametrize("result", RESULTS, ids=IDS)
def test_the_audit_on_a_narrow_terminal_keeps_every_word_in_order(result, width):
    out = render(result, OutputFormat.TABLE, Style(color=False, width=width))
    assert_fits(out, width, needed(result))
    flat = squash(out)
    missing = [text for text in needed(result) if squash(text) not in flat]
    assert not missing


def test_the_catalogue_at_80_columns_cuts_nothing():
    out = render_catalogue(METAS, OutputFormat.TABLE, Style(color=False, width=80))
    assert_fits(out, 80)
    flat = squash(out)
    for m in METAS:
        assert squash(f"{m.id}{m.title}") in flat and squash("; ".join(m.references)) in flat


@pytest.mark.parametrize("meta", METAS, ids=lambda m: m.id)
def test_explain_at_80_columns_cuts_nothing_and_keeps_commands_whole(meta):
    out = render_explain(meta, Style(color=False, width=80))
    steps = [*meta.remediation.values(), *dict(meta.family_remediation).values()]
    assert_fits(out, 80, steps)
    flat = squash(out)
    assert all(squash(text) in flat for text in [meta.title, meta.rationale, *steps, *meta.references])
    assert_commands_whole(out, steps, 80 - 2)


def test_backup_verify_wraps_each_field_under_its_value():
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    artifact = Artifact(
        path="/media/usb/backups/" + "nightly-" * 12 + "archive.tar",
        kind="tar archive",
        encrypted=False,
        certainty=FACT,
        weak=False,
        detail="",
        newest=None,
        size=512,
        files=1,
        notes=("the archive holds files from several machines, which hygiene reads as one backup",),
    )
    verdict = judge(artifact, now, timedelta(days=7))
    out = render_verdict(verdict, OutputFormat.TABLE, 80)
    assert_fits(out, 80)
    assert "\n              as one backup\n" in out  # under the note, not at column 0
    assert squash("; ".join(verdict.reasons)) in squash(out)


@pytest.mark.parametrize("result", RESULTS, ids=IDS)
def test_sections_are_apart_by_one_blank_line_never_two(result):
    out = render(result, OutputFormat.TABLE, Style(color=False, width=80))
    assert "\n\n\n" not in out
    assert "Fix these first" in out and "If something has already happened" in out
