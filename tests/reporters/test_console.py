"""The one colour decision: --color/--no-color, then NO_COLOR and TERM=dumb, then a terminal."""

import io

import pytest

from hygiene.reporters import Style
from hygiene.reporters.console import choose_color, console_for, make_console, wants_color


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    yield
    choose_color(None)


def test_a_terminal_gets_colour_and_a_pipe_does_not():
    assert wants_color(Terminal()) and not wants_color(io.StringIO())


@pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")])
def test_no_color_and_a_dumb_terminal_get_none(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    assert not wants_color(Terminal())


def test_an_empty_no_color_is_not_set(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "")  # https://no-color.org: "present and not an empty string"
    assert wants_color(Terminal())


def test_the_flag_wins_either_way(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    choose_color(True)
    assert wants_color(io.StringIO())
    choose_color(False)
    monkeypatch.delenv("NO_COLOR")
    assert not wants_color(Terminal())


def draw(console) -> str:
    with console.capture() as capture:
        console.print("warning", style="bold red")
    return capture.get()


def test_consoles_follow_the_decision_for_their_stream(monkeypatch):
    assert "\x1b[" in draw(make_console(file=Terminal()))
    assert "\x1b[" not in draw(make_console(file=io.StringIO()))
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in draw(make_console(file=Terminal()))  # not even bold: no escape code at all
    choose_color(True)
    assert "\x1b[" in draw(make_console(file=io.StringIO()))
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b[" in draw(make_console(file=io.StringIO()))


def test_a_report_style_of_none_asks_the_decision(monkeypatch):
    choose_color(True)
    console, buffer = console_for(Style(color=None, width=40))
    console.print("x", style="red")
    assert "\x1b[" in buffer.getvalue()
    console, buffer = console_for(Style(color=False, width=40))  # a file: always plain
    console.print("x", style="red")
    assert "\x1b[" not in buffer.getvalue()


def test_a_line_with_escape_codes_is_wrapped_as_shown_and_nothing_is_cut():
    """A host name from a snapshot with 30 escape characters: Rich counted them as no cell and
    the console cut the line once they became visible (␛); they are made visible first."""
    console = make_console(color=False, width=20, file=io.StringIO())
    console.print("Host " + "\x1b" * 30 + " end")
    lines = console.file.getvalue().splitlines()
    assert "".join(lines).replace(" ", "") == "Host" + "␛" * 30 + "end"
    assert max(map(len, lines)) <= 20
