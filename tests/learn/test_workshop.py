"""The trainer's mode: paced by Enter, a pause before each answer, the room's hands counted."""

import pytest

from hygiene.data.incident import incident_guide
from hygiene.learn.lessons import parse_course
from hygiene.learn.workshop import Workshop, parse_hands
from hygiene.reporters import Style
from hygiene.reporters.console import console_for
from tests.learn.course_text import course_toml

COURSE = parse_course(course_toml(), "lessons/en.toml")


@pytest.mark.parametrize(("typed", "hands"), [("12", 12), (" 0 ", 0), ("١٢", 12), ("۱۵", 15), ("10000", 10000)])
def test_hands_in_any_digits(typed, hands):
    assert parse_hands(typed) == hands


@pytest.mark.parametrize("typed", ["", "x", "-3", "1.5", "10001", "123456", "1 2", "²"])
def test_what_is_not_a_count(typed):
    assert parse_hands(typed) is None


def _workshop(answers, pause=3):
    console, out = console_for(Style(color=False, width=80))
    slept = []

    def ask(prompt):
        return answers.pop(0) if answers else "q"

    w = Workshop(COURSE, console, ask, incident_guide("GB"), pause=pause, clear=False, tick=slept.append)
    return w, out, slept


def test_a_question_pauses_counts_hands_then_explains_every_option():
    # intro, lesson 1, question 1 (Enter, hands 5/12/3, Enter), question 2 (Enter, skip count, Enter), then q
    w, out, slept = _workshop(["", "", "", "5", "12", "3", "", "", "", "", "q"])
    w.run()
    text = out.getvalue()
    assert slept == [1, 1, 1] * 2  # a countdown before each answer
    assert "Hands up in 3 2 1" in text
    first = text.index("Why 1 of phishing-1")
    assert text.index("Why 3 of phishing-1") > first  # every option's why, for the room
    assert "The room: 12 of 20 hands on the right answer (60 %)." in text
    assert "Question 1: The room: 12 of 20" in text.split("Workshop over.")[1]  # the tally at the end
    assert "Question 2:" not in text.split("Workshop over.")[1]  # skipped counts are not tallied
    assert "Nothing was saved." in text


def test_q_ends_at_once_with_the_tally_so_far():
    w, out, _ = _workshop(["q"])
    w.run()
    assert "Lesson 1" not in out.getvalue() and "Workshop over." in out.getvalue()


def test_a_count_that_is_not_a_number_is_asked_again():
    w, out, _ = _workshop(["", "", "", "many", "4", "", "", ""], pause=0)
    w.run()
    assert "Please type a number of hands" in out.getvalue()
    assert "The room: 0 of 4 hands" in out.getvalue()  # 4 for option 1, Enter for 2 and 3: none


def test_the_quiz_workshop_skips_the_lessons():
    w, out, _ = _workshop(["", "", ""], pause=0)
    w.run(quiz=True)
    assert "Lesson 1 of 6" not in out.getvalue() and "Question 1 of 12" in out.getvalue()


def _ticking(answers, typed_during_countdown):
    """A workshop whose countdown hears `typed_during_countdown` at its second tick."""
    w, out, slept = _workshop(answers)
    ticks = iter([None, typed_during_countdown] + [None] * 100)

    def tick(seconds):
        slept.append(seconds)
        return next(ticks)

    w.tick = tick
    return w, out, slept


def test_enter_during_the_countdown_shows_the_answer_at_once():
    w, out, slept = _ticking(["", "", "", "", "q"], "\n")
    w.run()
    assert slept == [1, 1] and "Hands up in 3 2" in out.getvalue() and "Hands up in 3 2 1" not in out.getvalue()
    assert "The answer is 2." in out.getvalue()


def test_q_during_the_countdown_ends_the_workshop_and_is_not_a_count_of_hands():
    w, out, _ = _ticking(["", "", ""], "q\n")
    w.run()
    text = out.getvalue()
    assert "Workshop over." in text and "Please type a number of hands" not in text and "The answer is" not in text


def test_q_when_hands_are_asked_ends_the_workshop():
    w, out, _ = _workshop(["", "", "", "4", "q"], pause=0)
    w.run()
    assert "Workshop over." in out.getvalue() and "The answer is" not in out.getvalue()


def test_prompts_stand_in_the_screen_margin():
    asked = []
    w, _, _ = _workshop([], pause=0)
    w.ask = lambda prompt: asked.append(prompt) or "q"
    w.run()
    assert asked == ["  Enter to go on, q to end"]


def test_each_lesson_screen_fits_the_terminal_and_the_first_screen_is_not_cleared():
    from rich.console import Console

    w, out, _ = _workshop([""] * 30, pause=0)
    w.console = Console(file=out, width=60, height=14, color_system=None, markup=False, force_terminal=False)
    cleared = []
    w.screen = lambda: cleared.append(len(out.getvalue()))
    shown_at = []
    w.ask = lambda prompt: shown_at.append(len(out.getvalue())) or ("q" if len(shown_at) > 12 else "")
    w.run()
    assert cleared and cleared[0] > 0  # the intro (and a note before it) stayed; screens after are fresh
    for start, end in zip(cleared, shown_at[1:], strict=False):
        assert len(out.getvalue()[start:end].strip("\n").split("\n")) <= 11  # the room sees the whole screen
