"""Progress bars on stderr while slow work runs, so that stdout carries only the report. The
command decides whether to show one (a terminal, and no --no-progress)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress

    from hygiene.engine import OnDone
    from hygiene.model import CheckMeta, Finding


@contextmanager
def _bar() -> Iterator[Progress]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from hygiene.reporters.console import make_console

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=make_console(stderr=True), transient=True) as bar:
        yield bar


@contextmanager
def check_progress(total: int, enabled: bool, what: str = "Checking") -> Iterator[OnDone | None]:
    """One step per check, named with its status as it finishes."""
    if not enabled or total == 0:
        yield None
        return
    with _bar() as bar:
        task = bar.add_task(what, total=total)

        def done(meta: CheckMeta, finding: Finding) -> None:  # called from worker threads
            bar.update(task, advance=1, description=f"{what} · {meta.id} {finding.status.value}")

        yield done


@contextmanager
def vault_progress(entries: int, enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """Over a vault audit's slow work: scoring each distinct password, then looking each up in
    breaches. Small exports finish before a bar would be read."""
    if not enabled or entries < 50:
        yield None
        return
    with _bar() as bar:
        task = bar.add_task("Comparing passwords", total=None)

        def update(what: str, done: int, total: int) -> None:
            bar.update(task, description=what, completed=done, total=total)

        yield update
