"""Shared timing helper for the benchmarks: interleaved runs, medians, one ratio."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable, Sequence


def wall(argv: Sequence[str], stdin: bytes = b"") -> float:
    start = time.perf_counter()
    subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def compare(label: str, candidate: Sequence[str], baseline: Sequence[str], runs: int, stdin: bytes = b"") -> float:
    """Run both in turn (so machine noise hits both alike) and print medians and the ratio;
    `stdin` is what the candidate reads."""
    wall(candidate, stdin), wall(baseline)  # warm the page cache and .pyc files
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(wall(candidate, stdin))
        theirs.append(wall(baseline))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{label:<28} hygiene {a * 1000:7.1f} ms   baseline {b * 1000:7.1f} ms   ratio {a / b:.2f}")
    return a / b


def median_ms(work: Callable[[], object], runs: int) -> float:
    """The median time of `work` in this process, in ms, after one warm-up call (imports,
    template compilation, caches)."""
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
