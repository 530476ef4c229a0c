"""Files: reading what the user hands us and writing what hygiene reports, in one place.

Reading (profiles, snapshots, results, exports, probed config files, backups): size-bounded,
UTF-8, every problem a UserError that names the file and where in it, never a traceback.
open_regular_fd is the one way hygiene opens a file it did not write: a named pipe, a device
or a folder is refused before a byte is read, so no path can stall or exhaust a reader.

Writing (reports, snapshots, profiles): they describe a machine's weaknesses, so they are
private (0600), written atomically, and never replace a file the user has without --force."""

from __future__ import annotations

import codecs
import errno
import json
import os
import stat
import sys
import tempfile
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from hygiene.errors import UserError

_CHUNK = 1 << 20
OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """The path is a folder, a FIFO, a device or a socket: refused before a byte is read."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", path)
        self.kind = kind


def _size(limit: int) -> str:
    if limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    return f"{limit / 1e6:g} MB" if limit >= 1_000_000 else f"{limit / 1024:g} KiB"


def kind_of(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _look(name: str, follow: bool) -> os.stat_result:
    return os.stat(name) if follow else os.lstat(name)


KERNEL_ROOTS = ("/proc", "/sys")


@cache
def kernel_devices() -> frozenset[int]:
    """The devices of /proc and /sys, where they are file systems of their own: their files
    say they are regular and empty, and reading some (/proc/kmsg) blocks or takes data away."""
    if not sys.platform.startswith("linux"):
        return frozenset()
    try:
        root = os.stat("/").st_dev
    except OSError:
        return frozenset()
    devices = set()
    for place in KERNEL_ROOTS:
        try:
            st = os.stat(place)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and st.st_dev != root:
            devices.add(st.st_dev)
    return frozenset(devices)


def _refuse(name: str, st: os.stat_result, *, kernel: bool, pipes: bool) -> None:
    if stat.S_ISFIFO(st.st_mode) and pipes:
        return
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(name, kind_of(st.st_mode))
    if not kernel and st.st_dev in kernel_devices():
        raise NotRegularFile(name, "a kernel file (/proc or /sys)")


def open_regular_fd(
    path: str | os.PathLike[str], *, follow: bool = True, kernel: bool = False, pipes: bool = False
) -> tuple[int, os.stat_result]:
    """The one way hygiene opens a file it did not write: a FIFO (a read blocks, or takes what
    a writer sent), a device (/dev/zero never ends, /dev/tty waits for a key, opening a tape
    rewinds it), a socket or a kernel file is refused before it is opened where that can be
    seen, and the type that counts is what fstat says of the opened descriptor (a path
    swapped between the look and the open is still refused). The open never blocks.

    follow=False refuses a symbolic link too; kernel=True lets a probe read /proc and /sys
    (its own mounts, swaps); pipes=True takes a pipe (`<(bw export ...)`), read as it comes,
    where a FIFO that no one writes to reads as empty at once. Returns the descriptor (the
    caller closes it) and its stat."""
    name = os.fspath(path)
    _refuse(name, _look(name, follow), kernel=kernel, pipes=pipes)
    try:
        fd = os.open(name, OPEN_FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise NotRegularFile(name, "a symbolic link") from None
        raise
    try:
        opened = os.fstat(fd)
        _refuse(name, opened, kernel=kernel, pipes=pipes)
        if stat.S_ISFIFO(opened.st_mode):  # read a pipe as it comes: blocking again from here
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, opened


def read_at_most(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes from the descriptor's current position."""
    chunks, remaining = [], limit
    while remaining > 0:
        chunk = os.read(fd, min(remaining, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_user_text(path: Path, limit: int, what: str) -> str:
    """The file's text; `what` names it in messages ("profile", "snapshot")."""
    try:
        fd, info = open_regular_fd(path)
    except FileNotFoundError:
        raise UserError(f"{path}: no such {what} file") from None
    except NotRegularFile as exc:
        raise UserError(f"{path}: is {exc.kind}, not a {what} file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        if info.st_size > limit:
            raise UserError(f"{path}: {info.st_size:,} bytes is over the {_size(limit)} limit for a {what}")
        raw = read_at_most(fd, limit + 1)
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew after it was measured
        raise UserError(f"{path}: is over the {_size(limit)} limit for a {what}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        line = raw.count(b"\n", 0, at) + 1
        raise UserError(f"{path}:{line}: is not UTF-8 text (byte {at}); expected a {what}") from None


# --- writing what hygiene reports ---------------------------------------------------------------


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _cannot_write(path: Path, exc: OSError) -> UserError:
    """Why nothing can be written at `path`, in words, from the error of looking or writing there."""
    folder = _folder(path)
    missing = exc.errno == errno.ENOENT and not os.path.isdir(folder)  # /proc says ENOENT to a new file too
    reason = {
        errno.ENOENT: f"the folder {folder} does not exist; create it first (hygiene does not create folders)"
        if missing
        else f"the folder {folder} does not take new files",
        errno.ENOTDIR: f"{folder} is not a folder (part of that path is a file)",
        errno.EACCES: f"no permission to write in the folder {folder}",
        errno.EPERM: f"no permission to write in the folder {folder}",
        errno.EROFS: f"the folder {folder} is on a read-only file system",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return UserError(f"{path}: cannot write here: {reason}")


def _refuse_existing(path: Path, force: bool) -> None:
    """What is at `path` already: nothing, or a file that --force may replace."""
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:  # a parent that is a file, a folder that may not be looked into, a name too long
        raise _cannot_write(path, exc) from None
    if stat.S_ISDIR(existing.st_mode):
        raise UserError(f"{path}: is a folder; give a file name for --output")
    if not stat.S_ISREG(existing.st_mode):  # --force replaces a file, never /dev/null, a FIFO or a link
        raise UserError(f"{path}: is {kind_of(existing.st_mode)}, not a file; give a file name for --output")
    if not force:
        raise UserError(f"{path}: already exists; use --force to replace it")


def _temporary(path: Path) -> tuple[int, str]:
    """A private (0600) temporary file beside `path`, for an atomic write."""
    try:
        return tempfile.mkstemp(dir=_folder(path), prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def blocked_folder(folder: Path) -> tuple[Path, str] | None:
    """What would stop a file being made in `folder`, the folders it lacks made first, found
    without making anything (for a check before work that a refusal would waste): the nearest
    of them that exists, and why (not a folder, or one this user may not add to, which
    permissions, chattr +i and a read-only mount all say to os.access); None when nothing would."""
    here = folder.absolute()
    while not os.path.lexists(here) and here != here.parent:
        here = here.parent
    if not os.path.isdir(here):
        return here, "is not a folder"
    if not os.access(here, os.W_OK | os.X_OK):
        return here, "is a folder that takes no new file"
    return None


def check_output(path: Path, *, force: bool = False) -> None:
    """Everything write_private would refuse, found before any work is done, so that a bad
    --output fails at once rather than after an audit: the same rules (no missing folder is
    created, no folder, FIFO, device or link is written to, no file replaced without --force),
    and a real attempt to create a file in the folder, the one test that permissions, ACLs and
    read-only file systems all answer truly."""
    _refuse_existing(path, force)
    fd, tmp = _temporary(path)
    os.close(fd)
    os.unlink(tmp)


def write_private(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` privately and atomically (see the module's docstring)."""
    _refuse_existing(path, force)
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the name appeared meanwhile: never clobber
            except FileExistsError:
                raise UserError(f"{path}: already exists; use --force to replace it") from None
            except OSError:  # filesystems without hard links
                if os.path.lexists(path):
                    raise UserError(f"{path}: already exists; use --force to replace it") from None
                os.replace(tmp, path)
    except OSError as exc:  # a full disk, a quota, a folder that went away: nothing is left behind
        raise UserError(f"{path}: could not be written ({exc.strerror or exc}); nothing was written") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# --- JSON documents the user hands back (results, snapshots) ---------------------------------------

MAX_DOCUMENT_BYTES = 50 * 1000 * 1000


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in hygiene/schemas (e.g. "result-v1")."""
    return json.loads(resources.files("hygiene.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


def _where(path: Any) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "the top level"


def load_document(path: Path, kind: str, schema_name: str, version: int) -> dict[str, Any]:
    """Read and validate; `kind` is what the file should be ("hygiene-snapshot", "hygiene-result")."""
    label = kind.removeprefix("hygiene-")
    text = read_user_text(path, MAX_DOCUMENT_BYTES, label)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" line {exc.lineno} column {exc.colno}" if exc.msg.endswith(" at") else ""
        raise UserError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}{where}") from None
    except RecursionError:
        raise UserError(f"{path}: nested too deeply to be a {label}") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise UserError(f"{path}: not a {label}: {exc}") from None
    if not isinstance(doc, dict):
        raise UserError(f"{path}: expected a JSON object (a {label}), found {type(doc).__name__}")
    if doc.get("kind", kind) != kind:
        raise UserError(f"{path}: this is a {doc['kind']!r} file, not a {label}")
    if doc.get("schema_version") != version:
        raise UserError(
            f"{path}: schema_version {doc.get('schema_version')!r} is not supported; "
            f"this hygiene reads {label} schema_version {version}"
        )
    import jsonschema  # only needed when a document is loaded

    try:
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema(schema_name)).iter_errors(doc))
    except RecursionError:
        raise UserError(f"{path}: nested too deeply to be a {label}") from None
    if error is not None:
        message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
        raise UserError(f"{path}: at {_where(error.absolute_path)}: {message}")
    return doc


def when(path: Path, doc: dict[str, Any], key: str) -> datetime:
    """A document's timestamp (ISO 8601 with a UTC offset), or a UserError naming the key."""
    value = doc[key]
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise UserError(f"{path}: at {key}: {str(value)[:80]!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise UserError(f"{path}: at {key}: {str(value)[:80]!r} has no UTC offset")
    return moment
