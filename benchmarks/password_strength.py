"""Worst-case cost of scoring one password, bounded (hygiene) against unbounded zxcvbn.

Hostile inputs are strings of l33t characters, whose substitution tables make zxcvbn's cost
explode. Target: no single password over 100 ms with the bound.

    python benchmarks/password_strength.py
"""

from __future__ import annotations

import random
import time

from zxcvbn import zxcvbn

from hygiene.passwords.strength import _l33t_chars, estimate


def hostile(count: int = 40, seed: int = 7) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test inputs, not secrets
    l33t = "".join(sorted(_l33t_chars()))
    letters = "aeilostbgz"
    out = []
    for _ in range(count):
        n = rng.choice((20, 32, 48, 72))
        out.append("".join(rng.choice(l33t) for _ in range(n)))
        out.append("".join(rng.choice(l33t + letters) for _ in range(n)))
    return out


def worst(fn, inputs: list[str]) -> tuple[float, float]:
    times = []
    for s in inputs:
        start = time.perf_counter()
        fn(s)
        times.append((time.perf_counter() - start) * 1000)
    return max(times), sum(times) / len(times)


def main() -> None:
    inputs = hostile()
    estimate("warm-up"), zxcvbn("warm-up")
    ours_worst, ours_mean = worst(estimate, inputs)
    theirs_worst, theirs_mean = worst(lambda s: zxcvbn(s[:72]), inputs)
    print(f"{len(inputs)} hostile passwords")
    print(f"hygiene (bounded)   worst {ours_worst:7.1f} ms   mean {ours_mean:6.1f} ms")
    print(f"zxcvbn (unbounded)  worst {theirs_worst:7.1f} ms   mean {theirs_mean:6.1f} ms")
    met = "met" if ours_worst <= 100 else "NOT met"
    print(f"ratio of worst cases {ours_worst / theirs_worst:.3f}; target worst <= 100 ms: {met}")


if __name__ == "__main__":
    main()
