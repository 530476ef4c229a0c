"""Text from outside reaches the terminal inert, and a crash is never mistaken for a verdict.

A snapshot whose host name, OS name and command output carry escape sequences (window title,
clear screen, OSC 8 hyperlinks), Rich markup and bidi overrides is audited in every format:
nothing the terminal would act on comes out, nothing crashes, and JSON stays the same data.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from hygiene.cli import app as app_module
from hygiene.cli.app import app
from hygiene.inert import inert, inert_json, json_text
from hygiene.reporters import OutputFormat
from tests.helpers import snapshot_doc

HOSTILE = "\x1b]0;pwned\x07[/bold][link=http://evil]x\x1b[2J\x1b]8;;http://evil\x1b\\click\u202egnp.exe\x9b31m\ud800"
# What the terminal must never receive: any escape introducer other than our own colours.
ACTIVE = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hostile_snapshot(tmp_path):
    doc = snapshot_doc(
        hostname=f"pc{HOSTILE}",
        os_name=f"Debian {HOSTILE}",
        commands={("uname", "-r"): (0, f"6.1.0{HOSTILE}\n", "")},
        files={"/var/run/reboot-required": f"*** System restart required ***{HOSTILE}\n"},
        exists={"/usr/bin/apt-get": True, "/var/run/reboot-required": True},
    )
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc))  # json.dumps escapes the lone surrogate; the loader restores it
    return path


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_every_format_prints_hostile_text_inert(tmp_path, fmt):
    path = _hostile_snapshot(tmp_path)
    result = CliRunner().invoke(app, ["audit", "--snapshot", str(path), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert not ACTIVE.search(result.stdout.replace("\n", "").replace("\t", ""))
    shown = {"markdown": "\\[/bold\\]", "json": "[/bold]"}.get(fmt, "[/bold]")  # shown, not parsed
    assert shown in result.stdout or fmt == "json"
    if fmt == "markdown":  # no live link or image from outside text
        assert "[link=http://evil]" not in result.stdout.replace("\\[", "").replace("\\]", "")
    if fmt == "json":
        doc = json.loads(result.stdout)
        assert doc["host"]["hostname"] == f"pc{HOSTILE}"  # the same data, escaped


def test_a_coloured_table_keeps_our_colours_and_nothing_else(tmp_path, monkeypatch):
    from hygiene.reporters import Style

    monkeypatch.setattr("hygiene.cli.audit.stdout_style", lambda to_file: Style(color=True, width=100))
    path = _hostile_snapshot(tmp_path)
    result = CliRunner().invoke(app, ["audit", "--snapshot", str(path)])
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout and not ACTIVE.search(result.stdout.replace("\n", ""))
    assert "␛]0;pwned" in result.stdout  # visible


def test_inert_is_idempotent_and_keeps_ordinary_text():
    assert inert("Ledger PC — آمنہ\tok\n") == "Ledger PC — آمنہ\tok\n"
    once = inert(HOSTILE)
    assert inert(once) == once and not ACTIVE.search(once)
    assert json.loads(inert_json(json.dumps({"a": HOSTILE}, ensure_ascii=False)))["a"] == HOSTILE
    assert json.loads(json_text({"a": HOSTILE}))["a"] == HOSTILE
    json_text({"a": HOSTILE}).encode("utf-8")  # a lone surrogate no longer breaks the encoding


def test_an_error_message_quoting_a_file_name_is_inert(tmp_path):
    bad = tmp_path / f"x{HOSTILE[:40]}.json"
    result = CliRunner().invoke(app, ["report", str(bad)])
    assert result.exit_code == 2 and "no such" in result.stderr
    assert not ACTIVE.search(result.stderr.replace("\n", ""))


def test_a_crash_exits_3_with_one_line_and_no_secret(monkeypatch, capsys):
    secret = "Hunter2-Secret"

    def explode(*args, **kwargs):
        raise RuntimeError(f"something quoted {secret}")

    monkeypatch.setattr("hygiene.registry.select_checks", explode)
    code = app_module.run(["audit", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 3
    assert "internal error (RuntimeError at test_hostile_output.py:" in err and "not a verdict" in err
    assert secret not in err and "Traceback" not in err


def test_debug_shows_the_traceback(monkeypatch, capsys):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("hygiene.registry.select_checks", explode)
    assert app_module.run(["--debug", "audit", "--no-progress"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: boom" in err


def test_interrupted_exits_130_without_a_traceback(monkeypatch, capsys):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("hygiene.registry.select_checks", interrupt)
    assert app_module.run(["audit", "--no-progress"]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "Traceback" not in err


def test_usage_errors_and_verdicts_keep_their_codes(capsys):
    assert app_module.run(["audit", "--format", "nope"]) == 2
    assert app_module.run(["--version"]) == 0
    assert app_module.run(["audit", "--demo", "neglected-windows-laptop", "--fail-under", "100", "-q"]) == 1


def _hanging_audit(tmp_path, out):
    """`hygiene audit -o out` whose probed commands all hang (each records its pid)."""
    import os
    import subprocess
    import sys
    import time

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("apt", "apt-get", "timedatectl", "lsblk", "uname", "chronyc", "gsettings", "restic"):
        (bin_dir / tool).write_text(f"#!/bin/sh\necho $$ >> {tmp_path}/pids\nsleep 60 & exec sleep 60\n")
        (bin_dir / tool).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "hygiene", "audit", "--timeout", "60", "-f", "json", "-o", str(out)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while not (tmp_path / "pids").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    return proc


def _none_left(tmp_path):
    import os
    import time

    time.sleep(0.3)
    for pid in (tmp_path / "pids").read_text().split():
        alive = os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().split(") ")[-1][:1] != "Z"
        assert not alive, f"hanging command {pid} outlived the audit"
    children = os.popen("pgrep -f 'sleep 60' -a").read()  # noqa: S605 - a fixed test command
    del children


@pytest.mark.parametrize(
    ("signals", "code"),
    [
        (["SIGINT"], 130),
        (["SIGTERM"], 143),
        (["SIGHUP"], 129),
        (["SIGINT", "SIGINT"], 130),
        (["SIGINT", "SIGTERM"], 130),
    ],
    ids=["ctrl-c", "term", "hup", "ctrl-c-twice", "ctrl-c-then-term"],
)
def test_a_signal_stops_an_audit_within_a_second(tmp_path, signals, code):
    """A probed command that hangs does not hold Ctrl-C (or kill, or a closed terminal) up to
    --timeout: the audit ends at once with 128 + the signal, no traceback, no partial --output
    file, and the hanging command and what it started are gone too; a second signal during the
    clean-up changes nothing."""
    import signal
    import time

    out = tmp_path / "report.json"
    proc = _hanging_audit(tmp_path, out)
    started = time.monotonic()
    for name in signals:
        proc.send_signal(getattr(signal, name))
        time.sleep(0.005)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == code and time.monotonic() - started < 1.5, err
    assert b"Traceback" not in err and b"Exception ignored" not in err and b"interrupted" in err
    assert not out.exists() and not list(tmp_path.glob(".report.json*"))
    _none_left(tmp_path)


def test_every_output_goes_through_the_one_inert_path():
    """So that the next command or format cannot print raw text from outside: only cli/common
    writes to the terminal, only reporters/console makes a Rich Console, JSON is json_text."""
    from pathlib import Path

    import hygiene

    src = Path(hygiene.__file__).parent
    allowed = {"cli/common.py", "reporters/console.py", "inert.py"}
    forbidden = re.compile(r"typer\.echo\(|sys\.std(?:out|err)\.write\(|(?<![.\w])print\(|\bConsole\(|json\.dumps\(")
    offenders = []
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src).as_posix()
        if rel in allowed:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if forbidden.search(line) and "# hygiene: not output" not in line:
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_mfa_demo_with_markup_and_escapes_in_its_labels_does_not_crash():
    result = CliRunner().invoke(
        app, ["mfa", "demo", "--issuer", "[/bold]\x1b]0;x\x07", "--account", "[link=http://e]a"], input=""
    )
    assert result.exit_code == 0 and "Demo ended" in result.stdout
    assert "[/bold]" in result.stdout and not ACTIVE.search(result.stdout.replace("\n", ""))


def test_a_truncated_document_gets_a_whole_sentence(tmp_path):
    path = tmp_path / "trunc.json"
    path.write_text('{"kind": "hygiene-result", "x": "abc')
    result = CliRunner().invoke(app, ["report", str(path)])
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith("not valid JSON: Unterminated string starting at line 1 column 33")


def test_a_result_with_absurd_numbers_is_bad_input_not_a_crash(tmp_path):
    from hygiene.reporters import render
    from tests.shared_result import shared_result

    doc = json.loads(render(shared_result(), "json"))
    doc["duration_s"] = int("9" * 400)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc))
    result = CliRunner().invoke(app, ["report", str(path)])
    assert result.exit_code == 2 and "duration_s" in result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "1e309"])
def test_a_timeout_that_is_no_number_of_seconds_is_refused(value):
    result = CliRunner().invoke(app, ["audit", "--demo", "well-kept-debian-laptop", "--timeout", value])
    assert result.exit_code == 2


HOSTILE_OUTPUTS = {
    "deep JSON": "[" * 100_000 + "]" * 100_000,
    "huge number": "9" * 5_000,
    "1 MB line": "{" + " " * 1_000_000,
    "escapes": "\x1b]0;x\x07[/bold]\ud800",
}


@pytest.mark.parametrize("hostile", HOSTILE_OUTPUTS.values(), ids=HOSTILE_OUTPUTS.keys())
@pytest.mark.parametrize("demo", ["neglected-windows-laptop", "half-hardened-macbook", "small-office-ubuntu-server"])
def test_no_check_breaks_on_hostile_command_output(demo, hostile):
    """Every command a demo machine answered now prints something hostile: each check says
    UNKNOWN (or decides from what else it has), never ERROR, and within a few seconds."""
    import copy
    import time

    from hygiene.data.demos import _documents
    from hygiene.engine import run_checks
    from hygiene.model import Status
    from hygiene.registry import CHECKS
    from hygiene.system.recorded import RecordedSystem

    doc = copy.deepcopy(_documents()[demo])
    for command in doc["commands"]:
        if "stdout" in command:
            command["stdout"] = hostile
    started = time.monotonic()
    findings = run_checks(RecordedSystem(doc), CHECKS)
    errors = [(meta.id, f.summary) for meta, f in findings if f.status is Status.ERROR]
    assert not errors and time.monotonic() - started < 10
