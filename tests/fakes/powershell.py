"""A fake `powershell.exe` (and `net`, `fsutil`, ...) for tests and benchmarks on Linux.

`install(folder, answers, ...)` writes a config and one executable per program name into
`folder`; put it first on PATH. Each program answers from `answers` (command records in the
snapshot document's format) and appends one line to a log per start, so a test can count
PowerShell starts. `powershell.exe` sleeps `start_delay` seconds first (Windows PowerShell 5.1
takes half a second to a second to start; `start_burns_cpu` spends it on the CPU instead of
asleep, as a real start does) and speaks both ways hygiene asks it:

- `-Command SCRIPT`: one question, answered as its own process would (after the
  $ErrorActionPreference statement LocalSystem puts before it, STOP_ON_ERROR);
- `-Command -`: the session protocol of hygiene.system.powershell, line by line as PowerShell
  runs stdin statements: the HygieneAnswer definition (its nonce is read from it), then
  `HygieneAnswer N {SCRIPT}` and `'NONCE done N'` statements.

This emulates the protocol, not PowerShell: the PowerShell side (the answering function) runs
only on Windows.

Options, by question script: `hang` never answers, `die` exits mid-question, `noise` prints
stray lines to stdout and stderr before its answer, the last with no line end; `refuse` makes the session behave as in
Constrained Language Mode (the function fails, markers still print).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

PROGRAMS = ("powershell.exe", "net", "fsutil", "wmic", "manage-bde", "netsh", "whoami", "powercfg")
DEFINITION = re.compile(r"function global:HygieneAnswer.*?'([0-9a-f]+) \{\"id\":")
ASK = re.compile(r"^HygieneAnswer (\d+) \{(.*)\}$")
MARKER = re.compile(r"^'([0-9a-f]+) done (\d+)'$")
CLM_ERROR = "Cannot invoke method. Method invocation is supported only on core types in this language mode."


def install(
    folder: Path,
    answers: list[dict[str, Any]],
    *,
    start_delay: float = 0.0,
    start_burns_cpu: bool = False,
    hang: tuple[str, ...] = (),
    die: tuple[str, ...] = (),
    noise: tuple[str, ...] = (),
    refuse: bool = False,
    programs: tuple[str, ...] = PROGRAMS,
) -> Path:
    """Write the fake programs into `folder`; returns the log file of their starts."""
    from hygiene.system.powershell import POWERSHELL, STOP_ON_ERROR  # here: the fake program runs without hygiene

    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "starts.log"
    config = folder / "fake-config.json"
    config.write_text(
        json.dumps(
            {
                "answers": answers,
                "question_argv": list(POWERSHELL),
                "stop_on_error": STOP_ON_ERROR,
                "start_delay": start_delay,
                "start_burns_cpu": start_burns_cpu,
                "hang": list(hang),
                "die": list(die),
                "noise": list(noise),
                "refuse": refuse,
                "log": str(log),
            }
        ),
        encoding="utf-8",
    )
    for name in programs:
        shim = folder / name
        shim.write_text(
            f"#!{sys.executable} -I\n"
            "import runpy, sys\n"
            f"sys.argv[1:1] = [{str(config)!r}, {name!r}]\n"
            f"runpy.run_path({__file__!r}, run_name='__main__')\n",
            encoding="utf-8",
        )
        shim.chmod(0o755)
    return log


def starts(log: Path, program: str = "powershell.exe") -> list[str]:
    """How `program` was started, one entry per start ("session" or "process")."""
    if not log.exists():
        return []
    return [line.split()[1] for line in log.read_text().splitlines() if line.split()[0] == program]


class _Fake:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.question_argv = tuple(config["question_argv"])
        self.answers = {tuple(r["argv"]): r for r in config["answers"] if "kept" not in r}

    def answer(self, argv: tuple[str, ...]) -> dict[str, Any]:
        found = self.answers.get(argv)
        if found is None:
            return {"returncode": 1, "stdout": "", "stderr": f"fake: no recorded answer for {argv!r}"}
        if "timed_out" in found:
            self.hang()
        return found

    @staticmethod
    def hang() -> None:
        time.sleep(3600)

    def script(self, script: str) -> dict[str, Any]:
        """A question's answer, with the test's misbehaviours applied."""
        if script in self.config["hang"]:
            self.hang()
        if script in self.config["die"]:
            os._exit(1)
        if script in self.config["noise"]:
            _write(sys.stdout, "stray text a question printed to the console\r\n")
            _write(sys.stdout, "and some it left without a line end: ")  # the envelope follows on this line
            _write(sys.stderr, "stray error the session wrote\r\n")
        return self.answer((*self.question_argv, script))

    def process(self, name: str, args: list[str]) -> int:
        if name == self.question_argv[0] and len(args) == len(self.question_argv):
            found = self.script(args[-1].removeprefix(self.config["stop_on_error"]))
        else:
            found = self.answer((name, *args))
        _write(sys.stdout, found.get("stdout", ""))
        _write(sys.stderr, found.get("stderr", ""))
        return int(found.get("returncode", 0))

    def session(self) -> int:
        nonce = ""
        for raw in sys.stdin.buffer:
            line = raw.decode("ascii").rstrip("\r\n")
            if definition := DEFINITION.search(line):
                nonce = definition.group(1)
            elif ask := ASK.match(line):
                self.envelope(nonce, int(ask.group(1)), ask.group(2))
            elif marker := MARKER.match(line):
                _write(sys.stdout, f"{marker.group(1)} done {marker.group(2)}\r\n")
            else:
                _write(sys.stderr, f"fake: cannot parse the statement {line[:80]!r}\r\n")
        return 0

    def envelope(self, nonce: str, number: int, script: str) -> None:
        if self.config["refuse"]:
            _write(sys.stderr, CLM_ERROR + "\r\n")
            return
        found = {"returncode": 0, "stdout": "ready\r\n", "stderr": ""} if script == "'ready'" else self.script(script)

        def hexed(text: str) -> str:  # as [BitConverter]::ToString writes bytes
            return "-".join(f"{byte:02X}" for byte in text.encode("utf-8"))

        code = 0 if found.get("returncode", 0) == 0 else 1
        body = json.dumps({"id": number, "code": code, "out": hexed(found["stdout"]), "err": hexed(found["stderr"])})
        _write(sys.stdout, f"{nonce} {body}\r\n")


def _start_up(seconds: float, burn: bool) -> None:
    """What starting PowerShell costs: a wait, or CPU time (what a real start spends)."""
    if not burn:
        time.sleep(seconds)
        return
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def _write(stream: Any, text: str) -> None:
    stream.buffer.write(text.encode("utf-8"))
    stream.flush()


def main() -> int:
    config = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    name, args = sys.argv[2], sys.argv[3:]  # runpy replaced argv[0]: the shim passes its own name
    fake = _Fake(config)
    in_session = name == fake.question_argv[0] and args[-2:] == ["-Command", "-"]
    with open(config["log"], "a", encoding="utf-8") as log:
        log.write(f"{name} {'session' if in_session else 'process'}\n")
    if name == fake.question_argv[0]:
        _start_up(config["start_delay"], config["start_burns_cpu"])
    return fake.session() if in_session else fake.process(name, args)


if __name__ == "__main__":
    sys.exit(main())
