"""Where each key of a profile stands, since tomllib does not say: a linear scanner of TOML lines.

One pass over the text; each character is looked at a bounded number of times: the patterns
are single character classes matched at a position, and every search for a closing quote
stops at the end of its line (or, for a multi-line string, at the first closing quotes).
Multi-line strings, arrays and comments are stepped over whole, so a line inside one is
never taken for a key or a table."""

from __future__ import annotations

import re
import sys

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = re.compile(r"[ \t]*")
_PLAIN = re.compile(r"[^\n#\"'\[\]{}]+")  # value text with nothing in it to track
_IN_BASIC = re.compile(r'[^"\\\n]+')
_DIGIT_RUN = re.compile(r"[0-9_]+")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_TRIPLE_QUOTE = '"' * 3
_TRIPLE_APOSTROPHE = "'" * 3


class Lexer:
    """Steps over TOML text counting lines; it also notes what tomllib fails on without saying
    where: the deepest nesting, and the first number too long to convert."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.end = text, 0, 1, len(text)
        self.eol = -1  # where the current line ends, once looked for (a long line is searched once)
        self.depth, self.deep_line = 0, 1  # the deepest nesting, and the line it is first reached on
        self.long_number_line: int | None = None  # where a number first had too many digits

    def blank(self) -> None:
        self.pos = _BLANK.match(self.text, self.pos).end()

    def line_end(self) -> int:
        if self.eol < self.pos:  # the end of the line last found is behind: find the next one
            found = self.text.find("\n", self.pos)
            self.eol = self.end if found < 0 else found
        return self.eol

    def skip_line(self) -> None:
        self.pos = self.line_end()

    def key(self) -> tuple[str, ...] | None:
        """A dotted key (`a."b c".d`), or None where there is none."""
        parts = []
        while True:
            self.blank()
            part = self.key_part()
            if part is None:
                return None
            parts.append(part)
            self.blank()
            if self.pos < self.end and self.text[self.pos] == ".":
                self.pos += 1
                continue
            return tuple(parts)

    def key_part(self) -> str | None:
        if self.pos >= self.end:
            return None
        first = self.text[self.pos]
        if first == '"':
            return self.basic()
        if first == "'":
            return self.literal()
        bare = _BARE.match(self.text, self.pos)
        if not bare:
            return None
        self.pos = bare.end()
        return bare.group()

    def basic(self) -> str | None:
        """A one-line "..." string, escapes decoded; None when it does not end on its line."""
        out = []
        self.pos += 1
        while self.pos < self.end:
            run = _IN_BASIC.match(self.text, self.pos)
            if run:
                out.append(run.group())
                self.pos = run.end()
                continue
            char = self.text[self.pos]
            if char == '"':
                self.pos += 1
                return "".join(out)
            if char == "\n":
                return None
            out.append(self.escape())
        return None

    def escape(self) -> str:
        code = self.text[self.pos + 1 : self.pos + 2]
        if code in _ESCAPES:
            self.pos += 2
            return _ESCAPES[code]
        width = {"u": 4, "U": 8}.get(code, 0)
        if not width:
            self.pos += 1
            return "\\"
        digits = self.text[self.pos + 2 : self.pos + 2 + width]
        self.pos += 2 + len(digits)
        try:
            return chr(int(digits, 16))
        except ValueError:
            return "\ufffd"

    def literal(self) -> str | None:
        start, line_end = self.pos + 1, self.line_end()
        close = self.text.find("'", start, line_end)
        if close < 0:
            self.pos = line_end
            return None
        self.pos = close + 1
        return self.text[start:close]

    def multiline_basic(self) -> None:
        self.pos += 3
        while self.pos < self.end:
            run = _IN_BASIC.match(self.text, self.pos)
            if run:
                self.pos = run.end()
                continue
            char = self.text[self.pos]
            if char == "\n":
                self.line += 1
                self.pos += 1
            elif char == "\\":  # an escape; a backslash at the end of a line leaves its newline counted
                self.pos += 1 if self.text[self.pos + 1 : self.pos + 2] == "\n" else 2
            else:  # a run of quotes: three or more end the string (two of them may belong to it)
                quotes = 0
                while self.pos < self.end and self.text[self.pos] == '"':
                    quotes += 1
                    self.pos += 1
                if quotes >= 3:
                    return

    def multiline_literal(self) -> None:
        self.pos += 3
        close = self.text.find(_TRIPLE_APOSTROPHE, self.pos)
        close = self.end if close < 0 else close
        self.line += self.text.count("\n", self.pos, close)
        self.pos = min(close + 3, self.end)
        for _ in range(2):  # up to two more apostrophes belong to the string
            if self.pos < self.end and self.text[self.pos] == "'":
                self.pos += 1

    def value(self, whole_text: bool = False) -> None:
        """Step over one value (to the end of its last line), or over the whole text."""
        text, depth = self.text, 0
        while self.pos < self.end:
            char = text[self.pos]
            if char == "\n":
                if depth == 0 and not whole_text:
                    return
                self.line += 1
                self.pos += 1
            elif char == "#":
                self.skip_line()
            elif char == '"':
                if text.startswith(_TRIPLE_QUOTE, self.pos):
                    self.multiline_basic()
                else:
                    self.basic()
            elif char == "'":
                if text.startswith(_TRIPLE_APOSTROPHE, self.pos):
                    self.multiline_literal()
                else:
                    self.literal()
            elif char in "[{":
                depth += 1
                if depth > self.depth:
                    self.depth, self.deep_line = depth, self.line
                self.pos += 1
            elif char in "]}":
                depth = max(depth - 1, 0)
                self.pos += 1
            else:
                plain = _PLAIN.match(text, self.pos)
                if self.long_number_line is None and any(
                    len(run.group().replace("_", "")) > sys.get_int_max_str_digits()
                    for run in _DIGIT_RUN.finditer(plain.group())
                ):
                    self.long_number_line = self.line
                self.pos = plain.end()


def key_lines(text: str) -> dict[tuple, int]:
    """Where each key and table stands (1-based line), since tomllib does not say.
    Entries of arrays of tables are numbered: ("waivers", 0, "check")."""
    lexer, lines = Lexer(text), {}
    table: tuple = ()
    seen: dict[tuple, int] = {}
    while lexer.pos < lexer.end:
        lexer.blank()
        if lexer.pos >= lexer.end:
            break
        if text[lexer.pos] == "\n":
            lexer.line += 1
            lexer.pos += 1
            continue
        if text[lexer.pos] == "[":
            array = text.startswith("[[", lexer.pos)
            lexer.pos += 2 if array else 1
            name = lexer.key()
            if name is not None:
                if array:
                    index = seen.get(name, 0)
                    seen[name] = index + 1
                    table = (*name, index)
                else:
                    table = name
                lines.setdefault(table, lexer.line)
            lexer.skip_line()
            continue
        name = lexer.key()
        lexer.blank()
        if name is None or lexer.pos >= lexer.end or text[lexer.pos] != "=":
            lexer.skip_line()
            continue
        lines.setdefault((*table, *name), lexer.line)
        lexer.pos += 1
        lexer.value()
    return lines
