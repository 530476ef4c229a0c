"""Parses apt configuration (/etc/apt/apt.conf and /etc/apt/apt.conf.d/*), as apt-config reads it.

Handles both `APT::Periodic::Unattended-Upgrade "1";` and the scoped form
`APT { Periodic { Unattended-Upgrade "1"; }; };`, with //, /* */ and # comments outside quotes
(so `Acquire::http::Proxy "http://proxy:3128";` stays intact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hygiene.parsers import ParseError

_TOKEN = re.compile(
    r'"(?P<str>[^"]*)"'
    r"|(?P<comment>/\*.*?\*/|//[^\n]*|#[^\n]*)"  # includes #clear/#include, which we do not need
    r"|(?P<punct>[{};])"
    r'|(?P<word>[^\s{};"]+)',
    re.S,
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
    for m in _TOKEN.finditer(text):
        if m["comment"] is not None:
            continue
        if m["punct"] == "{":
            if len(pending) != 1:
                raise ParseError("'{' must follow a single name")
            scope.append(pending.pop())
        elif m["punct"] == "}":
            if not scope:
                raise ParseError("'}' without a matching '{'")
            scope.pop()
            pending.clear()
        elif m["punct"] == ";":
            if len(pending) == 2:
                values["::".join([*scope, pending[0]]).lower()] = pending[1]
            pending.clear()
        else:
            pending.append(m["str"] if m["str"] is not None else m["word"])
    if scope:
        raise ParseError("a '{' is never closed")
    return values


def periodic_enabled(value: str | None) -> bool:
    """APT::Periodic intervals: days ("1"), a number with a unit ("12h"), "always"; "0" is off."""
    if value is None:
        return False
    value = value.strip().lower()
    if value == "always":
        return True
    match = _INTERVAL.match(value)
    return bool(match) and int(match["n"]) > 0
