"""One PowerShell for a whole audit.

Windows PowerShell 5.1 takes half a second to a second of CPU to start, so starting one per
question bounds a Windows audit by process starts. LocalSystem instead keeps one
`powershell.exe -Command -` session and sends it each question, one after the other, on stdin.

Why a session and not one batched script: checks ask as they go, and some ask a second
question only when the first fails (Get-HotFix as JSON, then as a table); a batch would have to
know every question before the audit starts. The session answers exactly the questions asked,
so recording and replay stay per question (a snapshot records the same argv as before).

The protocol, one line each way, ASCII only, so neither the console code page nor a German or
Chinese Windows can garble it:
- first, one line defining `HygieneAnswer`, a function that runs a question in its own scope,
  catching its errors, and prints one envelope line:
  `NONCE {"id": N, "code": 0|1, "out": HEX, "err": HEX}`, out and err as UTF-8 bytes in the
  "E4-B8-AD" form of [BitConverter]::ToString;
- each question is two statements: `HygieneAnswer N {SCRIPT}`, the question as a script block
  literal (questions are single-line ASCII constants with balanced braces: question_lines
  refuses any other), then the string `'NONCE done N'`.
  PowerShell runs stdin statements one at a time, as if typed at its prompt, so the marker
  arrives after the answer even when the function itself could not run (Constrained Language
  Mode allows neither [BitConverter] nor New-Object of an encoding): a marker without an
  envelope means "no answer", never a wait for the timeout.
No base64 and no [ScriptBlock]::Create: PowerShell's script block logging flags both as
obfuscation (event 4104, "suspicious"), and a security tool must not look like malware to the
machine's own defences.
The nonce is random per session, so nothing a question prints can pass for an envelope.

How a question fails, stricter than `powershell -Command`, whose exit code says only whether
the last statement succeeded: any error the question writes (2>&1) or throws makes its code 1,
and the errors' messages its err (without the position lines the console adds). A
statement-terminating error (a .NET or COM method throwing) ends the whole question, not just
its statement, because the try around it is in the caller (PowerShell issue 6098), and what it
printed before is dropped. Errors silenced with -ErrorAction SilentlyContinue are not errors.
A question must not `exit` (that ends the session: the question is one that ended PowerShell)
nor run a program that reads stdin (it would read the questions after it).

A question that does not answer in time gets CommandTimedOut and its session is killed; the
next question starts a fresh one. A session that cannot start or does not pass the handshake
(PowerShell blocked by policy, Constrained Language Mode) is not tried again: each question
then runs in its own process, made to stop at its first error (STOP_ON_ERROR) so that it fails
as it would in the session, and the text fallbacks behind them still work.
"""

from __future__ import annotations

import os
import queue
import re
import secrets
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import IO

from hygiene.parsers import ParseError, load_json
from hygiene.system.base import (
    MAX_OUTPUT_BYTES,
    CommandResult,
    CommandTimedOut,
    OutputTooLarge,
    ProbeUnavailable,
)

# How a check asks PowerShell a question; recorded and replayed as this argv plus the script.
POWERSHELL = ("powershell.exe", "-NoProfile", "-NonInteractive", "-Command")
SESSION_ARGS = ("-NoProfile", "-NonInteractive", "-NoLogo", "-Command", "-")
MAX_STARTS = 3  # one session, and a fresh one after each of two questions that hung
MAX_LINE = MAX_OUTPUT_BYTES * 6 + 4096  # an envelope carries stdout and stderr, 3 characters a byte
READY = "'ready'"  # the handshake's question: it proves the function runs in this language mode

Starter = Callable[[tuple[str, ...]], "subprocess.Popen[bytes]"]


# Put before a question run in its own process (no session): `powershell -Command SCRIPT` exits
# 0 when the last statement succeeded, whatever failed before it, so WUA's search throwing (the
# Windows Update service disabled; Constrained Language Mode refusing its COM object) still
# printed "[]" from the ConvertTo-Json after it and read as "no pending updates". Stopping at
# the first error fails it, as any error fails a question in the session.
STOP_ON_ERROR = "$ErrorActionPreference = 'Stop'; "


def is_question(argv: tuple[str, ...]) -> bool:
    """A PowerShell question as checks ask it: the fixed argv and one script."""
    return len(argv) == len(POWERSHELL) + 1 and argv[: len(POWERSHELL)] == POWERSHELL


def program() -> str:
    """The 64-bit powershell.exe even from a 32-bit Python on 64-bit Windows: the 32-bit
    PowerShell lacks Get-BitLockerVolume and sees a redirected registry."""
    if sys.platform.startswith("win") and os.environ.get("PROCESSOR_ARCHITEW6432"):  # set in WOW64 only
        sysnative = os.path.join(os.environ.get("SYSTEMROOT", "C:\\Windows"), "Sysnative")
        exe = os.path.join(sysnative, "WindowsPowerShell", "v1.0", "powershell.exe")
        if os.path.exists(exe):
            return exe
    return POWERSHELL[0]


def process_argv(argv: tuple[str, ...]) -> tuple[str, ...]:
    """How a question runs in its own process: the 64-bit PowerShell, stopping at the first
    error (STOP_ON_ERROR). Snapshots record the question as asked."""
    return (program(), *argv[1:-1], STOP_ON_ERROR + argv[-1])


def answering_function(nonce: str) -> str:
    """The one line that defines HygieneAnswer (see the module docstring): any error a question
    writes (2>&1) or throws becomes its err, and its code 1."""
    return (
        "$ProgressPreference = 'SilentlyContinue'; "
        "function global:HygieneAnswer([int]$Id, [scriptblock]$Question) { "
        "$code = 0; $out = ''; $err = ''; "
        "try { "
        "$all = @(& $Question 2>&1); "
        "$errors = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] }); "
        "$out = ($all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | Out-String); "
        'if ($errors.Count -gt 0) { $code = 1; $err = ($errors | ForEach-Object { $_.ToString() }) -join "`n" } '
        "} catch { $code = 1; $err = $_.ToString() }; "
        "$utf8 = New-Object System.Text.UTF8Encoding $false; "
        f"'{nonce} {{\"id\":' + $Id + ',\"code\":' + $code + "
        '\',"out":"\' + [BitConverter]::ToString($utf8.GetBytes($out)) + '
        '\'","err":"\' + [BitConverter]::ToString($utf8.GetBytes($err)) + \'"}\' }'
    )


def question_lines(nonce: str, number: int, script: str) -> str:
    """The two statements that ask one question. A script that is not one line of ASCII with
    balanced braces and no comment (a `#` would swallow the closing brace) would not stay one
    statement: ValueError (questions are constants, tested to fit)."""
    depth = 0
    for char in script:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0 or not script.isascii() or any(c in script for c in "\r\n\x00#"):
        raise ValueError(f"not a one-line PowerShell question with balanced braces: {script[:80]!r}")
    return f"HygieneAnswer {number} {{{script}}}\n'{nonce} done {number}'\n"


class _Lines:
    """The session's stdout, line by line, through a queue a caller can wait on with a deadline.
    None marks the end; TOO_LONG a line past MAX_LINE (the rest of it is not read)."""

    TOO_LONG = object()

    def __init__(self, stream: IO[bytes]) -> None:
        self.queue: queue.Queue[bytes | object | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        try:
            while line := stream.readline(MAX_LINE + 1):
                if len(line) > MAX_LINE:
                    self.queue.put(self.TOO_LONG)
                    return
                self.queue.put(line)
        except (OSError, ValueError):
            pass  # the pipe closed under us: the session was killed
        finally:
            self.queue.put(None)

    def next(self, deadline: float, stopped: Callable[[], bool]) -> bytes | object | None:
        """The next line; TimeoutError past the deadline, ProbeUnavailable once stopped."""
        while True:
            if stopped():
                raise ProbeUnavailable("the audit was interrupted")
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            try:
                return self.queue.get(timeout=min(left, 0.05))
            except queue.Empty:
                continue


def _drain(stream: IO[bytes]) -> None:
    """Read the session's own stderr and drop it: what a question writes to its error stream
    reaches us in its envelope, so nothing here belongs to one question rather than another."""
    try:
        while stream.read1(65536):  # type: ignore[attr-defined]
            pass
    except (OSError, ValueError):
        pass


class _NoAnswer(Exception):
    """The session ended, or said something that is not an answer."""


class _Running:
    """A started session's pipes: its stdin, its stdout as lines, and the nonce its envelopes carry."""

    def __init__(self, stdin: IO[bytes], stdout: IO[bytes], stderr: IO[bytes]) -> None:
        self.stdin = stdin
        self.lines = _Lines(stdout)
        self.nonce = secrets.token_hex(8)
        threading.Thread(target=_drain, args=(stderr,), daemon=True).start()

    def send(self, text: str) -> None:
        try:
            self.stdin.write(text.encode("ascii"))
            self.stdin.flush()
        except (OSError, ValueError):
            raise _NoAnswer("ended") from None

    def envelope(self, line: bytes, number: int) -> dict | None:
        """The envelope on this line for question `number`, or None for any other line (what a
        question printed straight to the console, a late answer to an earlier question). It may
        follow text a question wrote without ending its line (Write-Host -NoNewline)."""
        prefix = f"{self.nonce} ".encode("ascii")
        start = line.find(prefix)
        if start < 0:
            return None
        try:
            data = load_json(line[start + len(prefix) :].decode("ascii", errors="replace"), "PowerShell")
        except ParseError:
            return None
        return data if isinstance(data, dict) and type(data.get("id")) is int and data["id"] == number else None


class PowerShellSession:
    """One PowerShell answering a whole audit's questions in turn (see the module docstring).
    `start` launches a program with piped stdin and registers it, so stopping the audit ends it;
    `end` kills a process tree; `stopped` says the audit was interrupted; `available=False`
    starts no session at all (benchmarks/windows_processes.py's baseline)."""

    def __init__(
        self,
        start: Starter,
        end: Callable[[subprocess.Popen[bytes]], None],
        stopped: Callable[[], bool],
        available: bool = True,
    ) -> None:
        self._start_process = start
        self._end_process = end
        self._stopped = stopped
        self._lock = threading.Lock()
        self._running: _Running | None = None
        self._finalizer: weakref.finalize | None = None
        self._number = 0
        self.starts = 0
        self.refused = not available  # no session here: every question runs in its own process

    def ask(self, argv: tuple[str, ...], timeout: float) -> CommandResult | None:
        """The answer to one question (argv as checks ask it), or None when this machine has no
        session to ask: the caller then runs the question in its own process."""
        with self._lock:
            if self.refused:
                return None
            running = self._running or self._open(timeout)
            if running is None:
                self.refused = True
                return None
            try:
                return self._exchange(running, argv, argv[-1], timeout)
            except BaseException as exc:  # this session is no use now: the next question starts afresh
                self.close()
                if isinstance(exc, TimeoutError):
                    raise CommandTimedOut(argv, timeout) from None
                if isinstance(exc, _NoAnswer):
                    raise ProbeUnavailable(f"PowerShell {exc} while answering") from None
                raise

    def _open(self, timeout: float) -> _Running | None:
        """Start a session and see it answer; None when it cannot (it is then ended)."""
        if self.starts >= MAX_STARTS:
            raise ProbeUnavailable(f"PowerShell stopped answering ({MAX_STARTS} sessions did not finish)")
        try:
            proc = self._start_process((program(), *SESSION_ARGS))
        except OSError:  # not installed, or blocked from running
            return None
        self.starts += 1  # a start refused because the audit was interrupted is none
        if proc.stdin is None or proc.stdout is None or proc.stderr is None:
            raise ValueError("the PowerShell session needs all three pipes")
        self._finalizer = weakref.finalize(self, _finish, proc, self._end_process)
        running = self._running = _Running(proc.stdin, proc.stdout, proc.stderr)
        try:
            running.send(answering_function(running.nonce) + "\n")
            ready = self._exchange(running, ("handshake",), READY, timeout)
        except (TimeoutError, _NoAnswer, OutputTooLarge):
            ready = None
        except BaseException:  # the audit was interrupted
            self.close()
            raise
        if ready is None or not ready.ok or ready.stdout.strip() != "ready":
            self.close()
            return None
        return running

    def _exchange(self, running: _Running, argv: tuple[str, ...], script: str, timeout: float) -> CommandResult:
        self._number += 1
        number = self._number
        running.send(question_lines(running.nonce, number, script))
        deadline = time.monotonic() + timeout
        done = f"{running.nonce} done {number}".encode("ascii")
        answer: CommandResult | None = None
        while (line := running.lines.next(deadline, self._stopped)) is not None:
            if not isinstance(line, bytes):  # _Lines.TOO_LONG
                raise OutputTooLarge(argv)
            line = line.rstrip(b"\r\n")
            if line == done:
                return answer or CommandResult(argv, 1, "", "PowerShell gave no answer to this question")
            envelope = running.envelope(line, number)
            if envelope is not None:
                answer = _result(argv, envelope)
        if self._stopped():  # stop() killed it
            raise ProbeUnavailable("the audit was interrupted")
        raise _NoAnswer("ended")

    def close(self) -> None:
        """End the session: its stdin closes, so PowerShell leaves its loop; killed if it lingers."""
        if self._finalizer is not None:
            self._finalizer()
        self._running = self._finalizer = None


HEX = re.compile(r"(?:[0-9A-F]{2}(?:-[0-9A-F]{2})*)?")  # [BitConverter]::ToString's form


def _bytes(text: object) -> bytes:
    if not isinstance(text, str) or not HEX.fullmatch(text):
        raise _NoAnswer("printed an answer that is not in its hex form")
    return bytes.fromhex(text.replace("-", ""))


def _result(argv: tuple[str, ...], envelope: dict) -> CommandResult:
    out, err = (_bytes(envelope.get(k, "")) for k in ("out", "err"))
    if len(out) > MAX_OUTPUT_BYTES or len(err) > MAX_OUTPUT_BYTES:
        raise OutputTooLarge(argv)
    code = envelope.get("code")
    return CommandResult(
        argv,
        code if isinstance(code, int) and not isinstance(code, bool) else 1,
        out.decode("utf-8", errors="replace"),
        err.decode("utf-8", errors="replace"),
    )


def _finish(proc: subprocess.Popen[bytes], end: Callable[[subprocess.Popen[bytes]], None]) -> None:
    try:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(1.0)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        pass
    end(proc)
