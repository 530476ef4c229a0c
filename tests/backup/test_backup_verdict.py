"""What `hygiene backup verify` prints, word for word: how it shows ages, sizes, file counts and
encryption, why it cannot vouch for a backup, and its JSON. Mutation testing found these
unasserted: a changed unit or field name passed every test."""

import json
from datetime import datetime, timedelta

import pytest

from hygiene.backup.identify import FACT, GUESS, Artifact
from hygiene.backup.verdict import judge, parse_max_age, render_verdict
from hygiene.errors import UserError
from hygiene.reporters import OutputFormat
from tests.helpers import CLOCK


def render_text(v):
    return render_verdict(v, OutputFormat.TABLE)


def render_json(v):
    return render_verdict(v, OutputFormat.JSON)


NOW = datetime.fromisoformat(CLOCK)


def artifact(**kwargs):
    base = {"path": "/media/usb/nightly.age", "kind": "age-encrypted file", "encrypted": True, "certainty": FACT,
            "newest": NOW - timedelta(days=1), "size": 512}  # fmt: skip
    return Artifact(**{**base, **kwargs})


def test_a_refused_max_age_is_quoted_up_to_forty_characters():
    with pytest.raises(UserError, match=r"^--max-age '7 days': use a number"):
        parse_max_age("7 days")
    forty = "x" * 40
    with pytest.raises(UserError) as refused:
        parse_max_age(forty)
    assert str(refused.value).startswith(f"--max-age '{forty}': ")
    with pytest.raises(UserError) as refused:
        parse_max_age(forty + "y")
    assert str(refused.value).startswith(f"--max-age '{forty}...': ")


@pytest.mark.parametrize(
    ("age", "shown"),
    [
        (timedelta(0), "less than a minute"),
        (timedelta(minutes=-5), "less than a minute"),  # a clock behind the backup's
        (timedelta(minutes=1), "1 minute"),  # one, not "1 minutes"
        (timedelta(minutes=59), "59 minutes"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(minutes=119), "1 hour"),  # whole units, rounded down
        (timedelta(hours=47), "47 hours"),
        (timedelta(hours=48), "2 days"),
        (timedelta(hours=71), "2 days"),
        (timedelta(days=30), "30 days"),
    ],
)
def test_ages_are_shown_in_minutes_under_an_hour_and_in_hours_under_two_days(age, shown):
    v = judge(artifact(newest=NOW - age), NOW, timedelta(days=7))
    assert f"  Newest:     {NOW - age:%Y-%m-%d %H:%M} UTC ({shown} ago)\n" in render_text(v)


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (999, "999 bytes"),
        (1000, "1.0 KB"),
        (1234, "1.2 KB"),
        (999_000, "999.0 KB"),
        (10**6, "1.0 MB"),
        (10**9, "1.0 GB"),
        (10**12, "1.0 TB"),
        (10**15, "1000.0 TB"),
    ],  # fmt: skip
)
def test_sizes_step_up_every_thousand_and_stop_at_terabytes(size, shown):
    assert f"  Size:       {shown}\n" in render_text(judge(artifact(size=size), NOW, timedelta(days=7)))


@pytest.mark.parametrize(("files", "suffix"), [(0, " in 0 files"), (1, ""), (2, " in 2 files")])
def test_one_file_is_not_counted(files, suffix):
    assert f"  Size:       512 bytes{suffix}\n" in render_text(judge(artifact(files=files), NOW, timedelta(days=7)))


@pytest.mark.parametrize(
    ("facts", "shown"),
    [
        ({"encrypted": None, "certainty": "", "detail": "odd"}, "cannot tell"),
        ({"encrypted": False, "detail": ""}, "no (a fact of the format)"),
        ({"encrypted": True, "certainty": GUESS}, "cannot prove it (the bytes look random)"),
        ({"encrypted": True, "weak": True, "detail": "ZipCrypto"}, "yes, WEAK (a fact of the format): ZipCrypto"),
    ],
)
def test_what_verify_says_about_encryption(facts, shown):
    assert f"  Encrypted:  {shown}\n" in render_text(judge(artifact(**facts), NOW, timedelta(days=7)))


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        ({"encrypted": None, "certainty": "", "detail": ""}, "could not tell whether it is encrypted (unknown format)"),
        ({"encrypted": None, "certainty": "", "detail": "damaged"}, "could not tell whether it is encrypted (damaged)"),
        (
            {"encrypted": True, "certainty": GUESS},
            "it only looks encrypted (random-looking bytes); hygiene cannot prove it",
        ),
    ],
)
def test_why_verify_cannot_vouch_for_the_encryption(facts, reason):
    assert judge(artifact(**facts), NOW, timedelta(days=7)).reasons == (reason,)


def test_verify_text_in_full_with_names_kept_on_their_line():
    good = judge(artifact(path="/media/usb/a\nb", notes=("two\rlines",)), NOW, timedelta(days=7))
    assert render_text(good) == (
        "/media/usb/a\u2424b\n"
        "  What:       age-encrypted file\n"
        "  Encrypted:  yes (a fact of the format)\n"
        "  Newest:     2026-11-26 09:00 UTC (24 hours ago)\n"
        "  Size:       512 bytes\n"
        "  Note:       two\u240dlines\n"
        "Verdict: encrypted and recent.\n"
    )
    empty = judge(artifact(encrypted=False, newest=None, kind="tar\narchive"), NOW, timedelta(days=7))
    assert render_text(empty).endswith(
        "  What:       tar\u2424archive\n"
        "  Encrypted:  no (a fact of the format)\n"
        "  Newest:     none found\n"
        "  Size:       512 bytes\n"
        "Verdict: not good enough: it is not encrypted: anyone who gets a copy can read it; it holds no\n"
        "         backup to date.\n"  # wrapped at 100 columns, under the start of the verdict
    )


def test_verify_json_in_full():
    v = judge(artifact(newest=NOW - timedelta(minutes=90), notes=("n",), weak=True), NOW, timedelta(hours=1))
    assert json.loads(render_json(v)) == {
        "path": "/media/usb/nightly.age",
        "kind": "age-encrypted file",
        "encrypted": True,
        "certainty": FACT,
        "weak": True,
        "detail": "",
        "newest": (NOW - timedelta(minutes=90)).isoformat(),
        "age_hours": 1.5,
        "size_bytes": 512,
        "files": 1,
        "notes": ["n"],
        "empty": None,
        "older": [],
        "dated_by": None,
        "ok": False,
        "reasons": ["its encryption is a broken legacy scheme", "the newest backup is more than 1 hour old"],
    }
    unknown = json.loads(render_json(judge(artifact(certainty="", newest=None), NOW, timedelta(days=1))))
    assert (unknown["certainty"], unknown["newest"], unknown["age_hours"]) == (None, None, None)
    recent = judge(artifact(newest=NOW - timedelta(seconds=200)), NOW, timedelta(days=1))
    assert json.loads(render_json(recent))["age_hours"] == 0.1  # 0.0556 hours, to one decimal
