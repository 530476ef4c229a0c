"""-q means quiet: a command given --quiet prints nothing at all, on stdout or on stderr (no
report, no "wrote FILE", no "score is below", no reminder, no hint); the exit code speaks.
Only an error that exits 2 or 3 is still printed."""

import json

from typer.testing import CliRunner

from hygiene.cli.app import app
from tests.helpers import FIXTURES, commands_with
from tests.shared_result import shared_snapshot_doc

runner = CliRunner()


def _audit_with_every_note(tmp_path):
    """An audit that, said aloud, has something for stderr of each kind: the file it wrote,
    the score under --fail-under, the vault reminder and the unused ./hygiene.toml."""
    snap = tmp_path / "snap.json"
    snap.write_text(json.dumps(shared_snapshot_doc()))
    (tmp_path / "hygiene.toml").write_text('region = "PK"\n')  # in the current folder, not named: a hint
    vault = FIXTURES / "exports" / "bitwarden.json"
    return [
        "audit",
        "--snapshot",
        str(snap),
        "-o",
        str(tmp_path / "r.txt"),
        "--fail-under",
        "99",
        "--vault",
        str(vault),
    ]


QUIET_RUNS = {"audit": _audit_with_every_note}  # every command with --quiet, and a run of it


def test_every_command_with_quiet_is_tested_here():
    assert commands_with("--quiet") == set(QUIET_RUNS)


def test_quiet_prints_nothing_at_all(tmp_path):
    for command, make in QUIET_RUNS.items():
        args = make(tmp_path)
        loud = runner.invoke(app, args)
        assert loud.stderr.strip(), f"{command}: the run has nothing to silence"
        for said in ("wrote", "below --fail-under 99", "Reminder", "was not used"):
            assert said in loud.stderr, (command, said)
        for written in tmp_path.glob("r.*"):
            written.unlink()
        quiet = runner.invoke(app, [*args, "-q"])
        assert (quiet.stdout, quiet.stderr) == ("", ""), command
        assert quiet.exit_code == loud.exit_code == 1 and (tmp_path / "r.txt").exists()  # the file is still written


def test_quiet_still_reports_an_error_that_exits_2(tmp_path):
    r = runner.invoke(app, ["audit", "-q", "--snapshot", str(tmp_path / "missing.json")])
    assert r.exit_code == 2 and "missing.json" in r.stderr and r.stdout == ""


def test_help_says_what_quiet_silences():
    r = runner.invoke(app, ["audit", "--help"], env={"COLUMNS": "200"})
    text = " ".join(r.stdout.replace("│", " ").split())
    assert "Print nothing" in text and "Errors that exit 2 or 3 are still printed" in text
