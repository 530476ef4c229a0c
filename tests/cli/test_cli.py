import csv
import io
import json
import os
import stat

import pytest
from typer.testing import CliRunner

from hygiene import __version__
from hygiene.cli.app import app
from hygiene.registry import CHECKS
from hygiene.reporters import OutputFormat, render
from tests.shared_result import SHARED_PROFILE_TOML, shared_result, shared_snapshot_doc

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def snap(tmp_path, monkeypatch):
    """The shared recorded machine as a snapshot file."""
    path = tmp_path / "snap.json"
    path.write_text(json.dumps(shared_snapshot_doc()))
    # The same profile as the shared result, as ./hygiene.toml (tests run in tmp_path), named by
    # $HYGIENE_PROFILE: a profile in the current folder is used only when named.
    (tmp_path / "hygiene.toml").write_text(SHARED_PROFILE_TOML)
    monkeypatch.setenv("HYGIENE_PROFILE", "hygiene.toml")
    return path


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.output.strip() == f"hygiene {__version__}"


def test_no_arguments_shows_help():
    r = runner.invoke(app, [])
    assert "audit" in r.output and "snapshot" in r.output


def test_audit_of_a_snapshot_as_json(snap, result_schema):
    import jsonschema

    r = run("audit", "--snapshot", str(snap), "-f", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, result_schema)
    assert doc["source"] == "snapshot" and doc["score"]["overall"] == 50


def test_audit_table_is_the_default(snap):
    r = run("audit", "--snapshot", str(snap), "--no-progress")
    assert r.exit_code == 0 and "Fix these first" in r.stdout and "(replayed from a snapshot)" in r.stdout


@pytest.mark.parametrize(("threshold", "code"), [(50, 0), (51, 1), (0, 0), (100, 1)])
def test_fail_under(snap, threshold, code):
    r = run("audit", "--snapshot", str(snap), "-f", "json", "--fail-under", str(threshold))
    assert r.exit_code == code
    if code:
        assert "score 50 is below --fail-under" in r.stderr


def test_fail_under_with_nothing_decided_fails_closed(snap):
    r = run("audit", "--snapshot", str(snap), "--only", "MFA-004", "--fail-under", "1", "-f", "json")
    assert r.exit_code == 1 and "n/a" in r.stderr and json.loads(r.stdout)["score"]["overall"] is None
    r = run("audit", "--snapshot", str(snap), "--only", "MFA-004", "--fail-under", "1", "--quiet")
    assert r.exit_code == 1 and r.stderr == r.stdout == ""


def test_only_skip_and_category(snap):
    only = json.loads(run("audit", "--snapshot", str(snap), "-f", "json", "--only", "upd-003,UPD-004").stdout)
    assert [f["id"] for f in only["findings"]] == ["UPD-003", "UPD-004"]
    skip = json.loads(run("audit", "--snapshot", str(snap), "-f", "json", "--skip", "ENC-001").stdout)
    assert "ENC-001" not in [f["id"] for f in skip["findings"]]
    cat = json.loads(run("audit", "--snapshot", str(snap), "-f", "json", "--category", "encryption").stdout)
    assert [f["id"] for f in cat["findings"]] == ["ENC-001", "ENC-002", "ENC-003"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "ENC-999"], "unknown check id ENC-999; valid ids:"),
        (["--skip", "nope"], "unknown check id NOPE"),
        (["--category", "firewalls"], "unknown category 'firewalls'; valid categories: passwords, mfa"),
    ],
)
def test_bad_selection_exits_2_with_valid_values(snap, args, message):
    r = run("audit", "--snapshot", str(snap), *args)
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output


def test_unknown_format_exits_2():
    r = run("audit", "-f", "pdf")
    assert r.exit_code == 2 and "table" in r.stderr and "markdown" in r.stderr


def test_bad_snapshot_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1,\n "kind": "hygiene-snapshot",,}')
    r = run("audit", "--snapshot", str(bad))
    assert r.exit_code == 2 and f"{bad}:2:" in r.stderr and "Traceback" not in r.output


def test_output_file_is_private_and_not_clobbered(snap, tmp_path):
    out = tmp_path / "result.json"
    assert run("audit", "--snapshot", str(snap), "-f", "json", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600 and json.loads(out.read_text())["schema_version"] == 1
    r = run("audit", "--snapshot", str(snap), "-o", str(out))
    assert r.exit_code == 2 and "--force" in r.stderr
    assert run("audit", "--snapshot", str(snap), "-f", "markdown", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("# hygiene audit")


def test_report_re_renders_a_saved_result(snap, tmp_path):
    saved = tmp_path / "result.json"
    saved.write_text(run("audit", "--snapshot", str(snap), "-f", "json").stdout)
    for fmt in OutputFormat:
        r = run("report", str(saved), "-f", fmt.value)
        assert r.exit_code == 0
        expected = render(shared_result(), fmt)
        if fmt is OutputFormat.JSON:
            assert json.loads(r.stdout)["findings"] == json.loads(expected)["findings"]
        elif fmt is OutputFormat.JUNIT:  # the same test cases; the time and the source differ
            assert _cases(r.stdout) == _cases(expected)
        elif fmt is OutputFormat.CSV:  # the same rows; the last column says where the result came from
            assert [row[:-1] for row in csv.reader(io.StringIO(r.stdout))] == [
                row[:-1] for row in csv.reader(io.StringIO(expected))
            ]
        else:  # the same report, but for the measured duration and where it came from
            assert r.stdout.split("Fix these first")[1] == expected.split("Fix these first")[1]


def _cases(junit: str) -> list[str]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(junit)  # noqa: S314 - hygiene's own output
    return [ET.tostring(case, encoding="unicode") for case in root.iter("testcase")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"schema_version": 9, "kind": "hygiene-result"}', "schema_version 9 is not supported"),
        ('{"schema_version": 1, "kind": "hygiene-snapshot"}', "not a result"),
        (
            '{"schema_version": 1, "kind": "hygiene-result", "tool": {}}',
            "at the top level: 'source' is a required property",
        ),
    ],
)
def test_report_rejects_bad_results(tmp_path, content, message):
    path = tmp_path / "r.json"
    path.write_text(content)
    r = run("report", str(path))
    assert r.exit_code == 2 and message in r.stderr


def test_report_rejects_a_bad_status_with_its_place(tmp_path, snap):
    doc = json.loads(run("audit", "--snapshot", str(snap), "-f", "json").stdout)
    doc["findings"][1]["status"] = "MAYBE"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc))
    r = run("report", str(path))
    assert r.exit_code == 2 and "at findings[1].status: 'MAYBE' is not one of" in r.stderr


def test_report_missing_file():
    r = run("report", "/nonexistent/result.json")
    assert r.exit_code == 2 and "no such result file" in r.stderr


def test_checks_in_every_format():
    table = run("checks")
    assert table.exit_code == 0 and all(c.meta.id in table.stdout for c in CHECKS)
    listed = json.loads(run("checks", "-f", "json").stdout)
    assert [c["id"] for c in listed] == sorted(c.meta.id for c in CHECKS)
    assert all(c["remediation"] and c["references"] for c in listed)
    md = run("checks", "-f", "markdown").stdout
    assert md.startswith("| ID | Check |") and md.count("\n") == len(CHECKS) + 2


def test_explain_and_its_suggestions():
    r = run("explain", "enc-001")
    assert r.exit_code == 0 and "Why it matters" in r.stdout and "How to fix it on Linux" in r.stdout
    r = run("explain", "ENC-01")
    assert r.exit_code == 2 and "Did you mean ENC-001" in r.stderr


def test_snapshot_command_records_and_redacts(tmp_path):
    out = tmp_path / "machine.json"
    r = run("snapshot", "-o", str(out), "--redact", "--no-progress")
    assert r.exit_code == 0 and stat.S_IMODE(os.stat(out).st_mode) == 0o600
    doc = json.loads(out.read_text())
    assert doc["redacted"] is True and doc["facts"]["hostname"] == "redacted-host"
    assert run("audit", "--snapshot", str(out), "-f", "json").exit_code == 0
    assert run("snapshot", "-o", str(out)).exit_code == 2  # no clobber


def test_quiet_prints_nothing_but_still_writes(snap, tmp_path):
    out = tmp_path / "r.md"
    r = run("audit", "--snapshot", str(snap), "-q", "-f", "markdown", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == "" and out.exists()


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "hygiene", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == f"hygiene {__version__}"


def test_audit_and_snapshot_of_this_machine_open_no_network_connection(monkeypatch, tmp_path):
    import socket

    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError("network use is not allowed in an audit")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    assert run("audit", "-f", "json", "--no-progress").exit_code == 0
    assert run("snapshot", "-o", str(tmp_path / "s.json"), "--no-progress").exit_code == 0
    assert attempts == []


def test_profile_fail_under_applies_and_the_flag_overrides_it(snap, tmp_path):
    (tmp_path / "hygiene.toml").write_text(
        SHARED_PROFILE_TOML.replace('region = "PK"', 'region = "PK"\nfail_under = 70')
    )
    r = run("audit", "--snapshot", str(snap), "-f", "json")
    assert r.exit_code == 1 and "below --fail-under 70" in r.stderr
    assert run("audit", "--snapshot", str(snap), "-q").exit_code == 1
    assert run("audit", "--snapshot", str(snap), "-q", "--fail-under", "50").exit_code == 0


def test_a_bad_profile_stops_the_audit_with_file_and_line(snap, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('region = "PK"\n[[waivers]]\ncheck = "ENC-001"\n')
    r = run("audit", "--snapshot", str(snap), "--profile", str(bad))
    assert r.exit_code == 2 and f"{bad}:2: a waiver needs 'reason'" in r.stderr and "Traceback" not in r.output


def test_profile_show_and_check(snap, tmp_path, monkeypatch):
    r = run("profile", "show")
    assert r.exit_code == 0 and "Profile: hygiene.toml (from $HYGIENE_PROFILE)" in r.stdout and "Region: PK" in r.stdout
    monkeypatch.delenv("HYGIENE_PROFILE")
    r = run("profile", "show")  # ./hygiene.toml is still there, but is used only when named
    assert r.exit_code == 0 and "No profile is in use" in r.stdout and "pass --profile ./hygiene.toml" in r.stdout
    (tmp_path / "hygiene.toml").unlink()
    r = run("profile", "show")
    assert r.exit_code == 0 and "No profile is in use" in r.stdout and "hygiene init" in r.stdout
    good = tmp_path / "good.toml"
    good.write_text(SHARED_PROFILE_TOML)
    r = run("profile", "check", str(good))
    assert r.exit_code == 0 and "valid (0 waivers, 2 statements, 2 accounts)." in r.stdout
    good.write_text('region = "ZZ"\n')
    assert run("profile", "check", str(good)).exit_code == 2
    good.write_text("[attest]\nextended_support = true\n")  # a statement needs its date
    r = run("profile", "check", str(good))
    assert r.exit_code == 2 and f"{good}:2: extended_support needs the day the machine was enrolled" in r.stderr


def test_waived_findings_show_in_reports(snap, tmp_path):
    (tmp_path / "hygiene.toml").write_text(
        SHARED_PROFILE_TOML.replace(
            "[attest]", '[[waivers]]\ncheck = "UPD-004"\nreason = "restart on Sunday"\nexpires = 2026-12-06\n\n[attest]'
        )
    )
    doc = json.loads(run("audit", "--snapshot", str(snap), "-f", "json").stdout)
    waived = next(f for f in doc["findings"] if f["id"] == "UPD-004")
    assert waived["status"] == "WAIVED" and waived["evidence"]["waiver"]["reason"] == "restart on Sunday"
    assert doc["profile"] == {"path": "hygiene.toml", "region": "PK"}


def test_snapshot_with_a_profile_records_declared_backups_for_the_replay(tmp_path):
    import zipfile

    archive = tmp_path / "nightly.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ledger.csv", "invoice,1\n")
    profile = tmp_path / "office.toml"
    profile.write_text(f'[[backups]]\nname = "nightly"\npath = "{archive}"\n')
    snap = tmp_path / "snap.json"
    r = run("snapshot", "--no-progress", "--profile", str(profile), "-o", str(snap))
    assert r.exit_code == 0 and stat.S_IMODE(os.stat(snap).st_mode) == 0o600
    assert json.loads(snap.read_text())["backups"][0]["path"] == str(archive)
    with_profile = run(
        "audit", "--snapshot", str(snap), "--profile", str(profile), "--category", "backups", "-f", "json"
    )
    found = {f["id"]: f for f in json.loads(with_profile.stdout)["findings"]}
    assert found["BAK-001"]["status"] == "PASS" and found["BAK-003"]["status"] == "FAIL"  # a plain ZIP
    # The snapshot carries the declarations: replayed without the profile, it says the same.
    without = run("audit", "--snapshot", str(snap), "--category", "backups", "-f", "json")
    assert without.exit_code == 0 and without.stderr == ""
    assert json.loads(without.stdout)["findings"] == json.loads(with_profile.stdout)["findings"]
    assert json.loads(without.stdout)["profile"]["path"] is None  # the policy is still the replay's own


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_a_password_in_a_declared_repository_reaches_no_report(tmp_path, fmt):
    """The profile's repository URL is the backup's place in the evidence: its password never is
    there, in any format, as the snapshot of the same machine never keeps it."""
    profile = tmp_path / "office.toml"
    profile.write_text(
        '[[backups]]\nname = "office NAS"\nrepository = "rest:https://amina:p@ss-Sup3r@rest.example.pk/ledger"\n'
        "offsite = true\n"
    )
    r = run("audit", "--profile", str(profile), "--category", "backups", "-f", fmt, "--no-progress")
    assert r.exit_code == 0, r.stderr
    assert fmt != "json" or "rest:https://amina@rest.example.pk/ledger" in r.stdout  # the evidence names the place
    assert "Sup3r" not in r.stdout and "p@ss" not in r.stdout


def test_commands_draw_nothing_themselves():
    """Drawing (tables, styled text, progress bars) is the reporters' job; a command parses its
    options and hands the format to one. init's interview is the exception: its prompts ask."""
    import re
    from pathlib import Path

    import hygiene.cli

    drawing = re.compile(r"\b(?:from|import) rich\b|\b(?:Table|Panel|Text)\(|make_console|console_for")
    offenders = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(Path(hygiene.cli.__file__).parent.glob("*.py"))
        if path.name != "init.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if drawing.search(line)
    ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize(
    "args", [("--only", "ENC-001", "--skip", "ENC-001"), ("--category", "backups", "--only", "ENC-001")]
)
def test_a_selection_that_leaves_nothing_is_exit_2_not_an_empty_report(snap, args):
    r = run("audit", "--snapshot", str(snap), "-f", "json", *args)
    assert r.exit_code == 2 and r.stdout == "" and "no check is left to run" in r.stderr


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en_GB.UTF-8", 'Set `region = "GB"` in your profile'),
        ("ur_PK.UTF-8", 'Set `region = "PK"` in your profile'),
        ("C.UTF-8", "Set `region` in your profile to your two-letter ISO country code"),
    ],
)
def test_the_region_hint_reads_the_users_locale(tmp_path, lang, says):
    path = tmp_path / "snap.json"
    path.write_text(json.dumps(shared_snapshot_doc()))  # no profile: no region
    r = runner.invoke(
        app,
        ["audit", "--snapshot", str(path), "--no-progress"],
        env={"LANG": lang, "LC_ALL": None, "LC_MESSAGES": None, "COLUMNS": "300"},
    )
    assert r.exit_code == 0 and says in r.stdout
