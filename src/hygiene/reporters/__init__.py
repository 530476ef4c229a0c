"""Reporters turn an AuditResult into text. One module per format, each with
`render(result: AuditResult, style: Style) -> str`; modules load lazily so Rich is imported
only when a table is drawn. OutputFormat names the formats of every command (which command
offers which: hygiene.cli.options.FORMATS); console.py is the one Rich console factory."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.model import AuditResult


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    JUNIT = "junit"
    CSV = "csv"


MODULES = {
    OutputFormat.TABLE: "hygiene.reporters.table",
    OutputFormat.JSON: "hygiene.reporters.json_report",
    OutputFormat.MARKDOWN: "hygiene.reporters.markdown",
    OutputFormat.HTML: "hygiene.reporters.html",
    OutputFormat.JUNIT: "hygiene.reporters.junit",
    OutputFormat.CSV: "hygiene.reporters.csv_report",
}


@dataclass(frozen=True)
class Style:
    color: bool | None = False  # ANSI colours; None: as reporters.console.wants_color decides for stdout
    width: int = 100
    region_guess: str | None = None  # the country of the user's locale, for the hint to set `region`


PLAIN = Style()


def render(result: AuditResult, fmt: OutputFormat, style: Style = PLAIN) -> str:
    return importlib.import_module(MODULES[fmt]).render(result, style)
