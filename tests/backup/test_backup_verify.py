"""`hygiene backup verify` on real artifacts made by the real tools (restic, borg, age, gpg,
7z, zip, openssl, cryptsetup), installed by .ci/run; a missing tool skips its cases, saying so."""

import json
import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene.backup.identify import FACT, GUESS, identify
from hygiene.backup.verdict import judge, parse_max_age
from hygiene.cli.app import app
from hygiene.errors import UserError

runner = CliRunner()
PASSPHRASE = "correct-horse-battery-staple-42"


def tool(name):
    if shutil.which(name) is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")


def sh(*argv, env=None, stdin=None, cwd=None):
    subprocess.run(argv, check=True, capture_output=True, env=env, input=stdin, cwd=cwd, timeout=120)


def processes_using(home):
    """The live processes whose command line names `home` (gpg starts its agent with
    `--homedir HOME`); a stopped one that is not reaped yet has an empty command line."""
    needle = str(home)
    if Path("/proc/self/cmdline").exists():
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:  # it ended while we looked
                    continue
                if needle in line:
                    found.append(f"{entry.name}: {line.strip()}")
        return found
    ps = subprocess.run(["ps", "-axo", "pid=,args="], capture_output=True, text=True, timeout=30, check=True)
    return [line.strip() for line in ps.stdout.splitlines() if needle in line]


@contextmanager
def gnupg_home(home):
    """A private GnuPG home whose helpers (gpg-agent, keyboxd, dirmngr, scdaemon) are all
    stopped on the way out, however the tests in it ended: a test leaves nothing running."""
    home.mkdir(mode=0o700, exist_ok=True)
    try:
        yield home
    finally:
        if shutil.which("gpgconf"):
            subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], capture_output=True, timeout=30,
                           check=False)  # fmt: skip
        deadline = time.monotonic() + 10
        while processes_using(home) and time.monotonic() < deadline:  # --kill asks; the agent takes a moment
            time.sleep(0.05)


@pytest.fixture(scope="module")
def art(tmp_path_factory):
    root = tmp_path_factory.mktemp("artifacts")
    (root / "data").mkdir()
    for i in range(40):  # enough files that 7-Zip packs its header
        (root / "data" / f"ledger-{i:02}.csv").write_text(f"invoice,{i},PKR {i * 1000}\n" * 20)
    with gnupg_home(root / "gnupg"):
        yield root


def make(art, name, build):
    path = art / name
    if not path.exists():
        build(path)
    return path


def env(art, **extra):
    base = {"PATH": os.environ["PATH"], "HOME": str(art), "GNUPGHOME": str(art / "gnupg"), "LANG": "C"}
    return {**base, **extra}


def verify(path, *args):
    return runner.invoke(app, ["backup", "verify", str(path), *args])


# --- encrypted, as a fact of the format ------------------------------------------------------


def test_restic_repository_is_encrypted_and_dated_by_its_snapshots(art):
    tool("restic")
    e = env(art, RESTIC_PASSWORD=PASSPHRASE, RESTIC_CACHE_DIR=str(art / "restic-cache"))
    repo = make(art, "restic", lambda p: (sh("restic", "init", "-q", "-r", str(p), env=e),
                                          sh("restic", "backup", "-q", "-r", str(p), "data", env=e, cwd=art)))  # fmt: skip
    a = identify(repo)
    assert (a.kind, a.encrypted, a.certainty) == ("restic repository", True, FACT)
    assert a.files > 5 and a.size > 0 and a.newest is not None
    r = verify(repo)
    assert r.exit_code == 0 and "encrypted and recent" in r.stdout


@pytest.mark.parametrize(
    ("mode", "encrypted"),
    [("repokey", True), ("keyfile", True), ("repokey-blake2", True), ("none", False), ("authenticated", False)],
)
def test_borg_mode_is_read_from_the_stored_objects(art, mode, encrypted):
    tool("borg")
    e = env(
        art,
        BORG_PASSPHRASE=PASSPHRASE,
        BORG_KEYS_DIR=str(art / "borg-keys"),
        BORG_BASE_DIR=str(art / "borg-base"),
        BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK="yes",
    )
    repo = art / f"borg-{mode}"
    sh("borg", "init", "-e", mode, str(repo), env=e)
    sh("borg", "create", f"{repo}::nightly", "data", env=e, cwd=art)
    a = identify(repo)
    assert a.kind == "borg repository" and a.encrypted is encrypted and a.certainty == FACT
    assert a.detail == f"encryption mode: {mode}"
    assert verify(repo).exit_code == (0 if encrypted else 1)


def test_age_binary_and_armored(art):
    tool("age")
    sh("age-keygen", "-o", str(art / "age.key"))
    recipient = next(ln.split(": ")[1] for ln in (art / "age.key").read_text().splitlines() if "public key" in ln)
    for name, armor in (("ledger.tar.age", ()), ("ledger.tar.age.asc", ("-a",))):
        out = art / name
        sh("age", *armor, "-r", recipient, "-o", str(out), str(art / "data" / "ledger-01.csv"))
        a = identify(out)
        assert (a.kind, a.encrypted, a.certainty) == ("age file", True, FACT)


def test_openpgp_passphrase_key_and_armored(art):
    tool("gpg")
    e = env(art)
    src = str(art / "data" / "ledger-02.csv")
    common = ("gpg", "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE)
    sh(*common, "-c", "-o", str(art / "sym.gpg"), src, env=e)
    sh(*common, "-c", "--armor", "-o", str(art / "sym.asc"), src, env=e)
    sh(*common, "--quick-gen-key", "backup@example.pk", "future-default", "default", "never", env=e)
    sh(
        "gpg",
        "--batch",
        "--yes",
        "--trust-model",
        "always",
        "-r",
        "backup@example.pk",
        "-e",
        "-o",
        str(art / "pk.gpg"),
        src,
        env=e,
    )
    assert identify(art / "sym.gpg").detail == "encrypted with a passphrase"
    assert identify(art / "pk.gpg").detail == "encrypted to a key"
    armored = identify(art / "sym.asc")
    assert armored.kind == "OpenPGP message (armored)" and armored.encrypted
    sh(*common, "-o", str(art / "signed.gpg"), "--sign", src, env=e)
    signed = identify(art / "signed.gpg")
    assert signed.kind == "OpenPGP message" and signed.encrypted is False and "not encrypted" in signed.detail


def test_the_gnupg_home_leaves_no_agent_running(tmp_path):
    """gpg starts a gpg-agent that outlives it; the fixture's clean-up must stop it (it used to
    be left running after every test run)."""
    tool("gpg")
    (tmp_path / "note.txt").write_text("ledger\n")
    with gnupg_home(tmp_path / "gnupg") as home:
        sh("gpg", "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "-c",
           str(tmp_path / "note.txt"), env={"PATH": os.environ["PATH"], "GNUPGHOME": str(home), "LANG": "C"})  # fmt: skip
        assert any("gpg-agent" in p for p in processes_using(home)), "gpg started no agent: nothing is tested"
    assert processes_using(home) == []


def test_openssl_salted_is_encrypted_with_a_kdf_caveat(art):
    tool("openssl")
    out = art / "ledger.enc"
    sh("openssl", "enc", "-aes-256-cbc", "-pbkdf2", "-salt", "-pass", "stdin", "-in", str(art / "data" / "ledger-03.csv"),
       "-out", str(out), stdin=PASSPHRASE.encode())  # fmt: skip
    a = identify(out)
    assert a.kind == "OpenSSL enc file" and a.encrypted and a.certainty == FACT and "-pbkdf2" in a.notes[0]


@pytest.mark.parametrize(
    ("args", "encrypted", "words"),
    [
        (("-p" + PASSPHRASE, "-mhe=on"), True, "file names encrypted too"),
        (("-p" + PASSPHRASE,), True, "file names are readable"),
        ((), False, "no password"),
    ],
    ids=["aes-hidden-names", "aes", "plain"],
)
def test_7z_with_and_without_aes_and_header_encryption(art, args, encrypted, words):
    tool("7z")
    out = art / f"b{len(args)}.7z"
    sh("7z", "a", "-bd", *args, str(out), str(art / "data"))  # passwords in argv: test data only
    a = identify(out)
    assert a.kind == "7-Zip archive" and a.encrypted is encrypted and words in a.detail


def test_zip_zipcrypto_is_weak_aes_is_not_plain_is_plain(art):
    tool("zip")
    tool("7z")
    src = str(art / "data" / "ledger-04.csv")
    sh("zip", "-q", "-P", PASSPHRASE, str(art / "zipcrypto.zip"), src)
    sh("7z", "a", "-bd", "-tzip", "-mem=AES256", "-p" + PASSPHRASE, str(art / "aes.zip"), src)
    sh("zip", "-q", str(art / "plain.zip"), src)
    weak = identify(art / "zipcrypto.zip")
    assert weak.encrypted and weak.weak and "ZipCrypto" in weak.detail
    r = verify(art / "zipcrypto.zip")
    assert r.exit_code == 1 and "broken legacy scheme" in r.stdout
    aes = identify(art / "aes.zip")
    assert aes.encrypted and not aes.weak and aes.detail.startswith("AES")
    assert identify(art / "plain.zip").encrypted is False


def test_luks_container(art):
    tool("cryptsetup")
    img = art / "vault.img"
    with img.open("wb") as fh:
        fh.truncate(24 * 1024 * 1024)
    try:
        sh("cryptsetup", "luksFormat", "--type", "luks2", "-q", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000",
           str(img), "-", stdin=PASSPHRASE.encode())  # fmt: skip
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"cryptsetup cannot format a file here: {exc.stderr.decode()[:80]}")
    a = identify(img)
    assert (a.kind, a.encrypted, a.certainty) == ("LUKS2 container", True, FACT)


# --- not encrypted, and guesses said plainly -------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "name", "kind"),
    [
        (("tar", "-cf", "{out}", "data"), "b.tar", "tar archive"),
        (("tar", "-czf", "{out}", "data"), "b.tar.gz", "gzip file"),
        (("tar", "--zstd", "-cf", "{out}", "data"), "b.tar.zst", "zstd file"),
        (("tar", "-cJf", "{out}", "data"), "b.tar.xz", "xz file"),
    ],
)
def test_plain_archives_are_not_encrypted(art, argv, name, kind):
    tool(argv[0])
    if "--zstd" in argv:
        tool("zstd")
    out = art / name
    sh(*(a.format(out=out) for a in argv), cwd=art)
    a = identify(out)
    assert (a.kind, a.encrypted, a.certainty) == (kind, False, FACT)
    r = verify(out)
    assert r.exit_code == 1 and "not encrypted" in r.stdout


def test_unknown_random_blob_is_a_guess_and_not_accepted(tmp_path):
    blob = tmp_path / "mystery.bin"
    blob.write_bytes(b"\x00" + os.urandom(300_000))  # no leading byte that could pass for a format
    a = identify(blob)
    assert a.encrypted is True and a.certainty == GUESS and "cannot prove" in a.detail
    r = verify(blob)
    assert (
        r.exit_code == 1
        and "Encrypted:  cannot prove it (the bytes look random)" in r.stdout
        and "cannot prove" in r.stdout
    )


def test_a_folder_of_backups_is_judged_by_its_newest_file(art, tmp_path):
    tool("age")
    folder = tmp_path / "nightly"
    folder.mkdir()
    (folder / "old.tar.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(100))
    os.utime(folder / "old.tar.gz", (time.time() - 86400 * 3,) * 2)
    sh("age-keygen", "-o", str(tmp_path / "k"))
    recipient = next(ln.split(": ")[1] for ln in (tmp_path / "k").read_text().splitlines() if "public key" in ln)
    sh("age", "-r", recipient, "-o", str(folder / "new.tar.gz.age"), str(art / "data" / "ledger-05.csv"))
    a = identify(folder)
    assert a.files == 2 and "newest: new.tar.gz.age (age file)" in a.kind and a.encrypted


# --- age, exit codes, errors, never writing --------------------------------------------------


def test_too_old_exits_1_and_says_how_old(tmp_path):
    blob = tmp_path / "weekly.age"
    blob.write_bytes(b"age-encryption.org/v1\n-> X25519 abc\n" + os.urandom(200))
    ten_days = time.time() - 10 * 86400
    os.utime(blob, (ten_days, ten_days))
    r = verify(blob)
    assert r.exit_code == 1 and "10 days old, more than 7 days" in r.stdout
    assert verify(blob, "--max-age", "2w").exit_code == 0
    doc = json.loads(verify(blob, "-f", "json").stdout)
    assert doc["ok"] is False and doc["encrypted"] is True and doc["age_hours"] >= 240


def test_missing_unreadable_and_bad_options_exit_2(tmp_path):
    r = verify(tmp_path / "nope")
    assert r.exit_code == 2 and "no such file or folder" in r.stderr
    assert verify(tmp_path, "--max-age", "soon").exit_code == 2
    assert verify(tmp_path, "-f", "xml").exit_code == 2
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.age"
        locked.write_bytes(b"age-encryption.org/v1\n")
        locked.chmod(0)
        r = verify(locked)
        assert r.exit_code == 2 and "cannot be read" in r.stderr


def test_a_fifo_or_device_is_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = verify(fifo)  # reading it would block forever
    assert r.exit_code == 2 and "a named pipe (FIFO), not a backup file or folder" in r.stderr


def test_verify_never_writes(art):
    tool("restic")
    repo = art / "restic"
    if not repo.exists():
        pytest.skip("the restic repository is made by its own test")
    before = {p: p.stat().st_mtime_ns for p in repo.rglob("*")}
    verify(repo)
    assert {p: p.stat().st_mtime_ns for p in repo.rglob("*")} == before


def test_max_age_parsing():
    assert parse_max_age("7d") == timedelta(days=7)
    assert parse_max_age("36h") == timedelta(hours=36)
    assert parse_max_age("2w") == timedelta(weeks=2)
    assert parse_max_age("3") == timedelta(days=3)
    with pytest.raises(UserError):
        parse_max_age("0d")


def test_judge_an_empty_folder_says_it_is_empty_and_nothing_else(tmp_path):
    """Issue 11: it used to say it "could not tell whether it is encrypted" and "holds no backup
    to date", as if there were something to judge."""
    a = identify(tmp_path)
    v = judge(a, datetime.now(UTC), timedelta(days=7))
    assert not v.ok and v.reasons == ("it is empty (no files in it): there is no backup in it",)


def test_restic_reads_its_own_password_file_and_hygiene_never_passes_the_secret(art, tmp_path, monkeypatch):
    from hygiene.checks.backups.declared import _restic_newest
    from hygiene.system.local import LocalSystem, _command_env

    tool("restic")
    repo = art / "restic"
    if not repo.exists():
        pytest.skip("the restic repository is made by its own test")
    monkeypatch.setenv("RESTIC_PASSWORD", PASSPHRASE)  # the secret itself: never handed on
    assert "RESTIC_PASSWORD" not in _command_env()
    assert _restic_newest(LocalSystem(), str(repo)) is None  # no file or command: restic fails at once
    password_file = tmp_path / "restic-password"
    password_file.write_text(PASSPHRASE + "\n")
    monkeypatch.setenv("RESTIC_PASSWORD_FILE", str(password_file))
    newest = _restic_newest(LocalSystem(), str(repo))
    assert newest is not None and abs((datetime.now(UTC) - newest).total_seconds()) < 3600
    assert not (art / ".cache" / "restic").exists()  # --no-cache: nothing written


# --- empty, and a newest file that cannot be identified (issue 11) ----------------------------


def verify80(path, *args):
    """The verdict as an 80-column terminal shows it."""
    return runner.invoke(app, ["backup", "verify", str(path), *args], env={"COLUMNS": "80"})


def verdict_lines(stdout):
    """The Verdict line and its continuation lines, as printed."""
    lines = stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Verdict: "))
    return lines[at:]


@pytest.mark.parametrize(
    ("name", "suffix"), [("nightly.zip", ".zip"), ("home-2026-11-30.tar.gz", ".gz"), ("ledger.restic", ".restic"),
                         ("ledger.age", ".age"), ("backup", None)],
)  # fmt: skip
def test_a_zero_byte_file_named_like_an_archive_is_empty_exit_1(tmp_path, name, suffix):
    """What a backup job that died before writing leaves behind: the name, and 0 bytes."""
    path = tmp_path / name
    path.write_bytes(b"")
    r = verify80(path)
    assert r.exit_code == 1
    assert "  What:       empty file\n  Encrypted:  nothing to tell: it holds no data\n" in r.stdout
    assert verdict_lines(r.stdout) == ["Verdict: not good enough: it is empty (0 bytes): there is no backup in it."]
    note = f"Note: Its name ends in {suffix}, yet it holds nothing: the backup that wrote it failed or was cut off."
    assert (note in " ".join(r.stdout.split())) is (suffix is not None)
    assert max(len(line) for line in r.stdout.splitlines()[1:]) <= 80  # the path may be longer


def test_an_empty_folder_is_empty_exit_1(tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    r = verify80(folder)
    assert r.exit_code == 1
    assert r.stdout.endswith(
        "  What:       empty folder\n"
        "  Encrypted:  nothing to tell: it holds no data\n"
        "  Newest:     none found\n"
        "  Size:       0 bytes in 0 files\n"
        "Verdict: not good enough: it is empty (no files in it): there is no backup in\n"
        "         it.\n"
    )
    doc = json.loads(verify(folder, "-f", "json").stdout)
    assert (doc["ok"], doc["empty"], doc["encrypted"]) == (False, "no files in it", None)


@pytest.mark.parametrize(("names", "said"), [(("a.tar.gz", "b.zip"), "both its files are 0 bytes"),
                                             (("a.age",), "its one file is 0 bytes"),
                                             (("a", "b", "c"), "all 3 files are 0 bytes")])  # fmt: skip
def test_a_folder_of_only_empty_files_is_empty_exit_1(tmp_path, names, said):
    for name in names:
        (tmp_path / name).write_bytes(b"")
    r = verify80(tmp_path)
    assert r.exit_code == 1 and "all empty" in r.stdout
    assert " ".join(line.strip() for line in verdict_lines(r.stdout)) == (
        f"Verdict: not good enough: it is empty ({said}): there is no backup in it."
    )


def holes_only(path: Path) -> bool:
    """Whether this file system reports a file written by truncate() as holes (SEEK_DATA)."""
    if not hasattr(os, "SEEK_DATA"):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        os.lseek(fd, 0, os.SEEK_DATA)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def restic_shaped(folder, *, config=b"", snapshot=b""):
    """A folder restic's layout (config, keys/, snapshots/, data/) whose files hold these bytes:
    what a sync tool's placeholders, or a copy cut off, leave behind."""
    for sub in ("keys", "snapshots", "data/00"):
        (folder / sub).mkdir(parents=True)
    (folder / "config").write_bytes(config)
    (folder / "keys" / "k1").write_bytes(config)
    (folder / "data" / "00" / "00aa").write_bytes(config * 10)
    (folder / "snapshots" / "s1").write_bytes(snapshot)
    return folder


def test_a_restic_repository_of_empty_files_is_empty_exit_1(tmp_path):
    """restic writes nothing of 0 bytes: every file of its repository is encrypted. A folder of
    its shape whose files are all empty holds no backup; it was "encrypted and recent" (exit 0)."""
    r = verify80(restic_shaped(tmp_path / "repo"))
    assert r.exit_code == 1
    assert " ".join(line.strip() for line in verdict_lines(r.stdout)) == (
        "Verdict: not good enough: it is empty (all 4 files are 0 bytes): there is no backup in it."
    )


def test_a_restic_snapshot_file_of_0_bytes_dates_no_backup(tmp_path):
    """A repository whose only snapshot file is empty has no snapshot to date its newest backup."""
    r = verify80(restic_shaped(tmp_path / "repo", config=os.urandom(200)))
    assert r.exit_code == 1 and "Newest:     none found" in r.stdout
    assert "it holds no backup to date" in " ".join(verdict_lines(r.stdout))


def test_a_sparse_file_of_non_zero_size_is_empty_exit_1(tmp_path):
    """`truncate -s 50M` (or a preallocated image nothing was written to): all holes."""
    path = tmp_path / "vault.img"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    r = verify80(path)
    assert r.exit_code == 1 and "  What:       file without data\n" in r.stdout
    said = "52.4 MB, all holes: a sparse file nothing was written to" if holes_only(path) else "52.4 MB, all zero bytes"
    assert " ".join(line.strip() for line in verdict_lines(r.stdout)) == (
        f"Verdict: not good enough: it is empty ({said}): there is no backup in it."
    )
    assert max(len(line) for line in r.stdout.splitlines()[1:]) <= 80


def test_an_all_zero_file_written_out_is_empty_exit_1(tmp_path):
    """`dd if=/dev/zero`: every byte written, every byte zero (read through, not sampled)."""
    path = tmp_path / "home.tar.gz"
    path.write_bytes(bytes(3 * 1024 * 1024))
    a = identify(path)
    assert (a.kind, a.encrypted, a.certainty, a.empty) == ("file without data", None, "", "3.1 MB, all zero bytes")
    r = verify80(path)
    assert r.exit_code == 1
    assert " ".join(line.strip() for line in verdict_lines(r.stdout)) == (
        "Verdict: not good enough: it is empty (3.1 MB, all zero bytes): there is no backup in it."
    )


def test_zero_bytes_where_sampled_but_data_between_is_not_empty(tmp_path):
    """The start, middle and end samples are zero, yet a byte between them is not: read on."""
    data = bytearray(1024 * 1024)
    data[200_000:200_016] = b"ledger,2026,PKR\n"
    path = tmp_path / "odd.bin"
    path.write_bytes(bytes(data))
    a = identify(path)
    assert a.empty == "" and a.kind == "unknown file" and a.encrypted is False


def test_zero_bytes_past_the_read_budget_say_how_far_they_were_read(tmp_path, monkeypatch):
    from functools import partial

    from hygiene.backup import identify as identify_module

    monkeypatch.setattr(identify_module, "open_regular", partial(identify_module.open_regular, budget=300_000))
    path = tmp_path / "disk.img"
    path.write_bytes(bytes(1_000_000))
    a = identify(path)
    assert a.empty == "1.0 MB; the first 300.0 KB hygiene reads are all zero bytes"


def age_recipient(tmp_path):
    sh("age-keygen", "-o", str(tmp_path / "k"))
    return next(ln.split(": ")[1] for ln in (tmp_path / "k").read_text().splitlines() if "public key" in ln)


def dated(path, days_ago):
    os.utime(path, (time.time() - days_ago * 86400,) * 2)


def test_a_newest_file_in_no_known_format_names_the_older_ones_that_are(art, tmp_path):
    """Three nights of age files, then one in no format hygiene knows (another tool, or cut
    before its header): the random bytes of the newest no longer decide alone."""
    tool("age")
    tool("gpg")
    folder = tmp_path / "nightly"
    folder.mkdir()
    recipient = age_recipient(tmp_path)
    for day in (3, 2):
        out = folder / f"ledger-{day}.tar.age"
        sh("age", "-r", recipient, "-o", str(out), str(art / "data" / "ledger-06.csv"))
        dated(out, day)
    sh("gpg", "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "-c", "-o",
       str(folder / "ledger-1.tar.gpg"), str(art / "data" / "ledger-07.csv"), env=env(art))  # fmt: skip
    dated(folder / "ledger-1.tar.gpg", 1)
    (folder / "ledger-0.bak").write_bytes(b"\x00" + os.urandom(200_000))
    a = identify(folder)
    assert (a.encrypted, a.certainty) == (None, "")
    assert a.older == (
        "ledger-1.tar.gpg (OpenPGP message)",
        "ledger-2.tar.age (age file)",
        "ledger-3.tar.age (age file)",
    )
    r = verify80(folder)
    assert r.exit_code == 1
    assert "  What:       folder of 4 files; newest: ledger-0.bak (unknown high-entropy\n" in r.stdout
    assert "  Encrypted:  cannot tell\n" in r.stdout
    verdict = " ".join(line.strip() for line in verdict_lines(r.stdout))
    assert verdict.startswith(
        "Verdict: not good enough: its newest file, ledger-0.bak, is in no format hygiene knows ("
    )
    assert verdict.endswith(
        "hygiene cannot prove which), while older ones were identified: ledger-1.tar.gpg (OpenPGP message), "
        "ledger-2.tar.age (age file), ledger-3.tar.age (age file)."
    )
    assert "only looks encrypted" not in r.stdout  # the entropy guess no longer stands alone
    assert max(len(line) for line in r.stdout.splitlines()[1:]) <= 80
    assert json.loads(verify(folder, "-f", "json").stdout)["older"] == list(a.older)


def test_a_newest_file_that_is_empty_names_the_older_ones_that_are_not(tmp_path):
    tool("age")
    folder = tmp_path / "nightly"
    folder.mkdir()
    out = folder / "ledger-1.tar.age"
    (tmp_path / "ledger.csv").write_text("invoice,1\n")
    sh("age", "-r", age_recipient(tmp_path), "-o", str(out), str(tmp_path / "ledger.csv"))
    dated(out, 1)
    (folder / "ledger-0.tar.age").write_bytes(b"")  # tonight's run died before writing
    r = verify80(folder)
    assert r.exit_code == 1
    assert " ".join(line.strip() for line in verdict_lines(r.stdout)) == (
        "Verdict: not good enough: its newest file, ledger-0.tar.age, is empty (0 bytes), while older ones "
        "were identified: ledger-1.tar.age (age file)."
    )


def test_a_folder_where_no_file_can_be_identified_is_judged_by_its_newest_guess(tmp_path):
    """Nothing older to compare with: the newest's bytes are all there is for its encryption,
    and it says so; and no file was identified as a backup, so none dates the folder."""
    for day in (2, 1, 0):
        (tmp_path / f"blob-{day}.bin").write_bytes(b"\x00" + os.urandom(100_000))
        dated(tmp_path / f"blob-{day}.bin", day)
    a = identify(tmp_path)
    assert (a.encrypted, a.certainty, a.older) == (True, GUESS, ())
    r = verify80(tmp_path)
    assert r.exit_code == 1
    assert verdict_lines(r.stdout) == [
        "Verdict: not good enough: it only looks encrypted (random-looking bytes);",
        "         hygiene cannot prove it; no file in it could be identified as a backup,",
        "         so its age cannot be told.",
    ]
    assert "  Newest:     none identified: its newest file, blob-0.bin, is in no format\n" in r.stdout


def test_a_folder_of_files_without_data_is_empty(tmp_path):
    for day, name in ((1, "a.img"), (0, "b.img")):
        (tmp_path / name).write_bytes(bytes(70_000))
        dated(tmp_path / name, day)
    a = identify(tmp_path)
    assert a.empty == "none of its 2 files holds data"
    assert verify80(tmp_path).exit_code == 1


def test_backup_facts_say_what_is_empty(tmp_path):
    from hygiene.backup.identify import backup_facts

    (tmp_path / "nightly.zip").write_bytes(b"")
    assert backup_facts(tmp_path / "nightly.zip")["empty"] == "0 bytes"
    (tmp_path / "ledger.age").write_bytes(b"age-encryption.org/v1\n-> X25519 abc\n" + os.urandom(100))
    assert "empty" not in backup_facts(tmp_path / "ledger.age")
