"""Pure scoring: findings and weights in, scores out (DESIGN.md, "Scoring").

Score = 100 x sum(weight x credit) / sum(weight) over PASS (1), WARN (0.5) and FAIL (0).
UNKNOWN, NOT_APPLICABLE, ERROR and WAIVED stay out of both sums; UNKNOWN and ERROR lower
coverage instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hygiene.model import Category, CheckMeta, Finding, Platform, Score, ScoredFinding, Status

GRADES = ((90, "A"), (80, "B"), (70, "C"), (60, "D"))
UNDECIDED = (Status.UNKNOWN, Status.ERROR)


def grade(score: int) -> str:
    return next((letter for floor, letter in GRADES if score >= floor), "F")


def score_of(items: Iterable[tuple[int, Status]]) -> Score:
    """Score (an integer 0-100, so the grade always matches what is shown) and coverage."""
    items = list(items)
    decided = [(w, s.credit) for w, s in items if s.credit is not None]
    undecided = sum(1 for _, s in items if s in UNDECIDED)
    total = sum(w for w, _ in decided)
    score = round(100 * sum(w * c for w, c in decided) / total) if total else None
    counted = len(decided) + undecided
    return Score(
        score=score,
        grade=grade(score) if score is not None else None,
        coverage=round(len(decided) / counted, 3) if counted else None,
        decided=len(decided),
        undecided=undecided,
    )


def score_findings(
    pairs: Iterable[tuple[CheckMeta, Finding]],
    platform: Platform,
    weights: Mapping[str, int] | None = None,
    family: str = "",
) -> tuple[Score, dict[Category, Score], tuple[ScoredFinding, ...]]:
    """Overall score, one per category (every category, empty ones as n/a), and scored findings."""
    pairs = list(pairs)
    weights = weights or {}
    weight_of = {m.id: weights.get(m.id, m.severity.weight) for m, _ in pairs}
    total = sum(weight_of[m.id] for m, f in pairs if f.status.credit is not None)
    scored = tuple(
        ScoredFinding(
            meta=m,
            finding=f,
            weight=weight_of[m.id],
            credit=f.status.credit,
            points=round(100 * weight_of[m.id] * (1 - f.status.credit) / total, 1)
            if f.status.credit is not None and total
            else 0.0,
            remediation=f.fix or m.remediation_for(platform, family),
        )
        for m, f in pairs
    )
    overall = score_of((s.weight, s.finding.status) for s in scored)
    categories = {
        cat: score_of((s.weight, s.finding.status) for s in scored if s.meta.category is cat) for cat in Category
    }
    return overall, categories, scored
