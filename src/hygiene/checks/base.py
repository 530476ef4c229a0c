"""The Check record, the decorator that makes one from metadata and a function, the one way a
category reaches the code for this machine's operating system, and the one way a finding quotes
the output lines that decided it and the lines no parser knew (issue 11)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

from hygiene.model import CheckMeta, Finding
from hygiene.parsers import deciding_line
from hygiene.system import System

RunFn = Callable[[System], Finding]
P = TypeVar("P")


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    run: RunFn


def check(meta: CheckMeta) -> Callable[[RunFn], Check]:
    """Bind a check function to its metadata, so both live side by side in one module."""

    def bind(fn: RunFn) -> Check:
        return Check(meta, fn)

    return bind


def for_platform(system: System, category: str, probes: type[P]) -> P:
    """The module `checks/<category>/<platform>.py` for this machine, typed as the category's
    Protocol. Imported by name, so a new operating system is new files, not new branches, and
    a Linux audit never loads the Windows code."""
    return cast(P, importlib.import_module(f"{category}.{system.facts.platform.value}"))


def first_line(text: str) -> str:
    """The first non-empty line of a tool's message, for evidence and UNKNOWN reasons."""
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


MAX_QUOTED = 5  # output lines a finding's evidence quotes


def quoted(lines: Sequence[str]) -> str | list[str]:
    """The lines that decided a verdict, as evidence quotes them: one line as a str, several
    as a list of at most MAX_QUOTED, each through deciding_line."""
    shown = [deciding_line(line) for line in lines[:MAX_QUOTED]]
    return shown[0] if len(shown) == 1 else shown


def unrecognised_evidence(lines: Sequence[str]) -> dict[str, list[str]]:
    """The evidence entry for lines no parser knows (key "unrecognised"), or nothing."""
    return {"unrecognised": [deciding_line(line) for line in lines[:MAX_QUOTED]]} if lines else {}
