"""How much `hygiene --version` and `hygiene --help` cost over an empty Typer app.

Heavy libraries must load only inside the commands that use them, so start-up should cost
about what Typer itself costs. Target: ratio <= 1.3 for both.

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import sys

from _timing import compare

HYGIENE = "import sys; sys.argv[0] = 'hygiene'; from hygiene.cli.app import main; main()"
# The same Typer, an app of the same shape (a --version option and one command), nothing else.
EMPTY_TYPER = """
import sys, typer
app = typer.Typer(no_args_is_help=True, add_completion=False)
def _version(value: bool):
    if value:
        print("empty 0"); raise typer.Exit()
@app.callback()
def root(version: bool = typer.Option(None, "--version", callback=_version, is_eager=True)): pass
@app.command()
def audit(): pass
sys.argv[0] = "empty"; app()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    worst = 0.0
    for flag in ("--version", "--help"):
        ratio = compare(
            f"hygiene {flag}", [sys.executable, "-c", HYGIENE, flag], [sys.executable, "-c", EMPTY_TYPER, flag], runs
        )
        worst = max(worst, ratio)
    print(f"target ratio <= 1.3: {'met' if worst <= 1.3 else 'NOT met'} (worst {worst:.2f})")


if __name__ == "__main__":
    main()
