"""`hygiene learn` sessions in the history: migration 2's table, saving and listing them, a v1
database brought up with its audits kept, and no free text ever stored."""

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hygiene.errors import UserError
from hygiene.learn.result import LESSONS, QUIZ, TrainingResult
from hygiene.store import database
from hygiene.store.database import open_store
from hygiene.store.history import TrainingSession
from hygiene.store.records import record_of
from hygiene.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.store.results import result_doc

KARACHI = timezone(timedelta(hours=5))


def session(
    finished="2026-12-02T21:30:00+05:00", day=date(2026, 12, 2), kind=LESSONS, lang="ur", answers=None
) -> TrainingResult:
    answers = (
        answers if answers is not None else (("phish-sms-1", True), ("phish-sms-2", False), ("mfa.sim_swap", True))
    )
    return TrainingResult(datetime.fromisoformat(finished), day, kind, lang, tuple(answers))


def stored(path, *results):
    store = open_store(path, create=True)
    try:
        return [store.save_training(r) for r in results]
    finally:
        store.close()


def listed(path, since=None):
    store = open_store(path, create=False)
    try:
        return store.training(since)
    finally:
        store.close()


def test_a_session_is_stored_and_read_back_in_utc_with_the_persons_own_day(tmp_path):
    path = tmp_path / "h.sqlite3"
    assert stored(path, session()) == [1]
    (s,) = listed(path)
    assert s == TrainingSession(
        1,
        datetime(2026, 12, 2, 16, 30, tzinfo=UTC),
        date(2026, 12, 2),
        "lessons",
        "ur",
        2,
        3,
        (("phish-sms-1", True), ("phish-sms-2", False), ("mfa.sim_swap", True)),
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT finished_at, day, kind, lang, score, out_of, answers FROM training").fetchone()
    assert row == (
        "2026-12-02T16:30:00.000000+00:00",
        "2026-12-02",
        "lessons",
        "ur",
        2,
        3,
        '[["phish-sms-1", true], ["phish-sms-2", false], ["mfa.sim_swap", true]]',
    )


def test_the_same_session_recorded_twice_is_stored_once(tmp_path):
    path = tmp_path / "h.sqlite3"
    assert stored(path, session(), session(finished="2026-12-02T16:30:00+00:00")) == [1, None]
    assert len(listed(path)) == 1


def test_sessions_are_listed_oldest_first_and_since_drops_the_older(tmp_path):
    path = tmp_path / "h.sqlite3"
    stored(path, session("2026-12-02T09:00:00+00:00"), session("2026-11-01T09:00:00+00:00", kind=QUIZ))
    assert [(s.id, s.kind) for s in listed(path)] == [(2, "quiz"), (1, "lessons")]
    assert [s.id for s in listed(path, "2026-11-15T00:00:00.000000+00:00")] == [1]


@pytest.mark.parametrize(
    ("result", "problem"),
    [
        (session(finished="2026-12-02T09:00:00"), "finished_at must carry its UTC offset"),
        (session(kind="exam"), "kind 'exam'"),
        (session(lang="EN"), "language 'EN'"),
        (session(lang="en; DROP TABLE audits"), "language"),
        (session(answers=()), "1 to 1000 answers, not 0"),
        (session(answers=[("q", True)] * 1001), "1 to 1000 answers, not 1001"),
        (session(answers=[("my password is hunter2", True)]), "'my password is hunter2' is not a question id"),
        (session(answers=[("q1", "yes")]), "'q1' is not a question id and a bool"),
        (session(answers=[("q" * 65, True)]), "is not a question id"),
        (session(answers=[("-q", True)]), "is not a question id"),
    ],
)
def test_a_result_with_free_text_or_out_of_bounds_is_refused_and_nothing_is_written(tmp_path, result, problem):
    path = tmp_path / "h.sqlite3"
    with pytest.raises(ValueError, match=problem):
        stored(path, result)
    assert listed(path) == []


def test_the_table_itself_refuses_a_score_above_its_questions(tmp_path):
    path = tmp_path / "h.sqlite3"
    stored(path, session())
    with sqlite3.connect(path) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO training (finished_at, day, kind, lang, score, out_of, answers) "
            "VALUES ('2026-12-03T00:00:00+00:00', '2026-12-03', 'quiz', 'en', 4, 3, '[]')"
        )


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("finished_at", "'yesterday'"),
        ("finished_at", "'2026-12-02T09:00:00'"),  # no offset
        ("day", "'2026-13-02'"),
        ("day", "42"),
        ("lang", "'\x1b[2J'"),
        ("lang", "x'656e'"),  # a blob
        ("answers", "'not json'"),
        ("answers", "'[[\"ok\", 1]]'"),
        ("answers", "'[[\"free text here\", true]]'"),
        ("answers", "'{\"q\": true}'"),
        ("score", "2.5"),
    ],
)
def test_a_damaged_row_is_named_and_left_alone(tmp_path, column, value):
    path = tmp_path / "h.sqlite3"
    stored(path, session())
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE training SET {column} = {value}")  # noqa: S608 (our own test values)
    before = path.read_bytes()
    with pytest.raises(UserError, match=f"^{path}: training session 1 is damaged and cannot be read; it was left"):
        listed(path)
    assert path.read_bytes() == before


def v1_database(path, monkeypatch):
    """A history written by the hygiene before migration 2: one audit, no training table."""
    with monkeypatch.context() as m:
        m.setattr(database, "MIGRATIONS", MIGRATIONS[:1])
        m.setattr(database, "SCHEMA_VERSION", 1)
        store = open_store(path, create=True)
        store.save(record_of(result_doc(), "test"))
        store.close()
    with closing(sqlite3.connect(path)) as db:  # closed: the last connection tidies -wal and -shm away
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'training'").fetchall()


def test_a_version_1_history_gets_the_training_table_and_keeps_its_audits(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    v1_database(path, monkeypatch)
    assert stored(path, session()) == [1]
    store = open_store(path, create=False)
    try:
        assert [a.host for a in store.audits()] == ["ledger-pc"] and len(store.training()) == 1
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2


def test_reading_a_version_1_history_shows_no_sessions_and_leaves_it_at_version_1(tmp_path, monkeypatch):
    """A read never writes: a history brought up by a look would be refused by the hygiene that
    wrote it (a newer schema), and a read-only one could not be looked at."""
    path = tmp_path / "h.sqlite3"
    v1_database(path, monkeypatch)
    before = path.read_bytes()
    assert listed(path) == []
    store = open_store(path, create=False)
    try:
        assert [a.host for a in store.audits()] == ["ledger-pc"]
    finally:
        store.close()
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1


def as_a_user(argv):
    """`argv` run without root's power to write any file (tests run as root in CI)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root, and no setpriv to act as a user")
        argv = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *argv]
    env = {**os.environ, "PYTHONPATH": str(Path(database.__file__).parents[2]), "COLUMNS": "100"}
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.skipif(sys.platform == "win32", reason="mode 0444 does not stop an owner writing on Windows")
def test_hygiene_history_reads_a_read_only_version_1_history(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    v1_database(path, monkeypatch)
    path.chmod(0o444)
    before = path.read_bytes()
    r = as_a_user([sys.executable, "-m", "hygiene", "history", "--db", str(path)])
    assert r.returncode == 0, r.stderr
    assert "ledger-pc" in r.stdout and "Training" not in r.stdout
    assert path.read_bytes() == before


def test_a_newer_history_is_refused_for_a_session_too(tmp_path):
    path = tmp_path / "h.sqlite3"
    stored(path, session())
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(UserError, match="was written by a newer hygiene"):
        stored(path, session("2026-12-03T09:00:00+00:00"))
    assert path.read_bytes() == before


def test_what_is_stored_is_ids_and_booleans_only(tmp_path):
    path = tmp_path / "h.sqlite3"
    stored(path, session(answers=[("q-1", True), ("q-2", False)]))
    with sqlite3.connect(path) as db:
        (answers,) = db.execute("SELECT answers FROM training").fetchone()
    assert json.loads(answers) == [["q-1", True], ["q-2", False]]
