"""Time `hygiene password audit` where reuse is worst, thousands of entries sharing one password,
against reading the same export alone in the same run; print the ratio, the worst case and each
run's peak memory. Target: 10,000 identical entries in under 5 s with modest memory (each entry
used to list every other one: 5,000 took 15 s and 2.5 GB, 10,000 took 71 s and 10 GB).

Cases: 5,000 and 10,000 entries sharing one password; 10,000 distinct passwords (human and
generated ones as in vault_audit.py, all distinct: there scoring each password, not reuse, is
the cost, so this case runs once); and a CSV and a Bitwarden JSON export
just under the size limit, sharing one password (memory against file size, in the worst shape:
every entry is a problem listed in the JSON report). Each run is a fresh `hygiene` process
writing JSON to /dev/null; memory is its peak resident set (os.wait4), which counts the
interpreter and zxcvbn's word lists (about 60 MB).

    python benchmarks/reuse.py [--runs 3] [--skip-limit]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vault_audit import generated, human

from hygiene.passwords.exports import MAX_EXPORT_BYTES

HEADER = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp"
SHARED = "Summer2024!"
READ_ONLY = (
    "import sys; from pathlib import Path; from hygiene.passwords.exports import read_export; "
    "read_export(Path(sys.argv[1]))"
)


def write_csv(path: Path, entries: int | None, distinct: bool, max_bytes: int = MAX_EXPORT_BYTES) -> int:
    """A Bitwarden CSV; with entries=None, as many as fit under max_bytes. Returns the count."""
    rng = random.Random(5)  # noqa: S311 - reproducible test data, not secrets
    n, seen = 0, {SHARED}
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER.split(","))
        while entries is None or n < entries:
            password = SHARED
            while distinct and password in seen:
                password = human(rng) if rng.random() < 0.4 else generated(rng)
            seen.add(password)
            row = ["Work", "", "login", f"Site {n}", "", "", "0", f"https://site{n}.example.com/login", f"user{n}"]
            out.writerow([*row, password, ""])
            n += 1
            if entries is None and n % 1000 == 0 and fh.tell() > max_bytes - 200_000:
                break
    return n


def _item(n: int) -> dict:
    login = {"fido2Credentials": [], "uris": [{"match": None, "uri": f"https://site{n}.example.com/login"}]}
    login |= {"username": f"user{n}@example.com", "password": SHARED, "totp": None}
    return {
        "passwordHistory": None,
        "revisionDate": "2025-03-14T09:26:53.589Z",
        "creationDate": "2024-11-02T17:40:11.120Z",
        "deletedDate": None,
        "id": f"3f2a1b4c-5d6e-7f80-9a1b-{n:012d}",
        "organizationId": None,
        "folderId": "0b6c1e2a-9d3f-4e5a-8b7c-6d5e4f3a2b1c",
        "type": 1,
        "reprompt": 0,
        "name": f"Site {n}",
        "notes": None,
        "favorite": False,
        "login": login,
        "collectionIds": None,
    }


def write_json(path: Path, max_bytes: int = MAX_EXPORT_BYTES) -> int:
    """A Bitwarden JSON export as Bitwarden writes it (2-space indent, every field), just under
    max_bytes, every item sharing one password. Returns the count."""

    def doc(numbers: range) -> str:
        return json.dumps({"encrypted": False, "folders": [], "items": [_item(i) for i in numbers]}, indent=2)

    per_item = (len(doc(range(100_000, 101_000))) - len(doc(range(0)))) / 1000  # the longest numbers
    n = int((max_bytes - 200_000) / per_item)
    path.write_text(doc(range(n)))
    return n


def run(argv: list[str]) -> tuple[float, int]:
    """Wall time and peak resident set (bytes) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: the vault has weak entries, a verdict, not a failure
        raise SystemExit(f"{argv} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


def measure(label: str, path: Path, runs: int) -> tuple[float, int]:
    audit = [sys.executable, "-m", "hygiene", "password", "audit", str(path), "-f", "json", "--no-progress"]
    read = [sys.executable, "-c", READ_ONLY, str(path)]
    run(audit), run(read)  # warm the page cache and .pyc files
    ours, theirs, peak = [], [], 0
    for _ in range(runs):  # in turn, so machine noise hits both alike
        t, rss = run(audit)
        ours.append(t)
        peak = max(peak, rss)
        theirs.append(run(read)[0])
    a, b = statistics.median(ours), statistics.median(theirs)
    size = path.stat().st_size
    print(
        f"{label:<44} audit {a:6.2f} s   reading alone {b:5.2f} s   ratio {a / b:5.1f}   "
        f"peak {peak / 1e6:5.0f} MB ({peak / size:4.1f} x the {size / 1e6:.1f} MB file)"
    )
    return a, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-limit", action="store_true", help="leave out the exports at the size limit")
    args = parser.parse_args()
    results: dict[str, tuple[float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, json_path = Path(tmp) / "vault.csv", Path(tmp) / "vault.json"
        for label, entries, distinct in (
            ("5,000 sharing one password", 5_000, False),
            ("10,000 sharing one password", 10_000, False),
            ("10,000 distinct passwords", 10_000, True),
        ):
            write_csv(csv_path, entries, distinct)
            results[label] = measure(label, csv_path, 1 if distinct else args.runs)
        if not args.skip_limit:
            limit = f"{MAX_EXPORT_BYTES // 1_000_000} MB"
            label = f"{write_csv(csv_path, None, False):,} entries, CSV under {limit}"
            results[label] = measure(label, csv_path, 1)
            label = f"{write_json(json_path):,} entries, Bitwarden JSON under {limit}"
            results[label] = measure(label, json_path, 1)
    worst = max(results, key=lambda k: results[k][0])
    peak = max(p for _, p in results.values())
    print(f"worst case: {worst}, {results[worst][0]:.2f} s; highest peak {peak / 1e6:.0f} MB")
    t = results["10,000 sharing one password"][0]
    print(f"target < 5 s for 10,000 entries sharing one password: {'met' if t < 5 else 'NOT met'} ({t:.2f} s)")


if __name__ == "__main__":
    main()
