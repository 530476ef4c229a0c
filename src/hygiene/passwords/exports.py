"""Reading password-manager exports: Bitwarden (CSV, unencrypted JSON), KeePassXC, 1Password,
Chrome/Edge/Brave, Firefox, Apple Passwords/Safari and LastPass.

An export is a plaintext copy of every password, so it is untrusted input and a secret at
once: it is size-bounded, the format is recognised from its header (or --source), every
problem names the file and line, and no error message ever quotes a field's value.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from hygiene.errors import UserError

MAX_EXPORT_BYTES = 200 * 1000 * 1000
csv.field_size_limit(10 * 1024 * 1024)


@dataclass(frozen=True)
class Entry:
    line: int  # where the entry starts in the export (1-based)
    title: str
    site: str  # host name, or the URL when it has none
    username: str
    password: str
    has_totp: bool | None  # None: the format has no one-time-code column (Chrome, Firefox)

    def __repr__(self) -> str:  # a stray print or log line never shows the password
        return f"Entry(line={self.line}, title={self.title!r}, site={self.site!r})"


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    title: str | None  # column names, lower-cased; None when the format has no such column
    url: str | None
    username: str
    password: str
    totp: str | None
    required: frozenset[str]  # the header columns that identify the format


def _fmt(name, label, title, url, username, password, totp, *extra: str) -> Format:
    cols = {c for c in (title, url, username, password, totp, *extra) if c}
    return Format(name, label, title, url, username, password, totp, frozenset(cols))


# Most specific first: detection takes the first whose columns are all in the header.
CSV_FORMATS = (
    _fmt("bitwarden", "Bitwarden CSV", "name", "login_uri", "login_username", "login_password", "login_totp", "folder"),
    _fmt("keepassxc", "KeePassXC CSV", "title", "url", "username", "password", "totp", "group"),
    _fmt("lastpass", "LastPass CSV", "name", "url", "username", "password", "totp", "grouping", "extra"),
    _fmt("firefox", "Firefox CSV", None, "url", "username", "password", None, "httprealm", "formactionorigin"),
    _fmt("1password", "1Password CSV", "title", "url", "username", "password", "otpauth", "archived"),
    _fmt("apple", "Apple Passwords / Safari CSV", "title", "url", "username", "password", "otpauth"),
    _fmt("chrome", "Chrome / Edge / Brave CSV", "name", "url", "username", "password", None),
)
SOURCES = (*(f.name for f in CSV_FORMATS), "bitwarden-json")


def _site(url: str) -> str:
    url = url.strip()
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host or url


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with its BOM: what password managers write."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(f"{path}: looks like UTF-16 but does not decode as it") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: not UTF-8 text; export it again as UTF-8 CSV or JSON") from None


def read_export(path: Path, source: str | None = None) -> tuple[str, list[Entry]]:
    """The format's label and the entries that have a password."""
    try:
        if path.is_dir():
            raise UserError(f"{path}: is a folder, not a password-manager export")
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise UserError(f"{path}: over the {MAX_EXPORT_BYTES // 1_000_000} MB limit for an export")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    text = _decode(raw, path)
    del raw
    if source not in (None, *SOURCES):
        raise UserError(f"--source {source!r} is not a format hygiene reads; choose one of: {', '.join(SOURCES)}")
    if source == "bitwarden-json" or (source is None and text.lstrip().startswith("{")):
        return "Bitwarden JSON", list(_bitwarden_json(text, path))
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        raise UserError(f"{path}: is empty") from None
    except csv.Error as exc:
        raise UserError(f"{path}:1: not a CSV header ({exc})") from None
    fmt = _format(header, source, path)
    return fmt.label, list(_csv_entries(rows, header, fmt, path))


def _format(header: list[str], source: str | None, path: Path) -> Format:
    columns = set(header)
    if source is not None:
        fmt = next(f for f in CSV_FORMATS if f.name == source)
        missing = sorted(fmt.required - columns)
        if missing:
            raise UserError(f"{path}:1: a {fmt.label} export needs the columns {', '.join(missing)}")
        return fmt
    for fmt in CSV_FORMATS:
        if fmt.required <= columns:
            return fmt
    shown = ", ".join(header)[:200]
    raise UserError(
        f"{path}:1: unknown export layout (header: {shown}); hygiene reads {', '.join(f.label for f in CSV_FORMATS)} "
        "and Bitwarden JSON. Name the format with --source if the header was changed."
    )


def _csv_entries(rows: Iterator[list[str]], header: list[str], fmt: Format, path: Path) -> Iterator[Entry]:
    index = {name: i for i, name in enumerate(header)}
    reader = rows  # csv.reader: line_num is the physical line where the last record ended
    start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UserError(f"{path}:{start}: the CSV is malformed here ({exc})") from None
        line, start = start, reader.line_num + 1  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise UserError(f"{path}:{line}: has {len(row)} columns, the header has {len(header)}")

        def cell(name: str | None, row: list[str] = row) -> str:
            return row[index[name]] if name else ""

        password = cell(fmt.password)
        if not password:
            continue  # notes, cards and passkeys have none
        url = cell(fmt.url)
        yield Entry(
            line=line,
            title=cell(fmt.title).strip() or _site(url),
            site=_site(url),
            username=cell(fmt.username).strip(),
            password=password,
            has_totp=bool(cell(fmt.totp).strip()) if fmt.totp else None,
        )


def _bitwarden_json(text: str, path: Path) -> Iterator[Entry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise UserError(f"{path}: not a Bitwarden JSON export (no 'items' list)")
    if data.get("encrypted"):
        raise UserError(f"{path}: is an encrypted Bitwarden export; export as unencrypted JSON or CSV to audit it")
    for n, item in enumerate(data["items"], 1):
        login = item.get("login") if isinstance(item, dict) else None
        if not isinstance(login, dict) or not login.get("password"):
            continue
        uris = login.get("uris") or []
        url = uris[0].get("uri", "") if uris and isinstance(uris[0], dict) else ""
        yield Entry(
            line=n,  # the item's number: JSON has no useful line for it
            title=str(item.get("name") or _site(url or "")),
            site=_site(url or ""),
            username=str(login.get("username") or ""),
            password=str(login["password"]),
            has_totp=bool(login.get("totp")),
        )
