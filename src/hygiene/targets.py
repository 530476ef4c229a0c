"""Which machine an audit looks at: this one, a recorded snapshot, or a shipped demo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hygiene.errors import UserError
from hygiene.profile import load_profile
from hygiene.system import System


@dataclass(frozen=True)
class Target:
    system: System
    source: str  # "local", "snapshot" or "demo"
    demo: str | None = None  # the demo's title


def audit_target(*, snapshot: Path | None, demo: str | None, profile: Path | None, timeout: float) -> Target:
    if demo is not None:
        if snapshot is not None or profile is not None:
            raise UserError("--demo brings its own machine and profile: use it without --snapshot and --profile")
        from hygiene.demos import load_demo

        system, title = load_demo(demo)
        return Target(system, "demo", title)
    policy = load_profile(profile)
    if snapshot is not None:
        from hygiene.snapshot import load_snapshot

        return Target(load_snapshot(snapshot, policy), "snapshot")
    from hygiene.system.local import LocalSystem

    return Target(LocalSystem(timeout=timeout, profile=policy), "local")
