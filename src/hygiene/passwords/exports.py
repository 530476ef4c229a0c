"""Reading password-manager exports: Bitwarden (CSV, unencrypted JSON), KeePassXC, 1Password,
Chrome/Edge/Brave, Firefox, Apple Passwords/Safari and LastPass.

An export is a plaintext copy of every password, so it is untrusted input and a secret at
once:
- it is size-bounded (MAX_EXPORT_BYTES, also for a pipe, which has no size to check first) and
  read in bounded memory: a UTF-8 CSV line by line, UTF-16 and JSON whole;
- the format is recognised from its header (or --source); every problem names the file and
  the line (JSON: the item), and raises UserError with no exception chained to it (a decoding
  error holds the whole file);
- no message ever quotes a field: `describe_header` is the one place that puts anything of an
  export's content into a message, and it shows only known column names and counts;
- a field's text is shown as it is (the reporters make it inert), except that titles, sites
  and user names are cut at MAX_SHOWN characters and a lone surrogate (only JSON's \\u
  escapes can make one) becomes U+FFFD, since no output could encode it.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from hygiene.errors import UserError
from hygiene.files import NotRegularFile, open_regular_fd
from hygiene.words import count

# 20 MB holds a larger vault than a person or a small office keeps (10,000 entries are 1-2 MB
# as CSV, 7.4 MB as Bitwarden's JSON). The bound is what keeps an audit affordable: Python holds
# an entry in several times the bytes of its line, so the worst case (short lines, every entry
# a problem, a JSON report) peaks near 13 times the file (benchmarks/reuse.py), and scoring the
# distinct passwords of a full CSV export takes minutes. It used to be 200 MB, which read whole
# into memory could need gigabytes and hours; a larger vault can be exported a folder at a time.
MAX_EXPORT_BYTES = 20 * 1000 * 1000
MAX_FIELD_CHARS = 10 * 1024 * 1024  # a field longer than this is refused (the csv module's limit)
MAX_SHOWN = 200  # characters of a title, site or user name kept: for reading, not for a novel
MAX_URL_CHARS = 2048  # of a URL, parsed for its host name (at most 253 characters)
MAX_JSON_DEPTH = 100  # Bitwarden's JSON nests 5 levels; json.loads fails past about 1,000
csv.field_size_limit(MAX_FIELD_CHARS)


@dataclass(frozen=True, slots=True)
class Entry:
    line: int  # where the entry starts in the export (1-based; JSON: the item's number)
    title: str
    site: str  # host name, or the URL when it has none
    username: str
    password: str  # as exported; it may hold a lone surrogate (see password_bytes)
    has_totp: bool | None  # None: the format has no one-time-code column (Chrome, Firefox)

    def __repr__(self) -> str:  # a stray print or log line never shows the password
        return f"Entry(line={self.line}, title={self.title!r}, site={self.site!r})"


def password_bytes(password: str) -> bytes:
    """A password's bytes for hashing: UTF-8, with a lone surrogate kept distinct rather than
    raising an error whose text would hold the password."""
    return password.encode("utf-8", "surrogatepass")


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
# Every column name these formats write (not only the ones read): the only header text that
# a message may show, since a cell that is none of them may be a password.
KNOWN_COLUMNS = frozenset().union(
    *(f.required for f in CSV_FORMATS),
    {"notes", "note", "fields", "favorite", "fav", "type", "reprompt", "tags", "icon", "guid"},
    {"last modified", "created", "timecreated", "timelastused", "timepasswordchanged"},
)


def describe_header(cells: list[str]) -> str:
    """The header as a message may show it: the number of columns and those that are known
    column names. Any other cell is counted, never quoted: an export without a header row
    starts with an entry, password included."""
    known = [c for c in dict.fromkeys(cells) if c in KNOWN_COLUMNS]
    unknown = sum(1 for c in cells if c not in KNOWN_COLUMNS)
    count = f"{len(cells)} column{'s' if len(cells) != 1 else ''}"
    if not known:
        return f"{count}, none a known column name"
    if not unknown:
        return f"{count}: {', '.join(known)}"
    others = "1 that is not a known column name" if unknown == 1 else f"{unknown} that are not known column names"
    return f"{count}: {', '.join(known)} and {others}"


def _error(path: Path, place: int | str | None, what: str) -> UserError:
    """Every problem with an export: the file, the place (a line, or a JSON item), and what."""
    if place is None:
        return UserError(f"{path}: {what}")
    if isinstance(place, int):
        return UserError(f"{path}:{place}: {what}")
    return UserError(f"{path}: {place}: {what}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _shown(text: str) -> str:
    """A title, site or user name as reports show it: no lone surrogate, at most MAX_SHOWN."""
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _site(url: str) -> str:
    """The host name of an entry's URL; where none can be read ("http://[::1", "smb://a:b@"),
    the URL without its scheme, path and any `user:password@` it carries."""
    url = url.strip()[:MAX_URL_CHARS]
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        host = ""
    if not host:
        authority = url.split("://", 1)[-1].split("/", 1)[0]
        host = authority.rpartition("@")[2]  # whatever stood before an "@" is a login
    return _shown(host)


# --- reading, bounded ---------------------------------------------------------------------


def _too_big(path: Path, size: int | None) -> UserError:
    limit = MAX_EXPORT_BYTES // 1_000_000
    what = f"is {size / 1e6:.1f} MB" if size is not None else f"is over {limit} MB"
    return _error(
        path,
        None,
        f"{what}; hygiene reads exports of up to {limit} MB (10,000 entries are 1-2 MB as CSV, "
        "about 7 MB as Bitwarden JSON). Export as CSV, or one folder or collection at a time.",
    )


class _Reader:
    """The export's bytes, never more than MAX_EXPORT_BYTES of them whatever the file claims."""

    def __init__(self, fh: BinaryIO, path: Path) -> None:
        self.fh, self.path, self.left = fh, path, MAX_EXPORT_BYTES

    def _take(self, data: bytes) -> bytes:
        self.left -= len(data)
        if self.left < 0:
            raise _too_big(self.path, None)
        return data

    def _read(self, read: Callable[[int], bytes], size: int, consumed: bool = True) -> bytes:
        failure = None
        try:
            data = read(size)
        except OSError as exc:
            failure = exc.strerror or type(exc).__name__
        if failure is not None:
            raise _error(self.path, None, f"cannot read it ({failure})")
        return self._take(data) if consumed else data

    def head(self) -> bytes:
        """The first bytes, left unread: enough to tell UTF-16 and JSON from the rest."""
        return self._read(self.fh.peek, 1, consumed=False)[:512]  # type: ignore[attr-defined]

    def line(self) -> bytes:
        return self._read(self.fh.readline, self.left + 1)

    def rest(self) -> bytes:
        return self._read(self.fh.read, self.left + 1)


def _open(path: Path) -> BinaryIO:
    """A regular file or a pipe (`<(bw export ...)`); never a device, a kernel file (/proc/kmsg
    would block and take the system log's messages) or a FIFO left waiting for a writer."""
    try:
        fd, info = open_regular_fd(path, pipes=True)
    except FileNotFoundError:
        raise _error(path, None, "no such file") from None
    except NotRegularFile as exc:
        raise _error(path, None, f"is {exc.kind}, not a password-manager export") from None
    except OSError as exc:
        raise _error(path, None, f"cannot read it ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_EXPORT_BYTES:
        os.close(fd)
        raise _too_big(path, info.st_size)
    return os.fdopen(fd, "rb")


def read_export(path: Path, source: str | None = None) -> tuple[str, list[Entry]]:
    """The format's label and the entries that have a password."""
    if source not in (None, *SOURCES):
        raise UserError(f"--source {source!r} is not a format hygiene reads; choose one of: {', '.join(SOURCES)}")
    with _open(path) as fh:
        reader = _Reader(fh, path)
        head = reader.head()
        utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
        start = head[: len(head) // 2 * 2].decode("utf-16", "ignore") if utf16 else head.decode("utf-8-sig", "ignore")
        if source == "bitwarden-json" or (source is None and start.lstrip().startswith("{")):
            return "Bitwarden JSON", _bitwarden_json(reader, "utf-16" if utf16 else "utf-8-sig", path)
        lines = _lines(_decode(reader.rest(), "utf-16", path)) if utf16 else _utf8_lines(reader, path)
        rows = csv.reader(lines)
        header = _header(rows, path)
        fmt = _format(header, source, path)
        return fmt.label, list(_csv_entries(rows, header, fmt, path))


def _decode(raw: bytes, encoding: str, path: Path) -> str:
    """The whole text, or an error naming the line where it stops being text."""
    line = None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].decode(encoding, "replace").count("\n") + 1
    name = "UTF-16" if encoding == "utf-16" else "UTF-8"
    raise _error(path, line, f"not {name} text; export it again as UTF-8 CSV or JSON")


def _utf8_lines(reader: _Reader, path: Path) -> Iterator[str]:
    """A UTF-8 export line by line (what csv.reader wants), so only one line is ever held as
    bytes. UTF-8 never has a newline byte inside a character."""
    number = 0
    while raw := reader.line():
        number += 1
        bad = False
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            bad = True
        if bad:
            raise _error(path, number, "not UTF-8 text; export it again as UTF-8 CSV or JSON")
        if "\r" in line and line.find("\r") != len(line) - 2:  # old Mac line ends: split as newline="" would
            yield from _lines(line)
        else:
            yield line


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends (\\r\\n, \\n or \\r), as io.StringIO(newline="")
    gives them, without its copy at four bytes a character. Each character is searched once."""
    n, start = len(text), 0
    lf, cr = text.find("\n"), text.find("\r")
    while start < n:
        if 0 <= lf < start:
            lf = text.find("\n", start)
        if 0 <= cr < start:
            cr = text.find("\r", start)
        if cr >= 0 and (lf < 0 or cr < lf):
            end = cr + 2 if lf == cr + 1 else cr + 1
        else:
            end = lf + 1 if lf >= 0 else n
        yield text[start:end]
        start = end


def _csv_problem(exc: csv.Error) -> str:
    """csv's own message is not shown: it is not written for a person, and is not ours to vouch for."""
    if "field larger than field limit" in str(exc):
        return f"a field is longer than {MAX_FIELD_CHARS // (1024 * 1024)} MiB"
    return "the CSV is malformed here"


def _header(rows: Iterator[list[str]], path: Path) -> list[str]:
    place, problem = None, "is empty"
    try:
        return [h.strip().lower() for h in next(rows)]
    except StopIteration:
        pass
    except csv.Error as exc:
        place, problem = 1, f"not a CSV header ({_csv_problem(exc)})"
    raise _error(path, place, problem)


def _format(header: list[str], source: str | None, path: Path) -> Format:
    columns = set(header)
    if source is not None:
        fmt = next(f for f in CSV_FORMATS if f.name == source)
        missing = sorted(fmt.required - columns)
        if missing:
            raise _error(
                path,
                1,
                f"a {fmt.label} export needs the columns {', '.join(missing)}; "
                f"this header has {describe_header(header)}",
            )
        return fmt
    for fmt in CSV_FORMATS:
        if fmt.required <= columns:
            return fmt
    raise _error(
        path,
        1,
        f"unknown export layout ({describe_header(header)}); hygiene reads "
        f"{', '.join(f.label for f in CSV_FORMATS)} and Bitwarden JSON. Name the format with --source "
        "if the header was changed, or add the header row if the export has none.",
    )


def _csv_entries(rows: Iterator[list[str]], header: list[str], fmt: Format, path: Path) -> Iterator[Entry]:
    index = {name: i for i, name in enumerate(header)}
    reader = rows  # csv.reader: line_num is the physical line where the last record ended
    start = 2
    while True:
        problem = None
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problem = _csv_problem(exc)
        if problem:
            raise _error(path, start, problem)
        line, start = start, reader.line_num + 1  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise _error(path, line, f"has {count(len(row), 'column')}, the header has {len(header)}")

        def cell(name: str | None, row: list[str] = row) -> str:
            return row[index[name]] if name else ""

        password = cell(fmt.password)
        if not password:
            continue  # notes, cards and passkeys have none
        site = _site(cell(fmt.url))
        yield Entry(
            line=line,
            title=_shown(cell(fmt.title).strip()) or site,
            site=site,
            username=_shown(cell(fmt.username).strip()),
            password=password,
            has_totp=bool(cell(fmt.totp).strip()) if fmt.totp else None,
        )


# --- Bitwarden JSON -------------------------------------------------------------------------


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _load_json(text: str, path: Path) -> object:
    """json.loads, whose every failure becomes a UserError with a place and no content: its
    syntax errors (their message cut at any quoted character), nesting too deep for it
    (RecursionError) and integers of more than 4,300 digits (ValueError)."""
    place, problem = None, ""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        place, problem = exc.lineno, f"not valid JSON ({exc.msg.split(': ')[0]})"  # "Invalid \\escape: 'x'"
    except RecursionError:
        place, problem = _too_deep(text), f"not a Bitwarden JSON export (nested more than {MAX_JSON_DEPTH} levels deep)"
    except ValueError:
        place, problem = _long_number(text), "not valid JSON (a number of more than 4,300 digits)"
    raise _error(path, place, problem)


_STRUCTURE = re.compile(r'[\[\]{}"\\]')


def _too_deep(text: str) -> int | None:
    """The line where nesting first goes past MAX_JSON_DEPTH (strings skipped): a linear scan."""
    depth, in_string, escaped = 0, False, -1
    for m in _STRUCTURE.finditer(text):
        ch, at = m.group(), m.start()
        if in_string:
            if at == escaped:
                continue
            if ch == "\\":
                escaped = at + 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return text.count("\n", 0, at) + 1
        elif ch in "]}":
            depth -= 1
    return None


def _long_number(text: str) -> int | None:
    for m in re.finditer(r"\d+", text):
        if m.end() - m.start() > 4300:
            return text.count("\n", 0, m.start()) + 1
    return None


def _get(obj: dict, key: str, kind: type, place: str, where: str, path: Path) -> Any:
    """obj[key] when it is missing, null or of the kind expected; an error naming it otherwise."""
    value = obj.get(key)
    if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
        return value
    expected = {str: "text", list: "a list", dict: "an object"}[kind]
    raise _error(path, place, f"{where}{key} is {_json_type(value)}, not {expected}")


def _encrypted(data: dict) -> str | None:
    """Which of Bitwarden's encrypted exports this is, if it is one. Password-protected:
    `passwordProtected`, the KDF's salt and settings, `encKeyValidation_DO_NOT_EDIT` and the
    whole vault in `data`, with no `items`. Account-restricted: `encKeyValidation_DO_NOT_EDIT`
    beside `folders` and `items` whose every field is an encrypted string ("2.iv|data|mac").
    The flags are true or false, as Bitwarden writes them: the text "false" is not true."""
    if data.get("passwordProtected") is True or ("data" in data and "encKeyValidation_DO_NOT_EDIT" in data):
        return "password-protected"
    if data.get("encrypted") is True or "encKeyValidation_DO_NOT_EDIT" in data:
        return "account-restricted"
    return None


def _bitwarden_json(reader: _Reader, encoding: str, path: Path) -> list[Entry]:
    """Read whole (JSON cannot be read in pieces by the standard library), then checked item by
    item: every field read must be what Bitwarden writes, or null."""
    text = _decode(reader.rest(), encoding, path)
    data = _load_json(text, path)
    del text  # the text and the parsed items are never both kept past this point
    for flag in ("encrypted", "passwordProtected"):
        value = data.get(flag) if isinstance(data, dict) else None
        if value is not None and not isinstance(value, bool):
            raise _error(path, None, f"{flag} is {_json_type(value)}, not true or false")
    kind = _encrypted(data) if isinstance(data, dict) else None
    if kind is not None:  # the message names the kind only: nothing of the file's content
        raise _error(
            path,
            None,
            f"this is an encrypted Bitwarden export ({kind}), which hygiene cannot read: "
            "export it unencrypted, audit, then delete it",
        )
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise _error(path, None, "not a Bitwarden JSON export (no 'items' list)")
    entries = []  # checked whole before any is used, so a bad item anywhere is an error, not half a report
    for n, item in enumerate(data["items"], 1):
        place = f"item {n}"
        if not isinstance(item, dict):
            raise _error(path, None, f"{place} is {_json_type(item)}, not an object")
        name = _get(item, "name", str, place, "", path)
        login = _get(item, "login", dict, place, "", path)
        if login is None:
            continue  # notes, cards and identities have no login
        password = _get(login, "password", str, place, "login.", path)
        username = _get(login, "username", str, place, "login.", path)
        totp = _get(login, "totp", str, place, "login.", path)
        uris = _get(login, "uris", list, place, "login.", path) or []
        url = ""
        for i, uri in enumerate(uris):
            if not isinstance(uri, dict):
                raise _error(path, place, f"login.uris[{i}] is {_json_type(uri)}, not an object")
            found = _get(uri, "uri", str, place, f"login.uris[{i}].", path)
            url = url or found or ""
        if not password:
            continue
        site = _site(url)
        entries.append(
            Entry(
                line=n,  # the item's number: JSON has no useful line for it
                title=_shown(name or "") or site,
                site=site,
                username=_shown(username or ""),
                password=password,
                has_totp=bool(totp),
            )
        )
    return entries
