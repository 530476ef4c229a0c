"""`hygiene history`, `hygiene history import` and `hygiene audit --save`, end to end: exact
output at 80 columns, json and csv parsed back, --diff, --since, --host, and every failure
of the database or of an imported file a clear message with exit 2."""

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.store.records import DEFAULT_KEEP
from hygiene.store.schema import SCHEMA_VERSION
from tests.store.results import result_doc

runner = CliRunner()
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# ledger-pc: four audits, the last two differing in five checks; office-pc: one audit.
DOCS = [
    result_doc(started="2026-11-01T09:00:00+00:00", overall=(30, "F"), categories={"passwords": 0, "encryption": 0, "device": None}),
    result_doc(started="2026-11-08T09:00:00+00:00", overall=(45, "F"), categories={"passwords": 5, "encryption": 50}),
    result_doc(started="2026-11-15T09:00:00+00:00", overall=(48, "F"),
               statuses={"PWD-001": "PASS", "ENC-001": "FAIL", "DEV-001": "PASS", "BAK-002": "FAIL", "MFA-005": "PASS"}),
    result_doc(started="2026-11-27T09:00:00+00:00"),
    result_doc(host="office-pc", started="2026-11-20T08:30:00+00:00", overall=(92, "A")),
]  # fmt: skip


def hygiene(*args, db=None, env=None):
    environment = {"COLUMNS": "80", **(env or {})}
    if db is not None:
        environment["HYGIENE_HISTORY"] = str(db)
    return runner.invoke(app, list(args), env=environment)


def files(folder, docs):
    paths = []
    for i, doc in enumerate(docs):
        path = folder / f"r{i}.json"
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "history.sqlite3"
    r = hygiene("history", "import", *files(tmp_path, DOCS), db=path)
    assert (r.exit_code, r.stdout) == (0, f"Imported 5 of 5 results into {path}.\n")
    return path


LEDGER = """\
ledger-pc · 4 audits, 2026-11-01 to 2026-11-27

              Score over time                             First   Latest  Change
Overall       ▃▄▄▅                                         30 F     50 F     +20
Passwords     ▁▁▁▁                                            0       10     +10
MFA           ▄▄▄▄                                           45       45       0
Updates       ▄▄▄▄                                           46       46       0
Encryption    ▁▅██                                            0      100    +100
Backups       ▄▄▄▄                                           46       46       0
Awareness     ▆▆▆▆                                           67       67       0
Device         ▄▄▄                                          n/a       38

Since the previous audit (2026-11-15 09:00 UTC → 2026-11-27 09:00 UTC):
  Newly failing (2)
    WARN     MFA-005  Important online accounts have a second factor… (was PASS)
    FAIL     PWD-001  The system asks for long enough passwords (was PASS)
  Fixed (2)
    WARN     BAK-002  The newest backup is at most 7 days old (was FAIL)
    PASS     ENC-001  The system disk is encrypted (was FAIL)
  Newly unknown (1)
    UNKNOWN  DEV-001  The firewall is on (was PASS)
"""
OFFICE = """\
office-pc · 1 audit, 2026-11-20

              Score over time                             First   Latest  Change
Overall       █                                            92 A     92 A       0
Passwords     ▁                                              10       10       0
MFA           ▄                                              45       45       0
Updates       ▄                                              46       46       0
Encryption    █                                             100      100       0
Backups       ▄                                              46       46       0
Awareness     ▆                                              67       67       0
Device        ▄                                              38       38       0

Only one audit so far: what changed shows from the next one saved.
"""


def test_the_table_shows_each_host_over_time_and_what_changed_in_80_columns(db):
    r = hygiene("history", db=db)
    assert r.exit_code == 0 and r.stdout == LEDGER + "\n" + OFFICE
    assert max(len(line) for line in r.stdout.splitlines()) <= 80


def test_host_chooses_one_and_since_drops_the_older_audits(db):
    assert hygiene("history", "--host", "office-pc", db=db).stdout == OFFICE
    r = hygiene("history", "--host", "ledger-pc", "--since", "2026-11-15", "-f", "json", db=db)
    (host,) = json.loads(r.stdout)["hosts"]
    assert [a["id"] for a in host["audits"]] == [3, 4] and json.loads(r.stdout)["since"] == "2026-11-15"
    r = hygiene("history", "--since", "2026-12-01", db=db)
    assert (r.exit_code, r.stdout) == (0, "No audits stored since 2026-12-01. Save one with `hygiene audit --save`.\n")


def test_without_block_characters_the_sparkline_is_ascii(db):
    r = hygiene("history", "--host", "ledger-pc", db=db, env={"TERM": "linux"})
    assert r.stdout.splitlines()[3] == "Overall       :--=" + " " * 41 + "30 F     50 F     +20"


def test_json_holds_every_audit_and_the_changes(db):
    doc = json.loads(hygiene("history", "-f", "json", db=db).stdout)
    assert (doc["kind"], doc["schema_version"], doc["since"]) == ("hygiene-history", 1, None)
    ledger, office = doc["hosts"]
    assert [a["score"] for a in ledger["audits"]] == [30, 45, 48, 50]
    assert ledger["audits"][0] == {
        "id": 1,
        "host": "ledger-pc",
        "source": "local",
        "started_at": "2026-11-01T09:00:00+00:00",
        "score": 30,
        "grade": "F",
        "coverage": 0.75,
        "categories": {"passwords": 0, "mfa": 45, "updates": 46, "encryption": 0, "backups": 46, "awareness": 67,
                       "device": None},
    }  # fmt: skip
    changes = ledger["changes"]
    assert (changes["before"]["id"], changes["after"]["id"]) == (3, 4)
    assert [(c["id"], c["before"], c["after"]) for c in changes["newly_failing"]] == [
        ("MFA-005", "PASS", "WARN"),
        ("PWD-001", "PASS", "FAIL"),
    ]
    assert [c["id"] for c in changes["fixed"]] == ["BAK-002", "ENC-001"]
    assert changes["newly_unknown"] == [
        {"id": "DEV-001", "title": "The firewall is on", "category": "device", "before": "PASS", "after": "UNKNOWN"}
    ]
    assert office["changes"] is None


def test_csv_has_one_row_per_audit(db):
    rows = list(csv.DictReader(io.StringIO(hygiene("history", "-f", "csv", db=db).stdout)))
    assert [(r["host"], r["audit"], r["score"], r["encryption"], r["device"]) for r in rows] == [
        ("ledger-pc", "1", "30", "0", ""),
        ("ledger-pc", "2", "45", "50", "38"),
        ("ledger-pc", "3", "48", "100", "38"),
        ("ledger-pc", "4", "50", "100", "38"),
        ("office-pc", "5", "92", "100", "38"),
    ]
    assert rows[0]["started_at"] == "2026-11-01T09:00:00+00:00" and rows[0]["coverage"] == "0.75"


DIFF = """\
Audit 3 · ledger-pc · 2026-11-15 09:00 UTC · 48 F · coverage 75%
Audit 4 · ledger-pc · 2026-11-27 09:00 UTC · 50 F · coverage 75%

               Before    After  Change
Overall          48 F     50 F      +2
Passwords          10       10       0
MFA                45       45       0
Updates            46       46       0
Encryption        100      100       0
Backups            46       46       0
Awareness          67       67       0
Device             38       38       0

What changed:
  Newly failing (2)
    WARN     MFA-005  Important online accounts have a second factor… (was PASS)
    FAIL     PWD-001  The system asks for long enough passwords (was PASS)
  Fixed (2)
    WARN     BAK-002  The newest backup is at most 7 days old (was FAIL)
    PASS     ENC-001  The system disk is encrypted (was FAIL)
  Newly unknown (1)
    UNKNOWN  DEV-001  The firewall is on (was PASS)
"""


def test_html_is_one_page_with_a_chart_per_host_and_the_diff_too(db):
    from tests.reporters.test_html import Page

    r = hygiene("history", "-f", "html", db=db)
    page = Page(r.stdout)
    assert r.exit_code == 0 and page.text_of("h2") == ["ledger-pc", "office-pc"]
    assert len(page.all("svg")) == 2 and not page.all("script")
    assert "hygiene: html is made for a file" not in r.stdout
    diff = hygiene("history", "--diff", "1", "4", "-f", "html", db=db)
    assert diff.exit_code == 0 and Page(diff.stdout).text_of("h1") == ["Security hygiene: two audits compared"]


def test_diff_compares_two_audits_by_id_or_by_latest_and_previous(db):
    assert hygiene("history", "--diff", "3", "4", db=db).stdout == DIFF
    assert hygiene("history", "--host", "ledger-pc", "--diff", "previous", "LATEST", db=db).stdout == DIFF
    doc = json.loads(hygiene("history", "--diff", "4", "3", "-f", "json", db=db).stdout)
    assert doc["kind"] == "hygiene-history-diff" and (doc["before"]["id"], doc["after"]["id"]) == (3, 4)
    assert [c["id"] for c in doc["newly_failing"]] == ["MFA-005", "PWD-001"]  # the older audit first, always
    rows = list(csv.DictReader(io.StringIO(hygiene("history", "--diff", "3", "4", "-f", "csv", db=db).stdout)))
    assert [(r["change"], r["check"], r["before"], r["after"]) for r in rows] == [
        ("newly_failing", "MFA-005", "PASS", "WARN"),
        ("newly_failing", "PWD-001", "PASS", "FAIL"),
        ("fixed", "BAK-002", "FAIL", "WARN"),
        ("fixed", "ENC-001", "FAIL", "PASS"),
        ("newly_unknown", "DEV-001", "PASS", "UNKNOWN"),
    ]
    r = hygiene("history", "--diff", "1", "5", db=db)  # two machines can be compared too
    assert r.exit_code == 0 and "Audit 5 · office-pc" in r.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--diff", "1", "99"), "there is no audit 99; `hygiene history -f json` lists their ids"),
        (
            ("--diff", "latest", "previous"),
            "--diff latest: the history holds 2 hosts ('ledger-pc', 'office-pc'); say which with --host",
        ),
        (("--diff", "1", "newest"), "--diff: 'newest' is not an audit id, 'latest' or 'previous'"),
        (("--host", "office-pc", "--diff", "previous", "latest"), "holds 1 audit of 'office-pc', no previous one"),
        # digits Python's isdigit takes but int() does not, or that no SQLite integer holds
        (("--diff", "\u00b2", "1"), "--diff: '\u00b2' is not an audit id, 'latest' or 'previous'"),
        (("--diff", "\u0661", "1"), "--diff: '\u0661' is not an audit id, 'latest' or 'previous'"),
        (("--diff", "1", "9" * 30), "there is no audit " + "9" * 30),
        (("--diff", "1", "9" * 5000), "there is no audit " + "9" * 20),
    ],
)
def test_diff_of_an_audit_that_is_not_there_exits_2(db, args, says):
    r = hygiene("history", *args, db=db)
    assert r.exit_code == 2 and not r.stdout and says in r.stderr and "Traceback" not in r.stderr


def test_a_date_that_is_not_one_is_a_usage_error(db):
    r = hygiene("history", "--since", "last week", db=db)
    assert r.exit_code == 2 and "'last week' is not a date such as 2026-03-14" in r.stderr


def test_no_history_yet_is_said_and_nothing_is_created(tmp_path):
    path = tmp_path / "none" / "h.sqlite3"
    r = hygiene("history", db=path)
    assert r.exit_code == 0 and r.stdout == "No audits stored. Save one with `hygiene audit --save`.\n"
    assert f"no history at {path} yet" in r.stderr and not path.parent.exists()
    assert json.loads(hygiene("history", "-f", "json", db=path).stdout)["hosts"] == []
    r = hygiene("history", "--diff", "1", "2", db=path)
    assert r.exit_code == 2 and "no history yet; save an audit with `hygiene audit --save`" in r.stderr


def test_the_default_database_is_in_the_user_data_folder_and_db_overrides_the_environment(tmp_path):
    """conftest points the user data folder into tmp_path: no test touches a real history."""
    r = hygiene("audit", "--demo", "well-kept-debian-laptop", "--save")
    assert r.exit_code == 0 and (tmp_path / "no-data" / "history.sqlite3").is_file()
    other = tmp_path / "other.sqlite3"
    r = hygiene(
        "audit", "--demo", "neglected-windows-laptop", "--save", "--db", str(other), db=tmp_path / "env.sqlite3"
    )
    assert r.exit_code == 0 and other.is_file() and not (tmp_path / "env.sqlite3").exists()


# --- import -----------------------------------------------------------------------------------------


def test_import_stores_the_good_files_names_the_bad_ones_and_exits_2(tmp_path):
    path = tmp_path / "h.sqlite3"
    good = files(tmp_path, [result_doc(started="2026-11-01T09:00:00+00:00")])
    (tmp_path / "broken.json").write_text('{"schema_version": 1,')
    (tmp_path / "snapshot.json").write_text(json.dumps({"kind": "hygiene-snapshot", "schema_version": 1}))
    wrong = result_doc()
    wrong["findings"][0]["status"] = "GREAT"
    (tmp_path / "wrong.json").write_text(json.dumps(wrong))
    bad = [str(tmp_path / name) for name in ("broken.json", "snapshot.json", "wrong.json", "missing.json")]
    r = hygiene("history", "import", bad[0], *good, *bad[1:], db=path)
    assert r.exit_code == 2 and r.stdout == f"Imported 1 of 5 results into {path}.\n"
    errors = r.stderr.splitlines()
    assert len(errors) == 4 and all(line.startswith("hygiene: error: ") for line in errors)
    assert all(line.endswith("; not imported") for line in errors)
    assert [line.split(": ")[2] for line in errors] == [f"{tmp_path}/{n}" for n in ("broken.json:1:22", "snapshot.json",
                                                                                    "wrong.json", "missing.json")]  # fmt: skip
    assert "this is a 'hygiene-snapshot' file, not a result" in errors[1] and "'GREAT' is not one of" in errors[2]
    assert "no such result file" in errors[3]
    assert [a["id"] for a in json.loads(hygiene("history", "-f", "json", db=path).stdout)["hosts"][0]["audits"]] == [1]


def test_a_different_result_of_the_same_host_and_start_is_refused_by_name(db, tmp_path):
    """Redacted results of several machines all say 'redacted-host': never dropped in silence."""
    from hygiene.snapshot import REDACTED_HOST

    first, second = (result_doc(host=REDACTED_HOST, statuses={"PWD-001": s}) for s in ("PASS", "FAIL"))
    r = hygiene("history", "import", *files(tmp_path, [first, second]), db=db)
    assert r.exit_code == 2 and "Imported 1 of 2 results" in r.stdout
    assert "r1.json: a different result of 'redacted-host' started at 2026-11-27T09:00:00" in r.stderr
    assert "--redact names every machine 'redacted-host'" in " ".join(r.stderr.split())


def test_a_host_that_is_not_stored_is_named_with_the_hosts_that_are(db):
    r = hygiene("history", "--host", "nosuch", db=db)
    assert r.exit_code == 2 and "--host 'nosuch': no audits of that host are stored" in r.stderr
    assert "'ledger-pc', 'office-pc'" in r.stderr
    assert hygiene("history", "--host", "LEDGER-PC", db=db).exit_code == 0  # host names ignore case


def test_a_result_stored_already_is_not_stored_twice(db, tmp_path):
    same = result_doc(
        started="2026-11-01T10:00:00+01:00",  # the same instant, written in another zone
        overall=(30, "F"),
        categories={"passwords": 0, "encryption": 0, "device": None},
    )
    again = files(tmp_path, [DOCS[0], same])
    r = hygiene("history", "import", *again, db=db)
    assert (r.exit_code, r.stdout) == (0, f"Imported 0 of 2 results into {db} (2 were stored already).\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_hostile_files_are_refused_quickly_and_by_name(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:
        fh.truncate(17 * 1000 * 1000)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    r = hygiene("history", "import", str(deep), str(huge), str(fifo), db=tmp_path / "h.sqlite3")
    assert r.exit_code == 2 and "Imported 0 of 3 results" in r.stdout
    assert f"{deep}: nested too deeply to be a result" in r.stderr
    assert f"{huge}: 17,000,000 bytes is over the 16 MB limit for a result" in r.stderr
    assert f"{fifo}: is a named pipe (FIFO), not a result file" in r.stderr


def test_a_hostile_host_name_is_stored_as_it_is_and_shown_inert(tmp_path):
    path = tmp_path / "h.sqlite3"
    hygiene("history", "import", *files(tmp_path, [result_doc(host="pc\x1b[2J\u202e")]), db=path)
    r = hygiene("history", db=path)
    assert r.stdout.startswith("pc␛[2J<U+202E> · 1 audit") and "\x1b" not in r.stdout
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT host FROM audits").fetchone()[0] == "pc\x1b[2J\u202e"


def test_a_lone_surrogate_is_stored_as_a_replacement_character_and_the_result_kept_exact(tmp_path):
    path = tmp_path / "h.sqlite3"
    doc = result_doc(host="pc-\ud800")
    doc["findings"][0]["title"] = "title \udfff"
    (tmp_path / "s.json").write_text(json.dumps(doc))  # ASCII, with the surrogates as escapes
    r = hygiene("history", "import", str(tmp_path / "s.json"), db=path)
    assert r.exit_code == 0, r.stderr
    assert hygiene("history", db=path).stdout.startswith("pc-\ufffd · 1 audit")
    with sqlite3.connect(path) as db:
        host, result = db.execute("SELECT host, result FROM audits").fetchone()
        (title,) = db.execute("SELECT title FROM findings WHERE check_id = 'PWD-001'").fetchone()
    assert (host, title) == ("pc-\ufffd", "title \ufffd") and json.loads(result) == doc


def test_an_import_older_than_the_audits_kept_is_not_said_to_be_imported(tmp_path):
    path = tmp_path / "h.sqlite3"
    new, old = files(
        tmp_path, [result_doc(started="2026-11-27T09:00:00+00:00"), result_doc(started="2026-11-01T09:00:00+00:00")]
    )
    assert hygiene("history", "import", "--keep", "1", new, db=path).exit_code == 0
    r = hygiene("history", "import", "--keep", "1", old, db=path)
    assert (r.exit_code, r.stdout) == (
        0,
        f"Imported 0 of 1 result into {path} (1 was older than the 1 audit kept per host).\n",
    )
    assert [a["id"] for a in json.loads(hygiene("history", "-f", "json", db=path).stdout)["hosts"][0]["audits"]] == [1]


def test_import_keeps_the_newest_per_host_as_keep_or_the_profile_says(tmp_path):
    docs = [result_doc(started=f"2026-11-{d:02d}T09:00:00+00:00") for d in range(1, 6)]
    path = tmp_path / "h.sqlite3"
    hygiene("history", "import", "--keep", "2", *files(tmp_path, docs), db=path)
    assert [a["id"] for a in json.loads(hygiene("history", "-f", "json", db=path).stdout)["hosts"][0]["audits"]] == [
        4,
        5,
    ]
    profile = tmp_path / "hygiene.toml"
    profile.write_text("[history]\nkeep = 1\n")
    hygiene("history", "import", "--profile", str(profile), *files(tmp_path, docs[:1]), db=path)
    assert [a["id"] for a in json.loads(hygiene("history", "-f", "json", db=path).stdout)["hosts"][0]["audits"]] == [5]
    assert hygiene("history", "import", "--keep", "0", files(tmp_path, docs)[0], db=path).exit_code == 2
    assert DEFAULT_KEEP == 500


def test_history_options_are_refused_before_import(tmp_path):
    r = hygiene("history", "--host", "x", "import", "r.json", db=tmp_path / "h.sqlite3")
    assert r.exit_code == 2 and "`import` takes none of them" in " ".join(r.stderr.replace("│", " ").split())


def test_history_help_says_what_it_shows_and_how_audits_get_there():
    r = hygiene("history", "--help", env={"COLUMNS": "200"})
    text = " ".join(r.stdout.replace("│", " ").split())
    assert "Usage: hygiene history [OPTIONS] [import RESULT.json...]" in text
    assert "--diff A B" in text and "<table|json|csv|html>" in text and "import Add saved JSON results" in text
    assert "hygiene audit --save" in text


# --- audit --save -----------------------------------------------------------------------------------


def test_audit_save_keeps_the_report_and_exit_code_and_says_where(tmp_path):
    path = tmp_path / "h.sqlite3"
    plain = hygiene("audit", "--demo", "neglected-windows-laptop", "--fail-under", "50")
    saving = hygiene("audit", "--demo", "neglected-windows-laptop", "--fail-under", "50", "--save", db=path)
    assert saving.exit_code == plain.exit_code == 1
    assert re.sub(r"took [0-9.]+ s", "", saving.stdout) == re.sub(r"took [0-9.]+ s", "", plain.stdout)
    assert f"hygiene: saved as audit 1 in {path}" in saving.stderr
    again = hygiene("audit", "--demo", "neglected-windows-laptop", "--save", "-q", db=path)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")  # the same demo moment: stored already
    (host,) = json.loads(hygiene("history", "-f", "json", db=path).stdout)["hosts"]
    assert [(a["source"], a["score"]) for a in host["audits"]] == [("demo", 10)]


def test_a_profile_with_history_save_saves_every_audit_and_redact_saves_the_redacted_result(tmp_path):
    path = tmp_path / "h.sqlite3"
    profile = tmp_path / "hygiene.toml"
    profile.write_text("[history]\nsave = true\n")
    snapshot = os.path.join(ROOT, "src", "hygiene", "data", "demos", "small-office-ubuntu-server.json")
    r = hygiene("audit", "--snapshot", snapshot, "--profile", str(profile), "--redact", db=path)
    assert r.exit_code == 0 and "saved as audit 1" in r.stderr
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT host, source FROM audits").fetchall() == [("redacted-host", "snapshot")]


def test_a_damaged_history_stops_audit_save_before_the_audit(tmp_path):
    path = tmp_path / "h.sqlite3"
    path.write_text("not a database\n")
    r = hygiene("audit", "--demo", "neglected-windows-laptop", "--save", db=path)
    assert r.exit_code == 2 and not r.stdout
    assert f"{path}: is not a hygiene history database (not an SQLite file); it was left as it is" in r.stderr
    assert path.read_text() == "not a database\n"


def test_a_newer_or_damaged_database_exits_2_for_every_history_command(tmp_path):
    path = tmp_path / "h.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    good = files(tmp_path, [result_doc()])
    for args in (["history"], ["history", "import", *good], ["audit", "--demo", "well-kept-debian-laptop", "--save"]):
        r = hygiene(*args, db=path)
        assert r.exit_code == 2 and "was written by a newer hygiene" in r.stderr and "Traceback" not in r.stderr
    assert path.read_bytes() == before


def test_a_lock_held_while_the_audit_runs_fails_the_save_with_exit_2_after_the_report(tmp_path, monkeypatch):
    from hygiene.store import database

    monkeypatch.setattr(database, "BUSY_SECONDS", 0.1)
    path = tmp_path / "h.sqlite3"
    hygiene("history", "import", *files(tmp_path, [result_doc()]), db=path)
    from hygiene.store import importing

    real = importing.save_result

    def locked_meanwhile(store, result, keep):
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            return real(store, result, keep)
        finally:
            other.close()

    monkeypatch.setattr(importing, "save_result", locked_meanwhile)
    r = hygiene("audit", "--demo", "well-kept-debian-laptop", "--save", db=path)
    assert r.exit_code == 2 and "Score" in r.stdout
    assert f"{path}: the history database is locked by another program" in r.stderr


def test_two_audits_saving_at_once_both_land(tmp_path):
    path = tmp_path / "h.sqlite3"
    env = {**os.environ, "PYTHONPATH": os.path.join(ROOT, "src"), "HYGIENE_HISTORY": str(path)}
    argv = [sys.executable, "-m", "hygiene", "audit", "-q", "--save", "--demo"]
    runs = [subprocess.Popen([*argv, demo], env=env) for demo in ("well-kept-debian-laptop", "half-hardened-macbook")]
    assert [p.wait(120) for p in runs] == [0, 0]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM audits").fetchone()[0] == 2


# A valid SQLite file whose rows hygiene did not write: each kind of bad value in one column.
DAMAGED_ROWS = {
    "categories a list": "UPDATE audits SET categories = '[1, 2]' WHERE id = 4",
    "category score text": """UPDATE audits SET categories = '{"passwords": "x"}' WHERE id = 4""",
    "category score infinite": """UPDATE audits SET categories = '{"passwords": 1e999}' WHERE id = 4""",
    "score text": "UPDATE audits SET score = 'abc' WHERE id = 4",
    "score out of range": "UPDATE audits SET score = -1e9 WHERE id = 4",
    "coverage text": "UPDATE audits SET coverage = 'x' WHERE id = 4",
    "host a blob": "UPDATE audits SET host = x'00ff' WHERE id = 4",
    "grade a blob": "UPDATE audits SET grade = x'01' WHERE id = 4",
    "start without a time zone": "UPDATE audits SET started_at = '2026-11-27T09:00:00' WHERE id = 4",
    "categories nested deeper than Python recurses": "UPDATE audits SET categories = '"
    + "[" * 100_000
    + "' WHERE id = 4",
    "finding title a blob": "UPDATE findings SET title = x'0102' WHERE audit_id = 4",
}


@pytest.mark.parametrize("damage", sorted(DAMAGED_ROWS))
def test_a_row_hygiene_did_not_write_is_named_with_exit_2_in_every_format(db, damage):
    with sqlite3.connect(db) as connection:
        connection.execute(DAMAGED_ROWS[damage])
    connection.close()
    before = db.read_bytes()
    for args in (*(("-f", f) for f in ("table", "json", "csv", "html")), ("--diff", "3", "4")):
        r = hygiene("history", *args, db=db)
        assert (r.exit_code, r.stdout) == (2, ""), (args, r.stderr)
        assert f"{db}: audit 4 is damaged and cannot be read; it was left as it is" in r.stderr
    assert db.read_bytes() == before
