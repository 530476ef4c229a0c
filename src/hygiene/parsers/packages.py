"""The record every package-manager parser returns: one pending update."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PendingUpdate:
    name: str
    version: str  # the version on offer
    security: bool | None  # None: the source publishes no security classification
    source: str = ""  # suite, repository or advisory it comes from
