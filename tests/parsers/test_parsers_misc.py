import shlex
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hygiene.parsers import ParseError
from hygiene.parsers.apt_conf import apt_part_files, parse_apt_conf, periodic_enabled
from hygiene.parsers.os_release import parse_os_release, shell_words
from hygiene.parsers.proc_mounts import mount_of, parse_mounts
from hygiene.parsers.restic import parse_restic_snapshots
from hygiene.parsers.timedatectl import parse_chronyc_tracking, parse_timedatectl_show, parse_timedatectl_status
from tests.helpers import fixture, read_real, real, real_output_files

# --- os-release -------------------------------------------------------------------------

OS_RELEASE = {
    1: ("centos", ("rhel", "fedora"), "7", "CentOS Linux 7 (Core)"),
    3: ("ubuntu", ("debian",), "16.04", "Ubuntu 16.04.1 LTS"),
    5: ("ubuntu", ("debian",), "26.04", "Ubuntu 26.04 LTS"),
    7: ("debian", (), "13", "Debian GNU/Linux 13 (trixie)"),
    9: ("fedora", (), "30", "Fedora 30 (Thirty)"),
    11: ("rhel", ("fedora",), "7.0", "Red Hat Enterprise Linux Server 7.0 (Maipo)"),
    13: ("rhel", ("centos", "fedora"), "10.0", "Red Hat Enterprise Linux 10.0 (Coughlan)"),
    15: ("alpine", (), "3.23.2", "Alpine Linux v3.23"),
    17: ("opensuse", ("suse",), "42.1", "openSUSE Leap 42.1 (x86_64)"),
}


@pytest.mark.parametrize("path", real_output_files("linux", "os-release"))
def test_real_os_release(path):
    release = parse_os_release(read_real(path))
    expected = OS_RELEASE[int(path.stem)]
    assert (release.id, release.id_like, release.version_id, release.pretty_name) == expected
    assert release.family == FAMILY[release.id]


FAMILY = {
    "centos": "rhel",
    "ubuntu": "debian",
    "debian": "debian",
    "fedora": "rhel",
    "rhel": "rhel",
    "alpine": "alpine",
    "opensuse": "suse",
}


def test_os_release_unquoted_and_broken_lines():
    release = parse_os_release('NAME=Fedora\nVERSION_CODENAME=""\nBROKEN="unterminated\nID=fedora\n# c\n')
    assert release.id == "fedora" and release.pretty_name == "Fedora" and release.is_like("fedora")


# --- /proc/self/mounts ------------------------------------------------------------------


def test_proc_mounts_root_and_octal_escapes():
    mounts = parse_mounts(fixture("linux/proc-mounts/ubuntu-luks.txt"))
    assert mount_of(mounts, "/").source == "/dev/mapper/ubuntu--vg-ubuntu--lv"
    assert mount_of(mounts, "/media/amina/USB STICK").fstype == "vfat"
    assert mount_of(mounts, "/nowhere") is None


def test_proc_mounts_last_mount_on_a_path_wins():
    mounts = parse_mounts("/dev/sda1 / ext4 rw 0 0\n/dev/mapper/root / ext4 rw 0 0\n")
    assert mount_of(mounts, "/").source == "/dev/mapper/root"


def test_live_proc_mounts_has_a_root():
    live = Path("/proc/self/mounts")
    if not live.exists():
        pytest.skip("no /proc here")
    assert mount_of(parse_mounts(live.read_text()), "/") is not None


# --- timedatectl ------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "synced", "ntp", "tz"), [(1, False, True, "Etc/UTC"), (3, True, True, "Europe/Prague")])
def test_real_timedatectl_show(n, synced, ntp, tz):
    clock = parse_timedatectl_show(real("linux", "timedatectl-show", n))
    assert (clock.synchronized, clock.ntp_enabled, clock.timezone) == (synced, ntp, tz)


@pytest.mark.parametrize(
    ("n", "ntp", "tz"),
    [
        (1, True, "America/Los_Angeles"),
        (3, True, "Europe/Athens"),
        (5, True, "US/Pacific"),
        (7, True, "America/Chicago"),
    ],
)
def test_real_timedatectl_status_old_and_new_labels(n, ntp, tz):
    clock = parse_timedatectl_status(real("linux", "timedatectl-status", n))
    assert (clock.synchronized, clock.ntp_enabled, clock.timezone) == (True, ntp, tz)


def test_own_timedatectl_fixtures():
    chrony = parse_timedatectl_show(fixture("linux/timedatectl-show/chrony-synced-ntp-off.txt"))
    assert chrony.synchronized and chrony.ntp_enabled is False
    off = parse_timedatectl_show(fixture("linux/timedatectl-show/ntp-off-unsynced.txt"))
    assert not off.synchronized and off.ntp_enabled is False
    status = parse_timedatectl_status(fixture("linux/timedatectl-status/ntp-inactive-unsynced.txt"))
    assert (status.synchronized, status.ntp_enabled, status.timezone) == (False, False, "Asia/Karachi")


def test_timedatectl_status_ntp_na_is_not_a_guess():
    clock = parse_timedatectl_status("System clock synchronized: no\n              NTP service: n/a\n")
    assert clock.synchronized is False and clock.ntp_enabled is None


@pytest.mark.parametrize("text", ["", "Timezone=UTC\n", "NTPSynchronized=maybe\n"])
def test_timedatectl_show_unrecognised(text):
    with pytest.raises(ParseError):
        parse_timedatectl_show(text)


def test_timedatectl_a_second_line_for_a_key_that_says_otherwise_is_kept():
    """timedatectl prints each property and label once: a second one saying something else
    (two answers run together) was dropped, and the first, synchronised one passed."""
    show = parse_timedatectl_show("NTP=yes\nNTPSynchronized=yes\nNTPSynchronized=no\n")
    assert show.synchronized and show.unrecognised == ("NTPSynchronized=no",)
    assert parse_timedatectl_show("NTPSynchronized=yes\nNTPSynchronized=yes\n").unrecognised == ()
    status = parse_timedatectl_status(
        "System clock synchronized: yes\n              NTP service: active\nSystem clock synchronized: no\n"
    )
    assert status.synchronized and status.unrecognised == ("System clock synchronized: no",)


def test_timedatectl_status_unrecognised():
    with pytest.raises(ParseError):
        parse_timedatectl_status("Local time: Fri 2026-11-27 10:00:00 UTC\n")


# --- apt configuration ------------------------------------------------------------------


@pytest.mark.parametrize(("n", "upgrade", "lists"), [(1, "0", "0"), (3, "1", "1"), (5, "1", "1")])
def test_real_20auto_upgrades(n, upgrade, lists):
    conf = parse_apt_conf(real("linux", "apt-20auto-upgrades", n))
    assert conf["apt::periodic::unattended-upgrade"] == upgrade
    assert conf["apt::periodic::update-package-lists"] == lists


def test_real_20auto_upgrades_commented_lines_are_ignored():
    conf = parse_apt_conf(real("linux", "apt-20auto-upgrades", 1))
    assert conf["apt::periodic::verbose"] == "0"  # '#APT::Periodic::Verbose "2";' is a comment


def test_scoped_form_with_url_and_comments():
    conf = parse_apt_conf(fixture("linux/apt-conf/scoped-with-proxy.txt"))
    assert conf["acquire::http::proxy"] == "http://10.0.0.2:3142"
    assert conf["apt::periodic::unattended-upgrade"] == "1"
    assert "apt::periodic::enable" not in conf  # only mentioned inside a /* */ comment


def test_later_files_override_earlier_ones():
    conf = parse_apt_conf(real("linux", "apt-20auto-upgrades", 5))
    parse_apt_conf(fixture("linux/apt-conf/99-disable-upgrades.txt"), into=conf)
    assert conf["apt::periodic::unattended-upgrade"] == "0"


@pytest.mark.parametrize("text", ['APT { Periodic { X "1"; };', 'A "1"; };', 'A B { X "1"; };'])
def test_apt_conf_malformed(text):
    with pytest.raises(ParseError):
        parse_apt_conf(text)


def test_apt_part_files_order_and_ignored_names():
    found = [
        "/etc/apt/apt.conf.d/50unattended-upgrades",
        "/etc/apt/apt.conf.d/20auto-upgrades",
        "/etc/apt/apt.conf.d/50unattended-upgrades.ucf-dist",
        "/etc/apt/apt.conf.d/20auto-upgrades.dpkg-old",
        "/etc/apt/apt.conf.d/99local~",
        "/etc/apt/apt.conf.d/my notes",
        "/etc/apt/apt.conf.d/99proxy.conf",
    ]
    assert apt_part_files(found) == [
        "/etc/apt/apt.conf.d/20auto-upgrades",
        "/etc/apt/apt.conf.d/50unattended-upgrades",
        "/etc/apt/apt.conf.d/99proxy.conf",
    ]


@pytest.mark.parametrize(
    ("value", "on"),
    [
        ("1", True),
        ("7", True),
        ("always", True),
        ("12h", True),
        ("0", False),
        (None, False),
        ("", False),
        ("yes", False),
    ],
)
def test_periodic_values(value, on):
    assert periodic_enabled(value) is on


# --- text no tool prints: ParseError (UNKNOWN), never a crash (ERROR); test_parsers_fuzz.py has more


@pytest.mark.parametrize(("value", "on"), [("9" * 5000, True), ("0" * 5000, False), ("0" * 4999 + "1d", True)])
def test_periodic_values_of_thousands_of_digits(value, on):
    assert periodic_enabled(value) is on  # int() refuses more than 4300 digits


def test_chronyc_leap_status_without_a_colon_is_a_parse_error():
    with pytest.raises(ParseError, match="Leap status"):
        parse_chronyc_tracking("Reference ID    : C0A80101 (192.168.1.1)\nLeap status Normal\n")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\r\n\"'\\ab#=$`é\u3000", max_size=40))
def test_os_release_words_are_split_as_shlex_does(raw):
    """os-release values were split by shlex, which builds words a character at a time
    (quadratic on a long quoted value); shell_words must split exactly as it did."""
    try:
        expected = shlex.split(raw, comments=False, posix=True)
    except ValueError:
        expected = None
    assert shell_words(raw) == expected


def test_restic_snapshots_that_no_restic_prints_are_parse_errors():
    good = '{"time": "2026-11-12T08:00:00.123456789+05:00", "hostname": "h", "paths": ["/home/amina"]}'
    assert parse_restic_snapshots(f"[{good}]")[0].paths == ("/home/amina",)
    for text in (
        '[{"time": "2026-11-12T08:00:00Z", "paths": 5}]',  # TypeError: int is not iterable
        '[{"time": "2026-11-12T08:00:00Z", "size": ' + "9" * 5000 + "}]",  # ValueError: 4300 digits
        "[" * 100_000,  # RecursionError
        '[{"time": "2026-11-12T08:00:00"}]',  # no offset: max() against an aware time raised TypeError
    ):
        with pytest.raises(ParseError):
            parse_restic_snapshots(text)
