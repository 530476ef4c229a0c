"""AWR-001 with the score `hygiene learn` records beside the date: PASS from PASS_SHARE of the
answers right, WARN below it, FAIL once older than a year, UNKNOWN when nothing is said; with
and without a score, and always labelled attested."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.engine import run_audit, run_one
from hygiene.learn.result import PASS_SHARE
from hygiene.model import Evidence, Status
from hygiene.profile import NEVER, Profile, Training, parse_profile
from hygiene.registry import BY_ID
from hygiene.reporters import OutputFormat, Style, render
from hygiene.system.recorded import RecordedSystem
from tests.helpers import CHECK_IDS, CLOCK, snapshot_doc

AUDIT_DAY = date.fromisoformat(CLOCK[:10])  # 2026-11-27
AWR_001 = BY_ID["AWR-001"]


def finding(day=None, score=None, out_of=15, via="hygiene learn"):
    """AWR-001 on a machine whose profile says training was done on `day` (or NEVER), with
    `score` of `out_of` right when a score is given."""
    attest = {} if day is None else {"training_completed": day}
    training = None if score is None else Training(day, score, out_of, via)
    return run_one(RecordedSystem(snapshot_doc(), Profile(attest=attest, training=training)), AWR_001)


def test_awr001_is_still_attested():
    assert AWR_001.meta.evidence is Evidence.ATTESTED


def test_pass_with_a_score_says_where_when_and_how_well():
    f = finding(AUDIT_DAY, 13)
    assert f.status is Status.PASS
    assert f.summary == "Attested: completed in hygiene learn on 2026-11-27, 13/15 (today)."
    assert f.evidence == {"attested": "2026-11-27", "days_ago": 0, "score": 13, "out_of": 15, "via": "hygiene learn"}


def test_pass_with_a_score_and_no_via():
    f = finding(date(2026, 11, 20), 15, via=None)
    assert f.status is Status.PASS
    assert f.summary == "Attested: security-awareness training was completed on 2026-11-20, 15/15 (7 days ago)."
    assert f.evidence == {"attested": "2026-11-20", "days_ago": 7, "score": 15, "out_of": 15}


def test_pass_without_a_score_is_as_before():
    f = finding(date(2026, 3, 14))
    assert f.status is Status.PASS
    assert f.summary == "Attested: security-awareness training was completed on 2026-03-14 (258 days ago)."
    assert f.evidence == {"attested": "2026-03-14", "days_ago": 258}


def test_warn_below_the_pass_share_says_to_go_through_it_again():
    f = finding(date(2026, 11, 26), 8, via="hygiene learn --quiz")
    assert f.status is Status.WARN
    assert f.summary == (
        "Attested: completed in hygiene learn --quiz on 2026-11-26, 8/15 (1 day ago): fewer than 60% of the "
        "answers were right; go through it again with `hygiene learn`."
    )
    assert (f.evidence["score"], f.evidence["out_of"], f.evidence["via"]) == (8, 15, "hygiene learn --quiz")


@pytest.mark.parametrize(
    ("score", "out_of", "status"),
    [(9, 15, Status.PASS), (8, 15, Status.WARN), (3, 5, Status.PASS), (2, 5, Status.WARN), (600, 1000, Status.PASS),
     (599, 1000, Status.WARN), (0, 1, Status.WARN), (1, 1, Status.PASS)],
)  # fmt: skip
def test_the_pass_share_is_a_pass_on_the_boundary_and_a_warn_just_below(score, out_of, status):
    assert PASS_SHARE == 0.6
    assert finding(AUDIT_DAY, score, out_of).status is status


@pytest.mark.parametrize(("score", "status"), [(None, Status.FAIL), (15, Status.FAIL), (2, Status.FAIL)])
def test_fail_when_older_than_a_year_whatever_the_score(score, status):
    f = finding(date(2025, 11, 1), score)
    assert f.status is status
    assert f.summary == (
        "Attested: security-awareness training was completed on 2025-11-01, 391 days ago; do it again every 365 days."
    )
    if score is not None:
        assert (f.evidence["score"], f.evidence["out_of"]) == (score, 15)


@pytest.mark.parametrize(("age", "status"), [(365, Status.PASS), (366, Status.FAIL)])
def test_a_scored_training_passes_through_its_365th_day(age, status):
    assert finding(AUDIT_DAY - timedelta(days=age), 15).status is status


def test_never_fails_and_has_no_score():
    f = finding(NEVER)
    assert (f.status, f.evidence) == (Status.FAIL, {"attested": NEVER})


def test_unknown_without_a_statement_names_hygiene_learn_as_a_way_to_make_one():
    f = finding()
    assert f.status is Status.UNKNOWN
    assert "training_completed = YYYY-MM-DD" in f.summary and "`hygiene init`" in f.summary
    assert f.summary.endswith("`hygiene learn` (ten minutes, English or Urdu) records it when you finish.")


def test_unknown_with_a_score_but_no_statement_the_statement_decides():
    """A Profile made in code may hold a score without its date: the date is what is judged."""
    system = RecordedSystem(snapshot_doc(), Profile(training=Training(AUDIT_DAY, 15, 15, "hygiene learn")))
    assert run_one(system, AWR_001).status is Status.UNKNOWN


def test_a_score_of_another_day_than_the_statement_is_not_used():
    system = RecordedSystem(
        snapshot_doc(),
        Profile(attest={"training_completed": date(2026, 3, 14)}, training=Training(AUDIT_DAY, 1, 15, None)),
    )
    f = run_one(system, AWR_001)
    assert f.status is Status.PASS and "score" not in f.evidence


def test_the_remediation_names_hygiene_learn():
    for text in AWR_001.meta.remediation.values():
        assert "`hygiene learn`" in text and "ten minutes" in text and "English or Urdu" in text
        assert "[attest] training_completed" in text


def from_toml(text):
    profile = parse_profile(text, Path("demo profile"), AUDIT_DAY, known_checks=CHECK_IDS)
    return RecordedSystem(snapshot_doc(), profile)


def test_from_a_profiles_text_as_a_demo_carries_it():
    system = from_toml(
        '[attest]\ntraining_completed = { date = 2026-11-02, score = 4, out_of = 5, via = "hygiene learn" }\n'
    )
    f = run_one(system, AWR_001)
    assert (
        f.status is Status.PASS
        and f.summary == "Attested: completed in hygiene learn on 2026-11-02, 4/5 (25 days ago)."
    )


def test_a_via_with_markup_reaches_the_report_as_text():
    system = from_toml(
        '[attest]\ntraining_completed = { date = 2026-11-02, score = 4, out_of = 5, via = "[bold red]x[/]" }\n'
    )
    result = run_audit(system, [AWR_001])
    table = render(result, OutputFormat.TABLE, Style(color=True, width=200))
    assert "completed in [bold red]x[/] on 2026-11-02" in table
    doc = json.loads(render(result, OutputFormat.JSON))
    assert doc["findings"][0]["evidence"]["via"] == "[bold red]x[/]"


def test_a_snapshot_replayed_with_a_profile_gets_the_score(tmp_path):
    snap, profile = tmp_path / "snap.json", tmp_path / "p.toml"
    snap.write_text(json.dumps(snapshot_doc()), encoding="utf-8")
    profile.write_text(
        "# recorded by hygiene learn\n[attest]\n"
        'training_completed = { date = 2026-11-20, score = 7, out_of = 15, via = "hygiene learn" }\n',
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["audit", "--snapshot", str(snap), "--profile", str(profile), "-f", "json"])
    (awr,) = [f for f in json.loads(r.stdout)["findings"] if f["id"] == "AWR-001"]
    assert (awr["status"], awr["evidence_kind"], awr["evidence"]["score"]) == ("WARN", "attested", 7)
