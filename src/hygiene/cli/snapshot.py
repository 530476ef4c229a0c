"""`hygiene snapshot`: record this machine's answers for an offline audit elsewhere."""

from pathlib import Path
from typing import Annotated

import typer

from hygiene.cli.common import check_output, emit, hint, show_progress, user_errors
from hygiene.cli.options import ForceOpt, NoProgressOpt, ProfileOpt, TimeoutOpt, output_path


def snapshot(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", parser=output_path, help="The snapshot file to write (mode 0600); - for stdout."
        ),
    ],
    redact: Annotated[
        bool, typer.Option("--redact", help="Replace the user and host names everywhere in the file.")
    ] = False,
    force: ForceOpt = False,
    profile: ProfileOpt = None,
    timeout: TimeoutOpt = 20.0,
    no_progress: NoProgressOpt = False,
) -> None:
    """Record what every check asks this machine, and its answers, as one JSON file.

    Replay it anywhere with `hygiene audit --snapshot FILE`. The file describes this machine's
    weaknesses: keep it private, and use --redact before sharing it. The profile is found as
    for `audit`; backups it declares are examined now and recorded with the snapshot, so the
    replay needs no profile for them.
    """
    from hygiene.inert import json_text
    from hygiene.profile import load_profile
    from hygiene.registry import BY_ID, CHECKS
    from hygiene.reporters.progress import check_progress
    from hygiene.snapshot import record
    from hygiene.snapshot import redact as redact_names
    from hygiene.system.local import LocalSystem

    check_output(output, force)
    with user_errors():
        policy = load_profile(profile, notify=hint, known_checks=frozenset(BY_ID))
        with check_progress(len(CHECKS), show_progress(no_progress), "Recording") as on_done:
            doc = record(LocalSystem(timeout=timeout, profile=policy), CHECKS, on_done)
        if redact:
            doc = redact_names(doc)
        emit(json_text(doc, indent=1), output, force)
