"""Windows registry values through the standard library's `winreg`, for LocalSystem: reading
a value this way costs microseconds, where asking PowerShell starts a whole powershell.exe.

Keys are always opened in the 64-bit view (KEY_WOW64_64KEY), also from a 32-bit Python on
64-bit Windows, which would otherwise be redirected to the 32-bit copies under WOW6432Node and
read another machine's settings. Registry data is as hostile as any file: winreg reads a value
whole, and one over MAX_VALUE_CHARS once converted is refused, not kept or recorded.
"""

from __future__ import annotations

from typing import Any

from hygiene.system.base import FileUnreadable, RegistryValue

MAX_VALUE_CHARS = 64 * 1024  # settings are short; a larger value is not one hygiene reads
# How a key may start, and winreg's name for that hive.
HIVES = {
    "HKLM": "HKEY_LOCAL_MACHINE",
    "HKEY_LOCAL_MACHINE": "HKEY_LOCAL_MACHINE",
    "HKCU": "HKEY_CURRENT_USER",
    "HKEY_CURRENT_USER": "HKEY_CURRENT_USER",
    "HKU": "HKEY_USERS",
    "HKEY_USERS": "HKEY_USERS",
}


def split_key(key: str) -> tuple[str, str]:
    """winreg's name for the key's hive, and the path below it. Keys are constants in the
    checks, so any other spelling is a programming error: ValueError."""
    hive, _, path = key.partition("\\")
    if hive.upper() not in HIVES or not path.strip("\\"):
        raise ValueError(f"not a registry key hygiene reads (HKLM\\..., HKCU\\... or HKU\\...): {key!r}")
    return HIVES[hive.upper()], path


def read_values(key: str, names: tuple[str, ...], api: Any) -> dict[str, RegistryValue] | None:
    """The named values of `key` that exist, through `api` (winreg, or a fake with its
    functions and constants); None when the key does not exist. Raises FileUnreadable when
    the key or a value cannot be read, or a value is too large."""
    hive, path = split_key(key)
    try:
        handle = api.OpenKeyEx(getattr(api, hive), path, 0, api.KEY_READ | api.KEY_WOW64_64KEY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _unreadable(key, exc) from None
    values: dict[str, RegistryValue] = {}
    with handle:
        for name in names:
            try:
                data, kind = api.QueryValueEx(handle, name)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise _unreadable(key, exc) from None
            values[name] = _bounded(key, name, _converted(data, kind, api))
    return values


def _unreadable(key: str, exc: OSError) -> FileUnreadable:
    """Access denied is said in English whatever the display language ("Zugriff verweigert"),
    so the message carries the hint to run as administrator."""
    if isinstance(exc, PermissionError):
        return FileUnreadable(key, "Permission denied")
    return FileUnreadable(key, exc.strerror or str(exc))


def _converted(data: Any, kind: int, api: Any) -> RegistryValue:
    """winreg's answer as a RegistryValue. winreg itself gives str for REG_SZ and
    REG_EXPAND_SZ (never expanded), int for REG_DWORD and REG_QWORD, list[str] for REG_MULTI_SZ,
    and bytes (None when empty) for every other type, REG_DWORD_BIG_ENDIAN included."""
    if kind == api.REG_NONE:
        return None
    if kind in (api.REG_SZ, api.REG_EXPAND_SZ) and isinstance(data, str):
        return data
    if kind in (api.REG_DWORD, api.REG_QWORD) and isinstance(data, int):
        return data
    if kind == api.REG_DWORD_BIG_ENDIAN and isinstance(data, bytes | None) and len(data or b"") <= 8:
        return int.from_bytes(data or b"", "big")
    if kind == api.REG_MULTI_SZ and isinstance(data, list) and all(isinstance(s, str) for s in data):
        return list(data)
    if isinstance(data, bytes | bytearray):
        return bytes(data).hex()
    if data is None:  # an empty value of any binary type
        return ""
    return str(data)  # not what winreg gives for this type: kept as text, never trusted as its type


def _bounded(key: str, name: str, value: RegistryValue) -> RegistryValue:
    size = len(value) if isinstance(value, str) else sum(len(s) + 1 for s in value) if isinstance(value, list) else 0
    if size > MAX_VALUE_CHARS:
        raise FileUnreadable(key, f"value too large: {name} holds more than {MAX_VALUE_CHARS // 1024} KiB")
    return value
