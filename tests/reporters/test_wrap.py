"""Wrapping that never cuts: commands whole, links folded where they must be, points glued."""

import io
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.measure import Measurement
from rich.padding import Padding
from rich.text import Text

from hygiene.inert import inert
from hygiene.reporters.console import make_console
from hygiene.reporters.wrap import NBSP, Prose, fill, line_ranges
from tests.helpers import fuzz_settings


def lines(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in line_ranges(text, width)]


def test_words_wrap_at_spaces_and_the_breaking_spaces_belong_to_no_line():
    assert lines("one two three four", 9) == ["one two", "three", "four"]
    assert lines("one  two", 20) == ["one  two"]  # spaces inside a line are kept as they are


def test_a_command_in_backticks_moves_whole_to_the_next_line():
    text = "then run `sudo apt install unattended-upgrades` and answer Yes"
    assert lines(text, 40) == ["then run", "`sudo apt install unattended-upgrades`", "and answer Yes"]


def test_punctuation_after_a_command_stays_with_it():
    assert lines("run `hygiene init`, then", 15) == ["run", "`hygiene init`,", "then"]


def test_a_command_wider_than_the_line_gets_lines_of_its_own_broken_at_its_spaces():
    text = "a `restic restore latest --target /tmp/restore-test` b"
    assert lines(text, 20) == ["a", "`restic restore", "latest --target", "/tmp/restore-test`", "b"]


def test_a_stray_backtick_glues_the_rest_but_nothing_is_lost():
    text = "it's a `odd file name with a stray backtick"
    assert " ".join(lines(text, 12)).split() == text.split()


def test_a_word_wider_than_the_line_is_folded_after_a_slash_or_hyphen_where_it_can():
    assert lines("https://example.com/settings/security", 24) == ["https://example.com/", "settings/security"]
    assert lines("(APT::Periodic::Unattended-Upgrade).", 30) == ["(APT::Periodic::Unattended-", "Upgrade)."]
    assert lines("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_wide_characters_count_as_two_cells():
    assert lines("数据 数据 数据", 9) == ["数据 数据", "数据"]
    assert lines("数据数据数据", 5) == ["数据", "数据", "数据"]


def test_a_newline_ends_a_line_and_an_empty_paragraph_stays():
    assert lines("one\n\ntwo three", 5) == ["one", "", "two", "three"]


def test_a_no_break_space_glues_and_shows_as_a_space():
    text = f"ENC-001 The system disk is encrypted  +6.8{NBSP}points"
    assert fill(text, 41).splitlines() == ["ENC-001 The system disk is encrypted", "+6.8 points"]


def test_fill_hangs_the_rest_under_the_first_line():
    assert fill("not good enough: it is not encrypted", 25, indent=9, first="Verdict: ") == (
        "Verdict: not good enough:\n         it is not\n         encrypted"
    )


@pytest.mark.parametrize("width", [0, 1, 2])
def test_any_width_makes_progress(width):
    assert "".join(lines("abc `d e` f", width)).replace(" ", "") == "abc`de`f"


def test_linear_time_on_a_huge_hostile_text():
    text = ("`" + "a " * 50_000) * 4 + "-/:" * 100_000
    started = time.perf_counter()
    ranges = line_ranges(text, 37)
    assert time.perf_counter() - started < 5 and ranges[-1][1] == len(text)


def render(renderable, width: int) -> str:
    console = make_console(color=False, width=width)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def test_prose_keeps_its_styles_and_never_exceeds_its_width():
    text = Text("bold words", style="bold").append(" then `a command here` plain")
    console = make_console(color=True, width=20)
    with console.capture() as capture:
        console.print(Prose(text))
    assert "\x1b[1mbold words" in capture.get()
    assert [line.rstrip() for line in render(Prose(text), 20).splitlines()] == [
        "bold words then",
        "`a command here`",
        "plain",
    ]


def test_prose_measures_its_widest_unbreakable_part_and_its_longest_line():
    console = make_console(color=False, width=80)
    prose = Prose("run `hygiene audit --vault EXPORT` now\nand then")
    assert Measurement.get(console, console.options, prose) == Measurement(30, 38)


@pytest.mark.parametrize(
    "hostile",
    [
        "\x1b[2J" * 12,  # an escape code: Rich counts ESC as no cell, it is shown as ␛
        "\u202e" * 12,  # a bidi override: shown as <U+202E>, eight cells
        "a\tb\tc\td\te\tf\tg\th",  # tabs: Rich would widen them after the lines were measured
    ],
)
def test_prose_lays_out_hostile_text_as_it_will_be_shown_and_loses_none_of_it(hostile):
    """Text from outside is made visible (hygiene.inert) before it is wrapped, not after: made
    visible after, a line grew wider than the console and the console cut off its end."""
    text = Text("found ", style="bold").append(hostile).append(" the end", style="red")
    shown = render(Prose(text), 20)
    assert all(cell_len(line.rstrip()) <= 20 for line in shown.splitlines()), shown
    words = "".join(shown.split())
    assert words.startswith("found") and words.endswith("theend"), shown
    assert "\x1b" not in shown and "\u202e" not in shown
    assert words.count("␛") == hostile.count("\x1b") and words.count("<U+202E>") == hostile.count("\u202e")


def test_prose_keeps_its_styles_around_what_it_makes_visible():
    text = Text("a\x1bb", style="").append("\u202ec", style="bold")
    console = make_console(color=True, width=40)
    with console.capture() as capture:
        console.print(Prose(text))
    assert "a␛b\x1b[1m<U+202E>c\x1b[0m" in capture.get()


def test_prose_renders_a_huge_text_in_linear_time():
    """One slice of a Rich Text copies the whole text: a slice per line was quadratic (13 s for
    one 1 MB summary from a hostile snapshot or export)."""
    text = Text("word " * 200_000, style="bold")
    console = make_console(color=False, width=80, file=io.StringIO())
    started = time.perf_counter()
    console.print(Padding(Prose(text), (0, 0, 0, 2)))
    assert time.perf_counter() - started < 5
    assert console.file.getvalue().count("word") == 200_000


def test_fill_measures_text_from_outside_as_it_will_be_shown():
    """A bidi override is shown as <U+202E> (eight cells) and a tab as up to eight: measured as
    one cell each, a line of a backup verdict came out wider than the terminal."""
    text = "backup of " + "\u202e" * 6 + "\tand\tmore words here"
    lines = fill(text, 20).splitlines()
    assert all(len(line) <= 20 for line in lines) and "\t" not in "".join(lines), lines
    assert "".join(lines).count("<U+202E>") == 6


HOSTILE = "ab `[/]\t \u00a0\x1b\r\x07\u202e\u200b\u0301数😀/-:\n"


@given(text=st.text(alphabet=HOSTILE, max_size=200), width=st.integers(min_value=2, max_value=50))
@fuzz_settings(ci_examples=200)
def test_fuzz_prose_shows_every_character_inert_and_within_its_width(text, width):
    """Whatever the text, every character reaches the output, made visible, and no line is wider
    than the width (a wide character needs two cells, so the width is at least 2)."""
    shown = render(Prose(text), width)
    assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown
    assert all(cell_len(line.rstrip()) <= width for line in shown.splitlines()), shown
    expected = inert(text).replace("\t", " ").replace(NBSP, " ")
    assert "".join(shown.split()) == "".join(expected.split())


def test_a_folded_word_never_carries_more_than_the_line_takes():
    """Cut after the ':', the '[' carried over and the wide '数' made three cells on a line of two."""
    assert lines(":[数", 2) == [":", "[", "数"]
