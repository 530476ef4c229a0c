"""Text from outside made harmless for a terminal, in one place (DESIGN.md principle 8).

Export titles, profile names, snapshot host names, command output and file names may carry
escape sequences (window title, clear screen, hyperlinks), bidirectional overrides that
reorder what is shown, or lone surrogates that cannot be encoded. Each becomes a visible,
inert stand-in: C0 controls their Unicode "control picture" (ESC shows as ␛), DEL ␡, C1
controls and bidi overrides `<U+XXXX>`, lone surrogates U+FFFD. Newlines and tabs stay.
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"<U+{code:04X}>"


def inert(text: str) -> str:
    """`text` with every control character, bidi override and lone surrogate made visible."""
    return _UNSAFE.sub(_stand_in, text)


_BREAKS = str.maketrans({"\n": "\u2424", "\r": "\u240d", "\t": "\u2409"})


def one_line(text: str) -> str:
    """A name from outside (a file name, a profile's backup name) as a line of text shows it:
    inert(), and a newline (␤), carriage return or tab as a picture too, so the name cannot
    start a line of its own (a fake verdict or table row) or push text aside."""
    return inert(text).translate(_BREAKS)


def stand_ins(text: str) -> list[tuple[int, str]]:
    """Where inert() changes `text` (one character each) and what it puts there: for a renderer
    that lays text out before it is written (hygiene.reporters.console.shown)."""
    return [(m.start(), _stand_in(m)) for m in _UNSAFE.finditer(text)]


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def inert_json(text: str) -> str:
    """JSON text (from json.dumps, ensure_ascii=False) with the characters JSON leaves raw but a
    terminal would act on, or UTF-8 cannot encode, written as \\u escapes: the same document."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Inert(str):
    """Text already made inert (a Rich console's output, JSON from json_text): the CLI writes
    it as it is, where any other text goes through inert() on its way out."""


def json_text(doc: Any, indent: int | None = 2) -> Inert:
    """The one way hygiene writes JSON: readable UTF-8, with nothing a terminal would act on."""
    return Inert(inert_json(json.dumps(doc, indent=indent, ensure_ascii=False)) + "\n")
