import os
import sys
import threading
import time

import pytest

from hygiene.system import CommandTimedOut, FileUnreadable, ProbeUnavailable
from hygiene.system.base import MAX_OUTPUT_BYTES, OutputTooLarge
from hygiene.system.kept import WHOLE
from hygiene.system.local import LocalSystem, current_platform


def py(code):
    return (sys.executable, "-c", code)


def test_commands_get_lang_c_and_no_inherited_secrets(monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv("SOME_TOKEN", "s3cr3t-token-value")
    r = LocalSystem().run(
        py("import os; print(os.environ.get('LANG'), os.environ.get('LC_ALL'), 'SOME_TOKEN' in os.environ)")
    )
    assert r.ok and r.stdout.split() == ["C", "C", "False"]


@pytest.mark.skipif(os.name != "posix", reason="the sbin folders are a Linux and macOS matter")
def test_system_tools_are_found_with_a_users_path_that_lacks_sbin(tmp_path, monkeypatch):
    """Debian's PATH for ordinary users has no /usr/sbin, where ufw and nft live: a firewall
    that is installed must not read as absent. The user's own folders still come first."""
    import hygiene.system.local as local

    sbin = tmp_path / "sbin"
    sbin.mkdir()
    tool = sbin / "hygiene-test-ufw"
    tool.write_text("#!/bin/sh\necho Status: active\n")
    tool.chmod(0o755)
    monkeypatch.setattr(local, "SYSTEM_DIRS", (*local.SYSTEM_DIRS, str(sbin)))
    monkeypatch.setenv("PATH", "/usr/local/bin:/usr/bin:/bin")
    r = LocalSystem().run(("hygiene-test-ufw",))
    assert r.ok and r.stdout == "Status: active\n"
    folders = local._command_env()["PATH"].split(os.pathsep)
    assert folders[:3] == ["/usr/local/bin", "/usr/bin", "/bin"] and "/usr/sbin" in folders


def test_argv_is_never_given_to_a_shell(tmp_path):
    marker = tmp_path / "pwned"
    r = LocalSystem().run(("echo", f"x; touch {marker}"))
    assert r.stdout.strip() == f"x; touch {marker}" and not marker.exists()


def test_missing_program_is_not_found_not_a_crash():
    r = LocalSystem().run(("hygiene-no-such-program-xyz", "--version"))
    assert (r.found, r.ok, r.returncode) == (False, False, 127)
    assert r.stderr.startswith("hygiene-no-such-program-xyz could not be started: ")  # checks quote it


def test_timeout_raises_and_is_remembered():
    system = LocalSystem(timeout=0.2)
    argv = py("import time; time.sleep(5)")
    with pytest.raises(CommandTimedOut, match="did not finish within 0.2 s"):
        system.run(argv)
    with pytest.raises(CommandTimedOut):
        system.run(argv)  # memoised: the same answer, without waiting again


def test_each_command_runs_once_per_audit(tmp_path):
    counter = tmp_path / "count"
    argv = py(f"open({str(counter)!r}, 'a').write('x')")
    system = LocalSystem()
    for _ in range(3):
        system.run(argv)
    assert counter.read_text() == "x"


def test_nonzero_exit_and_stderr_are_kept():
    r = LocalSystem().run(py("import sys; sys.stderr.write('not running\\n'); sys.exit(252)"))
    assert (r.ok, r.returncode, r.stderr) == (False, 252, "not running\n")


def test_undecodable_output_is_replaced_not_fatal():
    r = LocalSystem().run(py("import sys; sys.stdout.buffer.write(b'caf\\xe9')"))
    assert r.stdout == "caf\ufffd"


def test_read_text_missing_unreadable_and_bounded(tmp_path):
    system = LocalSystem()
    assert system.read_text(str(tmp_path / "absent"), WHOLE) is None
    with pytest.raises(FileUnreadable, match="cannot read"):
        system.read_text(str(tmp_path), WHOLE)  # a folder
    big = tmp_path / "big"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    assert len(system.read_text(str(big), WHOLE)) == 1024 * 1024


def test_glob_is_sorted_and_clock_is_fixed(tmp_path):
    for name in ("b", "a", "c"):
        (tmp_path / name).touch()
    system = LocalSystem()
    assert system.glob(str(tmp_path / "*")) == [str(tmp_path / n) for n in "abc"]
    assert system.now() == system.now() and system.now().utcoffset() is not None


def test_facts_describe_this_machine():
    facts = LocalSystem().facts
    assert facts.platform is current_platform() and facts.os_name and facts.home == os.path.expanduser("~")


def test_mtime_is_aware_and_none_when_absent(tmp_path):
    f = tmp_path / "stamp"
    f.touch()
    os.utime(f, (1_700_000_000, 1_700_000_000))
    system = LocalSystem()
    assert system.mtime(str(f)).isoformat() == "2023-11-14T22:13:20+00:00"
    assert system.mtime(str(tmp_path / "absent")) is None


def test_a_fifo_or_device_is_refused_not_read(tmp_path):
    """Reading a FIFO would block forever, and /dev/zero never ends: both are refused at once."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    system = LocalSystem()
    started = time.monotonic()
    for path in (str(fifo), "/dev/zero"):
        with pytest.raises(FileUnreadable, match="not a regular file"):
            system.read_text(path, WHOLE)
    assert time.monotonic() - started < 2


def test_a_timed_out_command_is_killed_with_everything_it_started(tmp_path):
    """A hanging tool's children (a `sleep` under apt) do not outlive the timeout."""
    pidfile = tmp_path / "child.pid"
    code = (
        "import subprocess, sys, time; "
        "child = subprocess.Popen(['sleep', '30']); "
        f"open({str(pidfile)!r}, 'w').write(str(child.pid)); time.sleep(30)"
    )
    with pytest.raises(CommandTimedOut):
        LocalSystem(timeout=1.0).run(py(code))
    child = int(pidfile.read_text())
    time.sleep(0.2)
    with open(f"/proc/{child}/stat") if os.path.exists(f"/proc/{child}") else open(os.devnull) as fh:
        state = fh.read().split(") ")[-1][:1]
    assert state in ("", "Z"), "the child sleep is still running"


def test_a_command_that_prints_too_much_is_cut_and_unknown():
    code = f"import sys; sys.stdout.write('x' * {MAX_OUTPUT_BYTES * 2})"
    started = time.monotonic()
    with pytest.raises(OutputTooLarge, match="MiB"):
        LocalSystem().run(py(code))
    assert time.monotonic() - started < 10


def test_stop_ends_running_commands_at_once_and_refuses_new_ones():
    """Ctrl-C: the engine calls stop(), and a command that would run for a minute ends now."""
    system = LocalSystem(timeout=60)
    errors = []

    def slow():
        try:
            system.run(py("import time; time.sleep(60)"))
        except ProbeUnavailable as exc:
            errors.append(exc)

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.5)
    started = time.monotonic()
    system.stop()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - started < 1.5
    assert errors and "interrupted" in str(errors[0])
    with pytest.raises(ProbeUnavailable, match="interrupted"):
        system.run(py("print(1)"))


def test_a_file_that_is_not_a_program_counts_as_not_installed(tmp_path):
    script = tmp_path / "no-shebang"
    script.write_bytes(b"\x00\x01binary junk")
    script.chmod(0o755)
    result = LocalSystem().run((str(script),))
    assert not result.found and result.returncode == 127
