"""Wall time of a full Windows audit when starting PowerShell costs 0.7 s: the audit's one
PowerShell session against one PowerShell process per question, in the same run.

It audits the neglected Windows demo machine through LocalSystem on Linux: a fake
powershell.exe first on PATH (tests/fakes/powershell.py) waits 0.7 s at start (Windows
PowerShell 5.1 commonly takes half a second to a second to start cold) and then answers what
the demo recorded; `net` and `fsutil` are fakes too, and registry values come from a fake
winreg. By default the fake sleeps, as the issue asked; `--burn` spends the 0.7 s on the CPU
instead, which is what a real start costs, so on a machine with few cores the starts of the
per-question mode cannot all overlap. Target: the session's audit under 1.5 s.

    python benchmarks/windows_processes.py [--runs 5] [--delay 0.7] [--burn]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fakes

from tests.fakes.powershell import starts  # noqa: E402
from tests.fakes.windows_demo import DEMO, live_demo  # noqa: E402

from hygiene.engine import run_audit  # noqa: E402
from hygiene.registry import CHECKS  # noqa: E402

MODES = {"one session": True, "a process per question": False}


def audit_once(folder: Path, delay: float, burn: bool, session: bool) -> tuple[float, int, list[str]]:
    """Seconds for one audit, PowerShell starts, and the statuses found (to compare the modes)."""
    system, log = live_demo(folder, start_delay=delay, start_burns_cpu=burn, powershell_session=session)
    log.unlink(missing_ok=True)
    started = time.perf_counter()
    result = run_audit(system, CHECKS)
    wall = time.perf_counter() - started
    del system  # ends the session
    return (
        wall,
        len(starts(log)),
        [f"{f.meta.id} {f.finding.status.value}: {f.finding.summary}" for f in result.findings],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--delay", type=float, default=0.7, help="seconds a PowerShell start costs")
    parser.add_argument("--burn", action="store_true", help="spend the start on the CPU instead of sleeping")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["PATH"] = f"{folder / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
        walls: dict[str, list[float]] = {mode: [] for mode in MODES}
        counts: dict[str, int] = {}
        verdicts: dict[str, list[str]] = {}
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            for mode, session in MODES.items():
                wall, counts[mode], verdicts[mode] = audit_once(folder, args.delay, args.burn, session)
                walls[mode].append(wall)
    cost = f"{args.delay:g} s {'of CPU' if args.burn else 'asleep'}"
    print(f"{DEMO}, each PowerShell start costing {cost}, {os.cpu_count()} cores, median of {args.runs}:")
    for mode in MODES:
        median = statistics.median(walls[mode])
        print(f"  {mode:<24} {median:6.2f} s   PowerShell starts: {counts[mode]}")
    ratio = statistics.median(walls["one session"]) / statistics.median(walls["a process per question"])
    print(f"  ratio {ratio:.2f} (one session / a process per question)")
    if verdicts["one session"] != verdicts["a process per question"]:
        sys.exit("the two modes found different things: " + repr(verdicts))


if __name__ == "__main__":
    main()
