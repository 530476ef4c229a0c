"""`hygiene checks` and `hygiene explain`: what is checked, why, and how to fix it."""

from typing import Annotated

import typer

from hygiene.cli import complete
from hygiene.cli.common import emit, stdout_style, user_errors
from hygiene.cli.options import format_option
from hygiene.reporters import OutputFormat


def checks(fmt: format_option("checks") = OutputFormat.TABLE) -> None:
    """List every check: id, category, severity, platforms and references."""
    from hygiene.registry import CHECKS
    from hygiene.reporters.catalogue import render_catalogue

    metas = sorted((c.meta for c in CHECKS), key=lambda m: m.id)
    emit(render_catalogue(metas, fmt, stdout_style(False)), None, False)


def explain(
    check_id: Annotated[
        str, typer.Argument(metavar="ID", help="A check id, e.g. ENC-001.", autocompletion=complete.check_ids)
    ],
) -> None:
    """Why one check matters, how to fix it on each platform, and its references."""
    from hygiene.registry import find_check
    from hygiene.reporters.catalogue import render_explain

    with user_errors():
        meta = find_check(check_id).meta
    emit(render_explain(meta, stdout_style(False)), None, False)
