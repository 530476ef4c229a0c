"""What `hygiene learn` costs beyond hygiene's own start: a whole quiz answered from a pipe, and
the Urdu handout page, against `hygiene --version` (the start-up every command pays).

Each run reads and checks its lesson file whole (both take about 13 ms in-process) and
validates the profile, which imports every check to know the ids a waiver may name (about 40 ms). A person
answering questions waits on nothing else. Target: ratio <= 2.5.

    python benchmarks/learn.py [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from _timing import compare, median_ms

HYGIENE = [sys.executable, "-m", "hygiene"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    from hygiene.learn.lessons import load_course

    answers = "".join(f"{q.answer}\n" for q in load_course("en").questions).encode()
    worst = 0.0
    with tempfile.TemporaryDirectory() as home:  # nothing is recorded, and no real profile is read
        os.environ.update(HYGIENE_HISTORY=os.path.join(home, "h.sqlite3"), XDG_CONFIG_HOME=home)
        os.environ.pop("HYGIENE_PROFILE", None)
        quiz = [*HYGIENE, "learn", "--quiz", "--lang", "en", "--no-record"]
        worst = max(worst, compare("learn --quiz (13 answers)", quiz, [*HYGIENE, "--version"], runs, answers))
        page = [*HYGIENE, "learn", "handout", "--lang", "ur", "-f", "html"]
        worst = max(worst, compare("learn handout (ur, html)", page, [*HYGIENE, "--version"], runs))
    loading = median_ms(lambda: (load_course("en"), load_course("ur")), runs)
    print(f"{'read and check en + ur':<28} {loading:7.1f} ms in-process")
    print(f"target ratio <= 2.5: {'met' if worst <= 2.5 else 'NOT met'} (worst {worst:.2f})")


if __name__ == "__main__":
    main()
