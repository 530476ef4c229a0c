"""The database's tables, versioned by `PRAGMA user_version` from the first release on.

MIGRATIONS[n - 1] takes a database from version n - 1 to n; a new release appends one and
never edits an old one, so every database ever written can be brought up to date, by a save
(a read leaves it at its version, which the hygiene that wrote it can still use). A database
of a newer version than this hygiene knows is refused, untouched: its tables may mean what
this code cannot tell."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: the first release
        """CREATE TABLE audits (
            id INTEGER PRIMARY KEY,
            host TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('local', 'snapshot', 'demo')),
            score NUMERIC,              -- a whole number, as results give it
            grade TEXT,
            coverage REAL,
            categories TEXT NOT NULL,   -- JSON: {"passwords": 50.0 or null, ...}
            started_at TEXT NOT NULL,   -- UTC, ISO 8601: sorts as text
            saved_at TEXT NOT NULL,     -- UTC, ISO 8601
            result TEXT NOT NULL,       -- the whole JSON result (result-v1), as saved
            UNIQUE (host, started_at)
        )""",
        """CREATE TABLE findings (
            audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
            check_id TEXT NOT NULL,
            title TEXT NOT NULL,
            category TEXT NOT NULL,
            severity TEXT NOT NULL,
            status TEXT NOT NULL,
            weight INTEGER NOT NULL,
            credit REAL,
            points REAL NOT NULL,
            PRIMARY KEY (audit_id, check_id)
        ) WITHOUT ROWID""",
    ),
    (  # 2: `hygiene learn` sessions, a person's (no host): question ids and right or wrong, never text typed
        """CREATE TABLE training (
            id INTEGER PRIMARY KEY,
            finished_at TEXT NOT NULL UNIQUE,  -- UTC, ISO 8601 to the microsecond: sorts as text
            day TEXT NOT NULL,                 -- the person's own date then (ISO 8601), as the profile has it
            kind TEXT NOT NULL CHECK (kind IN ('lessons', 'quiz')),
            lang TEXT NOT NULL,                -- the lesson file's language code
            score INTEGER NOT NULL CHECK (score >= 0 AND score <= out_of),
            out_of INTEGER NOT NULL CHECK (out_of >= 1),
            answers TEXT NOT NULL              -- JSON: [[question id, true or false], ...] in the order asked
        )""",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)
TRAINING_SINCE = 2  # the version that has the training table: an older history has no sessions
