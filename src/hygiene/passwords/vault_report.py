"""Rendering a vault audit. Entries are named by title, site and username (hidden with
--redact), never by password; reused passwords are shown as groups of entries, each listed once
(JSON: `reuse_groups`, and each problem's `reuse_group` number).

Titles, sites and usernames come from the export: in the table they are rich Text, never
markup, so `[/bold]` in a title is shown, not parsed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hygiene.inert import Inert, json_text
from hygiene.passwords.vault import EntryReport, VaultReport
from hygiene.reporters import OutputFormat, Style
from hygiene.reporters.markdown import cell

MAX_ROWS = 200


def _user(username: str, redact: bool) -> str:
    if not redact or not username:
        return username
    return username[0] + "•••"


def _summary(report: VaultReport) -> list[tuple[str, int]]:
    return [
        ("entries with a password", len(report.entries)),
        ("distinct passwords", report.distinct_passwords),
        ("weak", report.count(lambda e: e.weak)),
        ("reused", report.count(lambda e: e.reused)),
        ("under 15 characters without a second factor", report.count(lambda e: e.short_without_mfa)),
        *([("breached", report.count(lambda e: bool(e.breached)))] if report.breach_checked else []),
    ]


def _mfa_rows(report: VaultReport) -> list[tuple[EntryReport, str, str]]:
    """Entries whose site offers a second factor with no code stored: the strongest it
    offers, and the page to turn it on."""
    from hygiene.mfa.services import bare_name

    return [
        (e, bare_name(e.mfa_offered.best or "none"), e.mfa_offered.settings)
        for e in report.offering_mfa()
        if e.mfa_offered
    ]


MFA_HEADING = "These sites offer a second factor, and the export stores no one-time code for them"
MFA_NOTE = "If you turned one on elsewhere (SMS, a passkey, another app), ignore that entry."
NO_TOTP_COLUMN = "This export has no one-time-code column, so it cannot say which logins have a second factor."


def _health(report: VaultReport) -> str:
    return "n/a" if report.health is None else f"{report.health}/100"


def render_vault(report: VaultReport, fmt: OutputFormat, style: Style, redact: bool = False) -> str:
    worst = report.worst_first()
    if fmt is OutputFormat.JSON:
        return _json(_document(report, worst, redact))
    breach_note = "" if report.breach_checked else " Breaches were not checked (use --online or --pwned-file)."
    if fmt is OutputFormat.MARKDOWN:
        lines = [f"# Password vault health: {_health(report)}", "", f"Source: {report.source}.{breach_note}", ""]
        lines += [f"- {label}: {n}" for label, n in _summary(report)]
        lines += ["", "| Line | Title | Site | Username | Problems |", "|---|---|---|---|---|"]
        for e in worst[:MAX_ROWS]:
            user = cell(_user(e.username, redact))
            lines.append(f"| {e.line} | {cell(e.title)} | {cell(e.site)} | {user} | {cell(', '.join(e.problems))} |")
        if not report.totp_known:
            lines += ["", NO_TOTP_COLUMN]
        elif rows := _mfa_rows(report):
            lines += ["", f"## {MFA_HEADING}", "", MFA_NOTE, "", "| Line | Title | Site | Best offered | Turn it on |"]
            lines.append("|---|---|---|---|---|")
            for e, best, where in rows[:MAX_ROWS]:
                lines.append(f"| {e.line} | {cell(e.title)} | {cell(e.site)} | {cell(best)} | {cell(where)} |")
        return "\n".join(lines) + "\n"
    from rich.table import Table
    from rich.text import Text

    from hygiene.reporters.console import console_for, strip_padding
    from hygiene.reporters.wrap import Prose

    console, buffer = console_for(style)
    console.print(
        Text(f"Password vault health: {_health(report)}", style="bold"), Text(f"  ({report.source})", style="dim")
    )
    for label, n in _summary(report):
        console.print(f"  {label}: {n}", markup=False)
    if breach_note:
        console.print(Text(breach_note.strip(), style="dim"))
    if worst:
        table = Table(title="Fix these first (worst first)", title_justify="left")
        for name in ("Line", "Title", "Site", "Username", "Problems"):
            table.add_column(name, overflow="fold")
        for e in worst[:MAX_ROWS]:
            table.add_row(
                str(e.line),
                Text(e.title),
                Text(e.site),
                Text(_user(e.username, redact)),
                Text(", ".join(e.problems), style=_style(e)),
            )
        console.print(table)
        if len(worst) > MAX_ROWS:
            console.print(f"... and {len(worst) - MAX_ROWS} more (use -f json for all).", markup=False)
    if not report.totp_known:
        console.print(Text(NO_TOTP_COLUMN, style="dim"))
    elif rows := _mfa_rows(report):
        # Three columns, the link on a line of its own and given its full width first (the title
        # wraps in what is left): five columns left no room for a whole link at 80 columns.
        table = Table(title=MFA_HEADING, title_justify="left", caption=MFA_NOTE, caption_justify="left", expand=True)
        table.add_column("Line", no_wrap=True)
        table.add_column("Title and site", ratio=1, overflow="fold")
        table.add_column("Best offered, and where to turn it on")
        for e, best, where in rows[:MAX_ROWS]:
            entry = Text(e.title).append(f"\n{e.site}", style="dim")
            table.add_row(str(e.line), Prose(entry), Prose(Text(f"{best}\n{where}")))
        console.print(table)
        if len(rows) > MAX_ROWS:
            console.print(f"... and {len(rows) - MAX_ROWS} more (use -f json for all).", markup=False)
    return strip_padding(buffer.getvalue())


def _style(e: EntryReport) -> str:
    return "bold red" if e.breached or e.weak else "yellow"


def _document(report: VaultReport, worst: list[EntryReport], redact: bool) -> dict[str, Any]:
    """The JSON report; its three lists are generators, written one item at a time."""
    return {
        "source": report.source,
        "health": report.health,
        "breach_checked": report.breach_checked,
        "summary": {label: n for label, n in _summary(report)},
        "one_time_codes_in_export": report.totp_known,
        "reuse_groups": (
            {"group": g.number, "entries": len(g.lines), "lines": list(g.lines)} for g in report.reuse_groups
        ),
        "second_factor_offered": (
            {
                "line": e.line,
                "title": e.title,
                "site": e.site,
                "service": e.mfa_offered.id,
                "offers": list(e.mfa_offered.methods),
                "settings": e.mfa_offered.settings,
            }
            for e in report.offering_mfa()
            if e.mfa_offered
        ),
        "problems": (
            {
                "line": e.line,
                "title": e.title,
                "site": e.site,
                "username": _user(e.username, redact),
                "problems": list(e.problems),
                "weak": e.weak,
                "reuse_group": e.reuse.number if e.reuse else None,
                "breached_count": e.breached,
                "has_totp": e.has_totp,
            }
            for e in worst
        ),
    }


def _json(doc: dict[str, Any]) -> Inert:
    """Like json_text(doc), but each item of a list on one line (the C encoder; an indent makes
    json use the pure-Python one) and joined once: for a 500,000-entry vault that held 35 times
    the export's size in pieces at once."""

    def one_line(value: object) -> str:
        return json_text(value, indent=None)[:-1]

    pieces = ["{"]
    for n, (key, value) in enumerate(doc.items()):
        pieces.append(f"{',' if n else ''}\n  {one_line(key)}: ")
        if not isinstance(value, Iterator):
            pieces.append(json_text(value)[:-1].replace("\n", "\n  "))
            continue
        pieces.append("[")
        empty = True
        for item in value:
            pieces.append(f"{'' if empty else ','}\n    {one_line(item)}")
            empty = False
        pieces.append("]" if empty else "\n  ]")
    pieces.append("\n}\n")
    return Inert("".join(pieces))
