"""`hygiene fleet summarize` end to end: the newest result of each host counts, failure records
show hosts that could not be audited, bad files are named and skipped, --fail-under names the
hosts below it, and nothing readable exits 2."""

import json
import os
import stat

from typer.testing import CliRunner

from hygiene.cli.app import app
from tests.fleet.docs import ago, demo_doc, failure_doc, shared_doc, write

runner = CliRunner()


def fleet(*args, env=None):
    return runner.invoke(app, ["fleet", "summarize", *map(str, args)], env={"COLUMNS": "80", **(env or {})})


def summary(*args):
    r = fleet(*args, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout), r.stderr


def test_a_folder_of_results_is_summarised_as_a_table(tmp_path):
    write(tmp_path, "win.json", demo_doc("neglected-windows-laptop", "frontdesk-pc"))
    write(tmp_path, "srv.json", demo_doc("small-office-ubuntu-server", "fileserver"))
    r = fleet(tmp_path)
    assert r.exit_code == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines[0] == "hygiene fleet · 2 hosts"
    assert lines[1] == "Fleet score 40 F: the mean of 2 hosts; the worst, frontdesk-pc, 10 F"
    rows = [line.split()[:4] for line in lines if line.startswith(("frontdesk-pc", "fileserver"))]
    assert rows == [["frontdesk-pc", "Windows", "10", "F"], ["fileserver", "Linux", "71", "C"]]
    assert "Checks that fail, worst first" in r.stdout and "ENC-001 The system disk is encrypted" in r.stdout


def test_the_newest_result_of_each_host_counts_whatever_the_case_of_its_name(tmp_path):
    write(tmp_path, "a.json", shared_doc("ledger-pc", ago(9), overall=(40, "F")))
    write(tmp_path, "b.json", shared_doc("LEDGER-PC", ago(2), overall=(85, "B")))
    write(tmp_path, "c.json", shared_doc("ledger-pc", ago(5), overall=(60, "D")))
    doc, _ = summary(tmp_path)
    assert [(h["host"], h["result"]["score"], h["stale"]) for h in doc["hosts"]] == [("LEDGER-PC", 85, False)]
    assert doc["fleet"]["mean"] == 85 and doc["hosts"][0]["result"]["from"] == str(tmp_path / "b.json")


def test_a_newer_failure_record_shows_the_host_as_unreachable_and_an_older_one_is_superseded(tmp_path):
    write(tmp_path, "web1.json", shared_doc("web1", ago(3)))
    write(tmp_path, "web1.failure.json", failure_doc("web1", at=ago(1)))
    write(tmp_path, "db1.json", shared_doc("db1", ago(1)))
    write(tmp_path, "db1.failure.json", failure_doc("db1", stage="audit", message="exit 3", at=ago(2)))
    write(tmp_path, "new1.failure.json", failure_doc("new1", stage="install", message="no python3"))
    doc, _ = summary(tmp_path)
    hosts = {h["host"]: h for h in doc["hosts"]}
    assert hosts["web1"]["current"] == "failure" and hosts["web1"]["failure"]["stage"] == "unreachable"
    assert hosts["web1"]["result"]["score"] == 50  # the last result, shown beside
    assert hosts["db1"]["current"] == "result" and hosts["db1"]["failure"] is None
    assert hosts["new1"]["current"] == "failure" and hosts["new1"]["result"] is None
    assert doc["fleet"] == {"hosts": 3, "scored": 1, "without_result": 2, "stale": 0, "mean": 50, "grade": "F",
                            "worst": {"host": "db1", "score": 50, "grade": "F"}}  # fmt: skip
    table = fleet(tmp_path).stdout
    assert "unreachable: ssh: connect to host port 22: timed out (last result 50 F, 3 days ago)" in " ".join(
        table.split()
    )
    assert "2 hosts have no current result" in table


def test_a_corrupt_file_is_named_and_skipped_and_the_rest_is_summarised(tmp_path):
    write(tmp_path, "good.json", shared_doc())
    bad = write(tmp_path, "bad.json", '{"kind": "hygiene-result",')
    r = fleet(tmp_path)
    assert r.exit_code == 0
    assert (
        r.stderr
        == f"hygiene: skipped {bad}: line 1 column 27: not valid JSON (Expecting property name enclosed in double quotes)\n"
    )


def test_nothing_readable_exits_2(tmp_path):
    write(tmp_path, "bad.json", "[]")
    r = fleet(tmp_path)
    assert r.exit_code == 2 and r.stdout == ""
    assert "nothing to summarize: no result or failure record could be read from" in r.stderr


def test_fail_under_names_every_host_below_it_and_every_host_without_a_current_result(tmp_path):
    write(tmp_path, "a.json", shared_doc("good-pc", overall=(90, "A")))
    write(tmp_path, "b.json", shared_doc("bad-pc", overall=(55, "F")))
    write(tmp_path, "c.failure.json", failure_doc("gone-pc"))
    r = fleet(tmp_path, "--fail-under", "80")
    assert r.exit_code == 1
    assert r.stderr == "hygiene: 2 of 3 hosts below --fail-under 80: gone-pc (-), bad-pc (55 F)\n"
    assert fleet(tmp_path, "--fail-under", "50").exit_code == 1  # gone-pc cannot show it meets any bar
    (tmp_path / "c.failure.json").unlink()
    assert fleet(tmp_path, "--fail-under", "50").exit_code == 0


def test_a_result_of_a_newer_schema_is_named_and_skipped(tmp_path):
    newer = shared_doc("next-pc")
    newer["schema_version"] = 2
    path = write(tmp_path, "next.json", newer)
    write(tmp_path, "now.json", shared_doc("now-pc"))
    doc, stderr = summary(tmp_path)
    assert [h["host"] for h in doc["hosts"]] == ["now-pc"]
    reason = "written by a newer hygiene (result schema_version 2; this one reads 1): upgrade hygiene"
    assert stderr == f"hygiene: skipped {path}: {reason}\n"
    assert doc["skipped"] == [{"file": path, "reason": reason}]


def test_a_history_database_and_a_folder_are_summarised_together(tmp_path):
    db = tmp_path / "history.sqlite3"
    imported = [
        write(tmp_path, f"old{n}.json", shared_doc("pc-1", ago(10 - n), overall=(30 + n, "F"))) for n in range(3)
    ]
    r = runner.invoke(app, ["history", "import", "--db", str(db), *imported])
    assert r.exit_code == 0, r.stderr
    for path in imported:
        os.unlink(path)
    (tmp_path / "results").mkdir()
    write(tmp_path / "results", "pc-1.json", shared_doc("PC-1", ago(1), overall=(90, "A")))
    write(tmp_path / "results", "pc-2.json", shared_doc("pc-2", ago(1), overall=(75, "C")))
    doc, _ = summary(db, tmp_path / "results")
    assert [(h["host"], h["result"]["score"]) for h in doc["hosts"]] == [("pc-2", 75), ("PC-1", 90)]
    (tmp_path / "results" / "pc-1.json").unlink()
    doc, _ = summary(db, tmp_path / "results")
    pc1 = next(h for h in doc["hosts"] if h["host"] == "pc-1")
    assert pc1["result"]["score"] == 32 and pc1["result"]["from"].startswith(f"{db} (audit ")


def test_many_files_are_read_in_worker_processes_to_the_same_summary(tmp_path):
    for n in range(230):
        write(tmp_path, f"r{n:03d}.json", shared_doc(f"pc-{n % 23:02d}", ago(n % 9), overall=(n % 100, "F")))
    doc, stderr = summary(tmp_path)
    assert stderr == "" and doc["fleet"]["hosts"] == 23
    # the newest of pc-00 is r207 (0 days), of pc-01 r208 (1 day)...
    assert {h["host"]: h["result"]["score"] for h in doc["hosts"]}["pc-00"] == 207 % 100


def test_the_report_is_written_privately_to_a_file(tmp_path):
    write(tmp_path, "a.json", shared_doc())
    out = tmp_path / "fleet.html"
    r = fleet(tmp_path / "a.json", "-o", out)
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == f"hygiene: wrote {out}\n"
    assert out.read_text().startswith("<!DOCTYPE html>") and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_stale_after_says_its_default_and_refuses_a_nonsense_value(tmp_path):
    write(tmp_path, "a.json", shared_doc("pc", ago(3)))
    help_text = " ".join(fleet("--help", env={"COLUMNS": "200"}).stdout.split())
    assert "Mark a result older than DAYS days as stale. Default: 7." in help_text
    assert summary(tmp_path, "--stale-after", "2")[0]["hosts"][0]["stale"] is True
    assert fleet(tmp_path, "--stale-after", "0").exit_code == 2


def test_a_missing_path_is_named_and_the_others_are_read(tmp_path):
    write(tmp_path, "a.json", shared_doc())
    r = fleet(tmp_path / "nowhere", tmp_path / "a.json")
    assert r.exit_code == 0 and r.stderr == f"hygiene: skipped {tmp_path / 'nowhere'}: no such file or folder\n"


def test_an_empty_folder_exits_2(tmp_path):
    r = fleet(tmp_path)
    assert r.exit_code == 2 and r.stderr.startswith("hygiene: error: nothing to summarize")


def test_hostile_names_reach_the_terminal_inert(tmp_path):
    evil = "\x1b]0;owned\x07[bold red]pc[/]"
    write(tmp_path, "a.json", shared_doc(evil))
    bad = write(tmp_path, "\x1b[2Jbad.json", "{")
    r = fleet(tmp_path, "--fail-under", "99")
    assert r.exit_code == 1
    assert "\x1b" not in r.stdout + r.stderr and "\x07" not in r.stdout + r.stderr
    assert "␛]0;owned␇[bold" in r.stdout and "red]pc[/]" in r.stdout  # wrapped in its column, printed as it is
    assert "␛[2Jbad.json" in r.stderr and bad
    assert "␛]0;owned␇[bold red]pc[/] (50 F)" in r.stderr


def test_tab_completes_the_command_and_its_formats():
    from tests.cli.test_completion import tab

    assert tab("hygiene fl") == ["fleet"]
    assert tab("hygiene fleet ") == ["summarize"]
    assert tab("hygiene fleet summarize -f j") == ["json", "junit"]
    assert "--stale-after" in tab("hygiene fleet summarize --st")


def test_results_made_with_redact_are_said_to_count_as_one_host(tmp_path):
    write(tmp_path, "a.json", shared_doc("redacted-host", ago(2)))
    write(tmp_path, "b.json", shared_doc("redacted-host", ago(1)))
    r = fleet(tmp_path)
    assert r.exit_code == 0 and r.stderr == (
        "hygiene: results that were made with --redact all count as one host, 'redacted-host'; summarise results "
        "that name their machines\n"
    )
