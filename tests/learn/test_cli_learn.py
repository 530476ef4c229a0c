"""`hygiene learn` end to end with answers scripted on standard input: what is shown, what is
recorded (profile and history), and what AWR-001 then says."""

import json
import os
import stat
import tomllib

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.learn.lessons import load_course

runner = CliRunner()
COURSE = load_course("en")


def _answers(course, wrong: int = 0) -> str:
    """One line per question: the right option, except for the first `wrong` questions."""
    lines = []
    for n, q in enumerate(course.questions):
        lines.append(str(q.answer % len(q.options) + 1 if n < wrong else q.answer))
    return "\n".join(lines) + "\n"


@pytest.fixture
def home(tmp_path):
    profile = tmp_path / "hygiene.toml"
    profile.write_text('region = "PK"  # Lahore office\n\n[attest]\nincident_plan = 2026-06-01\n')
    profile.chmod(0o600)
    env = {"HYGIENE_HISTORY": str(tmp_path / "history.sqlite3"), "HYGIENE_PROFILE": str(profile), "COLUMNS": "80"}
    return profile, env


def test_a_scripted_course_is_taught_scored_and_recorded(home):
    profile, env = home
    total = len(COURSE.questions)
    r = runner.invoke(app, ["learn", "--lang", "en"], input=_answers(COURSE, wrong=2), env=env)
    assert r.exit_code == 0, r.stderr
    for n, lesson in enumerate(COURSE.lessons, 1):
        assert f"Lesson {n} of 6" in r.stdout and lesson.title in r.stdout
    assert "Where to report in Pakistan" in r.stdout and "helpline 1799" in r.stdout
    assert f"Done: {total - 2} of {total} right." in r.stdout and "Recorded in" in " ".join(r.stdout.split())
    text = profile.read_text()
    assert "# Lahore office" in text and "incident_plan = 2026-06-01" in text
    recorded = tomllib.loads(text)["attest"]["training_completed"]
    assert (recorded["score"], recorded["out_of"], recorded["via"]) == (total - 2, total, "hygiene learn")
    assert stat.S_IMODE(os.stat(profile).st_mode) == 0o600
    history = json.loads(runner.invoke(app, ["history", "-f", "json"], env=env).stdout)["training"]
    assert [(s["kind"], s["lang"], s["score"], s["out_of"]) for s in history] == [("lessons", "en", total - 2, total)]
    audit = json.loads(
        runner.invoke(app, ["audit", "--only", "AWR-001", "-f", "json", "--no-progress"], env=env).stdout
    )
    finding = audit["findings"][0]
    assert finding["status"] == "PASS" and finding["evidence_kind"] == "attested"  # the person did it, not the machine
    assert finding["evidence"]["score"] == total - 2 and finding["evidence"]["via"] == "hygiene learn"
    assert f"completed in hygiene learn on {recorded['date']}, {total - 2}/{total}" in finding["summary"]


def test_a_low_score_is_recorded_and_warns(home):
    profile, env = home
    r = runner.invoke(app, ["learn", "--lang", "en"], input=_answers(COURSE, wrong=len(COURSE.questions)), env=env)
    assert r.exit_code == 0, r.stderr
    assert "Fewer than 60 % right: AWR-001 will warn until you go through the course again." in " ".join(
        r.stdout.split()
    )
    audit = json.loads(
        runner.invoke(app, ["audit", "--only", "AWR-001", "-f", "json", "--no-progress"], env=env).stdout
    )
    assert audit["findings"][0]["status"] == "WARN" and "go through it again" in audit["findings"][0]["summary"]


def test_urdu_piped_is_urdu_and_records_the_language(home):
    profile, env = home
    urdu = load_course("ur")
    r = runner.invoke(app, ["learn", "--quiz"], input=_answers(urdu), env={**env, "LANG": "ur_PK.UTF-8"})
    assert r.exit_code == 0, r.stderr
    assert urdu.lessons[0].questions[0].prompt.split()[0] in r.stdout and urdu.ui["unreviewed"] in " ".join(
        r.stdout.split()
    )
    history = json.loads(runner.invoke(app, ["history", "-f", "json"], env=env).stdout)["training"]
    assert history[0]["lang"] == "ur" and history[0]["kind"] == "quiz"


def test_a_quiz_goes_in_the_history_but_never_stands_for_the_course_in_the_profile(home):
    profile, env = home
    before = profile.read_text()
    r = runner.invoke(app, ["learn", "--quiz", "--lang", "en"], input=_answers(COURSE), env=env)
    assert r.exit_code == 0, r.stderr
    assert "Your profile records the whole course" in " ".join(r.stdout.split())
    assert profile.read_text() == before
    history = json.loads(runner.invoke(app, ["history", "-f", "json"], env=env).stdout)["training"]
    assert [(s["kind"], s["score"]) for s in history] == [("quiz", len(COURSE.questions))]


@pytest.mark.parametrize("region", ["GB", "uk", "pk"])
def test_region_chooses_the_contacts(home, region):
    r = runner.invoke(app, ["learn", "handout", "--lang", "en", "--region", region], env=home[1])
    assert r.exit_code == 0, r.stderr
    assert ("Report Fraud" if region != "pk" else "NCCIA") in r.stdout


def test_an_unknown_region_is_a_usage_error(home):
    r = runner.invoke(app, ["learn", "--region", "XX"], input="", env=home[1])
    assert r.exit_code == 2 and "not a two-letter country code" in " ".join(r.stderr.split())


def test_options_given_before_handout_are_refused_not_ignored(home):
    r = runner.invoke(app, ["learn", "--lang", "ur", "handout", "-f", "json"], env=home[1])
    assert r.exit_code == 2 and "goes after `handout`" in " ".join(r.stderr.replace("│", " ").split())


def test_the_quiz_sheet_has_no_answers(home):
    page = runner.invoke(app, ["learn", "handout", "--lang", "en", "--no-answers", "-f", "html"], env=home[1]).stdout
    assert COURSE.questions[0].prompt.replace("'", "&#39;") in page
    assert 'class="right"' not in page and COURSE.questions[0].options[0].why.replace("'", "&#39;") not in page
    doc = json.loads(runner.invoke(app, ["learn", "handout", "--no-answers", "-f", "json"], env=home[1]).stdout)
    assert "answer" not in doc["lessons"][0]["questions"][0]


def test_hostile_piped_input_is_not_an_answer_and_never_a_crash(home):
    profile, env = home
    junk = b"\xff\xfe\n" + b"9" * 100_000 + b"\n\x1b[2J\n"
    r = runner.invoke(
        app, ["learn", "--quiz", "--lang", "en", "--no-record"], input=junk + _answers(COURSE).encode(), env=env
    )
    assert r.exit_code == 0, r.stderr
    assert r.stdout.count("Please type one of") == 3 and "\x1b[2J" not in r.stdout
    endless = b"1" * (2 * 1024 * 1024)
    r = runner.invoke(app, ["learn", "--quiz", "--lang", "en", "--no-record"], input=endless, env=env)
    assert r.exit_code == 2 and "longer than 1024 KiB" in r.stderr


def test_no_record_records_nothing(home):
    profile, env = home
    before = profile.read_text()
    r = runner.invoke(app, ["learn", "--quiz", "--no-record", "--lang", "en"], input=_answers(COURSE), env=env)
    assert r.exit_code == 0 and "Nothing was recorded" in r.stdout
    assert profile.read_text() == before and not os.path.exists(env["HYGIENE_HISTORY"])


def test_input_that_ends_early_exits_2_and_records_nothing(home):
    profile, env = home
    before = profile.read_text()
    r = runner.invoke(app, ["learn", "--lang", "en"], input="1\n2\n", env=env)
    assert r.exit_code == 2 and "standard input ended before the last question; nothing was recorded" in r.stderr
    assert profile.read_text() == before and not os.path.exists(env["HYGIENE_HISTORY"])


def test_the_workshop_saves_nothing(home):
    profile, env = home
    before = profile.read_text()
    r = runner.invoke(app, ["learn", "--workshop", "--pause", "0", "--lang", "en"], input="\n" * 200, env=env)
    assert r.exit_code == 0, r.stderr
    assert "Workshop over." in r.stdout and "Nothing was saved." in r.stdout
    assert profile.read_text() == before and not os.path.exists(env["HYGIENE_HISTORY"])


@pytest.mark.parametrize("lang", ["de", "../en", "", "EN-gb"])
def test_a_language_without_lessons_is_a_usage_error(lang, home):
    r = runner.invoke(app, ["learn", "--lang", lang], input="", env=home[1])
    assert r.exit_code == 2 and "hygiene has lessons in en, ur" in " ".join(r.stderr.split())


def test_the_handout_is_written_private_in_its_language(tmp_path, home):
    page = tmp_path / "ur.html"
    r = runner.invoke(app, ["learn", "handout", "--lang", "ur", "-o", str(page)], env=home[1])
    assert r.exit_code == 0, r.stderr
    assert '<html lang="ur" dir="rtl">' in page.read_text() and stat.S_IMODE(os.stat(page).st_mode) == 0o600


@pytest.mark.parametrize("encoding", ["cp1252", "cp1256", "latin-1"])
def test_output_in_a_legacy_encoding_falls_back_and_never_crashes(encoding, home, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, **home[1], "PYTHONIOENCODING": encoding, "PYTHONPATH": str(src)}
    run = subprocess.run(
        [sys.executable, "-m", "hygiene", "learn", "--lang", "ur", "--quiz", "--no-record"],
        input=_answers(load_course("ur")).encode(),
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    assert b"showing English" in run.stderr and b"Done: 13 of 13 right." in run.stdout


def test_a_history_that_fails_after_the_course_still_leaves_the_profile_recorded(home, monkeypatch):
    from hygiene.errors import UserError
    from hygiene.learn import record

    def refuse(result, explicit=None):
        raise UserError("history.sqlite3: the disk is full; nothing was saved")

    monkeypatch.setattr(record, "record_in_history", refuse)
    profile, env = home
    r = runner.invoke(app, ["learn", "--lang", "en"], input=_answers(COURSE), env=env)
    assert r.exit_code == 2 and "the disk is full" in r.stderr
    assert tomllib.loads(profile.read_text())["attest"]["training_completed"]["score"] == len(COURSE.questions)
