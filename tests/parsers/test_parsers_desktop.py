"""Key files, automatic login (GDM, LightDM, SDDM, getty), the screen lock (gsettings values,
kscreenlockerrc) and ClamAV's version line, each read as kept (hygiene.system.kept)."""

from datetime import UTC, datetime

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.autologin import (
    gdm_autologin,
    getty_autologin,
    lightdm_autologin,
    named_accounts,
    sddm_autologin,
)
from hygiene.parsers.clamav import parse_clamav_version
from hygiene.parsers.keyfile import keyfile_bool, parse_keyfile
from hygiene.parsers.screen_lock import parse_gsettings_bool, parse_gsettings_uint, parse_kscreenlockerrc
from hygiene.system.kept import AUTOLOGIN_SETTINGS, SCREEN_LOCKER_SETTINGS
from tests.helpers import fixture


def kept(case: str) -> tuple[str, str]:
    return (f"/etc/{case}", AUTOLOGIN_SETTINGS(fixture(f"linux/{case}.txt")))


# --- key files ------------------------------------------------------------------------------


def test_keyfile_sections_keys_and_kconfig_markers():
    settings = parse_keyfile(
        "top=1\n[Daemon][$i]\nTimeout[$i]=10\n# Lock=false\n; x=y\n[Seat:*]\nautologin-user =  pi \n"
    )
    assert [(s.section, s.key, s.value) for s in settings] == [
        ("", "top", "1"),
        ("Daemon", "Timeout", "10"),
        ("Seat:*", "autologin-user", "pi"),
    ]


@pytest.mark.parametrize(
    ("word", "value"),
    [("True", True), ("1", True), ("yes", True), ("FALSE", False), ("0", False), ("maybe", None), ("", None)],
)
def test_keyfile_bool_in_any_case(word, value):
    assert keyfile_bool(word) is value


# --- automatic login ------------------------------------------------------------------------


def test_gdm_ubuntu_autologin():
    found = gdm_autologin([kept("gdm/ubuntu-custom-autologin")])
    assert (found.user, found.line) == ("amina", "AutomaticLoginEnable=True, AutomaticLogin=amina")


def test_gdm_timed_login_counts():
    found = gdm_autologin([kept("gdm/fedora-timed-login")])
    assert (found.user, found.line) == ("kiosk", "TimedLoginEnable=true, TimedLogin=kiosk, TimedLoginDelay=30")


def test_gdm_debian_default_and_enabled_without_a_user_log_nobody_in():
    assert gdm_autologin([kept("gdm/debian-daemon-default")]).user is None  # only comments
    found = gdm_autologin([kept("gdm/enabled-without-user")])
    assert (found.user, found.line) == (None, "AutomaticLoginEnable=true, AutomaticLogin=")


def test_gdm_a_later_file_wins():
    assert (
        gdm_autologin(
            [kept("gdm/ubuntu-custom-autologin"), ("/etc/gdm3/daemon.conf", "[daemon]\nAutomaticLoginEnable=false\n")]
        ).user
        is None
    )


def test_lightdm_order_and_sections():
    assert lightdm_autologin([kept("lightdm/lightdm-conf-default")]).user is None
    assert lightdm_autologin([kept("lightdm/raspberrypi-autologin")]).user == "pi"
    assert lightdm_autologin([kept("lightdm/old-seatdefaults")]).user == "kiosk"
    assert lightdm_autologin([kept("lightdm/guest")]).user == "a guest account"
    # /etc/lightdm/lightdm.conf, read last, empties what a conf.d file set
    off = lightdm_autologin([kept("lightdm/raspberrypi-autologin"), kept("lightdm/override-off")])
    assert (off.user, off.line) == (None, "autologin-user=")
    # a [Seat:seat0] setting beats [Seat:*] whatever the order
    assert (
        lightdm_autologin([("/a", "[Seat:seat0]\nautologin-user=\n"), kept("lightdm/raspberrypi-autologin")]).user
        is None
    )


def test_sddm():
    found = sddm_autologin([kept("sddm/kde-autologin")])
    assert (found.user, found.line) == ("amina", "User=amina")
    assert sddm_autologin([kept("sddm/kde-autologin"), kept("sddm/autologin-cleared")]).user is None
    assert sddm_autologin([]).user is None


def test_getty():
    assert getty_autologin([kept("getty/raspi-autologin")]).user == "pi"
    assert getty_autologin([kept("getty/short-option")]).user == "root"
    assert getty_autologin([kept("getty/override-cleared")]).user is None
    assert getty_autologin([kept("getty/raspi-autologin"), ("/b", "[Service]\nExecStart=\n")]).user is None


def test_autologin_settings_keep_nothing_else():
    whole = fixture("linux/sddm/kde-autologin.txt")
    reduced = AUTOLOGIN_SETTINGS(whole)
    assert "MinimumUid" not in reduced and "breeze" not in reduced and "User=amina" in reduced
    assert AUTOLOGIN_SETTINGS(reduced) == reduced
    assert "WaylandEnable" not in AUTOLOGIN_SETTINGS(fixture("linux/gdm/ubuntu-custom-autologin.txt"))


# --- screen lock ----------------------------------------------------------------------------


def test_gsettings_values_as_printed():
    # Measured with GLib 2.74.6 (Debian 12): `uint32 300`, `true`, `uint32 0`, `false`.
    assert parse_gsettings_uint("uint32 300\n") == 300
    assert parse_gsettings_uint("300") == 300  # older GLib
    assert parse_gsettings_bool("true\n") and not parse_gsettings_bool("false")
    for bad in ("", "uint32", "'300'", "uint32 -1", "No such key"):
        with pytest.raises(ParseError):
            parse_gsettings_uint(bad)
    with pytest.raises(ParseError):
        parse_gsettings_bool("True")  # GVariant prints lower case only


KDE = {  # case: (idle seconds, asks for the password, grace seconds)
    "greeter-only": (300, True, 5),  # nothing set: Plasma's defaults, 5 minutes and 5 seconds
    "user-20-minutes": (1200, True, 30),
    "user-never": (0, True, 5),
    "user-no-password": (600, False, 5),  # Lock=false: the grace period never ends
    "plasma6-require-password-off": (300, False, 5),
    "system-kiosk": (600, True, 0),
}


@pytest.mark.parametrize("case", sorted(KDE))
def test_kscreenlockerrc(case):
    lock = parse_kscreenlockerrc([SCREEN_LOCKER_SETTINGS(fixture(f"linux/kscreenlockerrc/{case}.txt"))])
    assert (lock.idle_seconds, lock.asks_password, lock.grace_seconds) == KDE[case]


def test_kscreenlockerrc_user_file_overrides_the_system_one_and_defaults_are_named():
    system = SCREEN_LOCKER_SETTINGS(fixture("linux/kscreenlockerrc/system-kiosk.txt"))
    user = SCREEN_LOCKER_SETTINGS(fixture("linux/kscreenlockerrc/user-20-minutes.txt"))
    lock = parse_kscreenlockerrc([system, user])
    assert (lock.idle_seconds, lock.grace_seconds) == (1200, 30)
    assert lock.settings["Timeout"] == "20" and lock.settings["Lock"] == "true (default)"


def test_kscreenlockerrc_unreadable_numbers_fall_back_as_kconfig_does():
    lock = parse_kscreenlockerrc(["[Daemon]\nTimeout=ten\nLockGrace=-3\n"])
    assert (lock.idle_seconds, lock.grace_seconds) == (300, 5)


def test_kscreenlockerrc_kept_has_no_wallpaper_path():
    assert "lake.jpg" not in SCREEN_LOCKER_SETTINGS(fixture("linux/kscreenlockerrc/user-20-minutes.txt"))


# --- ClamAV ---------------------------------------------------------------------------------


def test_clamscan_version_measured():
    # clamscan 1.4.6 (Debian 12) with a daily database of ours, and with none at all
    found = parse_clamav_version(fixture("linux/clamscan-version/debian12-1.4.txt"))
    assert (found.engine, found.database, found.built) == ("1.4.6", 27480, datetime(2024, 11, 18, 9, 36, tzinfo=UTC))
    empty = parse_clamav_version(fixture("linux/clamscan-version/no-database.txt"))
    assert (empty.engine, empty.database, empty.built) == ("1.4.6", None, None)


def test_clamscan_version_padded_day():
    found = parse_clamav_version(fixture("linux/clamscan-version/0.103-padded-day.txt"))
    assert found.built == datetime(2023, 12, 7, 8, 27, 4, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "clamscan: error\n",
        "ClamAV 1.0/x/Mon Nov 18 09:36:15 2024",
        "ClamAV 1.0/1/Mon Foo 18 09:36:15 2024",
        "ClamAV 1.0/1/Mon Feb 31 09:36:15 2024",
    ],
)
def test_clamscan_version_odd_lines_are_parse_errors(text):
    with pytest.raises(ParseError):
        parse_clamav_version(text)


def test_getty_each_unit_keeps_its_own_autologin():
    """An override of one getty (a serial console's baud rate, tty2) clears only that unit's
    ExecStart: tty1's autologin still logs pi in."""
    tty1 = ("/etc/systemd/system/getty@tty1.service.d/autologin.conf", fixture("linux/getty/raspi-autologin.txt"))
    serial = (
        "/etc/systemd/system/serial-getty@ttyS0.service.d/override.conf",
        fixture("linux/getty/override-cleared.txt"),
    )
    tty2 = ("/etc/systemd/system/getty@tty2.service.d/override.conf", fixture("linux/getty/override-cleared.txt"))
    for files in ([tty1, serial], [tty1, tty2], [tty2, tty1]):
        found = getty_autologin(files)
        assert (found.user, found.path) == ("pi", tty1[0])
    same_unit = (
        "/run/systemd/system/getty@tty1.service.d/zz-override.conf",
        fixture("linux/getty/override-cleared.txt"),
    )
    assert getty_autologin([tty1, same_unit]).user is None  # the same unit, from another folder


def test_named_accounts_lists_who_each_file_names_on_or_off():
    assert named_accounts(fixture("linux/gdm/ubuntu-custom-autologin.txt")) == ["amina"]
    assert named_accounts(fixture("linux/lightdm/raspberrypi-autologin.txt")) == ["pi"]
    assert named_accounts(fixture("linux/sddm/kde-autologin.txt")) == ["amina"]
    assert named_accounts(fixture("linux/getty/short-option.txt")) == ["root"]
    assert named_accounts("[daemon]\nAutomaticLoginEnable=false\nAutomaticLogin=bilal\n[Theme]\nUser=x\n") == ["bilal"]
