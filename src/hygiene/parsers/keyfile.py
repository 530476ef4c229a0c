"""Parses key files: `[section]` headers and `key=value` lines, as GDM (GKeyFile), LightDM,
SDDM, KDE (KConfig), systemd drop-ins and ufw.conf write them. What a key means, and which
file wins, is for the caller: every tool reads its own files in its own order."""

from __future__ import annotations

from dataclasses import dataclass

IMMUTABLE = "][$i"  # KConfig marks a group or key that later files may not change


@dataclass(frozen=True)
class Setting:
    section: str  # as written, e.g. "Seat:*", "Daemon"; "" before the first header
    key: str  # as written, without a KConfig "[$i]" or locale suffix
    value: str  # stripped; quotes kept

    def line(self) -> str:
        """The setting as evidence: `key=value`."""
        return f"{self.key}={self.value}"


def parse_keyfile(text: str) -> list[Setting]:
    """Every setting in file order; comments (`#`, `;`), blank lines and lines without `=`
    are skipped. Never raises: a line that is no setting is not one."""
    settings, section = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line[1 : line.rfind("]")].removesuffix(IMMUTABLE).strip() if "]" in line else ""
            continue
        key, sep, value = line.partition("=")
        if sep:
            settings.append(Setting(section, key.split("[", 1)[0].strip(), value.strip()))
    return settings


def keyfile_bool(value: str) -> bool | None:
    """A boolean as GLib, KConfig and shell-style files spell it, in any case; None otherwise."""
    word = value.strip().strip("\"'").lower()
    if word in ("true", "1", "yes", "on"):
        return True
    if word in ("false", "0", "no", "off"):
        return False
    return None
