"""Parses the old-style (NeXTSTEP) property lists that `defaults read DOMAIN` prints:
{ Key = value; Other = "quoted"; List = ( a, "b" ); }. Values come back as str, list or dict;
a body without the outer braces (one `Key = value;` line) is read as a dict too."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from hygiene.parsers import MAX_DEPTH, MAX_DIGITS, ParseError

_TOKEN = re.compile(r'\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<punct>[{}();=,])|(?P<bare>[^\s{}();=,"]+))')
_ESCAPE = re.compile(r"\\(.)")


_Token = tuple[str, str]  # ("str", text) or ("punct", one of {}();=,)


def _tokens(text: str) -> Iterator[_Token]:
    """Tokens as the parser asks for them: hostile text fails at its first wrong token instead
    of being cut into a million tokens first."""
    pos, end = 0, len(text.rstrip())
    while pos < end:
        m = _TOKEN.match(text, pos, end)
        if not m or m.end() == pos:
            raise ParseError(f"unexpected character {text[pos]!r} in defaults output")
        pos = m.end()
        kind, value = m.lastgroup, m.group(m.lastgroup)  # one group per token: the one that matched
        if kind == "quoted":
            yield "str", _ESCAPE.sub(r"\1", value) if "\\" in value else value
        else:
            yield "punct" if kind == "punct" else "str", value


class _Stream:
    """The token stream with one token of lookahead (None at the end)."""

    def __init__(self, tokens: Iterator[_Token]) -> None:
        self._tokens = tokens
        self.next: _Token | None = next(tokens, None)

    def take(self) -> _Token:
        if self.next is None:
            raise ParseError("defaults output ends too early")
        token, self.next = self.next, next(self._tokens, None)
        return token

    def expect(self, punct: str) -> None:
        if self.next != ("punct", punct):
            raise ParseError(f"expected {punct!r} in defaults output")
        self.take()


def parse_plist_text(text: str) -> Any:
    tokens = _tokens(text)
    first = next(tokens, None)
    if first is None:
        raise ParseError("defaults printed nothing")
    if first == ("punct", "{"):
        stream = _Stream(itertools.chain([first], tokens))
    else:
        stream = _Stream(itertools.chain([("punct", "{"), first], tokens, [("punct", "}")]))
    value = _value(stream)
    if stream.next is not None:
        raise ParseError("unexpected text after the end of the defaults output")
    return value


def _value(stream: _Stream, depth: int = 1) -> Any:
    kind, text = stream.take()
    if kind == "str":
        return text
    if depth > MAX_DEPTH:  # the recursion stays far from the interpreter's limit
        raise ParseError(f"defaults output is nested more than {MAX_DEPTH} levels deep")
    if text == "{":
        result: dict[str, Any] = {}
        while stream.next != ("punct", "}"):
            if stream.next is None or stream.next[0] != "str":
                raise ParseError("expected a key in defaults output")
            key = stream.take()[1]
            stream.expect("=")
            result[key] = _value(stream, depth + 1)
            stream.expect(";")
        stream.take()
        return result
    if text == "(":
        items: list[Any] = []
        while stream.next != ("punct", ")"):
            items.append(_value(stream, depth + 1))
            if stream.next == ("punct", ","):
                stream.take()
        stream.take()
        return items
    raise ParseError(f"unexpected {text!r} in defaults output")


def plist_bool(value: Any) -> bool | None:
    """defaults writes booleans as 1/0, YES/NO or True/False, depending on who set them."""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("1", "yes", "true"):
            return True
        if lowered in ("0", "no", "false"):
            return False
    return None


def plist_seconds(value: Any) -> int | None:
    """A whole number of seconds as `defaults read DOMAIN KEY` prints an integer or a real
    ("1200", "5.0"); None for anything else, a negative number included."""
    if not isinstance(value, str):
        return None
    whole, dot, fraction = value.strip().partition(".")
    if not (whole.isdigit() and whole.isascii()) or len(whole) > MAX_DIGITS:
        return None
    if dot and not (fraction.isdigit() and fraction.isascii()):
        return None
    return int(whole)
