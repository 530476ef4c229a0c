"""The files a fleet summary reads: each path named, and every *.json file in each folder named.

Folders are walked to any depth (a folder of dated runs works too), entries in name order.
Hidden entries (a name starting with '.') are left out, as editors' and copies' temporary
files are. A link to a file is read; a link to a folder is walked, but each folder is entered
once (by device and inode), so a link loop ends. A path that is missing, or a folder that
cannot be listed, is a Problem; what a file is (a FIFO, a device, too big) is judged when it
is read, never by opening it here."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass

MAX_DEPTH = 32  # folders below a named one; deeper ones are named and left out


@dataclass(frozen=True, slots=True)
class Problem:
    """A path left out, and why; `order` places it among the files read, for the messages."""

    path: str
    reason: str
    order: tuple[int, int]


def _look(path: str) -> os.stat_result | str:
    """What is at `path` (links followed), or why it cannot be looked at."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return "no such file or folder" if not os.path.islink(path) else "a link to nothing"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"


def gather(paths: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """The files to read, in order, and the paths left out."""
    files: list[str] = []
    problems: list[Problem] = []
    entered: set[tuple[int, int]] = set()

    def problem(path: str, reason: str) -> None:
        problems.append(Problem(path, reason, (len(files), -1)))

    def walk(folder: str, info: os.stat_result, depth: int) -> None:
        if (info.st_dev, info.st_ino) in entered:
            return  # a link back to a folder read already: a loop, or a second way to it
        entered.add((info.st_dev, info.st_ino))
        if depth > MAX_DEPTH:
            problem(folder, f"is more than {MAX_DEPTH} folders deep; not read")
            return
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problem(folder, f"cannot be listed ({exc.strerror})")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            found = _look(entry.path)
            if isinstance(found, str):
                if entry.name.lower().endswith(".json"):
                    problem(entry.path, found)
            elif stat.S_ISDIR(found.st_mode):
                walk(entry.path, found, depth + 1)
            elif entry.name.lower().endswith(".json"):
                files.append(entry.path)

    for path in paths:
        found = _look(path)
        if isinstance(found, str):
            problem(path, found)
        elif stat.S_ISDIR(found.st_mode):
            walk(path, found, 0)
        else:
            files.append(path)  # named: read whatever its name, a history database too
    return files, problems
