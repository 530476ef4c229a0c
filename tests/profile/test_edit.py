"""profile.edit.set_training on every shape a valid profile can take: the result is still a valid
profile with the new training, tomllib reads every other key the same, and every comment is
still there. Profiles are generated in every TOML form [attest] and training_completed can be
written in ([attest], dotted keys, inline tables, a sub-table before or after its parent), with
comments, blank lines, CRLF, and strings that look like tables or comments."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hygiene.profile import Training, parse_profile
from hygiene.profile.edit import CannotEdit, set_training
from hygiene.profile.template import Answers, render_profile
from tests.helpers import CHECK_IDS, FIXTURES, fuzz_settings
from tests.shared_result import SHARED_PROFILE_TOML

TODAY = date(2026, 12, 2)
FUZZ = fuzz_settings(300)
KEY = "training_completed"

TRICKY = [
    "plain",
    "has # a hash",
    'a "quoted" word',
    "back\\\\slash",
    "[attest]",
    "training_completed = 2020-01-01",
    "} { ] [",
    "اردو میں",
    "tab\\there",
]
STATEMENTS = ("incident_reporting_known", "incident_plan", "restore_tested", "offsite_copy", "password_manager")


class Writer:
    """Lines of a profile, with a numbered comment here and there and blank lines between."""

    def __init__(self, draw) -> None:
        self.draw, self.lines, self.markers = draw, [], []

    def comment(self) -> str:
        marker = f"note-{len(self.markers)}-#"
        self.markers.append(marker)
        return f"# {marker} [attest] training_completed = 1"

    def line(self, text: str) -> None:
        if self.draw(st.integers(0, 3)) == 0:
            self.lines.append(self.comment())
        if self.draw(st.integers(0, 4)) == 0:
            self.lines.append("")
        trailing = self.draw(st.integers(0, 3)) == 0
        self.lines.append(f"{text}  {self.comment()}" if trailing else text)


def string(draw) -> str:
    text = draw(st.sampled_from(TRICKY))
    form = draw(st.sampled_from(["basic", "literal", "multi"]))
    if form == "literal" and "'" not in text and "\\" not in text:
        return f"'{text}'"
    if form == "multi":
        return '"""\n[attest]\n' + text.replace('"', '\\"') + '\n# not a comment\n"""'
    return '"' + text.replace('"', '\\"') + '"'


def day(draw) -> str:
    return (TODAY - timedelta(days=draw(st.integers(0, 900)))).isoformat()


def statement(draw) -> str:
    return day(draw) if draw(st.booleans()) else '"never"'


def training_value(draw) -> str:
    out_of = draw(st.integers(1, 1000))
    via = draw(st.sampled_from(["", ', via = "hygiene learn"', ", via = 'a # b'"]))
    return f"{{ date = {day(draw)}, score = {draw(st.integers(0, out_of))}, out_of = {out_of}{via} }}"


@st.composite
def profiles(draw) -> tuple[str, list[str]]:
    """A valid profile and the comment markers in it."""
    w = Writer(draw)
    attest_form = draw(st.sampled_from(["none", "table", "inline", "dotted"]))
    training_form = draw(st.sampled_from(["none", "date", "never", "inline", "subtable", "dotted"]))
    if attest_form in ("inline", "none") and training_form == "dotted":
        training_form = "inline"
    statements = {key: statement(draw) for key in draw(st.lists(st.sampled_from(STATEMENTS), unique=True))}
    spelt = draw(st.sampled_from([KEY, f'"{KEY}"', f"'{KEY}'"]))  # a key may be quoted
    if training_form in ("date", "never", "inline"):
        statements[spelt] = {"date": day(draw), "never": '"never"', "inline": training_value(draw)}[training_form]
    if attest_form == "none" and statements:
        attest_form = "table"
    if draw(st.booleans()):
        w.line('region = "PK"')
    if draw(st.booleans()):
        w.line(f"fail_under = {draw(st.integers(0, 100))}")
    if attest_form == "dotted":
        for key, value in statements.items():
            w.line(f"attest.{key} = {value}")
    if attest_form == "inline":
        w.line("attest = { " + ", ".join(f"{k} = {v}" for k, v in statements.items()) + " }")
    blocks = []
    if attest_form == "table":
        header = draw(st.sampled_from(["[attest]", "[ attest ]", '["attest"]', "[attest]\t"]))
        block = [header, *(f"{k} = {v}" for k, v in statements.items())]
        if training_form == "dotted":
            out_of = draw(st.integers(1, 50))
            block += [f"{KEY}.date = {day(draw)}", f"{KEY}.score = {out_of}", f"{KEY}.out_of = {out_of}"]
        blocks.append(block)
    if training_form == "subtable" and attest_form != "inline":
        out_of = draw(st.integers(1, 50))
        header = draw(st.sampled_from([f"[attest.{KEY}]", f'[ attest . "{KEY}" ]']))
        blocks.append([header, f"date = {day(draw)}", "score = 0", f"out_of = {out_of}"])
    if draw(st.booleans()):
        blocks.append(["[history]", "save = true", f"keep = {draw(st.integers(1, 900))}"])
    if draw(st.booleans()):
        blocks.append(["[weights]", f'"ENC-001" = {draw(st.integers(0, 100))}'])
    for _ in range(draw(st.integers(0, 2))):
        blocks.append(["[[waivers]]", 'check = "UPD-004"', f"reason = {string(draw)}", "expires = 2027-06-30"])
    for _ in range(draw(st.integers(0, 2))):
        blocks.append(["[[accounts]]", f"service = {string(draw)}", 'method = "sms"'])
    for block in draw(st.permutations(blocks)):
        for text in block:
            w.line(text)
    if draw(st.booleans()):
        w.lines.append(w.comment())
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    text = eol.join(w.lines) + (eol if draw(st.booleans()) else "")
    return text, w.markers


@st.composite
def trainings(draw) -> Training:
    out_of = draw(st.integers(1, 1000))
    via = draw(
        st.none()
        | st.sampled_from(["hygiene learn", "hygiene learn --quiz"])
        | st.text(st.characters(blacklist_categories=("C", "Z")) | st.just(" "), min_size=1, max_size=60).filter(
            lambda v: v.strip() and v.isprintable()
        )
    )
    return Training(TODAY - timedelta(days=draw(st.integers(0, 400))), draw(st.integers(0, out_of)), out_of, via)


def valid(text: str):
    return parse_profile(text, Path("p.toml"), TODAY, known_checks=CHECK_IDS)


def others(text: str) -> dict:
    """What tomllib reads, training_completed and an [attest] left empty without it aside."""
    data = tomllib.loads(text)
    attest = {k: v for k, v in data.pop("attest", {}).items() if k != KEY}
    return {**data, "attest": attest} if attest else data


def assert_kept(before: str, after: str, markers: list[str], training: Training) -> None:
    profile = valid(after)
    assert profile.training == training and profile.attest[KEY] == training.day
    assert others(after) == others(before)
    for marker in markers:
        assert after.count(marker) == before.count(marker) == 1, marker
    if "\r\n" in before and "\n" not in before.replace("\r\n", ""):
        assert "\n" not in after.replace("\r\n", "")  # a CRLF file stays CRLF


@FUZZ
@given(profiles(), trainings(), trainings())
def test_fuzz_setting_the_training_keeps_every_other_value_and_every_comment(profile, first, second):
    text, markers = profile
    valid(text)  # the generator makes valid profiles only
    once = set_training(text, first)
    assert_kept(text, once, markers, first)
    try:
        twice = set_training(once, second)  # recorded again: the table is updated in place
    except CannotEdit:
        # The one refusal: a via to take out of a training_completed written as dotted keys
        # apart from each other (tomlkit fails to delete from those). Nothing is written then.
        assert second.via is None and f"{KEY}.via" in once, once
        return
    assert_kept(text, twice, markers, second)


SEEDS = [
    render_profile(Answers(), TODAY),
    render_profile(Answers(region="PK", attest={KEY: date(2026, 3, 14), "restore_tested": "never"}), TODAY),
    SHARED_PROFILE_TOML,
    *(path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "profiles").glob("*.toml"))),
]


@pytest.mark.parametrize(
    "text",
    SEEDS,
    ids=["template", "answered", "shared", *(p.stem for p in sorted((FIXTURES / "profiles").glob("*.toml")))],
)
def test_the_profiles_hygiene_writes_and_ships_are_edited_in_place(text):
    training = Training(TODAY, 13, 15, "hygiene learn")
    edited = set_training(text, training)
    assert valid(edited).training == training and others(edited) == others(text)
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in edited.splitlines() if line.lstrip().startswith("#")] == comments
    assert len(edited.splitlines()) == len(text.splitlines()) + (0 if f"\n{KEY} = " in text else 1)


def test_the_new_line_goes_first_in_attest_not_below_the_comments_that_close_it():
    text = render_profile(Answers(), TODAY)
    edited = set_training(text, Training(TODAY, 13, 15, "hygiene learn"))
    assert (
        '\n[attest]\ntraining_completed = { date = 2026-12-02, score = 13, out_of = 15, via = "hygiene learn" }\n'
        in edited
    )


def test_a_date_is_replaced_where_it_stands_with_its_comment():
    edited = set_training(
        "[attest]\ntraining_completed = 2026-03-14  # from HR\nincident_plan = 2026-01-01\n",
        Training(TODAY, 1, 2, None),
    )
    assert (
        edited
        == "[attest]\ntraining_completed = { date = 2026-12-02, score = 1, out_of = 2 }  # from HR\nincident_plan = 2026-01-01\n"
    )


def test_a_table_written_long_stays_long_and_loses_a_via_no_longer_said():
    text = '[attest.training_completed]  # the course\ndate = 2026-01-01  # that day\nscore = 3\nout_of = 5\nvia = "class"\n'
    assert set_training(text, Training(TODAY, 1, 2, None)) == (
        "[attest.training_completed]  # the course\ndate = 2026-12-02  # that day\nscore = 1\nout_of = 2\n"
    )


def test_no_attest_yet_adds_one_at_the_end():
    assert set_training('region = "PK"\n', Training(TODAY, 1, 2, "x")) == (
        'region = "PK"\n\n[attest]\ntraining_completed = { date = 2026-12-02, score = 1, out_of = 2, via = "x" }\n'
    )


def test_what_tomlkit_cannot_set_is_refused():
    with pytest.raises(CannotEdit):
        set_training("attest = 3\n", Training(TODAY, 1, 2, None))  # not a profile: never asked to


def test_dotted_keys_apart_get_their_values_set_in_place_and_keep_their_comments():
    text = (
        "[attest]\ntraining_completed.date = 2026-01-01  # d\n# between\ntraining_completed.score = 1  # s\n"
        "training_completed.out_of = 2\n"
    )
    edited = set_training(text, Training(TODAY, 0, 3, "v"))
    assert valid(edited).training == Training(TODAY, 0, 3, "v")
    assert all(comment in edited for comment in ("# d", "# between", "# s"))
