"""Shell completion (Typer's): the script for each shell, and what a Tab offers for commands,
check ids, categories and demo names (hygiene.cli.complete)."""

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from hygiene.cli import complete
from hygiene.cli.app import app
from hygiene.registry import CHECKS

runner = CliRunner()


def tab(line: str) -> list[str]:
    """What bash's Tab offers at the end of `line`, as the installed script asks for it."""
    words = line.split(" ")
    env = {"_HYGIENE_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    r = runner.invoke(app, [], env=env, prog_name="hygiene")
    assert r.exit_code == 0, r.output
    return r.stdout.split()


def test_help_offers_completion():
    r = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


@pytest.mark.parametrize(
    ("shell", "says"),
    [
        ("bash", "complete -o default -F _hygiene_completion hygiene"),
        ("zsh", "compdef _hygiene_completion hygiene"),
        ("fish", "complete --command hygiene"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName hygiene"),
    ],
)
def test_show_completion_prints_the_script_for_the_shell(shell, says, monkeypatch):
    # Read when the command is built, before invoke() applies its env: so set it here.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    r = runner.invoke(app, ["--show-completion", shell], prog_name="hygiene")
    assert r.exit_code == 0 and says in r.stdout and f"complete_{shell}" in r.stdout and "_HYGIENE_COMPLETE" in r.stdout


def test_tab_completes_commands_and_subcommands():
    assert tab("hygiene au") == ["audit"]
    assert tab("hygiene password ") == ["check", "audit"]
    assert "--redact" in tab("hygiene audit --re")


def test_tab_completes_check_ids_for_explain_only_and_skip():
    assert tab("hygiene explain ENC-00") == ["ENC-001", "ENC-002", "ENC-003"]
    assert tab("hygiene explain enc-00") == ["enc-001", "enc-002", "enc-003"]  # ids are read in any case
    assert tab("hygiene audit --skip MFA-00") == [f"MFA-00{n}" for n in range(1, 6)]
    assert tab("hygiene audit --only ENC-001,UPD-00")[:2] == ["ENC-001,UPD-001", "ENC-001,UPD-002"]
    assert len(tab("hygiene explain ")) == len(CHECKS)


def test_tab_completes_categories_and_demo_names():
    assert tab("hygiene audit --category back") == ["backups"]
    assert tab("hygiene audit --demo ne") == ["neglected-windows-laptop"]
    assert tab("hygiene mfa accounts --demo half") == ["half-hardened-macbook"]


def test_tab_completes_the_formats_each_command_offers():
    """-f takes a word, not a file: a Tab offers the command's formats, never the folder's files."""
    assert tab("hygiene audit -f ") == ["table", "json", "markdown", "html", "junit", "csv"]
    assert tab("hygiene report --format j") == ["json", "junit"]
    assert tab("hygiene checks -f ") == ["table", "json", "markdown"]
    assert tab("hygiene password check -f ") == ["table", "json"]
    assert tab("hygiene backup verify --format ") == ["table", "json"]
    assert tab("hygiene history -f ") == ["table", "json", "csv", "html"]
    assert tab("hygiene history i") == ["import"]


def test_completions_carry_a_description_for_shells_that_show_one():
    assert ("ENC-001", "The system disk is encrypted") in [(v, t[:29]) for v, t in complete.check_ids("ENC-001")]
    assert complete.demos("well")[0][0] == "well-kept-debian-laptop"


def test_the_installed_program_completes_too():
    """Through `python -m hygiene`, as the shell runs it: run() must let the completion answer."""
    env = {**os.environ, "_HYGIENE_COMPLETE": "complete_bash", "COMP_WORDS": "hygiene expl", "COMP_CWORD": "1"}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    proc = subprocess.run(
        [sys.executable, "-m", "hygiene"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0 and proc.stdout.split() == ["explain"], proc.stderr
