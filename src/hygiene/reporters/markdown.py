"""Markdown, for tickets, wikis and e-mail."""

from __future__ import annotations

from hygiene.model import AuditResult, Category
from hygiene.reporters import Style
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
    when,
)


def cell(text: str) -> str:
    """Text that cannot break a table row or start markup by accident: no HTML, and no link or
    image (`[Click to fix](https://...)` in a host name or an export title stays text)."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\n", " ")
        .replace("<", "&lt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
    )


def render(result: AuditResult, style: Style) -> str:
    h = result.host
    o = result.overall
    grade = f", grade {o.grade}" if o.grade else ""
    lines = [
        f"# hygiene audit: {cell(h.hostname or 'this machine')}{source_note(result)}",
        "",
        f"- **Host:** {cell(system_text(h))}",
        f"- **When:** {when(result)}, hygiene {result.tool_version}",
        f"- **Score:** {score_text(o)}{grade}; {coverage_sentence(o)}",
        "",
        "## Categories",
        "",
        "| Category | Score | Grade | Coverage |",
        "|---|---|---|---|",
    ]
    for cat in Category:
        s = result.categories[cat]
        lines.append(f"| {cat.label} | {score_text(s)} | {s.grade or '-'} | {coverage_text(s)} |")
    lines += ["", "## Findings", "", "| Status | ID | Check | Summary |", "|---|---|---|---|"]
    for f in sorted(result.findings, key=lambda f: f.meta.id):
        status = STATUS_LABEL[f.finding.status]
        lines.append(f"| {status} | {f.meta.id} | {cell(check_label(f))} | {cell(f.finding.summary)} |")
    lines += ["", "## Fix these first", ""]
    todo = result.remediation_order()
    if not todo:
        lines.append("Nothing to fix among the checks that could be decided.")
    for n, f in enumerate(todo, 1):
        lines += [f"{n}. **{f.meta.id} {cell(f.meta.title)}** ({points_text(f.points)})", "", f"   {f.remediation}", ""]
    section = incident_section(result, style.region_guess)
    lines += ["", f"## {section.title}", ""]
    lines += [f"{n}. {cell(step)}" for n, step in enumerate(section.steps, 1)]
    lines += ["", f"**{section.heading}**", ""]
    for c in section.contacts:
        note = f" {cell(c.note)}" if c.note else ""
        lines.append(f"- **{cell(c.who)}**: {cell(c.what)}. Contact: {cell(c.how)}.{note} ([source]({c.source}))")
    if section.hint:
        lines += ["", cell(section.hint)]
    return "\n".join(lines).rstrip() + "\n"
