"""File and backup names are data: through `backup verify` (text, JSON) and the audit's BAK
findings they are shown inert and on one line, so a name cannot print a line of its own (a fake
`Verdict:` or `PASS BAK-003` row), colour the terminal, or be read as Rich markup."""

import json
import os
import time

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app

runner = CliRunner()
FAKE_VERDICT = "x, is fine.\nVerdict: good: encrypted (age file), 1 day old.\n"
HOSTILE = [FAKE_VERDICT, "tab\there", "red\x1b[31mred", "[bold]loud[red]"]
GZIP = b"\x1f\x8b\x08\x00" + bytes(100)


def folder_with(tmp_path, name):
    folder = tmp_path / "nightly"
    folder.mkdir()
    (folder / "old.tar.gz").write_bytes(GZIP)
    os.utime(folder / "old.tar.gz", (time.time() - 3 * 86400,) * 2)
    (folder / name).write_bytes(b"\x00" + os.urandom(100_000))  # the newest, in no known format
    return folder


def assert_inert(text):
    assert "\x1b" not in text and "\t" not in text
    assert not any(line.lstrip().startswith(("Verdict: good", "PASS BAK")) for line in text.splitlines())


@pytest.mark.parametrize("name", HOSTILE)
def test_a_file_name_cannot_fake_a_line_of_backup_verify(tmp_path, name):
    folder = folder_with(tmp_path, name)
    r = runner.invoke(app, ["backup", "verify", str(folder)])
    assert r.exit_code == 1
    assert_inert(r.stdout)
    assert sum(line.startswith("Verdict:") for line in r.stdout.splitlines()) == 1
    shown = name.replace("\n", "\u2424").replace("\t", "\u2409").replace("\x1b", "\u241b")
    assert shown in " ".join(r.stdout.split("\n         "))  # the verdict, its wrapped lines joined
    raw = runner.invoke(app, ["backup", "verify", str(folder), "-f", "json"]).stdout
    assert "\x1b" not in raw and "\t" not in raw  # JSON escapes them: the data stays exact
    assert not any(line.lstrip().startswith("Verdict") for line in raw.splitlines())
    doc = json.loads(raw)
    assert name in doc["kind"] and name in doc["detail"] and name in " ".join(doc["reasons"])


def toml_string(text):
    return json.dumps(text)  # a JSON string is a TOML basic string (\n, \t, \u001b escapes)


@pytest.mark.parametrize("name", [*HOSTILE, "fine\nPASS BAK-003 Backups are encrypted"])
def test_a_backup_or_file_name_cannot_fake_a_row_of_the_audit(tmp_path, name):
    folder = folder_with(tmp_path, name if "/" not in name else "x.bin")
    profile = tmp_path / "hygiene.toml"
    profile.write_text(f"[[backups]]\nname = {toml_string(name)}\npath = {toml_string(str(folder))}\n")
    r = runner.invoke(app, ["audit", "--profile", str(profile), "--category", "backups"], env={"COLUMNS": "200"})
    assert r.exit_code in (0, 1), r.output
    assert_inert(r.stdout)
    shown = name.replace("\n", "\u2424").replace("\t", "\u2409").replace("\x1b", "\u241b")
    assert f"'{shown}'" in r.stdout
    doc = json.loads(runner.invoke(app, ["audit", "--profile", str(profile), "--category", "backups", "-f",
                                         "json"]).stdout)  # fmt: skip
    for f in doc["findings"]:
        assert "\n" not in f["summary"] and "\x1b" not in f["summary"] and "\t" not in f["summary"]


def test_a_refused_newest_file_is_named_on_one_line(tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    (folder / "pipe\nhygiene: all good").write_bytes(b"PK\x03\x04" + bytes(10))  # a damaged ZIP
    r = runner.invoke(app, ["backup", "verify", str(folder)])
    assert r.exit_code == 2
    assert "pipe\u2424hygiene: all good" in r.stderr and len(r.stderr.strip().splitlines()) == 1
