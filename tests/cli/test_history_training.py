"""`hygiene history` lists the `hygiene learn` sessions: a short Training section in the table,
a `training` list in the JSON; --since filters them, --host (one machine) leaves them out, and
the other formats are as they were."""

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.learn.result import LESSONS, QUIZ, TrainingResult
from hygiene.reporters.history import TRAINING_SHOWN, history_table
from hygiene.store.database import open_store
from hygiene.store.history import History, TrainingSession
from tests.store.results import result_doc

runner = CliRunner()


def hygiene(*args, db):
    return runner.invoke(app, list(args), env={"COLUMNS": "80", "HYGIENE_HISTORY": str(db)})


def result(finished, day, kind, lang, right, total):
    return TrainingResult(
        datetime.fromisoformat(finished), day, kind, lang, tuple((f"q{i}", i < right) for i in range(total))
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "history.sqlite3"
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps(result_doc()), encoding="utf-8")
    assert hygiene("history", "import", str(saved), db=path).exit_code == 0
    store = open_store(path, create=True)
    try:
        store.save_training(result("2026-11-20T22:00:00+05:00", date(2026, 11, 20), QUIZ, "ur", 1, 3))
        store.save_training(result("2026-12-02T10:00:00+05:00", date(2026, 12, 2), LESSONS, "en", 13, 15))
    finally:
        store.close()
    return path


TRAINING = """\
Training · 2 sessions of `hygiene learn`, 2026-11-20 to 2026-12-02

  2026-11-20  quiz     ur     1/3   33%  below 60%: go through it again
  2026-12-02  lessons  en   13/15   87%
"""


def test_the_table_ends_with_the_training_sessions(db):
    r = hygiene("history", db=db)
    assert r.exit_code == 0 and r.stdout.startswith("ledger-pc · 1 audit, 2026-11-27\n")
    assert r.stdout.endswith("Only one audit so far: what changed shows from the next one saved.\n\n" + TRAINING)
    assert max(len(line) for line in r.stdout.splitlines()) <= 80


def test_json_lists_every_session_with_its_answers(db):
    doc = json.loads(hygiene("history", "-f", "json", db=db).stdout)
    assert (doc["kind"], doc["schema_version"], [h["host"] for h in doc["hosts"]]) == (
        "hygiene-history",
        1,
        ["ledger-pc"],
    )
    first, second = doc["training"]
    assert first == {
        "id": 1,
        "finished_at": "2026-11-20T17:00:00+00:00",
        "day": "2026-11-20",
        "kind": "quiz",
        "lang": "ur",
        "score": 1,
        "out_of": 3,
        "answers": [["q0", True], ["q1", False], ["q2", False]],
    }
    assert (second["score"], second["out_of"], len(second["answers"])) == (13, 15, 15)


def test_json_has_an_empty_training_list_and_one_session_a_line(db, tmp_path):
    text = hygiene("history", "-f", "json", db=db).stdout
    assert [line for line in text.splitlines() if '"finished_at"' in line][0].startswith('    {"id": 1, ')
    empty = tmp_path / "empty.sqlite3"
    open_store(empty, create=True).close()
    doc = json.loads(hygiene("history", "-f", "json", db=empty).stdout)
    assert doc == {"kind": "hygiene-history", "schema_version": 1, "since": None, "hosts": [], "training": []}


def test_since_keeps_the_later_sessions_and_host_leaves_them_out(db):
    r = hygiene("history", "--since", "2026-12-01", db=db)
    assert r.stdout == (
        "No audits stored since 2026-12-01. Save one with `hygiene audit --save`.\n\n"
        "Training · 1 session of `hygiene learn`, 2026-12-02\n\n"
        "  2026-12-02  lessons  en   13/15   87%\n"
    )
    r = hygiene("history", "--host", "ledger-pc", db=db)
    assert "Training" not in r.stdout and r.exit_code == 0
    assert json.loads(hygiene("history", "--host", "ledger-pc", "-f", "json", db=db).stdout)["training"] == []


def test_csv_html_and_diff_are_as_they_were(db):
    rows = list(csv.DictReader(io.StringIO(hygiene("history", "-f", "csv", db=db).stdout)))
    assert [r["audit"] for r in rows] == ["1"]
    assert hygiene("history", "-f", "html", db=db).exit_code == 0
    assert "Training" not in hygiene("history", "--diff", "1", "1", db=db).stdout


def test_only_the_newest_sessions_are_listed_in_the_table():
    sessions = tuple(
        TrainingSession(i, datetime(2026, 11, i, tzinfo=UTC), date(2026, 11, i), "quiz", "en", 3, 3, ())
        for i in range(1, 15)
    )
    lines = history_table(History((), None, sessions)).splitlines()
    assert lines[2:5] == [
        "Training · 14 sessions of `hygiene learn`, 2026-11-01 to 2026-11-14",
        "",
        f"  {14 - TRAINING_SHOWN} earlier sessions not shown: -f json lists them all",
    ]
    assert lines[5].startswith("  2026-11-05  quiz") and lines[-1].startswith("  2026-11-14  quiz")
    assert len(lines) == 5 + TRAINING_SHOWN
