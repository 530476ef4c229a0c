"""Writing reports and snapshots: they describe a machine's weaknesses, so they are private
(0600), written atomically, and never replace a file the user has without --force."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hygiene.errors import UserError


def write_private(path: Path, text: str, *, force: bool = False) -> None:
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give a file name for --output")
    if path.exists() and not force:
        raise UserError(f"{path}: already exists; use --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    except OSError as exc:
        raise UserError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the name appeared meanwhile: never clobber
            except FileExistsError:
                raise UserError(f"{path}: already exists; use --force to replace it") from None
            except OSError:  # filesystems without hard links
                if path.exists():
                    raise UserError(f"{path}: already exists; use --force to replace it") from None
                os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
