"""Opening the history database and reading and writing its rows.

The file describes a machine's weaknesses, so it is created private (0600, in a 0700 folder)
before SQLite opens it; SQLite gives its -wal and -shm files the same mode. Whatever is at the
path (garbage, a truncated database, another program's file, a FIFO, a folder, a database
another process holds locked, one written by a newer hygiene) ends in a UserError that names
the file, and the file is never deleted, replaced or migrated past what this code knows.
A read never writes: it leaves an older version as it is (a read-only history can be looked
at, and the hygiene that wrote it can still use it); only a save migrates. It opens the file
as a save does, though, for its closing to tidy the -wal and -shm files away (SQLite reads a
file this user may not write as read-only by itself): a read-only connection would leave them
behind, this user's, where the owner's next save could not open them. WAL mode lets
`hygiene history` read while an audit saves; a busy timeout lets two audits that save at once
both land."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from hygiene.errors import UserError
from hygiene.files import NotRegularFile, open_regular_fd, read_at_most
from hygiene.learn.result import TrainingResult
from hygiene.store.history import AuditSummary, FindingState, TrainingSession
from hygiene.store.records import DEFAULT_KEEP, Record
from hygiene.store.schema import MIGRATIONS, SCHEMA_VERSION, TRAINING_SINCE
from hygiene.store.training import session_of, training_row

BUSY_SECONDS = 10.0  # how long a save waits for another one to finish
_HEADER = b"SQLite format 3\x00"
_LEFT = "it was left as it is"


def _failure(path: Path, exc: sqlite3.Error) -> UserError:
    """SQLite's error as a sentence that names the file and says what to do."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return UserError(
            f"{path}: the history database is locked by another program (another hygiene saving?); "
            "try again in a moment. Nothing was changed"
        )
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return UserError(
            f"{path}: is damaged or is not a hygiene history database ({exc}); {_LEFT}. Move it aside "
            "to start a new history, or restore it from a backup"
        )
    if code == sqlite3.SQLITE_READONLY:
        return UserError(f"{path}: the history database cannot be written (it is read-only); {_LEFT}")
    if code == sqlite3.SQLITE_FULL:
        return UserError(f"{path}: the disk is full; nothing was saved")
    if code == sqlite3.SQLITE_CANTOPEN:
        return UserError(f"{path}: cannot open the history database ({exc})")
    return UserError(f"{path}: the history database failed ({exc}); {_LEFT}")


class Store:
    """One open history database. Every call turns SQLite's errors into UserErrors."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path, self._db = path, connection
        self.version = SCHEMA_VERSION  # what the tables are; older only when opened to read

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _guarded(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._db
        except sqlite3.DatabaseError as exc:
            raise _failure(self.path, exc) from None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that two writers queue."""
        with self._guarded() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def save(self, record: Record, keep: int = DEFAULT_KEEP) -> int | None:
        """Store one audit and prune its host to the newest `keep`; returns its id, or None when
        an audit of the same host and start time is stored already."""
        saved_at = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._writing() as db:
            row = db.execute(
                "INSERT OR IGNORE INTO audits (host, source, score, grade, coverage, categories, started_at, "
                "saved_at, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.host, record.source, record.score, record.grade, record.coverage, record.categories,
                 record.started_at, saved_at, record.result),
            )  # fmt: skip
            if row.rowcount == 0:
                return None
            audit_id = row.lastrowid
            db.executemany(
                "INSERT INTO findings (audit_id, check_id, title, category, severity, status, weight, credit, "
                "points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(audit_id, *finding) for finding in record.findings],
            )
            db.execute(
                "DELETE FROM audits WHERE id IN (SELECT id FROM audits WHERE host = ? "
                "ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?)",
                (record.host, keep),
            )
        return audit_id

    def stored_result(self, host: str, started_at: str) -> str | None:
        """The result stored for this host and start time, as text; None when there is none."""
        with self._guarded() as db:
            row = db.execute(
                "SELECT result FROM audits WHERE host = ? AND started_at = ?", (host, started_at)
            ).fetchone()
        return row[0] if row and isinstance(row[0], str) else None

    def newest_results(self) -> list[tuple[int, str]]:
        """Each host's newest audit (by start, then id): its id and its whole stored result, for
        `hygiene fleet summarize`, which needs no older one."""
        with self._guarded() as db:
            rows = db.execute(
                "SELECT id, result FROM audits AS a WHERE id = (SELECT id FROM audits WHERE host = a.host "
                "ORDER BY started_at DESC, id DESC LIMIT 1) ORDER BY host, id"
            ).fetchall()
        for audit_id, result in rows:
            if not isinstance(result, str):
                raise self._damaged(audit_id)
        return rows

    def hosts(self) -> list[str]:
        with self._guarded() as db:
            return [h for (h,) in db.execute("SELECT DISTINCT host FROM audits ORDER BY host") if isinstance(h, str)]

    def audits(self, host: str | None = None, since: str | None = None) -> list[AuditSummary]:
        """Audits oldest first, of one host or all, started at or after `since` (UTC, ISO 8601)."""
        sql, args = "SELECT id, host, source, started_at, score, grade, coverage, categories FROM audits", []
        where = []
        if host is not None:  # host names are case-insensitive (Windows writes them in capitals)
            where.append("host = ? COLLATE NOCASE")
            args.append(host)
        if since is not None:
            where.append("started_at >= ?")
            args.append(since)
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._guarded() as db:
            rows = db.execute(sql + " ORDER BY host, started_at, id", args).fetchall()
        return [self._summary(row) for row in rows]

    def audit(self, audit_id: int) -> AuditSummary | None:
        with self._guarded() as db:
            row = db.execute(
                "SELECT id, host, source, started_at, score, grade, coverage, categories FROM audits WHERE id = ?",
                (audit_id,),
            ).fetchone()
        return None if row is None else self._summary(row)

    def findings(self, audit_id: int) -> dict[str, FindingState]:
        with self._guarded() as db:
            rows = db.execute(
                "SELECT check_id, title, category, status FROM findings WHERE audit_id = ?", (audit_id,)
            ).fetchall()
        if not all(isinstance(text, str) for row in rows for text in row):
            raise self._damaged(audit_id)
        return {check: FindingState(title, category, status) for check, title, category, status in rows}

    def save_training(self, result: TrainingResult) -> int | None:
        """Store one finished `hygiene learn` session; its id, or None when a session that
        finished at the same moment is stored already (the same one, recorded twice)."""
        row = training_row(result)
        with self._writing() as db:
            done = db.execute(
                "INSERT OR IGNORE INTO training (finished_at, day, kind, lang, score, out_of, answers) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        return done.lastrowid if done.rowcount else None

    def training(self, since: str | None = None) -> list[TrainingSession]:
        """The `hygiene learn` sessions, oldest first, finished at or after `since` (UTC, ISO 8601)."""
        if self.version < TRAINING_SINCE:
            return []
        sql, args = "SELECT id, finished_at, day, kind, lang, score, out_of, answers FROM training", []
        if since is not None:
            sql, args = sql + " WHERE finished_at >= ?", [since]
        with self._guarded() as db:
            rows = db.execute(sql + " ORDER BY finished_at, id", args).fetchall()
        sessions = []
        for row in rows:
            session = session_of(row)
            if session is None:
                raise UserError(f"{self.path}: training session {row[0]} is damaged and cannot be read; {_LEFT}")
            sessions.append(session)
        return sessions

    def _summary(self, row: tuple) -> AuditSummary:
        """The row as the reports may trust it: a file another program wrote may hold any type
        in any column (SQLite does not enforce them), and a report would crash on it."""
        audit_id, host, source, started_at, score, grade, coverage, categories = row
        try:
            moment, scores = datetime.fromisoformat(started_at), json.loads(categories)
        except (TypeError, ValueError, RecursionError):
            raise self._damaged(audit_id) from None
        if not (
            isinstance(host, str)
            and isinstance(source, str)
            and isinstance(grade, str | None)
            and moment.tzinfo is not None
            and _score(score, 100)
            and _score(coverage, 1)
            and isinstance(scores, dict)
            and all(_score(value, 100) for value in scores.values())
        ):
            raise self._damaged(audit_id)
        return AuditSummary(audit_id, host, source, moment, score, grade, coverage, scores)

    def _damaged(self, audit_id: int) -> UserError:
        return UserError(f"{self.path}: audit {audit_id} is damaged and cannot be read; {_LEFT}")


def _score(value: object, top: int) -> bool:
    """None (not decided) or a finite number from 0 to `top`."""
    if value is None:
        return True
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= top


def _refuse_unless_sqlite(path: Path) -> bool:
    """Whether there is a file at `path`; a folder, FIFO, device or a file that is not SQLite
    (an empty one is: SQLite starts it) is a UserError, found before SQLite opens anything."""
    try:
        fd, _ = open_regular_fd(path)
    except FileNotFoundError:
        return False
    except NotRegularFile as exc:
        raise UserError(f"{path}: is {exc.kind}, not a hygiene history database; {_LEFT}") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read the history database ({exc.strerror})") from None
    try:
        head = read_at_most(fd, len(_HEADER))
    finally:
        os.close(fd)
    if head and head != _HEADER:
        raise UserError(f"{path}: is not a hygiene history database (not an SQLite file); {_LEFT}")
    return True


def _create(path: Path) -> None:
    """The folder (0700) and an empty file (0600), so that SQLite never creates either with the
    umask's looser mode. A file that appears meanwhile is left to the checks that follow."""
    folder = path.parent
    if not folder.is_dir():
        try:
            os.makedirs(folder, mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise UserError(f"{folder}: cannot create the folder for the history ({exc.strerror})") from None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(path, flags, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise UserError(f"{path}: cannot create the history database ({exc.strerror})") from None


def _make_private(path: Path) -> None:
    """A database others can read (copied under a loose umask, a backup restored) made 0600,
    with its -wal and -shm files, before an audit is written into it."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if os.stat(name).st_mode & 0o077:
                os.chmod(name, 0o600)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise UserError(
                f"{name}: others can read it and it cannot be made private ({exc.strerror}); nothing was saved"
            ) from None


def open_store(path: Path, *, create: bool, busy_seconds: float | None = None) -> Store | None:
    """The database at `path`: to write in when `create` is True (made if missing, brought to
    SCHEMA_VERSION), else only to read, as it is; None when `create` is False and there is none,
    or only an SQLite file without hygiene's tables (reading never creates them).
    `busy_seconds`: how long to wait for a lock another process holds (BUSY_SECONDS)."""
    if not _refuse_unless_sqlite(path):
        if not create:
            return None
        _create(path)
        _refuse_unless_sqlite(path)
    if create:
        _make_private(path)
    try:
        db = sqlite3.connect(
            Path(os.path.abspath(path)).as_uri() + "?mode=rw",
            uri=True,
            timeout=BUSY_SECONDS if busy_seconds is None else busy_seconds,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise _failure(path, exc) from None
    store = Store(path, db)
    try:
        with store._guarded():
            store.version = _prepare(path, db, create)
    except BaseException:
        db.close()
        raise
    if not store.version:
        db.close()
        return None
    return store


def check_saveable(path: Path) -> None:
    """What a save to `path` would refuse, found without writing anything, before work that a
    refusal would waste: a database there is read as `hygiene history` reads it, and it must be
    writable in a folder that takes new files (SQLite's journal); else the folder it would be
    made in must be one that can be made or written in."""
    from hygiene.files import blocked_folder

    if not os.path.lexists(path):
        blocked = blocked_folder(path.parent)
        if blocked is not None:
            where, why = blocked
            raise UserError(f"{where}: {why}, so the history cannot be made at {path}")
        return
    if not os.path.exists(path):
        raise UserError(f"{path}: is a symbolic link to nothing, not a hygiene history database; {_LEFT}")
    # Asked before SQLite opens it: a look at a database it may not write leaves files beside it.
    if not os.access(path, os.W_OK):
        raise UserError(f"{path}: the history database cannot be written (it is read-only); {_LEFT}")
    blocked = blocked_folder(Path(os.path.realpath(path)).parent)
    if blocked is not None:
        where, why = blocked
        raise UserError(f"{where}: {why}, so {path} cannot be written (SQLite writes its journal beside it)")
    store = open_store(path, create=False)
    if store is not None:
        store.close()


def _prepare(path: Path, db: sqlite3.Connection, write: bool) -> int:
    """The version of the history to use, 0 for none: a look at a file without one (an empty
    file, another program's database) leaves it as it is, and so does a look at an older one."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == 0 and not write:
        return 0
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{path}: was written by a newer hygiene (history schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}); upgrade hygiene to use it. {_LEFT[0].upper()}{_LEFT[1:]}"
        )
    if write and db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    # In WAL mode, NORMAL never corrupts the database; a power cut may lose the last save. FULL
    # would add an fsync to every save.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    if version < SCHEMA_VERSION and write:
        migrate(db)
        return SCHEMA_VERSION
    return version


def migrate(db: sqlite3.Connection) -> None:
    """Apply the migrations the database lacks, each with its version in one transaction;
    the version is read again once the write lock is held, since another hygiene may have
    migrated meanwhile."""
    while True:
        db.execute("BEGIN IMMEDIATE")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version >= len(MIGRATIONS):
            db.execute("COMMIT")
            return
        try:
            for statement in MIGRATIONS[version]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
