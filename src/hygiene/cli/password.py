"""`hygiene password check`: how strong is a password, judged by NIST SP 800-63B?

Passwords come from a hidden prompt or stdin, never argv or the environment, and are never
printed: results name them by their position (1, 2, ...). Only --demo shows its built-in
examples, which are nobody's secrets."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from hygiene.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BELOW_POLICY,
    check_output,
    emit,
    error,
    say,
    stdout_style,
    user_errors,
)
from hygiene.cli.options import ForceOpt, NoProgressOpt, OutputOpt, chosen_format, format_option
from hygiene.errors import UserError
from hygiene.reporters import OutputFormat

app = typer.Typer(help="Check passwords locally: strength, crack times and the NIST SP 800-63B verdict.")
MAX_STDIN_BYTES = 1024 * 1024


def _read_passwords(use_stdin: bool) -> list[str]:
    if use_stdin:
        data = sys.stdin.read(MAX_STDIN_BYTES + 1)
        if len(data) > MAX_STDIN_BYTES:
            say("hygiene: error: more than 1 MiB on stdin; check passwords in smaller batches", err=True)
            raise typer.Exit(EXIT_BAD_INPUT)
        if not data:  # nothing was piped: no verdict to give, rather than "the empty password is weak"
            say("hygiene: error: no password on stdin; pipe one per line", err=True)
            raise typer.Exit(EXIT_BAD_INPUT)
        return [line.rstrip("\r") for line in data.split("\n")][: -1 if data.endswith("\n") else None]
    if not sys.stdin.isatty():
        say("hygiene: error: no terminal to ask on; pipe passwords with --stdin (one per line)", err=True)
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
    fmt: format_option("password check") = OutputFormat.TABLE,
) -> None:
    """Estimate strength without showing the password. Exit 1 if any is unacceptable even with MFA."""
    from hygiene.passwords.examples import EXAMPLES
    from hygiene.passwords.report import render_checks
    from hygiene.passwords.strength import StrengthError, estimate, verdict

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
                error(str(exc))
                raise typer.Exit(EXIT_BAD_INPUT) from None
            results.append((password if demo else None, note, strength, verdict(strength)))
        del items
    emit(render_checks(results, fmt, stdout_style(False)), None, False)
    if not demo and any(not v.with_mfa for *_, v in results):
        raise typer.Exit(EXIT_BELOW_POLICY)


DELETE_HINT = {
    "linux": "shred -u FILE (or delete it and empty the Trash)",
    "macos": "move it to the Bin and empty it (Finder > Empty Bin)",
    "windows": "delete it with Shift+Delete, and empty the Recycle Bin",
}


@app.command()
def audit(
    export: Annotated[
        Path, typer.Argument(metavar="EXPORT", help="A password-manager export (CSV or unencrypted JSON).")
    ],
    source: Annotated[Optional[str], typer.Option("--source", help="The format, when the header was changed.")] = None,
    online: Annotated[
        bool, typer.Option("--online", help="Check breaches online (only 5 hex characters of a hash are sent).")
    ] = False,
    pwned_file: Annotated[
        Optional[Path], typer.Option("--pwned-file", help="Check breaches against the offline Pwned Passwords file.")
    ] = None,
    redact: Annotated[bool, typer.Option("--redact", help="Hide usernames (for a projector).")] = False,
    fmt: format_option("password audit", output=True) = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    no_progress: NoProgressOpt = False,
) -> None:
    """Audit a password-manager export: weak, reused and breached passwords, worst first.

    Exit 1 when any password is breached or weak."""
    from hygiene.cli.common import show_progress
    from hygiene.passwords.breach import PwnedFile, PwnedRange
    from hygiene.passwords.exports import read_export
    from hygiene.passwords.vault import audit_vault
    from hygiene.passwords.vault_report import render_vault
    from hygiene.reporters.progress import vault_progress
    from hygiene.system.local import current_platform

    check_output(output, force)
    with user_errors():
        if online and pwned_file is not None:
            raise UserError("use either --online or --pwned-file, not both")
        label, entries = read_export(export, source)
        breach = PwnedFile(pwned_file).count if pwned_file else PwnedRange().count if online else None
        with vault_progress(len(entries), show_progress(no_progress)) as on_progress:
            report = audit_vault(label, entries, breach, on_progress)
        del entries
        fmt = chosen_format("password audit", fmt, output)
        emit(render_vault(report, fmt, stdout_style(output is not None), redact), output, force)
    say(
        f"Reminder: {export} is a plaintext copy of every password. Delete it now: "
        f"{DELETE_HINT[current_platform().value].replace('FILE', str(export))}.",
        err=True,
    )
    if report.count(lambda e: e.weak or bool(e.breached)):
        raise typer.Exit(EXIT_BELOW_POLICY)
