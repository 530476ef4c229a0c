import os
from datetime import date
from pathlib import Path

import pytest

from hygiene.errors import UserError
from hygiene.profile import NEVER, NO_PROFILE, find_profile, key_lines, read_profile
from tests.helpers import FIXTURES

TODAY = date(2026, 11, 27)
OFFICE = FIXTURES / "profiles" / "office.toml"


def write(tmp_path, text, name="hygiene.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(tmp_path, text):
    with pytest.raises(UserError) as exc:
        read_profile(write(tmp_path, text), TODAY)
    return str(exc.value).splitlines()


def test_a_full_valid_profile():
    p = read_profile(OFFICE, TODAY)
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
    p = read_profile(write(tmp_path, "# nothing yet\n"), TODAY)
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
            '[attest]\nincident_plan = "last year"\n',
            ':2: incident_plan must be a date such as 2026-03-14 (no quotes), or "never"',
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
    import hygiene.profile

    monkeypatch.setattr(hygiene.profile, "MAX_PROFILE_BYTES", 1024)
    with pytest.raises(UserError, match="2,000 bytes is over the 1 KiB limit for a profile"):
        read_profile(write(tmp_path, "#" * 1999 + "\n"), TODAY)
    monkeypatch.undo()
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UserError, match="is not UTF-8 text"):
        read_profile(tmp_path / "bin.toml", TODAY)
    with pytest.raises(UserError, match="no such profile file"):
        read_profile(tmp_path / "absent.toml", TODAY)


def test_key_lines_understands_tables_arrays_and_dotted_keys():
    text = 'region = "PK"\n[attest]\nincident_plan = 2025-01-01\n[[waivers]]\ncheck = "A"\n[[waivers]]\ncheck = "B"\nattest.x = 1\n'
    lines = key_lines(text)
    assert lines[("region",)] == 1 and lines[("attest", "incident_plan")] == 3
    assert lines[("waivers", 0, "check")] == 5 and lines[("waivers", 1, "check")] == 7
    assert lines[("waivers", 1, "attest", "x")] == 8


def test_discovery_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config" / "hygiene.toml"
    monkeypatch.setattr("hygiene.profile.user_config_path", lambda: config)
    assert find_profile(None, env={})[0] is None
    config.parent.mkdir()
    config.write_text("")
    assert find_profile(None, env={}) == (config, "your user config folder")
    local = write(tmp_path, "")
    assert find_profile(None, env={})[0] == Path("hygiene.toml") and local.exists()
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
