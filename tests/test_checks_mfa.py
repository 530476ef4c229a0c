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
    f = run_one(machine(commands={SHOW: (1, "", stderr)}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "systemd is not running" in f.summary


def test_unknown_without_timedatectl():
    f = run_one(machine(commands={SHOW: "missing"}), clock_synchronised)
    assert f.status is Status.UNKNOWN and "not installed" in f.summary


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
