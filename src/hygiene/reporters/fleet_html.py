"""The fleet as one self-contained page (the audit report's style sheet and Content Security
Policy, reporters.html.page): the fleet's mean as a gauge, the hosts, worst first, a bar chart
per category with a bar per host, and the checks that fail with each platform's fix. Every
value from a result goes through Jinja2's autoescaping, made inert first; the charts escape
their own labels (reporters.svg)."""

from __future__ import annotations

from typing import Any

from hygiene.fleet.summary import CheckLine, Fleet, HostLine
from hygiene.inert import Inert
from hygiene.model import Category
from hygiene.reporters import Style, svg
from hygiene.reporters.fleet_words import (
    GAIN,
    STAGES,
    coverage,
    failure_text,
    fixes,
    gain,
    headline,
    host_score,
    notes,
    platform,
)
from hygiene.reporters.html import page, trusted
from hygiene.scoring import grade
from hygiene.words import count, days_ago

SHOWN_HOSTS = 20  # of the hosts a check fails on, named in its line
SEVERITY_CLASS = {"critical": "s-fail", "high": "s-warn"}  # the others grey, as N/A is
CHART_NAME = 16  # characters of a host's name beside its bar (the table has it whole)


def _host(h: HostLine) -> dict[str, Any]:
    critical = ", ".join(h.result.critical) if h.result and h.result.critical else "none"
    return {
        "name": h.host,
        "system": h.result.os_name if h.result else platform(h),
        "score": host_score(h),
        "coverage": coverage(h),
        "audited": days_ago(h.age_days),
        "stale": h.stale,
        "stage": STAGES[h.failure.stage] if h.failure else "",
        "failure": failure_text(h).split(": ", 1)[1] if h.failure else "",
        "critical": critical,
    }


def _chart(fleet: Fleet, category: Category) -> dict[str, Any] | None:
    rows = []
    for h in fleet.hosts:
        if h.score is None or h.result is None:
            continue
        value = dict(h.result.categories).get(category.value)
        letter = grade(round(value)) if value is not None else None
        note = f"{round(value)} {letter}" if value is not None else "n/a"
        name = h.host if len(h.host) <= CHART_NAME else h.host[: CHART_NAME - 1] + "…"
        rows.append(svg.Bar(name, value, note, svg.grade_colour(letter)))
    if not rows:
        return None
    label = f"{category.label}: score per host"
    return {"label": label, "svg": trusted(svg.bars(rows, label=label))}


def _where(c: CheckLine) -> str:
    parts = []
    for hosts, verb in ((c.failing, "fails"), (c.warning, "warns")):
        if hosts:
            more = len(hosts) - SHOWN_HOSTS
            named = ", ".join(hosts[:SHOWN_HOSTS]) + (f" and {more} more" if more > 0 else "")
            parts.append(f"{verb.capitalize()} on {count(len(hosts), 'host')}: {named}.")
    return " ".join(parts)


def _check(c: CheckLine) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "severity": c.severity,
        "severity_class": SEVERITY_CLASS.get(c.severity, "s-not_applicable"),
        "gain": gain(c.gain),
        "where": _where(c),
        "fixes": fixes(c),
    }


def fleet_html(fleet: Fleet, style: Style) -> str:
    template, css, csp = page("fleet.html.j2")
    mean_label = f"Fleet score: {fleet.mean if fleet.mean is not None else 'n/a'}"
    read = count(fleet.read, "result or failure record", "results and failure records")
    return Inert(
        template.render(
            title=f"Security hygiene of {count(len(fleet.hosts), 'machine')}",
            subtitle=f"Summarised {fleet.now:%Y-%m-%d %H:%M UTC} from {read}",
            gauge=trusted(svg.gauge(fleet.mean, fleet.grade, label=mean_label)),
            headline=headline(fleet),
            notes=notes(fleet),
            hosts=[_host(h) for h in fleet.hosts],
            charts=[chart for cat in Category if (chart := _chart(fleet, cat)) is not None],
            checks=[_check(c) for c in fleet.checks],
            gain_note=f"{GAIN[0].upper()}{GAIN[1:]}.",
            css=trusted(css),
            csp=csp,
        )
    )
