"""A fake of the standard library's `winreg` (Windows only), for LocalSystem on Linux.

It answers as the real module does: the same constants, OpenKeyEx returning a handle that is a
context manager, QueryValueEx returning (value, type) with the value as winreg converts it
(bytes for REG_BINARY and REG_DWORD_BIG_ENDIAN, None for an empty binary value), CloseKey, and
FileNotFoundError / PermissionError (OSError with winerror 2 / 5) for a missing key or value and
a denied key. Key paths and value names are case-insensitive, as in the registry. It holds one
registry view: `opened` records what each OpenKeyEx asked for (hive, path, access mask), so a
test can see that the 64-bit view was asked for, and `handles` what it returned, so a test can
see that each was closed.

    FakeWinreg({"HKLM\\\\SOFTWARE\\\\X": {"Name": ("value", FakeWinreg.REG_SZ)}}, denied={"HKLM\\\\SOFTWARE\\\\Y"})
    FakeWinreg.from_records(snapshot["registry"])   # a recorded machine's registry, for a benchmark
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

ERROR_FILE_NOT_FOUND = 2
ERROR_ACCESS_DENIED = 5


def _not_found() -> FileNotFoundError:
    return FileNotFoundError(2, "The system cannot find the file specified", None, ERROR_FILE_NOT_FOUND)


class FakeHKEY:
    """What OpenKeyEx returns: a handle to one key, closed by CloseKey, Close() or `with`."""

    def __init__(self, path: str, values: dict[str, tuple[Any, int]]) -> None:
        self.path = path
        self.values = values
        self.closed = False

    def Close(self) -> None:  # noqa: N802 - winreg's name
        self.closed = True

    def __enter__(self) -> FakeHKEY:
        return self

    def __exit__(self, *exc: object) -> None:
        self.Close()


class FakeWinreg:
    HKEY_CLASSES_ROOT = 0x80000000
    HKEY_CURRENT_USER = 0x80000001
    HKEY_LOCAL_MACHINE = 0x80000002
    HKEY_USERS = 0x80000003
    HKEY_CURRENT_CONFIG = 0x80000005

    KEY_QUERY_VALUE = 0x0001
    KEY_READ = 0x20019
    KEY_WOW64_64KEY = 0x0100
    KEY_WOW64_32KEY = 0x0200

    REG_NONE = 0
    REG_SZ = 1
    REG_EXPAND_SZ = 2
    REG_BINARY = 3
    REG_DWORD = 4
    REG_DWORD_LITTLE_ENDIAN = 4
    REG_DWORD_BIG_ENDIAN = 5
    REG_LINK = 6
    REG_MULTI_SZ = 7
    REG_RESOURCE_LIST = 8
    REG_QWORD = 11
    REG_QWORD_LITTLE_ENDIAN = 11

    _HIVES = {
        "HKLM": HKEY_LOCAL_MACHINE,
        "HKEY_LOCAL_MACHINE": HKEY_LOCAL_MACHINE,
        "HKCU": HKEY_CURRENT_USER,
        "HKEY_CURRENT_USER": HKEY_CURRENT_USER,
        "HKU": HKEY_USERS,
        "HKEY_USERS": HKEY_USERS,
        "HKCR": HKEY_CLASSES_ROOT,
        "HKEY_CLASSES_ROOT": HKEY_CLASSES_ROOT,
    }

    def __init__(self, keys: Mapping[str, Mapping[str, tuple[Any, int]]], denied: Iterable[str] = ()) -> None:
        """`keys`: "HKLM\\\\path" -> {value name: (value as winreg gives it, REG_ type)};
        `denied`: keys that exist but refuse to be opened (access denied)."""
        self._keys = {self._where(k): {n.casefold(): (n, v) for n, v in values.items()} for k, values in keys.items()}
        self._denied = {self._where(k) for k in denied}
        self.opened: list[tuple[int, str, int]] = []
        self.handles: list[FakeHKEY] = []

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> FakeWinreg:
        """The registry a snapshot's `registry` table describes: its values with the type that
        gives them back as recorded (ints as REG_DWORD or REG_QWORD, lists as REG_MULTI_SZ),
        its unreadable keys denied, its absent keys absent."""
        keys: dict[str, dict[str, tuple[Any, int]]] = {}
        denied = []
        for record in records:
            if "error" in record:
                denied.append(record["key"])
            elif record.get("values") is not None:
                keys.setdefault(record["key"], {}).update(
                    {name: (value, cls._type_of(value)) for name, value in record["values"].items()}
                )
        return cls(keys, denied)

    @classmethod
    def _type_of(cls, value: Any) -> int:
        if value is None:
            return cls.REG_NONE
        if isinstance(value, list):
            return cls.REG_MULTI_SZ
        if isinstance(value, int):
            return cls.REG_DWORD if 0 <= value < 2**32 else cls.REG_QWORD
        return cls.REG_SZ

    @classmethod
    def _where(cls, key: str) -> tuple[int, str]:
        hive, _, path = key.partition("\\")
        return cls._HIVES[hive.upper()], path.strip("\\").casefold()

    def OpenKeyEx(self, key: int, sub_key: str, reserved: int = 0, access: int = KEY_READ) -> FakeHKEY:  # noqa: N802
        self.opened.append((key, sub_key, access))
        where = (key, sub_key.strip("\\").casefold())
        if where in self._denied:
            raise PermissionError(13, "Access is denied", None, ERROR_ACCESS_DENIED)
        if where not in self._keys:
            raise _not_found()
        self.handles.append(FakeHKEY(sub_key, dict(self._keys[where].values())))
        return self.handles[-1]

    def QueryValueEx(self, key: FakeHKEY, value_name: str) -> tuple[Any, int]:  # noqa: N802
        if key.closed:
            raise OSError(9, "The handle is invalid", None, 6)
        for name, answer in key.values.items():
            if name.casefold() == value_name.casefold():
                return answer
        raise _not_found()

    def CloseKey(self, hkey: FakeHKEY) -> None:  # noqa: N802
        hkey.Close()
