"""Pure `str -> dataclass` parsers, one module per tool; each names the command it parses.

Every parser raises only ParseError, whatever the text (tests/parsers/test_parsers_fuzz.py holds them
to it), and runs in linear time: no regular expression with adjacent or nested unbounded
quantifiers over the same characters; `Key: value` lines are split with str.partition."""

from __future__ import annotations

import json

EXCERPT = 60  # characters of the offending text a message may quote


class ParseError(ValueError):
    """The text is not in a form this parser knows; the check reports UNKNOWN with this."""


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of `text`, stripped and quoted, for an error message: never unbounded text.
    Characters that do not print (NUL, escapes, lone surrogates) show as '?', so that neither
    repr's escapes lengthen it nor a surrogate reaches an encoder."""
    text = text.strip()
    shown = "".join(c if c.isprintable() else "?" for c in text[:limit])
    return repr(shown + "…") if len(text) > limit else repr(shown)


MAX_DIGITS = 18  # more digits than any count, size or date part a tool prints; int() refuses > 4300


def number(digits: str, what: str) -> int:
    """int() of a run of digits, as ParseError when the run is no plausible number (too long,
    or digits int() does not read, such as '²')."""
    if len(digits) > MAX_DIGITS:
        raise ParseError(f"{what}: a number of {len(digits)} digits")
    try:
        return int(digits)
    except ValueError:
        raise ParseError(f"{what}: {excerpt(digits)} is not a number") from None


MAX_DEPTH = 64  # deeper than any structure a tool we probe prints; bounds every recursion after


def check_depth(data: object, what: str, limit: int = MAX_DEPTH) -> None:
    """ParseError when lists/dicts nest deeper than `limit` (walked without recursion), so
    that str(), == and the parsers' own recursive walks are safe on what was loaded."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list | tuple):
            if depth > limit:
                raise ParseError(f"{what} is nested more than {limit} levels deep")
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def load_json(text: str, what: str) -> object:
    """json.loads, with every way it fails as ParseError: malformed text, integers of more
    than 4300 digits (ValueError), nesting deeper than the interpreter's stack (RecursionError)
    or than MAX_DEPTH."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"{what} did not print JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise ParseError(f"{what} printed JSON nested too deeply") from None
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        raise ParseError(f"{what} printed JSON that cannot be read ({str(exc)[:60]})") from None
    check_depth(data, what)
    return data


QUOTE = 200  # characters of one output line a finding's evidence may quote


def deciding_line(line: str, limit: int = QUOTE) -> str:
    """One line of a tool's output as a finding quotes it in evidence, so a user sees what
    decided the verdict: stripped, bounded, and with characters that do not print shown as
    '?' (the reporters escape markup; this keeps escapes and NULs out of every format). A run
    of tabs is layout (sw_vers, wmic pad with them) and reads as one space."""
    line = " ".join(part for part in line.strip().split("\t") if part)
    shown = "".join(c if c.isprintable() else "?" for c in line[:limit])
    return shown + "…" if len(line) > limit else shown
