"""The snapshot document model: what it writes is valid, in the one key order, and reads back
as the same answers; older snapshots read with their defaults."""

import json

import jsonschema
import pytest

from hygiene.files import schema
from hygiene.model import Platform
from hygiene.system import SystemFacts
from hygiene.system.kept import SHADOW_STATUS, WHOLE
from hygiene.system.snapshot_document import CommandAnswer, DemoInfo, FileAnswer, RegistryAnswer, Snapshot, whole
from tests.helpers import ROOT, snapshot_doc

SHIPPED = sorted((ROOT / "src" / "hygiene" / "data" / "demos").glob("*.json"))
FACTS = SystemFacts(Platform.LINUX, "Debian GNU/Linux 12", "12", "ledger-pc", "amina", "/home/amina", "debian")


def every_kind_of_answer() -> Snapshot:
    return Snapshot(
        FACTS,
        "2026-11-27T09:00:00+00:00",
        "1.2.3",
        commands={
            (("lsblk", "-J"), WHOLE.name): CommandAnswer(0, "{}", "warned"),
            (("sshd", "-T"), "sshd-settings"): CommandAnswer(1, "port 22\n", "", found=True),
            (("apt",), WHOLE.name): CommandAnswer(127, found=False),
            (("slow",), WHOLE.name): CommandAnswer(timed_out=20.0),
            (("chatty",), "rules-only"): CommandAnswer(too_large=True),
        },
        files={
            ("/etc/os-release", WHOLE.name): FileAnswer(content="ID=debian\n"),
            ("/etc/absent", WHOLE.name): FileAnswer(content=None),
            ("/etc/shadow", SHADOW_STATUS.name): FileAnswer(error="Permission denied"),
        },
        exists={"/usr/bin/apt-get": True},
        globs={"/etc/apt/*": ["/etc/apt/sources.list"]},
        mtimes={"/var/lib/apt/lists": "2026-11-20T08:00:00+00:00", "/x": None},
        ssh_keys={"/home/amina/.ssh/id_ed25519": None},
        backups={"/srv/backup": {"error": "not found"}},
        registry={
            ("HKLM\\SOFTWARE\\X", ("Name", "Start", "List", "None")): RegistryAnswer(
                values={"Name": "%USERPROFILE%\\x", "Start": 3, "List": ["a", "b"], "None": None}
            ),
            ("HKLM\\SOFTWARE\\Absent", ()): RegistryAnswer(values=None),
            ("HKCU\\Software\\Denied", ("Name",)): RegistryAnswer(error="Permission denied"),
        },
    )


def test_every_kind_of_answer_is_written_valid_in_order_and_reads_back_the_same():
    snap = every_kind_of_answer()
    doc = snap.document()
    jsonschema.validate(doc, schema("snapshot-v1"))
    assert list(doc) == [
        "schema_version", "kind", "tool", "clock", "redacted", "facts",
        "commands", "files", "exists", "globs", "mtimes", "ssh_keys", "backups", "registry",
    ]  # fmt: skip
    # compared as JSON text: the order of each record's keys is part of the format
    assert json.dumps(doc["commands"]) == json.dumps([
        {"argv": ["lsblk", "-J"], "returncode": 0, "stdout": "{}", "stderr": "warned", "found": True},
        {"argv": ["sshd", "-T"], "kept": "sshd-settings", "returncode": 1, "stdout": "port 22\n", "stderr": "", "found": True},
        {"argv": ["apt"], "returncode": 127, "stdout": "", "stderr": "", "found": False},
        {"argv": ["slow"], "timed_out": 20.0},
        {"argv": ["chatty"], "kept": "rules-only", "too_large": True},
    ])  # fmt: skip
    assert json.dumps(doc["files"]) == json.dumps([
        {"path": "/etc/os-release", "content": "ID=debian\n"},
        {"path": "/etc/absent", "content": None},
        {"path": "/etc/shadow", "kept": "shadow-status", "error": "Permission denied"},
    ])  # fmt: skip
    assert json.dumps(doc["registry"]) == json.dumps([
        {"key": "HKLM\\SOFTWARE\\X", "names": ["Name", "Start", "List", "None"],
         "values": {"Name": "%USERPROFILE%\\x", "Start": 3, "List": ["a", "b"], "None": None}},
        {"key": "HKLM\\SOFTWARE\\Absent", "names": [], "values": None},
        {"key": "HKCU\\Software\\Denied", "names": ["Name"], "error": "Permission denied"},
    ])  # fmt: skip
    assert Snapshot.read(json.loads(json.dumps(doc))) == snap


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_shipped_demos_read_and_write_back_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    snap = Snapshot.read(json.loads(text))
    assert snap.demo is not None and snap.demo.name == path.stem
    assert json.dumps(snap.document(), indent=1, ensure_ascii=False) + "\n" == text


def test_a_demo_block_goes_after_redacted():
    snap = every_kind_of_answer()
    snap.demo = DemoInfo("a-demo", "A demo", "For a workshop.", '[attest]\nincident_plan = "never"\n')
    doc = snap.document()
    assert list(doc)[4:7] == ["redacted", "demo", "facts"]
    assert doc["demo"] == {
        "name": "a-demo",
        "title": "A demo",
        "description": "For a workshop.",
        "profile": snap.demo.profile,
    }
    assert Snapshot.read(doc) == snap


def test_an_older_snapshot_reads_with_its_defaults():
    """Before 0.2: no family, mtimes, ssh_keys or backups, and every answer kept whole; before
    0.3 no registry."""
    doc = snapshot_doc(commands={("lsblk",): (0, "x", "")}, files={"/etc/shadow": "root:$6$h:1::::::\n"})
    del doc["facts"]["family"], doc["mtimes"], doc["ssh_keys"], doc["backups"], doc["registry"]
    jsonschema.validate(doc, schema("snapshot-v1"))
    snap = Snapshot.read(doc)
    assert snap.facts.family == "" and snap.mtimes == snap.ssh_keys == snap.backups == snap.registry == {}
    assert snap.commands == {(("lsblk",), WHOLE.name): CommandAnswer(0, "x", "")}
    assert snap.files == {("/etc/shadow", WHOLE.name): FileAnswer(content="root:$6$h:1::::::\n")}


def test_whole_keys_answers_as_the_tables_are():
    assert whole([(("uname", "-r"), CommandAnswer(0, "6.1\n"))]) == {
        (("uname", "-r"), WHOLE.name): CommandAnswer(0, "6.1\n")
    }


@pytest.mark.parametrize(
    "record",
    [
        {"key": "HKLM\\X", "names": ["A"]},  # neither values nor error
        {"key": "HKLM\\X", "names": ["A"], "values": {}, "error": "both"},
        {"key": "HKLM\\X", "names": ["A"], "values": {"A": 1.5}},
        {"key": "HKLM\\X", "names": ["A"], "values": {"A": [1]}},
        {"key": "HKLM\\X", "names": ["A"], "values": {"A": {"nested": "x"}}},
        {"key": "HKLM\\X", "names": "A", "values": {}},
        {"names": ["A"], "values": {}},
    ],
)
def test_a_registry_record_out_of_shape_is_invalid(record):
    doc = snapshot_doc(platform="windows")
    doc["registry"] = [record]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema("snapshot-v1"))
