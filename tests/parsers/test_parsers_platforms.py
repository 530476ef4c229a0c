"""macOS and Windows parsers behind the updates checks (and, for hostile input, the others)."""

import re
from datetime import UTC, datetime

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.bitlocker import parse_bitlocker_json
from hygiene.parsers.fdesetup import parse_fdesetup_status
from hygiene.parsers.net_accounts import parse_net_accounts
from hygiene.parsers.plist_text import parse_plist_text, plist_bool
from hygiene.parsers.pwpolicy import parse_pwpolicy
from hygiene.parsers.softwareupdate import parse_softwareupdate_list
from hygiene.parsers.sw_vers import parse_sw_vers
from hygiene.parsers.tmutil import parse_latestbackup
from hygiene.parsers.windows_updates import (
    parse_hotfix_json,
    parse_hotfix_table,
    parse_local_date,
    parse_windows_version,
    parse_wmic_qfe,
    parse_wua_json,
    windows_version,
)
from tests.helpers import fixture, read_real, real, real_output_files

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

# --- softwareupdate -l -------------------------------------------------------------------


def test_real_softwareupdate_new_layout_beta():
    (u,) = parse_softwareupdate_list(real("macos", "softwareupdate-l", 1)).updates
    assert (u.label, u.title, u.version, u.recommended, u.action) == (
        "macOS Ventura 13.3 Beta 3-22E5236f", "macOS Ventura 13.3 Beta 3", "13.3", True, "restart"
    )  # fmt: skip


def test_real_softwareupdate_new_layout():
    (u,) = parse_softwareupdate_list(real("macos", "softwareupdate-l", 7)).updates
    assert (u.title, u.version, u.action) == ("macOS Ventura 13.3.1", "13.3.1", "restart")


def test_real_softwareupdate_old_layout_with_dash_items_and_shut_down():
    updates = parse_softwareupdate_list(real("macos", "softwareupdate-l", 9)).updates
    assert [(u.label, u.recommended, u.action) for u in updates] == [
        ("Command Line Tools (macOS Mojave version 10.14) for Xcode-10.3", True, ""),
        ("macOS 10.14.1 Update", True, "restart"),
        ("BridgeOSUpdateCustomer", True, "shut down"),
        ("iCal-1.0.2", False, ""),
    ]
    assert updates[1].version == "10.14.1"


def test_real_softwareupdate_old_layout_trailing_blank_in_label():
    (u,) = parse_softwareupdate_list(real("macos", "softwareupdate-l", 11)).updates
    assert u.label == "macOS Mojave 10.14.6 Supplemental Update-" and u.action == "restart"


def test_real_softwareupdate_nothing_and_scan_error():
    assert parse_softwareupdate_list(real("macos", "softwareupdate-l", 5)).updates == ()
    with pytest.raises(ParseError, match="network connection was lost"):
        parse_softwareupdate_list(real("macos", "softwareupdate-l", 3))


def test_own_softwareupdate_mixed_recommendations():
    updates = parse_softwareupdate_list(fixture("macos/softwareupdate-l/sonoma-background-security.txt")).updates
    assert [(u.title, u.recommended, u.action) for u in updates] == [
        ("Safari", True, ""),
        ("macOS Sonoma 14.7.7", True, "restart"),
        ("Command Line Tools for Xcode", False, ""),
    ]


def test_real_softwareupdate_old_layout_title_with_its_own_parenthesis():
    """The version is the last parenthesis before the size: "Command Line Tools (macOS Mojave
    version 10.14) for Xcode (10.3)" was read as title "Command Line Tools", version "macOS
    Mojave version 10.14"."""
    first = parse_softwareupdate_list(real("macos", "softwareupdate-l", 9)).updates[0]
    assert (first.title, first.version) == ("Command Line Tools (macOS Mojave version 10.14) for Xcode", "10.3")


def test_softwareupdate_words_in_any_case():
    new = "* Label: X-1\n\tTitle: X, Version: 1, Size: 1KiB, Recommended: yes, Action: Restart, \n"
    old = "   * Y-2\n    Y (2), 10K [Recommended] [RESTART]\n"
    assert [(u.recommended, u.action) for u in parse_softwareupdate_list(new + old).updates] == [
        (True, "restart"),
        (True, "restart"),
    ]


def test_softwareupdate_cut_lists_still_name_their_updates():
    items = parse_softwareupdate_list(fixture("macos/softwareupdate-l/item-without-detail.txt")).updates
    assert [(u.title, u.recommended, u.lines) for u in items][1] == (
        "macOS Sonoma 14.7.8-23H730", None, ("* Label: macOS Sonoma 14.7.8-23H730",)
    )  # fmt: skip
    (orphan,) = parse_softwareupdate_list(fixture("macos/softwareupdate-l/detail-without-item.txt")).updates
    assert (orphan.label, orphan.title, orphan.recommended, orphan.action) == (
        "macOS Sequoia 15.7.2", "macOS Sequoia 15.7.2", True, "restart"
    )  # fmt: skip


def test_softwareupdate_keeps_unrecognised_lines_and_unknown_state_words():
    listing = parse_softwareupdate_list(fixture("macos/softwareupdate-l/nothing-with-strange-line.txt"))
    assert listing.nothing == "No new software available."
    assert listing.unrecognised == ("Software Update could not verify the catalog.",)
    odd = "* Label: Z-1\n\tTitle: Z, Version: 1, Size: 1KiB, Recommended: MAYBE, \n"
    listing = parse_softwareupdate_list(odd)
    assert listing.updates[0].recommended is None and listing.unrecognised == (odd.splitlines()[1],)
    (bridge,) = parse_softwareupdate_list(fixture("macos/softwareupdate-l/shut-down-new-layout.txt")).updates
    assert bridge.action == "shut down"


def test_softwareupdate_unrecognised():
    with pytest.raises(ParseError):
        parse_softwareupdate_list("Software Update Tool\n\nSomething new happened.\n")


# --- defaults read (old-style plist) -------------------------------------------------------


def test_real_defaults_read_softwareupdate_catalina():
    prefs = parse_plist_text(real("macos", "defaults-read-softwareupdate", 1))
    assert prefs["LastFullSuccessfulDate"] == "2020-10-10 14:14:38 +0000"
    assert prefs["PrimaryLanguages"] == ["en-CN", "en"] and prefs["RecommendedUpdates"] == []
    assert plist_bool(prefs["AutomaticallyInstallMacOSUpdates"]) is True


def test_real_defaults_read_with_recommended_updates_and_yes():
    prefs = parse_plist_text(real("macos", "defaults-read-softwareupdate", 3))
    assert plist_bool(prefs["AutomaticCheckEnabled"]) is True and plist_bool(prefs["CriticalUpdateInstall"]) is False
    names = [u["Display Name"] for u in prefs["RecommendedUpdates"]]
    assert "Safari" in names and len(names) == int(prefs["LastRecommendedUpdatesAvailable"])


def test_real_defaults_single_line_false():
    assert (
        plist_bool(parse_plist_text(real("macos", "defaults-read-softwareupdate", 5))["AutomaticCheckEnabled"]) is False
    )


@pytest.mark.parametrize("text", ["", "{ A = 1 ", "{ A 1; }", '{ "x" = ( 1, 2 ; }'])
def test_plist_malformed(text):
    with pytest.raises(ParseError):
        parse_plist_text(text)


def test_plist_quoted_escapes():
    assert parse_plist_text('{ T = "say \\"hi\\" caf\u00e9"; }')["T"] == 'say "hi" caf\u00e9'


# --- sw_vers -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", real_output_files("macos", "sw_vers"))
def test_real_sw_vers(path):
    version = parse_sw_vers(read_real(path))
    expected = {"1": ("Mac OS X", "10.13", "10.13"), "3": ("macOS", "15.7.4", "15"), "5": ("macOS", "14.0", "14")}
    assert (version.name, version.version, version.major) == expected[path.stem]


def test_sw_vers_unrecognised():
    with pytest.raises(ParseError):
        parse_sw_vers("sw_vers: command not found\n")


# --- Windows ---------------------------------------------------------------------------------


def test_wua_json_lists_and_single_objects():
    updates = parse_wua_json(fixture("windows/powershell/wua-pending.json"))
    assert [u.security for u in updates] == [True, False, False]
    assert updates[0].kbs == ("5070773",)
    (one,) = parse_wua_json(fixture("windows/powershell/wua-one.json"))
    assert one.kbs == ("890830",) and not one.security
    assert parse_wua_json("") == [] and parse_wua_json("[]") == []
    with pytest.raises(ParseError):
        parse_wua_json("Exception from HRESULT: 0x8024402C")


def test_hotfix_json_dates_with_and_without_offset():
    fixes = parse_hotfix_json(fixture("windows/powershell/hotfix.json"))
    assert fixes[0].installed_on == datetime(2026, 10, 14, 19, 0, tzinfo=UTC)
    assert fixes[1].installed_on == datetime(2026, 3, 12, tzinfo=UTC) and fixes[2].installed_on is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6/5/2017 12:00:00 AM", datetime(2017, 5, 6, tzinfo=UTC)),  # ambiguous: the older reading
        ("21/09/2019 12:00:00 a.m.", datetime(2019, 9, 21, tzinfo=UTC)),
        ("2019/2/14 0:00:00", datetime(2019, 2, 14, tzinfo=UTC)),
        ("2/12/2020 12:00:...", datetime(2020, 2, 12, tzinfo=UTC)),  # truncated, still a date
        ("14.01.2025 00:00:00", datetime(2025, 1, 14, tzinfo=UTC)),
        ("11/12/2026", datetime(2026, 11, 12, tzinfo=UTC)),  # 12 Nov is past, 11 Dec is future
        ("", None),
        ("yesterday", None),
    ],
)
def test_local_dates(text, expected):
    assert parse_local_date(text, NOW) == expected


def hotfix_capture(text):
    """get-hotfix/1 comes from a test fixture whose author doubled a backslash (`\\\\v...`), making
    a value one character wider than its Format-Table column, which PowerShell never prints
    (it cuts to the width, '...' included): undone here, as the lsblk forum copy's entities are."""
    return text.replace("\\\\", "\\")


@pytest.mark.parametrize("path", real_output_files("windows", "get-hotfix"))
def test_real_get_hotfix_tables(path):
    fixes = parse_hotfix_table(hotfix_capture(read_real(path)), NOW)
    assert fixes and all(f.id.startswith("KB") and f.installed_on for f in fixes)
    assert all(f.id in f.line for f in fixes)


def test_real_get_hotfix_with_a_value_wider_than_its_column_is_refused():
    with pytest.raises(ParseError, match="Get-HotFix line 3 runs over into a column"):
        parse_hotfix_table(real("windows", "get-hotfix", 1), NOW)


def test_real_get_hotfix_truncated_localized_rows():
    fixes = parse_hotfix_table(real("windows", "get-hotfix", 5), NOW)
    assert [(f.id, f.description, f.installed_on.date().isoformat()) for f in fixes] == [
        ("KB4534131", "Update", "2020-02-12"),
        ("KB4465065", "Update", "2019-06-30"),
        ("KB4470788", "Security Update", "2019-01-28"),
    ]


def test_real_get_hotfix_blank_installed_by():
    fixes = parse_hotfix_table(real("windows", "get-hotfix", 7), NOW)
    assert fixes[0].id == "KB3176936" and fixes[0].installed_on.date().isoformat() == "2016-10-18"


def test_own_get_hotfix_german():
    fixes = parse_hotfix_table(fixture("windows/hotfix-table/de.txt"), NOW)
    assert [f.installed_on.date().isoformat() for f in fixes] == ["2025-01-14", "2025-01-21"]


@pytest.mark.parametrize("path", real_output_files("windows", "wmic-qfe-list"))
def test_real_wmic_qfe(path):
    fixes = parse_wmic_qfe(read_real(path), NOW)
    assert len(fixes) == 4 and all(f.installed_on for f in fixes)


def test_real_wmic_localized_installed_by_does_not_shift_columns():
    fixes = parse_wmic_qfe(real("windows", "wmic-qfe-list", 1), NOW)
    assert [(f.id, f.description) for f in fixes][:2] == [("KB5015730", "Update"), ("KB4537759", "Security Update")]
    assert max(f.installed_on for f in fixes).date().isoformat() == "2022-08-14"


def dates(fixes):
    return [(f.id, f.installed_on.date().isoformat() if f.installed_on else None) for f in fixes]


def test_own_wmic_dates_are_month_first_in_every_language():
    """wmic prints WMI's own InstalledOn string, M/D/YYYY even on a German Windows: 11/5/2026 is
    5 November (the old "older reading" made it 11 May), and a blank date stays unknown."""
    fixes = parse_wmic_qfe(fixture("windows/wmic-qfe/month-first-de.txt"), NOW)
    assert dates(fixes) == [
        ("KB5054156", "2026-03-13"),
        ("KB5011048", None),
        ("KB5066131", "2026-10-15"),
        ("KB5068781", "2026-11-05"),
    ]
    assert fixes[3].line.startswith("http://support.microsoft.com/?kbid=5068781  BUERO-PC2  Update")
    assert fixes[3].line.endswith("NT-AUTORITÄT\\SYSTEM  11/5/2026")


def test_own_wmic_old_windows_dates_in_hex_filetime_and_yyyymmdd():
    """Before Windows 7, InstalledOn held a FILETIME in hex or YYYYMMDD (Get-HotFix reads both)."""
    fixes = parse_wmic_qfe(fixture("windows/wmic-qfe/server-2008-hex-dates.txt"), NOW)
    assert dates(fixes) == [("KB958644", "2019-12-10"), ("KB2871997", "2020-01-14"), ("KB976902", "2019-03-12")]


def test_own_get_hotfix_french_dates_are_read_day_first_from_the_rest_of_the_table():
    """15/10/2026 shows the table is day-first, so 05/11/2026 is 5 November, not 11 May."""
    fixes = parse_hotfix_table(fixture("windows/hotfix-table/fr-day-first.txt"), NOW)
    assert dates(fixes) == [("KB5054156", "2026-03-13"), ("KB5066131", "2026-10-15"), ("KB5068781", "2026-11-05")]


def test_own_get_hotfix_powershell_7_cuts_with_an_ellipsis_and_the_date_survives():
    fixes = parse_hotfix_table(fixture("windows/hotfix-table/ps7-ellipsis.txt"), NOW)
    assert dates(fixes) == [("KB5066131", "2026-10-15"), ("KB5068781", "2026-11-12")]


def test_own_get_hotfix_powershell_2_on_german_windows_keeps_blank_dates_blank():
    """PowerShell 2.0 read WMI's M/D/YYYY with the display culture: dates whose day is over 12
    came out blank, the others with day and month swapped; which is which cannot be told, so
    each is read the older way (never newer than it may be)."""
    fixes = parse_hotfix_table(fixture("windows/hotfix-table/de-autosize-ps2.txt"), NOW)
    assert dates(fixes) == [("KB4012212", "2017-03-07"), ("KB4015546", None), ("KB4019264", "2017-05-09")]


@pytest.mark.parametrize(
    ("parse", "name", "message"),
    [
        (
            parse_hotfix_table,
            "hotfix-table/cut-dates.txt",
            "Get-HotFix line 4 has '10/15/20...' as InstalledOn: no date",
        ),
        (parse_hotfix_table, "hotfix-table/mixed-orders.txt", "Get-HotFix dates '13/01/2026 00:00:00' and '01/13/2026"),
        (parse_wmic_qfe, "wmic-qfe/console-wrapped.txt", "wmic qfe line 2 has a value off its column 'Caption'"),
    ],
)
def test_own_hotfix_tables_that_cannot_be_read_right_are_refused(parse, name, message):
    """A date cut short by a narrow console, dates that cannot share one format, and wmic lines
    broken where a 120-column console wrapped them."""
    with pytest.raises(ParseError) as caught:
        parse(fixture(f"windows/{name}"), NOW)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "PC1           Update           KB1            NT AUTHORITY\\SYSTEM  1/2/2026",
            "line 4 has a value off its column",
        ),
        (
            "PC1           Update           KB1           NT AUTHORITY\\SYSTEMXY 1/2/2026",
            "line 4 runs over into a column",
        ),
        ("PC1\tUpdate\tKB1\tNT AUTHORITY\\SYSTEM\t1/2/2026", "line 4 has a tab"),
        ("              Update                         NT AUTHORITY\\SYSTEM  1/2/2026", "line 4 has no HotFixID"),
        ("PC1           Update           KB1           NT AUTHORITY\\SYSTEM  2/31/2026", "'2/31/2026' as InstalledOn"),
    ],
    ids=["shifted", "runs-over", "tab", "no-id", "no-such-date"],
)
def test_hotfix_rows_off_the_header_columns_are_refused(row, message):
    header = "\nSource        Description      HotFixID      InstalledBy          InstalledOn\n"
    with pytest.raises(ParseError, match=re.escape(message)):
        parse_hotfix_table(
            header + "------        -----------      --------      -----------          -----------\n" + row, NOW
        )


def test_wmic_refuses_day_first_dates_it_never_prints():
    text = fixture("windows/wmic-qfe/month-first-de.txt").replace("3/13/2026", "13/3/2026")
    text = text.replace("10/15/2026", "15/10/2026")
    with pytest.raises(ParseError, match="wmic qfe prints its dates month-first, but these are day-first"):
        parse_wmic_qfe(text, NOW)


def test_hotfix_table_without_header():
    with pytest.raises(ParseError):
        parse_wmic_qfe("No Instance(s) Available.\n", NOW)


def test_windows_version_tells_11_from_10_and_server():
    win11 = parse_windows_version(fixture("windows/powershell/version-win11-24h2-pro.json"))
    assert (win11.name, win11.build, win11.edition, win11.server) == ("Windows 11 24H2", 26100, "Professional", False)
    server = parse_windows_version(fixture("windows/powershell/version-server-2019.json"))
    assert server.server and server.name == "Windows Server 2019 Standard" and server.display_version == "1809"
    for bad in ('{"ProductName": "Windows 10 Pro"}', "[]", '[{"CurrentBuild": "1"}, {"CurrentBuild": "2"}]'):
        with pytest.raises(ParseError):
            parse_windows_version(bad)


def test_windows_version_from_registry_values_as_winreg_gives_them():
    """The text parser and the registry read share one judgement of the values."""
    values = {"ProductName": "Windows 10 Home", "ReleaseId": "2009", "CurrentBuildNumber": "19045", "UBR": 5737}
    home = windows_version({**values, "EditionID": "Core", "InstallationType": "Client"})
    assert (home.name, home.build, home.edition, home.server) == ("Windows 10 2009", 19045, "Core", False)
    assert windows_version({**values, "DisplayVersion": "22H2", "CurrentBuild": "19045"}).name == "Windows 10 22H2"
    for bad in ({}, {"CurrentBuild": ["19045"]}, {"CurrentBuild": "9" * 5000}):
        with pytest.raises(ParseError, match="the registry's Windows version gave no CurrentBuild number"):
            windows_version(bad)


# --- text no tool prints: ParseError (UNKNOWN), never a crash (ERROR); test_parsers_fuzz.py has more

XML = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">{}</plist>\n'
NET_ACCOUNTS = (
    "Force user logoff how long after time expires?:       Never\nMinimum password age (days):  0\n"
    "Maximum password age (days):  42\nMinimum password length:  {}\nLength of password history maintained:  None\n"
    "Lockout threshold:  Never\nLockout duration (minutes):  30\nLockout observation window (minutes):  30\n"
    "Computer role:  WORKSTATION\n"
)


def _policy(params: str) -> str:
    return XML.format(f"<dict><key>c</key><array><dict><key>policyParameters</key>{params}</dict></array></dict>")


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_plist_text, "{ a = " + "(" * 5000),  # RecursionError
        (parse_wua_json, "[" * 100_000),  # RecursionError
        (parse_wua_json, '[{"Title": ' + "9" * 5000 + "}]"),  # ValueError: over 4300 digits
        (parse_windows_version, '[{"CurrentBuild": 1, "ProductName": ' + "[" * 900 + "]" * 900 + "}]"),  # str() deep
        (lambda t: parse_hotfix_table(t, NOW), "Source  Description  HotFixIDs  InstalledOn\nPC  Update  KB1  1/2/2020\n"),
        (lambda t: parse_hotfix_table(t, NOW), "HotFixID\n" + "KB1\n" * 10_001),  # more than any machine lists
        (parse_bitlocker_json, '[{"MountPoint": "C:", "EncryptionPercentage": ' + "9" * 400 + "}]"),  # OverflowError
        (parse_bitlocker_json, '[{"MountPoint": "C:", "KeyProtector": 5}]'),  # TypeError
        (parse_fdesetup_status, "Encryption in progress: Percent completed = 1.2.3\n"),  # ValueError
        (parse_pwpolicy, XML.format("<array/>")),  # AttributeError: list has no .values()
        (parse_pwpolicy, _policy("<string>policyAttributeMaximumFailedAuthentications</string>")),  # TypeError
        (parse_pwpolicy, _policy("<dict><key>policyAttributeExpiresEveryNDays</key><string>five</string></dict>")),
        (parse_pwpolicy, _policy("<dict><key>minChars</key><real>inf</real></dict>")),  # OverflowError
        (parse_pwpolicy, _policy("<dict><key>k</key>" + "<array>" * 3000 + "</array>" * 3000 + "</dict>")),
        (lambda t: parse_net_accounts(t).line("min_length"), NET_ACCOUNTS.format("9" * 5000)),  # over 4300 digits
    ],
    ids=[
        "plist-deep", "wua-deep", "wua-huge-number", "version-deep", "hotfix-no-HotFixID-column", "hotfix-too-many",
        "bitlocker-percent-overflow", "bitlocker-protectors-int", "fdesetup-percent", "pwpolicy-array",
        "pwpolicy-parameters-string", "pwpolicy-not-a-number", "pwpolicy-infinite", "pwpolicy-deep", "net-accounts-huge",
    ],
)  # fmt: skip
def test_platform_parsers_refuse_what_no_tool_prints(parse, text):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert len(str(caught.value)) < 200


def test_parse_errors_quote_a_short_excerpt_only():
    with pytest.raises(ParseError) as caught:
        parse_hotfix_json('[{"HotFixID": "KB1", "InstalledOn": "' + "x" * 5000 + '"}]')
    assert len(str(caught.value)) < 120
    with pytest.raises(ParseError) as caught:
        parse_softwareupdate_list(real("macos", "softwareupdate-l", 3))
    assert str(caught.value) == "its scan failed: The network connection was lost."


def test_time_machine_backup_dated_month_13_has_no_date():
    assert parse_latestbackup("/Volumes/bak/Backups.backupdb/mac/2011-13-26-104514\n") is None  # was ValueError
    assert parse_latestbackup("/Volumes/bak/Backups.backupdb/mac/2011-08-26-104514\n") == datetime(
        2011, 8, 26, 10, 45, 14
    )
