"""`hygiene history -f html`: the score over time as a line chart per host (overall and each
category), the first and latest scores, and what changed since the audit before; `--diff` as
the same page for two audits. The page, its style sheet and its Content Security Policy are
the audit report's (reporters.html), so both print and read alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hygiene.reporters import svg
from hygiene.reporters.history_words import ROWS, SECTIONS, delta, score, when
from hygiene.reporters.html import page, trusted
from hygiene.store.history import AuditSummary, Comparison, History, HostHistory, StatusChange, series
from hygiene.words import count


def _was(s: StatusChange) -> str:
    return f"was {s.before}" if s.before else "new check"


def _changes(c: Comparison) -> dict[str, Any]:
    def items(found: Sequence[StatusChange]) -> list[dict[str, str]]:
        return [
            {
                "check": s.check,
                "title": s.title,
                "after": s.after,
                "was": f"was {s.before}" if s.before else "new check",
            }
            for s in found
        ]

    sections = [
        {"title": f"{title} ({len(getattr(c, key))})", "entries": items(getattr(c, key))} for title, key in SECTIONS
    ]
    return {
        "title": f"Since the audit before ({when(c.before.started_at)} → {when(c.after.started_at)})",
        "sections": [s for s in sections if s["entries"]],
    }


def _rows(before: AuditSummary, after: AuditSummary, values_of: Any) -> list[dict[str, str]]:
    rows = []
    for label, category in ROWS:
        begin, end = values_of(category)
        if begin is None and end is None and category == "device":
            continue  # results from before the device checks
        grades = (before.grade, after.grade) if category is None else (None, None)
        rows.append({"label": label, "first": score(begin, grades[0]), "last": score(end, grades[1]),
                     "change": delta(begin, end)})  # fmt: skip
    return rows


def _chart(h: HostHistory) -> Any:
    x_of = [a.started_at.timestamp() for a in h.audits]
    lines = []
    for label, category in ROWS:
        values = series(h.audits, category)
        if any(v is not None for v in values):
            lines.append(svg.Series(label, list(zip(x_of, values, strict=True))))
    ticks = [(x_of[0], f"{h.audits[0].started_at:%Y-%m-%d}")]
    if len(h.audits) > 1:
        ticks.append((x_of[-1], f"{h.audits[-1].started_at:%Y-%m-%d}"))
    return trusted(svg.line_chart(lines, label=f"Scores of {h.host} over time", x_ticks=ticks))


def _host(h: HostHistory) -> dict[str, Any]:
    first, last = h.audits[0], h.audits[-1]

    def values_of(category: str | None) -> tuple[float | None, float | None]:
        values = series(h.audits, category)
        return values[0], values[-1]

    span = f"{first.started_at:%Y-%m-%d}" + (f" to {last.started_at:%Y-%m-%d}" if len(h.audits) > 1 else "")
    return {
        "name": h.host,
        "about": f"{count(len(h.audits), 'audit')}, {span}",
        "chart": _chart(h),
        "columns": ("First", "Latest"),
        "rows": _rows(first, last, values_of),
        "changes": _changes(h.changes) if h.changes else None,
    }


def _render(title: str, subtitle: str, hosts: list[dict[str, Any]], empty: str = "") -> str:
    template, css, csp = page("history.html.j2")
    return template.render(title=title, subtitle=subtitle, hosts=hosts, empty=empty, css=trusted(css), csp=csp)


def history_html(history: History, width: int = 80, blocks: bool = True) -> str:
    since = f" since {history.since}" if history.since else ""
    return _render(
        "Security hygiene over time",
        f"{count(len(history.hosts), 'machine')}{since}",
        [_host(h) for h in history.hosts],
        empty=f"No audits stored{since}. Save one with `hygiene audit --save`.",
    )


def comparison_html(c: Comparison, width: int = 80, blocks: bool = True) -> str:
    def values_of(category: str | None) -> tuple[float | None, float | None]:
        return (series([c.before], category)[0], series([c.after], category)[0])

    host = c.after.host if c.after.host == c.before.host else f"{c.before.host} → {c.after.host}"
    section = {
        "name": host,
        "about": f"Audit {c.before.id} ({when(c.before.started_at)}) → audit {c.after.id} ({when(c.after.started_at)})",
        "chart": "",
        "columns": ("Before", "After"),
        "rows": _rows(c.before, c.after, values_of),
        "changes": _changes(c),
    }
    return _render("Security hygiene: two audits compared", "", [section])
