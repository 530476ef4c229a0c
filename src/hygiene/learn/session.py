"""One person's run through the course (`hygiene learn`) or its questions (`--quiz`).

Input is one line per answer, so a script can pipe the answers in; at a terminal the lesson
waits for Enter before its questions, and piped, it does not (a script would have to guess
where the pauses are). What is kept is only which questions were answered right."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from hygiene.learn import screens
from hygiene.learn.lessons import Course, Lesson, Question
from hygiene.learn.result import LESSONS, QUIZ, TrainingResult

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from hygiene.data.incident import IncidentGuide

Ask = Callable[[str], str]  # shows a prompt, returns the line typed (EOFError when input ends)
MAX_TRIES = 20  # a script answering nonsense forever ends instead of looping


class NoAnswer(Exception):
    """Standard input gave no usable answer to a question: the session ends, unrecorded."""


def whole_number(typed: str, digits: int) -> int | None:
    """A whole number of at most `digits` decimal digits, in any script's (12, ١٢, ۱۲; not ²):
    None when `typed` is not one."""
    text = typed.strip()
    if not 1 <= len(text) <= digits:
        return None
    try:
        return int("".join(str(unicodedata.decimal(c)) for c in text))
    except ValueError:
        return None


def parse_choice(typed: str, q: Question) -> int | None:
    """The option number typed (1, ١, ۱ ...): None when it is not one."""
    number = whole_number(typed, 1)
    return number if number is not None and 1 <= number <= len(q.options) else None


@dataclass
class Session:
    course: Course
    console: Console
    ask: Ask
    guide: IncidentGuide
    at_terminal: bool  # wait for Enter after each lesson; piped, echo each answer instead
    today: Callable[[], date] = date.today
    now: Callable[[], datetime] = lambda: datetime.now(UTC)

    def show(self, *renderables: RenderableType) -> None:
        width = min(self.console.width, screens.READING_WIDTH)
        for renderable in renderables:
            self.console.print(renderable, width=width)

    def opening(self, quiz: bool) -> None:
        """The title; at a terminal it waits, so a note printed before it (English instead of
        Urdu, and why) is read before the lesson scrolls it away."""
        self.show(screens.title(self.course, quiz))
        note = screens.unreviewed(self.course)
        if note is not None:
            self.show(note)
        if self.at_terminal:
            self.ask(self.course.say("begin"))
        self.console.print()

    def run(self, quiz: bool = False) -> TrainingResult:
        """The whole course, or with `quiz` its questions alone; the answers are scored at the end."""
        self.opening(quiz)
        answers: list[tuple[str, bool]] = []
        total = len(self.course.questions)
        for n, lesson in enumerate(self.course.lessons, 1):
            if not quiz:
                self.teach(lesson, n)
            for q in lesson.questions:
                answers.append((q.id, self.quiz(q, len(answers) + 1, total)))
            if not quiz:
                right = sum(ok for _, ok in answers[-len(lesson.questions) :])
                self.show(screens.lesson_score(self.course, right, len(lesson.questions)))
                if self.at_terminal and n < len(self.course.lessons):  # the last answer is read first
                    self.ask(self.course.say("next_lesson"))
                self.console.print()
        return TrainingResult(self.now(), self.today(), QUIZ if quiz else LESSONS, self.course.language, tuple(answers))

    def teach(self, lesson: Lesson, n: int) -> None:
        """The lesson, at a terminal a screen at a time (a long one never scrolls past unread)."""
        blocks = [
            screens.lesson_header(self.course, lesson, n),
            *screens.lesson_blocks(self.course, lesson, self.guide),
            screens.sources_note(self.course),
        ]
        if not self.at_terminal:
            self.show(*blocks)
            return
        room = max(self.console.height - 2, 8)  # a line for the prompt, one to spare
        width = min(self.console.width, screens.READING_WIDTH)
        for k, page in enumerate(screens.pages(self.console, blocks, width, room)):
            if k:
                self.ask(self.course.say("more"))
            self.show(*page)
        self.ask(self.course.say("next"))
        self.console.print()

    def quiz(self, q: Question, n: int, total: int) -> bool:
        self.show(screens.question(self.course, q, n, total))
        chosen = self.choice(q)
        self.show(screens.feedback(self.course, q, chosen))
        self.console.print()
        return chosen == q.answer

    def choice(self, q: Question) -> int:
        options = screens.choices(q)
        for _ in range(MAX_TRIES):
            typed = self.ask(self.course.say("choose", choices=options))
            if not self.at_terminal:  # piped: show the answer, as a terminal would have echoed it
                self.console.print(typed.strip()[:20], markup=False)
            chosen = parse_choice(typed, q)
            if chosen is not None:
                return chosen
            self.show(screens.line(self.course.say("not_a_choice", choices=options)))
        raise NoAnswer(f"no answer among {options} after {MAX_TRIES} tries")
