"""`hygiene history`: the score over time and what changed; `hygiene history import`: add
saved results, so that one history holds many machines."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from hygiene.cli.common import EXIT_BAD_INPUT, error, hint, say, terminal_width, user_errors
from hygiene.cli.options import TABLE, DbOpt, KeepOpt, ProfileOpt, format_option

app = typer.Typer(
    help=(
        "Your score over time, overall and per category, and what changed since the previous audit "
        "(newly failing, fixed, newly unknown). Audits are stored by `hygiene audit --save` "
        "(or `save = true` under [history] in your profile) and by `hygiene history import`. "
        "Finished `hygiene learn` sessions are listed too, unless --host asks for one machine."
    ),
    rich_markup_mode="markdown",
    subcommand_metavar="[import RESULT.json...]",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text[:40]!r} is not a date such as 2026-03-14") from None


@app.callback(invoke_without_command=True)
def history(
    ctx: typer.Context,
    fmt: format_option("history") = None,
    host: Annotated[
        Optional[str], typer.Option("--host", help="Only this host (its name as the audits give it).")
    ] = None,
    since: Annotated[
        Optional[date],
        typer.Option(
            "--since", parser=_day, metavar="YYYY-MM-DD", help="Only audits started on or after this day (UTC)."
        ),
    ] = None,
    diff: Annotated[
        Optional[tuple[str, str]],
        typer.Option(
            "--diff",
            metavar="A B",
            help="Compare two audits instead: each an id (`-f json` lists them), `latest` or `previous`.",
        ),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Show the history. `hygiene history import RESULT.json...` adds saved results to it."""
    if ctx.invoked_subcommand is not None:
        if fmt is not None or host is not None or since is not None or diff is not None:
            raise typer.BadParameter("-f, --host, --since and --diff show the history; `import` takes none of them")
        ctx.obj = db
        return
    from hygiene.reporters.history import RENDERERS, can_show_blocks
    from hygiene.store.database import open_store
    from hygiene.store.history import History
    from hygiene.store.location import store_path
    from hygiene.store.views import load_comparison, load_history

    width, blocks = min(terminal_width(), 140), can_show_blocks(sys.stdout, os.environ.get("TERM"))
    shown, compared = RENDERERS[(fmt or TABLE).value]
    with user_errors():
        path = store_path(db)
        store = open_store(path, create=False)
        if store is None:
            if diff is not None:
                raise_no_history(path)
            hint(f"no history at {path} yet")
            text = shown(History((), since), width, blocks)
        else:
            try:
                if diff is not None:
                    text = compared(load_comparison(store, *diff, host), width, blocks)
                else:
                    text = shown(load_history(store, host, since), width, blocks)
            finally:
                store.close()
    say(text, nl=False)


def raise_no_history(path: Path) -> None:
    from hygiene.errors import UserError

    raise UserError(f"{path}: no history yet; save an audit with `hygiene audit --save`")


@app.command("import")
def import_results(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(metavar="RESULT.json...", help="Results saved by `hygiene audit -f json -o FILE`."),
    ],
    db: DbOpt = None,
    keep: KeepOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """Add saved JSON results to the history, e.g. every office machine's. Each file is checked
    as `hygiene report` checks one; a bad one is named and skipped while the rest are added, and
    the command then exits 2. A result stored already (same host, same start time) is not added twice."""
    from hygiene.profile import load_profile
    from hygiene.registry import BY_ID
    from hygiene.store.database import open_store
    from hygiene.store.importing import import_results as add
    from hygiene.store.location import store_path
    from hygiene.store.records import DEFAULT_KEEP
    from hygiene.words import count

    with user_errors():
        if keep is None:
            keep = load_profile(profile, known_checks=frozenset(BY_ID)).keep or DEFAULT_KEEP
        path = store_path(db if db is not None else ctx.obj)
        store = open_store(path, create=True)
        try:
            done = add(store, files, keep)
        finally:
            store.close()
    for reason in done.refused:
        error(f"{reason}; not imported")
    notes = []
    if done.duplicates:
        notes.append(f"{count(len(done.duplicates), 'was', 'were')} stored already")
    if done.too_old:
        notes.append(f"{count(len(done.too_old), 'was', 'were')} older than the {count(keep, 'audit')} kept per host")
    again = f" ({'; '.join(notes)})" if notes else ""
    say(f"Imported {len(done.stored)} of {count(len(files), 'result')} into {path}{again}.")
    if done.refused:
        raise typer.Exit(EXIT_BAD_INPUT)
