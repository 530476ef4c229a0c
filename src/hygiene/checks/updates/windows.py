"""What the updates checks find on Windows: the Windows Update Agent and the installed updates
through PowerShell printing JSON (independent of the display language), searched offline
(Online = false); the update settings, restart flags and version straight from the registry."""

from __future__ import annotations

from datetime import datetime

from hygiene.checks.base import first_line
from hygiene.checks.updates import judge_age, judge_pending, judge_release
from hygiene.model import Finding, Status
from hygiene.parsers import ParseError, deciding_line
from hygiene.parsers.packages import PendingUpdate
from hygiene.parsers.windows_updates import (
    Hotfix,
    parse_hotfix_json,
    parse_hotfix_table,
    parse_wmic_qfe,
    parse_wua_json,
    windows_version,
)
from hygiene.platforms.windows import powershell
from hygiene.platforms.windows_services import start_type
from hygiene.system import ProbeUnavailable, System
from hygiene.words import age_in_days, count

WUA_SEARCH = (
    "$s = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher(); $s.Online = $false; "
    "$r = $s.Search('IsInstalled=0 and IsHidden=0'); "
    "ConvertTo-Json -Depth 3 -Compress -InputObject @($r.Updates | ForEach-Object { [pscustomobject]@{ "
    "Title = $_.Title; KB = @($_.KBArticleIDs); Severity = $_.MsrcSeverity; "
    "Categories = @($_.Categories | ForEach-Object { $_.Name }); RebootRequired = $_.RebootRequired } })"
)
HOTFIX_JSON = (
    "ConvertTo-Json -Compress -InputObject @(Get-HotFix | ForEach-Object { [pscustomobject]@{ "
    "HotFixID = $_.HotFixID; Description = $_.Description; "
    "InstalledOn = $(if ($_.InstalledOn) { $_.InstalledOn.ToString('o') } else { $null }) } })"
)
HOTFIX_TABLE = "Get-HotFix | Format-Table -AutoSize | Out-String -Width 4096"  # PowerShell 2.0: no JSON
WMIC_QFE = ("wmic", "qfe", "list")
AU_POLICY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU"
UX_SETTINGS = "HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings"
UPDATE_SERVICE = "wuauserv"
CURRENT_VERSION = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion"
# Keys Windows creates while installed updates wait for a restart, by the flag they stand for.
REBOOT_FLAGS = {
    "RebootRequired": f"{CURRENT_VERSION}\\WindowsUpdate\\Auto Update\\RebootRequired",
    "RebootPending": f"{CURRENT_VERSION}\\Component Based Servicing\\RebootPending",
}
NT_CURRENT_VERSION = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
VERSION_VALUES = (
    "ProductName",
    "DisplayVersion",
    "ReleaseId",
    "CurrentBuild",
    "CurrentBuildNumber",
    "UBR",
    "EditionID",
    "InstallationType",
)
# The values that decide UPD-005's row (ProductName says "Windows 10" on Windows 11 too; UBR is a patch level).
RELEASE_VALUES = ("CurrentBuild", "CurrentBuildNumber", "DisplayVersion", "ReleaseId", "EditionID", "InstallationType")
MONTHLY_DAYS = 35  # cumulative updates ship every month (Patch Tuesday)


def hotfixes(system: System) -> tuple[list[Hotfix], str]:
    """Installed updates, and the tool that listed them (the evidence key for its lines): JSON
    first, then the table PowerShell 2.0 prints, then wmic; ProbeUnavailable (saying why) when
    none of them answers."""
    now = system.now()
    result = powershell(system, HOTFIX_JSON)
    try:
        if result.ok:
            return parse_hotfix_json(result.stdout), "Get-HotFix"
        table = powershell(system, HOTFIX_TABLE)
        if table.ok:
            return parse_hotfix_table(table.stdout, now), "Get-HotFix"
        wmic = system.run(WMIC_QFE)
        if wmic.ok:
            return parse_wmic_qfe(wmic.stdout, now), "wmic"
    except ParseError as exc:
        raise ProbeUnavailable(str(exc)) from exc
    raise ProbeUnavailable(f"Get-HotFix failed: {first_line(result.stderr) or result.returncode}")


def _newest_hotfix(fixes: list[Hotfix]) -> Hotfix | None:
    dated = [(f.installed_on, f) for f in fixes if f.installed_on]
    return max(dated, key=lambda pair: pair[0])[1] if dated else None


def pending(system: System) -> Finding:
    result = powershell(system, WUA_SEARCH)
    if result.ok:
        try:
            updates = parse_wua_json(result.stdout)
        except ParseError as exc:
            raise ProbeUnavailable(f"{exc}.") from exc
        found = [PendingUpdate(u.title, ",".join(u.kbs), u.security, u.severity) for u in updates]
        return judge_pending(found, "Windows Update (offline search)")
    # Without the Update Agent: cumulative updates ship monthly, so the newest installed one
    # tells whether this month's security fixes are in.
    try:
        fixes, tool = hotfixes(system)
    except ProbeUnavailable:
        fixes, tool = [], ""
    newest = _newest_hotfix(fixes)
    reason = first_line(result.stderr) or f"exit {result.returncode}"
    if newest is None or newest.installed_on is None:
        raise ProbeUnavailable(f"Windows Update could not be asked ({reason}), and no installed update has a date.")
    age = system.now() - newest.installed_on
    days = age.days
    evidence = {
        "source": "newest installed update (Windows Update could not be asked)",
        "newest_update": newest.installed_on.isoformat(),
        tool: deciding_line(newest.line),
    }
    if days > MONTHLY_DAYS:
        return Finding(
            Status.FAIL,
            f"The newest installed update is {count(days, 'day')} old; Windows ships security updates monthly, "
            "so some are missing.",
            evidence,
        )
    return Finding(
        Status.PASS,
        f"A cumulative update was installed {age_in_days(age)} ago (Windows Update could not be asked).",
        evidence,
    )


def recency(system: System) -> Finding:
    try:
        fixes, tool = hotfixes(system)
    except ProbeUnavailable as exc:
        raise ProbeUnavailable(f"Could not list installed updates: {exc}.") from exc
    newest = _newest_hotfix(fixes)
    evidence: dict = {"installed_updates": len(fixes)}
    if newest is not None:
        evidence[tool] = deciding_line(newest.line)
    when = newest.installed_on if newest else None
    return judge_age(when, system.now(), "the newest update was installed", evidence)


AU_SCHEDULED_INSTALL = 4  # the only policy value that installs without asking
AU_OPTIONS = {
    2: "only notifies",
    3: "downloads but asks before installing",
    4: "installs on a schedule",
    5: "lets the user choose",
    7: "downloads and asks before restarting",
}


def automatic(system: System) -> Finding:
    policy = system.registry_values(AU_POLICY, ("NoAutoUpdate", "AUOptions")) or {}
    ux = system.registry_values(UX_SETTINGS, ("PauseUpdatesExpiryTime",)) or {}
    state = {**policy, **ux, "ServiceStartType": start_type(system, UPDATE_SERVICE)}
    evidence = {k: state.get(k) for k in ("NoAutoUpdate", "AUOptions", "PauseUpdatesExpiryTime", "ServiceStartType")}
    if state["ServiceStartType"] == "Disabled":
        return Finding(Status.FAIL, "The Windows Update service is disabled.", evidence)
    if state.get("NoAutoUpdate") == 1:
        return Finding(Status.FAIL, "A policy turns automatic updates off (NoAutoUpdate = 1).", evidence)
    option = state.get("AUOptions")
    if isinstance(option, int) and option in AU_OPTIONS and option != AU_SCHEDULED_INSTALL:
        return Finding(Status.WARN, f"A policy sets Windows Update so that it {AU_OPTIONS[option]}.", evidence)
    pause = state.get("PauseUpdatesExpiryTime")
    if isinstance(pause, str) and pause:
        try:
            until = datetime.fromisoformat(pause.replace("Z", "+00:00"))
        except ValueError:
            until = None
        if until is None or until.tzinfo is None or until > system.now():
            return Finding(Status.WARN, f"Updates are paused until {pause}.", evidence)
    return Finding(Status.PASS, "Windows installs updates automatically.", evidence)


def reboot(system: System) -> Finding:
    """A flag is set when its key exists: no value of it is read."""
    flags = [flag for flag, key in REBOOT_FLAGS.items() if system.registry_values(key, ()) is not None]
    if flags:
        return Finding(Status.FAIL, "Windows is waiting for a restart to finish installing updates.", {"flags": flags})
    return Finding(Status.PASS, "No update is waiting for a restart.", {"flags": []})


def channel(edition: str, server: bool) -> str:
    """How Microsoft's lifecycle groups an EditionID. Pro (Professional, ProfessionalN,
    ProfessionalWorkstation, ProfessionalEducation) shares Home's feature-update dates but
    not its extension: commercial ESU covers Windows 10 Pro, consumer ESU Home. An unknown
    edition is judged as Home, the shortest."""
    if server or edition.startswith("Server"):
        return "server"
    if edition.startswith(("EnterpriseS", "IoTEnterpriseS")):
        return "ltsc"
    if edition.startswith(("Enterprise", "Education", "IoTEnterprise")):
        return "enterprise"
    return "pro" if edition.startswith("Professional") else "home"


def release(system: System) -> Finding:
    values = system.registry_values(NT_CURRENT_VERSION, VERSION_VALUES)
    if values is None:
        raise ProbeUnavailable(f"The registry has no {NT_CURRENT_VERSION} key to tell the Windows version.")
    try:
        version = windows_version(values)
    except ParseError as exc:
        raise ProbeUnavailable(f"{exc}.") from exc
    label = f"{version.name} ({version.edition or 'unknown edition'}, build {version.build})"
    lines = [deciding_line(f"{name}: {values[name]}") for name in RELEASE_VALUES if name in values]
    kind = channel(version.edition, version.server)
    return judge_release(system, "windows", str(version.build), label, {NT_CURRENT_VERSION: lines}, kind)
