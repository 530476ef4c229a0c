"""Facts about Linux machines that several checks need, asked through the System seam."""

from __future__ import annotations

from hygiene.system import System

APT_GET = "/usr/bin/apt-get"


def uses_apt(system: System) -> bool:
    """Debian, Ubuntu and their derivatives: the apt tools are what manage updates."""
    return system.exists(APT_GET)
