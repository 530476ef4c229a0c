"""The SSH server's effective settings, on any platform: `sshd -T` when permitted, otherwise
the configuration files followed through Include, with Match blocks kept apart."""

from __future__ import annotations

import posixpath

from hygiene.parsers.sshd import SshdConfig, config_lines, parse_sshd_t
from hygiene.system import System
from hygiene.system.kept import SSHD_SETTINGS

MAX_INCLUDE_DEPTH = 8


def effective(system: System, sshd: str, config_path: str) -> tuple[SshdConfig, str]:
    """Global settings, Match blocks, the evidence key of each setting's line (`sshd -T`, or
    the file it was read from) and where they came from."""
    result = system.run((sshd, "-T"), SSHD_SETTINGS)
    if result.ok:
        settings = parse_sshd_t(result.stdout)
        return SshdConfig(settings, [], dict.fromkeys(settings, "sshd -T")), f"{sshd} -T"
    config = SshdConfig()
    _read(system, config_path, config, None, 0)
    return config, config_path


def _read(
    system: System, path: str, config: SshdConfig, match: dict[str, str] | None, depth: int
) -> dict[str, str] | None:
    text = system.read_text(path, SSHD_SETTINGS)
    if text is None or depth > MAX_INCLUDE_DEPTH:
        return match
    folder = path.rsplit("\\", 1)[0] if "\\" in path else posixpath.dirname(path)
    for key, value in config_lines(text):
        if key == "include":
            for pattern in value.split():
                absolute = pattern.startswith(("/", "\\")) or ":" in pattern[:3]
                full = pattern if absolute else f"{folder}/{pattern}"
                for included in system.glob(full) if any(c in full for c in "*?[") else [full]:
                    match = _read(system, included, config, match, depth + 1)
        elif key == "match":
            match = {}
            config.matches.append((value, match))
        elif match is not None:
            match.setdefault(key, value)
        elif key not in config.settings:
            config.settings[key], config.origin[key] = value, path
    return match
