"""`hygiene backup verify`: is this backup encrypted, and recent?"""

from pathlib import Path
from typing import Annotated

import typer

from hygiene.cli.common import emit, stdout_style, user_errors
from hygiene.cli.options import format_option
from hygiene.reporters import OutputFormat

app = typer.Typer(help="Check a backup: what it is, whether it is encrypted, how recent it is.")


@app.command()
def verify(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A backup file, a folder of backups, or a restic/borg repository.")
    ],
    max_age: Annotated[str, typer.Option("--max-age", help="How old the newest backup may be: 7d, 36h, 2w.")] = "7d",
    fmt: format_option("backup verify") = OutputFormat.TABLE,
) -> None:
    """Tell what a backup is, whether it is encrypted (and how sure that is), and its newest
    backup time and size.

    Reads headers and samples only; never writes, never asks for a passphrase. Only regular
    files and folders are read: a FIFO, a device, a socket or a /proc file is refused.

    Exit codes: 0 encrypted and recent; 1 empty, not encrypted, weakly encrypted, unprovable,
    or too old; 2 missing, unreadable, not a backup file or folder, or a damaged archive."""
    from datetime import UTC, datetime

    from hygiene.backup.identify import BackupError, identify
    from hygiene.backup.verdict import judge, parse_max_age, render_verdict
    from hygiene.errors import UserError
    from hygiene.inert import one_line

    with user_errors():  # every message names the file; say() shows it inert
        limit = parse_max_age(max_age)
        try:
            if not path.exists():
                raise UserError(f"{path}: no such file or folder")
            artifact = identify(path)
        except BackupError as exc:  # not a backup file or folder, or a damaged archive
            raise UserError(one_line(str(exc))) from None
        except OSError as exc:
            raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    verdict = judge(artifact, datetime.now(UTC), limit)
    emit(render_verdict(verdict, fmt, stdout_style(False).width), None, False)
    raise typer.Exit(0 if verdict.ok else 1)
