"""`hygiene mfa inspect` output: what an otpauth:// URI holds, its secret never shown."""

from __future__ import annotations

from hygiene.inert import json_text
from hygiene.mfa.otpauth import OtpAuth
from hygiene.reporters import OutputFormat, Style


def render_otpauth(info: OtpAuth, fmt: OutputFormat, style: Style) -> str:
    fields = {
        "type": info.type.upper(),
        "issuer": info.issuer or "-",
        "account": info.account or "-",
        "algorithm": info.algorithm,
        "digits": info.digits,
        "period": f"{info.period} s" if info.period else "-",
        "secret": info.strength,
    }
    if fmt is OutputFormat.JSON:
        return json_text({**fields, "secret_bits": info.secret_bits, "warnings": info.warnings})
    from rich.table import Table
    from rich.text import Text

    from hygiene.reporters.console import console_for, strip_padding

    console, buffer = console_for(style)
    table = Table(show_header=False, box=None)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")  # a long issuer or account folds, never cut with an ellipsis
    for key, value in fields.items():
        table.add_row(key, Text(str(value)))  # Text: an issuer such as "[/bold]" is never markup
    console.print(table)
    for warning in info.warnings:
        console.print(Text(f"Warning: {warning}."))
    return strip_padding(buffer.getvalue())
