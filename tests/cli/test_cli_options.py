"""The format contract: every command with -f offers exactly the formats cli.options.FORMATS
lists for it, shows them in --help, and refuses any other with exit 2 and the valid names."""

import json
import re

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.cli.options import ALIASES, FORMATS
from hygiene.reporters import OutputFormat
from tests.helpers import FIXTURES, commands_with

runner = CliRunner()
URI = "otpauth://totp/ACME:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME\n"


@pytest.fixture(scope="module")
def saved_result(tmp_path_factory):
    path = tmp_path_factory.mktemp("result") / "result.json"
    path.write_text(runner.invoke(app, ["audit", "--demo", "half-hardened-macbook", "-f", "json"]).stdout)
    return path


def _invoke(command: str, saved_result, *fmt: str):
    """Run `command` on inputs it accepts, so that only the format can make it a usage error."""
    args = {
        "audit": ["--demo", "well-kept-debian-laptop"],
        "checks": [],
        "report": [str(saved_result)],
        "password check": ["--demo"],
        "password audit": [str(FIXTURES / "exports" / "chrome.csv"), "--no-progress"],
        "mfa inspect": [],
        "mfa accounts": ["--demo", "neglected-windows-laptop"],
        "backup verify": [str(FIXTURES / "exports" / "bitwarden.json")],
        "history": [],  # an empty history: each format still says so in its own way
        "fleet summarize": [str(saved_result)],
        "learn handout": ["--lang", "en"],
    }[command]
    return runner.invoke(app, [*command.split(), *args, *fmt], input=URI)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _steady(text: str) -> list[str]:
    """The output without what the clock changes between two runs (durations, ages)."""
    return [line for line in text.splitlines() if not re.search(r"took [0-9.]+ s|ago\)", line)]


def test_every_command_with_a_format_option_is_in_the_table():
    assert commands_with("--format") == set(FORMATS)


@pytest.mark.parametrize("command", sorted(FORMATS))
def test_offered_formats_are_accepted_and_honoured(command, saved_result):
    outputs = []
    for fmt in FORMATS[command]:
        r = _invoke(command, saved_result, "-f", fmt.value.upper() if fmt is OutputFormat.JSON else fmt.value)
        assert r.exit_code in (0, 1), (fmt, r.stderr)
        assert r.stdout.strip() and _is_json(r.stdout) == (fmt is OutputFormat.JSON), fmt
        outputs.append(r.stdout)
    assert len(set(outputs)) == len(outputs), "two formats print the same"
    default = _invoke(command, saved_result)
    assert _steady(default.stdout) == _steady(_invoke(command, saved_result, "-f", "table").stdout)


@pytest.mark.parametrize("command", sorted(FORMATS))
def test_other_formats_exit_2_and_name_the_valid_ones(command, saved_result):
    offered = FORMATS[command]
    refused = [f.value for f in OutputFormat if f not in offered] + ["pdf", "text", ""]
    for value in (v for v in refused if v not in ALIASES.get(command, {})):
        r = _invoke(command, saved_result, "-f", value)
        assert r.exit_code == 2 and not r.stdout, (value, r.stdout)
        message = " ".join(r.stderr.replace("│", " ").split())
        assert f"is not one of {', '.join(repr(f.value) for f in offered)}." in message, message


@pytest.mark.parametrize("command", sorted(FORMATS))
def test_help_lists_exactly_the_offered_formats(command):
    r = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "120"})
    assert r.exit_code == 0
    line = next(line for line in r.stdout.splitlines() if "--format" in line)
    names = [f.value for f in FORMATS[command]]
    if len(names) <= 4:
        assert f"<{'|'.join(names)}>" in line
    else:  # a long list goes in the help text, where it wraps between words, not mid-word
        assert "FORMAT" in line and f"Report format: {', '.join(names[:-1])} or {names[-1]}." in line
    assert not any(alias in line for alias in ALIASES.get(command, {}))


def test_backup_verify_keeps_text_as_a_hidden_alias_of_table(saved_result):
    text = _invoke("backup verify", saved_result, "-f", "text")
    table = _invoke("backup verify", saved_result, "-f", "table")
    assert text.exit_code == table.exit_code == 1
    assert text.stdout == table.stdout and "Verdict:" in text.stdout


WRITERS = sorted(commands_with("--format") & commands_with("--output"))


def _written(command, saved_result, output, *fmt):
    r = _invoke(command, saved_result, "-o", str(output), *fmt)
    assert r.exit_code in (0, 1), r.stderr
    return output.read_text()


def test_the_commands_that_write_files_are_known():
    assert WRITERS == ["audit", "fleet summarize", "learn handout", "password audit", "report"]


@pytest.mark.parametrize("command", WRITERS)
def test_without_f_the_output_extension_chooses_the_format(command, saved_result, tmp_path):
    assert _is_json(_written(command, saved_result, tmp_path / "r.json"))
    assert _is_json(_written(command, saved_result, tmp_path / "R.JSON"))
    markdown = _written(command, saved_result, tmp_path / "r.md")
    assert markdown.lstrip().startswith("#") and not _is_json(markdown)
    table = _written(command, saved_result, tmp_path / "r.txt")  # anything else: the command's default
    assert _steady(table) == _steady(_written(command, saved_result, tmp_path / "t.out", "-f", "table"))
    assert table != markdown and not _is_json(table)


@pytest.mark.parametrize("command", WRITERS)
def test_an_explicit_f_always_wins_over_the_extension(command, saved_result, tmp_path):
    assert not _is_json(_written(command, saved_result, tmp_path / "r.json", "-f", "markdown"))
    assert _is_json(_written(command, saved_result, tmp_path / "r.md", "-f", "json"))


EVERY_SUFFIX = "json for .json, markdown for .md, html for .html or .htm, junit for .xml, csv for .csv."
NAMED = {
    "audit": EVERY_SUFFIX,
    "fleet summarize": EVERY_SUFFIX,
    "learn handout": "json for .json, markdown for .md, html for .html or .htm.",
    "password audit": "json for .json, markdown for .md.",
    "report": EVERY_SUFFIX,
}


@pytest.mark.parametrize("command", WRITERS)
def test_help_says_the_extension_chooses(command):
    named = NAMED[command]
    r = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"})
    text = " ".join(r.stdout.replace("│", " ").split())
    assert f"Default: table, or from --output's extension: {named}" in text


@pytest.mark.parametrize("command", ["audit", "report"])
@pytest.mark.parametrize(
    ("name", "starts"),
    [("r.html", "<!DOCTYPE html>"), ("r.HTM", "<!DOCTYPE html>"), ("r.xml", "<?xml"), ("r.csv", "id,title,")],
)
def test_the_file_formats_are_chosen_by_extension_and_written_privately(command, name, starts, saved_result, tmp_path):
    import stat

    text = _written(command, saved_result, tmp_path / name)
    assert text.startswith(starts)
    assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_report_renders_a_saved_result_as_html_again(saved_result, tmp_path):
    out = tmp_path / "report.html"
    r = runner.invoke(app, ["report", str(saved_result), "-f", "html", "-o", str(out)])
    assert r.exit_code == 0 and f"wrote {out}" in r.stderr
    text = out.read_text()
    assert '<html lang="en">' in text and "DEMO machine: A half-hardened MacBook" in text


def test_stdout_stays_the_default_format():
    r = runner.invoke(app, ["audit", "--demo", "well-kept-debian-laptop", "-o", "-"])
    assert r.exit_code == 0 and "Fix these first" in r.stdout


@pytest.mark.parametrize(
    ("fmt", "says"), [("html", "-o report.html"), ("junit", "-o report.xml"), ("csv", "-o report.csv")]
)
def test_a_file_format_at_a_terminal_is_printed_with_a_hint_to_write_a_file(fmt, says, monkeypatch, capsys):
    from hygiene.cli.common import hint_for_files

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    hint_for_files(OutputFormat(fmt), None)
    assert capsys.readouterr().err == f"hygiene: {fmt} is made for a file: add {says} to write one (mode 0600)\n"
    for quiet in (OutputFormat.JSON, OutputFormat.TABLE):
        hint_for_files(quiet, None)
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    hint_for_files(OutputFormat(fmt), None)  # a pipe or `>`: the report, nothing else
    assert capsys.readouterr().err == ""


def test_through_a_pipe_a_file_format_says_nothing_on_stderr(saved_result):
    r = runner.invoke(app, ["report", str(saved_result), "-f", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("id,title,") and r.stderr == ""
