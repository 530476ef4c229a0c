"""What a finished session leaves behind: the profile's `training_completed` and a row of the
history. Question ids and right or wrong only, never what was typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

LESSONS = "lessons"  # the whole course: lessons, then their questions
QUIZ = "quiz"  # `hygiene learn --quiz`: the questions alone
PASS_SHARE = 0.6  # below this share of right answers the course is worth going through again


@dataclass(frozen=True)
class TrainingResult:
    finished_at: datetime  # aware, UTC: when the last question was answered
    day: date  # the user's local date then: what the profile records
    kind: str  # LESSONS or QUIZ
    lang: str  # the lesson file's language code
    answers: tuple[tuple[str, bool], ...]  # (question id, answered right), in the order asked

    @property
    def right(self) -> int:
        return sum(1 for _, ok in self.answers if ok)

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def via(self) -> str:
        """How the profile names where it was done."""
        return "hygiene learn" if self.kind == LESSONS else "hygiene learn --quiz"
