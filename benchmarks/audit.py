"""Wall time of a full `hygiene audit` on this machine, against the bare cost of its probes.

The baseline runs exactly the commands the audit asks (found by recording a snapshot), one
after another, from a fresh Python: what a careful shell script would cost. The ratio shows
what the engine, parsing, scoring and reporting add, minus what running probes
concurrently saves. Target: the audit takes <= 2 s on the development machine.

    python benchmarks/audit.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import sys

from _timing import compare

from hygiene.registry import CHECKS
from hygiene.snapshot import record
from hygiene.system.local import LocalSystem

PROBES = """
import json, subprocess, sys
for argv in json.loads(sys.argv[1]):
    try:
        env = {"LANG": "C", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"}
        subprocess.run(argv, capture_output=True, timeout=20, env=env)
    except (OSError, subprocess.TimeoutExpired):
        pass
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    commands = [c["argv"] for c in record(LocalSystem(), CHECKS)["commands"]]
    print(f"{len(CHECKS)} checks asking {len(commands)} commands: {', '.join(' '.join(a) for a in commands)}")
    audit = [sys.executable, "-m", "hygiene", "audit", "-f", "json", "--no-progress"]
    compare("full audit (json)", audit, [sys.executable, "-c", PROBES, json.dumps(commands)], runs)
    table = [sys.executable, "-m", "hygiene", "audit", "--no-progress"]
    compare("full audit (table)", table, [sys.executable, "-c", PROBES, json.dumps(commands)], runs)


if __name__ == "__main__":
    main()
