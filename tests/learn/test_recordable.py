"""Before a session: everything that would throw its result away ten minutes later is found by
check_recordable, which creates and changes nothing (the profile's folder, the config folder a
new profile goes in, the history database and its folder). After a session: every refusal of
record_in_profile ends with the line to add by hand."""

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest

from hygiene.errors import UserError
from hygiene.learn.record import check_recordable, record_in_history, record_in_profile
from hygiene.learn.result import LESSONS, TrainingResult
from hygiene.store.schema import MIGRATIONS, SCHEMA_VERSION

TODAY = date.today()
LINE = f'training_completed = {{ date = {TODAY}, score = 13, out_of = 15, via = "hygiene learn" }}'
BY_HAND = f"add it under [attest] yourself: {LINE}"
SRC = Path(__file__).parents[2] / "src"


def finished():
    moment = datetime.combine(TODAY, datetime.min.time()).astimezone()
    return TrainingResult(moment, TODAY, LESSONS, "en", tuple((f"q{i}", i < 13) for i in range(15)))


def everything(root):
    """Every path under `root` with its bytes (a link: where it points; a folder: None), to show
    that nothing was made or changed."""

    def what(p):
        return os.readlink(p) if p.is_symlink() else None if p.is_dir() else p.read_bytes()

    return {p: what(p) for p in sorted(Path(root).rglob("*"))}


def refused(tmp_path, profile, db, fragment):
    """check_recordable refuses with `fragment` and --no-record, and leaves everything as it was."""
    before = everything(tmp_path)
    with pytest.raises(UserError) as caught:
        check_recordable(profile, db)
    assert fragment in str(caught.value) and str(caught.value).endswith("or run with --no-record"), caught.value
    assert everything(tmp_path) == before
    return str(caught.value)


# --- what passes, and creates nothing ------------------------------------------------------------


def test_nothing_there_yet_passes_and_nothing_is_made(tmp_path):
    check_recordable(None, None)
    check_recordable(None, tmp_path / "new" / "deeper" / "h.sqlite3")
    assert not list(tmp_path.iterdir())


def test_a_profile_and_a_history_that_can_take_it_pass_untouched(tmp_path):
    profile = tmp_path / "hygiene.toml"
    profile.write_text('region = "PK"\n', encoding="utf-8")
    db = tmp_path / "h.sqlite3"
    record_in_history(finished(), db)
    before = everything(tmp_path)
    check_recordable(profile, db)
    assert everything(tmp_path) == before


def test_a_version_1_history_passes_and_is_left_at_version_1(tmp_path):
    """The real first schema, as the first release wrote it: the save after the session migrates it."""
    db = tmp_path / "h.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
    before = db.read_bytes()
    check_recordable(None, db)
    assert db.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["h.sqlite3"]
    record_in_history(finished(), db)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


# --- the profile ----------------------------------------------------------------------------------


def test_a_config_folder_that_cannot_be_made_is_found_before_the_session(tmp_path):
    """XDG_CONFIG_HOME a file: conftest's user config folder is tmp_path/no-config."""
    (tmp_path / "no-config").write_text("a file, not a folder")
    message = refused(tmp_path, None, None, f"{tmp_path / 'no-config'}: is not a folder")
    assert "a new profile" in message


def test_a_user_config_profile_that_is_a_link_to_nothing_is_found_before_the_session(tmp_path):
    (tmp_path / "no-config").mkdir()
    (tmp_path / "no-config" / "hygiene.toml").symlink_to(tmp_path / "gone.toml")
    refused(tmp_path, None, None, "is a symbolic link to a file that does not exist")


# --- the history ----------------------------------------------------------------------------------


def newer(path):
    record_in_history(finished(), path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


HISTORIES = {
    "folder": (lambda p: p.mkdir(), "is a folder, not a hygiene history database"),
    "garbage": (lambda p: p.write_bytes(b"\x00garbage" * 512), "is not a hygiene history database"),
    "newer": (newer, "was written by a newer hygiene"),
    "damaged": (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080), "is damaged"),
    "dangling": (lambda p: p.symlink_to(p.parent / "gone.sqlite3"), "is a symbolic link to nothing"),
    "parent-is-a-file": (lambda p: p.parent.write_text("a file"), "is not a folder"),
    "grandparent-is-a-file": (lambda p: p.parent.parent.write_text("a file"), "is not a folder"),
}


@pytest.mark.parametrize("kind", sorted(HISTORIES))
def test_a_history_that_cannot_take_the_session_is_found_before_it(tmp_path, kind):
    make, fragment = HISTORIES[kind]
    db = tmp_path / "data" / "hygiene" / "h.sqlite3"
    db.parent.mkdir(parents=True)
    if kind == "grandparent-is-a-file":
        shutil.rmtree(tmp_path / "data")
    elif kind == "parent-is-a-file":
        db.parent.rmdir()
    make(db)
    refused(tmp_path, None, db, fragment)


# --- as a user, not root --------------------------------------------------------------------------

CHILD = """
import sys
from datetime import date, datetime
from pathlib import Path
from hygiene.errors import UserError
from hygiene.learn.record import check_recordable, record_in_profile
from hygiene.learn.result import TrainingResult
what, profile, db = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
moment = datetime.combine(date.today(), datetime.min.time()).astimezone()
result = TrainingResult(moment, date.today(), "lessons", "en", tuple((f"q{i}", i < 13) for i in range(15)))
try:
    check_recordable(profile, db) if what == "check" else record_in_profile(result, profile)
except UserError as exc:
    print(exc)
    sys.exit(2)
"""


def as_a_user(what, profile, db):
    """check_recordable or record_in_profile in a process without root's power to write any
    file (tests run as root in CI): its exit code and what it said."""
    argv = [sys.executable, "-c", CHILD, what, str(profile), str(db)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root, and no setpriv to act as a user")
        argv = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *argv]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert not r.stderr, r.stderr
    return r.returncode, r.stdout.strip()


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="folder modes do not stop writing on Windows")


@posix_only
def test_a_profile_in_a_folder_that_takes_no_new_file_is_refused_before_and_after(tmp_path):
    """The atomic replace writes a temporary file beside the profile (chattr +i, a read-only
    mount, a folder of someone else's): a writable profile there cannot be rewritten."""
    folder = tmp_path / "locked"
    folder.mkdir()
    profile = folder / "hygiene.toml"
    profile.write_text('region = "PK"\n', encoding="utf-8")
    folder.chmod(0o555)
    try:
        before = everything(tmp_path)
        code, said = as_a_user("check", profile, tmp_path / "h.sqlite3")
        assert code == 2 and said.startswith(f"{profile}: is in {folder}, a folder that takes no new file"), said
        assert said.endswith("or run with --no-record")
        code, said = as_a_user("record", profile, tmp_path / "h.sqlite3")
        assert code == 2 and said.endswith(f"so the training was not recorded in it; {BY_HAND}"), said
        assert everything(tmp_path) == before
    finally:
        folder.chmod(0o755)


@posix_only
def test_a_read_only_history_is_refused_before_the_session(tmp_path):
    db = tmp_path / "h.sqlite3"
    record_in_history(finished(), db)
    db.chmod(0o444)
    (tmp_path / "p.toml").write_text("")
    before = everything(tmp_path)
    code, said = as_a_user("check", tmp_path / "p.toml", db)
    assert code == 2 and said.startswith(f"{db}: the history database cannot be written (it is read-only)"), said
    assert said.endswith("or run with --no-record")
    assert everything(tmp_path) == before


@posix_only
@pytest.mark.parametrize("there", [True, False], ids=["history", "no-history-yet"])
def test_a_history_in_a_folder_that_takes_no_new_file_is_refused_before_the_session(tmp_path, there):
    """SQLite writes a journal beside the database; a new one is made in that folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "h.sqlite3"
    if there:
        record_in_history(finished(), db)
    (tmp_path / "p.toml").write_text("")
    folder.chmod(0o555)
    try:
        before = everything(tmp_path)
        code, said = as_a_user("check", tmp_path / "p.toml", db)
        assert code == 2 and f"{folder}: is a folder that takes no new file" in said, said
        assert said.endswith(
            f"{db}: your training is saved in this history too, so fix this first, or run with --no-record"
        )
        assert everything(tmp_path) == before
    finally:
        folder.chmod(0o755)


# --- after the session: always the line to add by hand ----------------------------------------------


def test_a_profile_that_cannot_be_written_after_the_session_ends_with_the_line_to_add(tmp_path, monkeypatch):
    profile = tmp_path / "hygiene.toml"
    profile.write_text('region = "PK"\n', encoding="utf-8")

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(UserError) as caught:
        record_in_profile(finished(), profile)
    assert str(caught.value) == (
        f"{profile}: could not be written (No space left on device); nothing was written; {BY_HAND}"
    )
    assert profile.read_text(encoding="utf-8") == 'region = "PK"\n'


def test_a_config_folder_that_cannot_be_made_after_the_session_ends_with_the_line_to_add(tmp_path):
    (tmp_path / "no-config").write_text("a file, not a folder")
    with pytest.raises(UserError) as caught:
        record_in_profile(finished(), None)
    assert str(caught.value).startswith(f"{tmp_path / 'no-config'}: ")
    assert str(caught.value).endswith(f"; {BY_HAND}")


def test_a_profile_gone_after_the_session_ends_with_the_line_to_add(tmp_path):
    with pytest.raises(UserError) as caught:
        record_in_profile(finished(), tmp_path / "gone.toml")
    assert str(caught.value) == f"{tmp_path / 'gone.toml'}: no such profile (given with --profile); {BY_HAND}"


def test_a_history_that_cannot_take_the_result_stops_the_session_before_it_starts(tmp_path):
    from typer.testing import CliRunner

    from hygiene.cli.app import app

    (tmp_path / "history").mkdir()
    env = {"HYGIENE_HISTORY": str(tmp_path / "history")}
    r = CliRunner().invoke(app, ["learn", "--lang", "en"], input="1\n" * 40, env=env)
    assert r.exit_code == 2 and "Lesson 1" not in r.stdout and "Question 1" not in r.stdout
    assert "is a folder, not a hygiene history database" in r.stderr and "--no-record" in r.stderr
    assert sorted(os.listdir(tmp_path)) == ["history"]


def test_a_quiz_goes_in_the_history_only_so_only_the_history_is_asked(tmp_path):
    broken = tmp_path / "hygiene.toml"
    broken.write_text("region = 42\n")
    with pytest.raises(UserError, match="region"):
        check_recordable(broken, None)
    check_recordable(broken, None, in_profile=False)
    (tmp_path / "h").mkdir()
    with pytest.raises(UserError, match="is a folder, not a hygiene history database"):
        check_recordable(broken, tmp_path / "h", in_profile=False)
