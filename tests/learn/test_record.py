"""Recording a finished session: in the profile an audit would use (created when there is none,
edited in place when there is one, refused untouched when it is invalid, read-only, a FIFO or
a link to nothing; a link followed), and in the history an audit saves to. Every file 0600."""

import os
import stat
import subprocess
import sys
import threading
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.engine import run_one
from hygiene.errors import UserError
from hygiene.learn.record import check_recordable, record_in_history, record_in_profile
from hygiene.learn.result import LESSONS, QUIZ, TrainingResult
from hygiene.model import Status
from hygiene.profile import Training, read_profile
from hygiene.profile.template import Answers, render_profile
from hygiene.registry import BY_ID
from hygiene.store.database import open_store
from hygiene.system.recorded import RecordedSystem
from tests.helpers import CHECK_IDS, snapshot_doc

TODAY = date.today()  # the writer validates against the real clock, as `hygiene learn` runs
LINE = f'training_completed = {{ date = {TODAY}, score = 13, out_of = 15, via = "hygiene learn" }}'


def finished(right=13, total=15, kind=LESSONS, day=TODAY):
    moment = datetime.combine(day, datetime.min.time()).astimezone()
    return TrainingResult(moment, day, kind, "ur", tuple((f"q{i}", i < right) for i in range(total)))


@pytest.fixture
def config(tmp_path):
    """Where conftest puts the user config folder's profile."""
    return tmp_path / "no-config" / "hygiene.toml"


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def untouched(path):
    """The bytes, mode and inode of a file, to show it was left as it is."""
    st = os.lstat(path)
    return path.read_bytes(), st.st_mode, st.st_ino, st.st_mtime_ns


def test_without_a_profile_a_minimal_one_is_made_in_the_user_config_folder(config):
    assert not config.parent.exists()
    assert record_in_profile(finished(), None) == (config, True)
    assert mode(config) == 0o600 and config.parent.is_dir()
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# hygiene profile: your own policy and dated statements.\n")
    assert "`hygiene init` fills in the\n# rest (region, backups, accounts)" in text
    assert text.endswith(f"\n[attest]\n{LINE}\n")
    profile = read_profile(config, known_checks=CHECK_IDS)
    assert profile.training == Training(TODAY, 13, 15, "hygiene learn")


def test_the_profile_written_makes_awr_001_pass_or_warn(config):
    for right, status in ((13, Status.PASS), (5, Status.WARN)):
        record_in_profile(finished(right), None)
        profile = read_profile(config, known_checks=CHECK_IDS)
        clock = datetime.combine(TODAY, datetime.min.time()).astimezone().isoformat()
        f = run_one(RecordedSystem(snapshot_doc(clock=clock), profile), BY_ID["AWR-001"])
        assert f.status is status and f"{right}/15 (today)" in f.summary


def test_an_existing_profile_is_edited_in_place_keeping_every_comment_and_value(config):
    config.parent.mkdir()
    before = render_profile(
        Answers(region="PK", attest={"restore_tested": "never"}, accounts=[("gmail", "passkey", True)]), TODAY
    )
    config.write_text(before, encoding="utf-8")
    os.chmod(config, 0o644)
    assert record_in_profile(finished(), None) == (config, False)
    after = config.read_text(encoding="utf-8")
    assert mode(config) == 0o600  # written privately, as every file hygiene writes
    old, new = tomllib.loads(before), tomllib.loads(after)
    assert new["attest"].pop("training_completed") == {
        "date": TODAY,
        "score": 13,
        "out_of": 15,
        "via": "hygiene learn",
    }
    assert new == old
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert [line for line in after.splitlines() if line.startswith("#")] == comments
    assert f"\n[attest]\n{LINE}\n" in after


def test_recording_again_updates_the_same_line(config):
    record_in_profile(finished(13), None)
    path, created = record_in_profile(finished(4, 5, kind=QUIZ), None)
    text = path.read_text(encoding="utf-8")
    assert created is False and text.count("training_completed") == 1
    assert f'training_completed = {{ date = {TODAY}, score = 4, out_of = 5, via = "hygiene learn --quiz" }}' in text


@pytest.mark.parametrize("how", ["--profile", "$HYGIENE_PROFILE"])
def test_the_profile_is_found_as_an_audit_finds_it(tmp_path, monkeypatch, config, how):
    named = tmp_path / "office.toml"
    named.write_text('region = "PK"\n', encoding="utf-8")
    if how == "--profile":
        assert record_in_profile(finished(), named) == (named, False)
    else:
        monkeypatch.setenv("HYGIENE_PROFILE", str(named))
        assert record_in_profile(finished(), None) == (named, False)
    assert named.read_text(encoding="utf-8") == f'region = "PK"\n\n[attest]\n{LINE}\n'
    assert not config.exists()


def test_a_relative_profile_is_written_where_it_is_named(tmp_path):
    Path("hygiene.toml").write_text("", encoding="utf-8")  # conftest runs each test in tmp_path
    assert record_in_profile(finished(), Path("hygiene.toml")) == (Path("hygiene.toml"), False)
    assert (tmp_path / "hygiene.toml").read_text(encoding="utf-8") == f"[attest]\n{LINE}\n"


def test_a_profile_named_but_missing_is_an_error_and_nothing_is_made(tmp_path, config):
    with pytest.raises(UserError, match="no such profile \\(given with --profile\\)"):
        record_in_profile(finished(), tmp_path / "nope.toml")
    assert not (tmp_path / "nope.toml").exists() and not config.exists()


def test_an_invalid_profile_is_refused_untouched_with_its_mistakes_and_what_to_run(config):
    config.parent.mkdir()
    config.write_text('region = "UK"\n[attest]\nincident_plan = "last year"\n', encoding="utf-8")
    before = untouched(config)
    with pytest.raises(UserError) as caught:
        record_in_profile(finished(), None)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(f"{config}:1: region 'UK' is not an ISO 3166 code")
    assert lines[1].startswith(f"{config}:3: incident_plan needs the day")
    assert lines[2] == (
        f"{config}: was left as it is and the training was not recorded in it: fix these mistakes first "
        f"(`hygiene profile check {config}` lists them); add it under [attest] yourself: {LINE}"
    )
    assert untouched(config) == before


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"[attest\n", "not valid TOML"),
        (b"[attest]\ntraining_completed = { date = 2026-01-01, score = 9, out_of = 4 }\n", "score must be from 0"),
        (b"#" * (300 * 1024), "over the 256 KiB limit for a profile"),
        (b"region = 'PK'\n\xff", "is not UTF-8 text"),
    ],
    ids=["toml", "score", "size", "bytes"],
)
def test_a_profile_that_cannot_be_read_is_refused_untouched(config, raw, fragment):
    config.parent.mkdir()
    config.write_bytes(raw)
    before = untouched(config)
    with pytest.raises(UserError, match=fragment):
        record_in_profile(finished(), None)
    assert untouched(config) == before


def test_a_profile_changed_while_it_is_edited_is_left_as_the_other_change_made_it(config, monkeypatch):
    from hygiene.profile import edit

    config.parent.mkdir()
    config.write_text('region = "PK"\n', encoding="utf-8")
    real = edit.set_training

    def meanwhile(text, training):  # another program (an editor) saves while hygiene edits
        config.write_text('region = "GB"\n', encoding="utf-8")
        return real(text, training)

    monkeypatch.setattr(edit, "set_training", meanwhile)
    with pytest.raises(
        UserError, match="changed while the training was being recorded, so it was left as it is now; add it under"
    ):
        record_in_profile(finished(), None)
    assert config.read_text(encoding="utf-8") == 'region = "GB"\n'


def test_a_profile_tomlkit_cannot_edit_safely_is_left_with_the_line_to_add(config, monkeypatch):
    from hygiene.profile import edit

    config.parent.mkdir()
    config.write_text('region = "PK"\n', encoding="utf-8")
    before = untouched(config)

    def cannot(text, training):
        raise edit.CannotEdit("the edited text would say something else")

    monkeypatch.setattr(edit, "set_training", cannot)
    with pytest.raises(UserError) as caught:
        record_in_profile(finished(), None)
    assert str(caught.value) == (
        f"{config}: could not be changed safely, so it was left as it is; add it under [attest] yourself: {LINE}"
    )
    assert untouched(config) == before


def test_a_read_only_profile_is_refused_untouched_with_the_line_to_add(config):
    """Even for root (tests run as root in CI): an atomic replace would get past the mode."""
    config.parent.mkdir()
    config.write_text('region = "PK"\n', encoding="utf-8")
    os.chmod(config, 0o444)
    before = untouched(config)
    with pytest.raises(UserError) as caught:
        record_in_profile(finished(), None)
    assert str(caught.value) == (
        f"{config}: is read-only, so the training was not recorded in it; add it under [attest] yourself: {LINE}"
    )
    assert untouched(config) == before


def test_a_symlinked_profile_is_followed_the_file_it_names_written_and_the_link_kept(tmp_path, config):
    dotfiles = tmp_path / "dotfiles" / "hygiene.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text('region = "PK"  # mine\n', encoding="utf-8")
    config.parent.mkdir()
    config.symlink_to(dotfiles)
    path, created = record_in_profile(finished(), None)
    assert (path, created) == (dotfiles, False)
    assert config.is_symlink() and os.readlink(config) == str(dotfiles)
    assert dotfiles.read_text(encoding="utf-8") == f'region = "PK"  # mine\n\n[attest]\n{LINE}\n'
    assert mode(dotfiles) == 0o600
    assert not [p for p in dotfiles.parent.iterdir() if p.name != "hygiene.toml"]  # no temporary file left


def refused_untouched(path, *files, fragment):
    """record_in_profile refuses `path` with `fragment` and the line to add by hand, and
    check_recordable refuses it before a session; every one of `files` is left as it was."""
    before = [untouched(f) for f in files]
    with pytest.raises(UserError) as caught:
        check_recordable(path, None)
    assert fragment in str(caught.value) and str(caught.value).endswith("or run with --no-record")
    with pytest.raises(UserError) as caught:
        record_in_profile(finished(), path)
    assert str(caught.value).startswith(f"{path}: {fragment}")
    assert str(caught.value).endswith(f"so the training was not recorded in it; add it under [attest] yourself: {LINE}")
    assert [untouched(f) for f in files] == before


@pytest.mark.parametrize("name", ["access.conf", "hygiene.toml.bak", "toml"])
def test_a_link_to_a_file_not_named_toml_is_refused_untouched(tmp_path, name):
    """A repository's hygiene.toml linking to /etc/security/access.conf (comments only, so a
    valid profile): rewriting it as root would change the system's file, and make it 0600."""
    system_file = tmp_path / "etc" / name
    system_file.parent.mkdir()
    system_file.write_text("# the system's own settings, comments only\n", encoding="utf-8")
    os.chmod(system_file, 0o644)
    link = tmp_path / "hygiene.toml"
    link.symlink_to(system_file)
    refused_untouched(link, link, system_file, fragment=f"is a symbolic link to {system_file}, not to a *.toml file")


def test_a_chain_of_links_is_judged_by_the_file_it_ends_at(tmp_path):
    system_file = tmp_path / "access.conf"
    system_file.write_text("# comments only\n", encoding="utf-8")
    (tmp_path / "middle.toml").symlink_to(system_file)
    link = tmp_path / "hygiene.toml"
    link.symlink_to(tmp_path / "middle.toml")
    refused_untouched(link, system_file, fragment=f"is a symbolic link to {system_file}, not to a *.toml file")


@pytest.fixture
def someone_else(monkeypatch):
    """Makes a file another user's: chowned to nobody when the tests run as root (as in CI),
    else this process is made to say it runs as another user."""

    def give(path, follow=True):
        if os.geteuid() == 0:
            os.chown(path, 65534, 65534, follow_symlinks=follow)
        else:
            monkeypatch.setattr(os, "geteuid", lambda: os.stat(path).st_uid + 1)

    return give


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no file owners to compare")
@pytest.mark.parametrize("mode", [0o644, 0o664, 0o666])
def test_another_users_profile_is_refused_untouched(tmp_path, someone_else, mode):
    """Under sudo, or a group-writable file: a replace would leave a root-owned 0600 file in its
    place, and the owner locked out of their own profile."""
    theirs = tmp_path / "theirs.toml"
    theirs.write_text('region = "PK"\n', encoding="utf-8")
    os.chmod(theirs, mode)
    someone_else(theirs)
    owner = os.stat(theirs).st_uid
    refused_untouched(theirs, theirs, fragment="belongs to another user")
    assert os.stat(theirs).st_uid == owner


def test_a_linked_profile_is_reached_through_its_link_and_refused_if_not_ours(tmp_path, someone_else):
    theirs = tmp_path / "shared" / "hygiene.toml"
    theirs.parent.mkdir()
    theirs.write_text('region = "PK"\n', encoding="utf-8")
    someone_else(theirs)
    link = tmp_path / "mine.toml"
    link.symlink_to(theirs)
    refused_untouched(link, theirs, fragment="belongs to another user")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no file owners to compare")
def test_a_link_another_user_made_is_not_followed_even_to_our_own_toml(tmp_path, someone_else):
    """A repository's hygiene.toml is its author's link: under sudo, the file it names is
    root's and would pass as root's own (/etc/containerd/config.toml, say)."""
    ours = tmp_path / "config.toml"
    ours.write_text("# comments only\n", encoding="utf-8")
    link = tmp_path / "hygiene.toml"
    link.symlink_to(ours)
    someone_else(link, follow=False)
    refused_untouched(link, ours, fragment="is a symbolic link that belongs to another user")


def test_a_profile_with_hard_links_is_refused_untouched(tmp_path):
    """A replace would give this name a new file and leave the other name with the old one."""
    path = tmp_path / "hygiene.toml"
    path.write_text('region = "PK"\n', encoding="utf-8")
    other = tmp_path / "backup" / "hygiene.toml"
    other.parent.mkdir()
    os.link(path, other)
    refused_untouched(path, path, other, fragment="has 2 hard links")
    assert os.path.samefile(path, other)


def test_a_link_to_nothing_is_refused_and_nothing_is_made(tmp_path, config):
    config.parent.mkdir()
    config.symlink_to(tmp_path / "gone.toml")
    with pytest.raises(UserError, match="is a symbolic link to a file that does not exist"):
        record_in_profile(finished(), None)
    assert config.is_symlink() and not (tmp_path / "gone.toml").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    done = {}

    def record():
        try:
            record_in_profile(finished(), fifo)
        except UserError as exc:
            done["error"] = str(exc)

    worker = threading.Thread(target=record, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
        pytest.fail("recording into a named pipe blocked")
    assert (
        done["error"] == f"{fifo}: is a named pipe (FIFO), not a profile file; add it under [attest] yourself: {LINE}"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_folder_given_as_the_profile_is_refused(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(UserError, match="is a folder, not a profile file"):
        record_in_profile(finished(), tmp_path / "folder")


def test_a_crlf_profile_stays_crlf_and_a_bom_is_read_past(tmp_path):
    path = tmp_path / "p.toml"
    path.write_bytes(b'\xef\xbb\xbfregion = "PK"\r\n[attest]\r\nincident_plan = 2026-01-01\r\n')
    record_in_profile(finished(), path)
    assert path.read_bytes() == (
        f'region = "PK"\r\n[attest]\r\n{LINE}\r\nincident_plan = 2026-01-01\r\n'.encode()
    )  # the BOM, which means nothing to TOML, is not written back


def test_a_session_without_answers_is_not_recorded(config):
    with pytest.raises(ValueError, match="1 to 1000 answers, not 0"):
        record_in_profile(finished(0, 0), None)
    assert not config.exists()


def test_tomlkit_is_imported_only_when_a_profile_is_edited():
    code = (
        "import sys, hygiene.learn.record, hygiene.cli.app, hygiene.profile, hygiene.registry\n"
        "assert 'tomlkit' not in sys.modules, 'imported too early'\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 0, r.stderr


# --- the history -----------------------------------------------------------------------------


def test_the_session_goes_into_the_history_an_audit_saves_to(tmp_path):
    default = tmp_path / "no-data" / "history.sqlite3"  # where conftest puts the user data folder
    assert record_in_history(finished()) == default
    assert mode(default) == 0o600 and mode(default.parent) == 0o700
    store = open_store(default, create=False)
    try:
        (session,) = store.training()
    finally:
        store.close()
    assert (session.kind, session.lang, session.score, session.out_of, session.day) == ("lessons", "ur", 13, 15, TODAY)


def test_the_history_is_found_by_db_or_hygiene_history(tmp_path, monkeypatch):
    named = tmp_path / "office.sqlite3"
    monkeypatch.setenv("HYGIENE_HISTORY", str(named))
    assert record_in_history(finished()) == named
    explicit = tmp_path / "mine.sqlite3"
    assert record_in_history(finished(day=TODAY - timedelta(days=1)), explicit) == explicit
    r = CliRunner().invoke(app, ["history"], env={"HYGIENE_HISTORY": str(named), "COLUMNS": "80"})
    assert r.exit_code == 0 and f"Training · 1 session of `hygiene learn`, {TODAY}\n" in r.stdout


def test_a_history_from_a_newer_hygiene_is_refused(tmp_path):
    import sqlite3

    path = tmp_path / "h.sqlite3"
    record_in_history(finished(), path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(UserError, match="was written by a newer hygiene"):
        record_in_history(finished(day=TODAY - timedelta(days=1)), path)


def test_recording_the_same_session_twice_keeps_one(tmp_path):
    path = tmp_path / "h.sqlite3"
    result = finished()
    record_in_history(result, path)
    record_in_history(result, path)
    store = open_store(path, create=False)
    try:
        assert len(store.training()) == 1
    finally:
        store.close()


def test_nothing_recorded_holds_a_path_outside_the_folders_asked_for(tmp_path):
    record_in_profile(finished(), None)
    record_in_history(finished())
    made = sorted(p.relative_to(tmp_path).as_posix() for p in Path(tmp_path).rglob("*"))
    assert made == ["no-config", "no-config/hygiene.toml", "no-data", "no-data/history.sqlite3"]


def test_a_profile_that_cannot_take_the_result_stops_the_session_before_it_starts(tmp_path):
    from typer.testing import CliRunner

    from hygiene.cli.app import app

    broken = tmp_path / "hygiene.toml"
    broken.write_text("region = 42\n")
    r = CliRunner().invoke(app, ["learn", "--lang", "en", "--profile", str(broken)], input="1\n" * 40)
    assert r.exit_code == 2 and "Lesson 1" not in r.stdout
    assert "region" in r.stderr and "--no-record" in r.stderr and broken.read_text() == "region = 42\n"
    read_only = tmp_path / "ro.toml"
    read_only.write_text('region = "PK"\n')
    read_only.chmod(0o400)
    r = CliRunner().invoke(app, ["learn", "--lang", "en", "--profile", str(read_only)], input="1\n" * 40)
    assert r.exit_code == 2 and "is read-only" in r.stderr and "Question 1" not in r.stdout
