"""The real machine: subprocess without a shell, LANG=C, a timeout, every answer memoised."""

from __future__ import annotations

import getpass
import glob as globmod
import os
import platform as pyplatform
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from hygiene.files import open_regular_fd, read_at_most
from hygiene.model import Platform
from hygiene.parsers.os_release import parse_os_release
from hygiene.parsers.ssh_keys import describe_private_key
from hygiene.profile import NO_PROFILE, Profile
from hygiene.system.base import (
    MAX_FILE_BYTES,
    MAX_OUTPUT_BYTES,
    CommandResult,
    CommandTimedOut,
    FileUnreadable,
    OutputTooLarge,
    ProbeUnavailable,
    RegistryValue,
    SystemFacts,
)
from hygiene.system.kept import WHOLE, Keep
from hygiene.system.memo import Memo
from hygiene.system.powershell import PowerShellSession, is_question, process_argv
from hygiene.system.windows_registry import read_values

DEFAULT_TIMEOUT_S = 20.0


def current_platform() -> Platform:
    if sys.platform == "darwin":
        return Platform.MACOS
    if sys.platform.startswith("win"):
        return Platform.WINDOWS
    return Platform.LINUX


# How restic finds its password without hygiene touching it: a file or a command the user set
# up for unattended backups. RESTIC_PASSWORD itself (the secret) is never passed on.
RESTIC_CREDENTIALS = ("RESTIC_PASSWORD_FILE", "RESTIC_PASSWORD_COMMAND")


# Where the system's own tools live. Debian gives ordinary users a PATH without the sbin
# folders, where ufw, nft and iptables are: without them a firewall that is there reads as absent.
SYSTEM_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


def _command_env() -> dict[str, str]:
    """A minimal, predictable environment: English, untranslated output from every tool, and
    on Linux and macOS the system folders after the user's own (which find Homebrew's restic)."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "SYSTEMROOT", "WINDIR", "HOME", *RESTIC_CREDENTIALS)}
    env.setdefault("PATH", os.defpath)
    if os.name == "posix":
        folders = env["PATH"].split(os.pathsep)
        env["PATH"] = os.pathsep.join([*folders, *(d for d in SYSTEM_DIRS if d not in folders)])
    env.update(LANG="C", LC_ALL="C", LANGUAGE="C")
    return env


def read_bounded(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read at most `limit` bytes of a regular file as UTF-8 (bad bytes replaced): probes never
    slurp bulk data, and a FIFO or a device is refused, not read (hygiene.files.open_regular_fd)."""
    fd, _ = open_regular_fd(path, kernel=True)  # probes read /proc/self/mounts, /proc/swaps
    try:
        return read_at_most(fd, limit).decode("utf-8", errors="replace")
    finally:
        os.close(fd)


class _Commands:
    """The commands running now, so an interrupted audit can stop them at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self.stopped = False

    def start(self, argv: tuple[str, ...], piped: bool = False) -> subprocess.Popen[bytes]:
        """`piped`: the caller writes to its stdin (the PowerShell session); else it reads nothing."""
        with self._lock:
            if self.stopped:
                raise ProbeUnavailable("the audit was interrupted")
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE if piped else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_command_env(),
                **_own_process_group(),
            )
            self._running.add(proc)
            return proc

    def done(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._running.discard(proc)

    def end(self, proc: subprocess.Popen[bytes]) -> None:
        kill_tree(proc)
        proc.wait()
        self.done(proc)

    def stop_all(self) -> None:
        with self._lock:
            self.stopped = True
            running = list(self._running)
        for proc in running:
            kill_tree(proc)


def _own_process_group() -> dict[str, Any]:
    """A command and everything it starts form one group, so a timeout or Ctrl-C can end them
    all (a `sleep` spawned by a hanging apt is not left behind); the terminal's Ctrl-C reaches
    hygiene only, which then stops them itself."""
    if sys.platform.startswith("win"):
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
    return {"start_new_session": True}


def kill_tree(proc: subprocess.Popen[bytes]) -> None:
    """Kill a command and every process it started (its whole process group)."""
    try:
        if sys.platform.startswith("win"):
            taskkill = ("taskkill", "/F", "/T", "/PID", str(proc.pid))  # a system tool, by argv
            subprocess.run(taskkill, capture_output=True, timeout=5, check=False)
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):
        pass  # it ended by itself meanwhile


def _read_capped(stream: IO[bytes], limit: int, over: threading.Event, chunks: list[bytes]) -> None:
    """Collect a pipe up to `limit` bytes; past that, flag it and stop (the command is killed)."""
    size = 0
    while chunk := stream.read1(65536):  # type: ignore[attr-defined]
        if size + len(chunk) > limit:
            over.set()
            break
        chunks.append(chunk)
        size += len(chunk)
    stream.close()


class LocalSystem:
    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT_S,
        profile: Profile = NO_PROFILE,
        root: str | None = None,
        *,
        powershell_session: bool = True,
        winreg: Any = None,
    ) -> None:
        """`root`: read files under this folder instead of / (tests point it at a made-up machine);
        `winreg`: what reads the registry, the standard library's module when None (tests and
        benchmarks on Linux pass a fake with its functions and constants);
        `powershell_session=False` runs each PowerShell question in its own process, as on a
        machine where no session starts (benchmarks/windows_processes.py compares the two)."""
        self.timeout = timeout
        self.profile = profile
        self.root = root
        self._winreg = winreg
        self._commands = commands = _Commands()
        # Windows questions go to one PowerShell (hygiene.system.powershell); it holds the
        # commands, not this object, so dropping the system ends the session at once.
        self._powershell = PowerShellSession(
            lambda argv: commands.start(argv, piped=True),
            commands.end,
            lambda: commands.stopped,
            available=powershell_session,
        )
        self._now = datetime.now(UTC).replace(microsecond=0)
        self._runs: Memo[CommandResult] = Memo()
        self._files: Memo[str | None] = Memo()
        self._backups: Memo[dict | None] = Memo()
        self._registry: Memo[dict[str, RegistryValue] | None] = Memo()
        self.facts = self._facts()

    def _facts(self) -> SystemFacts:
        plat = current_platform()
        family = ""
        if plat is Platform.LINUX:
            release = parse_os_release(self._read_os_release())
            os_name, os_version, family = release.pretty_name or "Linux", release.version_id, release.family
        elif plat is Platform.MACOS:
            os_name, os_version = "macOS", pyplatform.mac_ver()[0]
        else:
            os_name, os_version = f"Windows {pyplatform.release()}", pyplatform.version()
        try:
            username = getpass.getuser()
        except (KeyError, OSError):
            username = ""
        return SystemFacts(
            platform=plat,
            os_name=os_name,
            os_version=os_version,
            hostname=socket.gethostname(),
            username=username,
            home=str(Path.home()),
            family=family,
        )

    def _read_os_release(self) -> str:
        for path in ("/etc/os-release", "/usr/lib/os-release"):
            try:
                text = self.read_text(path, WHOLE)
            except FileUnreadable:
                continue
            if text is not None:
                return text
        return ""

    def run(self, argv: tuple[str, ...], keep: Keep = WHOLE) -> CommandResult:
        argv = tuple(argv)
        return self._runs.get((argv, keep.name), lambda: self._kept(self._run(argv), keep))

    @staticmethod
    def _kept(result: CommandResult, keep: Keep) -> CommandResult:
        if keep is WHOLE:
            return result
        return replace(result, stdout=keep(result.stdout), stderr=keep.errors(result.stderr))

    def _run(self, argv: tuple[str, ...]) -> CommandResult:
        question = is_question(argv)  # for PowerShell: the session, else a process of its own
        if question and (answer := self._powershell.ask(argv, self.timeout)) is not None:
            return answer
        try:
            proc = self._commands.start(process_argv(argv) if question else argv)
        except OSError as exc:  # not installed, not executable, not a program (ENOEXEC)
            # Named: a check quotes this after its own words, and a PowerShell question's
            # argv ends in its script, not in the program that is missing.
            why = f"{argv[0]} could not be started: {exc.strerror or exc}"
            return CommandResult(argv, 127, "", why, found=False)
        over = threading.Event()
        out: list[bytes] = []
        err: list[bytes] = []
        readers = [
            threading.Thread(target=_read_capped, args=(pipe, MAX_OUTPUT_BYTES, over, chunks), daemon=True)
            for pipe, chunks in ((proc.stdout, out), (proc.stderr, err))
        ]
        try:
            for reader in readers:
                reader.start()
            deadline = time.monotonic() + self.timeout
            while not self._ended(proc, 0.05):
                if over.is_set():
                    raise OutputTooLarge(argv)
                if self._commands.stopped:
                    raise ProbeUnavailable("the audit was interrupted")
                if time.monotonic() > deadline:
                    raise CommandTimedOut(argv, self.timeout)
            if self._commands.stopped:  # it ended because stop() killed it
                raise ProbeUnavailable("the audit was interrupted")
        finally:
            self._commands.end(proc)  # on a timeout, and whatever it left running after it ended
        for reader in readers:  # the pipes close once the whole group has ended
            reader.join(1.0)
        if over.is_set():
            raise OutputTooLarge(argv)
        return CommandResult(
            argv,
            proc.returncode,
            b"".join(out).decode("utf-8", errors="replace"),
            b"".join(err).decode("utf-8", errors="replace"),
        )

    @staticmethod
    def _ended(proc: subprocess.Popen[bytes], wait: float) -> bool:
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            return False
        return True

    def stop(self) -> None:
        self._commands.stop_all()

    def read_text(self, path: str, keep: Keep) -> str | None:
        return self._files.get((path, keep.name), lambda: self._read(path, keep))

    def _read(self, path: str, keep: Keep) -> str | None:
        try:
            return keep(read_bounded(self._at(path)))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise FileUnreadable(path, exc.strerror or str(exc)) from None

    def registry_values(self, key: str, names: tuple[str, ...]) -> dict[str, RegistryValue] | None:
        names = tuple(names)
        return self._registry.get((key, names), lambda: read_values(key, names, self._registry_api()))

    def _registry_api(self) -> Any:
        if self._winreg is not None:
            return self._winreg
        try:
            import winreg  # the standard library has it on Windows only
        except ImportError:
            raise ProbeUnavailable("the Windows registry can only be read on Windows") from None
        return winreg

    def _at(self, path: str) -> str:
        """Where `path` is on disk: under `root` when the system is pointed at one (tests)."""
        return path if self.root is None else os.path.join(self.root, path.lstrip("/\\"))

    def exists(self, path: str) -> bool:
        return os.path.lexists(self._at(path))

    def glob(self, pattern: str) -> list[str]:
        matches = globmod.glob(self._at(pattern))
        if self.root is not None:
            matches = ["/" + os.path.relpath(m, self.root) for m in matches]
        return sorted(matches)

    def ssh_key(self, path: str) -> dict | None:
        text = self._read(path, WHOLE)  # not memoised or recorded as text: key material stays here
        if text is None:
            return None
        facts = describe_private_key(text)
        del text
        return facts.as_dict() if facts else None

    def backup(self, path: str) -> dict | None:
        from hygiene.backup.identify import backup_facts  # only audits with backups need it

        return self._backups.get(path, lambda: backup_facts(Path(self._at(os.path.expanduser(path)))))

    def mtime(self, path: str) -> datetime | None:
        try:
            return datetime.fromtimestamp(os.stat(self._at(path)).st_mtime, UTC).replace(microsecond=0)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise FileUnreadable(path, exc.strerror or str(exc)) from None
        except (OverflowError, ValueError):  # a time stamp out of any calendar
            raise FileUnreadable(path, "its modification time is out of range") from None

    def now(self) -> datetime:
        return self._now
