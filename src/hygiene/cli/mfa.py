"""`hygiene mfa demo|inspect|accounts`: second factors, shown and checked locally."""

import json
import sys
from typing import Annotated, Optional

import typer

from hygiene.cli.audit import ProfileOpt
from hygiene.cli.common import EXIT_BAD_INPUT, stdout_style, user_errors

app = typer.Typer(
    help="Second factors: a live one-time-code demo, an otpauth:// inspector, and your accounts' next steps."
)
MAX_URI_BYTES = 64 * 1024


@app.command()
def demo(
    issuer: Annotated[str, typer.Option("--issuer", help="The name the phone app shows.")] = "hygiene demo",
    account: Annotated[str, typer.Option("--account", help="The account label in the phone app.")] = "workshop",
    invert: Annotated[bool, typer.Option("--invert", help="Swap dark and light, if the code will not scan.")] = False,
) -> None:
    """Show a QR code to scan with any authenticator app, then check the codes people type.

    A fresh 160-bit secret is made for each run and kept only in memory; Ctrl-C ends the demo."""
    import time

    from rich.console import Console

    from hygiene.mfa.demo import run_demo
    from hygiene.mfa.qr import qr_matrix, render
    from hygiene.mfa.totp import new_secret, provisioning_uri

    console = Console(highlight=False)
    secret = new_secret()
    try:
        console.print(f"[bold]Scan this with an authenticator app[/bold] ({issuer}: {account}):\n")
        console.print(render(qr_matrix(provisioning_uri(secret, account, issuer)), invert=invert), end="", markup=False)
        console.print("\nThe secret exists only in this program's memory; it is gone when the demo ends.\n")
        accepted = run_demo(
            secret, ask=lambda p: console.input(p), say=lambda s: console.print(s, markup=False), clock=time.time
        )
        console.print(f"Demo ended: {accepted} code(s) accepted.")
    except (KeyboardInterrupt, EOFError):
        console.print("\nDemo ended.")
    finally:
        del secret


@app.command()
def inspect(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Read an otpauth:// URI from stdin (never the command line) and describe it, secret hidden."""
    from hygiene.mfa.otpauth import parse_otpauth

    if fmt not in ("table", "json"):
        typer.echo(f"hygiene: error: --format must be table or json, not {fmt!r}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if sys.stdin.isatty():
        typer.echo("Paste the otpauth:// URI and press Enter (it is read, never shown):", err=True)
    text = sys.stdin.read(MAX_URI_BYTES)
    with user_errors():
        info = parse_otpauth(text.strip().splitlines()[0] if text.strip() else "")
    del text
    fields = {
        "type": info.type.upper(),
        "issuer": info.issuer or "-",
        "account": info.account or "-",
        "algorithm": info.algorithm,
        "digits": info.digits,
        "period": f"{info.period} s" if info.period else "-",
        "secret": info.strength,
    }
    if fmt == "json":
        typer.echo(json.dumps({**fields, "secret_bits": info.secret_bits, "warnings": info.warnings}, indent=2))
        return
    from rich.table import Table

    from hygiene.reporters.table import console_for, strip_padding

    console, buffer = console_for(stdout_style(False))
    table = Table(show_header=False, box=None)
    for key, value in fields.items():
        table.add_row(key, str(value))
    console.print(table)
    for warning in info.warnings:
        console.print(f"Warning: {warning}.", markup=False)
    sys.stdout.write(strip_padding(buffer.getvalue()))


@app.command()
def accounts(
    profile: ProfileOpt = None,
    demo: Annotated[
        Optional[str], typer.Option("--demo", help="Use a demo machine's profile (see `hygiene demo list`).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Your profile's online accounts against a table of what common services offer: what is
    on, what each offers, and the next step with a link, critical accounts first.

    What is on is what your profile says ([[accounts]]); nothing is looked up online."""
    from hygiene.mfa.accounts_report import render_json, render_text
    from hygiene.mfa.coverage import judge_all
    from hygiene.mfa.services import service_table

    if fmt not in ("table", "json"):
        typer.echo(f"hygiene: error: --format must be table or json, not {fmt!r}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    with user_errors():
        policy, where = _accounts_profile(profile, demo)
    if not policy.accounts:
        typer.echo(
            f"hygiene: error: {where} lists no accounts; add [[accounts]] entries, e.g.\n\n"
            '[[accounts]]\nservice = "gmail"\nmethod = "app"\ncritical = true\n\n'
            "method is one of: none, sms, email, app, push, pin, passkey, security_key.",
            err=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    table = service_table()
    judged = judge_all(policy.accounts, table)
    if fmt == "json":
        sys.stdout.write(render_json(judged, table))
        return
    style = stdout_style(False)
    sys.stdout.write(render_text(judged, table, color=style.color, width=style.width))


def _accounts_profile(profile, demo):
    """The profile to read accounts from, and how to name it in a message."""
    from hygiene.errors import UserError
    from hygiene.profile import find_profile, read_profile

    if demo is not None:
        if profile is not None:
            raise UserError("--demo brings its own profile: use it without --profile")
        from hygiene.demos import load_demo

        system, title = load_demo(demo)
        return system.profile, f"the demo {title!r}"
    path, why = find_profile(profile)
    if path is None:
        raise UserError(f"no profile to read accounts from: {why}; create one with `hygiene init`")
    return read_profile(path), str(path)
