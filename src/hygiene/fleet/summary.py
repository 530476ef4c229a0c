"""The fleet as every format draws it: plain frozen records, built by one pure function.

A host's newest result counts, unless its newest failure record is newer: then the host is
shown as unreachable (or its install or audit as failed), with its last result beside. A
failure record names the host as the inventory does, which is also the name of its result
file; so it joins the host whose result has that name, or else whose result file has it.

Hosts come worst first: those without a current result, then by score. Checks come worst
first too: by how much fixing one everywhere would raise the fleet's mean score (each host's
`points` for it, over the hosts scored), then by how many hosts fail it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from hygiene.fleet.newest import Newest
from hygiene.fleet.records import CheckText, Failure, HostResult
from hygiene.fleet.sources import Problem
from hygiene.model import Platform
from hygiene.scoring import grade
from hygiene.store.records import host_key
from hygiene.words import whole_days


@dataclass(frozen=True)
class HostLine:
    host: str
    result: HostResult | None  # the current result; or, under a newer failure, the last one before it
    failure: Failure | None  # set only when it is newer than every result: then it counts
    result_days: int | None  # whole days since the result started
    stale: bool  # the result counts and is older than the summary's limit, or dated after tomorrow
    failure_days: int | None = None  # whole days since the failure record was written

    @property
    def age_days(self) -> int:
        """Whole days since whichever counts."""
        days = self.failure_days if self.failure is not None else self.result_days
        return days or 0

    @property
    def score(self) -> float | None:
        """The score that counts: None for a host without a current result."""
        return None if self.failure is not None or self.result is None else self.result.score


@dataclass(frozen=True)
class CheckLine:
    id: str
    title: str
    category: str
    severity: str
    failing: tuple[str, ...]  # hosts where it FAILs
    warning: tuple[str, ...]  # hosts where it WARNs
    gain: float  # points the fleet's mean score would rise, fixed on every host
    fixes: tuple[tuple[str, str], ...]  # (platform, remediation) for each platform it fails on


@dataclass(frozen=True)
class Fleet:
    hosts: tuple[HostLine, ...]  # worst first
    checks: tuple[CheckLine, ...]  # worst first; only checks failing or warning somewhere
    mean: int | None  # of the hosts with a current score
    grade: str | None
    worst: HostLine | None
    now: datetime
    stale_after: int  # days
    read: int  # results and failure records read
    problems: tuple[Problem, ...]  # files left out, in the order they were named
    texts: Mapping[tuple[str, str], CheckText]  # (check id, platform): its title and fix, the newest

    @property
    def scored(self) -> int:
        return sum(1 for h in self.hosts if h.score is not None)

    def below(self, bar: int) -> list[HostLine]:
        """The hosts that do not show they meet `bar`: below it, n/a, or without a current result."""
        return [h for h in self.hosts if h.score is None or h.score < bar]


def _joined(newest: Newest) -> dict[str, tuple[HostResult | None, Failure | None]]:
    hosts: dict[str, tuple[HostResult | None, Failure | None]] = {k: (r, None) for k, r in newest.results.items()}
    for key, failure in newest.failures.items():
        target = key if key in newest.results else newest.stems.get(key, (None, key))[1]
        result, known = hosts.get(target, (None, None))
        if known is None or (failure.at, failure.order) > (known.at, known.order):
            hosts[target] = (result, failure)
    return hosts


FUTURE_SLACK = timedelta(days=1)  # a host's clock may be ahead by time zones; beyond that, not current


def _line(result: HostResult | None, failure: Failure | None, now: datetime, stale_after: int) -> HostLine:
    """A host is known by a result, a failure record, or both: the later of them counts."""
    days = whole_days(now - result.started_at) if result is not None else None
    if result is not None and (failure is None or failure.at <= result.started_at):
        age = now - result.started_at  # a result from the future cannot be trusted to be current
        return HostLine(result.host, result, None, days, age > timedelta(days=stale_after) or age < -FUTURE_SLACK)
    gone: Failure = failure  # type: ignore[assignment] - without a result, there is a failure record
    return HostLine(result.host if result else gone.host, result, gone, days, False, whole_days(now - gone.at))


def _rank(h: HostLine) -> tuple[int, float, str]:
    score = h.score
    return (0 if score is None and h.failure else 1 if score is None else 2, score or 0, host_key(h.host))


def _checks(hosts: list[HostLine], texts_of: dict[tuple[str, str], CheckText], scored: int) -> list[CheckLine]:
    failing, warning = defaultdict(list), defaultdict(list)
    gains: dict[str, float] = defaultdict(float)
    platforms: dict[str, set[str]] = defaultdict(set)
    for h in hosts:
        if h.score is None or h.result is None:
            continue
        r = h.result
        for check, status in r.statuses:
            if status == "FAIL":
                failing[check].append(h.host)
            elif status == "WARN":
                warning[check].append(h.host)
            else:
                continue
            platforms[check].add(r.platform)
        for check, points in r.points:
            gains[check] += points
    lines = []
    for check in failing.keys() | warning.keys():
        on = [p.value for p in Platform if p.value in platforms[check]]
        texts = [texts_of[(check, p)] for p in on]
        words = max(texts, key=lambda t: t.at)
        lines.append(
            CheckLine(check, words.title, words.category, words.severity, tuple(failing[check]),
                      tuple(warning[check]), round(gains[check] / scored, 1) if scored else 0.0,
                      tuple((p, t.fix) for p, t in zip(on, texts, strict=True)))
        )  # fmt: skip
    return sorted(lines, key=lambda c: (-c.gain, -len(c.failing), -len(c.warning), c.id))


def _our_words(texts: dict[tuple[str, str], CheckText]) -> dict[tuple[str, str], CheckText]:
    """Each check's title, severity and fix from this hygiene's own catalogue, never from the
    result files: a host writes its own result, and must not be able to put a command in the
    advice shown for every host. A check this release does not know keeps its file's words."""
    from hygiene.registry import BY_ID

    ours = {}
    for (check, platform), text in texts.items():
        known = BY_ID.get(check)
        if known is None:
            ours[(check, platform)] = text
            continue
        m = known.meta
        fix = m.remediation_for(Platform(platform))
        ours[(check, platform)] = CheckText(m.title, m.category.value, m.severity.value, fix, text.at)
    return ours


def summarize(newest: Newest, now: datetime, stale_after: int) -> Fleet:
    """`stale_after`: days after which a result is marked stale (the default is --stale-after's)."""
    texts = _our_words(newest.texts)
    hosts = sorted((_line(r, f, now, stale_after) for r, f in _joined(newest).values()), key=_rank)
    scored = [h for h in hosts if h.score is not None]
    mean = round(sum(h.score for h in scored) / len(scored)) if scored else None  # type: ignore[misc]
    return Fleet(
        hosts=tuple(hosts),
        checks=tuple(_checks(hosts, texts, len(scored))),
        mean=mean,
        grade=grade(mean) if mean is not None else None,
        worst=scored[0] if scored else None,
        now=now,
        stale_after=stale_after,
        read=newest.read,
        problems=tuple(sorted(newest.problems, key=lambda p: p.order)),
        texts=texts,
    )
