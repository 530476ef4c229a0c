"""The results history: every saved audit in one SQLite database (stdlib sqlite3), so that a
person sees the score climb and an office keeps one history of its machines.

location: where the database is; schema: its versioned tables and migrations; database:
opening it safely (0600, WAL, never a traceback, never deleted) and reading and writing rows;
records: what a result becomes in the tables; history: the pure data a history report draws;
importing: loading saved JSON results."""
