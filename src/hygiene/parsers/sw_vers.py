"""Parses `sw_vers`: ProductName/ProductVersion/BuildVersion, separated by one tab or two."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError


@dataclass(frozen=True)
class MacVersion:
    name: str
    version: str
    build: str
    lines: tuple[str, ...] = ()  # the ProductName and ProductVersion lines as printed, for evidence

    @property
    def major(self) -> str:
        """The release the support table knows: "10.15" before Big Sur, "14" from Big Sur on."""
        parts = self.version.split(".")
        return ".".join(parts[:2]) if parts[0] == "10" else parts[0]


def parse_sw_vers(text: str) -> MacVersion:
    fields, lines = {}, {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
            lines[key.strip()] = line.strip()
    if not fields.get("ProductVersion"):
        raise ParseError("sw_vers printed no ProductVersion")
    deciding = tuple(lines[k] for k in ("ProductName", "ProductVersion") if k in lines)
    return MacVersion(
        fields.get("ProductName", "macOS"), fields["ProductVersion"], fields.get("BuildVersion", ""), deciding
    )
