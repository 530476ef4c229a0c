"""The `hygiene` app: registers the commands; each command module imports its work lazily
so that `hygiene --help` costs about what an empty Typer app costs."""

import os
import signal
import sys
from typing import Annotated, NoReturn, Optional

import typer

from hygiene import __version__
from hygiene.cli import (
    audit,
    backup,
    catalogue,
    demo,
    fleet,
    history,
    init,
    learn,
    mfa,
    password,
    profile,
    report,
    snapshot,
)
from hygiene.cli.common import EXIT_CRASH, EXIT_INTERRUPTED, say
from hygiene.reporters.console import choose_color

_debug = False  # set by --debug: show the traceback of an internal error

app = typer.Typer(
    name="hygiene",
    help=(
        "Audit your security habits (passwords, MFA, updates, encryption, backups, awareness, "
        "device basics) and get a score with the best fixes first. Read-only and offline."
    ),
    epilog=(
        "Exit codes: 0 done; 1 below policy or a negative verdict; 2 bad usage or bad input; 3 an internal "
        "error (a bug: please report it); 130 interrupted. The README's 'Exit codes' says which verdict each "
        "command gives."
    ),
    no_args_is_help=True,
    # Markdown, not Rich markup: help paragraphs reflow to the terminal's width (Rich mode keeps
    # the docstring's line breaks after the first paragraph), and `[[accounts]]` is text, not a tag.
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        say(f"hygiene {__version__}")
        raise typer.Exit()


def _color(ctx: typer.Context, choice: bool | None) -> None:
    """--color/--no-color for every console of this run, Typer's help included: eager, so it is
    decided before a --help that follows it is drawn. Reset when the run ends."""
    choose_color(choice)
    ctx.call_on_close(lambda: choose_color(None))
    if choice is None:
        return
    import typer.rich_utils as help_console  # heavy: only when a choice was made

    before = help_console.COLOR_SYSTEM, help_console.FORCE_TERMINAL
    help_console.COLOR_SYSTEM, help_console.FORCE_TERMINAL = ("auto", True) if choice else (None, False)

    def restore() -> None:
        help_console.COLOR_SYSTEM, help_console.FORCE_TERMINAL = before

    ctx.call_on_close(restore)


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        Optional[bool], typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback if hygiene fails (for a bug report).")
    ] = False,
    color: Annotated[
        Optional[bool],
        typer.Option(
            "--color/--no-color",
            callback=_color,
            is_eager=True,
            help="Colour on or off, even through a pipe. Default: colour on a terminal, unless NO_COLOR is set "
            "or TERM is dumb.",
        ),
    ] = None,
) -> None:
    """Options for every command; the choices are this run's, reset when it ends."""
    global _debug
    _debug = debug


app.command()(audit.audit)
app.command()(catalogue.checks)
app.command()(catalogue.explain)
app.command()(snapshot.snapshot)
app.command()(report.report)
app.command()(init.init)
app.add_typer(profile.app, name="profile")
app.add_typer(demo.app, name="demo")
app.add_typer(password.app, name="password")
app.add_typer(mfa.app, name="mfa")
app.add_typer(backup.app, name="backup")
app.add_typer(history.app, name="history")
app.add_typer(fleet.app, name="fleet")
app.add_typer(learn.app, name="learn")


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_stopped_by = 0  # the signal that stopped hygiene, if one did


def _stop(signum: int, frame: object) -> None:
    """Ctrl-C, `kill` or a closed terminal: stop like Ctrl-C does (the engine ends every command
    it started), and ignore any further signal so the clean-up itself is not interrupted."""
    global _stopped_by
    _stopped_by = signum
    for other in _STOP_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    raise KeyboardInterrupt


def _interrupted() -> int:
    say("hygiene: interrupted", err=True)
    return 128 + (_stopped_by or signal.SIGINT)


def run(args: list[str] | None = None) -> int:
    """Run the app and return its exit code. A crash is never mistaken for a verdict: exit 1
    means "below policy" to scripts, so an unexpected exception exits 3 with one line."""
    global _stopped_by
    _stopped_by = 0
    previous = {s: signal.signal(s, _stop) for s in _STOP_SIGNALS}
    try:
        return _run(args)
    finally:
        if not _stopped_by:  # once stopped, signals stay ignored while the process winds down
            for s, handler in previous.items():
                signal.signal(s, handler)


def _run(args: list[str] | None) -> int:
    try:
        app(args=args, prog_name="hygiene")
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else (0 if end.code is None else EXIT_CRASH)
        return _interrupted() if code == EXIT_INTERRUPTED else code
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, not a traceback
        import traceback

        if _debug:
            say("".join(traceback.format_exception(exc)), err=True)
        say(
            f"hygiene: internal error ({type(exc).__name__} at {_where(exc)}). This is a bug in hygiene "
            f"{__version__}, not a verdict: please report it with the command you ran. `hygiene --debug ...` "
            "shows the details (they may quote your files: read them before you share them).",
            err=True,
        )
        return EXIT_CRASH
    return 0


def _where(exc: BaseException) -> str:
    """The innermost frame as module:line: enough to find the bug, and unlike the message it
    cannot quote a password or a file's content."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "an unknown place"
    last = frames[-1]
    return f"{os.path.basename(last.filename)}:{last.lineno}"


def main() -> NoReturn:
    sys.exit(run())
