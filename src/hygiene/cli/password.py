"""`hygiene password check`: how strong is a password, judged by NIST SP 800-63B?

Passwords come from a hidden prompt or stdin, never argv or the environment, and are never
printed: results name them by their position (1, 2, ...). Only --demo shows its built-in
examples, which are nobody's secrets."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from hygiene.cli.common import EXIT_BAD_INPUT, EXIT_BELOW_POLICY, stdout_style, user_errors

app = typer.Typer(help="Check passwords locally: strength, crack times and the NIST SP 800-63B verdict.")
MAX_STDIN_BYTES = 1024 * 1024


def _read_passwords(use_stdin: bool) -> list[str]:
    if use_stdin:
        data = sys.stdin.read(MAX_STDIN_BYTES + 1)
        if len(data) > MAX_STDIN_BYTES:
            typer.echo("hygiene: error: more than 1 MiB on stdin; check passwords in smaller batches", err=True)
            raise typer.Exit(EXIT_BAD_INPUT)
        return [line.rstrip("\r") for line in data.split("\n")][: -1 if data.endswith("\n") else None]
    if not sys.stdin.isatty():
        typer.echo("hygiene: error: no terminal to ask on; pipe passwords with --stdin (one per line)", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    import getpass

    return [getpass.getpass("Password (hidden): ")]


@app.command()
def check(
    use_stdin: Annotated[bool, typer.Option("--stdin", help="Read passwords from stdin, one per line.")] = False,
    context: Annotated[
        Optional[list[str]],
        typer.Option("--context", help="A word that makes a password weaker if used (name, company, pet). Repeat."),
    ] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Score built-in examples side by side (for workshops).")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Estimate strength without showing the password. Exit 1 if any is unacceptable even with MFA."""
    from hygiene.passwords.examples import EXAMPLES
    from hygiene.passwords.report import render_checks
    from hygiene.passwords.strength import StrengthError, estimate, verdict

    if fmt not in ("table", "json"):
        typer.echo(f"hygiene: error: --format must be table or json, not {fmt!r}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    with user_errors():
        if demo:
            items = [(ex, note) for ex, note in EXAMPLES]
        else:
            items = [(p, None) for p in _read_passwords(use_stdin)]
        results = []
        for password, note in items:
            try:
                strength = estimate(password, context or ())
            except StrengthError as exc:
                typer.echo(f"hygiene: error: {exc}", err=True)
                raise typer.Exit(EXIT_BAD_INPUT) from None
            results.append((password if demo else None, note, strength, verdict(strength)))
        del items
    sys.stdout.write(render_checks(results, fmt, stdout_style(False)))
    if not demo and any(not v.with_mfa for *_, v in results):
        raise typer.Exit(EXIT_BELOW_POLICY)
