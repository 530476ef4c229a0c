"""One person's run: every answer explained, the score kept as question ids and right or wrong."""

from datetime import UTC, date, datetime

import pytest

from hygiene.data.incident import incident_guide
from hygiene.learn.lessons import parse_course
from hygiene.learn.result import LESSONS, QUIZ
from hygiene.learn.session import MAX_TRIES, NoAnswer, Session, parse_choice
from hygiene.reporters import Style
from hygiene.reporters.console import console_for
from tests.learn.course_text import course_toml

COURSE = parse_course(course_toml(), "lessons/en.toml")
Q = COURSE.questions[0]


@pytest.mark.parametrize(("typed", "chosen"), [("2", 2), (" 3 \n", 3), ("١", 1), ("۲", 2), ("٣", 3)])
def test_an_option_number_in_any_digits(typed, chosen):
    assert parse_choice(typed, Q) == chosen


@pytest.mark.parametrize("typed", ["", "0", "4", "12", "a", "two", "²", "1.", "-1"])
def test_anything_else_is_not_an_answer(typed):
    assert parse_choice(typed, Q) is None


def _session(answers, pauses=False):
    console, out = console_for(Style(color=False, width=80))
    asked = []

    def ask(prompt):
        asked.append(prompt)
        if pauses and not prompt.startswith("Your answer"):
            return ""  # Enter, at a terminal
        if not answers:
            raise EOFError
        return answers.pop(0)

    session = Session(
        COURSE,
        console,
        ask,
        incident_guide("PK"),
        at_terminal=pauses,
        today=lambda: date(2026, 12, 2),
        now=lambda: datetime(2026, 12, 2, 9, 30, tzinfo=UTC),
    )
    return session, out, asked


def test_a_full_run_teaches_asks_explains_and_scores():
    answers = ["2", "1"] * 6  # the first question of each lesson right, the second wrong
    session, out, asked = _session(answers)
    result = session.run()
    text = out.getvalue()
    assert (result.right, result.total, result.kind, result.lang) == (6, 12, LESSONS, "en")
    assert result.answers[:2] == (("phishing-1", True), ("phishing-2", False))
    assert result.day == date(2026, 12, 2) and result.via == "hygiene learn"
    assert "Lesson 1 of 6" in text and "Point one of phishing" in text and "SMS from 8001" in text
    assert "Right." in text and "Not quite: the answer is 2." in text
    assert "Why 1 of phishing-2" in text and "Why 2 of phishing-2" in text  # the wrong pick and the right one
    assert "1 of 2 right in this lesson." in text
    assert "Where to report in Pakistan" in text and "1799" in text  # the region's contacts, from the table
    assert "Press Enter" not in " ".join(asked)  # piped: no pauses to guess


def test_at_a_terminal_each_lesson_waits_for_enter():
    session, _, asked = _session(["2"] * 12, pauses=True)
    assert session.run().right == 12
    assert asked[0] == "Press Enter to begin"  # a note printed before (English instead of Urdu) stays in view
    assert asked.count("Press Enter for the questions") == 6
    assert asked.count("Press Enter for the next lesson") == 5  # the last answer of a lesson is read first


def test_a_lesson_taller_than_the_terminal_is_shown_a_screen_at_a_time():
    from rich.console import Console

    session, out, asked = _session(["2"] * 12, pauses=True)
    session.console = Console(file=out, width=40, height=12, color_system=None, markup=False)
    marks = []
    asking = session.ask

    def ask(prompt):
        marks.append((prompt, len(out.getvalue())))
        return asking(prompt)

    session.ask = ask
    session.run()
    assert asked.count("Press Enter to read on") >= 2  # the phishing lesson is many screens at 40 x 12
    starts = [0] + [at for _, at in marks]
    for (prompt, end), start in zip(marks, starts, strict=False):
        if prompt in ("Press Enter to read on", "Press Enter for the questions"):
            shown = out.getvalue()[start:end].strip("\n").split("\n")
            assert len(shown) <= 10, shown  # a screen, less the prompt's line and one to spare
    assert "Point one of phishing" in out.getvalue() and "SMS from 8001" in out.getvalue()


def test_the_lesson_points_to_the_handout_for_its_sources():
    session, out, _ = _session(["2"] * 12)
    session.run()
    text = " ".join(out.getvalue().split())
    assert "The numbers in brackets are sources: `hygiene learn handout` lists them, with links." in text
    assert "https://guide.example/page" not in text  # the list itself would push the lesson off the screen


def test_the_quiz_is_the_questions_alone():
    session, out, _ = _session(["2"] * 12)
    result = session.run(quiz=True)
    assert result.kind == QUIZ and result.via == "hygiene learn --quiz" and result.right == 12
    assert "Point one" not in out.getvalue() and "12 questions" in out.getvalue()


def test_a_wrong_key_is_asked_again():
    session, out, _ = _session(["x", "9", "2"] + ["2"] * 11)
    assert session.run().right == 12
    assert out.getvalue().count("Please type one of 1, 2, 3.") == 2


def test_input_that_ends_early_ends_the_session():
    session, _, _ = _session(["2", "2"])
    with pytest.raises(EOFError):
        session.run()


def test_endless_nonsense_ends_instead_of_looping():
    session, _, _ = _session(["x"] * (MAX_TRIES + 1))
    with pytest.raises(NoAnswer):
        session.run()


def test_an_unreviewed_course_says_so_first():
    session, out, _ = _session(["2"] * 12)
    session.course = parse_course(course_toml(reviewed=False), "x.toml")
    session.run(quiz=True)
    assert "has reviewed this text yet" in out.getvalue().split("Question 1")[0]
