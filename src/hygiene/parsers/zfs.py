"""Parses `zfs get -H -o value encryption,keystatus DATASET`: two lines, the dataset's cipher
("off", "on", "aes-256-gcm", ...) and its key status ("available", "unavailable", or "-" where
there is no key). Each line is known by its words, not by its place, so a line missing or
swapped cannot put a key status where the cipher belongs; other words are kept as
unrecognised (issue 11, convention 2)."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

CIPHERS = frozenset({"on", "off"} | {f"aes-{bits}-{mode}" for bits in (128, 192, 256) for mode in ("ccm", "gcm")})
KEY_STATUSES = frozenset({"available", "unavailable", "-"})


@dataclass(frozen=True)
class ZfsEncryption:
    encryption: str | None  # a CIPHERS word; None when no line says
    keystatus: str | None  # a KEY_STATUSES word; None when no line says
    lines: tuple[str, ...] = ()  # the lines that said them, as printed
    unrecognised: tuple[str, ...] = ()


def parse_zfs_encryption(text: str) -> ZfsEncryption:
    found: dict[str, str] = {}
    lines, odd = [], []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        word = line.casefold()
        kind = "encryption" if word in CIPHERS else "keystatus" if word in KEY_STATUSES else None
        if kind is None or kind in found:
            odd.append(line)
        else:
            found[kind] = word
            lines.append(line)
    if not found and not odd:
        raise ParseError(f"`zfs get encryption,keystatus` printed nothing: {excerpt(text)}")
    return ZfsEncryption(found.get("encryption"), found.get("keystatus"), tuple(lines), tuple(odd))
