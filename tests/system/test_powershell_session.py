"""One PowerShell per audit (hygiene.system.powershell), driven through LocalSystem against the
fake powershell.exe in tests/fakes: answers split right, a hang or a crash costs one question,
nothing leaks between questions, and a machine without a session still gets its answers."""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from hygiene.system import CommandTimedOut, ProbeUnavailable
from hygiene.system import powershell as ps
from hygiene.system.base import OutputTooLarge
from hygiene.system.local import LocalSystem
from hygiene.system.powershell import POWERSHELL, answering_function, question_lines
from hygiene.system.recording import RecordingSystem
from tests.fakes.powershell import install, starts

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fake powershell.exe is a Unix script")

GERMAN = "Zugriff verweigert: Laufwerk C: ist nicht verschlüsselt (Geräteverschlüsselung)\r\n"
CHINESE = "拒绝访问。需要管理员权限才能读取 BitLocker 状态。\r\n"
ANSWERS = {
    "Get-Ok": (0, '{"Name":"C:","Status":"FullyEncrypted"}\r\n', ""),
    "Get-German": (0, GERMAN, ""),
    "Get-Chinese": (1, "", CHINESE),
    "Get-Fails": (1, "", "Get-Fails : Access is denied.\r\n"),
    "Get-Empty": (0, "", ""),
}


def records(answers: dict[str, tuple[int, str, str]]) -> list[dict]:
    return [
        {"argv": [*POWERSHELL, script], "returncode": rc, "stdout": out, "stderr": err, "found": True}
        for script, (rc, out, err) in answers.items()
    ]


def ask(script: str) -> tuple[str, ...]:
    return (*POWERSHELL, script)


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install the fake programs first on PATH; returns a function taking install's options."""
    folder = tmp_path / "bin"

    def make(answers=ANSWERS, **options) -> Path:
        log = install(folder, records(answers), **options)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        return log

    yield make
    gc.collect()
    assert not _alive(folder), "a fake PowerShell outlived its test"


def _alive(folder: Path) -> list[int]:
    """Fake programs of this test still running (their shim path is on their command line)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and str(folder).encode() in cmdline:
            pids.append(int(entry.name))
    return pids


def test_every_question_is_answered_by_one_powershell(fake) -> None:
    log = fake(start_delay=0.2)
    system = LocalSystem(timeout=10)
    results = {}

    def run(script: str) -> None:
        results[script] = system.run(ask(script))

    threads = [threading.Thread(target=run, args=(script,)) for script in ANSWERS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for script, (rc, out, err) in ANSWERS.items():
        assert (results[script].returncode, results[script].stdout, results[script].stderr) == (rc, out, err)
        assert results[script].argv == ask(script)
    assert starts(log) == ["session"]


def test_german_and_chinese_text_survives_the_round_trip(fake) -> None:
    fake()
    system = LocalSystem(timeout=10)
    assert system.run(ask("Get-German")).stdout == GERMAN
    chinese = system.run(ask("Get-Chinese"))
    assert (chinese.returncode, chinese.stderr) == (1, CHINESE)


def test_stderr_and_stray_output_stay_out_of_other_answers(fake) -> None:
    log = fake(noise=("Get-Ok", "Get-Empty"))
    system = LocalSystem(timeout=10)
    failed = system.run(ask("Get-Fails"))
    noisy = system.run(ask("Get-Ok"))
    empty = system.run(ask("Get-Empty"))
    assert failed.stderr == "Get-Fails : Access is denied.\r\n"
    assert (noisy.stdout, noisy.stderr) == (ANSWERS["Get-Ok"][1], "")
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, "", "")
    assert starts(log) == ["session"]


def test_a_hanging_question_times_out_alone(fake) -> None:
    log = fake(hang=("Get-Hangs",))
    system = LocalSystem(timeout=1)
    assert system.run(ask("Get-Ok")).ok
    with pytest.raises(CommandTimedOut, match="did not finish within 1 s"):
        system.run(ask("Get-Hangs"))
    assert system.run(ask("Get-German")).stdout == GERMAN  # a fresh session answers the next one
    assert starts(log) == ["session", "session"]


def test_questions_queued_behind_a_hang_each_get_their_own_timeout(fake) -> None:
    """The session answers one question at a time: those waiting for it start their clock when
    their turn comes, so a hang ahead of them does not use up their time."""
    log = fake(hang=("Get-Hangs",))
    system = LocalSystem(timeout=1.5)
    results: dict[str, str] = {}

    def run(script: str) -> None:
        try:
            results[script] = system.run(ask(script)).stdout
        except CommandTimedOut:
            results[script] = "timed out"

    hanging = threading.Thread(target=run, args=("Get-Hangs",))
    hanging.start()
    time.sleep(0.5)  # it holds the session now
    queued = [threading.Thread(target=run, args=(script,)) for script in ("Get-Ok", "Get-German")]
    for thread in queued:
        thread.start()
    for thread in (hanging, *queued):
        thread.join()
    assert results == {"Get-Hangs": "timed out", "Get-Ok": ANSWERS["Get-Ok"][1], "Get-German": GERMAN}
    assert starts(log) == ["session", "session"]


def test_a_question_that_ends_powershell_costs_only_that_question(fake) -> None:
    log = fake(die=("Get-Crashes",))
    system = LocalSystem(timeout=10)
    with pytest.raises(ProbeUnavailable, match="PowerShell ended while answering"):
        system.run(ask("Get-Crashes"))
    assert system.run(ask("Get-Ok")).ok
    assert starts(log) == ["session", "session"]


def test_sessions_that_keep_hanging_are_not_restarted_for_ever(fake) -> None:
    fake(hang=("Get-H1", "Get-H2", "Get-H3"))
    system = LocalSystem(timeout=0.5)
    for script in ("Get-H1", "Get-H2", "Get-H3"):
        with pytest.raises(CommandTimedOut):
            system.run(ask(script))
    with pytest.raises(ProbeUnavailable, match="PowerShell stopped answering"):
        system.run(ask("Get-Ok"))


def test_constrained_language_mode_gets_a_process_per_question(fake) -> None:
    """The function cannot run there: the markers say so at once, no timeout is waited out,
    the session is not tried again, and each question runs as it did before sessions."""
    log = fake(refuse=True)
    system = LocalSystem(timeout=30)
    started = time.monotonic()
    assert system.run(ask("Get-German")).stdout == GERMAN
    assert system.run(ask("Get-Fails")).returncode == 1
    assert time.monotonic() - started < 10
    assert starts(log) == ["session", "process", "process"]


def test_a_question_in_its_own_process_stops_at_its_first_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`powershell -Command SCRIPT` exits 0 when the last statement succeeded: a failed WUA
    search followed by ConvertTo-Json printed "[]" and passed. Without a session, each question
    runs with errors made terminating, as any error fails it in the session; the result still
    names the question as asked, so snapshots keep their meaning."""
    echo = tmp_path / "powershell.exe"  # prints the script it was given
    echo.write_text(f"#!{sys.executable}\nimport sys\nprint(sys.argv[-1])\n", encoding="utf-8")
    echo.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = LocalSystem(timeout=10, powershell_session=False).run(ask("Get-Ok"))
    assert result.argv == ask("Get-Ok")
    assert result.stdout == "$ErrorActionPreference = 'Stop'; Get-Ok\n"


def test_no_powershell_at_all_is_a_program_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = LocalSystem(timeout=5).run(ask("Get-Ok"))
    assert (result.found, result.ok) == (False, False)


def test_stopping_the_audit_ends_the_session_at_once(fake) -> None:
    fake(hang=("Get-Hangs",))
    system = LocalSystem(timeout=60)
    errors: list[Exception] = []

    def run() -> None:
        try:
            system.run(ask("Get-Hangs"))
        except ProbeUnavailable as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)
    system.stop()
    thread.join(5)
    assert not thread.is_alive()
    assert [str(e) for e in errors] == ["the audit was interrupted"]


def test_stopping_during_the_handshake_interrupts_every_waiting_question(fake) -> None:
    """Questions queued behind the session's start are told the audit was interrupted, not
    that PowerShell stopped answering: a start that stop() refused is no start."""
    fake(start_delay=30)
    system = LocalSystem(timeout=60)
    errors: list[str] = []

    def run(script: str) -> None:
        try:
            system.run(ask(script))
        except ProbeUnavailable as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=run, args=(script,)) for script in ANSWERS]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    system.stop()
    for thread in threads:
        thread.join(5)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == ["the audit was interrupted"] * len(ANSWERS)


def test_an_answer_larger_than_hygiene_reads_is_refused(fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ps, "MAX_OUTPUT_BYTES", 1000)
    fake({**ANSWERS, "Get-Huge": (0, "x" * 5000, "")})
    system = LocalSystem(timeout=10)
    with pytest.raises(OutputTooLarge):
        system.run(ask("Get-Huge"))
    assert system.run(ask("Get-Ok")).ok


def test_a_snapshot_records_each_question_as_before(fake) -> None:
    fake()
    recording = RecordingSystem(LocalSystem(timeout=10))
    recording.run(ask("Get-German"))
    recording.run(ask("Get-Fails"))
    commands = {tuple(c["argv"]): c for c in recording.document()["commands"]}
    assert commands[ask("Get-German")]["stdout"] == GERMAN
    assert commands[ask("Get-Fails")]["returncode"] == 1


def test_the_protocol_lines_are_single_ascii_lines() -> None:
    """PowerShell runs stdin statement by statement: each must be one complete line."""
    function = answering_function("0123abcd")
    assert "\n" not in function and function.isascii()
    assert function.count("{") == function.count("}") and function.count("(") == function.count(")")
    assert "'0123abcd {\"id\":'" in function
    lines = question_lines("0123abcd", 7, "Get-Item 'C:\\x' | ForEach-Object { $_.Name }").splitlines()
    assert lines == ["HygieneAnswer 7 {Get-Item 'C:\\x' | ForEach-Object { $_.Name }}", "'0123abcd done 7'"]


def test_the_session_script_has_nothing_windows_logs_as_suspicious() -> None:
    """Script block logging warns (event 4104) on these; an audit must not look like an attack."""
    function = answering_function("0123abcd").lower()
    for word in ("base64", "scriptblock]::create", "invoke-expression", "iex ", "-encodedcommand"):
        assert word not in function


@pytest.mark.parametrize(
    "script",
    [
        "Get-Item 'C:\\Käse'",
        "Get-Item x\nRemove-Item y",
        "Get-Item x }; Remove-Item y; & {",
        "Get-Item { x",
        "Get-Item x # }",
    ],
)
def test_a_question_that_would_not_stay_one_statement_is_refused(script: str) -> None:
    with pytest.raises(ValueError, match="one-line PowerShell question"):
        question_lines("0123abcd", 1, script)


def test_every_question_the_checks_ask_fits_the_protocol() -> None:
    from hygiene.checks.device import windows as device
    from hygiene.checks.encryption.windows import BITLOCKER_JSON, FIXED_VOLUMES_JSON
    from hygiene.checks.passwords.windows import INSTALLED, LOCAL_USERS
    from hygiene.checks.updates.windows import HOTFIX_JSON, HOTFIX_TABLE, WUA_SEARCH

    device_questions = (
        device.FIREWALL_PROFILES,
        device.SECURITY_CENTER,
        device.DEFENDER_STATUS,
        device.WINLOGON_NAMES_QUESTION,
        device.CONSOLE_USER,
    )
    for script in (
        *(BITLOCKER_JSON, FIXED_VOLUMES_JSON, INSTALLED, LOCAL_USERS, HOTFIX_JSON, HOTFIX_TABLE, WUA_SEARCH),
        *device_questions,
    ):
        assert question_lines("0123abcd", 1, script).startswith(f"HygieneAnswer 1 {{{script}}}\n")


@pytest.mark.parametrize(
    "line",
    [
        b'{"id": 1, "code": 0, "out": "", "err": ""}',  # no nonce
        b'feedbeef {"id": 1, "code": 0, "out": "", "err": ""}',  # another nonce
        b'0123abcd {"id": 2, "code": 0, "out": "", "err": ""}',  # another question
        b'0123abcd {"id": true, "code": 0, "out": "", "err": ""}',  # True == 1 in Python
        b'0123abcd {"id": 1.0, "code": 0, "out": "", "err": ""}',
        b'0123abcd {"id": 1, "code": 0, "out": "',  # cut
        b"0123abcd [1, 0]",
        b"0123abcd " + b"[" * 100_000,
    ],
)
def test_lines_that_are_not_this_questions_envelope_are_ignored(line: bytes) -> None:
    running = object.__new__(ps._Running)
    running.nonce = "0123abcd"
    assert running.envelope(line, 1) is None


@pytest.mark.parametrize("before", [b"", b"\xef\xbb\xbf", b"Write-Host -NoNewline text: "])
def test_an_envelope_after_text_left_on_its_line_is_read(before: bytes) -> None:
    """A byte order mark, or what a question wrote without ending its line, comes first."""
    running = object.__new__(ps._Running)
    running.nonce = "0123abcd"
    envelope = {"id": 1, "code": 0, "out": "", "err": ""}
    assert running.envelope(before + b"0123abcd " + json.dumps(envelope).encode(), 1) == envelope


@pytest.mark.parametrize("out", ["\x1b[31m not hex", None, True, 1234, ["41"], "41-4", "4142", "41-42-", "a1-b2"])
def test_an_envelope_that_is_not_hex_is_no_answer(out: object) -> None:
    with pytest.raises(ps._NoAnswer):
        ps._result(ask("Get-Ok"), {"id": 1, "code": 0, "out": out, "err": ""})
    with pytest.raises(ps._NoAnswer):
        ps._result(ask("Get-Ok"), {"id": 1, "code": 0, "out": "", "err": out})


def test_an_envelope_with_a_wrong_code_is_a_failure() -> None:
    assert ps._result(ask("Get-Ok"), {"id": 1, "code": True, "out": "", "err": ""}).returncode == 1


def test_a_32_bit_python_asks_the_64_bit_powershell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    exe = tmp_path / "Sysnative" / "WindowsPowerShell" / "v1.0" / "powershell.exe"
    exe.parent.mkdir(parents=True)
    exe.touch()
    monkeypatch.setattr(ps.sys, "platform", "win32")
    monkeypatch.setenv("SYSTEMROOT", str(tmp_path))
    assert ps.program() == "powershell.exe"
    monkeypatch.setenv("PROCESSOR_ARCHITEW6432", "AMD64")
    assert ps.program() == str(exe)


def test_a_missing_powershell_is_named_in_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The argv's last word is the script, not the program: the reason says what is missing."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert LocalSystem(timeout=5).run(ask("Get-Ok")).stderr.startswith("powershell.exe could not be started: ")
