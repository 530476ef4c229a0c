"""BAK-002..003 on real folders of backups whose newest file cannot be identified (issue 11):
the newest file must not date the folder when it is empty or in no format hygiene knows."""

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from hygiene.checks import backups
from hygiene.cli.app import app
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.profile import DeclaredBackup, Profile
from hygiene.system.local import LocalSystem

runner = CliRunner()
GZIP = b"\x1f\x8b\x08\x00" + bytes(100)
ZIP_EMPTY = b"PK\x05\x06" + bytes(18)  # an empty ZIP archive: its end record alone
AGE = b"age-encryption.org/v1\n-> X25519 " + b"A" * 43 + b"\n" + bytes(64)  # an age file's header


def dated(path: Path, data: bytes, days_ago: float) -> None:
    path.write_bytes(data)
    os.utime(path, (time.time() - days_ago * 86400,) * 2)


def recent(folder: Path, name: str = "nightly"):
    profile = Profile(backups=(DeclaredBackup(name, str(folder), None, False, 3),))
    return run_one(LocalSystem(profile=profile), backups.backup_recent)


def test_an_empty_newest_file_does_not_date_the_folder(tmp_path):
    dated(tmp_path / "old.tar.gz", GZIP, 17)
    dated(tmp_path / "new.tar.gz", b"", 0.1)
    f = recent(tmp_path)
    assert f.status is Status.FAIL
    assert f.summary == (
        "The newest file of 'nightly' (new.tar.gz) is empty (0 bytes); the last identifiable backup, "
        "old.tar.gz (gzip file, not encrypted), is 17 days old, over 7."
    )
    assert f.evidence["newest_backup"] == "nightly"
    old = datetime.fromtimestamp((tmp_path / "old.tar.gz").stat().st_mtime, UTC).replace(microsecond=0)
    assert f.evidence["newest"] == old.isoformat()
    doc = json.loads(runner.invoke(app, ["backup", "verify", str(tmp_path), "-f", "json"]).stdout)
    assert round(doc["age_hours"] / 24) == 17
    assert doc["dated_by"] == "old.tar.gz (gzip file, not encrypted)"
    text = " ".join(runner.invoke(app, ["backup", "verify", str(tmp_path)]).stdout.split())
    assert "(17 days ago), from old.tar.gz (gzip file, not encrypted), the newest file identified as a backup" in text
    assert "the newest backup is 17 days old, more than 7 days" in text


def test_a_newest_file_in_no_known_format_does_not_date_the_folder(tmp_path):
    dated(tmp_path / "a.zip", ZIP_EMPTY, 18)
    dated(tmp_path / "b.tar.gz", GZIP, 17)
    dated(tmp_path / "c.bin", b"\x00" + os.urandom(100_000), 1)
    f = recent(tmp_path)
    assert f.status is Status.FAIL
    assert f.summary.startswith("The newest file of 'nightly' (c.bin) is in no format hygiene knows; ")
    assert f.summary.endswith(
        "the last identifiable backup, b.tar.gz (gzip file, not encrypted), is 17 days old, over 7."
    )


def test_a_fresh_identified_backup_beside_an_unknown_newest_file_is_a_warning(tmp_path):
    dated(tmp_path / "b.tar.gz", GZIP, 0.5)
    dated(tmp_path / "c.tar.gz", b"", 0.1)
    f = recent(tmp_path)
    assert f.status is Status.WARN
    assert f.summary == (
        "The newest file of 'nightly' (c.tar.gz) is empty (0 bytes); the last identifiable backup, "
        "b.tar.gz (gzip file, not encrypted), is less than a day old."
    )


def test_no_identifiable_file_leaves_the_age_unknown(tmp_path):
    dated(tmp_path / "a.bin", b"\x00" + os.urandom(100_000), 2)
    dated(tmp_path / "b.bin", b"\x00" + os.urandom(100_000), 1)
    f = recent(tmp_path)
    assert f.status is Status.UNKNOWN
    assert "No file of 'nightly' could be identified as a backup" in f.summary
    assert "its newest file (b.bin) is in no format hygiene knows" in f.summary
    doc = json.loads(runner.invoke(app, ["backup", "verify", str(tmp_path), "-f", "json"]).stdout)
    assert doc["newest"] is None and doc["age_hours"] is None


def test_an_empty_newest_beside_unknown_older_files_leaves_the_age_unknown(tmp_path):
    dated(tmp_path / "a.bin", b"\x00" + os.urandom(100_000), 2)
    dated(tmp_path / "b.tar.gz", b"", 0.1)
    f = recent(tmp_path)
    assert f.status is Status.UNKNOWN
    assert "its newest file (b.tar.gz) is empty (0 bytes)" in f.summary


def test_a_snapshot_recording_an_undated_folder_is_valid_and_replays_the_same(tmp_path):
    import jsonschema

    from hygiene.backup.identify import backup_facts
    from hygiene.files import schema
    from tests.helpers import snapshot_doc

    dated(tmp_path / "old.tar.gz", GZIP, 17)
    dated(tmp_path / "new.tar.gz", b"", 0.1)
    facts = backup_facts(tmp_path)
    assert (facts["newest_file"], facts["unidentified"], facts["dated_by"]) == (
        "new.tar.gz",
        "is empty (0 bytes)",
        "old.tar.gz (gzip file, not encrypted)",
    )
    jsonschema.validate(snapshot_doc(backups={str(tmp_path): facts}), schema("snapshot-v1"))


def test_bak003_says_one_clause_per_backup_it_cannot_judge(tmp_path):
    mixed, random_only = tmp_path / "mixed", tmp_path / "random"
    mixed.mkdir()
    random_only.mkdir()
    dated(mixed / "old.tar.age", AGE, 3)  # encrypted: says nothing of the newest, which may differ
    dated(mixed / "backup-2026-12-01.bin", b"\x00" + os.urandom(100_000), 1)
    dated(random_only / "blob.bin", b"\x00" + os.urandom(100_000), 1)
    profile = Profile(
        backups=(
            DeclaredBackup("mixed folder", str(mixed), None, False, 3),
            DeclaredBackup("random only", str(random_only), None, False, 7),
        )
    )
    f = run_one(LocalSystem(profile=profile), backups.backup_encrypted)
    assert f.status is Status.UNKNOWN
    assert f.summary.startswith(
        "Could not tell whether 2 backups are encrypted: 'mixed folder': its newest file "
        "(backup-2026-12-01.bin) is in no format hygiene knows; 'random only': "
    )
    assert f.summary.endswith("; check them with `hygiene backup verify PATH` where they are.")
    assert f.summary.count("backup-2026-12-01.bin") == 1 and "))" not in f.summary


def test_names_with_spaces_are_quoted_in_summaries(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    profile = Profile(backups=(DeclaredBackup("empty folder", str(empty), None, False, 3),))
    f = run_one(LocalSystem(profile=profile), backups.backup_configured)
    assert f.status is Status.FAIL and f.summary == "Nothing is backed up: 'empty folder' is empty (no files in it)."


def test_verify_says_random_bytes_cannot_prove_encryption_and_names_plain_older_files(tmp_path):
    dated(tmp_path / "a.zip", ZIP_EMPTY, 18)
    dated(tmp_path / "b.bin", b"\x00" + os.urandom(100_000), 1)
    text = " ".join(runner.invoke(app, ["backup", "verify", str(tmp_path)]).stdout.split())
    assert "while older ones were identified: a.zip (ZIP archive, not encrypted)" in text
    alone = tmp_path / "alone"
    alone.mkdir()
    dated(alone / "c.bin", b"\x00" + os.urandom(100_000), 1)
    text = " ".join(runner.invoke(app, ["backup", "verify", str(alone)]).stdout.split())
    assert "Encrypted: cannot prove it (the bytes look random): " in text and "Encrypted: yes" not in text


def test_a_plain_older_backup_fails_bak003_though_the_newest_cannot_be_identified(tmp_path):
    """The last backup that can be restored is a plain gzip: a fact, whatever the unidentified
    newest file is (issue 11: a partial answer decides against, never for)."""
    dated(tmp_path / "old.tar.gz", GZIP, 3)
    dated(tmp_path / "new.tar.gz", b"", 1)
    profile = Profile(backups=(DeclaredBackup("nightly", str(tmp_path), None, False, 3),))
    f = run_one(LocalSystem(profile=profile), backups.backup_encrypted)
    assert f.status is Status.FAIL and f.summary.startswith("Not encrypted: 'nightly'")
    text = " ".join(runner.invoke(app, ["backup", "verify", str(tmp_path)]).stdout.split())
    assert (
        "Encrypted: no (a fact of the format): old.tar.gz (gzip file, not encrypted), the newest backup identified"
        in text
    )
    assert "the newest backup it holds that hygiene could identify is not encrypted" in text
