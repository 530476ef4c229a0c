"""What a finished `hygiene learn` session becomes in the history, and back: when it finished,
which course, in which language, the score, and each question's id with right or wrong.
Never free text: ids and language codes are checked against narrow patterns, and nothing a
person typed is kept."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from hygiene.learn.result import LESSONS, QUIZ, TrainingResult
from hygiene.profile.model import MAX_OUT_OF
from hygiene.store.history import TrainingSession
from hygiene.store.records import utc_text

KINDS = (LESSONS, QUIZ)
QUESTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # as the lesson files name questions
LANGUAGE = re.compile(r"[a-z]{2,3}")  # ISO 639-1 (or -2/-3) code, as the lesson files are named


def training_row(result: TrainingResult) -> tuple[str, str, str, str, int, int, str]:
    """The row of one session: finished_at, day, kind, lang, score, out_of, answers (JSON). A
    result that breaks these rules comes from hygiene's own code, not from the person: ValueError."""
    if result.finished_at.tzinfo is None:
        raise ValueError("a training result's finished_at must carry its UTC offset")
    if result.kind not in KINDS or not LANGUAGE.fullmatch(result.lang):
        raise ValueError(f"a training result's kind {result.kind!r} or language {result.lang!r} is not known")
    if not 1 <= result.total <= MAX_OUT_OF:
        raise ValueError(f"a training result must hold 1 to {MAX_OUT_OF} answers, not {result.total}")
    for question, right in result.answers:
        if not isinstance(question, str) or not QUESTION_ID.fullmatch(question) or not isinstance(right, bool):
            raise ValueError(f"a training result's answer {str(question)[:70]!r} is not a question id and a bool")
    answers = json.dumps([[question, right] for question, right in result.answers])  # hygiene: not output
    return (utc_text(result.finished_at), result.day.isoformat(), result.kind, result.lang, result.right,
            result.total, answers)  # fmt: skip


def session_of(row: tuple[Any, ...]) -> TrainingSession | None:
    """A stored row as the reports may trust it, or None when it is damaged (another program
    wrote the file: SQLite keeps any type in any column)."""
    session_id, finished_at, day, kind, lang, score, out_of, answers = row
    try:
        moment, when, pairs = datetime.fromisoformat(finished_at), date.fromisoformat(day), json.loads(answers)
    except (TypeError, ValueError, RecursionError):
        return None
    if not (
        moment.tzinfo is not None
        and kind in KINDS
        and isinstance(lang, str)
        and LANGUAGE.fullmatch(lang)
        and _count(out_of, 1, MAX_OUT_OF)
        and _count(score, 0, out_of)
        and isinstance(pairs, list)
        and all(_answer(pair) for pair in pairs)
    ):
        return None
    return TrainingSession(session_id, moment, when, kind, lang, score, out_of, tuple((q, r) for q, r in pairs))


def _count(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _answer(pair: object) -> bool:
    return (
        isinstance(pair, list)
        and len(pair) == 2
        and isinstance(pair[0], str)
        and QUESTION_ID.fullmatch(pair[0]) is not None
        and isinstance(pair[1], bool)
    )
