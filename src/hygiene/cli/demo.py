"""`hygiene demo list`: the shipped demo machines, for workshops."""

import typer

from hygiene.cli.common import say

app = typer.Typer(help="Demo machines for workshops: audit one with `hygiene audit --demo NAME`.")


@app.command("list")
def list_demos() -> None:
    """The demo machines: name, platform and what they show."""
    from hygiene.data.demos import list_demos as demos

    for d in demos():
        say(f"{d.name:<28} {d.platform:<8} {d.title}: {d.description}")
