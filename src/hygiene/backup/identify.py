"""What a backup is and whether it is encrypted, from format facts where there are any.

Everything is read, nothing written, and no passphrase is ever asked for: encryption is a
property of the format (an age or OpenPGP header, a restic repository, a borg key type, the
ZIP and 7-Zip headers). Only for an unknown blob does a byte-entropy sample decide, and the
answer says it is a guess. Large files cost a few reads at fixed places, never a full scan.

An empty file, an empty folder, a folder of empty files (a restic repository's layout of
them too) and a file with no data (sparse, or all zero bytes) are said to be empty
(Artifact.empty), never judged for encryption. A folder is
judged by its newest file; when that one cannot be identified by its format, a few older ones
are looked at, and those that can be are named (Artifact.older) rather than letting the bytes
of the newest decide alone; the folder is then dated by the newest of those (Artifact.dated_by),
or not at all, never by the file that could not be identified.

Every file is opened through hygiene.backup.files.open_regular: regular files only, never
blocking, reads bounded. identify() returns an Artifact or raises OSError; BackupError (an
OSError) when the path is no backup file or folder, or is a damaged archive."""

from __future__ import annotations

import heapq
import math
import os
import stat
import struct
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hygiene.backup.archives import Unsupported, seven_zip_facts, zip_facts
from hygiene.backup.files import BackupError, RegularFile, open_regular
from hygiene.parsers import ParseError
from hygiene.words import byte_size, count

__all__ = ["FACT", "GUESS", "Artifact", "BackupError", "backup_facts", "identify", "identify_file"]

FACT, GUESS = "format", "entropy heuristic"
SAMPLE = 64 * 1024
MAX_WALK = 200_000  # entries (files and folders) looked at in a folder or repository
MAX_SEGMENTS = 50  # borg segment files opened to find the first stored object
MAX_OBJECTS = 10_000  # borg log entries stepped over in one segment
MAX_OLDER = 10  # older files of a folder opened when its newest cannot be identified
SHOW_OLDER = 3  # older files named once identified
ZERO_CHUNK = 1024 * 1024  # a file whose samples are all zero bytes is read on this much at a time
BORG_CONFIG_MAX = 1_000_000
# borg 1.x key types: the first byte of every stored object says how it was protected.
BORG_KEYS = {
    0x00: ("keyfile", True),
    0x01: ("passphrase (legacy)", True),
    0x02: ("none", False),
    0x03: ("repokey", True),
    0x04: ("keyfile-blake2", True),
    0x05: ("repokey-blake2", True),
    0x06: ("authenticated-blake2", False),
    0x07: ("authenticated", False),
}
# Formats that compress or bundle but never encrypt.
PLAIN_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"BZh", "bzip2"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"%PDF", "PDF document"),
)


@dataclass(frozen=True)
class Artifact:
    path: str
    kind: str
    encrypted: bool | None  # None: could not tell
    certainty: str  # FACT, GUESS, or "" when nothing could be said
    detail: str = ""
    weak: bool = False  # encrypted, but with a scheme that is broken
    newest: datetime | None = None
    size: int = 0
    files: int = 1
    notes: tuple[str, ...] = field(default_factory=tuple)
    empty: str = ""  # why it holds no backup at all ("0 bytes", "no files in it"); "" when it holds data
    older: tuple[str, ...] = ()  # a folder's older files identified by format, when its newest was not
    # A folder whose newest file (newest_file) was not identified: why ("is empty (0 bytes)"), and
    # the older file that dates it instead ("" when none could be: newest is then None).
    newest_file: str = ""
    unidentified: str = ""
    dated_by: str = ""


def backup_facts(path: Path) -> dict | None:
    """What the System seam records about a backup location: facts, never contents.
    None when the path does not exist; {"error": ...} when it cannot be read or is no backup
    file or folder (a FIFO, a device, a kernel pseudo-file, a damaged archive)."""
    try:
        if not path.exists():
            return None
        a = identify(path)
    except BackupError as exc:
        return {"error": exc.reason}
    except OSError as exc:
        return {"error": exc.strerror or str(exc)}
    return {
        "kind": a.kind,
        "encrypted": a.encrypted,
        "certainty": a.certainty,
        "weak": a.weak,
        "detail": a.detail,
        "newest": a.newest.replace(microsecond=0).isoformat() if a.newest else None,
        "size": a.size,
        "files": a.files,
        **({"empty": a.empty} if a.empty else {}),
        **(
            {"newest_file": a.newest_file, "unidentified": a.unidentified, "dated_by": a.dated_by}
            if a.unidentified
            else {}
        ),
    }


def _entropy(chunks: list[bytes]) -> float:
    data = b"".join(chunks)
    if not data:
        return 0.0
    counts = Counter(data)
    n = len(data)
    return max(0.0, -sum(c / n * math.log2(c / n) for c in counts.values()))  # never "-0.00"


def _samples(fh: RegularFile, size: int) -> list[bytes]:
    """Three samples (start, middle, end): enough to tell random from structured bytes."""
    out = []
    for at in sorted({0, max(0, size // 2 - SAMPLE // 2), max(0, size - SAMPLE)}):
        fh.seek(at)
        out.append(fh.read(SAMPLE))
    return out


def identify_file(path: Path, follow: bool = True) -> Artifact:
    """One regular file (follow=False: a symbolic link is refused, for files found in a folder)."""
    with open_regular(path, follow=follow) as fh:
        return _identify_open(path, fh)


def _damaged(kind: str, exc: ParseError, path: Path) -> BackupError:
    if isinstance(exc, Unsupported):
        return BackupError(f"a {kind} hygiene cannot read: {exc}", path)
    return BackupError(f"damaged {kind}: {exc}", path)


def _identify_open(path: Path, fh: RegularFile) -> Artifact:
    size, newest = fh.size, _ts(fh.stat.st_mtime)
    notes = () if newest else ("its modification time is outside the dates hygiene can show",)

    def art(kind: str, encrypted: bool | None, certainty: str = FACT, **kw) -> Artifact:
        kw["notes"] = (*kw.get("notes", ()), *notes)
        return Artifact(str(path), kind, encrypted, certainty, newest=newest, size=size, **kw)

    if size == 0:
        return art("empty file", None, "", detail="0 bytes", empty="0 bytes", notes=_named_like(path))
    head = fh.read(SAMPLE)
    text_head = head[:64].lstrip()
    if head.startswith(b"age-encryption.org/v1\n") or text_head.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
        return art("age file", True, detail="age (X25519 or scrypt passphrase, ChaCha20-Poly1305)")
    if text_head.startswith(b"-----BEGIN PGP MESSAGE-----"):
        return art("OpenPGP message (armored)", True, detail="encrypted to a key or a passphrase")
    if head[:1] and head[0] & 0x80:
        pgp = _openpgp_tag(head)
        if pgp in (1, 3, 18):
            how = {1: "encrypted to a key", 3: "encrypted with a passphrase"}.get(pgp, "encrypted")
            return art("OpenPGP message", True, detail=how)
        if pgp is not None:
            return art("OpenPGP message", False, detail="signed or compressed, not encrypted")
    if head.startswith(b"Salted__"):
        return art(
            "OpenSSL enc file",
            True,
            detail="`openssl enc` with a salt; the file cannot show whether -pbkdf2 was used",
            notes=("`openssl enc` without -pbkdf2 derives the key with one MD5 round: re-encrypt with age or restic.",),
        )
    if head.startswith(b"LUKS\xba\xbe"):
        version = struct.unpack_from(">H", head, 6)[0] if len(head) >= 8 else 0
        return art(f"LUKS{version} container", True, detail="dm-crypt/LUKS encrypted volume image")
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        try:
            facts = seven_zip_facts(fh, size)
        except ParseError as exc:
            raise _damaged("7-Zip archive", exc, path) from None
        if facts.names_encrypted:
            return art("7-Zip archive", True, detail="AES-256, file names encrypted too")
        if facts.content_encrypted:
            return art("7-Zip archive", True, detail="AES-256; file names are readable (use -mhe=on to hide them)")
        return art("7-Zip archive", False, detail="no password")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            z = zip_facts(fh, size)
        except ParseError as exc:
            raise _damaged("ZIP archive", exc, path) from None
        entries = count(z.entries, "entry", "entries")
        if z.entries and z.encrypted == z.entries and not z.zipcrypto:
            return art("ZIP archive", True, detail=f"AES, {'all ' if z.entries > 1 else ''}{entries}")
        if z.zipcrypto:
            return art(
                "ZIP archive",
                True,
                weak=True,
                detail=f"ZipCrypto (legacy, broken) on {z.zipcrypto} of {entries}",
                notes=("ZipCrypto can be cracked without the password: use 7-Zip with AES-256, age or restic.",),
            )
        if z.encrypted:
            verb = "is" if z.encrypted == 1 else "are"
            return art("ZIP archive", False, detail=f"only {z.encrypted} of {entries} {verb} encrypted")
        return art("ZIP archive", False, detail=f"{entries}, none encrypted")
    if len(head) > 262 and head[257:262] == b"ustar":
        return art("tar archive", False)
    for magic, name in PLAIN_MAGIC:
        if head.startswith(magic):
            kind = f"{name} file" if not name.endswith(("database", "document")) else name
            return art(kind, False, detail="compressed or stored as is, not encrypted")
    samples = _samples(fh, size)
    if all(s.count(0) == len(s) for s in samples):
        blank = _no_data(fh, size)
        if blank:
            return art("file without data", None, "", detail=blank, empty=blank, notes=_named_like(path))
    bits = _entropy(samples)
    if bits >= 7.95:
        return art(
            "unknown high-entropy data",
            True,
            GUESS,
            detail=f"{bits:.3f} bits per byte: looks encrypted or compressed; hygiene cannot prove which",
        )
    return art("unknown file", False, GUESS, detail=f"{bits:.2f} bits per byte: readable structure, not encrypted")


def _no_data(fh: RegularFile, size: int) -> str:
    """Why a file whose samples are all zero bytes holds no backup: only holes (a sparse file
    nothing was written to), or zero bytes throughout (its data regions read ZERO_CHUNK at a
    time, within the read budget); "" as soon as a byte is not zero."""
    at = fh.next_data(0)
    if at >= size:
        return f"{byte_size(size)}, all holes: a sparse file nothing was written to"
    while at < size:
        n = min(ZERO_CHUNK, size - at, fh.left)
        if n == 0:
            return f"{byte_size(size)}; the first {byte_size(fh.budget)} hygiene reads are all zero bytes"
        fh.seek(at)
        chunk = fh.read(n)
        if not chunk:
            break  # cut short while being read: what was there is zero bytes
        if chunk.count(0) != len(chunk):
            return ""
        at = fh.next_data(at + len(chunk))
    return f"{byte_size(size)}, all zero bytes"


# Names a backup is given: a file so named with nothing in it is a backup that failed.
BACKUP_SUFFIXES = (".zip", ".7z", ".tar", ".tgz", ".gz", ".zst", ".xz", ".bz2", ".age", ".gpg", ".pgp", ".asc",
                   ".enc", ".restic", ".borg", ".bak", ".backup", ".img", ".dmg", ".sparsebundle")  # fmt: skip


def _named_like(path: Path) -> tuple[str, ...]:
    """A note when an empty file's name says it is a backup: the job that wrote it failed."""
    suffix = next((s for s in BACKUP_SUFFIXES if path.name.lower().endswith(s)), "")
    if not suffix:
        return ()
    return (f"Its name ends in {suffix}, yet it holds nothing: the backup that wrote it failed or was cut off.",)


def _openpgp_tag(head: bytes) -> int | None:
    """The first packet's tag, when its header and first body byte are what OpenPGP writes:
    public-key (1) or passphrase (3) session key, encrypted data (18); or signed (2, 4),
    compressed (8) or literal (11) data, which is not encrypted."""
    first = head[0]
    if first & 0x40:  # new format: tag, then a 1, 2 or 5 byte length
        tag = first & 0x3F
        n = 1 if len(head) > 1 and head[1] < 192 else 2 if len(head) > 1 and head[1] < 224 else 5
    else:  # old format: tag and length type in the first byte
        tag = (first >> 2) & 0x0F
        n = {0: 1, 1: 2, 2: 4}.get(first & 0x03, 0)
    version = head[1 + n] if len(head) > 1 + n else None
    plausible = {1: {3, 6}, 3: {4, 5, 6}, 18: {1, 2}, 2: {4, 5, 6}, 4: {3, 6}, 8: {0, 1, 2, 3}, 11: set(b"btum")}
    return tag if version in plausible.get(tag, ()) else None


def _walk(
    root: Path, below: str = "", keep: int = 1, *, with_data: bool = False
) -> tuple[int, int, datetime | None, list[Path]]:
    """Files, bytes, newest time and the `keep` newest files, newest first, under root/below
    (bounded: MAX_WALK entries). Only regular files count, by lstat: links, FIFOs, devices and
    sockets are passed over; with_data, files of 0 bytes too."""
    files = total = seen = 0
    newest_t = None
    recent: list[tuple[float, str]] = []  # a heap of the `keep` newest (time, path)
    start = root / below if below else root
    for dirpath, dirs, names in os.walk(start):
        seen += len(dirs)
        for name in names:
            seen += 1
            if seen > MAX_WALK:
                break
            p = Path(dirpath, name)
            try:
                st = p.lstat()
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode) or (with_data and st.st_size == 0):
                continue
            files += 1
            total += st.st_size
            if newest_t is None or st.st_mtime > newest_t:
                newest_t = st.st_mtime
            (heapq.heappush if len(recent) < keep else heapq.heappushpop)(recent, (st.st_mtime, str(p)))
        if seen >= MAX_WALK:
            break
    return files, total, _ts(newest_t), [Path(p) for _, p in sorted(recent, reverse=True)]


def _ts(t: float | None) -> datetime | None:
    """A file time as a date; None when there is none or it is outside what a date can hold."""
    if t is None:
        return None
    try:
        return datetime.fromtimestamp(t, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _borg_mode(repo: Path) -> tuple[str, bool] | None:
    """The key type of the first stored object in the lowest-numbered segment."""
    segments = sorted(
        (p for p in (repo / "data").glob("*/*") if p.name.isdigit() and p.parent.name.isdigit()),
        key=lambda p: (int(p.parent.name), int(p.name)),
    )
    for seg in segments[:MAX_SEGMENTS]:
        try:
            fh = open_regular(seg, follow=False, budget=8 + 42 * MAX_OBJECTS)
        except BackupError:
            continue  # a link, a FIFO, a device: no segment borg wrote
        with fh:
            mode = _first_object_mode(fh)
        if mode is not None:
            return mode
    return None


def _first_object_mode(fh: RegularFile) -> tuple[str, bool] | None:
    if fh.read(8) != b"BORG_SEG":
        return None
    for _ in range(MAX_OBJECTS):
        header = fh.read(41)
        if len(header) < 9:
            return None
        _crc, size, tag = struct.unpack_from("<IIB", header)
        if size < 9:
            return None
        if tag == 0 and len(header) == 41:  # PUT: 32-byte id, then the object
            first = fh.read(1)
            return BORG_KEYS.get(first[0], (f"unknown type {first[0]:#04x}", False)) if first else None
        fh.seek(size - len(header), os.SEEK_CUR)
    return None


def _borg_config(path: Path) -> str | None:
    config = path / "config"
    if not _is_regular(config) or not (path / "data").is_dir():
        return None
    try:
        with open_regular(config, follow=False) as fh:
            return fh.read(BORG_CONFIG_MAX).decode("utf-8", errors="replace") if fh.size < BORG_CONFIG_MAX else None
    except BackupError:
        return None


def identify(path: Path) -> Artifact:
    """A file, a restic or borg repository, or a folder of backups (judged by its newest file).
    Raises OSError, and BackupError (an OSError) for what is no backup file or folder."""
    if not stat.S_ISDIR(os.stat(path).st_mode):
        return identify_file(path)  # refused there unless it is a regular file
    if (path / "config").is_file() and (path / "keys").is_dir() and (path / "snapshots").is_dir():
        files, total, _, _ = _walk(path)
        if total == 0:  # restic encrypts every file it writes, so none is empty: a copy that failed
            blank = _zero_bytes(files)
            return Artifact(str(path), "restic repository, all empty", None, "", blank, files=files, empty=blank)
        _, _, newest, _ = _walk(path, "snapshots", with_data=True)  # an empty snapshot file dates nothing
        return Artifact(
            str(path), "restic repository", True, FACT, "restic always encrypts (AES-256 + Poly1305)", False,
            newest, total, files,
        )  # fmt: skip
    config = _borg_config(path)
    if config is not None and "[repository]" in config:
        files, total, newest, _ = _walk(path, "data")
        mode = _borg_mode(path)
        if mode is None:
            return Artifact(str(path), "borg repository", None, "", "no stored objects to read the mode from",
                            newest=newest, size=total, files=files)  # fmt: skip
        name, encrypted = mode
        notes = () if encrypted else (f"borg mode '{name}' stores data readable by anyone with the repository.",)
        return Artifact(str(path), "borg repository", encrypted, FACT, f"encryption mode: {name}", False,
                        newest, total, files, notes)  # fmt: skip
    return _folder(path)


def _folder(path: Path) -> Artifact:
    """A folder of backups, judged by its newest file. When that one cannot be identified by
    its format (or is empty) but older ones can, the verdict names them instead of trusting
    the newest's bytes: a backup whose format changed, or that was cut short, is news."""
    files, total, newest, recent = _walk(path, keep=1 + MAX_OLDER)
    if not recent:
        return Artifact(str(path), "empty folder", None, "", "no files in it", files=0, empty="no files in it")
    if total == 0:
        blank = _zero_bytes(files)
        return Artifact(str(path), f"folder of {count(files, 'file')}, all empty", None, "", blank,
                        newest=newest, files=files, empty=blank)  # fmt: skip
    first, name = recent[0], recent[0].name
    try:
        inner = identify_file(first, follow=False)
    except BackupError as exc:
        raise BackupError(f"its newest file, {first.relative_to(path)}: {exc.reason}", path) from None
    kind = f"folder of {count(files, 'file')}; newest: {name} ({inner.kind})"
    if inner.certainty == FACT:
        return Artifact(str(path), kind, inner.encrypted, inner.certainty, inner.detail, inner.weak, newest, total,
                        files, inner.notes)  # fmt: skip
    older, blank, dated, plain = _older(recent[1:])
    unidentified = f"is empty ({inner.empty})" if inner.empty else "is in no format hygiene knows"
    if older:  # the last backup that can be restored decides against, never for: the newest may differ
        what = unidentified if inner.empty else f"{unidentified} ({inner.detail})"
        encrypted, certainty = (False, FACT) if plain else (None, "")
        return Artifact(str(path), kind, encrypted, certainty, f"its newest file, {name}, {what}", False, dated,
                        total, files, inner.notes, older=older, newest_file=name,
                        unidentified=unidentified, dated_by=older[0])  # fmt: skip
    if inner.empty and blank + 1 == files:  # every file was opened, and none holds data
        return Artifact(str(path), f"folder of {count(files, 'file')}, all empty", None, "",
                        f"none of its {count(files, 'file')} holds data", newest=newest, size=total, files=files,
                        empty=f"none of its {count(files, 'file')} holds data")  # fmt: skip
    detail = f"its newest file, {name}, is empty ({inner.empty})" if inner.empty else inner.detail
    return Artifact(str(path), kind, inner.encrypted, inner.certainty, detail, inner.weak, None, total, files,
                    inner.notes, newest_file=name, unidentified=unidentified)  # fmt: skip


def _zero_bytes(files: int) -> str:
    """Why a folder whose files are all 0 bytes holds no backup."""
    said = {1: "its one file is 0 bytes", 2: "both its files are 0 bytes"}
    return said.get(files, f"all {files:,} files are 0 bytes")


def _older(paths: list[Path]) -> tuple[tuple[str, ...], int, datetime | None, bool]:
    """The first SHOW_OLDER of `paths` identified by their format, as "name (kind)", how many
    of those opened held no data, and the time of the first identified (the newest, as `paths`
    run newest first) and whether its format is plain. One that cannot be opened or read is
    passed over."""
    named: list[str] = []
    blank = 0
    dated, plain = None, False
    for p in paths:
        try:
            a = identify_file(p, follow=False)
        except OSError:  # BackupError too: a link, a FIFO, a damaged archive is no evidence
            continue
        blank += bool(a.empty)
        if a.certainty == FACT:
            plain = plain if named else a.encrypted is False
            dated = dated or a.newest
            named.append(f"{p.name} ({a.kind}{', not encrypted' if a.encrypted is False else ''})")
            if len(named) == SHOW_OLDER:
                break
    return tuple(named), blank, dated, plain
