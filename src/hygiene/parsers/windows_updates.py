"""Parses what Windows says about updates: PowerShell JSON (locale-independent, preferred),
and for machines without ConvertTo-Json the `Get-HotFix` table and `wmic qfe list` text,
whose dates follow the machine's locale (6/5/2017, 21/09/2019 12:00:00 a.m., 2019/2/14)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hygiene.parsers import ParseError, excerpt, load_json


@dataclass(frozen=True)
class Hotfix:
    id: str
    description: str
    installed_on: datetime | None


@dataclass(frozen=True)
class WindowsUpdate:
    title: str
    kbs: tuple[str, ...]
    severity: str  # MSRC severity: Critical, Important, Moderate, Low, or ""
    categories: tuple[str, ...]
    reboot_required: bool

    @property
    def security(self) -> bool:
        return bool(self.severity) or any("Security" in c or "Critical" in c for c in self.categories)


def _json_list(text: str, what: str) -> list[dict[str, Any]]:
    text = text.strip().lstrip("\ufeff")
    if not text:
        return []
    data = load_json(text, what)
    items = data if isinstance(data, list) else [data]  # one item comes as an object
    if not all(isinstance(i, dict) for i in items):
        raise ParseError(f"{what} JSON is not a list of objects")
    return items


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))


def parse_wua_json(text: str) -> list[WindowsUpdate]:
    """Updates the Windows Update Agent found not installed (searched offline)."""
    return [
        WindowsUpdate(
            title=str(u.get("Title") or ""),
            kbs=_strings(u.get("KB")),
            severity=str(u.get("Severity") or ""),
            categories=_strings(u.get("Categories")),
            reboot_required=bool(u.get("RebootRequired")),
        )
        for u in _json_list(text, "the Windows Update search")
    ]


def parse_hotfix_json(text: str) -> list[Hotfix]:
    fixes = []
    for h in _json_list(text, "Get-HotFix"):
        when = h.get("InstalledOn")
        installed = None
        if isinstance(when, str) and when:
            try:
                installed = datetime.fromisoformat(when.replace("Z", "+00:00"))
            except ValueError:
                raise ParseError(f"Get-HotFix date {excerpt(when)} is not ISO 8601") from None
            installed = installed if installed.tzinfo else installed.replace(tzinfo=UTC)
        fixes.append(Hotfix(str(h.get("HotFixID") or ""), str(h.get("Description") or ""), installed))
    return fixes


MAX_HOTFIXES = 10_000  # far more than any Windows machine lists; bounds the work on a hostile table
_DATE = re.compile(r"(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4})")


def parse_local_date(text: str, now: datetime) -> datetime | None:
    """A date in the machine's locale. Day and month are told apart where one is over 12;
    where both readings are possible, the older one not in the future is taken, so that an
    unclear date can only make an update look older, never newer."""
    m = _DATE.search(text)
    if not m:
        return None
    a, b, c = (int(m[k]) for k in "abc")
    if len(m["a"]) == 4:  # 2019/2/14: year first
        readings = [(a, b, c)]
    elif len(m["c"]) == 4:  # 6/5/2017 (US) or 21/09/2019 (most other places)
        readings = [(c, a, b), (c, b, a)]
    else:
        return None
    candidates = []
    for year, month, day in readings:
        try:
            candidates.append(datetime(year, month, day, tzinfo=UTC))
        except ValueError:
            continue
    past = [d for d in candidates if d <= now]
    return min(past) if past else None


def _parse_table(text: str, now: datetime, what: str) -> list[Hotfix]:
    lines = text.splitlines()
    header_index = next((i for i, ln in enumerate(lines) if "HotFixID" in ln), None)
    if header_index is None:
        raise ParseError(f"{what} has no header line with HotFixID")
    header = lines[header_index]
    starts = [m.start() for m in re.finditer(r"\S+", header)]
    # Each column runs from its name to the next name; a name given twice means its last one.
    # Only the three columns read are cut from each row (cutting all of them made a header of
    # many columns cost rows x columns).
    spans = {m.group(): (m.start(), starts[i + 1] if i + 1 < len(starts) else None)
             for i, m in enumerate(re.finditer(r"\S+", header))}  # fmt: skip
    if "HotFixID" not in spans:
        raise ParseError(f"{what} has no HotFixID column")  # e.g. a header cell "HotFixIDs"

    def cell(line: str, name: str) -> str:
        start, end = spans[name]
        return line[start:end].strip()

    fixes = []
    for line in lines[header_index + 1 :]:
        if not line.strip() or set(line.strip()) <= {"-", " "}:
            continue
        hotfix = cell(line, "HotFixID")
        if not hotfix:
            continue
        if len(fixes) >= MAX_HOTFIXES:
            raise ParseError(f"{what} lists more than {MAX_HOTFIXES:,} updates")
        when = parse_local_date(cell(line, "InstalledOn"), now) if "InstalledOn" in spans else None
        fixes.append(Hotfix(hotfix, cell(line, "Description") if "Description" in spans else "", when))
    return fixes


def parse_hotfix_table(text: str, now: datetime) -> list[Hotfix]:
    """`Get-HotFix | Format-Table` text; columns may be cut short with '...'."""
    return _parse_table(text, now, "Get-HotFix")


def parse_wmic_qfe(text: str, now: datetime) -> list[Hotfix]:
    """`wmic qfe list` text, columns aligned under their header names."""
    return _parse_table(text, now, "wmic qfe")


@dataclass(frozen=True)
class WindowsVersion:
    product: str
    display_version: str  # 22H2, 24H2; "" on old builds (ReleaseId instead)
    build: int
    edition: str  # EditionID: Core, Professional, Enterprise, EnterpriseS, ServerStandard...
    server: bool

    @property
    def name(self) -> str:
        """Windows 11 still says "Windows 10" in ProductName; the build tells them apart."""
        if self.server:
            return self.product
        generation = "11" if self.build >= 22000 else "10"
        return f"Windows {generation} {self.display_version}".strip()


def parse_windows_version(text: str) -> WindowsVersion:
    """What `Get-ItemProperty '...\\Windows NT\\CurrentVersion' | ConvertTo-Json` prints: the
    values of the key that UPD-005 reads through the registry (windows_version)."""
    items = _json_list(text, "the Windows version query")
    if len(items) != 1:
        raise ParseError(f"the Windows version query gave {len(items)} answers, not one")
    return windows_version(items[0], "the Windows version query")


def windows_version(values: Mapping[str, Any], what: str = "the registry's Windows version") -> WindowsVersion:
    """The values of HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion (CurrentBuild, or
    CurrentBuildNumber on old builds; DisplayVersion, or ReleaseId before 20H2)."""
    try:
        build = int(str(values.get("CurrentBuild") or values.get("CurrentBuildNumber") or ""))
    except ValueError:
        raise ParseError(f"{what} gave no CurrentBuild number") from None
    return WindowsVersion(
        product=str(values.get("ProductName") or ""),
        display_version=str(values.get("DisplayVersion") or values.get("ReleaseId") or ""),
        build=build,
        edition=str(values.get("EditionID") or ""),
        server=str(values.get("InstallationType") or "").lower() == "server",
    )
