"""ZIP and 7-Zip encryption from their headers alone: which entries are encrypted, and how.

Both are read from a few blocks of the file (the ZIP central directory, the 7-Zip header),
never the data, so a 10 GB archive costs the same as a small one.

Whatever the bytes, the readers raise only ParseError (Unsupported for a form hygiene does not
read): every offset and size is checked against the file and MAX_DIRECTORY before it is used,
and a packed 7z header is unpacked in pieces, never past its declared size nor MAX_DIRECTORY,
with a dictionary no larger than that size."""

from __future__ import annotations

import lzma
import struct
from dataclasses import dataclass
from typing import Protocol

from hygiene.parsers import ParseError

MAX_DIRECTORY = 64 * 1024 * 1024  # a central directory or 7z header larger than this is not read
UNPACK_CHUNK = 1024 * 1024  # a packed 7z header is unpacked and searched this much at a time
AES_CODER = b"\x06\xf1\x07\x01"  # 7-Zip's AES-256 + SHA-256 coder id


class Unsupported(ParseError):
    """A well-formed archive in a form hygiene does not read (a huge directory, another coder)."""


class Readable(Protocol):
    """What the readers need of a file: hygiene.backup.files.RegularFile, or a BinaryIO."""

    def read(self, n: int, /) -> bytes: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


@dataclass(frozen=True)
class ZipFacts:
    entries: int
    encrypted: int
    aes: int  # WinZip AES (method 99)
    zipcrypto: int  # the legacy scheme: broken by known-plaintext attacks


def zip_facts(fh: Readable, size: int) -> ZipFacts:
    """Every entry of the central directory (found through the end record) by its flags."""
    tail_len = min(size, 65_557)  # the end record (22 bytes) plus the longest comment
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0:
        raise ParseError("no ZIP end-of-directory record (a cut or damaged ZIP?)")
    if at + 22 > len(tail):
        raise ParseError("the ZIP end-of-directory record is cut short")
    cd_size, cd_offset = struct.unpack_from("<II", tail, at + 12)
    if 0xFFFFFFFF in (cd_size, cd_offset):
        cd_size, cd_offset = _zip64_directory(fh, tail, at, size)
    if cd_size > MAX_DIRECTORY:
        raise Unsupported(f"the ZIP directory is {cd_size} bytes, more than hygiene reads ({MAX_DIRECTORY})")
    if cd_offset + cd_size > size:
        raise ParseError("the ZIP directory is out of bounds (a cut or damaged ZIP?)")
    fh.seek(cd_offset)
    cd = fh.read(cd_size)
    entries = encrypted = aes = 0
    pos = 0
    while pos + 46 <= len(cd) and cd[pos : pos + 4] == b"PK\x01\x02":
        flags, method = struct.unpack_from("<HH", cd, pos + 8)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", cd, pos + 28)
        name = cd[pos + 46 : pos + 46 + name_len]
        pos += 46 + name_len + extra_len + comment_len
        if name.endswith(b"/"):
            continue  # a folder has no data to protect
        entries += 1
        if flags & 1:
            encrypted += 1
            aes += method == 99
    return ZipFacts(entries, encrypted, aes, encrypted - aes)


def _zip64_directory(fh: Readable, tail: bytes, at: int, size: int) -> tuple[int, int]:
    """Size and offset of the directory from the ZIP64 end record, found through its locator
    (20 bytes just before the classic end record)."""
    locator = at - 20
    if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
        raise ParseError("the ZIP end record points out of bounds and there is no ZIP64 locator")
    (record_at,) = struct.unpack_from("<Q", tail, locator + 8)
    if record_at + 56 > size:
        raise ParseError("the ZIP64 end record is out of bounds")
    fh.seek(record_at)
    record = fh.read(56)
    if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
        raise ParseError("no ZIP64 end record where its locator points")
    cd_size, cd_offset = struct.unpack_from("<QQ", record, 40)
    return cd_size, cd_offset


@dataclass(frozen=True)
class SevenZipFacts:
    content_encrypted: bool
    names_encrypted: bool  # -mhe=on: even the file list needs the password


def _number(buf: bytes, pos: int) -> tuple[int, int]:
    """7-Zip's variable-length number: leading one bits say how many bytes follow."""
    first = buf[pos]
    mask, extra = 0x80, 0
    while extra < 8 and first & mask:
        extra += 1
        mask >>= 1
    value = int.from_bytes(buf[pos + 1 : pos + 1 + extra], "little")
    if extra < 8:
        value |= (first & (mask - 1)) << (8 * extra)
    return value, pos + 1 + extra


def _encoded_header(header: bytes) -> tuple[int, int, bytes, bytes, int]:
    """packPos, packSize, coder id, coder properties, unpacked size of an encoded header
    with one folder of one coder (what 7-Zip writes)."""
    pos = 1
    if header[pos] != 0x06:  # kPackInfo
        raise ParseError("unexpected 7z encoded header")
    pack_pos, pos = _number(header, pos + 1)
    streams, pos = _number(header, pos)
    if streams != 1 or header[pos] != 0x09:
        raise ParseError("unexpected 7z pack info")
    pack_size, pos = _number(header, pos + 1)
    while header[pos] != 0x00:  # skip pack CRCs, if any, to kEnd
        pos += 1
    pos += 1
    if header[pos : pos + 2] != b"\x07\x0b":  # kUnpackInfo, kFolder
        raise ParseError("unexpected 7z unpack info")
    folders, pos = _number(header, pos + 2)
    external, coders_count = header[pos], header[pos + 1]
    if folders != 1 or external or coders_count != 1:
        raise Unsupported("the 7z header is packed in a way hygiene does not read")
    flag = header[pos + 2]
    id_len = flag & 0x0F
    coder = header[pos + 3 : pos + 3 + id_len]
    pos += 3 + id_len
    props = b""
    if flag & 0x20:
        props_len, pos = _number(header, pos)
        props = header[pos : pos + props_len]
        pos += props_len
    if header[pos] != 0x0C:  # kCodersUnpackSize
        raise ParseError("unexpected 7z coder sizes")
    unpacked, _ = _number(header, pos + 1)
    return pack_pos, pack_size, coder, props, unpacked


def _filters(coder: bytes, props: bytes, unpacked: int) -> list[dict]:
    """The raw LZMA filter chain for a header coder. The dictionary is capped at the unpacked
    size: a stream never refers further back than what it produces, and liblzma allocates
    the whole dictionary up front (a header can claim 4 GiB)."""
    cap = max(unpacked, 4096)
    if coder == b"\x03\x01\x01" and len(props) == 5:  # LZMA
        d = props[0]
        if d >= 9 * 5 * 5:
            raise ParseError("the 7z header's LZMA properties are invalid")
        lc, lp, pb = d % 9, (d // 9) % 5, d // 45
        dict_size = min(int.from_bytes(props[1:], "little"), cap)
        return [{"id": lzma.FILTER_LZMA1, "dict_size": max(dict_size, 4096), "lc": lc, "lp": lp, "pb": pb}]
    if coder == b"\x21" and len(props) == 1:  # LZMA2
        p = props[0]
        if p > 40:
            raise ParseError("the 7z header's LZMA2 properties are invalid")
        dict_size = 0xFFFFFFFF if p == 40 else (2 | (p & 1)) << (p // 2 + 11)
        return [{"id": lzma.FILTER_LZMA2, "dict_size": max(min(dict_size, cap), 4096)}]
    raise Unsupported(f"the 7z header is packed with coder {coder.hex()}, which hygiene does not unpack")


def _unpacked_contains(data: bytes, coder: bytes, props: bytes, unpacked: int, needle: bytes) -> bool:
    """Whether `needle` is in the first `unpacked` bytes of the packed header, unpacked and
    searched UNPACK_CHUNK at a time (memory: the dictionary and one chunk)."""
    filters = _filters(coder, props, unpacked)
    try:
        decoder = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)
        done, carry, pending = 0, b"", data
        while done < unpacked and not decoder.eof:
            out = decoder.decompress(pending, max_length=min(UNPACK_CHUNK, unpacked - done))
            pending = b""
            if not out:
                break
            if needle in carry + out:
                return True
            carry = out[-(len(needle) - 1) :]
            done += len(out)
    except (lzma.LZMAError, ValueError, EOFError) as exc:
        raise ParseError(f"the 7z header would not unpack ({exc})") from None
    return False


def seven_zip_facts(fh: Readable, size: int) -> SevenZipFacts:
    fh.seek(0)
    start = fh.read(32)
    if len(start) < 32 or not start.startswith(b"7z\xbc\xaf\x27\x1c"):
        raise ParseError("the 7z start header is cut short")
    offset, length = struct.unpack_from("<QQ", start, 12)
    if length > MAX_DIRECTORY or 32 + offset + length > size:
        raise ParseError("the 7z header is out of bounds (a cut or damaged archive?)")
    fh.seek(32 + offset)
    header = fh.read(length)
    if not header:
        return SevenZipFacts(False, False)  # an empty archive
    if header[0] == 0x01:  # a plain header: the coders of the data are listed in it
        return SevenZipFacts(AES_CODER in header, False)
    if header[0] != 0x17:
        raise ParseError("unknown 7z header type")
    if AES_CODER in header:  # the header itself is encrypted
        return SevenZipFacts(True, True)
    try:
        pack_pos, pack_size, coder, props, unpacked = _encoded_header(header)
    except (IndexError, struct.error):
        raise ParseError("the 7z header is cut short") from None
    if pack_size > MAX_DIRECTORY or unpacked > MAX_DIRECTORY or 32 + pack_pos + pack_size > size:
        raise ParseError("the packed 7z header is out of bounds")
    fh.seek(32 + pack_pos)
    return SevenZipFacts(_unpacked_contains(fh.read(pack_size), coder, props, unpacked, AES_CODER), False)
