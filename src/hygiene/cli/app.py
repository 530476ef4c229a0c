"""The `hygiene` app: registers the commands; each command module imports its work lazily
so that `hygiene --help` costs about what an empty Typer app costs."""

from typing import Annotated, Optional

import typer

from hygiene import __version__
from hygiene.cli import audit, backup, catalogue, demo, init, mfa, password, profile, report, snapshot

app = typer.Typer(
    name="hygiene",
    help=(
        "Audit your security habits (passwords, MFA, updates, encryption, backups, awareness) "
        "and get a score with the best fixes first. Read-only and offline."
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hygiene {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool], typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """Exit codes: 0 done; 1 score below --fail-under; 2 bad usage or bad input."""


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


def main() -> None:
    app(prog_name="hygiene")
