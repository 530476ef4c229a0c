"""Parses the old-style (NeXTSTEP) property lists that `defaults read DOMAIN` prints:
{ Key = value; Other = "quoted"; List = ( a, "b" ); }. Values come back as str, list or dict;
a body without the outer braces (one `Key = value;` line) is read as a dict too."""

from __future__ import annotations

import re
from typing import Any

from hygiene.parsers import ParseError

_TOKEN = re.compile(r'\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<punct>[{}();=,])|(?P<bare>[^\s{}();=,"]+))')


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ParseError(f"unexpected character {text[pos]!r} in defaults output")
        pos = m.end()
        if m["quoted"] is not None:
            tokens.append(("str", re.sub(r"\\(.)", r"\1", m["quoted"])))
        elif m["punct"]:
            tokens.append(("punct", m["punct"]))
        elif m["bare"]:
            tokens.append(("str", m["bare"]))
    return tokens


def parse_plist_text(text: str) -> Any:
    tokens = _tokens(text)
    if not tokens:
        raise ParseError("defaults printed nothing")
    if tokens[0] != ("punct", "{"):
        tokens = [("punct", "{"), *tokens, ("punct", "}")]
    value, end = _value(tokens, 0)
    if end != len(tokens):
        raise ParseError("unexpected text after the end of the defaults output")
    return value


def _expect(tokens: list[tuple[str, str]], i: int, punct: str) -> int:
    if i >= len(tokens) or tokens[i] != ("punct", punct):
        raise ParseError(f"expected {punct!r} in defaults output")
    return i + 1


def _value(tokens: list[tuple[str, str]], i: int) -> tuple[Any, int]:
    if i >= len(tokens):
        raise ParseError("defaults output ends too early")
    kind, text = tokens[i]
    if kind == "str":
        return text, i + 1
    if text == "{":
        result: dict[str, Any] = {}
        i += 1
        while tokens[i : i + 1] != [("punct", "}")]:
            if i >= len(tokens) or tokens[i][0] != "str":
                raise ParseError("expected a key in defaults output")
            key = tokens[i][1]
            result[key], i = _value(tokens, _expect(tokens, i + 1, "="))
            i = _expect(tokens, i, ";")
        return result, i + 1
    if text == "(":
        items: list[Any] = []
        i += 1
        while tokens[i : i + 1] != [("punct", ")")]:
            item, i = _value(tokens, i)
            items.append(item)
            if tokens[i : i + 1] == [("punct", ",")]:
                i += 1
        return items, i + 1
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
