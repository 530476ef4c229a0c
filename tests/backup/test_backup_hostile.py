"""Backups named by someone else: a profile from a cloned repository, a path on the command
line, a damaged or hostile archive. Input never acts (no tool reads a path as a URL, a remote
or an option; nothing remote is contacted), only regular files are opened and never in a way
that blocks, consumes or reads without bound, and no archive makes hygiene crash."""

import json
import lzma
import os
import shutil
import struct
import subprocess
import sys
import threading
import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene import files as hygiene_files
from hygiene.backup import files
from hygiene.backup.identify import Artifact, BackupError, backup_facts, identify
from hygiene.backup.verdict import parse_max_age
from hygiene.checks import backups
from hygiene.checks.backups import declared, linux
from hygiene.cli.app import app
from hygiene.engine import run_checks
from hygiene.errors import UserError
from hygiene.model import Status
from hygiene.profile import DeclaredBackup, Profile
from hygiene.snapshot import record
from hygiene.system.local import LocalSystem
from hygiene.system.recorded import RecordedSystem

runner = CliRunner()
BAK = (backups.backup_configured, backups.backup_recent, backups.backup_encrypted, backups.backup_offsite)
NETWORK_TOOLS = ("ssh", "sftp", "scp", "rclone", "borg", "kopia")


def verify(path, *args):
    return runner.invoke(app, ["backup", "verify", str(path), *args])


def within(seconds, fn, *args):
    """fn(*args) in a thread: a read that blocks fails the test instead of hanging the suite."""
    box = {}

    def go():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            box["error"] = exc

    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{getattr(fn, '__name__', fn)} blocked for more than {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["value"]


def restic_like(folder: Path) -> Path:
    """A folder with the shape of a restic repository (what identify() recognises)."""
    for sub in ("keys", "snapshots", "data/00"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "config").write_bytes(os.urandom(200))
    (folder / "data" / "00" / "00aa").write_bytes(os.urandom(2000))
    return folder


# --- 1. input never acts --------------------------------------------------------------------


@pytest.fixture
def fake_tools(tmp_path, monkeypatch):
    """ssh, sftp, scp, rclone, borg and kopia first on PATH, each writing its argv to a log
    when called; returns (bin folder, log). The System runs commands with this PATH."""
    fakebin, log = tmp_path / "fakebin", tmp_path / "calls.log"
    fakebin.mkdir()
    for name in NETWORK_TOOLS:
        program = fakebin / name
        program.write_text(
            f"#!/bin/sh\n{{ printf '%s' {name}; for a in \"$@\"; do printf '\\t%s' \"$a\"; done; echo; }} >> '{log}'\n"
            "exit 1\n"
        )
        program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fakebin}{os.pathsep}{os.environ['PATH']}")
    return fakebin, log


@pytest.fixture
def fake_restic(fake_tools):
    """A restic that records its argv and says it has no password (what restic does here)."""
    fakebin, log = fake_tools
    program = fakebin / "restic"
    program.write_text((fakebin / "ssh").read_text().replace("printf '%s' ssh", "printf '%s' restic"))
    program.chmod(0o755)
    return log


def calls(log: Path) -> list[list[str]]:
    return [line.split("\t") for line in log.read_text().splitlines()] if log.exists() else []


def hostile_profile(tmp_path, monkeypatch) -> tuple[Profile, set[str]]:
    """[[backups]] as a cloned repository's profile might declare them, and the only restic
    locations each may lead to. The working folder is tmp_path (conftest)."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "sub").mkdir()
    paths = ["sftp:host:/x", "rclone:evil:x", "--password-command=touch pwned", "~/restic", "sub/../plain"]
    for p in paths:
        restic_like(Path(p.replace("~", str(home), 1)))
    restic_like(tmp_path / "nas:" / "srv" / "restic")  # a local folder a remote name could be mistaken for
    expected = {
        f"local:{tmp_path}/sftp:host:/x",
        f"local:{tmp_path}/rclone:evil:x",
        f"local:{tmp_path}/--password-command=touch pwned",
        f"local:{home}/restic",
        f"local:{tmp_path}/plain",
    }
    remote = ["sftp:nas:/restic", "rclone:remote:bucket", "nas:/srv/restic", "ssh://backup@nas/./borg",
              "backup@nas:borg", "rest:http://127.0.0.1:9/", "s3:http://127.0.0.1:9/bucket"]  # fmt: skip
    declared = [DeclaredBackup(f"path {i}", p, None, False, i + 1) for i, p in enumerate(paths)]
    declared += [DeclaredBackup(f"remote {i}", None, r, True, 20 + i) for i, r in enumerate(remote)]
    return Profile(backups=tuple(declared)), expected


def restic_locations(argvs: list[list[str]]) -> list[str]:
    """The repository each restic call was given; every call asks the same read-only question."""
    for argv in argvs:
        assert argv[:6] == ["restic", "snapshots", "--json", "--no-lock", "--no-cache", "--repo"] and len(argv) == 7
    return [argv[6] for argv in argvs]


def test_declared_paths_reach_restic_only_as_local_absolute_paths(tmp_path, monkeypatch, fake_restic):
    profile, expected = hostile_profile(tmp_path, monkeypatch)
    found = run_checks(LocalSystem(profile=profile), BAK)
    made = calls(fake_restic)
    assert [c for c in made if c[0] != "restic"] == []  # no ssh, sftp, rclone, borg or kopia
    locations = restic_locations([c for c in made if c[0] == "restic"])
    assert set(locations) == expected
    assert all(loc.startswith("local:/") and os.path.isabs(loc[len("local:") :]) for loc in locations)
    assert not (tmp_path / "pwned").exists()
    (meta, configured), *_ = found
    assert configured.status is Status.PASS
    remote_lines = [line for line in configured.evidence["backups"] if line.startswith("remote")]
    assert len(remote_lines) == 7 and all("not contacted" in line for line in remote_lines)


def test_with_the_real_restic_no_remote_is_ever_opened(tmp_path, monkeypatch, fake_tools):
    if shutil.which("restic") is None:
        pytest.skip("restic is not installed (.ci/run installs it)")
    _, log = fake_tools
    profile, _ = hostile_profile(tmp_path, monkeypatch)
    run_checks(LocalSystem(profile=profile), BAK)
    assert calls(log) == []  # restic given sftp:host:/x runs `ssh host -s sftp`; rclone:… runs rclone


def test_snapshot_records_the_local_restic_location_and_replays_it(tmp_path, monkeypatch, fake_restic):
    profile, expected = hostile_profile(tmp_path, monkeypatch)
    doc = record(LocalSystem(profile=profile), BAK)
    recorded = [c["argv"] for c in doc["commands"] if c["argv"][0] == "restic"]
    assert set(restic_locations(recorded)) == expected
    assert {b["path"] for b in doc["backups"]} >= {"sftp:host:/x", "~/restic"}
    assert not any("sftp:nas" in b["path"] or "rclone:remote" in b["path"] for b in doc["backups"])
    live = [(m.id, f.status) for m, f in run_checks(LocalSystem(profile=profile), BAK)]
    replayed = [(m.id, f.status) for m, f in run_checks(RecordedSystem(doc, profile), BAK)]
    assert replayed == live


@pytest.mark.parametrize(
    "where",
    ["sftp:nas:/restic", "SFTP:nas:/restic", "rclone:remote:x", "rest:https://nas:8000/", "s3:s3.amazonaws.com/b",
     "b2:bucket:/p", "azure:c:/", "gs:b:/", "swift:c:/p", "ssh://u@nas:22/./borg", "u@nas:borg", "nas:/srv/restic",
     "nas:restic", "https://nas/webdav", "smb://nas/share", "C:relative"],
)  # fmt: skip
def test_remote_repositories_are_recognised(where):
    assert declared.is_remote(where)


@pytest.mark.parametrize(
    "where",
    ["/mnt/backup/restic", "~/backups", "backups", "./sftp:host:/x", "local:/mnt/restic", "C:\\Backups", "D:/Backups",
     "\\\\nas\\share\\backups"],
)  # fmt: skip
def test_local_repositories_are_recognised(where):
    assert not declared.is_remote(where)


def test_the_restic_argv_never_carries_anything_but_an_absolute_local_location():
    assert declared.local_path("sftp:host:/x", "/home/amina", cwd="/work") == "/work/sftp:host:/x"
    assert declared.local_path("-r", "/home/amina", cwd="/work") == "/work/-r"
    assert declared.local_path("~/restic/../r", "/home/amina", cwd="/work") == "/home/amina/r"
    assert declared.local_path("local:/mnt/r", "/home/amina", cwd="/work") == "/mnt/r"
    assert declared.local_path("~bob/restic", "/home/amina", cwd="/work") is None  # another user's home: not guessed
    argv = declared.restic_snapshots("/work/-r")
    assert argv[-2:] == ("--repo", "local:/work/-r")
    for bad in ("sftp:host:/x", "relative/repo", "-r"):
        with pytest.raises(ValueError, match="absolute"):
            declared.restic_snapshots(bad)


def test_a_remote_declaration_is_judged_from_the_profile_and_says_it_was_not_contacted(tmp_path):
    from tests.helpers import snapshot_doc

    nas = DeclaredBackup("nas", None, "sftp:backup@nas:/srv/restic", True, 4)
    borg = DeclaredBackup("borgbase", None, "ssh://u@x.repo.borgbase.com/./repo", True, 9)
    doc = snapshot_doc(exists={f"{d}/{t}": False for t in backups.TOOLS for d in backups.TOOL_DIRS}
                       | {linux.TIMESHIFT_CONFIG: False, linux.RSNAPSHOT_CONFIG: False})  # fmt: skip
    s = RecordedSystem(doc, Profile(backups=(nas, borg)))  # no backup() answer: asking would fail
    out = {m.id: f for m, f in run_checks(s, BAK)}
    assert out["BAK-001"].status is Status.PASS and "not contacted" in out["BAK-001"].summary
    assert out["BAK-002"].status is Status.UNKNOWN and "not contacted" in out["BAK-002"].summary
    assert out["BAK-003"].status is Status.UNKNOWN and "'borgbase' (remote, not contacted)" in out["BAK-003"].summary
    assert out["BAK-004"].status is Status.PASS and "'nas' (remote, not contacted)" in out["BAK-004"].summary


# --- 2. only regular files, opened without blocking and read within bounds ---------------------


@pytest.fixture
def fifo_with_data(tmp_path):
    """A FIFO with 16 bytes waiting in it: a reader would take them (or block once empty)."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    keeper = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # holds both ends open: nothing blocks here
    os.write(keeper, b"0123456789abcdef")
    yield path, keeper
    os.close(keeper)


def left_in(keeper: int) -> bytes:
    try:
        return os.read(keeper, 100)
    except BlockingIOError:
        return b""


def test_verify_refuses_a_fifo_without_opening_it_for_a_read_or_consuming_it(fifo_with_data):
    fifo, keeper = fifo_with_data
    r = within(10, verify, fifo)
    assert r.exit_code == 2 and "(FIFO)" in r.stderr and str(fifo) in r.stderr
    assert left_in(keeper) == b"0123456789abcdef"


@pytest.mark.parametrize(("device", "what"), [("/dev/zero", "a character device"), ("/dev/null", "a character device")])
def test_verify_refuses_devices(device, what):
    r = within(10, verify, device)
    assert r.exit_code == 2 and what in r.stderr and device in r.stderr and "Traceback" not in r.output


def test_a_swap_after_the_check_is_caught_by_fstat_on_what_was_opened(fifo_with_data, monkeypatch):
    """stat, then open, is a race: the path can become a FIFO in between. The type that counts
    is the one of the opened descriptor, and the open itself must not block."""
    fifo, keeper = fifo_with_data
    looked = []

    def looks_regular(name, follow):  # the path looked like a file when it was looked at
        looked.append(name)
        return os.stat(__file__)

    monkeypatch.setattr(hygiene_files, "_look", looks_regular)
    with pytest.raises(BackupError, match="FIFO"):
        within(10, files.open_regular, fifo)
    assert looked == [str(fifo)] and left_in(keeper) == b"0123456789abcdef"


def test_a_symlink_inside_a_backup_folder_is_not_followed(tmp_path, fifo_with_data):
    fifo, keeper = fifo_with_data
    (tmp_path / "link.age").symlink_to(fifo)
    with pytest.raises(BackupError, match="symbolic link"):
        files.open_regular(tmp_path / "link.age", follow=False)
    assert left_in(keeper) == b"0123456789abcdef"


def borg_like(repo: Path) -> Path:
    (repo / "data" / "0").mkdir(parents=True)
    (repo / "config").write_text("[repository]\nversion = 1\nsegments_per_dir = 1000\n")
    return repo


def test_a_fifo_in_a_borg_repository_neither_blocks_nor_is_read(tmp_path, fifo_with_data):
    fifo, keeper = fifo_with_data
    repo = borg_like(tmp_path / "borg")
    os.rename(fifo, repo / "data" / "0" / "1")  # the first segment is a FIFO with data waiting
    a = within(10, identify, repo)
    assert a.kind == "borg repository" and a.encrypted is None
    assert left_in(keeper) == b"0123456789abcdef"


def test_a_symlinked_segment_to_a_fifo_is_not_followed(tmp_path, fifo_with_data):
    fifo, keeper = fifo_with_data
    repo = borg_like(tmp_path / "borg")
    (repo / "data" / "0" / "1").symlink_to(fifo)
    within(10, identify, repo)
    assert left_in(keeper) == b"0123456789abcdef"


def test_a_fifo_inside_a_declared_backup_folder(tmp_path, fifo_with_data):
    fifo, keeper = fifo_with_data
    folder = tmp_path / "nightly"
    folder.mkdir()
    (folder / "monday.age").write_bytes(b"age-encryption.org/v1\n-> X25519 abc\n" + os.urandom(100))
    os.rename(fifo, folder / "tuesday.age")  # the newest entry
    borg = borg_like(tmp_path / "borg")
    (borg / "data" / "0" / "1").symlink_to(folder / "tuesday.age")
    profile = Profile(
        backups=(
            DeclaredBackup("nightly", str(folder), None, False, 3),
            DeclaredBackup("borg", str(borg), None, False, 7),
            DeclaredBackup("pipe", str(folder / "tuesday.age"), None, False, 9),
            DeclaredBackup("zero", "/dev/zero", None, False, 11),
        )
    )
    out = {m.id: f for m, f in within(20, run_checks, LocalSystem(profile=profile), BAK)}
    assert left_in(keeper) == b"0123456789abcdef"
    assert out["BAK-003"].status is Status.UNKNOWN
    problems = " ".join(out["BAK-003"].evidence["problems"])
    assert "pipe: " in problems and "(FIFO)" in problems and "zero: /dev/zero" in problems
    assert "a character device" in problems
    assert "nightly (profile, line 3)" in " ".join(out["BAK-003"].evidence["backups"])


def test_kernel_pseudo_files_are_refused_not_read():
    """/proc files say they are regular and empty, yet hold (and some consume) data."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc here")
    with pytest.raises(BackupError, match="kernel"):
        identify(status)
    assert backup_facts(status) == {"error": "a kernel file (/proc or /sys), not a backup file or folder"}


def test_proc_kmsg_neither_blocks_nor_is_consumed():
    """Reading /proc/kmsg (as root) takes kernel messages away from the system log, and blocks
    once none is left. A subprocess, so that a regression fails instead of hanging."""
    if not os.path.exists("/proc/kmsg"):
        pytest.skip("no /proc/kmsg here")
    argv = [sys.executable, "-m", "hygiene", "backup", "verify", "/proc/kmsg"]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL, check=False)
    assert r.returncode == 2 and "/proc/kmsg" in r.stderr and "kernel file" in r.stderr


def test_reads_stop_at_the_size_the_file_had_when_opened(monkeypatch):
    """Even where a pseudo file system is not recognised (a /proc mounted elsewhere), a file
    that says it is empty is never read, and reads never run past the size fstat gave."""
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc here")
    monkeypatch.setattr(hygiene_files, "kernel_devices", lambda: frozenset())
    with files.open_regular("/proc/self/status") as fh:
        assert fh.size == 0 and fh.read(1 << 20) == b""
    a = identify(Path("/proc/self/status"))
    assert a.kind == "empty file" and a.encrypted is None


def test_the_read_budget_is_enforced(tmp_path):
    big = tmp_path / "big"
    with big.open("wb") as fh:
        fh.truncate(10_000)
    with files.open_regular(big, budget=4096) as fh:
        assert len(fh.read(4096)) == 4096
        with pytest.raises(BackupError, match="at most 4096 bytes"):
            fh.read(1)


# --- 3. hostile archives never crash, and bad numbers are usage errors ------------------------


def small_zip() -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ledger.csv", "invoice,1\n" * 20)
        z.writestr("notes.txt", "hello")
    return buf.getvalue()


SEVEN = b"7z\xbc\xaf\x27\x1c\x00\x04"


def seven_zip(header: bytes, packed: bytes = b"") -> bytes:
    """A 7z start header pointing at `header`, after `packed` (the packed streams)."""
    start = struct.pack("<QQI", len(packed), len(header), 0)
    return SEVEN + b"\0\0\0\0" + start + packed + header


def number(n: int) -> bytes:
    """7-Zip's variable-length number, in its 9-byte form (0xFF, then 8 bytes)."""
    return b"\xff" + n.to_bytes(8, "little")


def packed_header(unpacked: int, packed: bytes, dict_size: int = 0xFFFFFFFF) -> bytes:
    """An encoded (kEncodedHeader) 7z header: one folder, one LZMA coder."""
    props = bytes([3 + 9 * 0 + 45 * 2]) + dict_size.to_bytes(4, "little")
    return (
        b"\x17\x06" + number(0) + b"\x01\x09" + number(len(packed)) + b"\x00"
        + b"\x07\x0b\x01\x00\x01\x23\x03\x01\x01\x05" + props + b"\x0c" + number(unpacked) + b"\x00\x00"
    )  # fmt: skip


def lzma_raw(data: bytes) -> bytes:
    return lzma.compress(data, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1, "dict_size": 1 << 16}])


def hostile() -> dict[str, bytes]:
    z = small_zip()
    bomb = lzma_raw(b"\0" * (8 << 20))  # 8 MiB of zeros in a few KB
    blobs = {
        "empty.zip": b"",
        "all-ff.bin": b"\xff" * 70_000,
        "gzip-header.gz": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        "zstd-header.zst": b"\x28\xb5\x2f\xfd",
        "xz-header.xz": b"\xfd7zXZ\x00\x00\x04",
        "7z-magic-only.7z": SEVEN,
        "7z-cut.7z": seven_zip(b"\x17\x06\x00")[:40],
        "7z-header-cut.7z": seven_zip(b"\x17\x06"),
        "7z-absurd-sizes.7z": SEVEN + b"\0" * 4 + struct.pack("<QQI", 2**63, 2**63, 0),
        "7z-absurd-counts.7z": seven_zip(b"\x17\x06" + number(0) + number(2**60) + b"\x09"),
        "7z-absurd-unpacked.7z": seven_zip(packed_header(2**62, bomb), bomb),
        "7z-lzma-bomb.7z": seven_zip(packed_header(8 << 20, bomb), bomb),
        "7z-garbage-lzma.7z": seven_zip(packed_header(1000, os.urandom(64)), b"\xff" * 64),
        "7z-plain-header-only.7z": seven_zip(b"\x01"),
    }
    for cut in (1, 10, 21, 22, 30):
        blobs[f"zip-eocd-cut-{cut}.zip"] = z[:-cut]
    eocd = z.rfind(b"PK\x05\x06")
    blobs["zip-absurd-directory.zip"] = z[: eocd + 12] + struct.pack("<II", 0xFFFFFFFF, 0xFFFFFFFF) + z[eocd + 20 :]
    blobs["zip-directory-past-end.zip"] = z[: eocd + 12] + struct.pack("<II", 46, len(z) - 10) + z[eocd + 20 :]
    blobs["zip-eocd-only.zip"] = b"PK\x05\x06" + b"\0" * 16
    return blobs


def test_hostile_files_give_a_result_or_a_clear_error_never_a_crash(tmp_path):
    for name, blob in hostile().items():
        path = tmp_path / name
        path.write_bytes(blob)
        started = time.monotonic()
        try:
            a = identify(path)
        except BackupError as exc:
            assert name in str(exc), name
        else:
            assert isinstance(a, Artifact), name
            assert "-0.00" not in a.detail, (name, a.detail)  # no negative zero in "bits per byte"
        assert time.monotonic() - started < 5, name
        r = verify(path)
        assert r.exit_code in (1, 2) and isinstance(r.exception, SystemExit | None), (name, r.output)
        assert "Traceback" not in r.output, name
        if r.exit_code == 2:
            assert str(path) in r.stderr, (name, r.stderr)


def test_a_damaged_archive_is_bad_input_exit_2_not_a_verdict(tmp_path):
    cut = tmp_path / "ledger.zip"
    cut.write_bytes(small_zip()[:-30])
    r = verify(cut)
    assert r.exit_code == 2 and str(cut) in r.stderr and "damaged ZIP archive" in r.stderr
    assert backup_facts(cut)["error"].startswith("damaged ZIP archive")


def test_an_empty_file_is_named_empty_not_guessed_unencrypted(tmp_path):
    empty = tmp_path / "nightly.age"
    empty.write_bytes(b"")
    a = identify(empty)
    assert (a.kind, a.encrypted, a.certainty) == ("empty file", None, "")
    r = verify(empty)
    assert r.exit_code == 1 and "empty" in r.stdout


def test_an_lzma_packed_7z_header_is_unpacked_within_bounds(tmp_path, monkeypatch):
    """The claimed unpacked size and dictionary are capped; the header is scanned in pieces."""
    from hygiene.backup import archives

    seen = []
    real = lzma.LZMADecompressor

    def spy(*args, **kwargs):
        seen.append(kwargs["filters"][0]["dict_size"])
        return real(*args, **kwargs)

    monkeypatch.setattr(archives.lzma, "LZMADecompressor", spy)
    bomb = lzma_raw(b"\0" * (8 << 20) + archives.AES_CODER)
    path = tmp_path / "bomb.7z"
    path.write_bytes(seven_zip(packed_header(8 << 20, bomb), bomb))
    a = identify(path)  # the AES id lies past the claimed size: never reached
    assert a.encrypted is False and seen == [8 << 20]
    path.write_bytes(seven_zip(packed_header(2**62, bomb), bomb))
    with pytest.raises(BackupError, match="out of bounds"):
        identify(path)


@pytest.mark.parametrize("text", ["99999999999w", "1e308", "-1d", "0", "0d", "7x", "9999999999999999999999d", "9" * 5000,
                                  "", "d", "1.5d", "١٢d", "7 d d", "36500d1"])  # fmt: skip
def test_max_age_garbage_and_absurd_values_are_usage_errors(text, tmp_path):
    with pytest.raises(UserError, match="--max-age"):
        parse_max_age(text)
    blob = tmp_path / "b.age"
    blob.write_bytes(b"age-encryption.org/v1\n")
    r = runner.invoke(app, ["backup", "verify", str(blob), f"--max-age={text}"])
    assert r.exit_code == 2 and "--max-age" in r.stderr and isinstance(r.exception, SystemExit | None)


def test_max_age_keeps_sensible_values():
    assert parse_max_age("36500d").days == 36500
    assert parse_max_age("5214w").days == 5214 * 7
    assert parse_max_age("007d").days == 7
    for absurd in ("36501d", "99999999999w", "9999999999999999999999d", "9" * 5000):
        with pytest.raises(UserError, match="at most 100 years"):
            parse_max_age(absurd)


def test_a_time_stamp_outside_what_dates_can_hold_is_no_crash():
    from hygiene.backup.identify import _ts

    assert _ts(1e15) is None and _ts(-1e15) is None and _ts(float("nan")) is None
    assert _ts(0.0) is not None


def test_file_names_reach_the_terminal_inert(tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    (folder / "evil\x1b]0;owned\x07\n  Verdict: encrypted and recent.age").write_bytes(b"age-encryption.org/v1\n")
    r = verify(folder)
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert r.stdout.count("\n  Verdict") == 0 and "␛" in r.stdout
    doc = json.loads(verify(folder, "-f", "json").stdout)
    assert "\x1b" in doc["kind"]  # JSON keeps the data exact; json.dumps escapes it
