import pytest

from hygiene.checks.mfa import clock_synchronised
from hygiene.engine import run_one
from hygiene.model import Status
from tests.helpers import fixture, machine, real

SHOW = ("timedatectl", "show")
STATUS = ("timedatectl", "status")


def test_pass_real_synchronised():
    f = run_one(machine(commands={SHOW: (0, real("linux", "timedatectl-show", 3), "")}), clock_synchronised)
    assert f.status is Status.PASS and f.evidence["timezone"] == "Europe/Prague"


def test_pass_synchronised_by_chrony_with_timesyncd_off():
    f = run_one(
        machine(commands={SHOW: (0, fixture("linux/timedatectl-show/chrony-synced-ntp-off.txt"), "")}),
        clock_synchronised,
    )
    assert f.status is Status.PASS


def test_warn_real_ntp_on_not_yet_synchronised():
    f = run_one(machine(commands={SHOW: (0, real("linux", "timedatectl-show", 1), "")}), clock_synchronised)
    assert f.status is Status.WARN


def test_fail_ntp_off_and_unsynchronised():
    f = run_one(
        machine(commands={SHOW: (0, fixture("linux/timedatectl-show/ntp-off-unsynced.txt"), "")}), clock_synchronised
    )
    assert f.status is Status.FAIL


@pytest.mark.parametrize("n", [1, 3, 5, 7])
def test_pass_old_systemd_falls_back_to_status(n):
    commands = {SHOW: (1, "", "Unknown operation show.\n"), STATUS: (0, real("linux", "timedatectl-status", n), "")}
    assert run_one(machine(commands=commands), clock_synchronised).status is Status.PASS


def test_fail_old_systemd_status_unsynchronised():
    commands = {
        SHOW: (1, "", "Unknown operation show.\n"),
        STATUS: (0, fixture("linux/timedatectl-status/ntp-inactive-unsynced.txt"), ""),
    }
    assert run_one(machine(commands=commands), clock_synchronised).status is Status.FAIL


@pytest.mark.parametrize(
    "stderr",
    [
        "System has not been booted with systemd as init system (PID 1). Can't operate.\n"
        "Failed to connect to bus: Host is down\n",
        "Failed to create bus connection: No such file or directory\n",
    ],
)
def test_unknown_without_systemd(stderr):
    from hygiene.checks.mfa.linux import CHRONYC, NTPQ

    f = run_one(machine(commands={SHOW: (1, "", stderr), CHRONYC: "missing", NTPQ: "missing"}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "systemd is not running" in f.summary


def test_unknown_without_timedatectl():
    from hygiene.checks.mfa.linux import CHRONYC, NTPQ

    f = run_one(machine(commands={SHOW: "missing", CHRONYC: "missing", NTPQ: "missing"}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "Neither timedatectl, chronyc nor ntpq answered" in f.summary


def test_unknown_on_unrecognised_output():
    f = run_one(machine(commands={SHOW: (0, "Timezone=UTC\n", "")}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "NTPSynchronized" in f.summary


def test_unknown_when_both_forms_fail():
    f = run_one(
        machine(commands={SHOW: (1, "", "Unknown operation show.\n"), STATUS: (1, "", "boom\n")}), clock_synchronised
    )
    assert f.status is Status.UNKNOWN and "Unknown operation show" in f.summary


def test_timeout_is_unknown_with_the_reason():
    f = run_one(machine(commands={SHOW: 20.0}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "did not finish within 20 s" in f.summary


# --- without systemd, and on macOS and Windows --------------------------------------------------

CHRONY_SYNCED = """Reference ID    : C0A80101 (192.168.1.1)
Stratum         : 3
Ref time (UTC)  : Fri Nov 27 08:59:12 2026
System time     : 0.000012345 seconds fast of NTP time
Last offset     : +0.000004321 seconds
RMS offset      : 0.000021000 seconds
Frequency       : 12.345 ppm slow
Residual freq   : +0.001 ppm
Skew            : 0.050 ppm
Root delay      : 0.012345678 seconds
Root dispersion : 0.000987654 seconds
Update interval : 64.2 seconds
Leap status     : Normal
"""
NTPQ_PEERS = """     remote           refid      st t when poll reach   delay   offset  jitter
==============================================================================
*192.168.1.1     .GPS.            1 u   33   64  377    0.412   -0.021   0.008
+162.159.200.1   10.40.9.8        3 u   12   64  377   10.221    0.307   0.120
"""
NO_SYSTEMD_ERR = "System has not been booted with systemd as init system (PID 1). Can't operate.\n"


def test_chrony_and_ntpd_when_systemd_is_absent():
    from hygiene.checks.mfa.linux import CHRONYC, NTPQ

    chrony = machine(commands={SHOW: (1, "", NO_SYSTEMD_ERR), CHRONYC: (0, CHRONY_SYNCED, "")})
    assert run_one(chrony, clock_synchronised).status is Status.PASS
    unsynced = CHRONY_SYNCED.replace("Leap status     : Normal", "Leap status     : Not synchronised")
    assert (
        run_one(machine(commands={SHOW: "missing", CHRONYC: (0, unsynced, "")}), clock_synchronised).status
        is Status.WARN
    )
    ntpd = machine(commands={SHOW: "missing", CHRONYC: "missing", NTPQ: (0, NTPQ_PEERS, "")})
    assert run_one(ntpd, clock_synchronised).status is Status.PASS
    no_peer = NTPQ_PEERS.replace("*192", " 192")
    assert (
        run_one(
            machine(commands={SHOW: "missing", CHRONYC: "missing", NTPQ: (0, no_peer, "")}), clock_synchronised
        ).status
        is Status.WARN
    )
    nothing = machine(commands={SHOW: (1, "", NO_SYSTEMD_ERR), CHRONYC: "missing", NTPQ: "missing"})
    assert run_one(nothing, clock_synchronised).status is Status.UNKNOWN


def test_macos_network_time():
    from hygiene.checks.mfa.macos import MAC_NETWORK_TIME

    on = machine(platform="macos", commands={MAC_NETWORK_TIME: (0, "Network Time: On\n", "")})
    assert run_one(on, clock_synchronised).status is Status.PASS
    off = machine(platform="macos", commands={MAC_NETWORK_TIME: (0, "Network Time: Off\n", "")})
    assert run_one(off, clock_synchronised).status is Status.FAIL
    user = machine(
        platform="macos",
        commands={MAC_NETWORK_TIME: (0, "You need administrator access to run this tool... exiting!\n", "")},
    )
    f = run_one(user, clock_synchronised)
    assert f.status is Status.UNKNOWN and "administrator" in f.summary


def windows_time(kind, start):
    """The registry as MFA-004 reads it on Windows: W32Time's Type and its service's Start."""
    from hygiene.checks.mfa.windows import TIME_PARAMETERS
    from hygiene.platforms.windows_services import service_key

    return machine(
        platform="windows",
        registry={
            (TIME_PARAMETERS, ("Type",)): kind if not isinstance(kind, str) else {"Type": kind},
            (service_key("W32Time"), ("Start",)): start if not isinstance(start, int) else {"Start": start},
        },
    )


@pytest.mark.parametrize(
    ("kind", "start", "status"),
    [
        ("NTP", 3, Status.PASS),  # Manual: started by its trigger when the network comes up
        ("NT5DS", 2, Status.PASS),  # Automatic, from the domain
        ("NoSync", 3, Status.FAIL),
        ("NTP", 4, Status.FAIL),  # Disabled
        (None, None, Status.FAIL),  # no Windows Time service at all
    ],
)
def test_windows_time_service(kind, start, status):
    assert run_one(windows_time(kind, start), clock_synchronised).status is status


def test_windows_time_unknown_when_the_registry_refuses():
    from hygiene.system import FileUnreadable

    f = run_one(windows_time(FileUnreadable("HKLM\\x", "Permission denied"), 3), clock_synchronised)
    assert f.status is Status.UNKNOWN and "run as administrator" in f.summary


# --- issue 11: labels that drifted between systemd versions, lines that decided, lines unknown --


def status_only(text):
    """A machine whose systemd is older than 239: `timedatectl show` is refused, `status` answers."""
    return machine(commands={SHOW: (1, "", "Unknown operation show.\n"), STATUS: (0, text, "")})


def test_systemd_232_to_238_network_time_on_not_yet_synchronised_warns():
    """systemd 232-238 printed "Network time on: yes"; it was not read, so network time counted
    as off and this was a FAIL."""
    f = run_one(status_only(fixture("linux/timedatectl-status/network-time-on-unsynced.txt")), clock_synchronised)
    assert f.status is Status.WARN and f.evidence["ntp_enabled"] is True
    assert f.evidence["timedatectl"] == ["NTP synchronized: no", "Network time on: yes"]


def test_systemd_239_timesyncd_label_passes_with_its_lines():
    f = run_one(status_only(fixture("linux/timedatectl-status/timesyncd-active-synced.txt")), clock_synchronised)
    assert f.status is Status.PASS and f.evidence["ntp_enabled"] is True
    assert f.evidence["timedatectl"] == ["System clock synchronized: yes", "systemd-timesyncd.service active: yes"]


def test_a_status_label_timedatectl_is_not_known_to_print_is_unknown_quoting_it():
    """A line of `timedatectl timesync-status` among the status lines: not passed over."""
    f = run_one(status_only(fixture("linux/timedatectl-status/synced-with-an-unknown-label.txt")), clock_synchronised)
    assert f.status is Status.UNKNOWN
    assert f.summary == (
        "timedatectl says the clock is synchronised, but printed a line hygiene does not know: "
        "'Server: 192.168.1.1 (ntp.example.pk)'."
    )
    assert f.evidence["unrecognised"] == ["Server: 192.168.1.1 (ntp.example.pk)"]


def test_a_show_property_timedatectl_show_is_not_known_to_print_is_unknown():
    text = fixture("linux/timedatectl-show/synced-with-an-unknown-line.txt")
    f = run_one(machine(commands={SHOW: (0, text, "")}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "'ServerName=ntp.example.pk'" in f.summary
    assert f.evidence["timedatectl"] == ["NTPSynchronized=yes", "NTP=yes"]


def test_the_real_show_output_names_its_deciding_lines():
    f = run_one(machine(commands={SHOW: (0, real("linux", "timedatectl-show", 3), "")}), clock_synchronised)
    assert f.status is Status.PASS and f.evidence["timedatectl"] == ["NTPSynchronized=yes", "NTP=yes"]
    assert "unrecognised" not in f.evidence


@pytest.mark.parametrize("n", [1, 3, 5, 7])
def test_every_line_of_the_real_status_outputs_is_known(n):
    f = run_one(status_only(real("linux", "timedatectl-status", n)), clock_synchronised)
    assert f.status is Status.PASS and "unrecognised" not in f.evidence
    assert f.evidence["timedatectl"][0] in ("NTP synchronized: yes", "System clock synchronized: yes")


@pytest.mark.parametrize(
    ("case", "status", "line"),
    [
        ("normal", Status.PASS, "Leap status     : Normal"),
        ("insert-second", Status.PASS, "Leap status     : Insert second"),  # a leap second announced: synchronised
        ("not-synchronised", Status.WARN, "Leap status     : Not synchronised"),
        ("unknown-leap", Status.UNKNOWN, None),  # chrony's word for a state it has no name for
    ],
)
def test_chrony_leap_status_words(case, status, line):
    from hygiene.checks.mfa.linux import CHRONYC

    text = fixture(f"linux/chronyc-tracking/{case}.txt")
    f = run_one(machine(commands={SHOW: "missing", CHRONYC: (0, text, "")}), clock_synchronised)
    assert f.status is status
    if line:
        assert f.evidence["chronyc"] == line
    else:
        assert "leap status hygiene does not know" in f.summary and "Unknown" in f.summary


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Network Time: ON\n", Status.PASS),
        ("network time: off\n", Status.FAIL),
        ("Network Time: Maybe\n", Status.UNKNOWN),
    ],
)
def test_macos_network_time_words_in_any_case(text, status):
    from hygiene.checks.mfa.macos import MAC_NETWORK_TIME

    f = run_one(machine(platform="macos", commands={MAC_NETWORK_TIME: (0, text, "")}), clock_synchronised)
    assert f.status is status
    if status is not Status.UNKNOWN:
        assert f.evidence["systemsetup"] == text.strip()


def test_macos_network_time_beside_a_line_it_is_not_known_to_print_is_unknown():
    from hygiene.checks.mfa.macos import MAC_NETWORK_TIME

    text = fixture("macos/systemsetup/on.txt") + "Network Time Server: time.apple.com\n"
    f = run_one(machine(platform="macos", commands={MAC_NETWORK_TIME: (0, text, "")}), clock_synchronised)
    assert f.status is Status.UNKNOWN and f.evidence["unrecognised"] == ["Network Time Server: time.apple.com"]


def test_two_timedatectl_answers_that_disagree_are_unknown():
    """`NTPSynchronized=yes` then `=no`: the first no longer passes alone."""
    text = "NTP=yes\nNTPSynchronized=yes\nNTPSynchronized=no\n"
    f = run_one(machine(commands={SHOW: (0, text, "")}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "'NTPSynchronized=no'" in f.summary
    assert f.evidence["unrecognised"] == ["NTPSynchronized=no"]
