"""JSON (schema_version 1): see hygiene/schemas/result-v1.schema.json."""

from __future__ import annotations

from hygiene.inert import json_text
from hygiene.model import AuditResult
from hygiene.reporters import Style
from hygiene.results import to_document


def render(result: AuditResult, style: Style) -> str:
    return json_text(to_document(result))
