"""The options several commands share, defined once so that they read and behave the same
everywhere, and the format contract: which formats each command prints, as one table."""

import math
import os
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from hygiene.cli import complete
from hygiene.reporters import OutputFormat

TABLE, JSON, MARKDOWN = OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.MARKDOWN
HTML, JUNIT, CSV = OutputFormat.HTML, OutputFormat.JUNIT, OutputFormat.CSV


# command -> the formats its -f/--format offers, its default first
FORMATS: dict[str, tuple[OutputFormat, ...]] = {
    "audit": (TABLE, JSON, MARKDOWN, HTML, JUNIT, CSV),
    "checks": (TABLE, JSON, MARKDOWN),
    "report": (TABLE, JSON, MARKDOWN, HTML, JUNIT, CSV),
    "password check": (TABLE, JSON),
    "password audit": (TABLE, JSON, MARKDOWN),
    "mfa inspect": (TABLE, JSON),
    "mfa accounts": (TABLE, JSON),
    "backup verify": (TABLE, JSON),
    "history": (TABLE, JSON, CSV, HTML),
    "fleet summarize": (TABLE, JSON, MARKDOWN, HTML, JUNIT, CSV),
    "learn handout": (TABLE, JSON, MARKDOWN, HTML),
}
# Old names still accepted, not shown: `backup verify --help` offered "text or json" before
# every command called the terminal format `table`.
ALIASES: dict[str, dict[str, OutputFormat]] = {"backup verify": {"text": TABLE}}
# Without -f, a command with -o writes the format its file name's extension names, if it offers it.
SUFFIXES: dict[str, OutputFormat] = {
    ".json": JSON,
    ".md": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xml": JUNIT,
    ".csv": CSV,
}
# Formats made for a file or another program, not for reading at a terminal: printed there all
# the same (as JSON is, so `| tee` and `>` work), with a hint on stderr to write a file instead.
FOR_FILES = (HTML, JUNIT, CSV)


def suffixes_of(fmt: OutputFormat) -> list[str]:
    """The extensions that name `fmt`, the usual one first: [".html", ".htm"]."""
    return [suffix for suffix, named in SUFFIXES.items() if named is fmt]


def chosen_format(command: str, fmt: OutputFormat | None, output: Path | None) -> OutputFormat:
    """-f when it is given; else the format -o's extension names, when `command` offers it;
    else the command's default. `hygiene audit -o report.md` writes markdown."""
    if fmt is not None:
        return fmt
    named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    return named if named in FORMATS[command] else FORMATS[command][0]


def _format_parser(command: str) -> Any:
    offered = {f.value: f for f in FORMATS[command]} | ALIASES.get(command, {})
    listed = ", ".join(repr(f.value) for f in FORMATS[command])

    def parse(value: OutputFormat | str) -> OutputFormat:
        fmt = offered.get(str(value).casefold())
        if fmt is None:
            raise typer.BadParameter(f"{value!r} is not one of {listed}.")
        return fmt

    return parse


def format_option(command: str, *, output: bool = False) -> Any:
    """The -f/--format option of `command` (a key of FORMATS): its --help lists the formats,
    and any other value is a usage error (exit 2) that names them. With `output` (the command
    has -o), leaving it out lets -o's extension choose (see chosen_format), and --help says so."""
    names = [f.value for f in FORMATS[command]]
    # Up to four formats fit the help's option column whole; a longer list would be cut mid-word.
    metavar = "<" + "|".join(names) + ">" if len(names) <= 4 else "FORMAT"
    help = "Report format." if len(names) <= 4 else f"Report format: {', '.join(names[:-1])} or {names[-1]}."
    if output:
        named = ", ".join(
            f"{fmt.value} for {' or '.join(suffixes_of(fmt))}" for fmt in FORMATS[command] if suffixes_of(fmt)
        )
        help += f" Default: {FORMATS[command][0].value}, or from --output's extension: {named}."
    return Annotated[
        Optional[OutputFormat],
        typer.Option(
            "--format",
            "-f",
            parser=_format_parser(command),
            metavar=metavar,
            help=help,
            autocompletion=complete.formats(tuple(f.value for f in FORMATS[command])),
        ),
    ]


def output_path(text: str) -> Path:
    """An -o value as a path. One ending in a slash names a folder, which Path() would drop
    silently (`-o reports/` would write a file called reports): a usage error, exit 2."""
    if text.endswith(("/", os.sep)):
        raise typer.BadParameter(f"{text!r} names a folder; give a file name in it")  # repr: inert
    return Path(text)


OutputOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        parser=output_path,
        help="Write the report to this file (mode 0600, in a folder that exists) instead of stdout.",
    ),
]


def fail_under_option(help: str) -> Any:
    """--fail-under N: a whole score from 0 to 100 (exit 1 below it); `help` says of what."""
    return Annotated[Optional[int], typer.Option("--fail-under", min=0, max=100, metavar="N", help=help)]


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

DbOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--db",
        help="The history database. Default: $HYGIENE_HISTORY, then history.sqlite3 in your user data folder.",
    ),
]


def _keep(value: int | None) -> int | None:
    from hygiene.store.records import MAX_KEEP

    if value is not None and not 1 <= value <= MAX_KEEP:
        raise typer.BadParameter(f"{value} is not from 1 to {MAX_KEEP:,}")
    return value


KeepOpt = Annotated[
    Optional[int],
    typer.Option(
        "--keep",
        callback=_keep,
        metavar="N",
        help="Keep at most N audits per host in the history, dropping the oldest. Default: the profile's "
        "[history] keep, else 500.",
    ),
]
