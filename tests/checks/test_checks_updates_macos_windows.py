"""UPD-001..005 on macOS and Windows, on recorded machines built from real outputs."""

import json

import pytest

from hygiene.checks import updates
from hygiene.checks.updates.macos import PREFS, SOFTWAREUPDATE, SW_VERS
from hygiene.checks.updates.windows import (
    AUTO_UPDATE,
    HOTFIX_JSON,
    HOTFIX_TABLE,
    REBOOT,
    VERSION,
    WMIC_QFE,
    WUA_SEARCH,
)
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.platforms.windows import POWERSHELL
from tests.helpers import fixture, machine, real


def run(system, fn):
    return run_one(system, fn)


# --- macOS -----------------------------------------------------------------------------------


def test_mac_pending_fail_pass_and_fallback_to_cached_list():
    pending = machine(platform="macos", commands={SOFTWAREUPDATE: (0, real("macos", "softwareupdate-l", 7), "")})
    f = run(pending, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and "macOS Ventura 13.3.1" in f.summary
    clean = machine(platform="macos", commands={SOFTWAREUPDATE: (0, real("macos", "softwareupdate-l", 5), "")})
    assert run(clean, updates.no_pending_security_updates).status is Status.PASS
    offline = machine(
        platform="macos",
        commands={
            SOFTWAREUPDATE: (0, real("macos", "softwareupdate-l", 3), ""),
            PREFS: (0, real("macos", "defaults-read-softwareupdate", 3), ""),
        },
    )
    f = run(offline, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_count"] == 3 and "cached" in f.evidence["source"]


def test_mac_pending_only_not_recommended_items_pass():
    tools_only = (
        "Software Update Tool\n\nSoftware Update found the following new or updated software:\n"
        "* Label: Command Line Tools for Xcode-16.0\n\tTitle: Command Line Tools for Xcode, Version: 16.0, Size: 751464KiB, Recommended: NO, \n"
    )
    f = run(
        machine(platform="macos", commands={SOFTWAREUPDATE: (0, tools_only, "")}), updates.no_pending_security_updates
    )
    assert f.status is Status.PASS and f.evidence["other_count"] == 1


def test_mac_pending_unknown_when_nothing_can_be_read():
    m = machine(
        platform="macos",
        commands={
            SOFTWAREUPDATE: (0, real("macos", "softwareupdate-l", 3), ""),
            PREFS: (1, "", "Domain does not exist\n"),
        },
    )
    f = run(m, updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "network connection was lost" in f.summary


@pytest.mark.parametrize(("n", "status"), [(1, Status.FAIL), (3, Status.FAIL)])
def test_mac_recency_real_prefs(n, status):
    f = run(
        machine(platform="macos", commands={PREFS: (0, real("macos", "defaults-read-softwareupdate", n), "")}),
        updates.updated_recently,
    )
    assert f.status is status and f.evidence["days_ago"] > 365


def test_mac_recency_pass_and_unknown():
    recent = '{\n    LastFullSuccessfulDate = "2026-11-25 07:52:51 +0000";\n}\n'
    assert (
        run(machine(platform="macos", commands={PREFS: (0, recent, "")}), updates.updated_recently).status
        is Status.PASS
    )
    never = "{\n    AutomaticCheckEnabled = 1;\n}\n"
    assert (
        run(machine(platform="macos", commands={PREFS: (0, never, "")}), updates.updated_recently).status
        is Status.UNKNOWN
    )


def test_mac_automatic_updates():
    # 1: nothing switched off, macOS installs updates too -> PASS
    f = run(
        machine(platform="macos", commands={PREFS: (0, real("macos", "defaults-read-softwareupdate", 1), "")}),
        updates.automatic_updates,
    )
    assert f.status is Status.PASS
    # 3: CriticalUpdateInstall = 0 -> FAIL
    f = run(
        machine(platform="macos", commands={PREFS: (0, real("macos", "defaults-read-softwareupdate", 3), "")}),
        updates.automatic_updates,
    )
    assert f.status is Status.FAIL and "Security Responses" in f.summary
    # 5: AutomaticCheckEnabled = False -> FAIL
    f = run(
        machine(platform="macos", commands={PREFS: (0, real("macos", "defaults-read-softwareupdate", 5), "")}),
        updates.automatic_updates,
    )
    assert f.status is Status.FAIL and "check for updates" in f.summary
    # nothing ever set: defaults apply, macOS updates are not installed automatically -> WARN
    f = run(
        machine(platform="macos", commands={PREFS: (1, "", "The domain/default pair of (x) does not exist\n")}),
        updates.automatic_updates,
    )
    assert f.status is Status.WARN and "install macOS updates" in f.summary
    f = run(machine(platform="macos", commands={PREFS: "missing"}), updates.automatic_updates)
    assert f.status is Status.UNKNOWN


def test_mac_reboot():
    f = run(
        machine(platform="macos", commands={SOFTWAREUPDATE: (0, real("macos", "softwareupdate-l", 9), "")}),
        updates.no_pending_reboot,
    )
    assert f.status is Status.WARN and f.evidence["restart_for"] == ["macOS 10.14.1 Update", "BridgeOSUpdateCustomer"]
    clean = machine(platform="macos", commands={SOFTWAREUPDATE: (0, real("macos", "softwareupdate-l", 5), "")})
    assert run(clean, updates.no_pending_reboot).status is Status.PASS
    broken = machine(platform="macos", commands={SOFTWAREUPDATE: (0, real("macos", "softwareupdate-l", 3), "")})
    assert run(broken, updates.no_pending_reboot).status is Status.UNKNOWN


@pytest.mark.parametrize(("n", "status"), [(1, Status.FAIL), (3, Status.PASS), (5, Status.WARN)])
def test_mac_release_real_sw_vers(n, status):
    f = run(
        machine(platform="macos", commands={SW_VERS: (0, real("macos", "sw_vers", n), "")}), updates.release_supported
    )
    assert f.status is status, f.summary


def test_mac_release_unknown():
    assert (
        run(machine(platform="macos", commands={SW_VERS: "missing"}), updates.release_supported).status
        is Status.UNKNOWN
    )
    future = "ProductName:\t\tmacOS\nProductVersion:\t\t27.1\nBuildVersion:\t\t26B55\n"
    f = run(machine(platform="macos", commands={SW_VERS: (0, future, "")}), updates.release_supported)
    assert f.status is Status.UNKNOWN and "newer than the table" in f.summary


# --- Windows ---------------------------------------------------------------------------------


def win(answers):
    """A recorded Windows machine; keys are PowerShell scripts (or a whole argv such as wmic's)."""
    commands = {key if isinstance(key, tuple) else (*POWERSHELL, key): answer for key, answer in answers.items()}
    return machine(platform="windows", os_name="Windows 11", commands=commands)


def test_windows_pending_from_the_update_agent():
    f = run(
        win({WUA_SEARCH: (0, fixture("windows/powershell/wua-pending.json"), "")}), updates.no_pending_security_updates
    )
    assert f.status is Status.FAIL and f.evidence["security_count"] == 1 and f.evidence["other_count"] == 2
    assert run(win({WUA_SEARCH: (0, "[]", "")}), updates.no_pending_security_updates).status is Status.PASS


def test_windows_pending_falls_back_to_the_newest_hotfix():
    denied = (1, "", "New-Object : Retrieving the COM class factory failed: 80070005 Access is denied.\n")
    recent = json.dumps(
        [{"HotFixID": "KB5070773", "Description": "Security Update", "InstalledOn": "2026-11-12T00:00:00"}]
    )
    f = run(win({WUA_SEARCH: denied, HOTFIX_JSON: (0, recent, "")}), updates.no_pending_security_updates)
    assert f.status is Status.PASS and "could not be asked" in f.summary
    f = run(
        win({WUA_SEARCH: denied, HOTFIX_JSON: (0, fixture("windows/powershell/hotfix.json"), "")}),
        updates.no_pending_security_updates,
    )
    assert f.status is Status.FAIL and "days old" in f.summary
    f = run(win({WUA_SEARCH: denied, HOTFIX_JSON: (0, "[]", "")}), updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "Access is denied" in f.summary


def test_windows_recency_json_table_and_wmic_fallbacks():
    f = run(win({HOTFIX_JSON: (0, fixture("windows/powershell/hotfix.json"), "")}), updates.updated_recently)
    assert f.status is Status.FAIL and f.evidence["days_ago"] == 43
    no_json = (1, "", "The term 'ConvertTo-Json' is not recognized as the name of a cmdlet\n")
    f = run(
        win({HOTFIX_JSON: no_json, HOTFIX_TABLE: (0, real("windows", "get-hotfix", 3), "")}), updates.updated_recently
    )
    assert f.status is Status.FAIL and f.evidence["last"].startswith("2025-04-10")
    f = run(
        win(
            {HOTFIX_JSON: no_json, HOTFIX_TABLE: (1, "", "x\n"), WMIC_QFE: (0, real("windows", "wmic-qfe-list", 1), "")}
        ),
        updates.updated_recently,
    )
    assert f.status is Status.FAIL and f.evidence["last"].startswith("2022-08-14")
    f = run(win({HOTFIX_JSON: "missing", HOTFIX_TABLE: "missing", WMIC_QFE: "missing"}), updates.updated_recently)
    assert f.status is Status.UNKNOWN
    recent = json.dumps(
        {"HotFixID": "KB5070773", "Description": "Security Update", "InstalledOn": "2026-11-20T00:00:00"}
    )
    assert run(win({HOTFIX_JSON: (0, recent, "")}), updates.updated_recently).status is Status.PASS


@pytest.mark.parametrize(
    ("state", "status", "words"),
    [
        (
            {"NoAutoUpdate": None, "AUOptions": None, "PauseUpdatesExpiryTime": None, "ServiceStartType": "Manual"},
            Status.PASS,
            "automatically",
        ),
        (
            {"NoAutoUpdate": 1, "AUOptions": 4, "PauseUpdatesExpiryTime": None, "ServiceStartType": "Manual"},
            Status.FAIL,
            "NoAutoUpdate",
        ),
        (
            {"NoAutoUpdate": 0, "AUOptions": 2, "PauseUpdatesExpiryTime": None, "ServiceStartType": "Manual"},
            Status.WARN,
            "only notifies",
        ),
        (
            {"NoAutoUpdate": 0, "AUOptions": 7, "PauseUpdatesExpiryTime": None, "ServiceStartType": "Manual"},
            Status.WARN,
            "asks before restarting",
        ),
        (
            {"NoAutoUpdate": 0, "AUOptions": 4, "PauseUpdatesExpiryTime": None, "ServiceStartType": "Manual"},
            Status.PASS,
            "automatically",
        ),
        (
            {"NoAutoUpdate": None, "AUOptions": None, "PauseUpdatesExpiryTime": None, "ServiceStartType": "Disabled"},
            Status.FAIL,
            "disabled",
        ),
        ({"PauseUpdatesExpiryTime": "2026-12-18T09:00:00Z", "ServiceStartType": "Manual"}, Status.WARN, "paused"),
        (
            {"PauseUpdatesExpiryTime": "2026-10-01T09:00:00Z", "ServiceStartType": "Manual"},
            Status.PASS,
            "automatically",
        ),
    ],
)
def test_windows_automatic_updates(state, status, words):
    f = run(win({AUTO_UPDATE: (0, json.dumps(state), "")}), updates.automatic_updates)
    assert f.status is status and words in f.summary


def test_windows_automatic_updates_unknown():
    f = run(win({AUTO_UPDATE: (1, "", "Access denied\n")}), updates.automatic_updates)
    assert f.status is Status.UNKNOWN and "Access denied" in f.summary


def test_windows_reboot():
    flags = json.dumps({"RebootRequired": True, "RebootPending": False})
    f = run(win({REBOOT: (0, flags, "")}), updates.no_pending_reboot)
    assert f.status is Status.FAIL and f.evidence["flags"] == ["RebootRequired"]
    clear = json.dumps({"RebootRequired": False, "RebootPending": False})
    assert run(win({REBOOT: (0, clear, "")}), updates.no_pending_reboot).status is Status.PASS
    assert run(win({REBOOT: (0, "not json", "")}), updates.no_pending_reboot).status is Status.UNKNOWN


def version(build, display, edition, kind="Client", product="Windows 10 Pro"):
    return (0, json.dumps({"ProductName": product, "DisplayVersion": display, "CurrentBuild": str(build),
                           "EditionID": edition, "InstallationType": kind}), "")  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "status", "words"),
    [
        (
            (0, fixture("windows/powershell/version-win11-24h2-pro.json"), ""),
            Status.FAIL,
            "2026-10-13",
        ),  # Home/Pro 24H2 ended
        (version(26100, "24H2", "Enterprise"), Status.PASS, "2027-10-12"),
        (version(26200, "25H2", "Core"), Status.PASS, "2027-10-12"),
        (version(22631, "23H2", "Education"), Status.FAIL, "2026-11-10"),
        (version(19045, "22H2", "Professional"), Status.FAIL, "2026-10-13"),  # consumer ESU over too
        (version(19045, "22H2", "Enterprise"), Status.WARN, "Extended Security Updates"),
        (version(17763, "", "EnterpriseS"), Status.PASS, "LTSC 2019"),
        (version(18363, "", "Professional"), Status.FAIL, "older than every release"),
        ((0, fixture("windows/powershell/version-server-2019.json"), ""), Status.PASS, "2029-01-09"),
        (version(20348, "", "ServerStandard", "Server", "Windows Server 2022 Standard"), Status.PASS, "Server 2022"),
        (version(27000, "26H2", "Professional"), Status.UNKNOWN, "newer than the table"),
    ],
)
def test_windows_release(answer, status, words):
    f = run(win({VERSION: answer}), updates.release_supported)
    assert f.status is status and words in f.summary, f.summary
