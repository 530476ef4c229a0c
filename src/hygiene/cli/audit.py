"""`hygiene audit`: run the checks, score them, print the report, choose the exit code."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from hygiene.cli import complete
from hygiene.cli.common import (
    EXIT_BELOW_POLICY,
    check_output,
    emit,
    hint,
    hint_for_files,
    say,
    show_progress,
    stdout_style,
    user_errors,
)
from hygiene.cli.options import (
    DbOpt,
    ForceOpt,
    KeepOpt,
    NoProgressOpt,
    OutputOpt,
    ProfileOpt,
    TimeoutOpt,
    chosen_format,
    fail_under_option,
    format_option,
)

if TYPE_CHECKING:
    from hygiene.model import AuditResult
    from hygiene.store.database import Store


def audit(
    fmt: format_option("audit", output=True) = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_under: fail_under_option("Exit 1 when the overall score is below N (or n/a).") = None,
    category: Annotated[
        Optional[list[str]],
        typer.Option(
            "--category", help="Only these categories (repeat, or comma-separated).", autocompletion=complete.categories
        ),
    ] = None,
    only: Annotated[
        Optional[list[str]],
        typer.Option("--only", help="Only these check ids, e.g. ENC-001,UPD-003.", autocompletion=complete.check_ids),
    ] = None,
    skip: Annotated[
        Optional[list[str]],
        typer.Option("--skip", help="Leave out these check ids.", autocompletion=complete.check_ids),
    ] = None,
    snapshot: Annotated[
        Optional[Path], typer.Option("--snapshot", help="Audit a recorded machine (from `hygiene snapshot`), offline.")
    ] = None,
    timeout: TimeoutOpt = 20.0,
    no_progress: NoProgressOpt = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help=(
                "Print nothing: no report (an --output file is still written), no notes, no reminders; "
                "only the exit code speaks. Errors that exit 2 or 3 are still printed."
            ),
        ),
    ] = False,
    profile: ProfileOpt = None,
    demo: Annotated[
        Optional[str],
        typer.Option(
            "--demo", help="Audit a shipped demo machine (see `hygiene demo list`).", autocompletion=complete.demos
        ),
    ] = None,
    vault: Annotated[
        Optional[Path],
        typer.Option("--vault", help="A password-manager export to judge for PWD-006 (read, never stored)."),
    ] = None,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help=(
                "Replace the host name and people's names (yours, other accounts', owners of home folders) "
                "in the results, as `snapshot --redact` does. Names every machine has (root, Administrator, "
                "localhost) identify no one and are kept."
            ),
        ),
    ] = False,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Store the result in your history (`hygiene history`); `save = true` under [history] in "
            "your profile does it for every audit. If it cannot be stored, exit 2 after the report.",
        ),
    ] = False,
    db: DbOpt = None,
    keep: KeepOpt = None,
) -> None:
    """Audit this machine: score 0-100 per category, every finding, and what to fix first."""
    from hygiene.engine import run_audit
    from hygiene.registry import select_checks
    from hygiene.reporters import render
    from hygiene.reporters.progress import check_progress
    from hygiene.snapshot import redacted_audit
    from hygiene.targets import audit_target

    check_output(output, force)
    with user_errors():
        checks = select_checks(category or (), only or (), skip or ())
        notify = None if quiet else hint
        target = audit_target(
            snapshot=snapshot, demo=demo, profile=profile, timeout=timeout, vault=vault, notify=notify
        )
        store = history_store(db) if save or target.profile.save else None
        try:
            with check_progress(len(checks), show_progress(no_progress or quiet)) as on_done:
                audit = redacted_audit if redact else run_audit
                result = audit(target.system, checks, source=target.source, on_done=on_done, demo=target.demo)
            if not quiet or output is not None:
                fmt = chosen_format("audit", fmt, output)
                emit(render(result, fmt, stdout_style(output is not None)), output, force, quiet=quiet)
                if not quiet:
                    hint_for_files(fmt, output)
            if store is not None:
                saved(store, result, keep or target.profile.keep, quiet)
        finally:
            if store is not None:
                store.close()
    if vault is not None and not quiet:
        say(f"Reminder: {vault} is a plaintext copy of every password; delete it when you are done.", err=True)
    fail_under = fail_under if fail_under is not None else target.profile.fail_under
    if fail_under is not None:
        score = result.overall.score
        if score is None or score < fail_under:
            shown = "n/a (no check could be decided)" if score is None else str(score)
            if not quiet:
                say(f"hygiene: score {shown} is below --fail-under {fail_under}", err=True)
            raise typer.Exit(EXIT_BELOW_POLICY)


def history_store(db: Path | None) -> "Store":
    """The history, opened before the audit runs: a damaged or locked database exits 2 at once
    rather than after the work."""
    from hygiene.store.database import open_store
    from hygiene.store.location import store_path

    return open_store(store_path(db), create=True)


def saved(store: "Store", result: "AuditResult", keep: int | None, quiet: bool) -> None:
    """Store the result once the report is out: a failure then exits 2 (user_errors), so that a
    script learns its history has a gap; the report itself was already printed or written."""
    from hygiene.store.importing import save_result
    from hygiene.store.records import DEFAULT_KEEP

    audit_id = save_result(store, result, keep or DEFAULT_KEEP)
    if not quiet:
        hint(f"saved as audit {audit_id} in {store.path}" if audit_id else f"already in {store.path}")
