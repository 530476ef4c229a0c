"""The options several commands share, defined once so that they read and behave the same everywhere."""

import math
from pathlib import Path
from typing import Annotated, Optional

import typer

from hygiene.reporters import OutputFormat

FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.", case_sensitive=False)]
OutputOpt = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="Write the report to this file (mode 0600) instead of stdout.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")]
NoProgressOpt = Annotated[bool, typer.Option("--no-progress", help="No progress display on stderr.")]


def _seconds(value: float) -> float:
    """nan passes a range check (every comparison with it is false) and would turn timeouts off."""
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of seconds")
    return value


TimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", min=0.1, max=3600, callback=_seconds, help="Seconds each probed command may take."),
]
ProfileOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--profile",
        help=(
            "Your policy and statements (hygiene.toml). "
            "Default: $HYGIENE_PROFILE, then your config folder; ./hygiene.toml only when named here."
        ),
    ),
]
