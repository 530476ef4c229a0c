import os
import sys

import pytest

from hygiene.system import CommandTimedOut, FileUnreadable
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


def test_argv_is_never_given_to_a_shell(tmp_path):
    marker = tmp_path / "pwned"
    r = LocalSystem().run(("echo", f"x; touch {marker}"))
    assert r.stdout.strip() == f"x; touch {marker}" and not marker.exists()


def test_missing_program_is_not_found_not_a_crash():
    r = LocalSystem().run(("hygiene-no-such-program-xyz", "--version"))
    assert (r.found, r.ok, r.returncode) == (False, False, 127)


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
    assert system.read_text(str(tmp_path / "absent")) is None
    with pytest.raises(FileUnreadable, match="cannot read"):
        system.read_text(str(tmp_path))  # a folder
    big = tmp_path / "big"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    assert len(system.read_text(str(big))) == 1024 * 1024


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
