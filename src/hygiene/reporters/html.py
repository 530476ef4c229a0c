"""HTML: one self-contained page to keep, print on A4, read on a phone or show on a projector.

No external asset: the style sheet is inline and allowed by its hash in the page's Content
Security Policy, which forbids everything else (scripts included); charts are inline SVG
(reporters.svg). Jinja2 autoescapes every value, and its `finalize` makes each string inert
first, so host names, evidence and profile text from outside stay text."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from hygiene.inert import Inert, inert
from hygiene.model import AuditResult, Category, Evidence, ScoredFinding
from hygiene.reporters import Style, svg
from hygiene.reporters.text import (
    STATUS_LABEL,
    coverage_sentence,
    coverage_text,
    evidence_text,
    incident_section,
    points_text,
    score_text,
    source_note,
    source_text,
    system_text,
    undecided,
    undecided_sentence,
    when,
)


def code_spans(value: str) -> Any:
    """`text with `commands` in backticks` as HTML: each backticked part a <code>, all escaped.
    An odd number of backticks is not markup: the text stays as it is."""
    from markupsafe import Markup, escape

    parts = inert(value).split("`")
    if len(parts) % 2 == 0:
        return escape("`".join(parts))
    return Markup("").join(Markup("<code>%s</code>") % p if i % 2 else escape(p) for i, p in enumerate(parts))


def trusted(markup: str) -> Any:
    """Markup made here, put in the page as it is: our own style sheet (allowed by its hash) and
    reporters.svg's charts, which escape every string themselves. Never a value from outside."""
    from markupsafe import Markup

    return Markup(markup)  # noqa: S704 - see the docstring


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    return inert(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@cache
def page(name: str = "report.html.j2") -> tuple[Any, str, str]:
    """A template (the audit report, or `hygiene history`'s page), the style sheet they share,
    and the Content Security Policy that allows exactly it."""
    from jinja2 import Environment, StrictUndefined

    folder = resources.files("hygiene.reporters") / "templates"
    css = (folder / "report.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_finalize, keep_trailing_newline=True)
    env.filters["code"] = code_spans
    return env.from_string((folder / name).read_text(encoding="utf-8")), css, csp


@dataclass(frozen=True)
class _Finding:
    meta: Any
    status: str
    status_class: str
    summary: str
    evidence: list[tuple[str, str]]
    references: list[tuple[str, bool]]
    attested: bool
    remediation: str
    points: float
    points_text: str


def _finding(f: ScoredFinding) -> _Finding:
    status = f.finding.status
    return _Finding(
        meta=f.meta,
        status=STATUS_LABEL[status],
        status_class=f"s-{status.value.lower()}",
        summary=f.finding.summary,
        evidence=[(key, evidence_text(value)) for key, value in f.finding.evidence.items()],
        references=[(url, url.startswith(("https://", "http://"))) for url in f.meta.references],
        attested=f.meta.evidence is Evidence.ATTESTED,
        remediation=f.remediation,
        points=f.points,
        points_text=points_text(f.points),
    )


def _category_bars(result: AuditResult) -> str:
    rows = []
    for cat in Category:
        s = result.categories[cat]
        grade = f" {s.grade}" if s.grade else ""
        note = f"{score_text(s)}{grade} · {coverage_text(s)} covered"
        coverage = 100 * s.coverage if s.coverage is not None else None
        rows.append(svg.Bar(cat.label, s.score, note, svg.grade_colour(s.grade), coverage))
    return svg.bars(rows, label="Score and coverage per category")


def render(result: AuditResult, style: Style) -> str:
    template, css, csp = page()
    o = result.overall
    by_id = sorted(result.findings, key=lambda f: f.meta.id)
    groups = [
        {
            "label": cat.label,
            "score": f"{score_text(result.categories[cat])}, coverage {coverage_text(result.categories[cat])}",
            "findings": [_finding(f) for f in by_id if f.meta.category is cat],
        }
        for cat in Category
    ]
    unknown = undecided(result)
    drawn = template.render(
        result=result,
        csp=csp,
        css=trusted(css),
        host=result.host.hostname or "this machine",
        source_note=source_note(result),
        banner=source_text(result),
        system=system_text(result.host),
        when=when(result),
        gauge=trusted(svg.gauge(o.score, o.grade, label=f"Overall score: {score_text(o)}")),
        coverage=coverage_sentence(o),
        bars=trusted(_category_bars(result)),
        fixes=[_finding(f) for f in result.remediation_order()],
        unknown=[_finding(f) for f in unknown],
        unknown_sentence=undecided_sentence(len(unknown)),
        groups=[g for g in groups if g["findings"]],
        incident=incident_section(result, style.region_guess),
    )
    return Inert(drawn)
