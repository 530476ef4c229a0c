"""Parses macOS `spctl --status` (no administrator needed): whether Gatekeeper assesses what
is opened. It prints "assessments enabled", or "assessments disabled" with exit status 1;
some macOS versions print it on stderr, so callers pass both streams."""

from __future__ import annotations

from hygiene.parsers import ParseError, excerpt


def parse_spctl_status(text: str) -> tuple[bool, str]:
    """Whether assessments are enabled, and the line that says so."""
    for raw in text.splitlines():
        line = raw.strip()
        words = line.lower().split()
        if len(words) == 2 and words[0] == "assessments" and words[1] in ("enabled", "disabled"):
            return words[1] == "enabled", line
    raise ParseError(f"spctl did not say whether Gatekeeper is on: {excerpt(text)}")
