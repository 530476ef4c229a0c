"""Parses when a Linux desktop locks its screen: the values `gsettings get` prints for GNOME's
keys, and KDE Plasma's kscreenlockerrc ([Daemon] Autolock, Timeout, Lock, LockGrace,
RequirePassword, LockOnResume)."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt, number
from hygiene.parsers.keyfile import keyfile_bool, parse_keyfile


def parse_gsettings_uint(text: str) -> int:
    """A GVariant unsigned integer as `gsettings get` prints it: `uint32 300` (older GLib
    printed a bare `300`)."""
    words = text.split()
    digits = words[-1] if words and (len(words) == 1 or words[0] in ("uint32", "uint64", "int32")) else ""
    if not digits.isascii() or not digits.isdigit():
        raise ParseError(f"gsettings printed no whole number: {excerpt(text)}")
    return number(digits, "gsettings")


def parse_gsettings_bool(text: str) -> bool:
    """`true` or `false`."""
    word = text.strip()
    if word not in ("true", "false"):
        raise ParseError(f"gsettings printed no true or false: {excerpt(text)}")
    return word == "true"


# Plasma's defaults (kscreenlocker's kscreenlockersettings.kcfg): a missing key means these.
KDE_DEFAULTS = {
    "Autolock": "true",
    "Timeout": "5",  # minutes
    "Lock": "true",  # false: the grace period never ends, so no password is asked
    "LockGrace": "5",  # seconds
    "RequirePassword": "true",  # Plasma 6
    "LockOnResume": "true",
}


@dataclass(frozen=True)
class KdeScreenLock:
    idle_seconds: int  # 0: never locks by itself
    asks_password: bool
    grace_seconds: int
    settings: dict[str, str]  # each judged key as read, "(default)" after the ones not set


def parse_kscreenlockerrc(texts: list[str]) -> KdeScreenLock:
    """kscreenlockerrc files from the least to the most specific (/etc/xdg, then ~/.config):
    later values win, as KConfig cascades them (a `[$i]` lock in the system file is not
    honoured). A value KConfig cannot read falls back to the default, as KConfig does."""
    found: dict[str, str] = {}
    for text in texts:
        for s in parse_keyfile(text):
            key = next((k for k in KDE_DEFAULTS if k.lower() == s.key.lower()), None)
            if key and s.section.lower() == "daemon":
                found[key] = s.value[:40]
    settings = {k: found.get(k, f"{v} (default)") for k, v in KDE_DEFAULTS.items()}

    def flag(key: str) -> bool:
        value = keyfile_bool(found.get(key, ""))
        return keyfile_bool(KDE_DEFAULTS[key]) is True if value is None else value

    def whole(key: str) -> int:
        raw = found.get(key, "").strip()
        return number(raw, key) if raw.isascii() and raw.isdigit() else int(KDE_DEFAULTS[key])

    timeout = whole("Timeout")
    idle = timeout * 60 if flag("Autolock") and timeout > 0 else 0
    return KdeScreenLock(idle, flag("Lock") and flag("RequirePassword"), whole("LockGrace"), settings)
