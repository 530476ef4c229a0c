"""Parses /etc/os-release (or /usr/lib/os-release): shell-style KEY=value lines."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

FAMILIES = {
    "debian": ("debian", "ubuntu"),
    "rhel": ("rhel", "fedora", "centos"),
    "suse": ("suse", "opensuse", "sles"),
    "arch": ("arch",),
    "alpine": ("alpine",),
}


@dataclass(frozen=True)
class OsRelease:
    id: str
    id_like: tuple[str, ...]
    version_id: str
    pretty_name: str
    fields: dict[str, str]

    def is_like(self, family: str) -> bool:
        return self.id == family or family in self.id_like

    @property
    def family(self) -> str:
        """The family whose tools and advice apply: debian, rhel, suse, arch, alpine, or ""."""
        for family, members in FAMILIES.items():
            if any(self.is_like(m) for m in members):
                return family
        return ""


def parse_os_release(text: str) -> OsRelease:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, raw = line.partition("=")
        try:
            parts = shlex.split(raw, comments=False, posix=True)
        except ValueError:  # unbalanced quote: keep the raw text rather than fail the audit
            parts = [raw.strip("\"'")]
        fields[key.strip()] = " ".join(parts)
    name = fields.get("NAME", "")
    return OsRelease(
        id=fields.get("ID", "").lower(),
        id_like=tuple(fields.get("ID_LIKE", "").lower().split()),
        version_id=fields.get("VERSION_ID", ""),
        pretty_name=fields.get("PRETTY_NAME") or " ".join(p for p in (name, fields.get("VERSION", "")) if p),
        fields=fields,
    )
