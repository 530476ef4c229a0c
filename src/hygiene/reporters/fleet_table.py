"""The fleet at a terminal (Rich): the fleet's score, a table of hosts (worst first), then the
checks that fail, worst first, each with its fix for every platform it fails on."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from hygiene.fleet.summary import Fleet, HostLine
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
from hygiene.reporters.wrap import Prose
from hygiene.words import count

HOST_CELLS = 24  # a longer host name wraps within its column


def _score(h: HostLine) -> Text:
    grade = h.result.grade if h.result is not None and h.failure is None else None
    return Text(host_score(h), style=GRADE_STYLE.get(grade or "", ""))


def _what(h: HostLine) -> Prose:
    if h.failure is not None:
        return Prose(Text(failure_text(h), style="bold red"))
    return Prose(", ".join(h.result.critical) if h.result and h.result.critical else "none")


def _hosts(fleet: Fleet) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Host", max_width=HOST_CELLS, overflow="fold")
    table.add_column("System", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Cover", justify="right", no_wrap=True)
    table.add_column("Audited", no_wrap=True)
    table.add_column("Critical failing", ratio=1)
    for h in fleet.hosts:
        audited = Text(age(h, "\n"), style="yellow" if h.stale else "")
        table.add_row(Prose(h.host), platform(h), _score(h), coverage(h), audited, _what(h))
    return table


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
    console.print(_hosts(fleet))
    console.print()
    if not fleet.checks:
        console.print("No check fails or warns on any host with a current result.")
        return strip_padding(buffer.getvalue())
    console.print(Text("Checks that fail, worst first", style="bold"))
    console.print(Prose(Text(f"({GAIN})", style="dim")))
    console.print(_checks(fleet))
    return strip_padding(buffer.getvalue())
