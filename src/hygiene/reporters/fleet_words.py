"""The words `hygiene fleet summarize` says in every format: a host's state, its score and
age, what its failure says, and the fleet's headline."""

from __future__ import annotations

from collections.abc import Callable

from hygiene.fleet.summary import CheckLine, Fleet, HostLine
from hygiene.model import Platform
from hygiene.reporters.history_words import score
from hygiene.words import count, days_ago

STAGES = {"unreachable": "unreachable", "install": "install failed", "audit": "audit failed"}
MESSAGE_CHARS = 200  # of a failure's message, its first line; JSON keeps it whole
GAIN = "gain: how much the fleet's mean score rises when the check is fixed on every host"


def host_score(h: HostLine) -> str:
    """ "71 C", "n/a", or "-" for a host without a current result."""
    if h.failure is not None or h.result is None:
        return "-"
    return score(h.result.score, h.result.grade)


def platform(h: HostLine) -> str:
    return Platform(h.result.platform).label if h.result else "-"


def coverage(h: HostLine) -> str:
    if h.failure is not None or h.result is None or h.result.coverage is None:
        return "-"
    return f"{h.result.coverage:.0%}"


def age(h: HostLine, between: str = ", ") -> str:
    """ "3 days ago", and "stale" after `between` when the result is older than the summary allows."""
    return days_ago(h.age_days) + (f"{between}stale" if h.stale else "")


def message(text: str) -> str:
    """A failure's message as a line of a table: its first line, at most MESSAGE_CHARS long."""
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= MESSAGE_CHARS else line[: MESSAGE_CHARS - 1] + "…"


def failure_text(h: HostLine) -> str:
    """What a host without a current result says instead of its failing checks: "unreachable:
    ssh timed out (last result 71 C, 9 days ago)"; "" for a host whose result counts."""
    if h.failure is None:
        return ""
    text = f"{STAGES[h.failure.stage]}: {message(h.failure.message)}"
    if h.result is not None:
        text += f" (last result {score(h.result.score, h.result.grade)}, {days_ago(h.result_days or 0)})"
    return text


def fixes(c: CheckLine) -> list[tuple[str, str]]:
    """A check's fixes, the platforms that share one text named together: ("Linux, macOS", ...)."""
    shared: dict[str, list[str]] = {}
    for name, fix in c.fixes:
        shared.setdefault(fix, []).append(Platform(name).label)
    return [(", ".join(names), fix) for fix, names in shared.items()]


def gain(points: float) -> str:
    return f"+{points:g}"


def headline(fleet: Fleet, name: Callable[[str], str] = str) -> str:
    """ "Fleet score 62 D: the mean of 4 hosts; the worst, pc-07, 23 F"; `name` writes a host's."""
    if fleet.mean is None:
        return "Fleet score n/a: no host has a current score"
    line = f"Fleet score {fleet.mean} {fleet.grade}: the mean of {count(fleet.scored, 'host')}"
    if fleet.worst is not None and fleet.scored > 1:
        line += f"; the worst, {name(fleet.worst.host)}, {host_score(fleet.worst)}"
    return line


def notes(fleet: Fleet) -> list[str]:
    """What the reader should know beside the score: hosts without a result, stale results."""
    lines = []
    missing = sum(1 for h in fleet.hosts if h.failure is not None)
    if missing:
        lines.append(f"{count(missing, 'host has', 'hosts have')} no current result (unreachable or failed).")
    stale = sum(1 for h in fleet.hosts if h.stale)
    if stale:
        limit = count(fleet.stale_after, "day")
        lines.append(f"{count(stale, 'result is', 'results are')} older than {limit}: marked stale.")
    return lines
