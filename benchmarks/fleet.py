"""Time `hygiene fleet summarize` over 10,000 result files against a Python process that only
json.loads the same files, in the same run, and print the ratio; report the peak RSS of each.
Target: under 5 s on two cores, memory bounded by the hosts, not the files.

Results are the four demo machines' (every platform), indented as `hygiene audit -f json`
writes them (about 33 kB each), with host names, start times, scores and statuses varied.
Two shapes: 500 hosts of 20 results each (a year of fortnightly runs, or a history folder
collected by hand), and 10,000 hosts of one result each (the most the summary must hold); the
first is also summarised from a history database holding the same results.
The figures are whole processes, `-f table` and `-f json`, wall time (the median of --runs)
and, once each, the peak RSS and CPU seconds (all processes of the run); the in-process lines
show the reading alone, in this process and in worker processes.

    python benchmarks/fleet.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from _timing import compare, wall  # noqa: E402

from hygiene.data.demos import list_demos, load_demo  # noqa: E402
from hygiene.engine import run_audit  # noqa: E402
from hygiene.fleet.reading import read_all  # noqa: E402
from hygiene.fleet.sources import gather  # noqa: E402
from hygiene.inert import json_text  # noqa: E402
from hygiene.registry import CHECKS  # noqa: E402
from hygiene.results import to_document  # noqa: E402

STATUSES = ("PASS", "PASS", "PASS", "WARN", "FAIL", "UNKNOWN")
BASELINE = (
    "import json, pathlib, sys\nfor p in sorted(pathlib.Path(sys.argv[1]).rglob('*.json')): json.loads(p.read_bytes())"
)


def demo_documents() -> list[dict]:
    docs = []
    for demo in list_demos():
        system, title = load_demo(demo.name)
        docs.append(to_document(replace(run_audit(system, CHECKS, source="demo", demo=title), duration_s=0.1)))
    return docs


def generate(folder: Path, hosts: int, per_host: int) -> int:
    """hosts x per_host result files; returns their total size in bytes."""
    rng = random.Random(16)  # noqa: S311 - reproducible test data
    docs = demo_documents()
    start = datetime.now(UTC) - timedelta(days=per_host * 14)
    size = 0
    for h in range(hosts):
        base = docs[h % len(docs)]
        for i in range(per_host):
            doc = json.loads(json.dumps(base))
            doc["host"]["hostname"] = f"pc-{h:05d}"
            doc["started_at"] = (start + timedelta(days=14 * i, minutes=rng.randint(0, 600))).isoformat()
            doc["score"]["overall"] = rng.randint(20, 100)
            for f in doc["findings"]:
                f["status"] = rng.choice(STATUSES)
            text = json_text(doc)
            path = folder / f"{h % 50:02d}" / f"pc-{h:05d}-{i:03d}.json"  # folders of a few hundred files
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
    return size


def usage(argv: list[str]) -> tuple[float, float]:
    """The peak resident memory of the largest process `argv` starts (itself or a worker), in MB,
    and the CPU seconds all of them spent: figures that another program's load hardly moves."""
    probe = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
    probe += " u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_maxrss, u.ru_utime + u.ru_stime)"
    out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True)
    peak, cpu = out.stdout.split()
    return int(peak) / 1024, float(cpu)  # ru_maxrss is in KiB on Linux


def in_process(folder: Path) -> None:
    files, _ = gather([str(folder)])
    for label, workers in (("this process", 1), ("worker processes", None)):
        start = time.perf_counter()
        newest = read_all(files, workers)
        spent = time.perf_counter() - start
        kept = f"{newest.read:,} read, {len(newest.results):,} hosts kept"
        print(f"  read in {label:<16} {spent * 1000:7.0f} ms   {kept}")


def history(folder: Path) -> Path:
    """The same results in a history database (as `hygiene history import` stores them)."""
    from hygiene.store.database import open_store
    from hygiene.store.records import record_of

    path = folder / "history.sqlite3"
    store = open_store(path, create=True)
    try:
        for result in sorted(folder.rglob("*.json")):
            store.save(record_of(json.loads(result.read_bytes()), result), keep=10_000)
    finally:
        store.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    os.environ["PYTHONPATH"] = str(ROOT / "src")
    print(f"{os.cpu_count()} cores")
    for hosts, per_host in ((500, 20), (10_000, 1)):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            size = generate(folder, hosts, per_host)
            print(f"{hosts * per_host:,} results, {hosts:,} hosts x {per_host}: {size / 1e6:.0f} MB")
            in_process(folder)
            baseline = [sys.executable, "-c", BASELINE, str(folder)]
            for fmt in ("table", "json"):
                ours = [sys.executable, "-m", "hygiene", "fleet", "summarize", str(folder), "-f", fmt]
                compare(f"  fleet summarize -f {fmt}", ours, baseline, runs)
                (peak, cpu), (base_peak, base_cpu) = usage(ours), usage(baseline)
                print(f"    peak RSS {peak:.0f} MB, CPU {cpu:.1f} s; baseline {base_peak:.0f} MB, {base_cpu:.1f} s")
            if per_host > 1:  # a history holds many results of each host, and the newest are read alone
                db = history(folder)
                ours = [sys.executable, "-m", "hygiene", "fleet", "summarize", str(db), "-f", "table"]
                times = sorted(wall(ours) for _ in range(runs))
                peak, cpu = usage(ours)
                print(f"  the same {hosts * per_host:,} in a history database: fleet summarize -f table "
                      f"{times[len(times) // 2] * 1000:.0f} ms, peak RSS {peak:.0f} MB, CPU {cpu:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
