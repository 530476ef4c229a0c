"""The macOS parsers behind the device checks: socketfilterfw, sysadminctl -screenLock,
pmset -g custom, spctl --status, id, and the seconds `defaults read` prints."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.id import parse_id
from hygiene.parsers.plist_text import plist_seconds
from hygiene.parsers.pmset import parse_display_sleep
from hygiene.parsers.socketfilterfw import parse_socketfilterfw
from hygiene.parsers.spctl import parse_spctl_status
from hygiene.parsers.sysadminctl import parse_screenlock_status
from tests.helpers import fixture, read_real, real, real_output_files

# --- socketfilterfw --------------------------------------------------------------------------


@pytest.mark.parametrize("path", real_output_files("macos", "socketfilterfw-getglobalstate"))
def test_every_real_socketfilterfw_output_says_the_firewall_is_on(path):
    assert parse_socketfilterfw(read_real(path)).on is True


def test_real_state_2_with_the_other_answers_kolide_asks_for():
    """State 2 beside "block all ... disabled": the number says on, whatever the other lines say."""
    alf = parse_socketfilterfw(real("macos", "socketfilterfw-getglobalstate", 1))
    assert (alf.on, alf.state_line) == (True, "Firewall is enabled. (State = 2)")
    assert (alf.stealth, alf.stealth_line) == (True, "Stealth mode enabled")


def test_real_block_all_wording_without_the_word_enabled():
    alf = parse_socketfilterfw(real("macos", "socketfilterfw-getglobalstate", 3))
    assert alf.on is True and alf.state_line.startswith("Firewall is blocking all")
    assert (alf.stealth, alf.stealth_line) == (None, "")  # not asked


@pytest.mark.parametrize(
    "case, on, stealth",
    [
        ("on-stealth-off-sequoia", True, False),
        ("on-stealth-on-monterey", True, True),
        ("off-monterey", False, False),
        ("off-sequoia", False, False),
        ("block-all-sequoia", True, True),
        ("stealth-unreadable", True, None),
        ("no-state-number", True, None),
    ],
)
def test_socketfilterfw_wordings_old_and_new(case, on, stealth):
    alf = parse_socketfilterfw(fixture(f"macos/socketfilterfw/{case}.txt"))
    assert (alf.on, alf.stealth) == (on, stealth)


@pytest.mark.parametrize("case", ["unknown-state", "unknown-wording"])
def test_a_state_it_does_not_know_is_never_on(case):
    with pytest.raises(ParseError, match="socketfilterfw"):
        parse_socketfilterfw(fixture(f"macos/socketfilterfw/{case}.txt"))


@pytest.mark.parametrize(
    "text, on",
    [
        ("Firewall is disabled.\n", False),
        ("firewall is enabled. (state = 0)\n", False),  # the number decides, in any case
        ("Firewall is OFF\n", False),
        ("", None),
        ("Firewall has block all state set to disabled.\n", None),
    ],
)
def test_words_decide_only_without_a_number(text, on):
    if on is None:
        with pytest.raises(ParseError):
            parse_socketfilterfw(text)
    else:
        assert parse_socketfilterfw(text).on is on


# --- sysadminctl -screenLock status ----------------------------------------------------------


@pytest.mark.parametrize(
    "case, asks, delay, line",
    [
        ("immediate", True, 0, "screenLock delay is immediate"),
        ("delay-300", True, 300, "screenLock delay is 300 seconds"),
        ("delay-fraction", True, 5, "screenLock delay is 5.000000 seconds"),
        ("off", False, 0, "screenLock is off"),
    ],
)
def test_screenlock_status_drops_the_log_prefix(case, asks, delay, line):
    setting = parse_screenlock_status(fixture(f"macos/sysadminctl/{case}.txt"))
    assert (setting.asks_password, setting.delay_seconds, setting.line) == (asks, delay, line)


@pytest.mark.parametrize("case", ["negative", "error"])
def test_screenlock_status_it_does_not_know_is_an_error(case):
    with pytest.raises(ParseError, match="sysadminctl"):
        parse_screenlock_status(fixture(f"macos/sysadminctl/{case}.txt"))


def test_screenlock_status_in_any_case_and_without_a_prefix():
    assert parse_screenlock_status("SCREENLOCK DELAY IS 60 SECONDS").delay_seconds == 60
    with pytest.raises(ParseError):
        parse_screenlock_status("screenLock delay is ٣ seconds")


# --- pmset -g custom -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, minutes",
    [
        ("macbook-sonoma", {"Battery Power": 2, "AC Power": 10}),
        ("mac-mini-ac-only", {"AC Power": 15}),
        ("macbook-never-on-ac", {"Battery Power": 5, "AC Power": 0}),
    ],
)
def test_display_sleep_per_power_source(case, minutes):
    assert parse_display_sleep(fixture(f"macos/pmset/{case}.txt")) == minutes


def test_display_sleep_of_pmset_g_and_a_trailing_note():
    text = "System-wide power settings:\nCurrently in use:\n displaysleep         10 (display sleep prevented by zoom.us)\n"
    assert parse_display_sleep(text) == {"Currently in use": 10}


@pytest.mark.parametrize(
    "text", ["", "AC Power:\n sleep 1\n", "AC Power:\n displaysleep -1\n", "AC Power:\n displaysleep\n"]
)
def test_display_sleep_missing_or_not_a_number(text):
    with pytest.raises(ParseError, match="displaysleep"):
        parse_display_sleep(text)


# --- spctl --status ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, enabled",
    [("assessments enabled\n", True), ("\nassessments disabled\n", False), ("Assessments Enabled", True)],
)
def test_spctl_status(text, enabled):
    status = parse_spctl_status(text)
    assert (status.on, status.line, status.unrecognised) == (enabled, text.strip(), ())


@pytest.mark.parametrize("text", ["", "assessments maybe\n", "spctl: unknown option\n"])
def test_spctl_status_it_does_not_know(text):
    with pytest.raises(ParseError, match="Gatekeeper"):
        parse_spctl_status(text)


# --- id ----------------------------------------------------------------------------------------


def test_id_of_an_administrator():
    me = parse_id(fixture("macos/id/admin.txt"))
    assert (me.uid, me.user) == (501, "demo-user") and me.member_of(80, "admin")


def test_id_of_a_standard_account():
    me = parse_id(fixture("macos/id/standard.txt"))
    assert (me.uid, me.user) == (502, "amina") and not me.member_of(80, "admin")


def test_id_of_root():
    assert parse_id(fixture("macos/id/root.txt")).uid == 0


def test_id_of_a_directory_account_with_spaces_and_commas_in_group_names():
    me = parse_id(fixture("macos/id/directory-account.txt"))
    assert me.user == "EXAMPLE\\amina.k"
    assert (1723546601, "EXAMPLE\\Mac Admins, Karachi") in me.groups and me.member_of(80, "admin")


def test_id_without_names_and_nobody_below_zero():
    me = parse_id("uid=-2(nobody) gid=-2(nobody) groups=-2(nobody),1234")
    assert (me.uid, me.groups) == (-2, ((-2, "nobody"), (1234, "")))


@pytest.mark.parametrize(
    "text", ["", "id: nosuchuser: no such user\n", "uid=x(a) gid=1", "uid=1(a gid=1", "uid=1 groups=2(a),b(c)"]
)
def test_id_it_does_not_know(text):
    with pytest.raises(ParseError, match="id"):
        parse_id(text)


# --- seconds from `defaults read` -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, seconds",
    [("1200\n", 1200), ("0", 0), ("5.0", 5), ("300.5", 300), ("-1", None), ("", None), ("٣", None), ("1e3", None)],
)
def test_plist_seconds(text, seconds):
    assert plist_seconds(text) == seconds


def test_display_sleep_on_battery_without_its_ac_block_is_cut_short():
    """A Mac with a battery always lists AC Power after it: without that block, the display's
    time on power (perhaps never) was cut off, and the battery's alone would understate it."""
    cut = fixture("macos/pmset/macbook-never-on-ac.txt").split("AC Power:")[0]
    with pytest.raises(ParseError, match="AC Power"):
        parse_display_sleep(cut)


# --- issue 11: socketfilterfw's other lines, known and not ------------------------------------


def test_socketfilterfw_answers_to_its_other_questions_are_known_lines():
    """Our own Monterey output of every --get question at once (block all, signed software,
    stealth, logging): the real capture 1 has the same lines with other values."""
    alf = parse_socketfilterfw(fixture("macos/socketfilterfw/every-question-monterey.txt"))
    assert (alf.on, alf.stealth, alf.unrecognised) == (True, True, ())


@pytest.mark.parametrize("path", real_output_files("macos", "socketfilterfw-getglobalstate"))
def test_every_real_socketfilterfw_line_is_known(path):
    assert parse_socketfilterfw(read_real(path)).unrecognised == ()


@pytest.mark.parametrize("case", ["on-managed-mac-notice", "off-managed-mac-notice"])
def test_a_line_socketfilterfw_is_not_known_to_print_is_kept(case):
    """The notice socketfilterfw prints on a Mac whose firewall a configuration profile manages."""
    alf = parse_socketfilterfw(fixture(f"macos/socketfilterfw/{case}.txt"))
    assert alf.unrecognised == ("Firewall settings cannot be modified from command line on managed Mac computers.",)


def test_sysadminctl_keeps_the_lines_beside_its_answer():
    setting = parse_screenlock_status(fixture("macos/sysadminctl/immediate-then-error.txt"))
    assert (setting.asks_password, setting.line) == (True, "screenLock delay is immediate")
    assert len(setting.unrecognised) == 1 and "### Error:-14090" in setting.unrecognised[0]
    assert parse_screenlock_status(fixture("macos/sysadminctl/immediate.txt")).unrecognised == ()


def test_spctl_keeps_a_second_answer_as_unrecognised():
    status = parse_spctl_status(fixture("macos/spctl/two-answers.txt"))
    assert (status.on, status.line, status.unrecognised) == (True, "assessments enabled", ("assessments disabled",))


def test_pmset_words_in_any_case():
    """pmset prints `displaysleep` and `AC Power:` as they are; read without case all the same
    (a cut answer is still known by its headings, whatever their case)."""
    assert parse_display_sleep("AC Power:\n DisplaySleep 10\n") == {"AC Power": 10}
    with pytest.raises(ParseError, match="cut short"):
        parse_display_sleep("BATTERY POWER:\n displaysleep 2\n")
