"""Parses macOS `spctl --status` (no administrator needed): whether Gatekeeper assesses what
is opened. It prints "assessments enabled", or "assessments disabled" with exit status 1;
some macOS versions print it on stderr, so callers pass both streams. It prints nothing else:
any other line is kept as unrecognised, so that the check does not pass over it."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt


@dataclass(frozen=True)
class GatekeeperStatus:
    on: bool  # assessments enabled
    line: str  # the line that says so
    unrecognised: tuple[str, ...] = ()


def parse_spctl_status(text: str) -> GatekeeperStatus:
    state: tuple[bool, str] | None = None
    unrecognised = []
    for raw in text.splitlines():
        line = raw.strip()
        words = line.casefold().split()
        if state is None and len(words) == 2 and words[0] == "assessments" and words[1] in ("enabled", "disabled"):
            state = (words[1] == "enabled", deciding_line(line))
        elif line:
            unrecognised.append(deciding_line(line))
    if state is None:
        raise ParseError(f"spctl did not say whether Gatekeeper is on: {excerpt(text)}")
    return GatekeeperStatus(*state, tuple(unrecognised))
