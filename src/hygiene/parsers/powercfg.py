"""Parses `powercfg /query SCHEME_CURRENT <subgroup> <setting>`: one power setting of the active
plan. Its labels follow the display language ("Current AC Power Setting Index", "Index der
aktuellen Wechselstromeinstellung"), but it always ends with two lines whose value is a hex
number, the setting while plugged in (AC) and then on battery (DC); a value setting prints its
minimum, maximum and increment the same way before them. So the values are the last two hex
numbers, read by position, on two lines one after the other (an answer cut after its AC line
would otherwise give the increment and the AC value)."""

from __future__ import annotations

import re

from hygiene.parsers import ParseError, excerpt

_HEX = re.compile(r":\s*0x([0-9a-fA-F]{1,16})\s*$")


def parse_powercfg_setting(text: str) -> tuple[int, int]:
    """(plugged in, on battery): seconds for a timeout, an index for a choice."""
    lines = [line for line in text.splitlines() if line.strip()]
    found = [(i, int(m.group(1), 16)) for i, line in enumerate(lines) if (m := _HEX.search(line.rstrip()[-40:]))]
    if len(found) < 2 or found[-1][0] - found[-2][0] != 1:
        raise ParseError(f"`powercfg /query` printed no AC and DC values: {excerpt(text)}")
    return found[-2][1], found[-1][1]
