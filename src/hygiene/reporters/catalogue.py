"""The check catalogue (`hygiene checks`, `hygiene explain`): the docs' catalogue is generated
from this, so it always matches the code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hygiene.inert import json_text
from hygiene.model import FAMILY_LABELS, CheckMeta, Platform
from hygiene.reporters import PLAIN, OutputFormat, Style
from hygiene.reporters.markdown import cell

if TYPE_CHECKING:
    from hygiene.data.demos import Demo


def _as_dict(m: CheckMeta) -> dict:
    return {
        "id": m.id,
        "title": m.title,
        "category": m.category.value,
        "severity": m.severity.value,
        "weight": m.severity.weight,
        "platforms": [p.value for p in m.platforms],
        "evidence_kind": m.evidence.value,
        "needs_admin": m.needs_admin,
        "rationale": m.rationale,
        "remediation": {p.value: text for p, text in m.remediation.items()},
        "remediation_by_family": dict(m.family_remediation),
        "references": list(m.references),
    }


def render_catalogue(metas: Sequence[CheckMeta], fmt: OutputFormat, style: Style = PLAIN) -> str:
    if fmt is OutputFormat.JSON:
        return json_text([_as_dict(m) for m in metas])
    if fmt is OutputFormat.MARKDOWN:
        lines = ["| ID | Check | Category | Severity | Platforms | References |", "|---|---|---|---|---|---|"]
        for m in metas:
            platforms = ", ".join(p.label for p in m.platforms)
            lines.append(
                f"| {m.id} | {cell(m.title)} | {m.category.label} | {m.severity.value} | {platforms} "
                f"| {cell('; '.join(m.references))} |"
            )
        return "\n".join(lines) + "\n"
    from rich.table import Table
    from rich.text import Text

    from hygiene.reporters.console import console_for, strip_padding
    from hygiene.reporters.wrap import Prose

    # One check per block, not a six-column table: at 80 columns a table's cells are too narrow
    # for titles and references, which then wrap word by word or get cut.
    console, buffer = console_for(style)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for m in metas:
        about = Text().append(m.title, style="bold")  # Text(..., style=) would bold the lines below too
        about.append(f"\n{m.category.label} · severity {m.severity.value} · ", style="dim")
        about.append(", ".join(p.label for p in m.platforms), style="dim")
        about.append("\n" + "; ".join(m.references), style="dim")
        grid.add_row(m.id, Prose(about))
    console.print(grid)
    return strip_padding(buffer.getvalue())


def render_explain(m: CheckMeta, style: Style = PLAIN) -> str:
    from rich.padding import Padding
    from rich.text import Text

    from hygiene.reporters.console import console_for, strip_padding
    from hygiene.reporters.wrap import Prose, hanging

    console, buffer = console_for(style)
    console.print(Prose(Text(f"{m.id}  {m.title}", style="bold")))
    facts = (
        f"{m.category.label} · severity {m.severity.value} (weight {m.severity.weight}) · "
        f"{m.evidence.value} · {', '.join(p.label for p in m.platforms)}"
        + (" · needs administrator rights" if m.needs_admin else "")
    )
    console.print(Prose(Text(facts, style="dim")))
    console.print()
    console.print(Text("Why it matters", style="bold"))
    console.print(Padding(Prose(m.rationale), (0, 0, 1, 2)))
    for platform, steps in m.remediation.items():
        console.print(Prose(Text(f"How to fix it on {platform.label}", style="bold")))
        console.print(Padding(Prose(steps), (0, 0, 1, 2)))
        if platform is Platform.LINUX:
            for family, family_steps in m.family_remediation.items():
                console.print(Prose(Text(f"How to fix it on {FAMILY_LABELS[family]}", style="bold")))
                console.print(Padding(Prose(family_steps), (0, 0, 1, 2)))
    console.print(Text("References", style="bold"))
    console.print(Padding(hanging([("-", ref) for ref in m.references], edge=False), (0, 0, 0, 2)))
    return strip_padding(buffer.getvalue())


def render_demos(demos: Sequence[Demo], width: int) -> str:
    """`hygiene demo list`: each machine's name, platform and title, then what it shows, wrapped
    to `width` and indented under it (plain text: a list needs no table). The description names
    the machine in its own words, so the title is not put in front of it again."""
    from hygiene.reporters.wrap import fill

    return "".join(
        # [4:]: the name line starts at the edge, and only its continuation is indented
        f"{fill(f'{d.name} ({d.platform}): {d.title}', width, 4)[4:]}\n{fill(d.description, width, 4)}\n"
        for d in demos
    )
