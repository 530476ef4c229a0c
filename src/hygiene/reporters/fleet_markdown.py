"""The fleet in Markdown, for a ticket, a wiki or an e-mail: the fleet's score, a table of
hosts, a table of the checks that fail, and how to fix each. Every text from a result or a
failure record goes through reporters.markdown.cell, so it cannot start a link or break a row."""

from __future__ import annotations

from hygiene.fleet.summary import Fleet, HostLine
from hygiene.reporters import Style
from hygiene.reporters.fleet_words import (
    GAIN,
    age,
    coverage,
    failure_text,
    fixes,
    gain,
    headline,
    host_score,
    notes,
    platform,
)
from hygiene.reporters.markdown import cell
from hygiene.words import count


def _what(h: HostLine) -> str:
    if h.failure is not None:
        return f"**{cell(failure_text(h))}**"
    return ", ".join(h.result.critical) if h.result and h.result.critical else "none"


def _hosts_failing(names: tuple[str, ...], verb: str) -> str:
    shown = ", ".join(cell(n) for n in names[:10]) + (", ..." if len(names) > 10 else "")
    return f"{verb} on {count(len(names), 'host')}: {shown}"


def fleet_markdown(fleet: Fleet, style: Style) -> str:
    lines = [f"# hygiene fleet: {count(len(fleet.hosts), 'host')}", "", f"- **{headline(fleet, cell)}**"]
    lines += [f"- {note}" for note in notes(fleet)]
    lines += ["", "## Hosts", "", "| Host | System | Score | Coverage | Audited | Critical failing |",
              "|---|---|---|---|---|---|"]  # fmt: skip
    for h in fleet.hosts:
        lines.append(f"| {cell(h.host)} | {platform(h)} | {host_score(h)} | {coverage(h)} | {age(h)} | {_what(h)} |")
    lines += ["", "## Checks that fail, worst first", ""]
    if not fleet.checks:
        return "\n".join([*lines, "No check fails or warns on any host with a current result.", ""])
    lines += [f"{GAIN[0].upper()}{GAIN[1:]}.", "", "| Check | Severity | FAIL | WARN | Gain |", "|---|---|---|---|---|"]
    for c in fleet.checks:
        counts = f"{len(c.failing)} | {len(c.warning)} | {gain(c.gain)}"
        lines.append(f"| {c.id} {cell(c.title)} | {c.severity} | {counts} |")
    lines += ["", "## How to fix them", ""]
    for n, c in enumerate(fleet.checks, 1):
        where = [_hosts_failing(hosts, verb) for hosts, verb in ((c.failing, "fails"), (c.warning, "warns")) if hosts]
        lines += [f"{n}. **{c.id} {cell(c.title)}** ({'; '.join(where)})", ""]
        lines += [f"   - {names}: {cell(fix)}" for names, fix in fixes(c)]
        lines.append("")
    return "\n".join(lines)
