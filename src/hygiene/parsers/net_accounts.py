"""Parses Windows `net accounts`. Its labels and words ("Never", "Nie", "Jamais") follow the
display language and there is no JSON form, but the nine lines always come in the same
order, so values are read by position; a non-number means never, none or unlimited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, number
from hygiene.words import count

# Force logoff, min age, max age, min length, history, lockout threshold, duration, window, role.
_FIELDS = 9
_DIGITS = re.compile(r"\d+")
_COLON_BLANK = re.compile(r":\s")


@dataclass(frozen=True)
class AccountPolicy:
    min_length: int
    max_age_days: int | None  # None: passwords never expire
    lockout_threshold: int | None  # None: accounts never lock
    history: int


def _value(line: str) -> str | None:
    r"""The value after the first ':' that is followed by blanks and then text (`:\s+(\S.*?)\s*$`,
    which backtracked quadratically on a line of blanks and colons)."""
    m = _COLON_BLANK.search(line)
    return (line[m.end() :].strip() or None) if m else None  # only blanks after it: no later ':' either


def _number(value: str) -> int | None:
    m = _DIGITS.match(value)
    return number(m.group(), "`net accounts`") if m else None


def parse_net_accounts(text: str) -> AccountPolicy:
    values = [value for line in text.splitlines() if (value := _value(line)) is not None]
    if len(values) < _FIELDS - 1:
        raise ParseError(f"`net accounts` printed {count(len(values), 'setting')}, not the {_FIELDS} expected")
    min_length = _number(values[3])
    if min_length is None:
        raise ParseError("`net accounts` gave no number for the minimum password length (4th line)")
    return AccountPolicy(
        min_length=min_length,
        max_age_days=_number(values[2]),
        lockout_threshold=_number(values[5]) or None,  # 0 also means never
        history=_number(values[4]) or 0,
    )
