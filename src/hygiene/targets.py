"""Which machine an audit looks at (this one, a recorded snapshot, or a shipped demo), and the
profile that sets its policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from hygiene.errors import UserError
from hygiene.profile import Profile, load_profile
from hygiene.registry import BY_ID
from hygiene.system import System


@dataclass(frozen=True)
class Target:
    system: System
    profile: Profile  # the policy (fail_under, waivers, weights): read here, not back through the machine
    source: str  # "local", "snapshot" or "demo"
    demo: str | None = None  # the demo's title


def audit_target(
    *,
    snapshot: Path | None,
    demo: str | None,
    profile: Path | None,
    timeout: float,
    vault: Path | None = None,
    notify: Callable[[str], None] | None = None,
) -> Target:
    """`notify` hears a hint meant for the user (a ./hygiene.toml that is not used)."""
    if demo is not None:
        if snapshot is not None or profile is not None or vault is not None:
            raise UserError(
                "--demo brings its own machine and profile: use it without --snapshot, --profile and --vault"
            )
        return demo_target(demo)
    policy = load_profile(profile, notify=notify, known_checks=frozenset(BY_ID))
    if vault is not None:
        from hygiene.passwords.health import vault_health  # reads exports: only when one is given

        policy = replace(policy, vault=vault_health(vault))
    if snapshot is not None:
        from hygiene.snapshot import load_snapshot

        return Target(load_snapshot(snapshot, policy), policy, "snapshot")
    from hygiene.system.local import LocalSystem

    return Target(LocalSystem(timeout=timeout, profile=policy), policy, "local")


def demo_target(name: str) -> Target:
    """A shipped demo machine, with the profile it brings."""
    from hygiene.data.demos import load_demo

    system, title = load_demo(name)
    return Target(system, system.profile, "demo", title)
