"""What every command shares: error handling, where output goes, and how it looks."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from hygiene.errors import UserError

EXIT_OK, EXIT_BELOW_POLICY, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str) -> typer.Exit:
    """Say what is wrong on stderr and give the exit to raise (bad usage or input: 2)."""
    typer.echo(f"hygiene: error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's UserError into a one-line message and exit 2, never a traceback."""
    try:
        yield
    except UserError as exc:
        raise fail(str(exc)) from None


def stdout_style(to_file: bool):  # -> reporters.Style, imported lazily
    from hygiene.reporters import Style

    if to_file:
        return Style(color=False, width=100)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return Style(color=color, width=min(shutil.get_terminal_size((100, 24)).columns, 140))


def emit(text: str, output: Path | None, force: bool) -> None:
    """The report to stdout, or privately to a file (0600, atomic, no clobber without --force)."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from hygiene.output import write_private

    write_private(output, text, force=force)
    typer.echo(f"hygiene: wrote {output}", err=True)


def show_progress(no_progress: bool) -> bool:
    return not no_progress and sys.stderr.isatty()
