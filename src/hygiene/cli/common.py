"""What every command shares: error handling, where output goes, and how it looks.

Everything a command prints goes out through emit() or say(): text from outside (exports,
profiles, snapshots, command output, file names) reaches the terminal inert (hygiene.inert).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from hygiene.errors import UserError

if TYPE_CHECKING:
    from hygiene.reporters import OutputFormat, Style

EXIT_BELOW_POLICY, EXIT_BAD_INPUT, EXIT_CRASH, EXIT_INTERRUPTED = 1, 2, 3, 130


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's UserError into a one-line message and exit 2, never a traceback."""
    try:
        yield
    except UserError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except EOFError:  # a question was asked and standard input had ended
        error("standard input ended before an answer was given")
        raise typer.Exit(EXIT_BAD_INPUT) from None


def error(message: str) -> None:
    """`hygiene: error: ...` on stderr; at a terminal, wrapped at its width between words (the
    terminal itself would break a long one mid-word), each `command` kept whole, and each line
    of the message (a profile's mistakes, one a line) going on two columns in."""
    text = f"hygiene: error: {message}"
    if sys.stderr.isatty():
        from hygiene.inert import inert
        from hygiene.reporters.wrap import line_ranges

        room = terminal_width() - 2  # inert first: an escape code takes no width
        lines = inert(text).split("\n")
        text = "\n".join("\n  ".join(line[s:e] for s, e in line_ranges(line, room)) for line in lines)
    say(text, err=True)


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """A message or a line of output; any text from outside in it is shown inert."""
    from hygiene.inert import Inert, inert

    typer.echo(text if isinstance(text, Inert) else inert(text), err=err, nl=nl)


def hint(message: str) -> None:
    """A one-line note on stderr that is neither an error nor part of the report."""
    say(f"hygiene: {message}", err=True)


def stdout_style(to_file: bool) -> Style:
    """A file is plain and 100 columns wide; the terminal gets its own width, and colour as
    reporters.console decides (--color/--no-color, NO_COLOR, TERM=dumb, a terminal or not)."""
    from hygiene.data.regions import locale_region
    from hygiene.reporters import Style

    guess = locale_region(os.environ)
    if to_file:
        return Style(color=False, width=100, region_guess=guess)
    return Style(color=None, width=min(terminal_width(), 140), region_guess=guess)


def terminal_width() -> int:
    """COLUMNS, else the width of the terminal standard output is on, else that of the terminal
    standard error is on: `hygiene audit | less` is read there. Else 100."""
    columns = shutil.get_terminal_size((0, 0)).columns
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.stderr.fileno()).columns if sys.stderr.isatty() else 0
        except (AttributeError, OSError, ValueError):  # no real stream (a test runner's), or no size
            columns = 0
    return columns if columns > 0 else 100


def to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def check_output(output: Path | None, force: bool) -> None:
    """Every command with --output calls this first: a path that cannot be written (a missing
    folder, a folder, a FIFO or device, a link, an existing file without --force, no permission)
    exits 2 at once, naming it, instead of after the work (hygiene.files.check_output)."""
    if to_stdout(output):
        return
    from hygiene.files import check_output as check

    with user_errors():
        check(output, force=force)


def emit(text: str, output: Path | None, force: bool, *, quiet: bool = False) -> None:
    """The report to stdout, or privately to a file (0600, atomic, no clobber without --force),
    said on stderr unless `quiet`. Text that is not already inert (a Rich console's output,
    json_text) is made so."""
    from hygiene.inert import Inert, inert

    text = text if isinstance(text, Inert) else inert(text)
    if to_stdout(output):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from hygiene.files import write_private

    write_private(output, text, force=force)
    if not quiet:
        say(f"hygiene: wrote {output}", err=True)


def hint_for_files(fmt: OutputFormat, output: Path | None) -> None:
    """After an HTML, JUnit or CSV report went to an interactive terminal, say how to keep it
    as a file. It is printed all the same, as JSON is: through a pipe or `>` nothing is said."""
    from hygiene.cli.options import FOR_FILES, suffixes_of

    if fmt in FOR_FILES and to_stdout(output) and sys.stdout.isatty():
        hint(f"{fmt.value} is made for a file: add -o report{suffixes_of(fmt)[0]} to write one (mode 0600)")


def show_progress(no_progress: bool) -> bool:
    return not no_progress and sys.stderr.isatty()
