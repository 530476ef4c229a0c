"""`hygiene learn --workshop`: the course on a projector, paced by the trainer.

One lesson per screen, then each question on its own; Enter moves on, `q` ends. After a
question the room gets a pause to choose (a countdown on screen), the trainer may type how
many hands went up for each option, and only then is the answer shown with why each option is
right or wrong. At the end, the room's tally per question. Nothing is saved: a room's hands
are not a person's training record."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hygiene.learn import screens
from hygiene.learn.lessons import Course, Lesson, Question
from hygiene.learn.session import Ask, whole_number

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from hygiene.data.incident import IncidentGuide

MAX_HANDS = 10_000


class Ended(Exception):
    """The trainer typed q."""


def parse_hands(typed: str) -> int | None:
    """A count of hands in any script's digits (12, ١٢, ۱۲); None when it is not one."""
    number = whole_number(typed, 5)
    return number if number is not None and number <= MAX_HANDS else None


@dataclass
class Workshop:
    course: Course
    console: Console
    ask: Ask
    guide: IncidentGuide
    pause: int  # seconds the room gets before the answer is shown
    clear: bool  # a terminal: each screen starts on a clean one
    tick: Callable[[float], str | None] = lambda seconds: time.sleep(seconds)  # a line typed meanwhile, or None
    tally: list[tuple[Question, list[int]]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return min(self.console.width, 100)

    def show(self, *renderables: RenderableType) -> None:
        from rich.padding import Padding

        for renderable in renderables:  # a margin all round: the room reads it from afar
            self.console.print(Padding(renderable, (0, 2)), width=self.width)

    def screen(self) -> None:
        if self.clear:
            self.console.clear()
        else:
            self.console.print()

    def prompt(self, text: str) -> str:
        """Ask in line with the screen's margin; q ends the workshop wherever it is typed."""
        typed = self.ask(f"  {text}")
        if typed.strip().lower() == "q":
            raise Ended
        return typed

    def wait(self) -> None:
        """Enter goes on, q ends the workshop."""
        self.prompt(self.course.say("workshop_next"))

    def run(self, quiz: bool = False) -> None:
        # The first screen is not cleared: a note printed before it (English instead of Urdu,
        # and why) stays in view.
        self.show(screens.title(self.course, quiz), screens.line(self.course.say("workshop_intro"), "dim"))
        note = screens.unreviewed(self.course)
        if note is not None:
            self.show(note)
        try:
            self.wait()
            number, total = 0, len(self.course.questions)
            for n, lesson in enumerate(self.course.lessons, 1):
                if not quiz:
                    self.lesson(lesson, n)
                for q in lesson.questions:
                    number += 1
                    self.question(q, number, total)
        except Ended:
            pass
        self.screen()
        self.show(self.summary())

    def lesson(self, lesson: Lesson, n: int) -> None:
        """One screen at a time: the room never sees a lesson scroll past."""
        blocks = [
            screens.lesson_header(self.course, lesson, n),
            *screens.lesson_blocks(self.course, lesson, self.guide),
            screens.sources_note(self.course),
        ]
        room = max(self.console.height - 3, 8)  # the prompt, and a line to spare
        for page in screens.pages(self.console, blocks, self.width - 4, room):
            self.screen()
            self.show(*page)
            self.wait()

    def question(self, q: Question, n: int, total: int) -> None:
        self.screen()
        self.show(screens.question(self.course, q, n, total))
        self.wait()
        self.countdown()
        hands = self.count_hands(q)
        self.show(screens.every_why(self.course, q))
        if hands is not None:
            self.tally.append((q, hands))
            self.show(screens.line(self.room(q, hands), "bold"))
        self.wait()

    def countdown(self) -> None:
        """The room's time to choose, counted down on one line: Enter cuts it short, q ends."""
        if self.pause <= 0:
            return
        self.console.print(f"  {self.course.say('workshop_pause')}", end="")
        for left in range(self.pause, 0, -1):
            self.console.print(f" {left}", end="")
            self.console.file.flush()
            typed = self.tick(1)
            if typed is not None:
                if typed.strip().lower() == "q":
                    raise Ended
                return  # the Enter typed ended the line
        self.console.print()

    def count_hands(self, q: Question) -> list[int] | None:
        """Hands per option, typed by the trainer; Enter at the first skips the count."""
        self.show(screens.line(self.course.say("workshop_count"), "dim"))
        hands: list[int] = []
        for k in range(1, len(q.options) + 1):
            while True:
                typed = self.prompt(self.course.say("workshop_hands", n=k))
                if not typed.strip() and k == 1:
                    return None
                count = parse_hands(typed or "0")
                if count is not None:
                    hands.append(count)
                    break
                self.show(screens.line(self.course.say("workshop_not_hands")))
        return hands

    def room(self, q: Question, hands: list[int]) -> str:
        everyone = sum(hands)
        share = round(100 * hands[q.answer - 1] / everyone) if everyone else 0
        return self.course.say("workshop_room", right=hands[q.answer - 1], hands=everyone, share=share)

    def summary(self) -> RenderableType:
        from rich.console import Group

        lines: list[RenderableType] = [screens.line(self.course.say("workshop_done"), "bold")]
        for q, hands in self.tally:
            number = next(i for i, asked in enumerate(self.course.questions, 1) if asked.id == q.id)
            lines.append(screens.line(f"{self.course.say('question_short', n=number)}: {self.room(q, hands)}"))
        lines.append(screens.line(self.course.say("workshop_nothing_saved"), "dim"))
        return Group(*lines)
