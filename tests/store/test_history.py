"""The pure parts of the history: what counts as a change, the sparkline, and the renderers'
safety (inert text, no spreadsheet formulas)."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from hygiene.reporters.csv_report import cell
from hygiene.reporters.history import (
    ASCII,
    BLOCKS,
    RENDERERS,
    can_show_blocks,
    history_csv,
    history_table,
    sparkline,
)
from hygiene.store.history import AuditSummary, FindingState, History, HostHistory, build_history, change_kind


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        ("PASS", "FAIL", "newly_failing"),
        ("PASS", "WARN", "newly_failing"),
        ("WARN", "FAIL", "newly_failing"),
        (None, "FAIL", "newly_failing"),  # a check the earlier audit did not run
        ("UNKNOWN", "FAIL", "newly_failing"),
        ("WAIVED", "FAIL", "newly_failing"),  # the waiver expired
        ("FAIL", "PASS", "fixed"),
        ("WARN", "PASS", "fixed"),
        ("FAIL", "WARN", "fixed"),
        ("PASS", "UNKNOWN", "newly_unknown"),
        ("FAIL", "ERROR", "newly_unknown"),
        (None, "UNKNOWN", "newly_unknown"),
        ("FAIL", "FAIL", None),
        ("WARN", "WARN", None),
        ("UNKNOWN", "ERROR", None),
        ("UNKNOWN", "PASS", None),
        ("FAIL", "WAIVED", None),  # accepted, not fixed
        ("FAIL", "NOT_APPLICABLE", None),
        ("PASS", "PASS", None),
    ],
)
def test_what_counts_as_newly_failing_fixed_and_newly_unknown(before, after, kind):
    assert change_kind(before, after) == kind


def summary(audit_id, host="pc", score=50.0, day=1, **categories):
    return AuditSummary(audit_id, host, "local", datetime(2026, 11, day, tzinfo=UTC), score, "F", 0.5, categories)


def test_only_each_hosts_last_two_audits_are_compared():
    asked = []

    def findings_of(audit_id):
        asked.append(audit_id)
        return {"ENC-001": FindingState("Disk", "encryption", "PASS" if audit_id == 3 else "FAIL")}

    audits = [summary(1, "a"), summary(2, "a"), summary(3, "a"), summary(4, "b")]
    history = build_history(audits, findings_of)
    assert [h.host for h in history.hosts] == ["a", "b"] and asked == [2, 3]
    (a, b) = history.hosts
    assert [c.check for c in a.changes.fixed] == ["ENC-001"] and b.changes is None


def test_a_sparkline_has_eight_steps_from_0_to_100_and_a_gap_for_no_score():
    assert sparkline([0, 12.4, 12.5, 25, 50, 62.5, 87.4, 87.5, 100, None], 20) == "▁▁▂▃▅▆▇██ "
    assert sparkline([0, 50, 100, None], 20, blocks=False) == "_=# "
    assert len(BLOCKS) == len(ASCII) == 8


def test_a_long_history_is_averaged_into_the_width():
    assert sparkline([0] * 50 + [100] * 50, 10) == "▁" * 5 + "█" * 5
    assert sparkline([0, 100] * 50, 10) == "▅" * 10  # each column the mean of its run
    assert sparkline([None] * 10 + [100] * 10, 4) == "  ██"


def test_blocks_only_where_the_terminal_can_show_them():
    class Stream:
        def __init__(self, encoding):
            self.encoding = encoding

    assert can_show_blocks(Stream("utf-8"), "xterm-256color")
    assert not can_show_blocks(Stream("ascii"), "xterm")
    assert not can_show_blocks(Stream("cp1252"), None)
    assert not can_show_blocks(Stream("utf-8"), "linux")  # the Linux console's font lacks them
    assert not can_show_blocks(Stream("no-such-codec"), None)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_starts_like_a_formula_is_quoted(text):
    shown = cell(text)  # a CR is shown as ␍ first (inert), which no spreadsheet runs
    assert shown == "'" + text if text != "\rx" else shown == "␍x"
    assert cell("ledger-pc") == "ledger-pc" and cell(-3) == -3 and cell(None) == ""


HOSTILE = '=HYPERLINK("http://x")\x1b]0;owned\x07\u202e'


def test_a_hostile_host_name_reaches_every_format_inert_and_never_as_a_formula():
    history = History((HostHistory(HOSTILE, (summary(1, HOSTILE),), None),))
    for history_renderer, _ in RENDERERS.values():
        text = history_renderer(history, 80, True)
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    (row,) = list(csv.DictReader(io.StringIO(history_csv(history))))
    assert row["host"] == '\'=HYPERLINK("http://x")␛]0;owned␇<U+202E>'
    table = history_table(history, 80)
    assert max(len(line) for line in table.splitlines()) <= 80
    assert json.loads(RENDERERS["json"][0](history, 80, True))["hosts"][0]["host"] == HOSTILE  # escaped in the text


def test_a_host_name_too_long_for_the_line_is_cut_with_an_ellipsis():
    history = History((HostHistory("h" * 200, (summary(1, "h" * 200),), None),))
    first = history_table(history, 80).splitlines()[0]
    assert len(first) == 80 and first.endswith("… · 1 audit, 2026-11-01")


def test_json_puts_each_audit_on_its_own_line_whatever_the_host_is_called():
    hosts = ('"audits": 0,', '"audits": 1,', "pc")
    history = History(tuple(HostHistory(h, (summary(i, h), summary(i + 10, h)), None) for i, h in enumerate(hosts)))
    text = RENDERERS["json"][0](history, 80, True)
    doc = json.loads(text)
    assert [(h["host"], [a["id"] for a in h["audits"]]) for h in doc["hosts"]] == [
        ('"audits": 0,', [0, 10]),
        ('"audits": 1,', [1, 11]),
        ("pc", [2, 12]),
    ]
    assert '        {"id": 10, "host": "\\"audits\\": 0,", "source": "local"' in text


# --- html ---------------------------------------------------------------------------------------


def _two_audits(host="ledger-pc"):
    from hygiene.store.history import Comparison, StatusChange

    before, after = summary(1, host, score=40.0, day=1, device=0.0), summary(2, host, score=70.0, day=8, device=50.0)
    fixed = (StatusChange("DEV-001", "The firewall is on", "device", "FAIL", "PASS"),)
    unknown = (StatusChange("UPD-001", "No security updates are waiting", "updates", "FAIL", "UNKNOWN"),)
    changes = Comparison(before, after, (), fixed, unknown)
    return History((HostHistory(host, (before, after), changes),)), changes


def test_history_html_draws_each_host_over_time_with_what_changed():
    from tests.reporters.test_html import Page

    history, _ = _two_audits()
    page = Page(RENDERERS["html"][0](history, 80, True))
    assert page.text_of("h2") == ["ledger-pc"]
    assert page.all("svg") and "Scores of ledger-pc over time" in page.text_of("title")[1]
    cells = page.text_of("td")
    rows = {label: cells[3 * i : 3 * i + 3] for i, label in enumerate(page.text_of("th", scope="row"))}
    assert rows["Overall"] == ["40 F", "70 F", "+30"] and rows["Device"] == ["0", "50", "+50"]
    assert page.text_of("h4") == ["Fixed (1)", "Newly unknown (1)"]
    assert page.text_of("li") == [
        "DEV-001 The firewall is on: PASS (was FAIL)",
        "UPD-001 No security updates are waiting: UNKNOWN (was FAIL)",
    ]
    assert not page.all("script") and not page.all("link")


def test_history_html_compares_two_audits_before_and_after():
    from tests.reporters.test_html import Page

    _, changes = _two_audits()
    page = Page(RENDERERS["html"][1](changes, 80, True))
    assert page.text_of("th", scope="col")[1:3] == ["Before", "After"]
    assert "Audit 1 (2026-11-01" in page.text_of("p", **{"class": "meta"})[0]


def test_history_html_keeps_a_hostile_host_name_as_text():
    from tests.reporters.test_html import Page

    host = '<script>alert(1)</script>"onmouseover=x \x1b[31m[bold]'
    history, _ = _two_audits(host)
    text = RENDERERS["html"][0](history, 80, True)
    page = Page(text)
    assert not page.all("script") and "\x1b" not in text
    assert not any(k.startswith("on") for e in page.elements for k in e["attrs"])
    assert page.text_of("h2")[0].startswith("<script>alert(1)</script>")


def test_no_history_yet_is_said_on_the_page():
    from tests.reporters.test_html import Page

    page = Page(RENDERERS["html"][0](History(()), 80, True))
    assert "No audits stored. Save one with `hygiene audit --save`." in page.text_of("main")[0]
