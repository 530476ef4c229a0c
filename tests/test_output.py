import os
import stat

import pytest

from hygiene.errors import UserError
from hygiene.output import write_private


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
