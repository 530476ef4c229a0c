"""Property tests: real backup artifacts, cut and overwritten at random (mostly where their
headers are), are identified or refused with the module's own error, never a crash; and
`backup verify` on them exits 0, 1 or 2, never with a traceback."""

import bz2
import gzip
import io
import lzma
import os
import shutil
import subprocess
import tarfile
import zipfile
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from hygiene.backup.identify import Artifact, BackupError, backup_facts, identify
from hygiene.backup.verdict import parse_max_age
from hygiene.cli.app import app
from hygiene.errors import UserError
from tests.backup.test_backup_hostile import lzma_raw, packed_header, seven_zip
from tests.helpers import fuzz_settings

FAST = fuzz_settings(300)
runner = CliRunner()
LEDGER = b"".join(b"invoice,%d,PKR %d\n" % (i, i * 1000) for i in range(200))


def _zip(**kw) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", **kw) as z:
        z.comment = b"nightly"
        z.writestr("books/", "")
        for i in range(3):
            z.writestr(f"books/ledger-{i}.csv", LEDGER)
    return buf.getvalue()


def _zip_flagged_encrypted() -> bytes:
    """A ZIP whose entries say they are ZipCrypto-encrypted (the flag bit, in both headers)."""
    data = bytearray(_zip())
    for magic, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(magic)
        while pos >= 0:
            data[pos + at] |= 1
            pos = data.find(magic, pos + 4)
    return bytes(data)


def _tar(mode: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        info = tarfile.TarInfo("ledger.csv")
        info.size = len(LEDGER)
        t.addfile(info, io.BytesIO(LEDGER))
    return buf.getvalue()


def _real_7z() -> dict[str, bytes]:
    """Archives made by the real 7z (when installed): plain, AES, AES with hidden names; 40
    files, so that 7-Zip packs the header with LZMA."""
    if shutil.which("7z") is None:
        return {}
    import tempfile

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp, "data")
        data.mkdir()
        for i in range(40):
            (data / f"ledger-{i:02}.csv").write_bytes(LEDGER[: 100 + i])
        for name, args in (("plain", ()), ("aes", ("-psecret-42",)), ("hidden", ("-psecret-42", "-mhe=on"))):
            target = Path(tmp, f"{name}.7z")
            subprocess.run(["7z", "a", "-bd", *args, str(target), str(data)], check=True, capture_output=True)
            out[f"7z-{name}"] = target.read_bytes()
    return out


@cache
def seeds() -> dict[str, bytes]:
    listing = lzma_raw(b"\x01\x04\x06\x00\x01\x09" + b"\x00" * 40)
    return {
        "zip-stored": _zip(),
        "zip-deflated": _zip(compression=zipfile.ZIP_DEFLATED),
        "zip-zipcrypto-flags": _zip_flagged_encrypted(),
        "tar": _tar("w"),
        "tar.gz": _tar("w:gz"),
        "tar.xz": _tar("w:xz"),
        "gzip": gzip.compress(LEDGER),
        "bzip2": bz2.compress(LEDGER),
        "xz": lzma.compress(LEDGER),
        "7z-hand-packed": seven_zip(packed_header(46, listing, 1 << 16), listing),
        "age": b"age-encryption.org/v1\n-> X25519 abc\nXYZ\n--- abc\n" + os.urandom(300),
        "openssl": b"Salted__" + os.urandom(300),
        "pgp-symmetric": bytes([0x8C, 0x0D, 0x04, 0x09, 0x03, 0x08]) + os.urandom(200),
        "luks": b"LUKS\xba\xbe\x00\x02" + bytes(600),
        **_real_7z(),
    }


EXTREMES = (0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 2**63 - 1, 2**64 - 1)


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A seed, changed one to four times: cut short, a byte set, a little-endian field set to an
    extreme, bytes inserted. Places are drawn near the start and the end (where the ZIP end
    record and 7-Zip's start and main headers are) as often as anywhere."""
    name = draw(st.sampled_from(sorted(seeds())))
    data = bytearray(seeds()[name])
    for _ in range(draw(st.integers(1, 4))):
        n = len(data)
        at = draw(st.one_of(st.integers(0, min(n, 48)), st.integers(max(0, n - 96), n), st.integers(0, n)))
        op = draw(st.sampled_from(("cut", "byte", "field", "insert")))
        if op == "cut":
            del data[at:]
        elif op == "byte" and at < n:
            data[at] = draw(st.integers(0, 255))
        elif op == "field":
            width = draw(st.sampled_from((1, 2, 4, 8)))
            value = draw(st.sampled_from(EXTREMES)) % (1 << (8 * width))
            data[at : at + width] = value.to_bytes(width, "little")
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return name, bytes(data)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def test_seeds_are_what_they_claim(workdir):
    """The mutations start from artifacts identify() reads correctly."""
    kinds = {}
    for name, blob in seeds().items():
        path = workdir / f"seed-{name}"
        path.write_bytes(blob)
        kinds[name] = identify(path)
    assert kinds["zip-zipcrypto-flags"].weak and kinds["zip-stored"].encrypted is False
    assert kinds["7z-hand-packed"].kind == "7-Zip archive" and kinds["7z-hand-packed"].encrypted is False
    assert kinds["tar"].kind == "tar archive" and kinds["luks"].encrypted
    if "7z-hidden" in kinds:
        assert kinds["7z-hidden"].detail.startswith("AES-256, file names encrypted")
        assert kinds["7z-plain"].encrypted is False and kinds["7z-aes"].encrypted


@FAST
@given(case=mutated())
def test_identify_gives_facts_or_its_own_error(workdir, case):
    name, blob = case
    path = workdir / "case.bin"
    path.write_bytes(blob)
    try:
        a = identify(path)
    except BackupError as exc:
        assert str(path) in str(exc)
        assert backup_facts(path) == {"error": exc.reason}
    else:
        assert isinstance(a, Artifact) and a.size == len(blob)
        assert a.encrypted in (True, False, None)
        facts = backup_facts(path)
        assert facts is not None and "error" not in facts and facts["kind"] == a.kind


@fuzz_settings(120)
@given(case=mutated())
def test_backup_verify_exits_0_1_or_2_and_names_the_file(workdir, case):
    name, blob = case
    path = workdir / "cli-case.bin"
    path.write_bytes(blob)
    for fmt in ("text", "json"):
        r = runner.invoke(app, ["backup", "verify", str(path), "-f", fmt])
        assert isinstance(r.exception, SystemExit | None), (name, r.exception)
        assert r.exit_code in (0, 1, 2) and "Traceback" not in r.output
        if r.exit_code == 2:
            assert str(path) in r.stderr


@fuzz_settings(300)
@given(text=st.text(max_size=40) | st.from_regex(r"\A-?[0-9]{1,30}[hdwxHDW]?\Z"))
def test_max_age_is_a_bounded_span_or_a_usage_error(text):
    try:
        span = parse_max_age(text)
    except UserError as exc:
        assert "--max-age" in str(exc)
    else:
        assert timedelta(hours=1) <= span <= timedelta(days=36500)
