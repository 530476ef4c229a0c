"""Charts as inline SVG strings, drawn from numbers alone: a gauge for a score, horizontal bars
for categories, and a line chart for scores over time. Pure functions, no dependencies, so the
HTML report works offline and every chart is testable as text.

Every label is real text (a screen reader reads it, a search finds it), every chart carries a
<title> and an aria-label, and every string is made inert and escaped here, so a caller cannot
forget to. Colours are dark enough on white for WCAG AA with normal text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from hygiene.inert import inert

INK, MUTED, TRACK, GRID = "#1f2328", "#59636e", "#d8dee4", "#eaeef2"
GRADE_COLOUR = {"A": "#1a7f37", "B": "#2e7d32", "C": "#9a6700", "D": "#bc4c00", "F": "#b42318"}
# Okabe-Ito, the darker half first: told apart by colour-blind readers, and by dashes in print.
SERIES_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#59636e", "#b8860b", "#56b4e9", "#000000")
DASHES = ("", "6 3", "2 3", "8 3 2 3")


def text(value: str) -> str:
    """A string from anywhere, safe inside SVG or HTML text and attribute values."""
    return escape(inert(value), quote=True)


def num(value: float) -> str:
    """A coordinate: short and exact enough (two decimals), never "-0"."""
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _open(width: float, height: float, label: str, css_class: str) -> str:
    t = text(label)
    return (
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" '
        f'role="img" aria-label="{t}"><title>{t}</title>'
    )


def grade_colour(grade: str | None) -> str:
    return GRADE_COLOUR.get(grade or "", MUTED)


def gauge(score: float | None, grade: str | None, *, label: str) -> str:
    """A half-circle dial filled to `score` of 100, the number and grade written in its middle."""
    cx, cy, r = 100.0, 104.0, 80.0
    value = _finite(score)
    parts = [
        _open(200, 130, label, "gauge"),
        f'<path d="M {num(cx - r)} {num(cy)} A {num(r)} {num(r)} 0 0 1 {num(cx + r)} {num(cy)}" '
        f'fill="none" stroke="{TRACK}" stroke-width="18"/>',
    ]
    if value is not None and value > 0:
        angle = math.pi * (1 - min(value, 100) / 100)
        x, y = cx + r * math.cos(angle), cy - r * math.sin(angle)
        parts.append(
            f'<path d="M {num(cx - r)} {num(cy)} A {num(r)} {num(r)} 0 0 1 {num(x)} {num(y)}" '
            f'fill="none" stroke="{grade_colour(grade)}" stroke-width="18"/>'
        )
    big = num(value) if value is not None else "n/a"
    small = f"of 100 · grade {grade}" if value is not None and grade else "nothing could be decided"
    parts += [
        f'<text x="{num(cx)}" y="{num(cy - 10)}" text-anchor="middle" font-size="40" font-weight="700" '
        f'fill="{INK}">{text(big)}</text>',
        f'<text x="{num(cx)}" y="{num(cy + 20)}" text-anchor="middle" font-size="13" fill="{MUTED}">'
        f"{text(small)}</text>",
        "</svg>",
    ]
    return "".join(parts)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0-100; None: nothing to draw (n/a)
    note: str  # written at the bar's end: "46/100 F · 80% covered"
    colour: str = MUTED
    secondary: float | None = None  # 0-100, drawn as a thin bar under the main one (coverage)


def bars(rows: Sequence[Bar], *, label: str, width: float = 560) -> str:
    """One horizontal bar per row, scaled to 100, its label before and its note after it."""
    row_h, left, right = 30.0, 112.0, 190.0
    track = width - left - right
    parts = [_open(width, row_h * len(rows) + 4, label, "bars")]
    for i, row in enumerate(rows):
        y = i * row_h + 4
        parts.append(
            f'<text x="0" y="{num(y + 13)}" font-size="13" fill="{INK}">{text(row.label)}</text>'
            f'<rect x="{num(left)}" y="{num(y + 2)}" width="{num(track)}" height="14" rx="3" fill="{TRACK}"/>'
        )
        value = _finite(row.value)
        if value is not None and value > 0:
            w = track * min(value, 100) / 100
            parts.append(
                f'<rect x="{num(left)}" y="{num(y + 2)}" width="{num(w)}" height="14" rx="3" fill="{row.colour}"/>'
            )
        secondary = _finite(row.secondary)
        if secondary is not None and secondary > 0:
            w = track * min(secondary, 100) / 100
            parts.append(f'<rect x="{num(left)}" y="{num(y + 19)}" width="{num(w)}" height="4" fill="{MUTED}"/>')
        parts.append(
            f'<text x="{num(left + track + 8)}" y="{num(y + 13)}" font-size="12" fill="{INK}">{text(row.note)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[float, float | None]]  # (x, y); y None leaves a gap in the line


def _anchor(x: float, left: float, right: float) -> str:
    """A tick label at either end of the axis is aligned inward, so it is never cut off."""
    if x - left < 40:
        return "start"
    return "end" if right - x < 40 else "middle"


def line_chart(
    series: Sequence[Series],
    *,
    label: str,
    x_ticks: Sequence[tuple[float, str]] = (),
    y_range: tuple[float, float] = (0, 100),
    width: float = 560,
    height: float = 220,
) -> str:
    """Each series as a line over shared axes (a gap where a y is None; the first drawn thicker,
    as the one to watch), a dot at every point with its value as a tooltip, a legend below, and
    the chart's `label` as its title. `x` is any number (a timestamp); `x_ticks` say where to
    write which label under the axis."""
    left, right, top, bottom = 34.0, 12.0, 10.0, 26.0
    legend_rows = math.ceil(len(series) / 4)
    total_h = height + legend_rows * 18
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [x for s in series for x, y in s.points if _finite(x) is not None and _finite(y) is not None]
    lo, hi = y_range
    if hi <= lo:
        raise ValueError(f"y_range {y_range} is empty")
    x0, x1 = (min(xs), max(xs)) if xs else (0.0, 1.0)
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1

    def px(x: float) -> float:
        return left + plot_w * (x - x0) / (x1 - x0)

    def py(y: float) -> float:
        return top + plot_h * (1 - (min(max(y, lo), hi) - lo) / (hi - lo))

    parts = [_open(width, total_h, label, "line-chart")]
    for k in range(5):  # gridlines and their values
        v = lo + (hi - lo) * k / 4
        y = py(v)
        parts.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(left + plot_w)}" y2="{num(y)}" stroke="{GRID}"/>'
            f'<text x="{num(left - 4)}" y="{num(y + 4)}" text-anchor="end" font-size="11" fill="{MUTED}">'
            f"{num(v)}</text>"
        )
    for x, tick in x_ticks:
        if _finite(x) is not None and x0 <= x <= x1:
            parts.append(
                f'<text x="{num(px(x))}" y="{num(height - 8)}" text-anchor="{_anchor(px(x), left, width - right)}" '
                f'font-size="11" fill="{MUTED}">'
                f"{text(tick)}</text>"
            )
    if not xs:
        parts.append(
            f'<text x="{num(left + plot_w / 2)}" y="{num(top + plot_h / 2)}" text-anchor="middle" font-size="13" '
            f'fill="{MUTED}">no data yet</text>'
        )
    for i, s in enumerate(series):
        colour, dash = SERIES_COLOURS[i % len(SERIES_COLOURS)], DASHES[i % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[tuple[float, float]]] = [[]]
        for x, y in s.points:
            if _finite(x) is None or _finite(y) is None:
                runs.append([])
            else:
                runs[-1].append((x, y))  # type: ignore[arg-type]
        for run in runs:
            if len(run) > 1:
                coords = " ".join(f"{num(px(x))},{num(py(y))}" for x, y in run)
                thick = 4 if i == 0 else 2  # the first series (the overall score) stands out
                parts.append(
                    f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{thick}"{dashed}/>'
                )
            for x, y in run:
                parts.append(
                    f'<circle cx="{num(px(x))}" cy="{num(py(y))}" r="3" fill="{colour}">'
                    f"<title>{text(s.name)}: {num(y)}</title></circle>"
                )
        lx, ly = left + (i % 4) * (plot_w / 4), height + (i // 4) * 18 + 8
        parts.append(
            f'<line x1="{num(lx)}" y1="{num(ly)}" x2="{num(lx + 18)}" y2="{num(ly)}" stroke="{colour}" '
            f'stroke-width="3"{dashed}/>'
            f'<text x="{num(lx + 24)}" y="{num(ly + 4)}" font-size="12" fill="{INK}">{text(s.name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
