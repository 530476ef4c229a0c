"""Time `hygiene history` over 10,000 stored audits against reading the same rows with a bare
SELECT in the same run, and print the ratio; time filling the store too. Target: well under a
second for the table and the JSON.

Two shapes: 20 hosts of 500 audits each (the default retention: a small office's history,
full) and one host of 10,000 (--keep 10000: one long sparkline, averaged into the width).
Results are generated from the shared test result with statuses changed at random, so that
every audit differs from the one before. In-process figures time opening the store, reading
and rendering; the command-line figures are whole `hygiene history` processes against a
Python process that runs the bare SELECT.

    python benchmarks/history.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from _timing import compare, median_ms  # noqa: E402
from tests.store.results import result_doc  # noqa: E402

from hygiene.reporters.history import history_json, history_table  # noqa: E402
from hygiene.store.database import open_store  # noqa: E402
from hygiene.store.records import record_of  # noqa: E402
from hygiene.store.views import load_history  # noqa: E402

STATUSES = ("PASS", "PASS", "PASS", "WARN", "FAIL", "UNKNOWN")
SELECT = (
    "SELECT id, host, source, started_at, score, grade, coverage, categories FROM audits ORDER BY host, started_at, id"
)


def fill(path: Path, hosts: int, per_host: int) -> tuple[float, int]:
    """Seconds spent saving (each audit its own transaction, as `audit --save` does) and the count."""
    rng = random.Random(15)  # noqa: S311 - reproducible test data
    base = json.dumps(result_doc())
    start = datetime(2020, 1, 1, tzinfo=UTC)
    store = open_store(path, create=True)
    spent, n = 0.0, 0
    try:
        for h in range(hosts):
            for i in range(per_host):
                doc = json.loads(base)
                doc["host"]["hostname"] = f"pc-{h:02d}"
                doc["started_at"] = (start + timedelta(hours=6 * i)).isoformat()
                doc["score"]["overall"] = rng.randint(20, 100)
                for cat in doc["score"]["categories"].values():
                    cat["score"] = rng.randint(0, 100)
                for f in doc["findings"]:
                    f["status"] = rng.choice(STATUSES)
                record = record_of(doc, "generated")
                t = time.perf_counter()
                store.save(record, keep=per_host)
                spent += time.perf_counter() - t
                n += 1
    finally:
        store.close()
    return spent, n


def in_process(path: Path, runs: int) -> None:
    def bare() -> None:
        with sqlite3.connect(path) as db:
            db.execute(SELECT).fetchall()

    def rendered(render):
        def work() -> None:
            store = open_store(path, create=False)
            try:
                render(load_history(store, None, None), 80, True)
            finally:
                store.close()

        return work

    baseline = median_ms(bare, runs)
    for label, render in (("table", history_table), ("json", history_json)):
        ours = median_ms(rendered(render), runs)
        print(f"  in process, {label:<5}  hygiene {ours:7.1f} ms   bare SELECT {baseline:7.1f} ms", end="")
        print(f"   ratio {ours / baseline:.2f}")


def command_line(path: Path, runs: int) -> None:
    env_python = [sys.executable]
    os.environ["PYTHONPATH"] = str(ROOT / "src")
    os.environ["HYGIENE_HISTORY"] = str(path)
    select = f"import sqlite3; sqlite3.connect({str(path)!r}).execute({SELECT!r}).fetchall()"
    for fmt in ("table", "json"):
        compare(f"  hygiene history -f {fmt}", [*env_python, "-m", "hygiene", "history", "-f", fmt],
                [*env_python, "-c", select], runs)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        for hosts, per_host in ((20, 500), (1, 10_000)):
            path = Path(tmp) / f"history-{hosts}.sqlite3"
            spent, n = fill(path, hosts, per_host)
            size = path.stat().st_size / 1e6
            print(f"{n:,} audits, {hosts} host(s) x {per_host:,}: saved in {spent:.1f} s "
                  f"({spent / n * 1000:.2f} ms each), {size:.0f} MB")  # fmt: skip
            in_process(path, runs)
            command_line(path, runs)


if __name__ == "__main__":
    main()
