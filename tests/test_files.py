import os
import stat

import pytest

from hygiene.errors import UserError
from hygiene.files import write_private


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_file_is_private_and_complete(tmp_path):
    path = tmp_path / "report.json"
    write_private(path, "{}\n")
    assert path.read_text() == "{}\n" and mode(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left behind


def test_private_even_with_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        write_private(tmp_path / "r.txt", "x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "r.txt") == 0o600


def test_never_clobbers_without_force(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("the user's own notes")
    with pytest.raises(UserError, match="already exists; use --force"):
        write_private(path, "report")
    assert path.read_text() == "the user's own notes"
    write_private(path, "report", force=True)
    assert path.read_text() == "report" and mode(path) == 0o600


def test_folder_and_missing_folder(tmp_path):
    with pytest.raises(UserError, match="is a folder"):
        write_private(tmp_path, "x")
    with pytest.raises(UserError, match="cannot write here"):
        write_private(tmp_path / "no" / "such" / "r.txt", "x")


def test_a_full_disk_is_a_clear_error_and_leaves_nothing(tmp_path, monkeypatch):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("hygiene.files.os.fsync", full)
    target = tmp_path / "r.json"
    with pytest.raises(UserError, match="could not be written \\(No space left on device\\)"):
        write_private(target, "{}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["fifo", "symlink", "device"])
def test_force_never_replaces_what_is_not_a_file(tmp_path, kind):
    """Run as root, `-o /dev/null --force` must not turn the system's /dev/null into a file."""
    import os

    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        (tmp_path / "real").write_text("keep me")
        target.symlink_to(tmp_path / "real")
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    before = os.lstat(target).st_mode
    with pytest.raises(UserError, match="not a file; give a file name"):
        write_private(target, "{}\n", force=True)
    assert os.lstat(target).st_mode == before


def test_blocked_folder_names_what_would_stop_a_file_being_made_and_makes_nothing(tmp_path):
    from hygiene.files import blocked_folder

    assert blocked_folder(tmp_path / "a" / "b") is None
    (tmp_path / "a").write_text("a file")
    assert blocked_folder(tmp_path / "a" / "b") == (tmp_path / "a", "is not a folder")
    assert sorted(os.listdir(tmp_path)) == ["a"]
