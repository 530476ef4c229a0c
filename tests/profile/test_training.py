"""[attest] training_completed with its score: `{ date = ..., score = ..., out_of = ..., via = ... }`.
The date stays with the other dated statements; the score is Profile.training."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.errors import UserError
from hygiene.profile import NEVER, Training, parse_profile, read_profile
from hygiene.profile.template import Answers, render_profile, training_toml
from tests.helpers import CHECK_IDS

TODAY = date(2026, 12, 2)
LEARNED = '[attest]\ntraining_completed = { date = 2026-12-02, score = 13, out_of = 15, via = "hygiene learn" }\n'


def parse(text):
    return parse_profile(text, Path("p.toml"), TODAY, known_checks=CHECK_IDS)


def mistakes(text):
    with pytest.raises(UserError) as caught:
        parse(text)
    return str(caught.value).splitlines()


def test_the_inline_table_keeps_the_date_with_the_statements_and_adds_the_score():
    p = parse(LEARNED)
    assert p.attest == {"training_completed": date(2026, 12, 2)}
    assert p.training == Training(date(2026, 12, 2), 13, 15, "hygiene learn")


@pytest.mark.parametrize(
    "text",
    [
        "[attest]\ntraining_completed = { date = 2026-11-30, score = 0, out_of = 1 }\n",  # via is optional
        "[attest.training_completed]\ndate = 2026-11-30\nscore = 0\nout_of = 1\n",  # a table, written long
        "[attest]\ntraining_completed.date = 2026-11-30\ntraining_completed.score = 0\ntraining_completed.out_of = 1\n",
        "attest = { training_completed = { date = 2026-11-30, score = 0, out_of = 1 } }\n",
    ],
    ids=["inline", "table", "dotted", "inline-attest"],
)
def test_every_way_toml_writes_a_table_is_read_alike(text):
    p = parse(text)
    assert p.training == Training(date(2026, 11, 30), 0, 1, None)
    assert p.attest == {"training_completed": date(2026, 11, 30)}


@pytest.mark.parametrize(
    ("score", "out_of", "via"),
    [(0, 1, None), (1, 1, "x"), (15, 15, "hygiene learn --quiz"), (0, 1000, "v" * 60), (1000, 1000, "درس")],
)
def test_the_bounds_that_hold(score, out_of, via):
    via_text = "" if via is None else f', via = "{via}"'
    p = parse(f"[attest]\ntraining_completed = {{ date = 2026-12-02, score = {score}, out_of = {out_of}{via_text} }}\n")
    assert p.training == Training(TODAY, score, out_of, via)


def test_a_plain_date_or_never_has_no_score():
    assert parse("[attest]\ntraining_completed = 2026-03-14\n").training is None
    p = parse('[attest]\ntraining_completed = "never"\n')
    assert p.attest == {"training_completed": NEVER} and p.training is None


TABLE = "[attest]\n# the course\ntraining_completed = {{ {} }}\n"


@pytest.mark.parametrize(
    ("inside", "expected"),
    [
        ("date = 2026-12-02, score = 16, out_of = 15", "score must be from 0 to out_of (15), not 16"),
        ("date = 2026-12-02, score = -1, out_of = 15", "score must be from 0 to out_of (15), not -1"),
        ("date = 2026-12-02, score = 0, out_of = 0", "out_of must be from 1 to 1,000, not 0"),
        ("date = 2026-12-02, score = 0, out_of = 1001", "out_of must be from 1 to 1,000, not 1001"),
        ("date = 2026-12-02, score = 1.0, out_of = 2", "score must be a whole number, not the number 1.0"),
        ("date = 2026-12-02, score = true, out_of = 2", "score must be a whole number, not true"),
        ('date = 2026-12-02, score = 1, out_of = "2"', "out_of must be a whole number from 1 to 1,000, not the text"),
        ("date = 2026-12-03, score = 1, out_of = 2", "training_completed is 2026-12-03, in the future"),
        ('date = "2026-12-02", score = 1, out_of = 2', "date must be a date such as 2026-12-02 (no quotes, no time)"),
        ("date = 2026-12-02T09:00:00, score = 1, out_of = 2", "not the date and time 2026-12-02T09:00:00"),
        ('date = "never", score = 1, out_of = 2', "date must be a date such as 2026-12-02"),
        ("score = 1, out_of = 2", "training_completed needs date, e.g. training_completed = { date = 2026-12-02, "),
        ("date = 2026-12-02", "training_completed needs score and out_of, e.g."),
        ("", "training_completed needs date, score and out_of, e.g."),
        ("date = 2026-12-02, score = 1, out_of = 2, by = 3", "unknown key 'by'; expected one of: date, score"),
        ("date = 2026-12-02, score = 1, out_of = 2, scor = 3", "unknown key 'scor'; did you mean 'score'?"),
        ('date = 2026-12-02, score = 1, out_of = 2, via = ""', "via must be 1 to 60 printable characters, not ''"),
        ('date = 2026-12-02, score = 1, out_of = 2, via = "  "', "via must be 1 to 60 printable characters"),
        (f'date = 2026-12-02, score = 1, out_of = 2, via = "{"v" * 61}"', "via must be 1 to 60 printable characters"),
        ('date = 2026-12-02, score = 1, out_of = 2, via = "a\\u001b[2Jb"', r"not 'a\x1b[2Jb'"),
        ('date = 2026-12-02, score = 1, out_of = 2, via = "a\\u202eb"', "via must be 1 to 60 printable characters"),
        ('date = 2026-12-02, score = 1, out_of = 2, via = "a\\nb"', "via must be 1 to 60 printable characters"),
        ("date = 2026-12-02, score = 1, out_of = 2, via = 3", "via must be text, not 3"),
    ],
)
def test_every_mistake_in_the_table_names_the_file_and_line(inside, expected):
    lines = mistakes(TABLE.format(inside))
    assert any(line.startswith("p.toml:3: ") and expected in line for line in lines), lines


def test_a_mistake_in_a_long_table_names_its_own_line():
    lines = mistakes("[attest.training_completed]\ndate = 2026-12-02\nscore = 9\nout_of = 4\n")
    assert lines == ["p.toml:3: score must be from 0 to out_of (4), not 9"]


def test_every_mistake_is_listed_at_once():
    lines = mistakes(TABLE.format('date = 2026-12-09, score = -1, out_of = 0, via = "", x = 1'))
    assert len(lines) == 5 and all(line.startswith("p.toml:3: ") for line in lines)


def test_a_table_is_only_for_training_completed():
    (line,) = mistakes("[attest]\nincident_plan = { date = 2026-12-02 }\n")
    assert line.startswith("p.toml:2: incident_plan needs the day") and line.endswith("; not a table")


def test_the_inline_table_the_writer_makes_is_what_the_reader_takes():
    training = Training(date(2026, 12, 2), 13, 15, 'a "quoted" \\ via')
    assert parse(f"[attest]\ntraining_completed = {training_toml(training)}\n").training == training
    assert training_toml(Training(TODAY, 1, 2, None)) == "{ date = 2026-12-02, score = 1, out_of = 2 }"


def test_the_templates_example_is_valid_once_uncommented():
    text = render_profile(Answers(), TODAY)
    (example,) = [line for line in text.splitlines() if line.startswith("# training_completed = {")]
    p = parse("[attest]\n" + example.removeprefix("# ") + "\n")
    assert p.training == Training(date(2026, 3, 14), 13, 15, "hygiene learn")
    assert "`hygiene learn`" in text


def test_profile_show_and_check_say_the_score(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text(LEARNED.replace("2026-12-02", "2026-11-02"), encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["profile", "show", "--profile", str(path)])
    assert r.exit_code == 0
    assert "Attested: training_completed = 2026-11-02, 13/15 in hygiene learn\n" in r.stdout
    r = runner.invoke(app, ["profile", "check", str(path)])
    assert (r.exit_code, r.stdout) == (0, f"{path}: valid (0 waivers, 1 statement, 0 accounts).\n")


def test_profile_show_says_a_via_with_markup_as_it_is(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text(
        '[attest]\ntraining_completed = { date = 2026-11-02, score = 1, out_of = 2, via = "[red]x[/red]" }\n',
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["profile", "show", "--profile", str(path)])
    assert "training_completed = 2026-11-02, 1/2 in [red]x[/red]\n" in r.stdout


def test_read_profile_reads_it_from_a_file(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text(LEARNED, encoding="utf-8")
    assert read_profile(path, TODAY, known_checks=CHECK_IDS).training.score == 13
