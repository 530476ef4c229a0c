"""The session and the workshop on this process's terminal: hygiene's console (inert text, its
colour rules) and a prompt that reads one line of standard input."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from hygiene.learn.lessons import Course
from hygiene.learn.session import Ask, Session
from hygiene.learn.workshop import Workshop

if TYPE_CHECKING:
    from rich.console import Console

    from hygiene.data.incident import IncidentGuide


def _console_and_ask() -> tuple[Console, Ask]:
    from hygiene.reporters.console import make_console

    console = make_console()

    def ask(prompt: str) -> str:  # on the same console, so a prompt follows its colour and inert rules
        return console.input(f"{prompt}: ")

    return console, ask


def session(course: Course, guide: IncidentGuide) -> Session:
    console, ask = _console_and_ask()
    return Session(course, console, ask, guide, at_terminal=sys.stdin.isatty())


def workshop(course: Course, guide: IncidentGuide, pause: int) -> Workshop:
    console, ask = _console_and_ask()
    return Workshop(course, console, ask, guide, pause, clear=console.is_terminal)
