"""`hygiene fleet summarize`: many machines' results on one page (hosts, the checks that fail,
the fleet's score), read from result files, folders of them, and history databases."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hygiene.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BELOW_POLICY,
    check_output,
    emit,
    error,
    hint,
    hint_for_files,
    say,
    stdout_style,
    user_errors,
)
from hygiene.cli.options import ForceOpt, OutputOpt, chosen_format, fail_under_option, format_option

if TYPE_CHECKING:
    from hygiene.fleet.summary import Fleet

STALE_DAYS = 7  # as a weekly schedule runs: a result older than that missed a run

app = typer.Typer(
    help=(
        "Many machines' results in one summary. Ansible (contrib/ansible) or any other way of "
        "collecting `hygiene audit -f json` results brings them to one folder or history."
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _say_shared_names(fleet: Fleet) -> None:
    """Results that name no machine, or were made with --redact, all share one name, so only the
    newest of them shows: say so rather than let the others vanish."""
    from hygiene.snapshot import REDACTED_HOST
    from hygiene.store.records import UNNAMED_HOST

    for h in fleet.hosts:
        if h.host in (REDACTED_HOST, UNNAMED_HOST):
            why = "were made with --redact" if h.host == REDACTED_HOST else "give no host name"
            hint(f"results that {why} all count as one host, {h.host!r}; summarise results that name their machines")


@app.command("summarize")
def summarize(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help="Results (`hygiene audit -f json`), failure records, folders of them (every *.json below, "
            "hidden ones left out), or a history database.",
        ),
    ],
    fmt: format_option("fleet summarize", output=True) = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_under: fail_under_option(
        "Exit 1 when any host's score is below N, or n/a, or the host has no current result."
    ) = None,
    stale_after: Annotated[
        int,
        typer.Option(
            "--stale-after",
            min=1,
            max=3650,
            metavar="DAYS",
            help=f"Mark a result older than DAYS days as stale. Default: {STALE_DAYS}.",
            show_default=False,
        ),
    ] = STALE_DAYS,
) -> None:
    """Summarise many machines' results: each host's score, grade, coverage, failing critical
    checks and the age of its result; the checks that fail, worst first, with the fix for each
    platform; and the fleet's score (the mean, and the worst host).

    Of each host (names compared ignoring case) the newest result counts, unless a newer failure
    record (written by the Ansible playbook for a host it could not reach, install or audit)
    says it could not be audited. A file that cannot be read, or is not a result, is named on
    stderr and skipped; nothing readable at all exits 2."""
    from datetime import UTC, datetime

    from hygiene.fleet.reading import collect
    from hygiene.fleet.summary import summarize as build
    from hygiene.reporters.fleet import render

    check_output(output, force)
    fleet = build(collect(str(p) for p in paths), datetime.now(UTC), stale_after)
    for problem in fleet.problems:
        hint(f"skipped {problem.path}: {problem.reason}")
    _say_shared_names(fleet)
    if not fleet.hosts:
        named = ", ".join(str(p) for p in paths[:5]) + (", ..." if len(paths) > 5 else "")
        error(f"nothing to summarize: no result or failure record could be read from {named}")
        raise typer.Exit(EXIT_BAD_INPUT)
    fmt = chosen_format("fleet summarize", fmt, output)
    with user_errors():
        emit(render(fleet, fmt, stdout_style(output is not None)), output, force)
    hint_for_files(fmt, output)
    if fail_under is not None and (below := fleet.below(fail_under)):
        from hygiene.reporters.fleet_words import host_score

        named = ", ".join(f"{h.host} ({host_score(h)})" for h in below)
        say(f"hygiene: {len(below)} of {len(fleet.hosts)} hosts below --fail-under {fail_under}: {named}", err=True)
        raise typer.Exit(EXIT_BELOW_POLICY)
