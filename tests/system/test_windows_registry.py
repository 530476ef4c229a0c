"""Registry values through winreg (here a fake of it): every value type, what is missing, what
is refused, what is too large; LocalSystem memoises them, and a snapshot records and replays them."""

import json

import jsonschema
import pytest

from hygiene.files import schema
from hygiene.system import FileUnreadable, NotRecorded, ProbeUnavailable
from hygiene.system.local import LocalSystem
from hygiene.system.recorded import RecordedSystem
from hygiene.system.recording import RecordingSystem
from hygiene.system.windows_registry import MAX_VALUE_CHARS, read_values, split_key
from tests.fakes.winreg import FakeWinreg as W

KEY = "HKLM\\SOFTWARE\\Hygiene Test"
EVERY_TYPE = {
    "Name": ("Windows 10 Home", W.REG_SZ),
    "Path": ("%USERPROFILE%\\OneDrive\\Desktop", W.REG_EXPAND_SZ),
    "Start": (3, W.REG_DWORD),
    "Big": (0xFFFFFFFF, W.REG_DWORD),
    "Swapped": (b"\x00\x00\x01\x02", W.REG_DWORD_BIG_ENDIAN),
    "Time": (133_000_000_000_000_000, W.REG_QWORD),
    "Servers": (["time.windows.com", "pool.ntp.org"], W.REG_MULTI_SZ),
    "NoServers": ([], W.REG_MULTI_SZ),
    "Blob": (b"\x01\xab\xff", W.REG_BINARY),
    "EmptyBlob": (None, W.REG_BINARY),  # winreg gives None for an empty binary value
    "Nothing": (None, W.REG_NONE),
    "Resources": (b"\x10\x20", W.REG_RESOURCE_LIST),
}


def test_every_type_is_converted_as_documented():
    api = W({KEY: EVERY_TYPE})
    assert read_values(KEY, tuple(EVERY_TYPE), api) == {
        "Name": "Windows 10 Home",
        "Path": "%USERPROFILE%\\OneDrive\\Desktop",  # never expanded
        "Start": 3,
        "Big": 4294967295,
        "Swapped": 258,
        "Time": 133_000_000_000_000_000,
        "Servers": ["time.windows.com", "pool.ntp.org"],
        "NoServers": [],
        "Blob": "01abff",
        "EmptyBlob": "",
        "Nothing": None,
        "Resources": "1020",
    }


def test_the_64_bit_view_is_read_only_and_every_key_is_closed():
    api = W({KEY: {**EVERY_TYPE, "Huge": ("x" * (MAX_VALUE_CHARS + 1), W.REG_SZ)}})
    read_values(KEY, ("Name",), api)
    with pytest.raises(FileUnreadable):
        read_values(KEY, ("Huge",), api)
    read_only_64_bit = W.KEY_READ | W.KEY_WOW64_64KEY
    assert api.opened == [(W.HKEY_LOCAL_MACHINE, "SOFTWARE\\Hygiene Test", read_only_64_bit)] * 2
    assert [h.closed for h in api.handles] == [True, True]  # also the one whose value was refused


def test_a_missing_value_is_left_out_and_names_are_case_insensitive_as_in_windows():
    api = W({KEY: EVERY_TYPE})
    assert read_values(KEY, ("start", "Absent"), api) == {"start": 3}
    assert read_values(KEY.upper(), (), api) == {}  # the key exists


def test_a_missing_key_is_none():
    assert read_values("HKLM\\SOFTWARE\\Absent", ("Name",), W({KEY: EVERY_TYPE})) is None


def test_access_denied_is_unreadable_with_the_administrator_hint():
    with pytest.raises(FileUnreadable) as caught:
        read_values(KEY, ("Name",), W({KEY: EVERY_TYPE}, denied=[KEY]))
    assert str(caught.value) == f"cannot read {KEY}: Permission denied (run as administrator to see this)"


def test_another_os_error_is_unreadable_with_its_reason():
    class Broken(W):
        def QueryValueEx(self, key, value_name):  # noqa: N802
            raise OSError(22, "The configuration registry database is corrupt")

    with pytest.raises(FileUnreadable, match="registry database is corrupt"):
        read_values(KEY, ("Name",), Broken({KEY: EVERY_TYPE}))


@pytest.mark.parametrize(
    "value",
    [
        ("x" * (MAX_VALUE_CHARS + 1), W.REG_SZ),
        (["x" * 1024] * 64, W.REG_MULTI_SZ),
        (b"\x00" * (MAX_VALUE_CHARS // 2 + 1), W.REG_BINARY),  # its hex is twice as long
    ],
    ids=["string", "list", "binary"],
)
def test_a_huge_value_is_refused_not_kept(value):
    with pytest.raises(FileUnreadable, match="value too large: Huge"):
        read_values(KEY, ("Huge",), W({KEY: {"Huge": value}}))


def test_a_value_just_under_the_bound_is_kept():
    value = "x" * MAX_VALUE_CHARS
    assert read_values(KEY, ("Long",), W({KEY: {"Long": (value, W.REG_SZ)}})) == {"Long": value}


@pytest.mark.parametrize(
    ("key", "hive", "path"),
    [
        ("HKLM\\SOFTWARE\\X", "HKEY_LOCAL_MACHINE", "SOFTWARE\\X"),
        ("hkey_local_machine\\SOFTWARE\\X", "HKEY_LOCAL_MACHINE", "SOFTWARE\\X"),
        ("HKCU\\Software\\X", "HKEY_CURRENT_USER", "Software\\X"),
        ("HKEY_CURRENT_USER\\Software\\X", "HKEY_CURRENT_USER", "Software\\X"),
        ("HKU\\S-1-5-18\\X", "HKEY_USERS", "S-1-5-18\\X"),
        ("HKEY_USERS\\.DEFAULT", "HKEY_USERS", ".DEFAULT"),
    ],
)
def test_the_hives_hygiene_reads(key, hive, path):
    assert split_key(key) == (hive, path)


@pytest.mark.parametrize(
    "key", ["HKLM:\\SOFTWARE\\X", "HKCR\\.txt", "SOFTWARE\\X", "HKLM", "HKLM\\", "HKLM/SOFTWARE/X", ""]
)
def test_a_bad_key_is_a_programming_error(key):
    with pytest.raises(ValueError, match="not a registry key hygiene reads"):
        read_values(key, (), W({}))


# --- LocalSystem, recording and replay --------------------------------------------------------


def test_local_system_reads_through_the_winreg_it_is_given_once_per_question():
    api = W({KEY: EVERY_TYPE})
    local = LocalSystem(winreg=api)
    assert local.registry_values(KEY, ("Start",)) == {"Start": 3}
    assert local.registry_values(KEY, ("Start",)) == {"Start": 3}
    assert local.registry_values(KEY, ("Name",)) == {"Name": "Windows 10 Home"}
    assert len(api.opened) == 2  # memoised per (key, names)


def test_local_system_without_winreg_cannot_tell(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "winreg", None)  # as on Linux and macOS: import fails
    with pytest.raises(ProbeUnavailable, match="the Windows registry can only be read on Windows"):
        LocalSystem().registry_values(KEY, ())


def test_recorded_then_replayed_gives_the_same_answers_and_errors():
    api = W({KEY: EVERY_TYPE}, denied=["HKLM\\SOFTWARE\\Denied"])
    recorder = RecordingSystem(LocalSystem(winreg=api))
    asked = [(KEY, ("Servers", "Start", "Absent")), ("HKLM\\SOFTWARE\\Absent", ()), (KEY, ())]
    answers = [recorder.registry_values(key, names) for key, names in asked]
    with pytest.raises(FileUnreadable):
        recorder.registry_values("HKLM\\SOFTWARE\\Denied", ("Name",))
    doc = json.loads(json.dumps(recorder.document()))
    jsonschema.validate(doc, schema("snapshot-v1"))
    assert doc["registry"] == [  # sorted by key, then names
        {"key": "HKLM\\SOFTWARE\\Absent", "names": [], "values": None},
        {"key": "HKLM\\SOFTWARE\\Denied", "names": ["Name"], "error": "Permission denied"},
        {"key": KEY, "names": [], "values": {}},
        {"key": KEY, "names": ["Servers", "Start", "Absent"], "values": {"Servers": EVERY_TYPE["Servers"][0], "Start": 3}},
    ]  # fmt: skip
    replay = RecordedSystem(doc)
    assert [replay.registry_values(key, names) for key, names in asked] == answers
    with pytest.raises(FileUnreadable, match="run as administrator"):
        replay.registry_values("HKLM\\SOFTWARE\\Denied", ("Name",))
    with pytest.raises(NotRecorded, match="the snapshot has no record of the registry key HKLM\\\\SOFTWARE\\\\Other"):
        replay.registry_values("HKLM\\SOFTWARE\\Other", ())
    with pytest.raises(NotRecorded):
        replay.registry_values(KEY, ("Start",))  # asked with other names: another question


def test_the_fake_is_rebuilt_from_a_snapshots_records_for_the_same_answers():
    api = W({KEY: EVERY_TYPE}, denied=["HKLM\\SOFTWARE\\Denied"])
    recorder = RecordingSystem(LocalSystem(winreg=api))
    asked = [(KEY, tuple(EVERY_TYPE)), ("HKLM\\SOFTWARE\\Absent", ())]
    answers = [recorder.registry_values(key, names) for key, names in asked]
    with pytest.raises(FileUnreadable):
        recorder.registry_values("HKLM\\SOFTWARE\\Denied", ())
    rebuilt = LocalSystem(winreg=W.from_records(recorder.document()["registry"]))
    assert [rebuilt.registry_values(key, names) for key, names in asked] == answers
    with pytest.raises(FileUnreadable, match="Permission denied"):
        rebuilt.registry_values("HKLM\\SOFTWARE\\Denied", ())
