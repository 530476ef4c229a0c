"""UPD-001 (without the Update Agent) and UPD-002 on Windows from the Get-HotFix table and
`wmic qfe list`, in the shapes that shift columns or dates: the verdict and the row that decided
it, under the tool's name (issue 11)."""

import json

from hygiene.checks import updates
from hygiene.checks.updates.windows import HOTFIX_JSON, HOTFIX_TABLE, WMIC_QFE, WUA_SEARCH
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.platforms.windows import POWERSHELL
from tests.helpers import fixture, machine

NO_JSON = (1, "", "The term 'ConvertTo-Json' is not recognized as the name of a cmdlet\n")
DENIED = (1, "", "New-Object : Retrieving the COM class factory failed: 80070005 Access is denied.\n")


def windows(table=None, wmic=None, wua=None):
    """A PowerShell 2.0 machine: no ConvertTo-Json, so the table, else wmic."""
    commands = {(*POWERSHELL, HOTFIX_JSON): NO_JSON}
    commands[(*POWERSHELL, HOTFIX_TABLE)] = (
        (0, fixture(f"windows/hotfix-table/{table}"), "") if table else (1, "", "x\n")
    )
    if wmic:
        commands[WMIC_QFE] = (0, fixture(f"windows/wmic-qfe/{wmic}"), "")
    if wua:
        commands[(*POWERSHELL, WUA_SEARCH)] = wua
    return machine(platform="windows", os_name="Windows 10", commands=commands)


def test_warn_wmic_month_first_date_read_as_wmic_prints_it():
    """11/5/2026 is 5 November in wmic's M/D/YYYY: 22 days ago, WARN. The older-reading rule made
    it 11 May, so the newest was 10/15/2026 and the verdict FAIL."""
    f = run_one(windows(wmic="month-first-de.txt"), updates.updated_recently)
    assert f.status is Status.WARN and f.evidence["days_ago"] == 22
    assert f.evidence["wmic"].startswith("http://support.microsoft.com/?kbid=5068781  BUERO-PC2  Update")
    assert f.evidence["wmic"].endswith("KB5068781               NT-AUTORITÄT\\SYSTEM  11/5/2026")


def test_warn_french_table_read_day_first_from_its_other_dates():
    f = run_one(windows(table="fr-day-first.txt"), updates.updated_recently)
    assert f.status is Status.WARN and f.evidence["last"].startswith("2026-11-05")
    assert (
        f.evidence["Get-HotFix"]
        == "PC-COMPTA     Update           KB5068781     AUTORITE NT\\Système  05/11/2026 00:00:00"
    )


def test_fail_old_server_with_hex_filetime_dates():
    f = run_one(windows(wmic="server-2008-hex-dates.txt"), updates.updated_recently)
    assert f.status is Status.FAIL and f.evidence["last"].startswith("2020-01-14")
    assert f.evidence["wmic"].endswith("KB2871997               NT AUTHORITY\\SYSTEM  20200114")


def test_unknown_when_the_newest_dates_are_cut_short():
    f = run_one(windows(table="cut-dates.txt"), updates.updated_recently)
    assert f.status is Status.UNKNOWN
    assert "Get-HotFix line 4 has '10/15/20...' as InstalledOn: no date (cut short?)" in f.summary


def test_unknown_when_wmic_lines_were_broken_by_the_console():
    f = run_one(windows(wmic="console-wrapped.txt"), updates.updated_recently)
    assert f.status is Status.UNKNOWN and "wmic qfe line 2 has a value off its column" in f.summary


def test_pending_falls_back_to_the_newest_row_and_quotes_it():
    f = run_one(windows(table="fr-day-first.txt", wua=DENIED), updates.no_pending_security_updates)
    assert f.status is Status.PASS and f.evidence["newest_update"].startswith("2026-11-05")
    assert f.evidence["Get-HotFix"].endswith("KB5068781     AUTORITE NT\\Système  05/11/2026 00:00:00")
    f = run_one(windows(wmic="server-2008-hex-dates.txt", wua=DENIED), updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["wmic"].endswith("20200114")


def test_json_hotfixes_are_quoted_by_their_values():
    recent = json.dumps(
        [{"HotFixID": "KB5070773", "Description": "Security Update", "InstalledOn": "2026-11-20T00:00:00"}]
    )
    system = machine(platform="windows", os_name="Windows 11", commands={(*POWERSHELL, HOTFIX_JSON): (0, recent, "")})
    f = run_one(system, updates.updated_recently)
    assert f.status is Status.PASS
    assert f.evidence["Get-HotFix"] == "HotFixID=KB5070773 Description=Security Update InstalledOn=2026-11-20T00:00:00"
