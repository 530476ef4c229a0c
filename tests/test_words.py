"""Words: counts agree with their nouns, ages are whole days, and no sentence that hygiene
prints says "1 entries", "day(s)", "0.0 days", "In anywhere" or "so ... so"."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene.checks import awareness
from hygiene.cli.app import app
from hygiene.data.demos import list_demos, load_demo
from hygiene.engine import run_audit, run_one
from hygiene.profile import Profile
from hygiene.registry import CHECKS
from hygiene.reporters import OutputFormat, render
from hygiene.system.recorded import RecordedSystem
from hygiene.words import age_in_days, count, days_ago, in_days, whole_days
from tests.helpers import snapshot_doc
from tests.shared_result import shared_result

runner = CliRunner()


@pytest.mark.parametrize(
    ("n", "singular", "plural", "said"),
    [
        (0, "entry", "entries", "0 entries"),
        (1, "entry", "entries", "1 entry"),
        (2, "entry", "entries", "2 entries"),
        (1, "day", "", "1 day"),
        (14, "day", "", "14 days"),
        (14950, "more mistake", "", "14,950 more mistakes"),
    ],
)
def test_a_count_agrees_with_its_noun(n, singular, plural, said):
    assert count(n, singular, plural) == said


@pytest.mark.parametrize(
    ("days", "ago", "ahead"),
    [
        (0, "today", "today"),
        (1, "1 day ago", "in 1 day"),
        (12, "12 days ago", "in 12 days"),
        (-2, "in 2 days", "today"),
    ],
)
def test_calendar_days(days, ago, ahead):
    assert (days_ago(days), in_days(days)) == (ago, ahead)


@pytest.mark.parametrize(
    ("age", "said"),
    [
        (timedelta(0), "less than a day"),
        (timedelta(hours=23, minutes=59), "less than a day"),  # never "0.0 days" or "1.0 days"
        (timedelta(days=1), "1 day"),
        (timedelta(days=2, hours=23), "2 days"),  # whole days, rounded down
        (timedelta(days=-3), "less than a day"),  # a clock behind the thing it dates
    ],
)
def test_ages_are_whole_days(age, said):
    assert age_in_days(age) == said and whole_days(age) == max(age.days, 0)


def test_an_attested_statement_made_today_says_today():
    today = date(2026, 11, 27)
    system = RecordedSystem(
        snapshot_doc(clock="2026-11-27T09:00:00+00:00"), Profile(attest={"training_completed": today})
    )
    f = run_one(system, awareness.training_recent)
    assert f.summary == "Attested: security-awareness training was completed on 2026-11-27 (today)."


# --- the whole of every demo's output, in every format -----------------------------------------

BAD = [
    (re.compile(r"\w\(s\)"), "a plural left to the reader"),
    (
        re.compile(
            r"(?<![\d.,])1 (entries|days|accounts|checks|backups|findings|files|updates|keys|codes|"
            r"passwords|characters|minutes|hours|times|points|logins|waivers|statements|mistakes)\b"
        ),
        "1 with a plural noun",
    ),
    (re.compile(r"\b\d+\.\d+ days\b"), "days with decimals"),
    (re.compile(r"\bIn anywhere\b", re.I), "the fallback region read as a place"),
    (re.compile(r"\bIn (United|European)\b"), "a region name that needs its article"),
]


def demo_outputs():
    """Every report, accounts list and explanation a workshop shows, from every demo machine."""
    for demo in list_demos():
        system, title = load_demo(demo.name)
        result = run_audit(system, CHECKS, source="demo", demo=title)
        for fmt in OutputFormat:
            yield f"{demo.name} {fmt.value}", render(result, fmt)
        yield f"{demo.name} mfa accounts", runner.invoke(app, ["mfa", "accounts", "--demo", demo.name]).stdout
    for fmt in OutputFormat:
        yield f"shared {fmt.value}", render(shared_result(), fmt)
    yield "password demo", runner.invoke(app, ["password", "check", "--demo"]).stdout
    for check in CHECKS:
        yield f"explain {check.meta.id}", runner.invoke(app, ["explain", check.meta.id]).stdout


def sentences(text):
    flat = re.sub(r"\s+", " ", text)
    # JSON strings, table cells, and sentences that end at a tag or an attribute's quote (HTML, XML) apart
    return re.split(r"(?<=[.!?;])\s|(?<=[.!?;])[<\"]|\\n|\",\s*\"|\|", flat)


def test_no_output_says_it_wrong():
    wrong = []
    for name, text in demo_outputs():
        flat = re.sub(r"\s+", " ", text)
        wrong += [(name, why, m.group(0)) for pattern, why in BAD for m in pattern.finditer(flat)]
        # "so" twice in a sentence, not counting libraries (pam_unix.so) that evidence lists
        wrong += [(name, "a doubled so", s) for s in sentences(text) if len(re.findall(r"(?<!\.)\bso\b", s, re.I)) > 1]
    assert not wrong


def test_an_unclassified_update_list_says_so_once():
    """apt without security lists: '..., so it cannot tell security fixes, so install them all' once said it twice."""
    from hygiene.checks.updates.linux import APT_LIST, APT_SECURITY_LISTS
    from hygiene.platforms.linux import APT_GET
    from hygiene.registry import find_check
    from tests.helpers import machine

    pending = "Listing...\nopenssl/noble-updates 3.0.13-0ubuntu3.7 amd64 [upgradable from: 3.0.13-0ubuntu3.6]\n"
    system = machine(
        files={"/etc/os-release": 'ID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n'},
        commands={APT_LIST: (0, pending, "")},
        exists={APT_GET: True},
        globs={APT_SECURITY_LISTS: []},
    )
    f = run_one(system, find_check("UPD-001"))
    assert f.summary == (
        "1 update pending (openssl); cannot tell whether it fixes security issues (apt has no security "
        "repository lists cached; run `sudo apt update`)."
    )
    assert len(re.findall(r"\bso\b", f.summary)) <= 1


def test_the_words_test_reads_the_readme_too():
    """The README quotes output: the same words rules hold there."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", readme)
    assert not [m.group(0) for pattern, _ in BAD for m in pattern.finditer(flat)]
