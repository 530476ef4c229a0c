"""Reading files the user hands us (profiles, snapshots, results): size-bounded, UTF-8, and
every problem a UserError that names the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hygiene.errors import UserError


def _size(limit: int) -> str:
    return f"{limit / 1e6:g} MB" if limit >= 1_000_000 else f"{limit / 1024:g} KiB"


def read_user_text(path: Path, limit: int, what: str) -> str:
    """The file's text; `what` names it in messages ("profile", "snapshot")."""
    try:
        if path.is_dir():
            raise UserError(f"{path}: is a folder, not a {what} file")
        size = path.stat().st_size
        if size > limit:
            raise UserError(f"{path}: {size:,} bytes is over the {_size(limit)} limit for a {what}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such {what} file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: is not UTF-8 text (byte {exc.start}); expected a {what}") from None
