"""Wrapping that never cuts what a reader must act on, for plain text and for Rich alike.

Text breaks at spaces only. A `command in backticks` stays whole on one line, moving to the next
line when it does not fit, so that it can be copied as it is; only a command wider than a whole
line is broken, at its own spaces, on lines of its own. A word wider than a line (a long link)
is folded, after a '/', '-' or ':' where it can, never cut short with an ellipsis. A no-break
space (NBSP) glues two words, as in "+6.8 points", and is shown as a plain space. Prose lays
out text from outside as it will be shown (escape codes made visible, a tab a space), so no
line comes out wider than its place and none is cut. Linear in the length of the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

NBSP = "\u00a0"
Range = tuple[int, int]  # [start, end) of a line in the text
Cells = Callable[[str], int]


def cell_width(text: str) -> int:
    """Terminal cells: two for a wide (East Asian) character, none for a combining mark."""
    if text.isascii():  # one cell each: the common case, without a look-up per character
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def line_ranges(text: str, width: int, cells: Cells = cell_width) -> list[Range]:
    """Where each line of `text` wrapped to `width` cells starts and ends; a newline in the text
    ends a line, and the spaces where a line breaks belong to no line."""
    width = max(width, 1)
    ranges: list[Range] = []
    offset = 0
    for paragraph in text.split("\n"):
        wrapped = _pack(paragraph, _units(paragraph, 0, len(paragraph), code=True), width, cells, code=True)
        ranges += [(offset + start, offset + end) for start, end in wrapped] or [(offset, offset)]
        offset += len(paragraph) + 1
    return ranges


def fill(text: str, width: int, indent: int = 0, first: str = "") -> str:
    """`text` wrapped to `width` columns for a plain terminal: its first line after `first`,
    the rest indented by `indent` spaces (a hanging indent). Text from outside is measured as it
    will be shown: made inert, a tab a space."""
    from hygiene.inert import inert

    text = inert(text).replace("\t", " ")
    lead = max(indent, cell_width(first))
    lines = [text[start:end].replace(NBSP, " ") for start, end in line_ranges(text, width - lead)]
    return "\n".join(f"{first if n == 0 else '':<{indent}}{line}" for n, line in enumerate(lines))


def _units(text: str, start: int, end: int, code: bool) -> list[Range]:
    """The runs between breakable spaces; with `code`, the spaces of a backtick span do not break.
    A stray backtick glues the rest together, which then breaks as if it were a long command."""
    units = []
    i = start
    while i < end:
        if text[i] == " ":
            i += 1
            continue
        begin, quoted = i, False
        while i < end and (quoted or text[i] != " "):
            quoted ^= code and text[i] == "`"
            i += 1
        units.append((begin, i))
    return units


def _pack(text: str, units: list[Range], width: int, cells: Cells, code: bool) -> list[Range]:
    """Greedy: as many units on each line as fit. A unit wider than a line gets lines of its own,
    broken at its spaces (when `code`: a command longer than the line) or else folded."""
    lines: list[Range] = []
    start = end = -1
    used = 0
    for s, e in units:
        w = cells(text[s:e])
        gap = cells(text[end:s]) if start >= 0 else 0
        if start >= 0 and used + gap + w <= width:
            end, used = e, used + gap + w
            continue
        if start >= 0:
            lines.append((start, end))
        start = end = -1
        if w <= width:
            start, end, used = s, e, w
        elif code:
            lines += _pack(text, _units(text, s, e, code=False), width, cells, code=False)
        else:
            lines += _fold(text, s, e, width, cells)
    if start >= 0:
        lines.append((start, end))
    return lines


def _fold(text: str, start: int, end: int, width: int, cells: Cells) -> list[Range]:
    """A word wider than the line, in pieces of at most `width` cells (at least one character),
    each ending after a '/', '-' or ':' when one falls in its second half: a link or a package
    name then breaks where a reader expects it to."""
    pieces = []
    begin, used, soft = start, 0, -1
    for i in range(start, end):
        w = cells(text[i])
        if used and used + w > width:
            cut = soft if soft > begin and cells(text[begin:soft]) * 2 >= width else i
            pieces.append((begin, cut))
            begin, used, soft = cut, cells(text[cut:i]), -1
            if used and used + w > width:  # at a width of 2 or 3, what was carried and a wide character
                pieces.append((begin, i))
                begin, used = i, 0
        used += w
        if text[i] in "/-:":
            soft = i + 1
    pieces.append((begin, end))
    return pieces


class Prose:
    """A Rich renderable: `text` wrapped by line_ranges at whatever width it is given (a table
    cell, a padded block), its styles kept. A table gives it at least its widest unbreakable
    part when it can, so a command or a link stays whole."""

    def __init__(self, text: Text | str) -> None:
        from rich.text import Text

        from hygiene.inert import inert
        from hygiene.reporters.console import shown

        # A str is made inert before Rich sees it: Rich would drop a carriage return or a BEL.
        text = text.copy() if isinstance(text, Text) else Text(inert(text))
        text.plain = text.plain.replace("\t", " ")  # Rich would widen a tab after the lines are measured
        self.text = shown(text)  # measured as it will be shown: nothing is cut off

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        ranges = line_ranges(self.text.plain, options.max_width, cell_len)
        # One division, not a slice per line: each slice of a Text copies all of it.
        lines = self.text.divide(offset for line in ranges for offset in line)[1::2]
        for line in lines:
            line.plain = line.plain.replace(NBSP, " ")  # same length: the styles stay where they were
        out = Text("\n").join(lines)
        out.no_wrap, out.overflow, out.end = True, "fold", "\n"
        yield out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len
        from rich.measure import Measurement

        paragraphs = self.text.plain.split("\n")
        units = (p[s:e] for p in paragraphs for s, e in _units(p, 0, len(p), code=True))
        widest_unit = max(map(cell_len, units), default=0)
        widest_line = max(map(cell_len, paragraphs))
        return Measurement(widest_unit, widest_line).clamp(max_width=options.max_width)


def hanging(rows: list[tuple[str, Text | str]], edge: bool = True) -> Table:
    """A list: a marker column ("-", "1.") and a text column, so that wrapped lines stay under
    their text, not under the marker. With `edge`, one space before the marker."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1), pad_edge=edge)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for marker, text in rows:
        grid.add_row(marker, Prose(text))
    return grid
