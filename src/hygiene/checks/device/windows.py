"""What the device checks find on windows. (Being written: every probe says it cannot tell yet.)"""

from __future__ import annotations

from hygiene.checks.device import AutoLogin, Firewall, Privilege, Protection, ScreenLock
from hygiene.system import ProbeUnavailable, System

NOT_YET = "not implemented yet"


def firewall(system: System) -> Firewall:
    raise ProbeUnavailable(NOT_YET)


def screen_lock(system: System) -> ScreenLock | None:
    raise ProbeUnavailable(NOT_YET)


def autologin(system: System) -> AutoLogin:
    raise ProbeUnavailable(NOT_YET)


def protection(system: System) -> Protection | None:
    raise ProbeUnavailable(NOT_YET)


def privilege(system: System) -> Privilege:
    raise ProbeUnavailable(NOT_YET)
