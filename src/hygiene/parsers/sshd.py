"""Parses the SSH server's configuration: `sshd -T` (the effective settings, one lower-case
keyword per line) and sshd_config files (keywords in any case, `Include` and `Match`).

In sshd_config the *first* value of a keyword wins, and Debian's `Include
/etc/ssh/sshd_config.d/*.conf` stands at the top, so drop-ins override the main file."""

from __future__ import annotations

from dataclasses import dataclass, field


def parse_sshd_t(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, _, value = line.strip().partition(" ")
        if key:
            values.setdefault(key.lower(), value.strip())
    return values


@dataclass
class SshdConfig:
    settings: dict[str, str] = field(default_factory=dict)  # global, first value wins
    matches: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # criteria -> settings
    origin: dict[str, str] = field(default_factory=dict)  # global keyword -> the file its value came from


def config_lines(text: str) -> list[tuple[str, str]]:
    """(keyword lower-cased, value) pairs; `Keyword=value` and `Keyword value` both occur."""
    pairs = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition("=") if "=" in line.split()[0] else line.partition(" ")
        pairs.append((key.strip().lower(), value.strip().strip('"')))
    return pairs
