"""Every command's --output follows the same rules (hygiene.files.check_output), checked before
any work is done: no missing folder is created, a folder, FIFO, device or link is refused, an
existing file is replaced only with --force, and whatever is wrong exits 2 with the path named,
never a traceback."""

import errno
import os

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from tests.helpers import FIXTURES, commands_with

runner = CliRunner()

# Every command with -o, and a run of it that works when -o is good.
OUTPUT_RUNS = {
    "audit": ["--demo", "well-kept-debian-laptop", "--no-progress"],
    "snapshot": ["--no-progress", "--timeout", "5"],
    "report": ["RESULT"],  # replaced by a saved result
    "fleet summarize": ["RESULT"],
    "learn handout": ["--lang", "en"],
    "password audit": [str(FIXTURES / "exports" / "chrome.csv"), "--no-progress"],
    "init": ["--defaults"],
}


def test_every_command_with_output_is_tested_here():
    assert commands_with("--output") == set(OUTPUT_RUNS)


@pytest.fixture(scope="module")
def saved_result(tmp_path_factory):
    path = tmp_path_factory.mktemp("result") / "result.json"
    path.write_text(runner.invoke(app, ["audit", "--demo", "half-hardened-macbook", "-f", "json"]).stdout)
    return path


def _args(command, saved_result, output):
    args = [str(saved_result) if a == "RESULT" else a for a in OUTPUT_RUNS[command]]
    return [*command.split(), *args, "-o", str(output)]


@pytest.fixture
def no_work(monkeypatch):
    """Any work (running a check, reading an export or a result, writing a profile) fails the test."""

    def ran(*args, **kwargs):
        raise AssertionError("the command did its work before --output was checked")

    for target in (
        "hygiene.engine.run_one",
        "hygiene.passwords.exports.read_export",
        "hygiene.files.load_document",
        "hygiene.profile.template.render_profile",
    ):
        monkeypatch.setattr(target, ran)


def _bad_output(kind, tmp_path, monkeypatch):
    """A path -o cannot write to, of the given kind."""
    if kind == "missing folder":
        return tmp_path / "no" / "such" / "r.json"
    if kind == "folder":
        return tmp_path
    if kind == "parent is a file":
        (tmp_path / "notes.txt").write_text("mine")
        return tmp_path / "notes.txt" / "r.json"
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
        return tmp_path / "pipe"
    if kind == "device":
        return "/dev/null"
    if kind == "dangling symlink":
        (tmp_path / "link.json").symlink_to(tmp_path / "nowhere.json")
        return tmp_path / "link.json"
    if kind == "existing file":
        (tmp_path / "r.json").write_text("the user's own")
        return tmp_path / "r.json"
    assert kind == "no permission"
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    if os.access(folder, os.W_OK):  # root: permissions do not stop it, so the system says no instead

        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr("hygiene.files.tempfile.mkstemp", refuse)
    return folder / "r.json"


KINDS = [
    "missing folder",
    "folder",
    "parent is a file",
    "fifo",
    "device",
    "dangling symlink",
    "existing file",
    "no permission",
]
SAYS = {
    "missing folder": "does not exist; create it first",
    "folder": "is a folder",
    "parent is a file": "is not a folder",
    "fifo": "is a named pipe (FIFO), not a file",
    "device": "is a character device, not a file",
    "dangling symlink": "is a symbolic link, not a file",
    "existing file": "already exists",
    "no permission": "no permission to write in the folder",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", sorted(OUTPUT_RUNS))
def test_a_bad_output_exits_2_naming_it_before_any_work(command, kind, tmp_path, monkeypatch, saved_result, no_work):
    output = _bad_output(kind, tmp_path, monkeypatch)
    before = sorted(tmp_path.rglob("*"))
    r = runner.invoke(app, _args(command, saved_result, output))
    assert r.exit_code == 2, (r.stdout, r.stderr)
    message = " ".join(r.stderr.split())
    assert f"hygiene: error: {output}:" in message and SAYS[kind] in message
    assert r.stdout == "" and "Traceback" not in r.stderr
    assert sorted(tmp_path.rglob("*")) == before  # no folder made, no temporary file left


@pytest.mark.parametrize("command", sorted(OUTPUT_RUNS))
def test_a_good_output_is_written_alone(command, tmp_path, saved_result):
    output = tmp_path / "out" / "r.txt"
    output.parent.mkdir()
    r = runner.invoke(app, _args(command, saved_result, output))
    assert r.exit_code in (0, 1), r.stderr
    assert [p.name for p in output.parent.iterdir()] == ["r.txt"]  # the check left no probe behind


def test_init_makes_only_its_own_config_folder(tmp_path):
    """Without -o, init writes to the user config folder and makes it; -o never makes one."""
    assert runner.invoke(app, ["init", "--defaults"]).exit_code == 0
    assert (tmp_path / "no-config" / "hygiene.toml").exists()  # the folder conftest points config at
    r = runner.invoke(app, ["init", "--defaults", "-o", str(tmp_path / "new" / "hygiene.toml")])
    assert r.exit_code == 2 and "create it first" in r.stderr and not (tmp_path / "new").exists()


@pytest.mark.parametrize("command", sorted(OUTPUT_RUNS))
def test_a_dash_is_standard_output_never_a_file_named_dash(command, tmp_path, saved_result, monkeypatch):
    """`-o -` is standard output for every report; init writes a profile file, so it says that
    `-` is not one instead of writing a file called `-` (and skipping the early check)."""
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, _args(command, saved_result, "-"))
    assert not (tmp_path / "-").exists()
    if command == "init":
        assert r.exit_code == 2 and "hygiene: error: -: init writes a file" in r.stderr
    else:
        assert r.exit_code in (0, 1) and r.stdout.strip(), r.stderr


@pytest.mark.parametrize("command", sorted(OUTPUT_RUNS))
def test_a_path_ending_in_a_slash_names_a_folder_and_is_refused(command, tmp_path, saved_result, monkeypatch):
    """Path("reports/") is "reports": without this, -o reports/ would write a file of that name."""
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, _args(command, saved_result, "reports/"))
    assert r.exit_code == 2 and "names a folder" in r.output
    assert list(tmp_path.iterdir()) == []


def test_a_folder_path_is_quoted_inert_in_the_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["audit", "--demo", "well-kept-debian-laptop", "-o", "\x1b[31mEVIL/"])
    assert r.exit_code == 2 and "names a folder" in r.output and "\x1b" not in r.output
