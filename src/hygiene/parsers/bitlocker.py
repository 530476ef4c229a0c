"""Parses what Windows says about BitLocker: our `Get-BitLockerVolume` JSON (enum names, the
same in every language), and `manage-bde -status`, whose labels and words follow the display
language. manage-bde's fields always come in the same order, so they are read by position,
and the few words that matter are recognised in English and German with the percentage as
the fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, load_json


@dataclass(frozen=True)
class BitLockerVolume:
    mount: str  # "C:", or a volume GUID path
    percent: float | None
    state: str  # encrypted, decrypted, encrypting, decrypting, paused, unknown
    protection_on: bool | None
    key_protectors: tuple[str, ...]
    raw_status: str = ""  # the tool's own words, for evidence


# VolumeStatus names (Get-BitLockerVolume) and manage-bde's Conversion Status words.
_STATES = {
    "fullyencrypted": "encrypted",
    "fully encrypted": "encrypted",
    "used space only encrypted": "encrypted",
    "vollständig verschlüsselt": "encrypted",
    "nur verwendeter speicherplatz verschlüsselt": "encrypted",
    "fullydecrypted": "decrypted",
    "fully decrypted": "decrypted",
    "vollständig entschlüsselt": "decrypted",
    "encryptioninprogress": "encrypting",
    "encryption in progress": "encrypting",
    "verschlüsselung wird durchgeführt": "encrypting",
    "decryptioninprogress": "decrypting",
    "decryption in progress": "decrypting",
    "entschlüsselung wird durchgeführt": "decrypting",
    "encryptionpaused": "paused",
    "encryption paused": "paused",
    "verschlüsselung angehalten": "paused",
    "decryptionpaused": "decrypting",
    "decryption paused": "decrypting",
}
_PROTECTION = {
    "on": True,
    "protection on": True,
    "der schutz ist aktiviert.": True,
    "off": False,
    "protection off": False,
    "der schutz ist deaktiviert.": False,
}
_VOLUME = re.compile(r'^Volume\s+"?(?P<mount>[A-Z]:|\\\\\?\\Volume\{[0-9a-fA-F-]+\}\\)"?')
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _field(line: str) -> str | None:
    r"""The value of an indented `Label: value` line, else None. (It was `^\s+[^:]+?:\s*(.*?)\s*$`:
    quadratic on a line of blanks; partition on the first ':' is the same and linear.)"""
    label, colon, value = line.partition(":")
    if not line[:1].isspace() or not colon or len(label) < 2:
        return None
    return value.strip()


def _state(words: str, percent: float | None) -> str:
    known = _STATES.get(words.strip().lower())
    if known:
        return known
    if percent == 0:
        return "decrypted"
    return "unknown"


def _percent(text: str) -> float | None:
    m = _NUMBER.search(text)
    return float(m.group().replace(",", ".")) if m else None


def parse_manage_bde(text: str) -> list[BitLockerVolume]:
    """Every volume block: fields 3 (conversion), 4 (percentage) and 6 (protection) by
    position; the key protectors are the indented lines after the last field."""
    volumes, block = [], None
    for line in text.splitlines():
        if m := _VOLUME.match(line.strip()):
            block = {"mount": m["mount"], "values": [], "protectors": []}
            volumes.append(block)
        elif block is not None and (value := _field(line)) is not None:
            block["values"].append(value)
        elif block is not None and line.startswith((" ", "\t")) and line.strip() and block["values"]:
            block["protectors"].append(line.strip())
    if not volumes:
        raise ParseError("`manage-bde -status` listed no volumes")
    parsed = []
    for v in volumes:
        values = v["values"]
        if len(values) < 4:
            parsed.append(BitLockerVolume(v["mount"], None, "unknown", None, (), "output cut short"))
            continue
        percent = _percent(values[3])
        protection = _PROTECTION.get(values[5].strip().lower()) if len(values) > 5 else None
        # The last field is Key Protectors: a word on its own line ("None Found") or a list below.
        protectors = tuple(v["protectors"]) if len(values) > 7 and not values[-1] else ()
        parsed.append(
            BitLockerVolume(v["mount"], percent, _state(values[2], percent), protection, protectors, values[2])
        )
    return parsed


def parse_bitlocker_json(text: str) -> list[BitLockerVolume]:
    data = load_json(text.strip() or "[]", "Get-BitLockerVolume")
    rows = data if isinstance(data, list) else [data]
    volumes = []
    for row in rows:
        if not isinstance(row, dict) or "MountPoint" not in row:
            raise ParseError("Get-BitLockerVolume printed an entry without a MountPoint")
        percent = row.get("EncryptionPercentage")
        try:
            percent = float(percent) if isinstance(percent, (int, float)) else None
        except OverflowError:  # float() of a 400-digit integer
            raise ParseError("Get-BitLockerVolume printed an EncryptionPercentage out of range") from None
        status = str(row.get("VolumeStatus") or "")
        protectors = row.get("KeyProtector") or ()
        if not isinstance(protectors, list | tuple | str | dict):  # a number or true cannot be iterated
            raise ParseError("Get-BitLockerVolume printed a KeyProtector that is not a list")
        protectors = tuple(str(p) for p in protectors if p)
        volumes.append(
            BitLockerVolume(
                str(row["MountPoint"]),
                percent,
                _state(status, percent),
                _PROTECTION.get(str(row.get("ProtectionStatus") or "").lower()),
                protectors,
                status,
            )
        )
    return volumes
