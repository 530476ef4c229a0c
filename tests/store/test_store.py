"""The history database: private, WAL, versioned, pruned; and whatever is at its path (garbage,
a truncated database, a FIFO, a folder, a lock, a newer version) is refused by name, untouched."""

import json
import multiprocessing
import os
import re
import sqlite3
import stat
import sys

import pytest

from hygiene.errors import UserError
from hygiene.store import database
from hygiene.store.database import open_store
from hygiene.store.records import MAX_RESULT_BYTES, record_of
from hygiene.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.store.results import result_doc


def day(n: int) -> str:
    return f"2026-11-{n:02d}T09:00:00+00:00"


def saved(path, *docs, keep=500):
    store = open_store(path, create=True)
    try:
        return [store.save(record_of(doc, "test"), keep) for doc in docs]
    finally:
        store.close()


def audits(path, host=None):
    store = open_store(path, create=False)
    try:
        return store.audits(host)
    finally:
        store.close()


def test_a_new_database_is_private_in_a_private_folder_wal_and_at_the_current_version(tmp_path):
    path = tmp_path / "data" / "hygiene" / "history.sqlite3"
    saved(path, result_doc())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


def test_the_file_is_private_even_under_a_loose_umask(tmp_path):
    old = os.umask(0)
    try:
        saved(tmp_path / "h.sqlite3", result_doc())
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "h.sqlite3").stat().st_mode) == 0o600


def test_a_database_others_can_read_is_made_private_before_an_audit_is_added(tmp_path):
    """A history copied under a loose umask (cp, a backup restored) would leak every audit saved
    into it afterwards; its -wal and -shm files likewise."""
    path = tmp_path / "h.sqlite3"
    saved(path, result_doc())
    for name in ("h.sqlite3", "h.sqlite3-wal", "h.sqlite3-shm"):
        (tmp_path / name).touch()
        os.chmod(tmp_path / name, 0o644)
    assert len(audits(path)) == 1  # reading changes nothing
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    store = open_store(path, create=True)
    try:
        for name in ("h.sqlite3", "h.sqlite3-wal", "h.sqlite3-shm"):  # SQLite removes the last two on close
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
        store.save(record_of(result_doc(started=day(28)), "test"))
    finally:
        store.close()
    assert len(audits(path)) == 2


def test_reading_a_history_that_does_not_exist_creates_nothing(tmp_path):
    assert open_store(tmp_path / "none" / "h.sqlite3", create=False) is None
    assert not (tmp_path / "none").exists()


def test_an_audit_and_its_findings_are_stored_once(tmp_path):
    path = tmp_path / "h.sqlite3"
    first, again = saved(path, result_doc(), result_doc(started="2026-11-27T10:00:00+01:00"))  # the same instant
    assert first == 1 and again is None
    (a,) = audits(path)
    assert (a.id, a.host, a.source, a.score, a.grade, a.coverage) == (1, "ledger-pc", "local", 50, "F", 0.75)
    assert a.started_at.isoformat() == "2026-11-27T09:00:00+00:00" and a.categories["encryption"] == 100
    store = open_store(path, create=False)
    findings = store.findings(1)
    store.close()
    assert len(findings) == 32 and findings["PWD-001"].status == "FAIL" and findings["ENC-001"].category == "encryption"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT result FROM audits").fetchone()[0].startswith('{"schema_version":1,')


def test_each_host_keeps_its_newest_audits_and_the_pruned_findings_go_too(tmp_path):
    path = tmp_path / "h.sqlite3"
    saved(path, *(result_doc(started=day(n)) for n in (5, 1, 4, 2, 3)), result_doc("other-pc"), keep=3)
    assert [a.started_at.day for a in audits(path, "ledger-pc")] == [3, 4, 5]
    assert [a.host for a in audits(path, "other-pc")] == ["other-pc"]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM findings").fetchone()[0] == 4 * 32


def test_newest_results_gives_each_hosts_newest_audit_and_names_a_damaged_one(tmp_path):
    path = tmp_path / "h.sqlite3"
    ids = saved(
        path, result_doc("a", day(1)), result_doc("a", day(3)), result_doc("A", day(2)), result_doc("b", day(1))
    )
    store = open_store(path, create=False)
    try:
        newest = store.newest_results()
        assert [(audit_id, json.loads(text)["host"]["hostname"]) for audit_id, text in newest] == [
            (ids[2], "A"),
            (ids[1], "a"),
            (ids[3], "b"),
        ]  # one per host as stored (fleet summarize folds case), by host
        with sqlite3.connect(path) as db:
            db.execute("UPDATE audits SET result = x'00' WHERE id = ?", (ids[3],))
        with pytest.raises(UserError, match=f"audit {ids[3]} is damaged"):
            store.newest_results()
    finally:
        store.close()


def test_a_result_over_the_size_bound_or_with_a_finding_twice_is_refused():
    doc = result_doc()
    doc["findings"][0]["summary"] = "x" * MAX_RESULT_BYTES
    with pytest.raises(UserError, match=r"big.json: a result of [\d,]+ bytes is over the 4 MB limit"):
        record_of(doc, "big.json")
    doc = result_doc()
    doc["findings"].append(doc["findings"][0])
    with pytest.raises(UserError, match="twice.json: at findings: 'PWD-001' is there twice"):
        record_of(doc, "twice.json")


# --- migrations ---------------------------------------------------------------------------------


def test_an_empty_file_at_version_0_is_migrated(tmp_path):
    path = tmp_path / "h.sqlite3"
    path.touch(mode=0o600)
    saved(path, result_doc())
    assert len(audits(path)) == 1


def test_a_version_0_sqlite_database_gets_the_tables_and_keeps_its_own(tmp_path):
    path = tmp_path / "h.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    saved(path, result_doc())
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"notes", "audits", "findings", "training"}


def test_reading_a_version_0_sqlite_database_shows_no_history_and_writes_nothing(tmp_path):
    """`hygiene history --db` pointed at another program's database (or $HYGIENE_HISTORY set
    wrong) only reads: the tables are created by the first save, never by a look."""
    path = tmp_path / "places.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()
    before = path.read_bytes()
    assert open_store(path, create=False) is None
    assert path.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["places.sqlite"]


def test_an_older_database_is_brought_to_a_later_version_with_its_audits_by_a_save_not_a_read(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    saved(path, result_doc())
    later = [*MIGRATIONS, ("ALTER TABLE audits ADD COLUMN note TEXT",)]
    monkeypatch.setattr(database, "MIGRATIONS", later)
    monkeypatch.setattr(database, "SCHEMA_VERSION", len(later))
    before = path.read_bytes()
    assert len(audits(path)) == 1
    assert path.read_bytes() == before  # a read never migrates: the older hygiene can still use it
    saved(path, result_doc(started=day(2)))
    assert len(audits(path)) == 2
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(later)
        assert db.execute("SELECT host, note FROM audits").fetchall() == [("ledger-pc", None)] * 2


def test_a_database_from_a_newer_hygiene_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "h.sqlite3"
    saved(path, result_doc())
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    for create in (True, False):
        with pytest.raises(UserError) as caught:
            open_store(path, create=create)
        assert str(caught.value) == (
            f"{path}: was written by a newer hygiene (history schema 3; this one knows up to 2); "
            "upgrade hygiene to use it. It was left as it is"
        )
    assert path.read_bytes() == before


# --- damaged, foreign and locked files -------------------------------------------------------------


def truncated(path):
    saved(path, *(result_doc(started=day(n)) for n in range(1, 29)))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


FOREIGN = {
    "garbage": lambda p: p.write_bytes(os.urandom(4096)),
    "text": lambda p: p.write_text("ledger-pc,50,F\n"),
    "short": lambda p: p.write_bytes(b"SQLite"),
    "zip": lambda p: p.write_bytes(b"PK\x03\x04" + bytes(2000)),
    "header-only": lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(4080)),
    "truncated": truncated,
}


def _contents(path):
    if path.is_dir():
        return ("folder", sorted(os.listdir(path)))
    if stat.S_ISFIFO(path.stat().st_mode):
        return "fifo"
    return path.read_bytes()


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_a_damaged_or_foreign_file_is_named_and_never_changed(tmp_path, kind):
    path = tmp_path / "h.sqlite3"
    FOREIGN[kind](path)
    before = _contents(path)
    for create in (True, False):
        with pytest.raises(UserError) as caught:
            store = open_store(path, create=create)
            try:
                store.audits()
                store.save(record_of(result_doc(started=day(30)), "x"))
            finally:
                store.close()
        message = str(caught.value)
        assert message.startswith(f"{path}: ") and ("not" in message or "damaged" in message), message
        assert "it was left as it is" in message
    assert _contents(path) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "h.sqlite3"
    os.mkfifo(path)
    for create in (True, False):
        with pytest.raises(UserError, match=r"is a named pipe \(FIFO\), not a hygiene history database"):
            open_store(path, create=create)
    assert stat.S_ISFIFO(path.stat().st_mode)


def test_a_folder_is_refused(tmp_path):
    path = tmp_path / "h.sqlite3"
    path.mkdir()
    (path / "keep").write_text("mine")
    for create in (True, False):
        with pytest.raises(UserError, match="is a folder, not a hygiene history database; it was left as it is"):
            open_store(path, create=create)
    assert (path / "keep").read_text() == "mine"


def hold_lock(path):
    """Another program holding the database: an exclusive lock, kept until the connection closes."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("BEGIN EXCLUSIVE")
    db.execute("INSERT INTO audits (host, source, categories, started_at, saved_at, result) "
               "VALUES ('x', 'local', '{}', 'a', 'b', '{}')")  # fmt: skip
    return db


LOCKED = "the history database is locked by another program (another hygiene saving?); try again in a moment"


def test_a_locked_database_is_named_and_nothing_is_changed(tmp_path):
    path = tmp_path / "h.sqlite3"
    saved(path, result_doc())
    other = hold_lock(path)
    try:
        with pytest.raises(UserError, match="^" + re.escape(f"{path}: {LOCKED}")):
            store = open_store(path, create=True, busy_seconds=0.1)
            try:
                store.save(record_of(result_doc(started=day(28)), "x"))
            finally:
                store.close()
        with pytest.raises(UserError, match="^" + re.escape(f"{path}: {LOCKED}")):
            store = open_store(path, create=False, busy_seconds=0.1)
            try:
                store.audits()
            finally:
                store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [a.host for a in audits(path)] == ["ledger-pc"]


def _save_many(path, host, n, start):
    start.wait()
    store = open_store(path, create=True)
    try:
        for i in range(n):
            store.save(record_of(result_doc(host, started=f"2026-11-27T09:{i:02d}:00+00:00"), "x"))
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="fork-free start is slow; the lock logic is SQLite's")
def test_two_processes_saving_at_once_both_land(tmp_path):
    """Into a database neither has created yet: creation, WAL, migration and saves all race."""
    path = tmp_path / "h.sqlite3"
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_save_many, args=(path, host, 20, start)) for host in ("pc-a", "pc-b")]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    found = audits(path)
    assert len(found) == 40 and {a.host for a in found} == {"pc-a", "pc-b"}
