"""Parsers behind the updates checks, over every real capture in ../shared and our own."""

from datetime import UTC, datetime

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.apk import parse_apk_version
from hygiene.parsers.apt import last_apt_run, parse_apt_get_simulate, parse_apt_list_upgradable
from hygiene.parsers.dnf import parse_check_update, parse_updateinfo
from hygiene.parsers.needs_restarting import parse_needs_restarting
from hygiene.parsers.pacman import parse_pacman_upgrades
from hygiene.parsers.zypper import parse_list_patches
from tests.helpers import fixture, read_real, real, real_output_files

# --- apt ---------------------------------------------------------------------------------


def test_real_apt_list_upgradable_counts_security_suites():
    updates = parse_apt_list_upgradable(real("linux", "apt-list-upgradable", 1))
    assert len(updates) == 15
    security = sorted(u.name for u in updates if u.security)
    assert security == [
        "accountsservice", "binutils-common", "binutils-x86-64-linux-gnu", "openssl",
        "perl-base", "perl-modules-5.34", "sudo", "vim", "xxd",
    ]  # fmt: skip
    assert next(u for u in updates if u.name == "perl-modules-5.34").source == "jammy-updates,jammy-security"


def test_real_apt_list_with_only_the_warning_and_header_is_empty():
    assert parse_apt_list_upgradable(real("linux", "apt-list-upgradable", 3)) == []


def test_apt_list_rejects_what_it_does_not_know():
    with pytest.raises(ParseError, match="unrecognised"):
        parse_apt_list_upgradable("Auflistung... Fertig\nfoo bar\n")


@pytest.mark.parametrize("path", real_output_files("linux", "apt-get-s-upgrade"))
def test_every_real_apt_get_simulation_parses(path):
    assert parse_apt_get_simulate(read_real(path))


@pytest.mark.parametrize(
    ("n", "total", "security"),
    [
        (3, 13, set()),  # Debian 6 stable, no security origin
        (5, 5, set()),  # Ubuntu precise-updates only
        (11, 40, set()),  # jammy-updates and a third-party repository
        (13, 2, {"libcurl4", "curl"}),  # "Ubuntu:22.04/jammy-updates, Ubuntu:22.04/jammy-security"
        (1, 2, {"dpkg"}),  # Debian-Security origin
    ],
)
def test_real_apt_get_simulation_security_origins(n, total, security):
    updates = parse_apt_get_simulate(real("linux", "apt-get-s-upgrade", n))
    assert len(updates) >= total if n == 11 else len(updates) == total
    assert {u.name for u in updates if u.security} == security


def test_apt_history_newest_install_or_upgrade_not_a_purge():
    assert last_apt_run(fixture("linux/apt-history/ubuntu.txt")) == datetime(2026, 11, 20, 6, 31, 12, tzinfo=UTC)
    assert last_apt_run("") is None


# --- dnf / yum ---------------------------------------------------------------------------


def test_real_yum_updateinfo_list_security():
    updates = parse_updateinfo(real("linux", "dnf-updateinfo-list-security", 1))
    assert len(updates) == 13 and all(u.security for u in updates)
    assert updates[4].source == "RHSA-2016:2594 (Moderate)"


def test_real_dnf_list_sec_with_interleaved_progress_lines():
    (update,) = parse_updateinfo(real("linux", "dnf-updateinfo-list-security", 3))
    assert update.name == "TurboGears-1.0.2.2-2.fc17.noarch" and update.security


def test_own_dnf_layouts():
    dnf5 = parse_updateinfo(fixture("linux/dnf-updateinfo/dnf5-fedora41.txt"))
    assert [(u.name, u.security) for u in dnf5] == [
        ("openssh-9.8p1-3.fc41.1.x86_64", True),
        ("openssh-clients-9.8p1-3.fc41.1.x86_64", True),
        ("gnome-shell-47.2-1.fc41.x86_64", False),
    ]
    assert len(parse_updateinfo(fixture("linux/dnf-updateinfo/dnf4-rhel9.txt"))) == 3
    assert parse_updateinfo(fixture("linux/dnf-updateinfo/cache-missing.txt")) == []


def test_real_dnf_check_update():
    updates = parse_check_update(real("linux", "dnf-check-update", 1))
    assert len(updates) == 15 and updates[0].name == "apr-util.x86_64" and updates[0].security is None
    assert updates[2].version == "32:9.11.4-26.P2.el7_9.13"


@pytest.mark.parametrize("n", [1, 3])
def test_real_yum_check_update_with_wrapped_names_and_mirror_lines(n):
    updates = parse_check_update(real("linux", "yum-check-update", n))
    names = [u.name for u in updates]
    assert not any(name.startswith("*") or ":" in name for name in names)
    if n == 1:
        wrapped = next(u for u in updates if u.name == "google-compute-engine-oslogin.x86_64")
        assert (wrapped.version, wrapped.source) == ("1:20240415.00-g1.el7", "google-compute-engine")


# --- zypper, pacman, apk -----------------------------------------------------------------


def test_real_zypper_nothing_needed():
    assert parse_list_patches(real("linux", "zypper-list-patches", 1)) == []


def test_real_zypper_sles_table():
    patches = parse_list_patches(real("linux", "zypper-list-patches", 3))
    needed_security = [p for p in patches if p.needed and p.category == "security"]
    assert len(needed_security) == 12  # the capture's own summary: "15 patches needed (12 security patches)"
    assert len([p for p in patches if p.needed]) == 15
    assert any(p.interactive == "reboot,message" for p in patches)


def test_own_zypper_leap_table():
    patches = parse_list_patches(fixture("linux/zypper-list-patches/leap-15.6-security-needed.txt"))
    assert [(p.name, p.severity, p.interactive) for p in patches] == [
        ("openSUSE-SLE-15.6-2026-4102", "important", "---"),
        ("openSUSE-SLE-15.6-2026-4155", "moderate", "reboot"),
    ]


def test_zypper_without_a_table_is_not_guessed():
    with pytest.raises(ParseError):
        parse_list_patches("Repository 'Main' is out-of-date. You can run 'zypper refresh' as root.\n")


def test_real_pacman_upgrades():
    updates = parse_pacman_upgrades(real("linux", "checkupdates-pacman", 1))
    assert len(updates) == 20 and updates[11].name == "linux" and updates[11].version == "6.0.12.arch1-1"
    assert all(u.security is None for u in updates)


def test_pacman_rejects_unknown_lines_and_skips_warnings():
    assert parse_pacman_upgrades("warning: database file for 'core' does not exist\n") == []
    with pytest.raises(ParseError):
        parse_pacman_upgrades("error-free nonsense\n")


def test_own_apk_version():
    updates = parse_apk_version(fixture("linux/apk-version/alpine-3.20.txt"))
    assert [u.name for u in updates] == ["busybox", "libcrypto3", "libssl3", "ssl_client"]


# --- needs-restarting --------------------------------------------------------------------


@pytest.mark.parametrize(("n", "packages"), [(1, ("glibc", "linux-firmware")), (3, ("glibc", "kernel"))])
def test_real_needs_restarting_reboot_required(n, packages):
    answer = parse_needs_restarting(1, real("linux", "needs-restarting-r", n), "")
    assert answer.needed and answer.packages == packages


def test_needs_restarting_nothing_needed_and_old_versions():
    ok = "No core libraries or services have been updated since boot-up.\nReboot should not be necessary.\n"
    assert not parse_needs_restarting(0, ok, "").needed
    with pytest.raises(ParseError, match="no such option: -r"):
        parse_needs_restarting(
            2, "", "Usage: needs-restarting [options]\n\nneeds-restarting: error: no such option: -r\n"
        )


# --- text no tool prints: ParseError (UNKNOWN), never a crash (ERROR); test_parsers_fuzz.py has more


def test_apt_history_with_an_impossible_end_date_is_a_parse_error():
    history = "Start-Date: 2024-13-01  10:00:00\nUpgrade: libc6:amd64 (2.36-9, 2.36-9+deb12u4)\nEnd-Date: 2024-13-01  10:00:05\n"
    with pytest.raises(ParseError, match="End-Date: '2024-13-01 10:00:05'"):
        last_apt_run(history)


def test_zypper_header_with_category_only_inside_a_cell_is_a_parse_error():
    table = "Repository | Name | Categoryx | Severity | Interactive | Status | Summary\n---+---\nr | n | c | s | i | needed | x\n"
    with pytest.raises(ParseError, match="no Category or no Status column"):
        parse_list_patches(table)
