"""Parses PAM stacks (/etc/pam.d/*): `type control module [args]`, with bracketed controls
([success=1 default=ignore]), comments and backslash continuations. Linux-PAM reads the type
and the control in any case (`Auth Required`), so they are lower-cased here; the module is a
file name and keeps its case."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import deciding_line

_LINE = re.compile(
    r"^\s*-?(?P<type>auth|account|password|session)\s+(?P<control>\[[^\]]*\]|\S+)\s+(?P<module>\S+)(?P<args>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PamRule:
    type: str
    control: str
    module: str  # the module's file name, e.g. pam_pwquality.so
    args: dict[str, str]  # key=value arguments; bare flags map to ""
    line: str = ""  # the rule as written, as evidence quotes it


def parse_pam(text: str) -> list[PamRule]:
    rules = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split("#", 1)[0]
        m = _LINE.match(line)
        if m:
            args = {}
            for arg in m["args"].split():
                key, _, value = arg.partition("=")
                args[key] = value
            module = m["module"].rsplit("/", 1)[-1]
            shown = deciding_line(" ".join(line.split()))  # tabs (Debian's) would show as '?'
            rules.append(PamRule(m["type"].lower(), m["control"].lower(), module, args, shown))
    return rules


def parse_key_values(text: str) -> dict[str, str]:
    """`key = value` (pwquality.conf, faillock.conf) or `KEY value` (login.defs) lines; the
    last one wins, as in the tools that read them."""
    values = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" in line:
            key, _, value = line.partition("=")
        else:  # login.defs separates with spaces or tabs
            key, _, value = line.replace("\t", " ").partition(" ")
        values[key.strip()] = value.strip()
    return values
