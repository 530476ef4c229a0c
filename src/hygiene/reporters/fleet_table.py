"""The fleet at a terminal (Rich): the fleet's score, a table of hosts (worst first), then the
checks that fail, worst first, each with its fix for every platform it fails on."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Span, Text

from hygiene.fleet.summary import Fleet, HostLine
from hygiene.inert import inert
from hygiene.reporters import Style
from hygiene.reporters.console import console_for, strip_padding
from hygiene.reporters.fleet_words import (
    GAIN,
    age,
    coverage,
    failure_text,
    fixes,
    gain,
    headline,
    host_score,
    notes,
    platform,
)
from hygiene.reporters.table import GRADE_STYLE
from hygiene.reporters.wrap import Prose, cell_width, line_ranges
from hygiene.words import count

HOST_CELLS = 24  # a longer host name wraps within its column
COLUMNS = (("Host", "left"), ("System", "left"), ("Score", "right"), ("Cover", "right"), ("Audited", "left"),
           ("Critical failing", "left"))  # fmt: skip


def _score(h: HostLine) -> str:
    grade = h.result.grade if h.result is not None and h.failure is None else None
    return GRADE_STYLE.get(grade or "", "")


def _cells(h: HostLine) -> list[tuple[str, str]]:
    """Each column's text and style."""
    if h.failure is not None:
        what = (failure_text(h), "bold red")
    else:
        what = (", ".join(h.result.critical) if h.result and h.result.critical else "none", "")
    return [(h.host, ""), (platform(h), ""), (host_score(h), _score(h)), (coverage(h), ""),
            (age(h, "\n"), "yellow" if h.stale else ""), what]  # fmt: skip


Line = tuple[str, list[Span]]  # a line's text, and where its styles go


def _lines(cells: list[tuple[str, str]], widths: list[int]) -> list[Line]:
    """One row: each cell wrapped in its column as Prose wraps (made inert first, so it is
    measured as shown), its lines side by side."""
    columns = []
    for (text, _), width in zip(cells, widths, strict=True):
        shown = inert(text).replace("\t", " ")
        fits = "\n" not in shown and cell_width(shown) <= width  # most cells: no need to wrap
        columns.append([shown] if fits else [shown[s:e] for s, e in line_ranges(shown, width)])
    lines = []
    for i in range(max(len(c) for c in columns)):
        plain, spans = "", []
        for n, ((_, cell_style), parts, width, (_, justify)) in enumerate(
            zip(cells, columns, widths, COLUMNS, strict=True)
        ):
            piece = parts[i] if i < len(parts) else ""
            pad = " " * (width - cell_width(piece))
            plain += ("   " if n else "") + (pad if justify == "right" else "")
            if cell_style and piece:
                spans.append(Span(len(plain), len(plain) + len(piece), cell_style))
            plain += piece + (pad if justify == "left" else "")
        lines.append((plain, spans))
    return lines


def _hosts(fleet: Fleet, width: int) -> list[Line]:
    """The table laid out here rather than by rich.Table, whose measuring and drawing of every
    cell took about a millisecond a host (9 s for 10,000); the layout is the same."""
    rows = [_cells(h) for h in fleet.hosts]
    widths = [
        min(max([4, *(cell_width(inert(row[0][0])) for row in rows)]), HOST_CELLS),
        max([len("System"), *(len(row[1][0]) for row in rows)]),
        len("100 A"),
        len("Cover"),
        max([len("Audited"), *(cell_width(row[4][0].split("\n")[0]) for row in rows)]),
    ]
    widths.append(max(width - sum(widths) - 3 * len(widths), len("Critical failing")))
    header = [(name, "bold") for name, _ in COLUMNS]
    lines = [*_lines(header, widths), ("─" * (sum(widths) + 3 * (len(widths) - 1)), [])]
    for row in rows:
        lines += _lines(row, widths)
    return lines


def _print_hosts(console: Console, fleet: Fleet) -> None:
    """Without colour the lines are written as they are: Rich took a second to print the table
    of 10,000 hosts. They are laid out to fit, and inert already."""
    lines = _hosts(fleet, console.width)
    if console.color_system is None:
        console.file.write("".join(f"{plain}\n" for plain, _ in lines))
    else:
        text = Text("\n").join(Text(plain, spans=spans) for plain, spans in lines)
        console.print(text, no_wrap=True, crop=False)


def _checks(fleet: Fleet) -> Table:
    grid = Table.grid(padding=(0, 2))
    for name in ("FAIL", "WARN", "Gain"):
        grid.add_column(name, justify="right", no_wrap=True)
    grid.add_column()
    grid.add_row(Text("FAIL", style="bold"), Text("WARN", style="bold"), Text("Gain", style="bold"), "")
    for c in fleet.checks:
        title = Text(f"{c.id} {c.title}", style="bold").append(f" ({c.severity})", style="dim")
        how = [Prose(f"{names}: {fix}") for names, fix in fixes(c)]
        about = Group(Prose(title), Padding(Group(*how), (0, 0, 0, 2)))
        grid.add_row(str(len(c.failing)), str(len(c.warning)), gain(c.gain), about)
    return grid


def fleet_table(fleet: Fleet, style: Style) -> str:
    console, buffer = console_for(style)
    console.print(Text(f"hygiene fleet · {count(len(fleet.hosts), 'host')}", style="bold"))
    console.print(Prose(Text(headline(fleet), style="bold")))
    for line in notes(fleet):
        console.print(Prose(Text(line, style="yellow")))
    console.print()
    _print_hosts(console, fleet)
    console.print()
    if not fleet.checks:
        console.print("No check fails or warns on any host with a current result.")
        return strip_padding(buffer.getvalue())
    console.print(Text("Checks that fail, worst first", style="bold"))
    console.print(Prose(Text(f"({GAIN})", style="dim")))
    console.print(_checks(fleet))
    return strip_padding(buffer.getvalue())
