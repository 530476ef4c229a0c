"""Parses what Windows says about BitLocker: our `Get-BitLockerVolume` JSON (enum names, the
same in every language), and `manage-bde -status`, whose labels and words follow the display
language.

manage-bde prints, per volume, a header (`Volume C: [OS]`, German `Volume "C:" []`, Spanish
`Volumen C: [OS]`), a role in brackets, then `Label:   value` lines and the key protectors
indented below their label. Each line is read by its label, in the languages whose output we
have seen (English, German, French, Spanish: see LABELS), never by its position: a block cut
short, a missing field or a label wrapped onto two lines then cannot shift a value onto the
wrong field. A label or state word this parser does not know is kept (`unrecognised`, or the
state "unknown" with the words as printed), so the check says UNKNOWN quoting it, never PASS."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, load_json

# The fields, by label as manage-bde prints it (casefolded, without the colon, apostrophes
# straightened). Sources: the real captures in ../shared/real-outputs (en, de) and public
# pastes of French and Spanish output (listed in tests/fixtures/windows/manage-bde/README.md).
LABELS = {
    "size": "size", "größe": "size", "taille": "size", "tamaño": "size",
    "bitlocker version": "version", "bitlocker-version": "version", "version de bitlocker": "version",
    "versión de bitlocker": "version",
    "conversion status": "conversion", "konvertierungsstatus": "conversion",
    "état de la conversion": "conversion", "estado de conversión": "conversion",
    "percentage encrypted": "percent", "verschlüsselt (prozent)": "percent", "pourcentage chiffré": "percent",
    "porcentaje cifrado": "percent",
    "encryption method": "method", "verschlüsselungsmethode": "method", "méthode de chiffrement": "method",
    "método de cifrado": "method",
    "protection status": "protection", "schutzstatus": "protection", "état de la protection": "protection",
    "statut de la protection": "protection", "estado de protección": "protection",
    "lock status": "lock", "sperrungsstatus": "lock", "état du verrouillage": "lock", "estado de bloqueo": "lock",
    "identification field": "id", "id-feld": "id", "champ d'identification": "id", "campo de identificación": "id",
    "automatic unlock": "auto_unlock", "desbloqueo automático": "auto_unlock",
    "key protectors": "protectors", "schlüsselschutzvorrichtungen": "protectors", "protecteurs de clés": "protectors",
    "protectores de clave": "protectors",
}  # fmt: skip

# Conversion Status words (manage-bde, per language) and VolumeStatus enum names
# (Get-BitLockerVolume; WMI's GetConversionStatus names "...Paused" too).
STATES = {
    "fully encrypted": "encrypted", "used space only encrypted": "encrypted",
    "vollständig verschlüsselt": "encrypted", "nur verwendeter speicherplatz verschlüsselt": "encrypted",
    "nur verwendeter speicherplatz ist verschlüsselt": "encrypted",
    "espace utilisé uniquement chiffré": "encrypted", "cifrado solo de espacio usado": "encrypted",
    "fully decrypted": "decrypted", "vollständig entschlüsselt": "decrypted", "intégralement déchiffré": "decrypted",
    "descifrado completo": "decrypted",
    "encryption in progress": "encrypting", "verschlüsselung wird durchgeführt": "encrypting",
    "decryption in progress": "decrypting", "entschlüsselung wird durchgeführt": "decrypting",
    "descifrado en progreso": "decrypting",
    "encryption paused": "paused", "verschlüsselung angehalten": "paused",
    "decryption paused": "decrypting",
    "fullyencrypted": "encrypted", "fullyencryptedwipeinprogress": "encrypted",
    "fullyencryptedwipesuspended": "encrypted", "fullydecrypted": "decrypted",
    "encryptioninprogress": "encrypting", "decryptioninprogress": "decrypting",
    "encryptionsuspended": "paused", "encryptionpaused": "paused",
    "decryptionsuspended": "decrypting", "decryptionpaused": "decrypting",
}  # fmt: skip

# Protection Status words, and ProtectionStatus enum names. "Unknown" (a locked volume) is
# deliberately absent: it says nothing either way.
PROTECTION = {
    "protection on": True, "der schutz ist aktiviert": True, "protection activée": True,
    "protección activada": True, "on": True,
    "protection off": False, "der schutz ist deaktiviert": False, "protection désactivée": False,
    "protección desactivada": False, "off": False,
}  # fmt: skip
NO_PROTECTORS = {"none found", "keine gefunden", "ninguno", "none"}
_HEADER = re.compile(r'^(?:Volume|Volumen)\s+"?(?P<mount>[A-Za-z]:|\\\\\?\\Volume\{[0-9a-fA-F-]+\}\\)"?(?:\s|$)')
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class BitLockerVolume:
    mount: str  # "C:", a volume GUID path, or "" when the output had no volume header
    percent: float | None
    state: str  # encrypted, decrypted, encrypting, decrypting, paused, unknown
    protection_on: bool | None
    key_protectors: tuple[str, ...] | None  # None: the output does not list them
    raw_status: str = ""  # the tool's own words for the conversion, for evidence
    lines: tuple[str, ...] = ()  # the lines (or JSON fields) that decided state and protection
    unrecognised: tuple[str, ...] = ()  # lines whose label or form this parser does not know
    protection_note: str = ""  # what follows the protection words, as "(1 reboots left)"
    source: str = "manage-bde"  # the tool that said it, the evidence key of `lines`


def _normalise(words: str) -> str:
    """A label or state as the tables hold it: casefolded, single-spaced, straight apostrophes,
    without a trailing colon or full stop."""
    words = " ".join(words.replace("\u2019", "'").split()).casefold()
    return words.rstrip(":. ").strip()


# The tables as _normalise() compares them (casefold turns "ß" into "ss").
LABELS = {_normalise(label): key for label, key in LABELS.items()}
STATES = {_normalise(words): state for words, state in STATES.items()}
PROTECTION = {_normalise(words): on for words, on in PROTECTION.items()}
NO_PROTECTORS = {_normalise(words) for words in NO_PROTECTORS}


def _state(words: str) -> str:
    return STATES.get(_normalise(words), "unknown")


def _protection(words: str) -> tuple[bool | None, str]:
    """(on?, note): "Protection Off (1 reboots left)" is off, suspended for that many restarts.
    A note after words meaning "on" is not understood, so it makes the answer unknown."""
    found = PROTECTION.get(_normalise(words))
    if found is not None:
        return found, ""
    head, paren, note = words.strip().rpartition("(")
    if paren and note.endswith(")") and PROTECTION.get(_normalise(head)) is False:
        return False, f"({note}"
    return None, ""


def _percent(text: str) -> float | None:
    m = _NUMBER.search(text)
    return float(m.group().replace(",", ".")) if m else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


class _Block:
    """One volume's lines as they are read."""

    def __init__(self, mount: str) -> None:
        self.mount = mount
        self.fields: dict[str, tuple[str, str]] = {}  # key -> (value, the line)
        self.protectors: list[str] = []
        self.protector_indent: int | None = None  # set while the lines below are key protectors
        self.unrecognised: list[str] = []

    def read(self, line: str) -> None:
        stripped = line.strip()
        if self.protector_indent is not None and _indent(line) > self.protector_indent:
            self.protectors.append(stripped)
            return
        self.protector_indent = None
        label, colon, value = line.partition(":")
        key = LABELS.get(_normalise(label)) if colon else None
        if key is None or key in self.fields:
            if not (stripped.startswith("[") and stripped.endswith("]")):  # the role, "[OS Volume]"
                self.unrecognised.append(stripped)
            return
        self.fields[key] = (value.strip(), stripped)
        if key == "protectors" and not value.strip():
            self.protector_indent = _indent(line)

    def volume(self) -> BitLockerVolume:
        conversion, conversion_line = self.fields.get("conversion", ("", ""))
        protection, protection_line = self.fields.get("protection", ("", ""))
        percent = _percent(self.fields["percent"][0]) if "percent" in self.fields else None
        on, note = _protection(protection) if protection_line else (None, "")
        protectors: tuple[str, ...] | None = None
        if "protectors" in self.fields:
            said = self.fields["protectors"][0]
            if said and _normalise(said) not in NO_PROTECTORS:
                self.unrecognised.append(self.fields["protectors"][1])
            else:
                protectors = tuple(self.protectors)
        return BitLockerVolume(
            self.mount,
            percent,
            _state(conversion) if conversion_line else "unknown",
            on,
            protectors,
            conversion,
            tuple(line for line in (conversion_line, self.fields.get("percent", ("", ""))[1], protection_line) if line),
            tuple(self.unrecognised),
            note,
        )


def parse_manage_bde(text: str) -> list[BitLockerVolume]:
    """Every volume block. Lines before the first volume header are the tool's banner in its
    own language, except field lines: a block cut from its header is read for what it says
    (its mount is then "")."""
    blocks: list[_Block] = []
    for line in text.splitlines():
        if not line.strip():
            if blocks:
                blocks[-1].protector_indent = None
            continue
        if m := _HEADER.match(line.strip()):
            mount = m["mount"]
            blocks.append(_Block(mount.upper() if len(mount) == 2 else mount))
        elif blocks:
            blocks[-1].read(line)
        elif (label := line.partition(":"))[1] and _normalise(label[0]) in LABELS:
            blocks.append(_Block(""))
            blocks[-1].read(line)
    volumes = [b.volume() for b in blocks if b.fields or b.mount]
    if not volumes:
        raise ParseError("`manage-bde -status` listed no volumes")
    return volumes


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
        protection = str(row.get("ProtectionStatus") or "")
        protectors = row.get("KeyProtector") or ()
        if not isinstance(protectors, list | tuple | str | dict):  # a number or true cannot be iterated
            raise ParseError("Get-BitLockerVolume printed a KeyProtector that is not a list")
        fields = (f"VolumeStatus: {status}", f"EncryptionPercentage: {row.get('EncryptionPercentage')}")
        volumes.append(
            BitLockerVolume(
                str(row["MountPoint"]),
                percent,
                _state(status),
                PROTECTION.get(_normalise(protection)) if protection.isalpha() else None,
                (protectors,) if isinstance(protectors, str) else tuple(str(p) for p in protectors if p),
                status,
                (*fields, f"ProtectionStatus: {protection}"),
                source="Get-BitLockerVolume",
            )
        )
    return volumes
