"""Parses `powercfg /query SCHEME_CURRENT <subgroup> <setting>`: one power setting of the active
plan. Its labels follow the display language ("Current AC Power Setting Index", "Index der
aktuellen Wechselstromeinstellung"), but it always ends with two lines whose value is a hex
number, the setting while plugged in (AC) and then on battery (DC); a value setting prints its
minimum, maximum and increment the same way before them. So the values are the last two hex
numbers, read by position."""

from __future__ import annotations

import re

from hygiene.parsers import ParseError, excerpt

_HEX = re.compile(r":\s*0x([0-9a-fA-F]{1,16})\s*$")


def parse_powercfg_setting(text: str) -> tuple[int, int]:
    """(plugged in, on battery): seconds for a timeout, an index for a choice."""
    values = [int(m.group(1), 16) for line in text.splitlines() if (m := _HEX.search(line.rstrip()[-40:]))]
    if len(values) < 2:
        raise ParseError(f"`powercfg /query` printed no AC and DC values: {excerpt(text)}")
    return values[-2], values[-1]
