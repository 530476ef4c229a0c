"""`hygiene mfa accounts` output: the profile's accounts as a to-do list, critical first."""

from __future__ import annotations

from hygiene.inert import json_text
from hygiene.mfa.coverage import Judged
from hygiene.mfa.services import METHOD_NAMES, METHOD_ORDER, ServiceTable, bare_name
from hygiene.model import Status
from hygiene.reporters import OutputFormat, Style


def method_list(methods: tuple[str, ...]) -> str:
    """What a service offers, strongest first, in words: "passkey, security key, SMS codes"."""
    names = [bare_name(m) for m in METHOD_ORDER if m in methods]
    return ", ".join(names) or "no second factor"


def offers(judged: Judged) -> str:
    return method_list(judged.service.methods) if judged.service else "not in the service table"


def critical_text(judged: Judged) -> str:
    return f"critical ({judged.critical_why})" if judged.critical else "not critical"


def as_dict(judged: Judged) -> dict:
    return {
        "account": judged.label,
        "service": judged.service.id if judged.service else None,
        "method": judged.account.method,
        "critical": judged.critical,
        "critical_why": judged.critical_why,
        "status": judged.status.value,
        "offers": list(judged.service.methods) if judged.service else None,
        "settings": judged.service.settings if judged.service else None,
        "next_step": judged.next_step,
        "profile_line": judged.account.line,
    }


def render_accounts(
    judged: list[Judged], table: ServiceTable, fmt: OutputFormat, style: Style, demo: str | None = None
) -> str:
    """`demo` is the title of the demo machine whose profile this is, marked as the audit marks it."""
    if fmt is OutputFormat.JSON:
        return json_text(
            {
                "demo": demo,
                "service_table_checked": table.checked.isoformat(),
                "accounts": [as_dict(j) for j in judged],
            }
        )
    from rich.table import Table
    from rich.text import Text

    from hygiene.reporters.console import console_for, strip_padding
    from hygiene.reporters.table import STATUS_STYLE
    from hygiene.reporters.text import STATUS_LABEL, demo_note
    from hygiene.words import count

    console, buffer = console_for(style)
    if demo is not None:
        console.print(Text(f"Online accounts{demo_note(demo)}", style="bold"))
    console.print(
        f"{count(len(judged), 'account')}, critical first; service table checked {table.checked.isoformat()}.",
        markup=False,
    )
    for j in judged:
        console.print()
        head = Text()
        head.append(f"{STATUS_LABEL[j.status]:<4}", style=STATUS_STYLE[j.status])
        head.append(f"  {j.label}", style="bold")
        head.append(f"  {critical_text(j)}", style="dim")
        console.print(head)
        rows = Table.grid(padding=(0, 1))
        rows.add_column(width=5)
        rows.add_column(style="dim")
        rows.add_column(overflow="fold")  # links wrap whole, never cut with an ellipsis
        for key, value in (("now", METHOD_NAMES[j.account.method]), ("offers", offers(j)), ("next", j.next_step)):
            rows.add_row("", f"{key}:", value)
        console.print(rows)
    failing = sum(j.status is Status.FAIL for j in judged)
    if failing:
        console.print()
        have = "has" if failing == 1 else "have"
        console.print(Text(f"{count(failing, 'critical account')} {have} no second factor: start there.", style="bold"))
    return strip_padding(buffer.getvalue())
