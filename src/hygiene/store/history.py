"""The data a history report draws, as plain frozen records built by pure functions: every
format (table, json, csv, and html) renders the same History or Comparison.

What changed between two audits, per check:
- newly failing: FAIL or WARN now, and neither before (or WARN before and FAIL now);
- fixed: PASS now after FAIL or WARN, or WARN now after FAIL (better, if not done);
- newly unknown: UNKNOWN or ERROR now (could not tell), and decided before.
A check the earlier audit did not run counts as not failing and not unknown before."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from hygiene.model import Category, Status

CATEGORIES = tuple(c.value for c in Category)
_FAILING = {Status.FAIL.value, Status.WARN.value}
_UNDECIDED = {Status.UNKNOWN.value, Status.ERROR.value}


@dataclass(frozen=True)
class AuditSummary:
    """One stored audit, as the history shows it (the whole result stays in the database)."""

    id: int
    host: str
    source: str  # local, snapshot or demo
    started_at: datetime  # UTC
    score: float | None  # None: nothing could be decided
    grade: str | None
    coverage: float | None  # 0..1
    categories: dict[str, float | None]  # category -> score; a category the audit lacked is absent


@dataclass(frozen=True)
class FindingState:
    title: str
    category: str
    status: str


@dataclass(frozen=True)
class StatusChange:
    check: str
    title: str
    category: str
    before: str | None  # None: the earlier audit did not run this check
    after: str


@dataclass(frozen=True)
class Comparison:
    before: AuditSummary
    after: AuditSummary
    newly_failing: tuple[StatusChange, ...]
    fixed: tuple[StatusChange, ...]
    newly_unknown: tuple[StatusChange, ...]


@dataclass(frozen=True)
class HostHistory:
    host: str
    audits: tuple[AuditSummary, ...]  # oldest first
    changes: Comparison | None  # the latest audit against the one before it; None with one audit


@dataclass(frozen=True)
class TrainingSession:
    """One finished `hygiene learn` session: a person's, so of no host."""

    id: int
    finished_at: datetime  # UTC
    day: date  # the person's own date then, as the profile records it
    kind: str  # "lessons" (the whole course) or "quiz" (the questions alone)
    lang: str  # the lesson file's language code
    score: int  # answers right
    out_of: int  # questions asked
    answers: tuple[tuple[str, bool], ...]  # (question id, answered right), in the order asked


@dataclass(frozen=True)
class History:
    hosts: tuple[HostHistory, ...]  # by host name
    since: date | None = None  # the --since the audits were chosen by
    training: tuple[TrainingSession, ...] = ()  # oldest first; none when the history is of one --host


def change_kind(before: str | None, after: str) -> str | None:
    """ "newly_failing", "fixed", "newly_unknown", or None when the change is none of them."""
    if after in _FAILING and (before not in _FAILING or (before, after) == ("WARN", "FAIL")):
        return "newly_failing"
    if before in _FAILING and (after == "PASS" or (before, after) == ("FAIL", "WARN")):
        return "fixed"
    if after in _UNDECIDED and before not in _UNDECIDED:
        return "newly_unknown"
    return None


def compare(
    before: AuditSummary,
    before_findings: dict[str, FindingState],
    after: AuditSummary,
    after_findings: dict[str, FindingState],
) -> Comparison:
    kinds: dict[str, list[StatusChange]] = {"newly_failing": [], "fixed": [], "newly_unknown": []}
    for check in sorted(after_findings):
        now = after_findings[check]
        was = before_findings.get(check)
        kind = change_kind(was.status if was else None, now.status)
        if kind is not None:
            kinds[kind].append(StatusChange(check, now.title, now.category, was.status if was else None, now.status))
    return Comparison(before, after, *(tuple(kinds[k]) for k in ("newly_failing", "fixed", "newly_unknown")))


def build_history(
    audits: Sequence[AuditSummary],
    findings_of: Callable[[int], dict[str, FindingState]],
    since: date | None = None,
    training: Sequence[TrainingSession] = (),
) -> History:
    """`audits` ordered by host, then oldest first (as Store.audits returns them); `findings_of`
    is asked only for each host's last two audits."""
    hosts = []
    for host, group in groupby(audits, key=lambda a: a.host):
        ordered = tuple(group)
        changes = None
        if len(ordered) > 1:
            before, after = ordered[-2], ordered[-1]
            changes = compare(before, findings_of(before.id), after, findings_of(after.id))
        hosts.append(HostHistory(host, ordered, changes))
    return History(tuple(hosts), since, tuple(training))


def series(audits: Sequence[AuditSummary], category: str | None) -> list[float | None]:
    """The overall score (category None) or one category's, audit by audit."""
    if category is None:
        return [a.score for a in audits]
    return [a.categories.get(category) for a in audits]
