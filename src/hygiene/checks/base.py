"""The Check record and the decorator that makes one from metadata and a function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hygiene.model import CheckMeta, Finding, Status
from hygiene.system import System

RunFn = Callable[[System], Finding]


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    run: RunFn


def check(meta: CheckMeta) -> Callable[[RunFn], Check]:
    """Bind a check function to its metadata, so both live side by side in one module."""

    def bind(fn: RunFn) -> Check:
        return Check(meta, fn)

    return bind


def unknown(summary: str, **evidence: object) -> Finding:
    return Finding(Status.UNKNOWN, summary, dict(evidence))  # type: ignore[arg-type]


def first_line(text: str) -> str:
    """The first non-empty line of a tool's message, for evidence and UNKNOWN reasons."""
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
