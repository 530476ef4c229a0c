"""Facts about Linux machines that several checks need, asked through the System seam."""

from __future__ import annotations

from hygiene.parsers.os_release import OsRelease, parse_os_release
from hygiene.system import System
from hygiene.system.kept import WHOLE

APT_GET = "/usr/bin/apt-get"
# Checked in this order: Fedora ships a yum shim beside dnf, and some hosts carry stray tools.
PACKAGE_MANAGERS = (
    ("apt", APT_GET),
    ("dnf", "/usr/bin/dnf"),
    ("yum", "/usr/bin/yum"),
    ("zypper", "/usr/bin/zypper"),
    ("pacman", "/usr/bin/pacman"),
    ("apk", "/sbin/apk"),
)


def package_manager(system: System) -> str | None:
    return next((name for name, path in PACKAGE_MANAGERS if system.exists(path)), None)


def os_release(system: System) -> OsRelease:
    return os_release_file(system)[1]


def os_release_file(system: System) -> tuple[str | None, OsRelease]:
    """The os-release file found (None: neither exists) and what it says."""
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        text = system.read_text(path, WHOLE)
        if text is not None:
            return path, parse_os_release(text)
    return None, parse_os_release("")
