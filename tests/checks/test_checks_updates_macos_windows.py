"""UPD-001..005 on macOS and Windows, on recorded machines built from real outputs."""

import json

import pytest

from hygiene.checks import updates
from hygiene.checks.updates.macos import PREFS, SOFTWAREUPDATE, SW_VERS
from hygiene.checks.updates.windows import (
    AU_POLICY,
    HOTFIX_JSON,
    HOTFIX_TABLE,
    NT_CURRENT_VERSION,
    REBOOT_FLAGS,
    UX_SETTINGS,
    VERSION_VALUES,
    WMIC_QFE,
    WUA_SEARCH,
)
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.platforms.windows import POWERSHELL
from hygiene.platforms.windows_services import service_key
from hygiene.system import FileUnreadable
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


def win(answers=None, registry=None):
    """A recorded Windows machine; keys are PowerShell scripts (or a whole argv such as wmic's)."""
    commands = {key if isinstance(key, tuple) else (*POWERSHELL, key): a for key, a in (answers or {}).items()}
    return machine(platform="windows", os_name="Windows 11", commands=commands, registry=registry)


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


MANUAL, DISABLED = 3, 4  # a service key's Start value


def update_settings(no_auto=None, options=None, pause=None, start=MANUAL):
    """The registry as UPD-003 reads it: policy values and the pause left out when not set."""
    policy = {k: v for k, v in (("NoAutoUpdate", no_auto), ("AUOptions", options)) if v is not None}
    return {
        (AU_POLICY, ("NoAutoUpdate", "AUOptions")): policy or None,  # no policy: no key
        (UX_SETTINGS, ("PauseUpdatesExpiryTime",)): {"PauseUpdatesExpiryTime": pause} if pause else {},
        (service_key("wuauserv"), ("Start",)): None if start is None else {"Start": start},
    }


@pytest.mark.parametrize(
    ("settings", "status", "words"),
    [
        ({}, Status.PASS, "automatically"),
        ({"no_auto": 1, "options": 4}, Status.FAIL, "NoAutoUpdate"),
        ({"no_auto": 0, "options": 2}, Status.WARN, "only notifies"),
        ({"no_auto": 0, "options": 7}, Status.WARN, "asks before restarting"),
        ({"no_auto": 0, "options": 4}, Status.PASS, "automatically"),
        ({"start": DISABLED}, Status.FAIL, "disabled"),
        ({"pause": "2026-12-18T09:00:00Z"}, Status.WARN, "paused"),
        ({"pause": "2026-10-01T09:00:00Z"}, Status.PASS, "automatically"),
        ({"options": ["4"], "start": 9}, Status.PASS, "automatically"),  # values of the wrong type: no policy
    ],
)
def test_windows_automatic_updates(settings, status, words):
    f = run(win(registry=update_settings(**settings)), updates.automatic_updates)
    assert f.status is status and words in f.summary


def test_windows_automatic_updates_evidence_names_the_service_start_as_get_service_did():
    f = run(win(registry=update_settings(options=3, pause="2026-12-18T09:00:00Z")), updates.automatic_updates)
    assert f.evidence == {
        "NoAutoUpdate": None,
        "AUOptions": 3,
        "PauseUpdatesExpiryTime": "2026-12-18T09:00:00Z",
        "ServiceStartType": "Manual",
    }
    f = run(win(registry=update_settings(start=None)), updates.automatic_updates)
    assert f.status is Status.PASS and f.evidence["ServiceStartType"] is None  # no service, as Get-Service said


def test_windows_automatic_updates_unknown_when_the_registry_refuses():
    denied = {
        **update_settings(),
        (AU_POLICY, ("NoAutoUpdate", "AUOptions")): FileUnreadable(AU_POLICY, "Permission denied"),
    }
    f = run(win(registry=denied), updates.automatic_updates)
    assert (
        f.status is Status.UNKNOWN
        and f.summary == f"Cannot read {AU_POLICY}: Permission denied (run as administrator to see this)."
    )
    f = run(win(), updates.automatic_updates)  # an older snapshot, from before the registry was read
    assert f.status is Status.UNKNOWN and "snapshot has no record of the registry key" in f.summary


def reboot_flags(*present):
    return {(key, ()): {} if flag in present else None for flag, key in REBOOT_FLAGS.items()}


def test_windows_reboot():
    f = run(win(registry=reboot_flags("RebootRequired")), updates.no_pending_reboot)
    assert f.status is Status.FAIL and f.evidence["flags"] == ["RebootRequired"]
    both = run(win(registry=reboot_flags("RebootRequired", "RebootPending")), updates.no_pending_reboot)
    assert both.status is Status.FAIL and both.evidence["flags"] == ["RebootRequired", "RebootPending"]
    assert run(win(registry=reboot_flags()), updates.no_pending_reboot).status is Status.PASS
    denied = {**reboot_flags(), (REBOOT_FLAGS["RebootPending"], ()): FileUnreadable("x", "Permission denied")}
    assert run(win(registry=denied), updates.no_pending_reboot).status is Status.UNKNOWN


def version(build, display, edition, kind="Client", product="Windows 10 Pro"):
    values = {"ProductName": product, "DisplayVersion": display, "CurrentBuild": str(build),
              "EditionID": edition, "InstallationType": kind}  # fmt: skip
    return {k: v for k, v in values.items() if v}


def recorded_version(name):
    """The values a version query printed, as the registry holds them (an absent value is absent)."""
    return {k: v for k, v in json.loads(fixture(f"windows/powershell/{name}")).items() if v is not None}


@pytest.mark.parametrize(
    ("answer", "status", "words"),
    [
        (
            recorded_version("version-win11-24h2-pro.json"),
            Status.FAIL,
            "2026-10-13",
        ),  # Home/Pro 24H2 ended
        (version(26100, "24H2", "Enterprise"), Status.PASS, "2027-10-12"),
        (version(26200, "25H2", "Core"), Status.PASS, "2027-10-12"),
        (version(22631, "23H2", "Education"), Status.FAIL, "2026-11-10"),
        (version(19045, "22H2", "Professional"), Status.FAIL, "2028-10-10"),  # commercial ESU, unless attested
        (version(19045, "22H2", "Core"), Status.FAIL, "2027-10-12"),  # consumer ESU, unless attested
        (version(19045, "22H2", "Enterprise"), Status.FAIL, "Extended Security Updates"),  # unless attested
        (version(17763, "", "EnterpriseS"), Status.PASS, "LTSC 2019"),
        (version(18363, "", "Professional"), Status.FAIL, "older than every release"),
        (recorded_version("version-server-2019.json"), Status.PASS, "2029-01-09"),
        (version(20348, "", "ServerStandard", "Server", "Windows Server 2022 Standard"), Status.PASS, "Server 2022"),
        (version(27000, "26H2", "Professional"), Status.UNKNOWN, "newer than the table"),
    ],
)
def test_windows_release(answer, status, words):
    f = run(win(registry={(NT_CURRENT_VERSION, VERSION_VALUES): answer}), updates.release_supported)
    assert f.status is status and words in f.summary, f.summary


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (None, f"The registry has no {NT_CURRENT_VERSION} key"),
        ({"ProductName": "Windows 10 Pro", "EditionID": "Professional"}, "gave no CurrentBuild number"),
        ({"CurrentBuild": ["19045"]}, "gave no CurrentBuild number"),
        (FileUnreadable(NT_CURRENT_VERSION, "Permission denied"), "run as administrator"),
    ],
)
def test_windows_release_unknown(answer, words):
    f = run(win(registry={(NT_CURRENT_VERSION, VERSION_VALUES): answer}), updates.release_supported)
    assert f.status is Status.UNKNOWN and words in f.summary, f.summary


def test_windows_release_of_an_old_build_without_current_build():
    old = {"ProductName": "Windows 10 Pro", "CurrentBuildNumber": "10240", "EditionID": "Professional"}
    f = run(win(registry={(NT_CURRENT_VERSION, VERSION_VALUES): old}), updates.release_supported)
    assert f.status is Status.FAIL and "build 10240" in f.summary, f.summary
