"""A vault's health as an audit keeps it (`hygiene audit --vault EXPORT`, judged by PWD-006):
counts only, so that no password outlives the reading of the export."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hygiene.passwords.exports import read_export
from hygiene.passwords.vault import audit_vault


@dataclass(frozen=True)
class VaultHealth:
    """A vault audit's summary: counts only, no passwords."""

    source: str
    entries: int
    weak: int
    reused: int
    breached: int | None  # None: breaches were not checked
    health: int | None
    short: int = 0  # under 15 characters, with no one-time code stored beside them


def vault_health(export: Path) -> VaultHealth:
    """Audit a password-manager export and keep only its counts, for PWD-006."""
    label, entries = read_export(export)
    report = audit_vault(label, entries)
    del entries
    return VaultHealth(
        source=label,
        entries=len(report.entries),
        weak=report.count(lambda e: e.weak),
        reused=report.count(lambda e: e.reused),
        breached=None,
        health=report.health,
        short=report.count(lambda e: e.short_without_mfa),
    )
