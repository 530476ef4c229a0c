"""Parses apt configuration (/etc/apt/apt.conf and /etc/apt/apt.conf.d/*), as apt-config reads it.

Handles both `APT::Periodic::Unattended-Upgrade "1";` and the scoped form
`APT { Periodic { Unattended-Upgrade "1"; }; };`, with //, /* */ and # comments outside quotes
(so `Acquire::http::Proxy "http://proxy:3128";` stays intact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hygiene.parsers import ParseError

# A /* block comment */ is not in this pattern: `/\*.*?\*/` scanned to the end of the text
# for every unclosed "/*", which made "/* /* /* ..." quadratic. parse_apt_conf finds the "*/".
# `words` takes a run of plain words (not starting with '/' or '#') in one step, so a long
# line of them costs one match, not one loop turn each.
_TOKEN = re.compile(
    r'"(?P<str>[^"]*)"'
    r"|(?P<comment>//[^\n]*|#[^\n]*)"  # includes #clear/#include, which we do not need
    r"|(?P<punct>[{};])"
    r'|(?P<words>(?:[^\s{};"/#][^\s{};"]*\s*)+)'
    r'|(?P<word>[^\s{};"]+)',
)
# apt skips part files with other characters in their name, and silently the ones left
# behind by upgrades (Dir::Ignore-Files-Silently).
_VALID_PART = re.compile(r"^[A-Za-z0-9_.\-]+$")
_IGNORED_PART = re.compile(r"(~|\.disabled|\.bak|\.dpkg-[a-z]+|\.ucf-[a-z]+|\.save|\.orig|\.distUpgrade)$")
_INTERVAL = re.compile(r"^(?P<n>\d+)(?P<unit>[smhd]?)$")


def apt_part_files(paths: Iterable[str]) -> list[str]:
    """The part files apt would read, in the order it reads them (later ones override)."""
    names = [(p.rsplit("/", 1)[-1], p) for p in paths]
    return [p for n, p in sorted(names) if _VALID_PART.match(n) and not _IGNORED_PART.search(n)]


def parse_apt_conf(text: str, into: dict[str, str] | None = None) -> dict[str, str]:
    """Lower-cased full key -> value; later assignments override earlier ones, as in apt."""
    values = {} if into is None else into
    scope: list[str] = []
    pending: list[str] = []
    last_close = text.rfind("*/")  # a "/*" opens a comment only when a "*/" follows it
    pos = 0
    while m := _TOKEN.search(text, pos):
        pos = m.end()
        kind, value = m.lastgroup, m.group(m.lastgroup)  # one group per token: the one that matched
        if kind == "words":
            pending.extend(value.split())
        elif kind == "word":
            if value.startswith("/*") and last_close >= m.start() + 2:
                pos = text.index("*/", m.start() + 2) + 2
            else:
                pending.append(value)
        elif kind == "str":
            pending.append(value)
        elif value == "{":
            if len(pending) != 1:
                raise ParseError("'{' must follow a single name")
            scope.append(pending.pop())
        elif value == "}":
            if not scope:
                raise ParseError("'}' without a matching '{'")
            scope.pop()
            pending.clear()
        elif value == ";":
            if len(pending) == 2:
                values["::".join([*scope, pending[0]]).lower()] = pending[1]
            pending.clear()
    if scope:
        raise ParseError("a '{' is never closed")
    return values


JUDGED = ("apt::periodic::", "unattended-upgrade::")
# Each way parse_apt_conf refuses a text, as the smallest text refused the same way.
_REFUSED_AS = {
    "'{' must follow a single name": "a b {\n",
    "'}' without a matching '{'": "}\n",
    "a '{' is never closed": "a {\n",
}


def judged_settings(text: str) -> str:
    """Only the settings hygiene judges (APT::Periodic, Unattended-Upgrade), in apt's one-line
    form: what a snapshot keeps of an apt configuration file, since Acquire::http::Proxy may
    carry a password. A text apt would refuse becomes one refused the same way."""
    try:
        values = parse_apt_conf(text)
    except ParseError as exc:
        return _REFUSED_AS.get(str(exc), "}\n")
    kept = [f'{key} "{value}";' for key, value in values.items() if key.startswith(JUDGED)]
    return "\n".join(kept) + "\n" if kept else ""


def periodic_enabled(value: str | None) -> bool:
    """APT::Periodic intervals: days ("1"), a number with a unit ("12h"), "always"; "0" is off."""
    if value is None:
        return False
    value = value.strip().lower()
    if value == "always":
        return True
    match = _INTERVAL.match(value)
    return bool(match) and any(int(digit) for digit in match["n"])  # not int(): it refuses 4300+ digits
