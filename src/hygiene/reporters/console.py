"""The one way hygiene makes a Rich console, so that everything it prints is inert.

Every console treats strings as plain text (markup off: a title of `[/bold]` is printed, not
parsed, and cannot crash the renderer), and a render hook passes every segment Rich is about
to write through hygiene.inert: escape sequences, bidi overrides and lone surrogates from an
export, a profile, a snapshot or a command reach the terminal as visible, harmless text, in
tables, prompts and progress alike. Our own styling is done with Text and styles, never with
markup built from data.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, RenderHook, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

from hygiene.inert import Inert, inert

if TYPE_CHECKING:
    from rich.console import ConsoleRenderable, RenderableType

    from hygiene.reporters import Style


class _Inert:
    """Wraps a renderable; what it renders is made inert segment by segment."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            yield segment if segment.control else Segment(inert(segment.text), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class _InertHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Inert(r) for r in renderables]  # type: ignore[misc]


def make_console(**options: Any) -> Console:
    """A Console with hygiene's defaults (no markup, emoji or highlighting) that prints inert."""
    console = Console(markup=False, emoji=False, highlight=False, **options)
    console.push_render_hook(_InertHook())
    return console


def console_for(style: Style) -> tuple[Console, io.StringIO]:
    """A console that renders a report into a string, with or without colour."""
    buffer = io.StringIO()
    console = make_console(
        file=buffer,
        force_terminal=style.color,
        color_system="standard" if style.color else None,
        width=style.width,
    )
    return console, buffer


def strip_padding(text: str) -> Inert:
    """Rich pads every line to the full width; files and pipes are better without it."""
    return Inert("\n".join(line.rstrip() for line in text.splitlines()) + "\n")
