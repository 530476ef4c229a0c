"""The session and the workshop on this process's terminal: hygiene's console (inert text, its
colour rules) and prompts that read one line of standard input.

At a terminal a person types, with the terminal's line editing. Piped, the input is whatever a
script (or an attacker) sends: a line is read as bytes, at most MAX_LINE of it kept and decoded
with replacement (invalid UTF-8 is simply not an answer), and a line with no end in sight is
refused after MAX_DISCARD bytes instead of filling memory."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from hygiene.learn.lessons import Course
from hygiene.learn.session import Ask, NoAnswer, Session
from hygiene.learn.workshop import Workshop

if TYPE_CHECKING:
    from rich.console import Console

    from hygiene.data.incident import IncidentGuide

MAX_LINE = 4096  # bytes of a piped line that are kept: an answer is a digit
MAX_DISCARD = 1024 * 1024  # bytes of one line read before the input is refused


def piped_line() -> str:
    """One line of piped standard input (see the module's docstring); EOFError at its end."""
    stream = sys.stdin.buffer
    line = stream.readline(MAX_LINE)
    if not line:
        raise EOFError
    read = len(line)
    while not line.endswith(b"\n"):  # an overlong line: the rest is read and dropped, up to a point
        if read >= MAX_DISCARD:
            raise NoAnswer(f"a line of standard input longer than {MAX_DISCARD // 1024} KiB")
        rest = stream.readline(MAX_LINE)
        if not rest or rest.endswith(b"\n"):
            break
        read += len(rest)
    return line.decode("utf-8", errors="replace")


def _console_and_ask() -> tuple[Console, Ask]:
    from hygiene.reporters.console import make_console

    console = make_console()
    at_terminal = sys.stdin.isatty()

    def ask(prompt: str) -> str:  # on the same console, so a prompt follows its colour and inert rules
        if not at_terminal:
            console.print(f"{prompt}: ", end="")
            return piped_line()
        try:
            return console.input(f"{prompt}: ")
        except UnicodeDecodeError:  # bytes the terminal's encoding cannot read: not an answer
            return "\ufffd"

    return console, ask


def _tick(seconds: float) -> str | None:
    """Wait up to `seconds`; a line the trainer typed meanwhile ends the wait (POSIX terminals:
    select() on standard input). Elsewhere, just wait."""
    if sys.platform != "win32" and sys.stdin.isatty():
        import select

        ready, _, _ = select.select([sys.stdin], [], [], seconds)
        if ready:
            line = sys.stdin.readline()
            return line if line else "q"  # end of input ends the workshop
        return None
    time.sleep(seconds)
    return None


def session(course: Course, guide: IncidentGuide) -> Session:
    console, ask = _console_and_ask()
    return Session(course, console, ask, guide, at_terminal=sys.stdin.isatty())


def workshop(course: Course, guide: IncidentGuide, pause: int) -> Workshop:
    console, ask = _console_and_ask()
    return Workshop(course, console, ask, guide, pause, clear=console.is_terminal, tick=_tick)
