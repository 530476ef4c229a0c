"""`hygiene demo list`: the shipped demo machines, for workshops."""

import typer

from hygiene.cli.common import say, stdout_style

app = typer.Typer(help="Demo machines for workshops: audit one with `hygiene audit --demo NAME`.")


@app.command("list")
def list_demos() -> None:
    """The demo machines: name, platform and what they show."""
    from hygiene.data.demos import list_demos as demos
    from hygiene.reporters.catalogue import render_demos

    say(render_demos(demos(), stdout_style(False).width), nl=False)
