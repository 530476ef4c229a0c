import json

import pytest

from hygiene.engine import run_audit, run_checks
from hygiene.errors import UserError
from hygiene.files import schema
from hygiene.model import Status
from hygiene.platforms.windows import POWERSHELL
from hygiene.registry import CHECKS
from hygiene.snapshot import load_snapshot, record, redact
from hygiene.system.local import LocalSystem
from hygiene.system.recorded import RecordedSystem
from tests.helpers import snapshot_doc


def findings(system):
    return [(m.id, f) for m, f in run_checks(system, CHECKS)]


def test_record_then_replay_gives_identical_findings_and_matches_the_schema(tmp_path):
    import jsonschema

    live = LocalSystem()
    doc = record(live, CHECKS)
    jsonschema.validate(doc, schema("snapshot-v1"))
    path = tmp_path / "snap.json"
    path.write_text(json.dumps(doc))
    replayed = load_snapshot(path)
    assert findings(replayed) == findings(live)
    assert run_audit(replayed, CHECKS).started_at == live.now()


def test_redact_replaces_user_and_host_everywhere_and_keeps_findings():
    doc = snapshot_doc(
        hostname="amina-laptop.example.pk",
        username="amina",
        files={
            "/proc/self/mounts": "/dev/sda2 / ext4 rw 0 0\n/dev/sdb1 /media/amina/backup vfat rw 0 0\n",
            "/home/amina/.ssh/config": "Host amina-laptop\n  User amina\n",
        },
        commands={("lsblk", "-J"): (0, '{"blockdevices": []}', "AMINA-LAPTOP warned amina")},
        globs={"/home/amina/.ssh/*": []},
    )
    doc["files"].append({"path": "/home/amina/.ssh/config", "content": None})
    before = findings(RecordedSystem(doc))
    text = json.dumps(redact(doc))
    assert "amina" not in text.lower()
    red = json.loads(text)
    assert red["redacted"] is True and red["facts"]["hostname"] == "redacted-host"
    assert "/home/redacted-user/.ssh/config" in {f["path"] for f in red["files"]}
    assert "malice" in json.dumps(redact(snapshot_doc(username="alice", files={"/x": "malice aforethought"})))
    assert findings(RecordedSystem(red)) == before


def test_redact_leaves_shared_names_alone():
    doc = redact(snapshot_doc(username="root", hostname="localhost", files={"/etc/x": "root localhost"}))
    assert doc["files"][0]["content"] == "root localhost" and doc["redacted"] is True


def write(tmp_path, content, name="snap.json"):
    path = tmp_path / name
    path.write_text(content) if isinstance(content, str) else path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "snap.json:1:2: not valid JSON"),
        ('{\n  "schema_version": 1,\n  "kind": "hygiene-snapshot",\n}', "snap.json:4:1: not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"schema_version": 2, "kind": "hygiene-snapshot"}', "schema_version 2 is not supported"),
        ('{"schema_version": 1, "kind": "hygiene-result"}', "this is a 'hygiene-result' file, not a snapshot"),
        ('{"schema_version": 1, "kind": "hygiene-snapshot"}', "'tool' is a required property"),
        (b"\xff\xfe{", "is not UTF-8 text"),
    ],
)
def test_bad_snapshots_say_what_is_wrong(tmp_path, content, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_snapshot(write(tmp_path, content))


def test_snapshot_field_errors_name_the_place(tmp_path):
    doc = snapshot_doc(commands={("lsblk",): (0, "", "")})
    doc["commands"][0]["returncode"] = "zero"
    with pytest.raises(UserError, match=r"at commands\[0\]"):
        load_snapshot(write(tmp_path, json.dumps(doc)))


def test_snapshot_clock_must_be_a_real_aware_time(tmp_path):
    doc = snapshot_doc(clock="yesterday+00:00")
    with pytest.raises(UserError, match="at clock"):
        load_snapshot(write(tmp_path, json.dumps(doc)))


def test_oversized_and_missing_snapshots(tmp_path, monkeypatch):
    import hygiene.files

    monkeypatch.setattr(hygiene.files, "MAX_DOCUMENT_BYTES", 1024)
    with pytest.raises(UserError, match="bytes is over the 1 KiB limit for a snapshot"):
        load_snapshot(write(tmp_path, json.dumps(snapshot_doc(files={"/etc/big": "x" * 2000}))))
    with pytest.raises(UserError, match="no such snapshot file"):
        load_snapshot(tmp_path / "absent.json")
    with pytest.raises(UserError, match="is a folder"):
        load_snapshot(tmp_path)


def test_a_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(snapshot_doc()).encode())
    assert load_snapshot(path).facts.hostname == "ledger-pc"


def test_mtimes_replay_and_older_snapshots_without_them_still_load(tmp_path):
    from hygiene.system import NotRecorded

    system = RecordedSystem(snapshot_doc(mtimes={"/var/lib/apt/lists": "2026-11-20T08:00:00+00:00", "/x": None}))
    assert system.mtime("/var/lib/apt/lists").day == 20 and system.mtime("/x") is None
    with pytest.raises(NotRecorded):
        system.mtime("/elsewhere")
    doc = snapshot_doc()
    del doc["mtimes"], doc["facts"]["family"]
    assert load_snapshot(write(tmp_path, json.dumps(doc))).facts.family == ""


def test_declared_backups_are_recorded_as_facts_and_replay_the_same(tmp_path):
    import zipfile

    import jsonschema

    from hygiene.profile import DeclaredBackup, Profile

    archive = tmp_path / "nightly.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ledger.csv", "invoice,1,PKR 1000\n")
    profile = Profile(backups=(DeclaredBackup("nightly", str(archive), None, False, 4),))
    live = LocalSystem(profile=profile)
    doc = record(live, CHECKS)
    jsonschema.validate(doc, schema("snapshot-v1"))
    (entry,) = doc["backups"]
    assert entry["path"] == str(archive) and entry["facts"]["kind"] == "ZIP archive"
    assert entry["facts"]["encrypted"] is False and "ledger" not in json.dumps(entry)  # facts, never contents
    path = tmp_path / "snap.json"
    path.write_text(json.dumps(doc))
    assert findings(load_snapshot(path, profile)) == findings(live)
    assert doc["declared_backups"] == [
        {"name": "nightly", "path": str(archive), "repository": None, "offsite": False, "line": 4}
    ]
    assert findings(load_snapshot(path)) == findings(live)  # the snapshot brings what the profile declared


def test_a_replay_profile_with_backups_of_its_own_is_used_as_it_is(tmp_path):
    from hygiene.profile import DeclaredBackup, Profile

    recorded = DeclaredBackup("nas", None, "sftp:backup@nas:/srv/restic", True, 4)
    other = DeclaredBackup("usb", "/media/usb/backup", None, False, 7)
    doc = snapshot_doc()
    doc["declared_backups"] = [
        {"name": "nas", "path": None, "repository": recorded.repository, "offsite": True, "line": 4}
    ]
    assert RecordedSystem(doc).profile.backups == (recorded,)
    assert RecordedSystem(doc, Profile(region="PK")).profile == Profile(region="PK", backups=(recorded,))
    assert RecordedSystem(doc, Profile(backups=(other,))).profile.backups == (other,)


def test_redact_keeps_declared_backups_and_their_facts_together():
    """The declarations and the facts recorded for them are redacted alike, so they still meet."""
    from hygiene.profile import DeclaredBackup
    from tests.shared_result import USB_BACKUPS, shared_snapshot_doc

    doc = shared_snapshot_doc()
    doc["declared_backups"] = [
        {"name": "amina's USB", "path": USB_BACKUPS, "repository": None, "offsite": False, "line": 9}
    ]
    red = redact(doc)
    assert "amina" not in json.dumps(red)
    assert RecordedSystem(red).profile.backups == (
        DeclaredBackup("redacted-user's USB", "/media/redacted-user/USB/backups", None, False, 9),
    )

    def backup_findings(d):
        return [(i, f.status) for i, f in findings(RecordedSystem(d)) if i.startswith("BAK")]

    assert backup_findings(red) == backup_findings(doc)
    assert ("BAK-001", Status.PASS) in backup_findings(doc) and ("BAK-002", Status.WARN) in backup_findings(doc)


def test_older_snapshots_without_declared_backups_replay_as_before():
    doc = snapshot_doc()
    assert "declared_backups" not in doc  # none declared: the key is left out, and the demos stay as they are
    assert RecordedSystem(doc).profile.backups == ()


def test_a_password_in_a_declared_repository_url_is_not_recorded():
    from hygiene.profile import DeclaredBackup, Profile
    from hygiene.system.recorded import RecordedSystem as Replay
    from hygiene.system.recording import RecordingSystem

    declared = (
        DeclaredBackup("rest", None, "rest:https://amina:Sup3r-S3cret@backup.example.pk:8000/ledger", True, 3),
        DeclaredBackup("sftp", None, "sftp:backup@nas:/srv/restic", True, 8),
    )
    doc = RecordingSystem(Replay(snapshot_doc(), Profile(backups=declared))).document()
    assert "Sup3r-S3cret" not in json.dumps(doc)
    assert [d["repository"] for d in doc["declared_backups"]] == [
        "rest:https://amina@backup.example.pk:8000/ledger",
        "sftp:backup@nas:/srv/restic",
    ]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("rest:https://amina:Sup3r@S3cret@backup.example.pk/ledger", "rest:https://amina@backup.example.pk/ledger"),
        (
            "rest:https://amina@example.pk:Sup3r-S3cret@rest.example.pk/",
            "rest:https://amina@example.pk@rest.example.pk/",
        ),
        ("rest:https://bob:Sup3r-S3cret@[::1]:8000/", "rest:https://bob@[::1]:8000/"),
        ("rest:http://u:Sup3r%40S3cret@h/", "rest:http://u@h/"),
        ("rest:https://:Sup3r-S3cret@h/repo", "rest:https://@h/repo"),
        ("sftp://backup:Sup3r-S3cret@nas:22//srv/restic", "sftp://backup@nas:22//srv/restic"),
        ("rest:http://[::1]:8000/", "rest:http://[::1]:8000/"),
        ("sftp://backup@nas:22//srv/restic", "sftp://backup@nas:22//srv/restic"),
        ("sftp:backup@nas:/srv/restic", "sftp:backup@nas:/srv/restic"),
        ("rest:https://h/a:b@c", "rest:https://h/a:b@c"),  # after the host: a path, not a password
    ],
)
def test_a_declared_backup_never_holds_the_password_of_its_url(given, kept):
    """URL parsers (restic's too) read the user information up to the last '@' before the path,
    and the user name up to its first ':': a password with an '@', or a user name that is an
    e-mail address, must not leave half of the password behind."""
    from hygiene.profile import DeclaredBackup

    assert DeclaredBackup("nas", None, given, True, 3).repository == kept


def test_a_snapshot_s_declared_password_is_dropped_when_it_is_read(tmp_path):
    """A snapshot written by hand, or by an older hygiene, may carry one: the replay never shows it."""
    doc = snapshot_doc()
    repository = "rest:https://amina:Sup3r-S3cret@backup.example.pk/ledger"
    doc["declared_backups"] = [{"name": "nas", "path": None, "repository": repository, "offsite": True, "line": 2}]
    (declared,) = RecordedSystem(doc).profile.backups
    assert declared.repository == "rest:https://amina@backup.example.pk/ledger"


@pytest.mark.parametrize(
    ("declared", "where"),
    [
        ({"path": None, "repository": None}, r"declared_backups\[0\]\.path"),  # neither: nothing to judge
        ({"path": "", "repository": None}, r"declared_backups\[0\]\.path: '' should be non-empty"),
        ({"path": None, "repository": "sftp:nas:/\x1b[2J"}, r"declared_backups\[0\]\.repository: .*does not match"),
        ({"path": "/media/a\x00b", "repository": None}, r"declared_backups\[0\]\.path: .*does not match"),
        ({"path": "/media/usb", "offsite": "yes"}, r"declared_backups\[0\]\.offsite"),
        ({"path": ["/media/usb"]}, r"declared_backups\[0\]\.path"),
    ],
)
def test_a_snapshot_declares_backups_as_a_profile_may_or_is_refused_with_the_place(tmp_path, declared, where):
    """What `[[backups]]` refuses in a profile (no place, an empty one, control characters) a
    snapshot's declarations refuse too, naming the file and the place: exit 2, not a replay
    that judges "the backup ." or a NUL."""
    doc = snapshot_doc()
    doc["declared_backups"] = [
        {"name": "usb", "path": None, "repository": None, "offsite": False, "line": 1, **declared}
    ]
    with pytest.raises(UserError, match=where):
        load_snapshot(write(tmp_path, json.dumps(doc)))


def test_redact_survives_names_whose_case_folding_changes_length():
    """re.I matches "İ" by simple case folding while str.lower() makes it two characters: the
    replacement must still find the name, not raise KeyError."""
    from hygiene.snapshot import REDACTED_HOST, REDACTED_USER, redact

    doc = {"facts": {"hostname": "İstanbul-pc", "username": "straße"}, "files": ["istanbul-pc STRASSE STRAẞE"]}
    out = redact(doc)
    assert out["facts"] == {"hostname": REDACTED_HOST, "username": REDACTED_USER}
    assert out["files"] == [f"{REDACTED_HOST} STRASSE {REDACTED_USER}"] and out["redacted"] is True


def test_redact_as_root_replaces_the_other_peoples_names_too():
    """Run as root, the user is `root`: the people are the accounts that can log in and the
    owners of home folders, and each gets a name of its own so findings stay distinct."""
    from hygiene.snapshot import redact

    doc = {
        "facts": {"hostname": "ledger-pc", "username": "root"},
        "files": [{"path": "/etc/shadow", "content": "root:set\ndaemon:*\naminakhan:set\nguest2:\nsvc:!\n"}],
        "globs": [{"pattern": "/home/*/.ssh/*", "matches": ["/home/bilal/.ssh/id_ed25519", "/home/aminakhan/.ssh/x"]}],
        "commands": [{"stdout": "C:\\Users\\zara\\Desktop; Public stays; daemon stays"}],
    }
    text = json.dumps(redact(doc))
    for person in ("aminakhan", "guest2", "bilal", "zara"):
        assert person not in text
    assert "redacted-user-1" in text and "redacted-user-4" in text
    assert "daemon" in text and "root" in text and "svc" in text and "Public" in text


def test_redact_reaches_registry_values_and_their_replay():
    """Registry strings name people and hosts as command output does: a shell folder in
    OneDrive, a host in a key path, another account's home in a list."""
    from hygiene.checks.backups import windows

    folders = (windows.USER_SHELL_FOLDERS, tuple(windows.SHELL_FOLDERS))
    doc = snapshot_doc(
        platform="windows",
        hostname="AMINA-PC",
        username="amina",
        exists={"/home/amina/" + windows.FILE_HISTORY: False},
        registry={
            folders: {"Desktop": "C:\\Users\\amina\\OneDrive\\Desktop", "Personal": "%USERPROFILE%\\Documents"},
            ("HKLM\\SOFTWARE\\AMINA-PC\\Settings", ("Paths",)): {"Paths": ["D:\\amina", "C:\\Users\\bilal\\x"]},
            ("HKCU\\Software\\amina", ()): None,
        },
    )
    before = dict(findings(RecordedSystem(doc)))
    red = redact(doc)
    text = json.dumps(red)
    assert "amina" not in text.lower() and "bilal" not in text
    assert red["registry"][0]["values"]["Desktop"] == "C:\\Users\\redacted-user\\OneDrive\\Desktop"
    assert [r["key"] for r in red["registry"][1:]] == [
        "HKLM\\SOFTWARE\\redacted-host\\Settings",
        "HKCU\\Software\\redacted-user",
    ]
    assert red["registry"][1]["values"]["Paths"] == ["D:\\redacted-user", "C:\\Users\\redacted-user-1\\x"]
    after = dict(findings(RecordedSystem(red)))
    assert before["BAK-001"].status is Status.PASS and "OneDrive folder backup" in before["BAK-001"].summary
    assert [after[c] for c in ("BAK-001", "BAK-004")] == [before[c] for c in ("BAK-001", "BAK-004")]


# --- the accounts the device checks name --------------------------------------------------------


def _device_people_docs():
    """Machines whose device probes name an account that is not the auditing user's: who logs in
    by itself (GDM, a getty drop-in, macOS's autoLoginUser, Windows' DefaultUserName) and, under
    sudo on a Mac, who sits at the screen."""
    from hygiene.checks.device import linux, macos, windows
    from hygiene.checks.device import windows_lock as lock

    tty1 = "/etc/systemd/system/getty@tty1.service.d/autologin.conf"
    gdm = snapshot_doc(
        username="amina",
        commands={linux.ID: (0, "uid=1000(amina) gid=1000(amina) groups=1000(amina),100(users)\n", "")},
        files={
            linux.DEFAULT_DISPLAY_MANAGER: "/usr/sbin/gdm3\n",
            **dict.fromkeys(linux.GDM_FILES),
            "/etc/gdm3/custom.conf": "[daemon]\nAutomaticLoginEnable=True\nAutomaticLogin=bilal\n",
            tty1: "[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin zara --noclear %I $TERM\n",
        },
        globs={linux.GETTY_DROPINS[0]: [tty1], linux.GETTY_DROPINS[1]: []},
    )
    mac_id = "uid={0}({1}) gid=20(staff) groups=20(staff),12(everyone),80(admin)\n"
    mac = snapshot_doc(
        platform="macos",
        os_name="macOS",
        os_version="15.7.4",
        username="root",
        commands={
            macos.ID: (0, mac_id.format(0, "root"), ""),
            macos.CONSOLE_USER: (0, "zara\n", ""),
            ("id", "--", "zara"): (0, mac_id.format(502, "zara"), ""),
            macos.AUTO_LOGIN_USER: (0, "bilal\n", ""),
            macos.FDESETUP: (0, "FileVault is Off.\n", ""),
        },
        exists={macos.KCPASSWORD: True},
    )
    win = snapshot_doc(
        platform="windows",
        os_name="Windows 11 Pro",
        os_version="10.0.26100",
        username="amina",
        commands={(*POWERSHELL, windows.WINLOGON_NAMES_QUESTION): (0, "True\r\n", "")},
        registry={
            (windows.WINLOGON, windows.WINLOGON_VALUES): {
                "AutoAdminLogon": "1",
                "DefaultUserName": "bilal",
                "DefaultDomainName": "CORP",
            },
            (lock.SYSTEM_POLICY, ("InactivityTimeoutSecs",)): None,
        },
    )
    return {"linux": gdm, "macos": mac, "windows": win}


@pytest.mark.parametrize("platform", ["linux", "macos", "windows"])
def test_redact_replaces_the_accounts_the_device_checks_name(platform):
    from hygiene.checks import device
    from hygiene.engine import run_one
    from hygiene.snapshot import redacted_audit
    from hygiene.system.recording import RecordingSystem

    doc = _device_people_docs()[platform]
    checks = (device.no_autologin, device.everyday_account_not_admin)
    recorder = RecordingSystem(RecordedSystem(doc))
    before = [run_one(recorder, c) for c in checks]
    assert "bilal" in json.dumps([(f.summary, f.evidence) for f in before])
    red = redact(recorder.document())
    text = json.dumps(red)
    assert "bilal" not in text and "zara" not in text
    result = redacted_audit(RecordedSystem(doc), checks)
    shown = json.dumps([(f.finding.summary, f.finding.evidence) for f in result.findings])
    assert "bilal" not in shown and "zara" not in shown and "redacted-user-" in shown
    after = [run_one(RecordedSystem(red), c) for c in checks]
    assert [f.status for f in after] == [f.status for f in before]
