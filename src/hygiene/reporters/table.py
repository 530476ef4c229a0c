"""The terminal report (Rich): score first, then categories, findings, and what to fix first."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from hygiene.model import AuditResult, Category, Status
from hygiene.reporters import Style
from hygiene.reporters.console import console_for, strip_padding
from hygiene.reporters.text import (
    STATUS_LABEL,
    check_label,
    coverage_sentence,
    coverage_text,
    incident_section,
    points_text,
    score_text,
    source_note,
    system_text,
    undecided,
    undecided_sentence,
    when,
)
from hygiene.reporters.wrap import NBSP, Prose, hanging

STATUS_STYLE = {
    Status.PASS: "green",
    Status.WARN: "yellow",
    Status.FAIL: "bold red",
    Status.UNKNOWN: "blue",
    Status.NOT_APPLICABLE: "dim",
    Status.ERROR: "magenta",
    Status.WAIVED: "cyan",
}
GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "F": "bold red"}


def render(result: AuditResult, style: Style) -> str:
    console, buffer = console_for(style)
    h, o = result.host, result.overall
    console.print(Text(f"hygiene {result.tool_version} · security hygiene audit{source_note(result)}", style="bold"))
    console.print(f"Host   {h.hostname or '-'} · {system_text(h)}", markup=False)
    console.print(f"Time   {when(result)} · took {result.duration_s:.1f} s", markup=False)
    console.print()
    headline = Text("Score  ")
    headline.append(score_text(o), style="bold")
    if o.grade:
        headline.append("  grade ").append(o.grade, style=GRADE_STYLE[o.grade])
    headline.append(f"  ({coverage_sentence(o)})", style="dim")
    console.print(headline)
    console.print()

    cats = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for name, justify in (("Category", "left"), ("Score", "right"), ("Grade", "center"), ("Coverage", "right")):
        cats.add_column(name, justify=justify)  # type: ignore[arg-type]
    for cat in Category:
        s = result.categories[cat]
        cats.add_row(
            cat.label, score_text(s), Text(s.grade or "-", style=GRADE_STYLE.get(s.grade or "", "")), coverage_text(s)
        )
    console.print(cats)
    console.print()

    # One finding per block: status and id, then the check's title and what was found, wrapped
    # under each other. A table's summary column is too narrow at 80 columns for the commands,
    # settings and links that summaries carry.
    console.print(Text("Findings", style="bold"))
    # Widths set here, not measured by Rich over every row: measuring 500 findings took a second.
    status_width = max((len(STATUS_LABEL[f.finding.status]) for f in result.findings), default=4)
    id_width = max((len(f.meta.id) for f in result.findings), default=7)
    findings = Table.grid(padding=(0, 2))
    findings.add_column(no_wrap=True, width=status_width)
    findings.add_column(no_wrap=True, width=id_width)
    findings.add_column(width=max(console.width - status_width - id_width - 4, 20))
    for f in sorted(result.findings, key=lambda f: f.meta.id):
        status = f.finding.status
        about = Group(Prose(Text(check_label(f), style="bold")), Padding(Prose(f.finding.summary), (0, 0, 0, 2)))
        findings.add_row(Text(STATUS_LABEL[status], style=STATUS_STYLE[status]), f.meta.id, about)
    console.print(findings)
    console.print()

    todo = result.remediation_order()
    console.print(Text("Fix these first", style="bold"))
    if not todo:
        console.print("  Nothing to fix among the checks that could be decided.")
    for n, f in enumerate(todo, 1):
        title = Text(f"{f.meta.id} {f.meta.title}", style="bold")
        title.append("  " + points_text(f.points).replace(" ", NBSP), style="green")  # the points never wrap alone
        console.print(hanging([(f"{n:>2}.", title)], edge=False))
        console.print(Padding(Prose(f.remediation), (0, 0, 1 if n < len(todo) else 0, 4)))  # a blank between
    if unknown := undecided(result):
        console.print()
        console.print(Text(undecided_sentence(len(unknown)), style="dim"))
    _incident(console, result, style.region_guess)
    return strip_padding(buffer.getvalue())


def _incident(console: Console, result: AuditResult, region_guess: str | None) -> None:
    section = incident_section(result, region_guess)
    console.print()
    console.print(Text(section.title, style="bold"))
    console.print(hanging([(f"{n}.", Text(step)) for n, step in enumerate(section.steps, 1)]))
    console.print(Text(section.heading, style="bold"))
    contacts = []
    for c in section.contacts:
        text = Text().append(c.who, style="bold").append(f": {c.what}. Contact: {c.how}.")  # the name only
        if c.note:
            text.append(f" {c.note}", style="dim")
        contacts.append(("-", text))
    console.print(hanging(contacts))
    if section.hint:
        console.print(Text(section.hint, style="dim"))
