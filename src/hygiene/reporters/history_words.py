"""The words `hygiene history` says in every format (terminal, JSON, CSV, HTML): its rows, the
kinds of change, and how scores, differences and times are written."""

from __future__ import annotations

from datetime import datetime

from hygiene.model import Category
from hygiene.store.history import CATEGORIES

ROWS = (("Overall", None), *((Category(c).label, c) for c in CATEGORIES))
SECTIONS = (("Newly failing", "newly_failing"), ("Fixed", "fixed"), ("Newly unknown", "newly_unknown"))


def score(value: float | None, grade: str | None = None) -> str:
    if value is None:
        return "n/a"
    return f"{round(value)} {grade}" if grade else str(round(value))


def delta(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return ""
    return f"{round(after) - round(before):+d}" if round(after) != round(before) else "0"


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
