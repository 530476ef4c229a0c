"""A progress bar on stderr while checks run, so stdout carries only the report."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hygiene.engine import OnDone
from hygiene.model import CheckMeta, Finding


@contextmanager
def check_progress(total: int, enabled: bool, what: str = "Checking") -> Iterator[OnDone | None]:
    if not enabled or total == 0:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from hygiene.reporters.console import make_console

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task(what, total=total)

        def done(meta: CheckMeta, finding: Finding) -> None:  # called from worker threads
            progress.update(task, advance=1, description=f"{what} · {meta.id} {finding.status.value}")

        yield done
