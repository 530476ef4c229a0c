"""Parses macOS `pmset -g custom` (no administrator needed): the settings of each power source,
under a heading of its own ("Battery Power:", "AC Power:", "UPS Power:"), one indented
`name value` line each. Only `displaysleep` is read: the minutes of idle time before the
display sleeps (0: never), which locks the screen as the screen saver does."""

from __future__ import annotations

from hygiene.parsers import ParseError, excerpt, number

_KEY = "displaysleep"


def parse_display_sleep(text: str) -> dict[str, int]:
    """Minutes before the display sleeps, by power source: {"AC Power": 10, "Battery Power": 2}."""
    found: dict[str, int] = {}
    source = ""
    for line in text.splitlines():
        if line and not line[0].isspace():
            source = line.strip().removesuffix(":").strip()
            continue
        words = line.split()
        if len(words) >= 2 and words[0].casefold() == _KEY:
            if not (words[1].isdigit() and words[1].isascii()):
                raise ParseError(f"pmset printed no number for displaysleep: {excerpt(line)}")
            found[source or "Currently in use"] = number(words[1], "pmset displaysleep")
    if not found:
        raise ParseError(f"pmset printed no displaysleep setting: {excerpt(text)}")
    sources = {source.casefold() for source in found}
    if "battery power" in sources and "ac power" not in sources:  # a Mac with a battery lists AC Power after it
        raise ParseError("pmset printed the Battery Power settings but no AC Power block: its answer was cut short")
    return found
