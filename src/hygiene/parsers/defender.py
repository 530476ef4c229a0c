"""Parses our `Get-MpComputerStatus` question: the JSON of the few fields DEV-004 judges, the
switches as JSON booleans and the signatures' date as ISO 8601 text (`.ToString('o')`), so
nothing depends on the display language or the date format of the machine.

Defender says "never" with sentinels, not with an absent value: an age of 4294967295 days
(UInt32's largest value) and an empty or year-1 date. Those are never an age."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from hygiene.parsers import ParseError, excerpt, load_json

NEVER_AGE = 4294967295  # AntivirusSignatureAge (and the scan ages) when it never happened
EARLIEST = 1980  # a date before this is DateTime.MinValue or a zero FILETIME, i.e. never
MAX_AGE_DAYS = 366 * (2100 - EARLIEST)  # more days than lie between any two dates it prints


@dataclass(frozen=True)
class DefenderStatus:
    """What Get-MpComputerStatus said; None where it did not say (an older Defender has no
    IsTamperProtected)."""

    service: bool | None  # AMServiceEnabled
    antivirus: bool | None  # AntivirusEnabled
    real_time: bool | None  # RealTimeProtectionEnabled
    tamper: bool | None  # IsTamperProtected
    mode: str  # AMRunningMode: "Normal", "Passive Mode", "SxS Passive Mode", "EDR Block Mode"...
    updated: datetime | None  # AntivirusSignatureLastUpdated
    age_days: int | None  # AntivirusSignatureAge, None when never or not said
    never_updated: bool  # the sentinels say the signatures were never updated

    @property
    def passive(self) -> bool:
        """Another antivirus is meant to protect this machine (Defender only watches)."""
        return "passive" in self.mode.lower() or "edr" in self.mode.lower()


def _flag(value: object, name: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ParseError(f"Get-MpComputerStatus: {name} is {excerpt(str(value))}, not true or false")


def _date(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ParseError(f"Get-MpComputerStatus: the signatures' date {excerpt(str(value))} is not text")
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ParseError(f"Get-MpComputerStatus: the signatures' date {excerpt(value)} is not ISO 8601") from None
    if when.year < EARLIEST:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _age(value: object) -> int | None:
    if value is None or value == NEVER_AGE:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AGE_DAYS:
        raise ParseError(f"Get-MpComputerStatus: the signatures' age {excerpt(str(value))} is not a number of days")
    return value


def parse_defender_json(text: str) -> DefenderStatus:
    data = load_json(text.strip(), "Get-MpComputerStatus")
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise ParseError("Get-MpComputerStatus did not print one object")
    updated, age = _date(data.get("AntivirusSignatureLastUpdated")), _age(data.get("AntivirusSignatureAge"))
    mode = data.get("AMRunningMode")
    return DefenderStatus(
        service=_flag(data.get("AMServiceEnabled"), "AMServiceEnabled"),
        antivirus=_flag(data.get("AntivirusEnabled"), "AntivirusEnabled"),
        real_time=_flag(data.get("RealTimeProtectionEnabled"), "RealTimeProtectionEnabled"),
        tamper=_flag(data.get("IsTamperProtected"), "IsTamperProtected"),
        mode=str(mode)[:40] if mode is not None else "",
        updated=updated,
        age_days=age,
        never_updated=updated is None and data.get("AntivirusSignatureAge") == NEVER_AGE,
    )
