"""BAK-001..005: backups declared in the profile or found in Time Machine, Timeshift,
rsnapshot and File History, judged for existence, age, encryption, place and restore tests."""

from datetime import date

import pytest

from hygiene.checks import backups
from hygiene.checks.backups import linux, macos, windows
from hygiene.checks.backups.declared import local_path, restic_snapshots
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.profile import NEVER, DeclaredBackup, Profile
from hygiene.system import FileUnreadable
from hygiene.system.recorded import RecordedSystem
from tests.helpers import fixture, real, snapshot_doc

NO_TOOLS = {f"{d}/{t}": False for t in backups.TOOLS for d in backups.TOOL_DIRS}
LINUX_NOTHING = {linux.TIMESHIFT_CONFIG: False, linux.RSNAPSHOT_CONFIG: False, **NO_TOOLS}
RESTIC = {"kind": "restic repository", "encrypted": True, "certainty": "format", "weak": False,
          "detail": "restic always encrypts", "newest": "2026-11-25T22:00:00+00:00", "size": 10, "files": 3}  # fmt: skip
PLAIN = {**RESTIC, "kind": "tar archive", "encrypted": False, "detail": ""}
GUESSED = {**RESTIC, "kind": "unknown high-entropy data", "certainty": "entropy heuristic"}


def declared(name="usb", path="/media/amina/usb/restic", repository=None, offsite=False, line=3):
    return DeclaredBackup(name, path, repository, offsite, line)


def system(
    platform="linux",
    exists=None,
    facts=None,
    commands=None,
    files=None,
    globs=None,
    mtimes=None,
    registry=None,
    declare=(),
    **profile,
):
    """A recorded machine: `facts` are what `backup verify` reads at a path, `declare` the
    profile's [[backups]]."""
    no_password = (1, "", "Fatal: an empty password is not a password\n")  # restic, unless a test answers
    restic = {
        restic_snapshots(local_path(p, "/home/amina")): no_password
        for p, f in (facts or {}).items()
        if (f or {}).get("kind") == "restic repository"
    }
    doc = snapshot_doc(
        platform=platform,
        exists={**(LINUX_NOTHING if platform == "linux" else {}), **(exists or {})},
        backups=facts,
        commands={**restic, **(commands or {})},
        files=files,
        globs=globs,
        mtimes=mtimes,
        registry=registry,
    )
    return RecordedSystem(doc, Profile(backups=tuple(declare), **profile))


def run(check, sys_):
    return run_one(sys_, check)


# --- BAK-001 ---------------------------------------------------------------------------------


def test_bak001_pass_with_a_declared_backup():
    f = run(backups.backup_configured, system(facts={"/media/amina/usb/restic": RESTIC}, declare=[declared()]))
    assert f.status is Status.PASS and "usb" in f.summary


def test_bak001_fail_when_nothing_is_found_anywhere():
    f = run(backups.backup_configured, system())
    assert f.status is Status.FAIL and "none declared" in f.summary


def test_bak001_warns_when_a_tool_is_installed_without_a_known_repository():
    f = run(backups.backup_configured, system(exists={"/usr/bin/restic": True, "/usr/bin/borg": True}))
    assert (
        f.status is Status.WARN and "restic and borg are installed" in f.summary and "where they back up" in f.summary
    )
    three = run(
        backups.backup_configured,
        system(exists={"/usr/bin/restic": True, "/usr/bin/borg": True, "/usr/bin/rclone": True}),
    )
    assert three.summary.startswith("restic, borg and rclone are installed")


def test_bak001_unknown_when_time_machine_cannot_be_read():
    tm_broken = {macos.TM_DESTINATIONS: (1, "", "tmutil: unexpected failure\n")}
    f = run(backups.backup_configured, system("macos", commands=tm_broken, exists=NO_TOOLS))
    assert f.status is Status.UNKNOWN and "unexpected failure" in f.summary


def test_bak001_fail_on_a_mac_without_destinations():
    none = {macos.TM_DESTINATIONS: (0, "tmutil: No destinations configured.\n", "")}
    f = run(backups.backup_configured, system("macos", commands=none, exists=NO_TOOLS))
    assert f.status is Status.FAIL and "no Time Machine destination" in f.summary


ONEDRIVE_ASK = (windows.USER_SHELL_FOLDERS, ("Desktop", "Personal", "My Pictures"))
# As the registry holds them on most machines: REG_EXPAND_SZ, never expanded by winreg.
LOCAL_FOLDERS = {"Desktop": "%USERPROFILE%\\Desktop", "Personal": "%USERPROFILE%\\Documents"}


def test_bak001_windows_file_history():
    config = "/home/amina/" + windows.FILE_HISTORY  # the helper's home; Windows homes are turned to forward slashes
    nothing = system("windows", exists={config: False}, registry={ONEDRIVE_ASK: LOCAL_FOLDERS})
    assert run(backups.backup_configured, nothing).status is Status.FAIL
    found = system(
        "windows",
        exists={config: True},
        registry={ONEDRIVE_ASK: LOCAL_FOLDERS},
        mtimes={config: "2026-11-26T20:00:00+00:00"},
    )
    assert run(backups.backup_configured, found).status is Status.PASS
    assert run(backups.backup_recent, found).status is Status.PASS


# --- Time Machine, real outputs -----------------------------------------------------------------


def test_time_machine_network_destination_is_offsite_and_dated():
    commands = {
        macos.TM_DESTINATIONS: (0, real("macos", "tmutil-destinationinfo", 1), ""),
        macos.TM_LATEST: (0, "/Volumes/.timemachine/X/2026-11-24-231500.backup/2026-11-24-231500.backup\n", ""),
    }
    mac = system("macos", commands=commands, exists=NO_TOOLS)
    assert run(backups.backup_offsite, mac).status is Status.PASS
    assert run(backups.backup_recent, mac).status is Status.PASS
    assert run(backups.backup_encrypted, mac).status is Status.UNKNOWN


def test_time_machine_old_hfs_backup_real_output_fails_for_age():
    commands = {
        macos.TM_DESTINATIONS: (0, real("macos", "tmutil-destinationinfo", 1), ""),
        macos.TM_LATEST: (0, real("macos", "tmutil-latestbackup", 1), ""),
    }
    f = run(backups.backup_recent, system("macos", commands=commands, exists=NO_TOOLS))
    assert f.status is Status.FAIL and "days old" in f.summary


# --- BAK-002 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("newest", "status"),
    [
        ("2026-11-25T22:00:00+00:00", Status.PASS),
        ("2026-11-15T09:00:00+00:00", Status.WARN),
        ("2026-10-01T09:00:00+00:00", Status.FAIL),
    ],
)
def test_bak002_by_age(newest, status):
    s = system(facts={"/media/amina/usb/restic": {**RESTIC, "newest": newest}}, declare=[declared()])
    assert run(backups.backup_recent, s).status is status


def test_bak002_unknown_when_only_remote_backups_are_known():
    remote = declared("nas", None, "sftp:nas:/restic", offsite=True)
    f = run(backups.backup_recent, system(declare=[remote]))
    assert f.status is Status.UNKNOWN and "never contacts a remote backup" in f.summary and "not contacted" in f.summary


def test_bak002_to_004_are_not_applicable_without_backups():
    for check in (backups.backup_recent, backups.backup_encrypted, backups.backup_offsite):
        assert run(check, system()).status is Status.NOT_APPLICABLE


def test_an_unmounted_declared_disk_is_named():
    f = run(backups.backup_recent, system(facts={"/media/amina/usb/restic": None}, declare=[declared()]))
    assert f.status is Status.UNKNOWN and "does not exist" in " ".join(f.evidence["problems"])


# --- BAK-003 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "status", "words"),
    [
        (RESTIC, Status.PASS, "Encrypted: 'usb'"),
        (PLAIN, Status.FAIL, "Not encrypted: 'usb'"),
        ({**RESTIC, "weak": True}, Status.FAIL, "broken scheme"),
        (GUESSED, Status.UNKNOWN, "Could not tell"),
        ({"error": "Permission denied"}, Status.UNKNOWN, "unreadable"),
    ],
)
def test_bak003(facts, status, words):
    f = run(backups.backup_encrypted, system(facts={"/media/amina/usb/restic": facts}, declare=[declared()]))
    assert f.status is status and words in f.summary


def test_bak003_a_remote_restic_repository_is_encrypted_by_design():
    f = run(backups.backup_encrypted, system(declare=[declared("nas", None, "b2:bucket:/hygiene")]))
    assert f.status is Status.PASS and "'nas' (remote, not contacted)" in f.summary
    assert (
        "not contacted" in " ".join(f.evidence["backups"]) and "declared; not contacted" in f.evidence["encryption"][0]
    )


def test_a_repository_written_with_restics_local_prefix_is_the_local_path():
    local = declared("usb", None, "local:/media/amina/usb/restic")
    f = run(backups.backup_encrypted, system(facts={"/media/amina/usb/restic": RESTIC}, declare=[local]))
    assert f.status is Status.PASS and f.summary == "Encrypted: 'usb'."


def test_rsnapshot_keeps_plain_copies():
    s = system(
        exists={linux.RSNAPSHOT_CONFIG: True},
        files={linux.RSNAPSHOT_CONFIG: "config_version\t1.2\nsnapshot_root\t/srv/rsnapshot/\n"},
        facts={"/srv/rsnapshot/": PLAIN},
    )
    assert run(backups.backup_configured, s).status is Status.PASS
    assert run(backups.backup_encrypted, s).status is Status.FAIL


@pytest.mark.parametrize("config", ["not json", "[]", '{"backup_device_uuid": ""}'])
def test_timeshift_config_without_a_device_is_no_backup(config):
    s = system(exists={linux.TIMESHIFT_CONFIG: True}, files={linux.TIMESHIFT_CONFIG: config})
    assert run(backups.backup_configured, s).status in (Status.FAIL, Status.UNKNOWN)


def test_timeshift_found_and_dated_by_its_snapshot_names():
    s = system(
        exists={linux.TIMESHIFT_CONFIG: True},
        files={linux.TIMESHIFT_CONFIG: '{"backup_device_uuid": "5e1c-77aa", "schedule_daily": "true"}'},
        globs={
            linux.TIMESHIFT_SNAPSHOTS: [
                "/timeshift/snapshots/2026-11-20_10-00-01",
                "/timeshift/snapshots/2026-11-26_10-00-01",
            ]
        },
    )
    f = run(backups.backup_recent, s)
    assert f.status is Status.PASS and f.evidence["newest"].startswith("2026-11-26")


# --- BAK-004 and BAK-005 ---------------------------------------------------------------------


def test_bak004():
    facts = {"/media/amina/usb/restic": RESTIC}
    assert run(backups.backup_offsite, system(facts=facts, declare=[declared()])).status is Status.FAIL
    away = system(facts=facts, declare=[declared(offsite=True)])
    assert run(backups.backup_offsite, away).status is Status.PASS
    attested = system(facts=facts, attest={"offsite_copy": date(2026, 11, 10)}, declare=[declared()])
    f = run(backups.backup_offsite, attested)
    assert f.status is Status.PASS and f.summary.startswith("Attested")
    unsure = system(facts={"/mnt/x": RESTIC}, declare=[declared(path="/mnt/x", offsite=None)])
    assert run(backups.backup_offsite, unsure).status is Status.UNKNOWN


@pytest.mark.parametrize(
    ("attest", "status"),
    [({"restore_tested": date(2026, 9, 1)}, Status.PASS), ({"restore_tested": date(2026, 1, 1)}, Status.FAIL),
     ({"restore_tested": NEVER}, Status.FAIL), ({}, Status.UNKNOWN)],
)  # fmt: skip
def test_bak005(attest, status):
    assert run(backups.restore_tested, system(attest=attest)).status is status


# --- Déjà Dup --------------------------------------------------------------------------------


def deja_dup(last, backend="'google'"):
    commands = {linux.DEJA_DUP_LAST: (0, f"{last}\n", ""), linux.DEJA_DUP_BACKEND: (0, f"{backend}\n", "")}
    return system(exists={linux.DEJA_DUP: True, "/usr/bin/deja-dup": True}, commands=commands)


def test_deja_dup_to_google_drive_is_found_dated_and_offsite():
    s = deja_dup("'2026-11-26T21:14:03.512Z'")
    assert run(backups.backup_configured, s).status is Status.PASS
    assert run(backups.backup_recent, s).status is Status.PASS
    assert run(backups.backup_offsite, s).status is Status.PASS
    f = run(backups.backup_encrypted, s)
    assert f.status is Status.UNKNOWN and "password was chosen" in f.summary


def test_deja_dup_to_a_local_folder_is_not_known_to_leave_the_machine():
    s = deja_dup("'2026-11-10T08:00:00Z'", "'local'")
    assert run(backups.backup_recent, s).status is Status.FAIL
    assert run(backups.backup_offsite, s).status is Status.UNKNOWN


def test_deja_dup_installed_but_never_run_is_a_hint():
    f = run(backups.backup_configured, deja_dup("''"))
    assert f.status is Status.WARN and "deja-dup is installed" in f.summary


@pytest.mark.parametrize(("filevault", "status"), [("No", Status.FAIL), ("Yes (Unlocked)", Status.PASS)])
def test_local_time_machine_disk_encryption_comes_from_its_apfs_volume(filevault, status):
    from hygiene.platforms.macos import DISKUTIL_APFS
    from tests.helpers import fixture

    listing = fixture("macos/diskutil-apfs/startup-and-plain-archive.txt").replace(
        "disk5s1 (No specific role)", "disk5s1 (Backup)"
    )
    listing = listing.replace("FileVault:                 No", f"FileVault:                 {filevault}")
    destination = "====================\nName          : Archive\nKind          : Local\nMount Point   : /Volumes/Archive\nID            : 1A2B\n"
    commands = {
        macos.TM_DESTINATIONS: (0, destination, ""),
        macos.TM_LATEST: (0, "/Volumes/Archive/Backups.backupdb/mac/2026-11-26-101500\n", ""),
        DISKUTIL_APFS: (0, listing, ""),
    }
    mac = system("macos", commands=commands, exists=NO_TOOLS)
    f = run(backups.backup_encrypted, mac)
    assert f.status is status
    assert run(backups.backup_offsite, mac).status is Status.FAIL  # a disk on this Mac


# --- restic's own snapshot times ----------------------------------------------------------------


def test_restic_snapshots_parser_on_the_real_output():
    from hygiene.parsers.restic import parse_restic_snapshots

    snapshots = parse_restic_snapshots(real("linux", "restic-snapshots-json", 1))
    assert [s.hostname for s in snapshots] == ["kasimir", "kasimir"]
    assert max(s.time for s in snapshots).isoformat() == "2017-03-11T09:58:57.541446+01:00"
    assert snapshots[0].paths == ("/home/work/doc",)


@pytest.mark.parametrize("text", ["", "{}", '[{"hostname": "x"}]', "not json"])
def test_restic_snapshots_parser_rejects_what_it_cannot_read(text):
    from hygiene.parsers import ParseError
    from hygiene.parsers.restic import parse_restic_snapshots

    with pytest.raises(ParseError):
        parse_restic_snapshots(text)


def test_bak002_prefers_restics_own_snapshot_time_over_file_times():
    repo = "/media/amina/usb/restic"
    snapshots = '[{"time": "2026-11-12T08:00:00.123456789+05:00", "hostname": "ledger-pc", "paths": ["/home/amina"]}]'
    answered = {restic_snapshots(repo): (0, snapshots, "")}
    assert next(iter(answered))[-2:] == ("--repo", "local:/media/amina/usb/restic")
    s = system(facts={repo: RESTIC}, declare=[declared()], commands=answered)  # files touched on 2026-11-25
    f = run(backups.backup_recent, s)
    assert f.status is Status.FAIL and f.evidence["newest"] == "2026-11-12T08:00:00.123456+05:00"


def test_bak002_falls_back_to_file_times_when_restic_has_no_password():
    repo = "/media/amina/usb/restic"
    failed = {
        restic_snapshots(repo): (
            1,
            "",
            "reading repository password from stdin\nFatal: an empty password is not a password\n",
        )
    }
    f = run(backups.backup_recent, system(facts={repo: RESTIC}, declare=[declared()], commands=failed))
    assert f.status is Status.PASS and f.evidence["newest"] == RESTIC["newest"]


@pytest.mark.parametrize(
    "documents",
    [
        "C:\\Users\\amina\\OneDrive\\Documents",  # as PowerShell showed it, expanded
        "%USERPROFILE%\\OneDrive\\Documents",
        "%USERPROFILE%\\OneDrive - Ledger Traders\\Documents",
        "%OneDrive%\\Documents",
        "%OneDriveConsumer%\\Documents",
        "%OneDriveCommercial%\\Documents",
        "%onedrive%\\Dokumente",
    ],
)
def test_windows_backup_moves_folders_into_onedrive(documents):
    config = "/home/amina/" + windows.FILE_HISTORY
    folders = {**LOCAL_FOLDERS, "Personal": documents}
    s = system("windows", exists={config: False}, registry={ONEDRIVE_ASK: folders})
    f = run(backups.backup_configured, s)
    assert f.status is Status.PASS and "OneDrive folder backup" in f.summary
    assert [b.rsplit(": ", 1)[1] for b in f.evidence["backups"]] == ["Documents"]  # Desktop stays local
    assert run(backups.backup_offsite, s).status is Status.PASS
    assert run(backups.backup_encrypted, s).status is Status.UNKNOWN


@pytest.mark.parametrize(
    "elsewhere",
    [
        "%USERPROFILE%\\OneDriveBackup\\Documents",  # a folder merely named like it
        "%OneDriveX%\\Documents",
        "D:\\Documents",
        ["%OneDrive%\\Documents"],  # not a string: not a folder
        4,
    ],
)
def test_windows_folders_outside_onedrive_are_no_backup(elsewhere):
    config = "/home/amina/" + windows.FILE_HISTORY
    s = system("windows", exists={config: False}, registry={ONEDRIVE_ASK: {**LOCAL_FOLDERS, "Personal": elsewhere}})
    assert run(backups.backup_configured, s).status is Status.FAIL


def test_windows_without_the_shell_folders_key_has_no_folder_backup():
    config = "/home/amina/" + windows.FILE_HISTORY
    s = system("windows", exists={config: False}, registry={ONEDRIVE_ASK: None})
    assert run(backups.backup_configured, s).status is Status.FAIL


UNREADABLE = FileUnreadable(windows.USER_SHELL_FOLDERS, "Permission denied")
WHY = f"cannot read {windows.USER_SHELL_FOLDERS}: Permission denied (run as administrator to see this)"


def test_windows_onedrive_settings_unreadable_is_unknown_not_fail():
    config = "/home/amina/" + windows.FILE_HISTORY
    s = system("windows", exists={config: False}, registry={ONEDRIVE_ASK: UNREADABLE})
    assert run(backups.backup_configured, s).status is Status.UNKNOWN


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ({ONEDRIVE_ASK: UNREADABLE}, WHY),
        ({}, f"the snapshot has no record of the registry key {windows.USER_SHELL_FOLDERS}"),  # an older snapshot
    ],
)
def test_windows_onedrive_settings_unreadable_says_why_and_file_history_still_counts(answer, why):
    config = "/home/amina/" + windows.FILE_HISTORY
    nothing = system("windows", exists={config: False}, registry=answer)
    f = run(backups.backup_configured, nothing)
    assert f.status is Status.UNKNOWN and f.summary == f"Could not tell whether a backup is set up: {why}."
    assert f.evidence["problems"] == [why]
    found = system("windows", exists={config: True}, registry=answer, mtimes={config: "2026-11-26T20:00:00+00:00"})
    assert run(backups.backup_configured, found).status is Status.PASS


def test_a_windows_drive_path_reaches_restic_as_a_windows_absolute_path():
    repo = "D:\\Backups\\restic"
    snapshots = '[{"time": "2026-11-12T08:00:00+00:00", "hostname": "ledger-pc", "paths": ["C:\\\\Users\\\\amina"]}]'
    answered = {restic_snapshots(repo): (0, snapshots, "")}
    config = "/home/amina/" + windows.FILE_HISTORY
    s = system(
        "windows",
        exists={config: False},
        facts={repo: RESTIC},
        declare=[declared(path=repo)],
        commands=answered,
        registry={ONEDRIVE_ASK: LOCAL_FOLDERS},
    )
    f = run(backups.backup_recent, s)
    assert f.status is Status.FAIL and f.evidence["newest"] == "2026-11-12T08:00:00+00:00"
    assert restic_snapshots(repo)[-1] == "local:D:\\Backups\\restic"


# --- empty backups (issue 11) ----------------------------------------------------------------

# What `backup verify` records for a 0-byte file and an empty folder (hygiene.backup.identify).
EMPTY_FILE = {"kind": "empty file", "encrypted": None, "certainty": "", "weak": False, "detail": "0 bytes",
              "newest": "2026-11-26T02:00:00+00:00", "size": 0, "files": 1, "empty": "0 bytes"}  # fmt: skip
EMPTY_FOLDER = {**EMPTY_FILE, "kind": "empty folder", "detail": "no files in it", "newest": None, "files": 0,
                "empty": "no files in it"}  # fmt: skip


@pytest.mark.parametrize(("facts", "said"), [(EMPTY_FILE, "'usb' is empty (0 bytes)"),
                                             (EMPTY_FOLDER, "'usb' is empty (no files in it)")])  # fmt: skip
def test_bak001_fails_when_the_only_backup_is_empty(facts, said):
    s = system(facts={"/media/amina/usb/restic": facts}, declare=[declared()])
    f = run(backups.backup_configured, s)
    assert f.status is Status.FAIL and f.summary == f"Nothing is backed up: {said}."
    assert f.evidence["empty"] == [said.replace(" is empty (", ": ").rstrip(")").replace("'", "")]
    for later in (backups.backup_recent, backups.backup_encrypted, backups.backup_offsite):
        assert run(later, s).status is Status.NOT_APPLICABLE  # counted once, by BAK-001


def test_bak001_warns_when_one_backup_is_empty_beside_one_that_is_not():
    s = system(
        facts={"/media/amina/usb/restic": RESTIC, "/media/amina/usb2/nightly.zip": EMPTY_FILE},
        declare=[declared(), declared("usb2", "/media/amina/usb2/nightly.zip", line=7)],
    )
    f = run(backups.backup_configured, s)
    assert f.status is Status.WARN and f.summary == "Backups found: 'usb'; but 'usb2' is empty (0 bytes)."
    assert f.evidence["empty"] == ["usb2: 0 bytes"]
    encrypted = run(backups.backup_encrypted, s)  # the empty one neither passes nor blocks it
    assert encrypted.status is Status.PASS and encrypted.summary == "Encrypted: 'usb'."


def test_bak002_never_dates_the_newest_backup_by_an_empty_file():
    """The empty file is from last night; the one with data, from three weeks ago."""
    s = system(
        facts={"/media/amina/usb/restic": {**RESTIC, "newest": "2026-11-05T22:00:00+00:00"},
               "/media/amina/usb2/nightly.zip": EMPTY_FILE},
        declare=[declared(), declared("usb2", "/media/amina/usb2/nightly.zip", line=7)],
    )  # fmt: skip
    f = run(backups.backup_recent, s)
    assert f.status is Status.FAIL and f.evidence["newest_backup"] == "usb" and "21 days old" in f.summary


def test_an_empty_rsnapshot_root_is_no_backup():
    s = system(
        exists={linux.RSNAPSHOT_CONFIG: True},
        files={linux.RSNAPSHOT_CONFIG: "config_version\t1.2\nsnapshot_root\t/srv/rsnapshot/\n"},
        facts={"/srv/rsnapshot/": EMPTY_FOLDER},
    )
    f = run(backups.backup_configured, s)
    assert f.status is Status.FAIL and f.summary == "Nothing is backed up: 'rsnapshot' is empty (no files in it)."


def test_a_snapshot_recording_an_empty_backup_is_valid():
    import jsonschema

    from hygiene.files import schema

    doc = snapshot_doc(backups={"/media/amina/usb/nightly.zip": EMPTY_FILE})
    jsonschema.validate(doc, schema("snapshot-v1"))


def test_time_machine_destinations_split_at_a_marked_separator_too():
    """Our own two-destination output, the second block opened by `> ====`: before, its lines
    ran into the first block, so the local disk took the NAS's Kind (and counted as offsite)."""
    from hygiene.parsers.tmutil import parse_destinationinfo

    text = fixture("macos/tmutil-destinationinfo/local-then-marked-network.txt")
    found = parse_destinationinfo(text)
    assert [(d.name, d.kind, d.mount_point) for d in found] == [
        ("Backup Disk", "Local", "/Volumes/Backup Disk"),
        ("Office NAS", "Network", ""),
    ]
    assert found[1].lines == (  # what a finding quotes: not the ID
        "Name          : Office NAS",
        "Kind          : Network",
        "URL           : smb://amina@nas.local/TimeMachine",
    )
