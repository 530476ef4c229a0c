"""`hygiene history` drawn: the score over time (a sparkline per row) and what changed, as a
table, JSON or CSV. Each renderer takes the pure data of hygiene.store.history (a History, or
a Comparison for --diff), so a new format is one more function over the same records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hygiene.inert import Inert, inert, json_text
from hygiene.learn.result import PASS_SHARE
from hygiene.model import Category
from hygiene.reporters.csv_report import csv_text
from hygiene.reporters.history_words import ROWS, SECTIONS, delta, score, when
from hygiene.reporters.wrap import cell_width
from hygiene.store.history import (
    CATEGORIES,
    AuditSummary,
    Comparison,
    History,
    HostHistory,
    StatusChange,
    TrainingSession,
    series,
)
from hygiene.words import count

BLOCKS = "▁▂▃▄▅▆▇█"
ASCII = "_.:-=+*#"  # eight steps too, for terminals without block characters
LABEL, NUMBER, CHANGE = 12, 7, 6  # column widths: row label, "100 A", "+100"
FIXED = LABEL + 2 + 2 + NUMBER + 2 + NUMBER + 2 + CHANGE  # all but the sparkline
MIN_SPARK = 10
TRAINING_SHOWN = 10  # `hygiene learn` sessions the table lists, the newest; -f json lists them all
HISTORY_KIND, DIFF_KIND = "hygiene-history", "hygiene-history-diff"
DOCUMENT_VERSION = 1


def can_show_blocks(stream: Any, term: str | None) -> bool:
    """Block characters where the stream can encode them, except on the Linux console (its
    font lacks most of them) and a dumb terminal."""
    if term in ("linux", "dumb"):
        return False
    try:
        BLOCKS.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def sparkline(values: Sequence[float | None], width: int, blocks: bool = True) -> str:
    """One character per value (a score from 0 to 100, or a space where there is none), or per
    run of values averaged when there are more values than `width`."""
    steps = BLOCKS if blocks else ASCII
    n = len(values)
    if n > width:
        buckets = [values[i * n // width : (i + 1) * n // width] for i in range(width)]
        decided = [[v for v in b if v is not None] for b in buckets]
        values = [sum(d) / len(d) if d else None for d in decided]
    return "".join(" " if v is None else steps[min(len(steps) - 1, int(v * len(steps) / 100))] for v in values)


def _clip(text: str, cells: int) -> str:
    """`text` made inert and cut to `cells` terminal cells, an ellipsis marking the cut."""
    text = inert(text)
    if cell_width(text) <= cells:
        return text
    while text and cell_width(text) > cells - 1:
        text = text[:-1]
    return text + "…"


def _spark_width(width: int) -> int:
    return max(MIN_SPARK, width - FIXED)


def _score_rows(first: AuditSummary, audits: Sequence[AuditSummary], width: int, blocks: bool) -> list[str]:
    spark = _spark_width(width)
    last = audits[-1]
    head = (
        f"{'':<{LABEL}}  {'Score over time':<{spark}}  {'First':>{NUMBER}}  {'Latest':>{NUMBER}}  {'Change':>{CHANGE}}"
    )
    lines = [head.rstrip()]
    for label, category in ROWS:
        values = series(audits, category)
        if all(v is None for v in values) and category == Category.DEVICE.value:
            continue  # results from before the device checks
        begin, end = values[0], values[-1]
        grades = (first.grade, last.grade) if category is None else (None, None)
        line = (
            f"{label:<{LABEL}}  {sparkline(values, spark, blocks):<{spark}}  {score(begin, grades[0]):>{NUMBER}}  "
            f"{score(end, grades[1]):>{NUMBER}}  {delta(begin, end):>{CHANGE}}"
        )
        lines.append(line.rstrip())
    return lines


def _change_lines(changes: Sequence[StatusChange], width: int) -> list[str]:
    lines = []
    for c in changes:
        was = f"(was {c.before})" if c.before else "(new check)"
        room = width - 4 - 9 - 9 - 1 - len(was)
        lines.append(f"    {c.after:<8} {_clip(c.check, 8):<8} {_clip(c.title, room)} {was}")
    return lines


def _comparison_lines(c: Comparison, width: int) -> list[str]:
    lines = []
    for title, key in SECTIONS:
        found: tuple[StatusChange, ...] = getattr(c, key)
        if found:
            lines += [f"  {title} ({len(found)})", *_change_lines(found, width)]
    return lines or ["  Nothing newly failing, fixed or unknown."]


def _host_table(h: HostHistory, width: int, blocks: bool) -> list[str]:
    first, last = h.audits[0], h.audits[-1]
    span = f"{first.started_at:%Y-%m-%d}" + (f" to {last.started_at:%Y-%m-%d}" if len(h.audits) > 1 else "")
    about = f" · {count(len(h.audits), 'audit')}, {span}"
    lines = [_clip(h.host, width - cell_width(about)) + about, ""]
    lines += _score_rows(first, h.audits, width, blocks)
    lines.append("")
    if h.changes is None:
        lines.append("Only one audit so far: what changed shows from the next one saved.")
    else:
        c = h.changes
        lines.append(f"Since the previous audit ({when(c.before.started_at)} → {when(c.after.started_at)}):")
        lines += _comparison_lines(c, width)
    return lines


def _training_lines(sessions: Sequence[TrainingSession]) -> list[str]:
    """The newest `hygiene learn` sessions, one a line, on the person's own dates."""
    first, last = sessions[0], sessions[-1]
    span = f"{first.day}" + (f" to {last.day}" if len(sessions) > 1 else "")
    lines = [f"Training · {count(len(sessions), 'session')} of `hygiene learn`, {span}", ""]
    shown = sessions[-TRAINING_SHOWN:]
    if len(shown) < len(sessions):
        lines.append(f"  {count(len(sessions) - len(shown), 'earlier session')} not shown: -f json lists them all")
    for s in shown:
        share = s.score / s.out_of
        again = f"  below {PASS_SHARE:.0%}: go through it again" if share < PASS_SHARE else ""
        lines.append(f"  {s.day}  {s.kind:<7}  {s.lang:<3}  {f'{s.score}/{s.out_of}':>5}  {share:>4.0%}{again}")
    return lines


def history_table(history: History, width: int = 80, blocks: bool = True) -> str:
    if history.hosts:
        parts = ["\n".join(_host_table(h, width, blocks)) for h in history.hosts]
    else:
        since = f" since {history.since}" if history.since else ""
        parts = [f"No audits stored{since}. Save one with `hygiene audit --save`."]
    if history.training:
        parts.append("\n".join(_training_lines(history.training)))
    return Inert("\n\n".join(parts) + "\n")


def _audit_line(a: AuditSummary, width: int) -> str:
    coverage = "-" if a.coverage is None else f"{a.coverage:.0%}"
    about = f" · {when(a.started_at)} · {score(a.score, a.grade)} · coverage {coverage}"
    head = f"Audit {a.id} · "
    return head + _clip(a.host, width - len(head) - cell_width(about)) + about


def comparison_table(c: Comparison, width: int = 80, blocks: bool = True) -> str:
    lines = [_audit_line(c.before, width), _audit_line(c.after, width), ""]
    lines.append(f"{'':<{LABEL}}  {'Before':>{NUMBER}}  {'After':>{NUMBER}}  {'Change':>{CHANGE}}")
    for label, category in ROWS:
        begin, end = series((c.before, c.after), category)
        if begin is None and end is None and category == Category.DEVICE.value:
            continue
        grades = (c.before.grade, c.after.grade) if category is None else (None, None)
        line = (
            f"{label:<{LABEL}}  {score(begin, grades[0]):>{NUMBER}}  {score(end, grades[1]):>{NUMBER}}  "
            f"{delta(begin, end):>{CHANGE}}"
        )
        lines.append(line.rstrip())
    lines += ["", "What changed:", *_comparison_lines(c, width)]
    return Inert("\n".join(lines) + "\n")


# --- JSON -----------------------------------------------------------------------------------


def audit_document(a: AuditSummary) -> dict[str, Any]:
    return {
        "id": a.id,
        "host": a.host,
        "source": a.source,
        "started_at": a.started_at.isoformat(),
        "score": a.score,
        "grade": a.grade,
        "coverage": a.coverage,
        "categories": a.categories,
    }


def _changes_document(c: Comparison) -> dict[str, Any]:
    return {
        key: [
            {"id": s.check, "title": s.title, "category": s.category, "before": s.before, "after": s.after}
            for s in getattr(c, key)
        ]
        for _, key in SECTIONS
    }


def comparison_document(c: Comparison) -> dict[str, Any]:
    return {"before": audit_document(c.before), "after": audit_document(c.after), **_changes_document(c)}


def session_document(s: TrainingSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "finished_at": s.finished_at.isoformat(),
        "day": s.day.isoformat(),
        "kind": s.kind,
        "lang": s.lang,
        "score": s.score,
        "out_of": s.out_of,
        "answers": [[question, right] for question, right in s.answers],
    }


def _one_a_line(documents: Sequence[dict[str, Any]], indent: int) -> str:
    return ",\n".join(" " * indent + json_text(d, indent=None).rstrip("\n") for d in documents)


def history_json(history: History, width: int = 80, blocks: bool = True) -> str:
    """Indented JSON, but each audit and training session on one line: Python's fast (C)
    encoder writes only compact JSON, and 10,000 audits indented by the pure-Python one took
    most of a second. `training`: the `hygiene learn` sessions, oldest first (none with --host)."""
    doc = {
        "kind": HISTORY_KIND,
        "schema_version": DOCUMENT_VERSION,
        "since": history.since.isoformat() if history.since else None,
        "hosts": [
            {"host": h.host, "audits": i, "changes": comparison_document(h.changes) if h.changes else None}
            for i, h in enumerate(history.hosts)
        ],
        "training": 0,
    }
    text = json_text(doc)
    for i, h in enumerate(history.hosts):
        rows = _one_a_line([audit_document(a) for a in h.audits], 8)
        # `"audits": 3` with its quotes bare cannot be inside a string, where quotes are escaped
        text = text.replace(f'"audits": {i},', f'"audits": [\n{rows}\n      ],', 1)
    sessions = _one_a_line([session_document(s) for s in history.training], 4)
    placeholder = '"training": 0'
    at = text.rindex(placeholder)  # the last key, so the last match; in a string its quotes would be escaped
    listed = f'"training": [\n{sessions}\n  ]' if sessions else '"training": []'
    return Inert(text[:at] + listed + text[at + len(placeholder) :])


def comparison_json(c: Comparison, width: int = 80, blocks: bool = True) -> str:
    return json_text({"kind": DIFF_KIND, "schema_version": DOCUMENT_VERSION, **comparison_document(c)})


# --- CSV --------------------------------------------------------------------------------------


def history_csv(history: History, width: int = 80, blocks: bool = True) -> str:
    """One row per audit: for a spreadsheet's chart of the score over time."""
    header = ["host", "audit", "started_at", "source", "score", "grade", "coverage", *CATEGORIES]
    rows = [
        [a.host, a.id, a.started_at.isoformat(), a.source, a.score, a.grade, a.coverage,
         *(a.categories.get(c) for c in CATEGORIES)]
        for h in history.hosts
        for a in h.audits
    ]  # fmt: skip
    return csv_text(header, rows)


def comparison_csv(c: Comparison, width: int = 80, blocks: bool = True) -> str:
    """One row per changed check: what kind of change, and the status before and after."""
    rows = [
        [key, s.check, s.title, s.category, s.before, s.after, c.before.id, c.after.id]
        for _, key in SECTIONS
        for s in getattr(c, key)
    ]
    return csv_text(["change", "check", "title", "category", "before", "after", "before_audit", "after_audit"], rows)


Renderer = Callable[..., str]


# format -> (history renderer, --diff renderer); each takes (data, width, blocks)
def _html(name: str) -> Renderer:
    """reporters.history_html's renderer `name`, imported only when a page is drawn (Jinja2)."""

    def draw(*args: Any, **kwargs: Any) -> str:
        from hygiene.reporters import history_html

        return getattr(history_html, name)(*args, **kwargs)

    return draw


RENDERERS: dict[str, tuple[Renderer, Renderer]] = {
    "table": (history_table, comparison_table),
    "html": (_html("history_html"), _html("comparison_html")),
    "json": (history_json, comparison_json),
    "csv": (history_csv, comparison_csv),
}
