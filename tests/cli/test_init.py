import os
import re
import stat
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.profile import NEVER, parse_profile, read_profile
from hygiene.profile.template import Answers, render_profile
from tests.helpers import CHECK_IDS

runner = CliRunner()
TODAY = date(2026, 11, 27)


def test_the_template_is_a_valid_profile_with_everything_commented():
    text = render_profile(Answers(), TODAY)
    p = parse_profile(text, Path("template"), TODAY, known_checks=CHECK_IDS)
    assert p.region is None and p.attest == {} and p.accounts == ()
    for key in ("region", "fail_under", "[[waivers]]", "training_completed", "[[accounts]]", "[[backups]]"):
        assert key in text


def test_answers_render_to_the_same_profile():
    answers = Answers(
        region="PK",
        attest={"training_completed": date(2026, 3, 14), "restore_tested": NEVER, "incident_plan": None},
        accounts=[('Bank "Alfalah"', "sms", True), ("github", "security_key", False)],
    )
    p = parse_profile(render_profile(answers, TODAY), Path("x"), TODAY, known_checks=CHECK_IDS)
    assert p.region == "PK" and p.attest == {"training_completed": date(2026, 3, 14), "restore_tested": NEVER}
    assert [(a.service, a.method, a.critical) for a in p.accounts] == [
        ('Bank "Alfalah"', "sms", True),
        ("github", "security_key", False),
    ]


def test_the_wizard_asks_and_writes_a_private_valid_profile(tmp_path):
    path = tmp_path / "hygiene.toml"
    answers = "uk\n2027-01-01\n2026-03-14\ny\nn\nsftp:backup@nas.example.pk:/restic\nnever\n\ny\ngmail\npasskey\ny\n\n"
    r = runner.invoke(app, ["init", "-o", str(path)], input=answers)
    assert r.exit_code == 0, r.output
    assert "That date is in the future" in r.output and "NCCIA" not in r.output and "Report Fraud" in r.output
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    p = read_profile(path, known_checks=CHECK_IDS)
    assert p.region == "GB" and p.attest["training_completed"] == date(2026, 3, 14)
    assert p.attest["restore_tested"] == NEVER and "incident_plan" not in p.attest
    assert p.attest["incident_reporting_known"] == date.today() and p.accounts[0].method == "passkey"
    assert "Google (Gmail, YouTube, Drive) offers: sms, app, push, passkey, security_key" in r.output
    (backup,) = p.backups
    assert backup.repository == "sftp:backup@nas.example.pk:/restic" and backup.path is None and not backup.offsite


def test_never_overwrites_without_asking(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text("# mine\n")
    r = runner.invoke(app, ["init", "-o", str(path)], input="n\n")
    assert r.exit_code == 0 and "Nothing written" in r.output and path.read_text() == "# mine\n"
    r = runner.invoke(app, ["init", "-o", str(path), "--defaults"])
    assert r.exit_code == 2 and "--force" in r.stderr and path.read_text() == "# mine\n"
    r = runner.invoke(app, ["init", "-o", str(path), "--defaults", "--force"])
    assert r.exit_code == 0 and path.read_text().startswith("# hygiene profile")


def test_defaults_go_to_the_user_config_folder(tmp_path):
    r = runner.invoke(app, ["init", "--defaults"])
    config = tmp_path / "no-config" / "hygiene.toml"  # where the test fixture points the config folder
    said = " ".join(r.stdout.split())  # the message is wrapped to the terminal's width
    assert r.exit_code == 0 and config.exists() and str(config) in said
    assert "Run `hygiene audit` to use it" in said and not (tmp_path / "hygiene.toml").exists()


def test_a_declared_backup_path_is_written_as_a_path():
    text = render_profile(Answers(backups=[("my backup", "D:\\Backups", True)]), date(2026, 11, 27))
    p = parse_profile(text, Path("p.toml"), known_checks=frozenset())
    assert p.backups[0].path == "D:\\Backups" and p.backups[0].offsite


def test_control_characters_in_answers_are_escaped_not_written_raw():
    """TOML forbids raw control characters: the old writer produced a profile it then refused."""
    service = "bank\x1b[31m\x00\x7f"
    text = render_profile(Answers(accounts=[(service, "sms", True)]), TODAY)
    assert "\x1b" not in text and "\x00" not in text
    (account,) = parse_profile(text, Path("x"), TODAY, known_checks=CHECK_IDS).accounts
    assert account.service == service


def test_a_profile_written_elsewhere_says_it_must_be_named(tmp_path):
    r = runner.invoke(app, ["init", "--defaults", "-o", "hygiene.toml"])  # the current folder (tmp_path)
    assert r.exit_code == 0 and (tmp_path / "hygiene.toml").exists()
    assert "Run `hygiene audit` to use it" not in r.stdout
    assert "An audit uses it only when named: `hygiene audit --profile hygiene.toml`" in r.stdout


def test_the_region_offered_comes_from_the_locale(tmp_path):
    """Enter takes the locale's country; the template's example is that country, not always PK."""
    path = tmp_path / "hygiene.toml"
    env = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
    r = runner.invoke(app, ["init", "-o", str(path)], input="\n" * 30, env=env)
    assert r.exit_code == 0, r.output
    assert "(GB)" in r.output
    assert read_profile(path, known_checks=CHECK_IDS).region == "GB"
    defaults = tmp_path / "defaults.toml"
    r = runner.invoke(app, ["init", "--defaults", "-o", str(defaults)], env={**env, "LANG": "de_DE.UTF-8"})
    assert r.exit_code == 0 and '# region = "DE"' in defaults.read_text()


def test_replacing_a_profile_keeps_the_score_hygiene_learn_recorded(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text(
        '[attest]\ntraining_completed = { date = 2026-11-20, score = 11, out_of = 13, via = "hygiene learn" }\n'
    )
    r = runner.invoke(app, ["init", "-o", str(path), "--force", "--defaults"])
    assert r.exit_code == 0, r.stderr
    kept = read_profile(path, date(2026, 12, 2), known_checks=CHECK_IDS).training
    assert (kept.day, kept.score, kept.out_of, kept.via) == (date(2026, 11, 20), 11, 13, "hygiene learn")
    # asked, Enter keeps it; a different date replaces it
    answers = "\n" * 40
    r = runner.invoke(app, ["init", "-o", str(path), "--force"], input=answers)
    assert r.exit_code == 0, r.stderr
    assert "Enter keeps 2026-11-20, 11/13 in hygiene learn" in " ".join(r.stdout.split())
    assert read_profile(path, date(2026, 12, 2), known_checks=CHECK_IDS).training.score == 11
    r = runner.invoke(app, ["init", "-o", str(path), "--force"], input="\n2026-12-01\n" + "\n" * 40)
    p = read_profile(path, date(2026, 12, 2), known_checks=CHECK_IDS)
    assert p.attest["training_completed"] == date(2026, 12, 1) and p.training is None


def _replace_asking(path, via):
    """`hygiene init` replacing a profile whose training came with this `via`, in colour: its
    output, and that output as read (no colour, lines joined)."""
    path.write_text(f"[attest]\ntraining_completed = {{ date = 2026-11-20, score = 11, out_of = 13, via = {via!r} }}\n")
    r = runner.invoke(app, ["--color", "init", "-o", str(path), "--force"], input="\n" * 40)
    return r, " ".join(re.sub(r"\x1b\[[0-9;]*m", "", r.stdout).split())


def test_the_kept_training_via_is_shown_as_text_not_read_as_markup(tmp_path):
    """`via` is the profile's text: a closing tag in it crashed Rich (exit 3)."""
    r, read = _replace_asking(tmp_path / "hygiene.toml", "x[/bold]y")
    assert r.exit_code == 0, r.output
    assert "(Enter keeps 2026-11-20, 11/13 in x[/bold]y)" in read


def test_the_kept_training_via_cannot_inject_styles_or_a_hyperlink(tmp_path):
    via = "[/dim][blink red]X[/][link=https://e.example]c[/link][dim]"
    r, read = _replace_asking(tmp_path / "hygiene.toml", via)
    assert r.exit_code == 0, r.output
    assert f"11/13 in {via})" in read  # every bracket shown, dimmed with the rest
    assert "\x1b]8;" not in r.stdout  # no hyperlink
    assert not re.search(r"\x1b\[[0-9;]*\b(5|31)\b[0-9;]*m", r.stdout)  # no blink, no red
