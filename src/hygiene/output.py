"""Writing reports and snapshots: they describe a machine's weaknesses, so they are private
(0600), written atomically, and never replace a file the user has without --force."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from hygiene.errors import UserError
from hygiene.userfiles import kind_of


def write_private(path: Path, text: str, *, force: bool = False) -> None:
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise UserError(f"{path}: cannot write here ({exc.strerror})") from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise UserError(f"{path}: is a folder; give a file name for --output")
        if not stat.S_ISREG(existing.st_mode):  # --force replaces a file, never /dev/null or a link
            raise UserError(f"{path}: is {kind_of(existing.st_mode)}, not a file; give a file name for --output")
        if not force:
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
                if os.path.lexists(path):
                    raise UserError(f"{path}: already exists; use --force to replace it") from None
                os.replace(tmp, path)
    except OSError as exc:  # a full disk, a quota, a folder that went away: nothing is left behind
        raise UserError(f"{path}: could not be written ({exc.strerror or exc}); nothing was written") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
