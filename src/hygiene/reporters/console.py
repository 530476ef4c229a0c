"""The one way hygiene makes a Rich console, so that everything it prints is inert, and the one
place that decides whether output is in colour.

Every console treats strings as plain text (markup off: a title of `[/bold]` is printed, not
parsed, and cannot crash the renderer), and a render hook passes every segment Rich is about
to write through hygiene.inert: escape sequences, bidi overrides and lone surrogates from an
export, a profile, a snapshot or a command reach the terminal as visible, harmless text, in
tables, prompts and progress alike. Our own styling is done with Text and styles, never with
markup built from data.

Colour: `--color`/`--no-color` decide when given; otherwise colour only on a terminal, never
when NO_COLOR is set (https://no-color.org) or TERM is `dumb`. Files are always plain. Rich is
imported only when a console is made, so a JSON report never loads it.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from hygiene.inert import Inert, inert, stand_ins

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

    from hygiene.reporters import Style

_chosen: bool | None = None  # --color (True) or --no-color (False) for this run; None: not given


def choose_color(choice: bool | None) -> None:
    """Record --color/--no-color (or neither, None) for every console of this run."""
    global _chosen
    _chosen = choice


def wants_color(stream: TextIO) -> bool:
    """Whether output written to `stream` should be in colour."""
    if _chosen is not None:
        return _chosen
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def shown(text: Text) -> Text:
    """`text` as it will reach the terminal, its styles kept: what inert() makes visible is made
    visible before Rich lays the text out, so its lines are measured as they will be printed.
    Made visible after, an escape character (no cell to Rich) became a cell and a bidi override
    eight, a line grew wider than the console, and the console cut its end off."""
    from bisect import bisect_left

    from rich.text import Span

    changes = stand_ins(text.plain)
    if not changes:
        return text
    plain, parts, starts, grown, last = text.plain, [], [], [], 0
    for at, stand_in in changes:
        parts += (plain[last:at], stand_in)
        last = at + 1
        starts.append(at)
        grown.append((grown[-1] if grown else 0) + len(stand_in) - 1)
    parts.append(plain[last:])

    def moved(offset: int) -> int:  # an offset in `text`, in the text shown
        before = bisect_left(starts, offset)  # the changes before it
        return offset + (grown[before - 1] if before else 0)

    out = text.blank_copy("".join(parts))
    out.spans = [Span(moved(s.start), moved(s.end), s.style) for s in text.spans]
    return out


class _Inert:
    """Wraps a renderable; what it renders is made inert segment by segment."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            yield segment if segment.control else Segment(inert(segment.text), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.renderable)


class _InertHook:
    """A Rich render hook (rich.console.RenderHook, which Rich calls by duck typing)."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        from rich.text import Text

        return [_Inert(shown(r) if isinstance(r, Text) else r) for r in renderables]  # type: ignore[misc]


def make_console(color: bool | None = None, **options: Any) -> Console:
    """A Console with hygiene's defaults (no markup, emoji or highlighting) that prints inert, in
    colour when `color` says so or, when it is None, when wants_color() does for its stream."""
    from rich.console import Console

    if color is None:
        color = wants_color(options.get("file") or (sys.stderr if options.get("stderr") else sys.stdout))
    if not color:
        options["color_system"] = None  # not even bold: no escape code at all, on a terminal too
    else:
        options["no_color"] = False  # Rich would read NO_COLOR itself; the decision is taken
        options.setdefault("force_terminal", True)  # through a pipe too, when --color says so
        if os.environ.get("TERM") == "dumb":  # only --color gets here; Rich would find no colours
            options.setdefault("color_system", "standard")
    console = Console(markup=False, emoji=False, highlight=False, **options)
    console.push_render_hook(_InertHook())  # type: ignore[arg-type]
    return console


def console_for(style: Style) -> tuple[Console, io.StringIO]:
    """A console that renders a report into a string, in colour if the style asks for it (a
    style's colour of None: as wants_color() decides for standard output)."""
    color = wants_color(sys.stdout) if style.color is None else style.color
    buffer = io.StringIO()
    console = make_console(
        color, file=buffer, force_terminal=color, color_system="standard" if color else None, width=style.width
    )
    return console, buffer


def strip_padding(text: str) -> Inert:
    """Rich pads every line to the full width; files and pipes are better without it."""
    return Inert("\n".join(line.rstrip() for line in text.splitlines()) + "\n")
