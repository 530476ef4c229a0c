"""Password strength: bounded cost, honest verdicts, and no password in any output."""

import json

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.passwords import strength
from hygiene.passwords.strength import (
    MAX_DISTINCT_L33T,
    MAX_SCORED,
    StrengthError,
    duration,
    estimate,
    scored_part,
    verdict,
)

runner = CliRunner()
SECRET = "Zq9-Lahore-Tulip-77"  # a password no output may ever contain
L33T = strength._l33t_chars()


def test_common_and_context_and_length_verdicts():
    weak = estimate("password1")
    assert weak.common and weak.score == 0 and not verdict(weak).with_mfa
    named = estimate("Amina-Accounts-2026", context=["amina", "accounts"])
    assert named.contextual and "a context word (name, company, ...)" in named.weaknesses
    assert not verdict(named).with_mfa and "built from your context words" in verdict(named).reasons
    short = verdict(estimate("vN7#qL2$"))
    assert short.with_mfa and not short.single_factor
    long = verdict(estimate("lantern-orbit-velvet-cactus-harbor"))
    assert long.single_factor and long.summary.startswith("meets 800-63B, even without")


def test_weakness_kinds_name_patterns_never_pieces():
    assert estimate("mju7&nhy6%bgt5").weaknesses == ("a keyboard pattern (qwerty, zxcv)",)
    assert estimate("Kx8!abcdefgh").weaknesses == ("a sequence (abc, 1234)",)
    assert estimate("qwertyuiop1234").weaknesses == ("a common password inside it",)
    assert estimate("").weaknesses == ("it is empty",) and not verdict(estimate("")).with_mfa


def test_only_a_bounded_prefix_is_scored_and_it_says_so():
    hostile = "".join(sorted(L33T)) * 4  # every l33t character: the worst case for zxcvbn
    part = scored_part(hostile, L33T)
    assert len({c for c in part if c in L33T}) <= MAX_DISTINCT_L33T and len(part) <= MAX_SCORED
    s = estimate(hostile)
    assert s.scored_length == len(part) < s.length == len(hostile)
    assert estimate("a" * 200).scored_length == MAX_SCORED
    assert estimate("x" * 100).length == 100  # over zxcvbn's 72-character limit: no exception


def test_zxcvbn_failures_never_carry_the_password(monkeypatch):
    import zxcvbn

    def explode(password, user_inputs=None):
        raise ValueError(f"boom on {password}")

    monkeypatch.setattr(zxcvbn, "zxcvbn", explode)
    with pytest.raises(StrengthError) as exc:
        estimate(SECRET)
    assert SECRET not in str(exc.value) and exc.value.__cause__ is None and exc.value.__suppress_context__


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.2, "instantly"),
        (1, "1 second"),
        (90, "1 minute"),
        (7200, "2 hours"),
        (86400 * 400, "1 year"),
        (1e15, "more than 10,000 years"),
    ],
)
def test_durations(seconds, text):
    assert duration(seconds) == text


# --- the command: no password in argv, output or errors -----------------------------------------


def test_stdin_batch_never_echoes_a_password():
    r = runner.invoke(app, ["password", "check", "--stdin"], input=f"{SECRET}\npassword1\n\n")
    assert r.exit_code == 1  # password1 and the empty line are unacceptable even with MFA
    assert SECRET not in r.output and "password1" not in r.output
    assert "1 " in r.output or "│ 1" in r.output


def test_json_output_names_passwords_by_position_only():
    r = runner.invoke(app, ["password", "check", "--stdin", "-f", "json", "--context", "lahore"], input=f"{SECRET}\r\n")
    assert SECRET not in r.output
    (row,) = json.loads(r.stdout)
    assert row["index"] == 1 and row["example"] is None and row["length"] == len(SECRET)
    assert "a context word (name, company, ...)" in row["weaknesses"]


def test_a_failing_estimator_exits_2_without_the_password(monkeypatch):
    import zxcvbn

    monkeypatch.setattr(
        zxcvbn, "zxcvbn", lambda password, user_inputs=None: (_ for _ in ()).throw(RuntimeError(password))
    )
    r = runner.invoke(app, ["password", "check", "--stdin"], input=SECRET + "\n")
    assert r.exit_code == 2 and SECRET not in r.output and "strength estimator failed" in r.stderr


def test_without_a_terminal_it_refuses_to_prompt():
    r = runner.invoke(app, ["password", "check"], input="")
    assert r.exit_code == 2 and "--stdin" in r.stderr


def test_the_password_is_never_an_argument():
    r = runner.invoke(app, ["password", "check", SECRET])
    assert r.exit_code == 2 and SECRET not in r.stdout


def test_demo_shows_examples_side_by_side_and_exits_0():
    r = runner.invoke(app, ["password", "check", "--demo"])
    assert r.exit_code == 0 and "123456" in r.output and "Tr0ub4dor&3" in r.output
    rows = json.loads(runner.invoke(app, ["password", "check", "--demo", "-f", "json"]).stdout)
    assert rows[7]["example"] == "correct horse battery staple"
    scores = [row["score"] for row in rows]
    assert scores[0] == 0 and scores[-1] == 4 and rows[0]["example"] == "123456"
    assert rows[-1]["nist_800_63b"]["single_factor"] and not rows[0]["nist_800_63b"]["with_mfa"]


def test_demo_examples_are_in_strictly_increasing_order_of_the_headlines_measure():
    """The headline is rated on an offline attack on a fast hash after a breach; --demo's ten
    examples climb that measure strictly, so the table reads from terrible to excellent."""
    from hygiene.passwords.examples import EXAMPLES
    from hygiene.passwords.strength import RATINGS, STRONGEST

    strengths = [estimate(example) for example, _ in EXAMPLES]
    seconds = [s.realistic_seconds for s in strengths]
    assert len(EXAMPLES) == 10 and all(a < b for a, b in zip(seconds, seconds[1:], strict=False))
    order = [label for _, label in RATINGS] + [STRONGEST]
    ranks = [order.index(s.rating) for s in strengths]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == len(order) - 1
    assert all(s.scored_length == s.length for s in strengths)  # every example scored whole


def test_the_headline_never_contradicts_the_crack_time():
    """Tr0ub4dor&3 once read '4/4 very strong' beside 'cracked in seconds offline'."""
    troubadour = estimate("Tr0ub4dor&3")
    assert troubadour.score == 4  # zxcvbn's own score, tuned to slower attacks, still says 4
    assert troubadour.headline == "weak: cracked in 10 seconds"
    r = runner.invoke(app, ["password", "check", "--demo"], env={"COLUMNS": "200"})
    lines = r.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "Tr0ub4dor&3" in line)
    cells = [[cell.strip() for cell in line.split("│")[1:3]] for line in lines[at : at + 3]]
    assert cells == [["Tr0ub4dor&3", "weak"], ["hard to remember, and", "cracked in 10 seconds"], cells[2]]
    assert "4/4" not in r.stdout and "very strong" not in " ".join(lines[at : at + 3])
    said = " ".join(r.stdout.split())
    assert "rated on the realistic threat: an offline attack on a fast hash after a breach" in said
    rows = json.loads(runner.invoke(app, ["password", "check", "--demo", "-f", "json"]).stdout)
    row = next(row for row in rows if row["example"] == "Tr0ub4dor&3")
    assert (row["rating"], row["headline"]) == ("weak", "weak: cracked in 10 seconds")
    assert row["rated_by"].startswith("an offline attack on a fast hash after a breach")
    assert row["crack_times"]["offline, fast hash (10 billion a second)"]["display"] == "10 seconds"


@pytest.mark.parametrize(
    ("seconds", "headline"),
    [
        (0.0, "very weak: cracked instantly"),
        (0.99, "very weak: cracked instantly"),
        (1.0, "weak: cracked in 1 second"),
        (86_399.0, "weak: cracked in 23 hours"),
        (86_400.0, "fair: cracked in 1 day"),
        (31_535_999.0, "fair: cracked in 12 months"),
        (31_536_000.0, "strong: cracked in 1 year"),
        (10_000 * 31_536_000.0 - 1, "strong: cracked in 99 centuries"),
        (10_000 * 31_536_000.0, "very strong: cracked in more than 10,000 years"),
    ],
)
def test_the_rating_bands_follow_the_realistic_crack_time(seconds, headline):
    from dataclasses import replace

    from hygiene.passwords.strength import REALISTIC

    base = estimate("x")
    s = replace(base, crack_seconds={**base.crack_seconds, REALISTIC: seconds})
    assert s.headline == headline and s.headline.startswith(s.rating + ":")


def test_the_rated_password_is_never_shown():
    r = runner.invoke(app, ["password", "check", "--stdin", "-f", "json"], input=f"{SECRET}\n")
    (row,) = json.loads(r.stdout)
    assert SECRET not in r.output and row["headline"].startswith(row["rating"])
    table = runner.invoke(app, ["password", "check", "--stdin"], input=f"{SECRET}\n")
    assert SECRET not in table.output and "Strength after a" in table.stdout


def test_empty_stdin_is_bad_input_not_a_weak_verdict():
    from typer.testing import CliRunner

    from hygiene.cli.app import app

    result = CliRunner().invoke(app, ["password", "check", "--stdin"], input="")
    assert result.exit_code == 2 and "no password on stdin" in result.stderr
