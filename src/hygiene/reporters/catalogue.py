"""The check catalogue (`hygiene checks`, `hygiene explain`): the docs' catalogue is generated
from this, so it always matches the code."""

from __future__ import annotations

from collections.abc import Sequence

from hygiene.inert import json_text
from hygiene.model import FAMILY_LABELS, CheckMeta, Platform
from hygiene.reporters import PLAIN, OutputFormat, Style
from hygiene.reporters.markdown import cell


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

    from hygiene.reporters.console import console_for, strip_padding

    console, buffer = console_for(style)
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("ID", "Check", "Category", "Severity", "Platforms", "References"):
        table.add_column(name, no_wrap=name in ("ID", "Severity"))
    for m in metas:
        table.add_row(
            m.id,
            m.title,
            m.category.label,
            m.severity.value,
            ", ".join(p.label for p in m.platforms),
            "; ".join(m.references),
        )
    console.print(table)
    return strip_padding(buffer.getvalue())


def render_explain(m: CheckMeta, style: Style = PLAIN) -> str:
    from rich.padding import Padding
    from rich.text import Text

    from hygiene.reporters.console import console_for, strip_padding

    console, buffer = console_for(style)
    console.print(Text(f"{m.id}  {m.title}", style="bold"))
    facts = (
        f"{m.category.label} · severity {m.severity.value} (weight {m.severity.weight}) · "
        f"{m.evidence.value} · {', '.join(p.label for p in m.platforms)}"
        + (" · needs administrator rights" if m.needs_admin else "")
    )
    console.print(Text(facts, style="dim"))
    console.print()
    console.print(Text("Why it matters", style="bold"))
    console.print(Padding(Text(m.rationale), (0, 0, 1, 2)))
    for platform, steps in m.remediation.items():
        console.print(Text(f"How to fix it on {platform.label}", style="bold"))
        console.print(Padding(Text(steps), (0, 0, 1, 2)))
        if platform is Platform.LINUX:
            for family, family_steps in m.family_remediation.items():
                console.print(Text(f"How to fix it on {FAMILY_LABELS[family]}", style="bold"))
                console.print(Padding(Text(family_steps), (0, 0, 1, 2)))
    console.print(Text("References", style="bold"))
    for ref in m.references:
        console.print(Padding(Text(f"- {ref}"), (0, 0, 0, 2)))
    return strip_padding(buffer.getvalue())
