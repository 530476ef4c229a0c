"""Parsers behind the updates checks, over every real capture in ../shared and our own."""

from datetime import UTC, datetime

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.apk import parse_apk_version
from hygiene.parsers.apt import last_apt_run, parse_apt_get_simulate, parse_apt_list_upgradable
from hygiene.parsers.dnf import parse_check_update, parse_updateinfo, running_kernel_notes
from hygiene.parsers.needs_restarting import parse_needs_restarting
from hygiene.parsers.pacman import parse_pacman_upgrades
from hygiene.parsers.zypper import parse_list_patches, parse_list_updates, patch_notes
from tests.helpers import fixture, read_real, real, real_output_files

# --- apt ---------------------------------------------------------------------------------


def test_real_apt_list_upgradable_counts_security_suites():
    updates = parse_apt_list_upgradable(real("linux", "apt-list-upgradable", 1)).updates
    assert len(updates) == 15
    security = sorted(u.name for u in updates if u.security)
    assert security == [
        "accountsservice", "binutils-common", "binutils-x86-64-linux-gnu", "openssl",
        "perl-base", "perl-modules-5.34", "sudo", "vim", "xxd",
    ]  # fmt: skip
    assert next(u for u in updates if u.name == "perl-modules-5.34").source == "jammy-updates,jammy-security"


def test_real_apt_list_with_only_the_warning_and_header_is_empty():
    listing = parse_apt_list_upgradable(real("linux", "apt-list-upgradable", 3))
    assert listing.updates == () and listing.unrecognised == () and listing.notes == ("Listing...",)


def test_apt_list_rejects_what_it_does_not_know():
    with pytest.raises(ParseError, match="unrecognised"):
        parse_apt_list_upgradable("Auflistung... Fertig\nfoo bar\n")


@pytest.mark.parametrize("path", real_output_files("linux", "apt-get-s-upgrade"))
def test_every_real_apt_get_simulation_parses(path):
    listing = parse_apt_get_simulate(read_real(path))
    assert listing.updates and listing.unrecognised == ()


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
    updates = parse_apt_get_simulate(real("linux", "apt-get-s-upgrade", n)).updates
    assert len(updates) >= total if n == 11 else len(updates) == total
    assert {u.name for u in updates if u.security} == security


def test_apt_history_newest_install_or_upgrade_not_a_purge():
    assert last_apt_run(fixture("linux/apt-history/ubuntu.txt")) == datetime(2026, 11, 20, 6, 31, 12, tzinfo=UTC)
    assert last_apt_run("") is None


# --- dnf / yum ---------------------------------------------------------------------------


def test_real_yum_updateinfo_list_security():
    info = parse_updateinfo(real("linux", "dnf-updateinfo-list-security", 1))
    assert len(info.advisories) == 13 and all(a.security for a in info.advisories) and info.unrecognised == ()
    assert (info.advisories[4].id, info.advisories[4].kind) == ("RHSA-2016:2594", "Moderate/Sec.")
    assert info.advisories[4].name_arch == ("389-ds-base", "x86_64")
    assert info.advisories[12].name_arch == ("389-ds-base-libs", "x86_64")


def test_real_dnf_list_sec_with_interleaved_progress_lines():
    info = parse_updateinfo(real("linux", "dnf-updateinfo-list-security", 3))
    (advisory,) = info.advisories
    assert advisory.package == "TurboGears-1.0.2.2-2.fc17.noarch" and advisory.security and info.unrecognised == ()


def test_own_dnf_layouts():
    dnf5 = parse_updateinfo(fixture("linux/dnf-updateinfo/dnf5-fedora41.txt")).advisories
    assert [(a.package, a.security) for a in dnf5] == [
        ("openssh-9.8p1-3.fc41.1.x86_64", True),
        ("openssh-clients-9.8p1-3.fc41.1.x86_64", True),
        ("gnome-shell-47.2-1.fc41.x86_64", False),
    ]
    assert len(parse_updateinfo(fixture("linux/dnf-updateinfo/dnf4-rhel9.txt")).advisories) == 3
    missing = parse_updateinfo(fixture("linux/dnf-updateinfo/cache-missing.txt"))
    assert missing.advisories == () and missing.unrecognised == ("Error: Cache-only enabled but no cache for 'baseos'",)


def test_real_dnf_check_update():
    listing = parse_check_update(real("linux", "dnf-check-update", 1))
    updates = listing.updates
    assert (
        len(updates) == 15
        and listing.unrecognised == ()
        and updates[0].name == "apr-util.x86_64"
        and updates[0].security is None
    )
    assert updates[2].version == "32:9.11.4-26.P2.el7_9.13"


@pytest.mark.parametrize("n", [1, 3])
def test_real_yum_check_update_with_wrapped_names_and_mirror_lines(n):
    listing = parse_check_update(real("linux", "yum-check-update", n))
    updates = listing.updates
    assert listing.unrecognised == ()
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
    updates = parse_pacman_upgrades(real("linux", "checkupdates-pacman", 1)).updates
    assert len(updates) == 20 and updates[11].name == "linux" and updates[11].version == "6.0.12.arch1-1"
    assert all(u.security is None for u in updates)


def test_pacman_rejects_unknown_lines_and_skips_warnings():
    # kept, not skipped: without its sync database pacman compared against nothing
    listing = parse_pacman_upgrades("warning: database file for 'core' does not exist\n")
    assert listing.updates == () and listing.unrecognised == ("warning: database file for 'core' does not exist",)
    with pytest.raises(ParseError):
        parse_pacman_upgrades("error-free nonsense\n")


def test_own_apk_version():
    listing = parse_apk_version(fixture("linux/apk-version/alpine-3.20.txt"))
    assert listing.unrecognised == ()
    assert [u.name for u in listing.updates] == ["busybox", "libcrypto3", "libssl3", "ssl_client"]


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


# --- issue 11: deciding lines, unrecognised lines, cut outputs, words in every case and number


def test_apt_simulation_keeps_its_summary_kept_back_and_phased_lists():
    kept = parse_apt_get_simulate(fixture("linux/apt-get-s/kept-back.txt"))
    assert [(u.name, u.security, u.source) for u in kept.updates] == [
        ("snapd", False, "Ubuntu:22.04/jammy-updates"),
        ("linux-generic", None, "kept back"),
        ("linux-headers-generic", None, "kept back"),
        ("linux-image-generic", None, "kept back"),
    ]
    assert kept.notes == ("1 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.",) and kept.unlisted == 0
    assert kept.unrecognised == ()  # the NOTE block, progress lines and Conf lines are all known
    phased = parse_apt_get_simulate(fixture("linux/apt-get-s/phased.txt"))
    assert [(u.name, u.security) for u in phased.updates] == [("ubuntu-drivers-common", False)]


def test_apt_simulation_counts_what_its_summary_has_but_its_lines_lost():
    assert parse_apt_get_simulate(fixture("linux/apt-get-s/summary-counts-more.txt")).unlisted == 3
    cut = parse_apt_get_simulate(fixture("linux/apt-get-s/cut-mid-inst.txt"))
    assert [(u.name, u.security) for u in cut.updates] == [("base-files", False), ("libc-bin", False), ("libc6", None)]


def test_apt_simulation_line_of_no_known_form_is_kept():
    listing = parse_apt_get_simulate("The following packages have unmet dependencies:\n libc6 : Depends: x\n")
    assert listing.unrecognised == ("The following packages have unmet dependencies:", " libc6 : Depends: x")


def test_dnf_notes_on_the_running_kernel_are_told_apart_from_packages():
    text = fixture("linux/dnf-check-update/dnf4-running-kernel.txt")
    assert running_kernel_notes(text) == (
        "Security: kernel-core-5.14.0-611.9.1.el9_7.x86_64 is an installed security update",
        "Security: kernel-core-5.14.0-611.5.1.el9_7.x86_64 is the currently running version",
    )
    listing = parse_check_update(text)
    assert [u.name for u in listing.updates] == ["NetworkManager.x86_64", "NetworkManager-libnm.x86_64"]
    assert listing.unrecognised == ()
    # the "currently running" line alone says nothing was installed: no note
    assert running_kernel_notes("Security: kernel-5.1 is the currently running version\n") == ()


def test_dnf5_check_upgrade_heading_and_a_cut_table():
    listing = parse_check_update(fixture("linux/dnf-check-update/dnf5-upgrades-heading.txt"))
    assert [u.name for u in listing.updates] == ["curl.x86_64", "libcurl.x86_64"] and listing.unrecognised == ()
    cut = parse_check_update(fixture("linux/dnf-check-update/cut-mid-table.txt"))
    assert cut.updates[-1].name == "subscription-manager-rhsm-certificates.noarch" and cut.updates[-1].version == ""


def test_updateinfo_words_in_every_case_and_yum_installed_marks():
    info = parse_updateinfo(
        "RHSA-2026:1 important/sec. a-1-1.x86_64\nFEDORA-EPEL-2026-2 Security b-1-1.x86_64\n"
        "i RHSA-2026:3 Important/Sec. c-1-1.x86_64\nRHSA-2026:4 Important/Sec.\n"
    )
    assert [(a.id, a.security) for a in info.advisories] == [("RHSA-2026:1", True), ("FEDORA-EPEL-2026-2", True)]
    assert info.unrecognised == ("RHSA-2026:4 Important/Sec.",)  # a row cut short


@pytest.mark.parametrize(
    ("line", "needed", "security"),
    [
        ("15 patches needed (12 security patches)", 15, 12),
        ("1 patch needed (1 security patch)", 1, 1),
        ("2 patches needed (1 security patch)", 2, 1),
        ("0 patches needed (0 security patches)", 0, 0),
    ],
)
def test_zypper_summary_in_singular_and_plural(line, needed, security):
    notes = patch_notes(f"Found {needed} applicable patches:\n{line}\n")
    assert (notes.needed, notes.security, notes.summary, notes.unrecognised) == (needed, security, line, ())


def test_zypper_status_and_category_words_in_any_case():
    (patch,) = parse_list_patches(fixture("linux/zypper-list-patches/capitalised-words.txt"))
    assert patch.needed and patch.pending and patch.security
    (locked,) = parse_list_patches(fixture("linux/zypper-list-patches/locked-security.txt"))
    assert not locked.needed and locked.pending and locked.security
    assert patch_notes(fixture("linux/zypper-list-patches/locked-security.txt")).unrecognised == ()


def test_zypper_list_updates_table_and_nothing():
    listing = parse_list_updates(fixture("linux/zypper-list-updates/tumbleweed.txt"))
    assert [(u.name, u.version, u.source, u.security) for u in listing.updates][0] == (
        "libopenssl3", "3.5.3-1.1", "Main Repository (OSS)", None
    )  # fmt: skip
    assert len(listing.updates) == 3 and listing.unrecognised == ()
    nothing = parse_list_updates(fixture("linux/zypper-list-updates/nothing.txt"))
    assert (nothing.updates, nothing.notes) == ((), ("No updates found.",))
    with pytest.raises(ParseError):
        parse_list_updates("Repository 'Main' is out-of-date.\nSomething else.\n")


@pytest.mark.parametrize(
    ("name", "code", "needed", "packages"),
    [
        ("yum-utils-el7-required", 1, True, ("kernel", "systemd")),
        ("yum-utils-el7-not-needed", 0, False, ()),
        ("dnf4-not-needed-subscription", 0, False, ()),
        ("cut-after-packages", 1, True, ("dbus-daemon", "kernel-core")),
    ],
)
def test_needs_restarting_in_every_version(name, code, needed, packages):
    answer = parse_needs_restarting(code, fixture(f"linux/needs-restarting/{name}.txt"), "")
    assert (answer.needed, answer.packages, answer.unrecognised) == (needed, packages, ())
    assert answer.lines


def test_needs_restarting_words_in_any_case_and_its_strange_lines():
    answer = parse_needs_restarting(1, "REBOOT IS REQUIRED to fully utilize these updates.\n", "")
    assert answer.needed
    strange = parse_needs_restarting(0, fixture("linux/needs-restarting/not-needed-with-strange-line.txt"), "")
    assert not strange.needed and strange.unrecognised == ("Boot time could not be determined; results may be wrong.",)
    with pytest.raises(ParseError):  # both verdicts at once: no clear answer
        parse_needs_restarting(0, "Reboot is required.\nReboot should not be necessary.\n", "")


def test_apk_keeps_its_warnings_and_a_cut_line():
    listing = parse_apk_version(fixture("linux/apk-version/index-missing.txt"))
    assert listing.updates == () and listing.unrecognised[0].startswith("WARNING: opening from cache")
    cut = parse_apk_version("Installed:                                Available:\nmusl-1.2.5-r9          <\n")
    assert [(u.name, u.version) for u in cut.updates] == [("musl", "")]


def test_apt_list_that_printed_nothing_decided_nothing():
    with pytest.raises(ParseError, match="neither `Listing...` nor a package"):
        parse_apt_list_upgradable("\nWARNING: apt does not have a stable CLI interface.\n")


def test_apt_simulation_knows_every_heading_and_hint_it_prints():
    """Debian 12 `apt-get -s dist-upgrade` with a held package changed, a new kernel, a removal,
    suggestions and autoremove's hint: none of it is unrecognised."""
    listing = parse_apt_get_simulate(fixture("linux/apt-get-s/held-new-removed-autoremove.txt"))
    assert listing.unrecognised == () and listing.unlisted == 0
    assert [(u.name, u.security) for u in listing.updates] == [
        ("linux-image-6.1.0-41-amd64", True),
        ("linux-image-amd64", True),
        ("openssh-server", True),
    ]


def test_dnf_subscription_manager_and_locale_notes_are_known():
    """RHEL 9 `dnf check-update` by a user, on a machine not registered, without its locale."""
    listing = parse_check_update(fixture("linux/dnf-check-update/rhel-not-registered.txt"))
    assert [u.name for u in listing.updates] == ["tzdata.noarch"] and listing.unrecognised == ()


def test_zypper_notes_on_outdated_repositories_are_known():
    """hygiene reads zypper's cache without refreshing it: zypper says so, harmlessly."""
    notes = patch_notes(fixture("linux/zypper-list-patches/outdated-repository-note.txt"))
    assert notes.unrecognised == () and notes.security is None
    assert parse_list_patches(fixture("linux/zypper-list-patches/outdated-repository-note.txt")) == []


def test_dnf5_types_cut_to_a_narrow_terminal_are_read_by_their_start():
    """dnf5 cuts its TYPE and SEVERITY cells to the terminal's width with no ellipsis: "secu"
    is security, "enha" enhancement; a cut too short to tell, or a word that starts no type,
    leaves its row unrecognised rather than "not security" (a false PASS otherwise)."""
    info = parse_updateinfo(fixture("linux/dnf-updateinfo/dnf5-narrow.txt"))
    kinds = [(a.id, a.kind, a.security) for a in info.advisories]
    assert kinds == [
        ("FEDORA-2026-1a2b3c4d5e", "enha", False),
        ("FEDORA-2026-2b3c4d5e6f", "bugf", False),
        ("FEDORA-2026-3c4d5e6f70", "secu", True),
        ("FEDORA-2026-4d5e6f7081", "unsp", False),
    ]
    assert [line.split()[1] for line in info.unrecognised] == ["se", "fixes"]
