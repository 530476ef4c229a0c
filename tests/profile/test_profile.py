import os
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from hygiene.errors import UserError
from hygiene.profile import (
    LOCAL_HINT,
    NEVER,
    NO_PROFILE,
    find_profile,
    key_lines,
    load_profile,
    parse_profile,
    read_profile,
)
from tests.helpers import CHECK_IDS, FIXTURES

TODAY = date(2026, 11, 27)
OFFICE = FIXTURES / "profiles" / "office.toml"


def write(tmp_path, text, name="hygiene.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(tmp_path, text):
    with pytest.raises(UserError) as exc:
        read_profile(write(tmp_path, text), TODAY, known_checks=CHECK_IDS)
    return str(exc.value).splitlines()


def test_a_full_valid_profile():
    p = read_profile(OFFICE, TODAY, known_checks=CHECK_IDS)
    assert (p.region, p.fail_under, p.weights) == ("PK", 70, {"ENC-001": 8})
    assert [(w.check, w.expires.isoformat(), w.line) for w in p.waivers] == [
        ("UPD-004", "2026-12-06", 8),
        ("UPD-003", "2026-10-31", 13),
    ]
    assert p.attest == {
        "training_completed": date(2026, 3, 14),
        "incident_reporting_known": date(2026, 11, 1),
        "incident_plan": date(2025, 6, 30),
        "restore_tested": NEVER,
    }
    assert [(a.service, a.method, a.critical) for a in p.accounts] == [
        ("gmail", "passkey", True),
        ("bank-alfalah", "sms", True),
    ]
    (backup,) = p.backups
    assert backup.repository.startswith("sftp:") and backup.offsite is False and backup.line == 34


def test_an_empty_profile_is_valid(tmp_path):
    p = read_profile(write(tmp_path, "# nothing yet\n"), TODAY, known_checks=CHECK_IDS)
    assert p.path is not None and p.region is None and p.waivers == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('regoin = "PK"\n', ":1: unknown key 'regoin'; did you mean 'region'?"),
        ('region = "UK"\n', ":1: region 'UK' is not an ISO 3166 code; use 'GB'"),
        ('region = "XX"\n', ":1: unknown region 'XX'"),
        ("region = 92\n", ":1: region must be a country code"),
        ("\nfail_under = 170\n", ":2: fail_under must be from 0 to 100, not 170"),
        ("fail_under = true\n", ":1: fail_under must be a whole number"),
        ('[history]\nsave = "yes"\n', ":2: save must be true or false, not"),
        ("[history]\nkeep = 0\n", ":2: keep must be from 1 to 1,000,000, not 0"),
        ("[history]\nkeep = 1.5\n", ":2: keep must be a whole number from 1 to 1,000,000"),
        ("[history]\nsav = true\n", ":2: unknown key 'sav'; did you mean 'save'?"),
        ("history = true\n", ":1: history must be a table (save, keep)"),
        ("[weights]\nENC-01 = 5\n", ":2: unknown check id 'ENC-01'; did you mean 'ENC-001'?"),
        ('[weights]\nENC-001 = "high"\n', ":2: ENC-001 must be a whole number"),
        ("[weights]\nENC-001 = 500\n", ":2: the weight of ENC-001 must be from 0 to 100"),
        ('[[waivers]]\ncheck = "ENC-001"\nreason = "cloud"\n', ":1: a waiver needs 'expires'"),
        ('[[waivers]]\ncheck = "ENC-001"\nreason = " "\nexpires = 2027-01-01\n', ":3: a waiver's reason must say why"),
        ('[[waivers]]\ncheck = "ENC-001"\nreason = "x"\nexpires = "2027-01-01"\n', ":4: expires must be a date"),
        ('[[waivers]]\ncheck = "NOPE-1"\nreason = "x"\nexpires = 2027-01-01\n', ":2: unknown check id 'NOPE-1'"),
        (
            '[[waivers]]\ncheck = "ENC-001"\nreason = "x"\nexpires = 2027-01-01\nowner = "me"\n',
            ":5: unknown key 'owner'",
        ),
        ("waivers = 3\n", ":1: waivers must be written as [[waivers]] tables"),
        ("[attest]\ntraining = 2026-01-01\n", ":2: unknown key 'training'; did you mean 'training_completed'?"),
        ("[attest]\nincident_plan = 2027-01-01\n", ":2: incident_plan is 2027-01-01, in the future"),
        (
            "[attest]\nextended_support = true\n",
            ":2: extended_support needs the day the machine was enrolled in extended support, e.g. "
            'extended_support = 2026-03-14 (no quotes), or "never"',
        ),
        ("[attest]\nextended_support = 2027-01-01\n", ":2: extended_support is 2027-01-01, in the future"),
        (
            '[attest]\nextended_support = "ESU"\n',
            ":2: extended_support needs the day the machine was enrolled in extended support, e.g. "
            "extended_support = 2026-03-14",
        ),
        ("[attest]\ntraining_completed = false\n", ":2: training_completed needs the day security-awareness training"),
        (
            '[attest]\nincident_plan = "last year"\n',
            ":2: incident_plan needs the day a written incident plan was made or reviewed, e.g. incident_plan = "
            "2026-03-14 (no quotes), or \"never\"; not the text 'last year'",
        ),
        ('[[accounts]]\nservice = "gmail"\nmethod = "sms-code"\n', ":3: method 'sms-code' is not known"),
        ('[[accounts]]\nmethod = "sms"\n', ":1: an account needs a service name"),
        ('[[accounts]]\nservice = "x"\nmethod = "sms"\ncritical = "yes"\n', ":4: critical must be true or false"),
        ('[[backups]]\nname = "nas"\n', ":1: a backup needs a path"),
        ('[[backups]]\npath = "/mnt/b"\noffsite = 1\n', ":3: offsite must be true or false"),
    ],
)
def test_every_mistake_names_file_and_line(tmp_path, text, expected):
    lines = errors(tmp_path, text)
    assert any(expected in line for line in lines), lines
    assert all(line.startswith(str(tmp_path / "hygiene.toml") + ":") for line in lines)


def test_all_mistakes_are_reported_at_once(tmp_path):
    lines = errors(tmp_path, 'region = "UK"\nfail_under = -1\n[attest]\nfoo = 2020-01-01\n')
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines] == ["1", "2", "4"]


def test_toml_syntax_errors_give_line_and_column(tmp_path):
    (line,) = errors(tmp_path, 'region = "PK"\nfail_under = \n')
    assert line.endswith("hygiene.toml:2:14: not valid TOML: Invalid value")


def test_oversized_binary_and_missing(tmp_path, monkeypatch):
    import hygiene.profile.parse

    monkeypatch.setattr(hygiene.profile.parse, "MAX_PROFILE_BYTES", 1024)
    with pytest.raises(UserError, match="2,000 bytes is over the 1 KiB limit for a profile"):
        read_profile(write(tmp_path, "#" * 1999 + "\n"), TODAY, known_checks=CHECK_IDS)
    monkeypatch.undo()
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UserError, match="is not UTF-8 text"):
        read_profile(tmp_path / "bin.toml", TODAY, known_checks=CHECK_IDS)
    with pytest.raises(UserError, match="no such profile file"):
        read_profile(tmp_path / "absent.toml", TODAY, known_checks=CHECK_IDS)


def test_key_lines_understands_tables_arrays_and_dotted_keys():
    text = 'region = "PK"\n[attest]\nincident_plan = 2025-01-01\n[[waivers]]\ncheck = "A"\n[[waivers]]\ncheck = "B"\nattest.x = 1\n'
    lines = key_lines(text)
    assert lines[("region",)] == 1 and lines[("attest", "incident_plan")] == 3
    assert lines[("waivers", 0, "check")] == 5 and lines[("waivers", 1, "check")] == 7
    assert lines[("waivers", 1, "attest", "x")] == 8


def test_discovery_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config" / "hygiene.toml"
    monkeypatch.setattr("hygiene.profile.locate.user_config_path", lambda: config)
    assert find_profile(None, env={})[0] is None
    config.parent.mkdir()
    config.write_text("")
    assert find_profile(None, env={}) == (config, "your user config folder")
    local = write(tmp_path, "")
    assert find_profile(None, env={}) == (config, "your user config folder") and local.exists()  # never implicit
    assert find_profile(Path("hygiene.toml"), env={}) == (Path("hygiene.toml"), "--profile")
    named = write(tmp_path, "", "named.toml")
    assert find_profile(None, env={"HYGIENE_PROFILE": str(named)}) == (named, "$HYGIENE_PROFILE")
    explicit = write(tmp_path, "", "explicit.toml")
    assert find_profile(explicit, env={"HYGIENE_PROFILE": str(named)}) == (explicit, "--profile")


def test_a_named_but_missing_profile_is_an_error(tmp_path):
    with pytest.raises(UserError, match="given with --profile"):
        find_profile(tmp_path / "nope.toml", env={})
    with pytest.raises(UserError, match=r"named by \$HYGIENE_PROFILE"):
        find_profile(None, env={"HYGIENE_PROFILE": str(tmp_path / "nope.toml")})


def test_no_profile_is_the_empty_one():
    assert NO_PROFILE.region is None and NO_PROFILE.attest == {} and os.path.exists(OFFICE)


# --- a profile in the current folder is someone else's input --------------------------------

WAIVES_EVERYTHING = '[[waivers]]\ncheck = "UPD-004"\nreason = "trust me"\nexpires = 2026-12-06\n'


def test_a_local_profile_is_used_only_when_named(tmp_path):
    write(tmp_path, WAIVES_EVERYTHING)
    heard = []
    assert load_profile(notify=heard.append, known_checks=CHECK_IDS) is NO_PROFILE
    assert heard == [LOCAL_HINT] == ["./hygiene.toml was not used; pass --profile ./hygiene.toml to use it"]
    path, why = find_profile(None, env={})
    assert path is None and LOCAL_HINT in why
    heard.clear()
    named = load_profile(Path("hygiene.toml"), TODAY, notify=heard.append, known_checks=CHECK_IDS)
    assert [w.check for w in named.waivers] == ["UPD-004"] and heard == []


def test_an_audit_ignores_a_local_profile_and_says_so(tmp_path, monkeypatch):
    import json

    from typer.testing import CliRunner

    from hygiene.cli.app import app
    from tests.shared_result import shared_snapshot_doc

    snap = tmp_path / "snap.json"
    snap.write_text(json.dumps(shared_snapshot_doc()))
    write(tmp_path, WAIVES_EVERYTHING)
    runner = CliRunner()
    r = runner.invoke(app, ["audit", "--snapshot", str(snap), "-f", "json"])
    status = {f["id"]: f["status"] for f in json.loads(r.stdout)["findings"]}
    assert r.exit_code == 0 and status["UPD-004"] != "WAIVED" and LOCAL_HINT in r.stderr
    r = runner.invoke(app, ["audit", "--snapshot", str(snap), "-f", "json", "--profile", "hygiene.toml"])
    status = {f["id"]: f["status"] for f in json.loads(r.stdout)["findings"]}
    assert r.exit_code == 0 and status["UPD-004"] == "WAIVED" and LOCAL_HINT not in r.stderr
    monkeypatch.setenv("HYGIENE_PROFILE", "hygiene.toml")  # named by the variable: used, no hint
    r = runner.invoke(app, ["profile", "show"])
    assert "Profile: hygiene.toml (from $HYGIENE_PROFILE)" in r.stdout and LOCAL_HINT not in r.stderr
    config = tmp_path / "no-config" / "hygiene.toml"  # where conftest points the user config folder
    config.parent.mkdir()
    config.write_text('region = "GB"\n')
    monkeypatch.delenv("HYGIENE_PROFILE")
    r = runner.invoke(app, ["profile", "show"])
    assert "Region: GB" in r.stdout and "(from your user config folder)" in r.stdout and LOCAL_HINT in r.stderr


# --- hostile profiles: exit 2 with file and line, never a traceback, never a stall ------------


def fails_at(tmp_path, text, line, fragment, seconds=5.0):
    """The UserError's first line: `path:line[:column]: ...fragment...`, reached in time."""
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(UserError) as exc:
        read_profile(path, TODAY, known_checks=CHECK_IDS)
    assert time.monotonic() - started < seconds
    message = str(exc.value)
    first = message.splitlines()[0]
    assert first.startswith(f"{path}:{line}:") and fragment in first, first
    assert max(len(line) for line in message.splitlines()) < 1000  # a megabyte of input is never quoted back
    return message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("region = 'PK'\na = " + "[" * 100_000, 2, "nested too deeply"),
        ("region = 'PK'\n\na = " + "[" * 100_000 + "]" * 20_000, 3, "nested too deeply"),
        ("\n[attest]\na = " + "{b=" * 80_000, 3, "nested too deeply"),
        ("region = 'PK'\nfail_under = " + "7" * 5000, 2, "a number longer than 4,300 digits"),
        ("fail_under = 0x" + "F" * 5000, 1, "fail_under must be from 0 to 100, not a number of about 6,021 digits"),
        ("[weights]\nENC-001 = 0x" + "F" * 5000, 2, "must be from 0 to 100, not a number of about"),
        ('[[waivers]]\ncheck = "ENC-001"\nreason = "x"\nexpires = 2027-01-01T00:00:00\n', 4, "not the date and time"),
        ('[[waivers]]\ncheck = "ENC-001"\nreason = "x"\nexpires = 07:30:00\n', 4, "no time), not the time of day"),
        ("[attest]\nincident_plan = 2026-01-01T10:00:00Z\n", 2, "not the date and time 2026-01-01T10:00:00+00:00"),
        ("[attest]\nrestore_tested = 1979-05-27 07:32:00\n", 2, "restore_tested needs the day restoring from a backup"),
        ("region = 2026-01-01\n", 1, 'region must be a country code such as "PK", not the date 2026-01-01'),
        (
            '[[waivers]]\ncheck = "ENC-001"\nreason = 2026-01-01\nexpires = 2027-01-01\n',
            3,
            "text, not the date 2026-01-01",
        ),
        ('[[accounts]]\nservice = "x"\nmethod = 12:00:00\n', 3, "method the time of day 12:00:00 is not known"),
        ("fail_under = inf\n", 1, "not the number inf"),
        ("[weights]\nENC-001 = nan\n", 2, "ENC-001 must be a whole number, not the number nan"),
        ('region = "' + "X" * 250_000 + '"\n', 1, "unknown region 'XXXX"),
        ("x" * 250_000 + " = 1\n", 1, "unknown key 'xxxx"),
        ('[[backups]]\nname = "usb"\npath = "/media/\\u0000usb"\n', 3, "path must not contain control characters"),
        ('[[backups]]\nname = "usb"\nrepository = ""\n', 3, "repository must not be empty"),
    ],
    ids=lambda v: v[:24] if isinstance(v, str) else str(v),
)
def test_hostile_content_is_a_user_error_with_file_and_line(tmp_path, text, line, fragment):
    fails_at(tmp_path, text, line, fragment)


def test_a_datetime_never_reaches_a_waiver():
    """A TOML datetime is a Python date: it would pass an isinstance check and then break the
    comparison with today's date in the middle of an audit."""
    with pytest.raises(UserError, match=":4: expires must be a date"):
        parse_profile(
            '[[waivers]]\ncheck = "ENC-001"\nreason = "x"\nexpires = 2027-01-01 10:00:00\n',
            Path("p"),
            TODAY,
            known_checks=CHECK_IDS,
        )


def test_nul_bytes_and_surrogates_never_reach_a_profile(tmp_path):
    fails_at(tmp_path, 'region = "P\x00K"\n', "1:12", "Illegal character")
    fails_at(tmp_path, 'region = "\\ud800"\n', "1:17", "not a Unicode scalar value")
    # Text that did not come from a file (a demo's JSON) can hold a lone surrogate: refused too.
    with pytest.raises(UserError, match=r"^demo:3: not text: a lone surrogate \(U\+D800\)"):
        parse_profile(
            '[[waivers]]\ncheck = "ENC-001"\nreason = "\ud800"\nexpires = 2026-12-01\n',
            Path("demo"),
            TODAY,
            known_checks=CHECK_IDS,
        )


def test_not_utf8_names_the_line(tmp_path):
    (tmp_path / "bin.toml").write_bytes(b'region = "PK"\n\n# caf\xe9\n')
    with pytest.raises(UserError, match=r"bin\.toml:3: is not UTF-8 text \(byte 20\)"):
        read_profile(tmp_path / "bin.toml", TODAY, known_checks=CHECK_IDS)


def test_a_flood_of_mistakes_is_listed_up_to_a_bound(tmp_path):
    text = "[weights]\n" + "".join(f"NOPE-{i} = 1\n" for i in range(15_000))
    lines = fails_at(tmp_path, text, 2, "unknown check id 'NOPE-0'").splitlines()
    assert len(lines) == 51 and lines[-1].endswith(":52: and 14,950 more mistakes not shown")


def test_a_line_of_brackets_and_spaces_does_not_stall(tmp_path):
    """The old line patterns took minutes (cubic time) on `[` and 10,000 spaces, a line that
    valid TOML can carry inside a multi-line string."""
    started = time.monotonic()
    text = (
        'region = "PK"\n[[waivers]]\ncheck = "ENC-001"\nreason = """\n['
        + " " * 10_000
        + '\n"""\nexpires = 2026-12-01\n'
    )
    assert read_profile(write(tmp_path, text), TODAY, known_checks=CHECK_IDS).waivers[0].line == 2
    for line in ("[" + " " * 10_000, "[[" + " " * 10_000 + "x", "a" + " ." * 10_000, '"a"' + " . " * 10_000 + "="):
        key_lines(line)
    assert time.monotonic() - started < 3


def test_key_lines_steps_over_multiline_strings_and_arrays():
    text = (
        'region = "PK"\nnote = """\n[attest]\nfoo = 1\n"""\n'  # lines inside a string are not keys
        "lit = '''\n[[waivers]]\n'''\n"
        "list = [\n  [1, 2],\n  { a = 1 },\n]\n"
        '[[waivers]]\ncheck = "A"\n"quoted.key" = 1\n'
    )
    lines = key_lines(text)
    assert ("attest",) not in lines and ("foo",) not in lines and ("waivers", 1) not in lines
    assert lines[("waivers", 0)] == 13 and lines[("waivers", 0, "check")] == 14
    assert lines[("waivers", 0, "quoted.key")] == 15 and lines[("list",)] == 9


@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


def test_a_named_pipe_is_refused_without_blocking(fifo):
    done = {}

    def read():
        try:
            read_profile(fifo, TODAY, known_checks=CHECK_IDS)
        except UserError as exc:
            done["error"] = str(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # the old reader waits for a writer: give it one, so the test ends
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
        pytest.fail("reading a named pipe blocked")
    assert done["error"] == f"{fifo}: is a named pipe (FIFO), not a profile file"


def test_a_profile_given_that_is_no_file_says_what_it_is(tmp_path, fifo):
    from typer.testing import CliRunner

    from hygiene.cli.app import app

    (tmp_path / "folder").mkdir()
    for given, what in ((tmp_path / "folder", "is a folder"), (fifo, "is a named pipe (FIFO)")):
        r = CliRunner().invoke(app, ["profile", "show", "--profile", str(given)])
        assert r.exit_code == 2 and f"{given}: {what}, not a profile file" in r.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_profile_check_of_a_device_or_pipe_ends_at_once(fifo):
    """In a child process with little memory: the old reader read /dev/zero until it failed."""
    import subprocess
    import sys

    def small(limit=1 << 30):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    for given, what in (("/dev/zero", "is a character device"), (str(fifo), "is a named pipe (FIFO)")):
        started = time.monotonic()
        r = subprocess.run(
            [sys.executable, "-m", "hygiene", "profile", "check", given],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=small,
        )
        assert (r.returncode, r.stdout) == (2, "") and time.monotonic() - started < 30
        assert r.stderr == f"hygiene: error: {given}: {what}, not a profile file\n"


def test_a_profile_over_the_bound_names_it_in_mib(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (256 * 1024) + b"\n")
    with pytest.raises(UserError, match=r"^.*big\.toml: 262,145 bytes is over the 256 KiB limit for a profile$"):
        read_profile(path, TODAY, known_checks=CHECK_IDS)


# --- the check ids a profile may name come from its caller ------------------------------------

MISSPELT_WAIVER = '[[waivers]]\ncheck = "ENC-01"\nreason = "x"\nexpires = 2027-01-01\n'


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "--only", "ENC-001", "--no-progress"],
        ["snapshot", "--no-progress", "-o", "snap.json"],
        ["profile", "show"],
        ["mfa", "accounts"],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_every_command_checks_the_ids_a_profile_names(tmp_path, command):
    from typer.testing import CliRunner

    from hygiene.cli.app import app

    path = write(tmp_path, MISSPELT_WAIVER, "named.toml")
    r = CliRunner().invoke(app, [*command, "--profile", str(path)])
    assert r.exit_code == 2 and "named.toml:2: unknown check id 'ENC-01'; did you mean 'ENC-001'?" in r.stderr
    r = CliRunner().invoke(app, ["profile", "check", str(path)])
    assert r.exit_code == 2 and "unknown check id 'ENC-01'" in r.stderr


def test_no_known_checks_means_none_is_known():
    with pytest.raises(UserError, match="unknown check id 'ENC-001'"):
        parse_profile(MISSPELT_WAIVER.replace("ENC-01", "ENC-001"), Path("p"), TODAY, known_checks=frozenset())


def test_no_function_in_the_profile_package_runs_past_forty_lines():
    """One validator per section keeps each readable on one screen (issue 12)."""
    import ast

    import hygiene.profile

    folder = Path(hygiene.profile.__file__).parent
    long = [
        f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in sorted(folder.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > 40
    ]
    assert not long, long


def test_the_history_section_saves_and_keeps(tmp_path):
    p = read_profile(write(tmp_path, "[history]\nsave = true\nkeep = 30\n"), TODAY, known_checks=CHECK_IDS)
    assert (p.save, p.keep) == (True, 30)
    assert (NO_PROFILE.save, NO_PROFILE.keep) == (False, None)


def test_the_templates_history_example_is_valid_once_uncommented():
    from hygiene.profile.template import Answers, render_profile

    text = render_profile(Answers(), TODAY)
    block = text[text.index("# [history]") :].split("\n\n")[0]
    uncommented = "\n".join(line.removeprefix("# ") for line in block.splitlines())
    p = parse_profile(uncommented, Path("t.toml"), TODAY, known_checks=CHECK_IDS)
    assert (p.save, p.keep) == (True, 500)


def test_the_templates_extended_support_comment_is_right():
    """It called Ubuntu Pro paid (it is free for personal use) and left out the yearly WARN."""
    from hygiene.profile.template import Answers, render_profile

    text = render_profile(Answers(), TODAY)
    comment = text[text.index("# When this machine was enrolled") : text.index("# extended_support = ")]
    assert "paid extended" not in comment and "free for personal use" in comment
    assert "over a year old" in comment and "until the extension ends" in comment


def test_extended_support_is_a_dated_statement_or_never(tmp_path):
    """UPD-005 reads it: the day the enrolment in paid extended support was made or last confirmed."""
    p = read_profile(write(tmp_path, "[attest]\nextended_support = 2026-10-01\n"), TODAY, known_checks=CHECK_IDS)
    assert p.attest == {"extended_support": date(2026, 10, 1)}
    p = read_profile(write(tmp_path, '[attest]\nextended_support = "never"\n'), TODAY, known_checks=CHECK_IDS)
    assert p.attest == {"extended_support": NEVER}
