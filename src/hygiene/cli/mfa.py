"""`hygiene mfa demo|inspect|accounts`: second factors, shown and checked locally."""

import sys
from typing import Annotated, Optional

import typer

from hygiene.cli import complete
from hygiene.cli.common import EXIT_BAD_INPUT, emit, say, stdout_style, user_errors
from hygiene.cli.options import ProfileOpt, format_option
from hygiene.errors import UserError
from hygiene.reporters import OutputFormat

app = typer.Typer(
    help="Second factors: a live one-time-code demo, an otpauth:// inspector, and your accounts' next steps."
)
MAX_URI_BYTES = 8 * 1024  # an otpauth:// URI is a few hundred bytes
URI_PROMPT = "Paste the otpauth:// URI and press Enter (it is read, never shown):"


@app.command()
def demo(
    issuer: Annotated[str, typer.Option("--issuer", help="The name the phone app shows.")] = "hygiene demo",
    account: Annotated[str, typer.Option("--account", help="The account label in the phone app.")] = "workshop",
    invert: Annotated[bool, typer.Option("--invert", help="Swap dark and light, if the code will not scan.")] = False,
) -> None:
    """Show a QR code to scan with any authenticator app, then check the codes people type.

    A fresh 160-bit secret is made for each run and kept only in memory; Ctrl-C ends the demo."""
    from hygiene.mfa.demo import workshop

    with user_errors():  # a terminal too narrow for the QR code is said once, exit 2
        workshop(issuer, account, invert)


def _first_line(read, limit: int) -> str:
    """Bytes up to the first newline (at most `limit` + 1 of them), as text; the rest is left unread."""
    got = b""
    while b"\n" not in got and len(got) <= limit:
        chunk = read(limit + 1 - len(got))
        if not chunk:
            break
        got += chunk
    line, newline, _ = got.partition(b"\n")
    if not newline and len(line) > limit:
        raise UserError(f"the first line is over {limit // 1024} KiB; an otpauth:// URI is far shorter")
    return line.decode("utf-8", errors="replace")


def _read_uri(limit: int) -> str:
    if sys.stdin.isatty():  # echo off before the prompt shows, and Enter ends it (as for passwords)
        import getpass

        return getpass.getpass(URI_PROMPT + " ", stream=sys.stderr)[:limit]
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return _first_line(lambda size: stream.readline(size), limit)
    return _first_line(lambda size: sys.stdin.readline(size).encode("utf-8", errors="replace"), limit)


@app.command()
def inspect(
    fmt: format_option("mfa inspect") = OutputFormat.TABLE,
) -> None:
    """Read an otpauth:// URI from stdin (never the command line) and describe it, secret hidden.

    At a terminal the URI is read with echo off and Enter ends it; from a pipe only the first
    line is read (at most 8 KiB)."""
    from hygiene.mfa.otpauth import parse_otpauth
    from hygiene.mfa.otpauth_report import render_otpauth

    with user_errors():
        text = _read_uri(MAX_URI_BYTES)
        if not text.strip():
            raise UserError("no otpauth:// URI was given (paste it, or pipe it in on the first line)")
        info = parse_otpauth(text)
    del text
    emit(render_otpauth(info, fmt, stdout_style(False)), None, False)


@app.command()
def accounts(
    profile: ProfileOpt = None,
    demo: Annotated[
        Optional[str],
        typer.Option(
            "--demo", help="Use a demo machine's profile (see `hygiene demo list`).", autocompletion=complete.demos
        ),
    ] = None,
    fmt: format_option("mfa accounts") = OutputFormat.TABLE,
) -> None:
    """Your profile's online accounts against a table of what common services offer: what is
    on, what each offers, and the next step with a link, critical accounts first.

    What is on is what your profile says ([[accounts]]); nothing is looked up online."""
    from hygiene.mfa.accounts_report import render_accounts
    from hygiene.mfa.coverage import judge_all
    from hygiene.mfa.services import service_table

    with user_errors():
        policy, where, demo_title = _accounts_profile(profile, demo)
    if not policy.accounts:
        say(
            f"hygiene: error: {where} lists no accounts; add [[accounts]] entries, e.g.\n\n"
            '[[accounts]]\nservice = "gmail"\nmethod = "app"\ncritical = true\n\n'
            "method is one of: none, sms, email, app, push, pin, passkey, security_key.",
            err=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    table = service_table()
    judged = judge_all(policy.accounts, table)
    emit(render_accounts(judged, table, fmt, stdout_style(False), demo_title), None, False)


def _accounts_profile(profile, demo):
    """The profile to read accounts from, how to name it in a message, and the demo's title."""
    from hygiene.errors import UserError
    from hygiene.profile import find_profile, read_profile
    from hygiene.registry import BY_ID

    if demo is not None:
        if profile is not None:
            raise UserError("--demo brings its own profile: use it without --profile")
        from hygiene.targets import demo_target

        target = demo_target(demo)
        return target.profile, f"the demo {target.demo!r}", target.demo
    path, why = find_profile(profile)
    if path is None:
        raise UserError(f"no profile to read accounts from: {why}; create one with `hygiene init`")
    return read_profile(path, known_checks=frozenset(BY_ID)), str(path), None
