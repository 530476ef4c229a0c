"""Parses what Windows says about updates: PowerShell JSON (locale-independent, preferred),
and for machines without ConvertTo-Json the `Get-HotFix` table and `wmic qfe list` text,
whose dates follow the machine's locale (6/5/2017, 21/09/2019 12:00:00 a.m., 2019/2/14)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from hygiene.parsers import ParseError, excerpt, load_json


@dataclass(frozen=True)
class Hotfix:
    id: str
    description: str
    installed_on: datetime | None
    line: str = ""  # what the tool printed for it: its table row, or its JSON values


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
        hotfix, description = str(h.get("HotFixID") or ""), str(h.get("Description") or "")
        line = " ".join(
            f"{k}={v}" for k, v in (("HotFixID", hotfix), ("Description", description), ("InstalledOn", when)) if v
        )
        fixes.append(Hotfix(hotfix, description, installed, line))
    return fixes


MAX_HOTFIXES = 10_000  # far more than any Windows machine lists; bounds the work on a hostile table
_DATE = re.compile(r"(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4})")
_COMPACT = re.compile(r"(?<![0-9A-Fa-f])(?:(?P<ymd>\d{8})|(?P<filetime>[0-9A-Fa-f]{15,16}))(?![0-9A-Fa-f])")
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)  # Windows FILETIME counts 100 ns from here
_FILETIME_FROM = datetime(1980, 1, 1, tzinfo=UTC)  # as PowerShell's own reading: earlier is no date
DAY_FIRST, MONTH_FIRST = "day-first", "month-first"


def _readings(text: str, order: str | None = None) -> list[datetime]:
    """Every date `text` can be read as: 6/5/2017 both ways unless `order` says which comes
    first; 2019/2/14; and what old Windows left in InstalledOn: 20100521, or a FILETIME in hex
    (01cb1a7e1c5b0c86)."""
    m = _DATE.search(text)
    if m:
        a, b, c = (int(m[k]) for k in "abc")
        if len(m["a"]) == 4:  # 2019/2/14: year first
            parts = [(a, b, c)]
        elif len(m["c"]) == 4:  # 6/5/2017 (US) or 21/09/2019 (most other places)
            parts = (
                [(c, b, a)] if order == DAY_FIRST else [(c, a, b)] if order == MONTH_FIRST else [(c, a, b), (c, b, a)]
            )
        else:
            return []
    elif compact := _COMPACT.search(text):
        if compact["ymd"]:
            digits = compact["ymd"]
            parts = [(int(digits[:4]), int(digits[4:6]), int(digits[6:]))]
        else:
            try:
                when = _FILETIME_EPOCH + timedelta(microseconds=int(compact["filetime"], 16) // 10)
            except OverflowError:
                return []
            return [when] if when >= _FILETIME_FROM else []
    else:
        return []
    found = []
    for year, month, day in parts:
        try:
            found.append(datetime(year, month, day, tzinfo=UTC))
        except ValueError:
            continue
    return found


def parse_local_date(text: str, now: datetime, order: str | None = None) -> datetime | None:
    """A date in the machine's locale. Day and month are told apart by `order` (what the rest of
    the table shows) or where one is over 12; where both readings are possible, the older one
    not in the future is taken, so that an unclear date can only make an update look older,
    never newer."""
    past = [d for d in _readings(text, order) if d <= now]
    return min(past) if past else None


def _date_order(texts: list[str], what: str) -> str | None:
    """One table's dates share the machine's format: a first number over 12 says day-first
    (21/09/2019), a second one month-first (6/30/2019); both at once is no format at all."""
    day_first = month_first = None
    for text in texts:
        m = _DATE.search(text)
        if m and len(m["a"]) <= 2 and len(m["c"]) == 4:
            day_first = day_first or (text if int(m["a"]) > 12 else None)
            month_first = month_first or (text if int(m["b"]) > 12 else None)
    if day_first and month_first:
        raise ParseError(f"{what} dates {excerpt(day_first)} and {excerpt(month_first)} disagree on day and month")
    return DAY_FIRST if day_first else MONTH_FIRST if month_first else None


def _columns(header: str) -> dict[str, int]:
    """Where each column starts; a name given twice means its last one."""
    return {m.group(): m.start() for m in re.finditer(r"\S+", header)}


def _cells(line: str, starts: list[tuple[str, int]], number: int, what: str) -> dict[str, str]:
    """Values by the header's positions: wmic and Format-Table left-align every column here and
    leave a blank before the next, so a value that does not start at its column, or runs into
    the next one, means the line is not laid out as the header says (wrapped, cut, re-spaced)."""
    values = {}
    for i, (name, start) in enumerate(starts):
        if start > len(line):
            break  # the columns from here on are empty on this line
        end = starts[i + 1][1] if i + 1 < len(starts) else len(line)
        if i and line[start - 1] != " ":
            raise ParseError(f"{what} line {number} runs over into a column: {excerpt(line)}")
        value = line[start:end]
        if value.strip() and value[0] == " ":
            raise ParseError(f"{what} line {number} has a value off its column {excerpt(name, 20)}: {excerpt(line)}")
        values[name] = value.strip()
    return values


def _parse_table(text: str, now: datetime, what: str, known: str | None = None) -> list[Hotfix]:
    """The table's rows; `known` is the date order the tool always prints, if it has one."""
    lines = text.splitlines()
    header_index = next((i for i, ln in enumerate(lines) if "HotFixID" in ln.split()), None)
    if header_index is None:
        if any("HotFixID" in ln for ln in lines):
            raise ParseError(f"{what} has no HotFixID column")  # e.g. a header cell "HotFixIDs"
        raise ParseError(f"{what} has no header line with HotFixID")
    starts = sorted(_columns(lines[header_index]).items(), key=lambda item: item[1])
    rows = []
    for number, line in enumerate(lines[header_index + 1 :], header_index + 2):
        if not line.strip() or set(line.strip()) <= {"-", " "}:
            continue
        if "\t" in line:
            raise ParseError(f"{what} line {number} has a tab, so its columns cannot be trusted")
        if len(rows) >= MAX_HOTFIXES:
            raise ParseError(f"{what} lists more than {MAX_HOTFIXES:,} updates")
        values = _cells(line.rstrip(), starts, number, what)
        if not values.get("HotFixID"):
            raise ParseError(f"{what} line {number} has no HotFixID: {excerpt(line)}")
        rows.append((values, line.strip(), number))
    order = _date_order([v.get("InstalledOn", "") for v, _, _ in rows], what)
    if known and order and order != known:
        raise ParseError(f"{what} prints its dates {known}, but these are {order}")
    order = known or order
    fixes = []
    for values, line, number in rows:
        when = values.get("InstalledOn", "")
        readings = _readings(when, order)
        if when and not readings:
            raise ParseError(f"{what} line {number} has {excerpt(when)} as InstalledOn: no date (cut short?)")
        past = [d for d in readings if d <= now]
        fixes.append(Hotfix(values["HotFixID"], values.get("Description", ""), min(past) if past else None, line))
    return fixes


def parse_hotfix_table(text: str, now: datetime) -> list[Hotfix]:
    """`Get-HotFix | Format-Table` text: dates in the display language's format; columns may be
    cut short with '...' ('…' in PowerShell 7), and a date cut so that it cannot be read is refused."""
    return _parse_table(text, now, "Get-HotFix")


def parse_wmic_qfe(text: str, now: datetime) -> list[Hotfix]:
    """`wmic qfe list` text, columns aligned under their header names. InstalledOn is WMI's own
    string, the same in every display language: M/D/YYYY since Windows 7, before it a FILETIME in
    hex or YYYYMMDD (what PowerShell's Get-HotFix reads it as, too)."""
    return _parse_table(text, now, "wmic qfe", MONTH_FIRST)


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
