"""Every mistake in a profile with its line, and the small judgements each section's validator
shares: is this value of the right kind, and how is a wrong one named back to the person."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hygiene.errors import UserError
from hygiene.profile.keys import key_lines
from hygiene.words import count

MAX_PROBLEMS = 50  # mistakes listed at once; a hostile file could hold a hundred thousand
MAX_QUOTED = 60  # characters of a wrong value quoted back in a message


class Problems:
    """Collects every mistake with its line, so one run shows them all (up to MAX_PROBLEMS)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.found: list[tuple[int, str]] = []
        self.more: list[int] = []  # the lines of mistakes past MAX_PROBLEMS

    def line(self, where: tuple) -> int:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)

    def add(self, where: tuple, message: str | Callable[[], str]) -> None:
        """`message` may be a function, so that what is never shown is never worked out."""
        if len(self.found) >= MAX_PROBLEMS:
            self.more.append(self.line(where))
            return
        self.found.append((self.line(where), message if isinstance(message, str) else message()))

    def raise_if_any(self) -> None:
        if not self.found:
            return
        lines = [f"{self.path}:{line}: {message}" for line, message in sorted(self.found)]
        if self.more:
            lines.append(f"{self.path}:{min(self.more)}: and {count(len(self.more), 'more mistake')} not shown")
        raise UserError("\n".join(lines))


def clip(text: str) -> str:
    """Text quoted back in a message: short, with its control characters escaped by repr."""
    return repr(text if len(text) <= MAX_QUOTED else text[:MAX_QUOTED] + "...")


def number(value: int) -> str:
    if value.bit_length() <= 200:
        return str(value)
    return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"  # str() would refuse


def describe(value: Any) -> str:
    """What a TOML value is, for a message: its kind, and itself when it is short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {clip(value)}"
    if isinstance(value, datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, time):
        return f"the time of day {value.isoformat()}"
    if isinstance(value, list):
        return f"an array of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def is_date(value: Any) -> bool:
    """A calendar date; a TOML datetime is a date in Python, and would not compare with one."""
    return isinstance(value, date) and not isinstance(value, datetime)


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6) if len(word) <= MAX_QUOTED else []
    return f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(choices)}"


def known_keys(problems: Problems, where: tuple, table: dict, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            problems.add((*where, key), lambda key=key: f"unknown key {clip(key)}{suggest(key, allowed)}")


def typed(problems: Problems, where: tuple, value: Any, kind: type | tuple, label: str) -> bool:
    if isinstance(value, bool) and kind is int:  # TOML true is not a number
        ok = False
    else:
        ok = isinstance(value, kind)
    if not ok:
        problems.add(where, f"{where[-1]} must be {label}, not {describe(value)}")
    return ok


def local_text(problems: Problems, where: tuple, value: Any) -> bool:
    """A path or repository: text, not empty, without control characters (a NUL cannot name a file)."""
    if not typed(problems, where, value, str, "text"):
        return False
    if not value.strip():
        problems.add(where, f"{where[-1]} must not be empty")
        return False
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        problems.add(where, f"{where[-1]} must not contain control characters, as {clip(value)} does")
        return False
    return True


def array_of_tables(problems: Problems, data: dict, name: str) -> list[tuple[int, dict]]:
    entries = data.get(name, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.add((name,), f"{name} must be written as [[{name}]] tables")
        return []
    return list(enumerate(entries))
