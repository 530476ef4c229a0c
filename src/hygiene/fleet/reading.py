"""Reading what a summary names, results and failure records (JSON) and history databases, into
the newest record per host.

Each file is opened as hygiene opens any file it did not write (files.open_regular_fd: a FIFO
or a device is refused unopened), bounded as an imported result is, and read once; one that
cannot be used becomes a Problem naming it, and the others are still read. A file that starts
as SQLite does is a history database: each host's newest audit is read from it. Over many
files the work is shared among worker processes, one per core: json.loads is most of it, and
it holds Python's lock."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterable, Sequence

from hygiene.fleet.newest import Newest
from hygiene.fleet.records import Order, Refused, failure_of, kind_of, result_of
from hygiene.fleet.sources import Problem, gather
from hygiene.store.importing import MAX_IMPORT_BYTES

SQLITE_HEADER = b"SQLite format 3\x00"
PARALLEL_FROM = 200  # fewer files are read in this process: starting workers would cost more
CHUNK = 250  # files a worker reads before it hands back what it kept
MAX_WORKERS = 8


def _add(doc: object, origin: str, order: Order, stem: str, into: Newest) -> None:
    if kind_of(doc) == "failure":
        into.add_failure(failure_of(doc, origin, order))  # type: ignore[arg-type]
    else:
        into.add_result(*result_of(doc, origin, order, stem))  # type: ignore[arg-type]


def _parse(raw: bytes | str) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise Refused(f"line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise Refused(f"is not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        raise Refused("is nested too deeply to be a result") from None
    except ValueError:  # e.g. a number of thousands of digits
        raise Refused("is not JSON that hygiene can read (a number too long?)") from None


def _stem(path: str) -> str:
    name = os.path.basename(path)
    return name[:-5] if name.lower().endswith(".json") else ""


def _raw(path: str) -> bytes | None:
    """The file's bytes, or None when it is a history database (read by _database)."""
    from hygiene.files import NotRegularFile, open_regular_fd, read_at_most

    try:
        fd, info = open_regular_fd(path)
    except NotRegularFile as exc:
        raise Refused(f"is {exc.kind}, not a result") from None
    except FileNotFoundError:
        raise Refused("no such file") from None
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    try:
        head = read_at_most(fd, len(SQLITE_HEADER))
        if head == SQLITE_HEADER:
            return None
        if info.st_size > MAX_IMPORT_BYTES:
            raise Refused(f"{info.st_size:,} bytes is over the {MAX_IMPORT_BYTES // 1_000_000} MB limit for a result")
        raw = head + read_at_most(fd, MAX_IMPORT_BYTES + 1 - len(head))
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_IMPORT_BYTES:  # it grew after it was measured
        raise Refused(f"is over the {MAX_IMPORT_BYTES // 1_000_000} MB limit for a result")
    return raw


def _database(path: str, index: int, into: Newest) -> None:
    """Each host's newest audit in a history database, read as a result file is."""
    from pathlib import Path

    from hygiene.errors import UserError
    from hygiene.store.database import open_store

    try:
        store = open_store(Path(path), create=False)
        if store is None:
            raise Refused("is an SQLite database without a hygiene history in it")
        try:
            rows = store.newest_results()
        finally:
            store.close()
    except UserError as exc:
        raise Refused(str(exc).removeprefix(f"{path}: ")) from None
    for audit_id, text in rows:
        origin = f"{path} (audit {audit_id})"
        try:
            doc = _parse(text)
            if kind_of(doc) != "result":
                raise Refused("is not a result")
            into.add_result(*result_of(doc, origin, (index, audit_id)))  # type: ignore[arg-type]
        except Refused as exc:
            into.problems.append(Problem(origin, str(exc), (index, audit_id)))


def read_files(jobs: Sequence[tuple[int, str]]) -> Newest:
    """Read (index, path) pairs: what each holds, or why it was left out."""
    into = Newest()
    for index, path in jobs:
        try:
            raw = _raw(path)
            if raw is None:
                _database(path, index, into)
            else:
                _add(_parse(raw), path, (index, 0), _stem(path), into)
        except Refused as exc:
            into.problems.append(Problem(path, str(exc), (index, 0)))
    return into


def _workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C to the command (which ends the pool) and ends at once when told."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def read_all(files: Sequence[str], workers: int | None = None) -> Newest:
    """Every file read, over `workers` processes (default: one per core) when there are many."""
    jobs = list(enumerate(files))
    workers = _workers() if workers is None else workers
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        return read_files(jobs)
    import gc
    import multiprocessing

    # fork where it is safe and cheap; macOS and Windows start fresh interpreters
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    newest = Newest()
    gc.freeze()  # a forked worker's collector then leaves this process's objects (and their pages) alone
    try:
        with context.Pool(workers, initializer=_quiet_worker) as pool:
            for part in pool.imap_unordered(read_files, [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]):
                newest.merge(part)
    finally:
        gc.unfreeze()
    return newest


def collect(paths: Iterable[str]) -> Newest:
    """Every file the paths name, read (fleet.sources); the paths left out among its problems."""
    files, left_out = gather(paths)
    newest = read_all(files)
    newest.problems += left_out
    return newest
