"""UPD-001..004 on Linux read what the outputs say (issue 11): a cut output counts what it shows, a
state word is read in every case and number the tool prints, a line no parser knows is never
passed over, a fact one output carries reaches the check that needs it, and every verdict
quotes the lines that decided it.

Fixtures are our own, in the real formats; each test's docstring names the real shape mimicked."""

import pytest

from hygiene.checks import updates
from hygiene.checks.updates.linux import (
    APK_PENDING,
    APT_LIST,
    APT_SECURITY_LISTS,
    APT_SIMULATE,
    DNF_CHECK_UPDATE,
    DNF_UPDATEINFO,
    PACMAN_PENDING,
    REBOOT_FLAG_WRITERS,
    TIMERS,
    UNATTENDED_UPGRADE,
    ZYPP_REBOOT_FLAGS,
    ZYPPER_PATCHES,
    ZYPPER_UPDATES,
)
from hygiene.model import Status
from tests.checks.test_checks_updates_linux import check, linux
from tests.helpers import fixture, real

SECURITY_LISTS = {APT_SECURITY_LISTS: ["/var/lib/apt/lists/security.ubuntu.com_ubuntu_dists_jammy-security_InRelease"]}
NO_LIST = (100, "", "E: Invalid operation list\n")  # apt < 1.0: only the simulation answers


def apt_list(text):
    return check(
        linux("ubuntu", commands={APT_LIST: (0, text, "")}, globs=SECURITY_LISTS), updates.no_pending_security_updates
    )


def apt_get(text):
    m = linux("ubuntu", commands={APT_LIST: NO_LIST, APT_SIMULATE: (0, text, "")}, globs=SECURITY_LISTS)
    return check(m, updates.no_pending_security_updates)


# --- UPD-001 apt -----------------------------------------------------------------------------


def test_apt_list_cut_before_its_suites_is_pending_and_unclassified():
    """`apt list --upgradable` whose last line was cut after the package name."""
    f = apt_list(fixture("linux/apt-list-upgradable/cut-before-suites.txt"))
    assert f.status is Status.WARN and f.evidence["pending"] == ["libssl3"]
    assert f.summary == (
        "1 update pending (libssl3); cannot tell whether it fixes security issues "
        "(the output was cut before it named their suites)."
    )
    assert f.evidence["apt"] == "libssl3/jammy-upd"


def test_apt_list_cut_after_a_security_suite_fails():
    """The same, cut after "jammy-security" was printed: that is enough to know."""
    f = apt_list(fixture("linux/apt-list-upgradable/cut-after-security-suite.txt"))
    assert f.status is Status.FAIL and f.summary == "1 security update waiting: libssl3."
    assert f.evidence["apt"] == "libssl3/jammy-updates,jammy-security 3.0.2-0ubuntu1.18 amd64 [upgradable fr"


def test_apt_list_line_of_no_known_form_is_never_passed_over():
    text = "Listing...\nbind9-libs/jammy-updates 1:9.18.30 amd64 [upgradable from: 1:9.18.28]\nE - nothing here\n"
    f = apt_list(text)
    assert f.status is Status.UNKNOWN and '"E - nothing here"' in f.summary
    assert f.evidence["unrecognised"] == ["E - nothing here"]


def test_apt_get_kept_back_packages_are_pending():
    """`apt-get -s dist-upgrade` (not -qq) keeping the kernel meta packages back: they are
    updates not installed, of suites apt does not name there."""
    f = apt_get(fixture("linux/apt-get-s/kept-back.txt"))
    assert f.status is Status.WARN
    assert f.summary == (
        "3 updates pending (linux-generic, linux-headers-generic, linux-image-generic); cannot tell which fix "
        "security issues (apt keeps some back and does not name their suites)."
    )
    assert f.evidence["apt-get"] == ["linux-generic linux-headers-generic linux-image-generic"] * 3
    assert f.evidence["other_count"] == 1  # snapd, from jammy-updates


def test_apt_get_updates_deferred_by_phasing_are_not_security_updates():
    """Ubuntu phases -updates only, never -security: a deferred update is another update."""
    f = apt_get(fixture("linux/apt-get-s/phased.txt"))
    assert f.status is Status.PASS and f.summary == "No security updates are waiting (1 other update is available)."
    assert f.evidence["apt-get"] == [
        "0 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.",
        "ubuntu-drivers-common",
    ]


def test_apt_get_with_nothing_to_do_quotes_its_summary():
    f = apt_get(fixture("linux/apt-get-s/nothing.txt"))
    assert f.status is Status.PASS and f.summary == "No security updates are waiting."
    assert f.evidence["apt-get"] == "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded."


def test_apt_get_cut_after_two_inst_lines_counts_the_rest_as_unknown():
    """The "will be upgraded" list names five; the output stops after two Inst lines."""
    f = apt_get(fixture("linux/apt-get-s/cut-after-two-inst.txt"))
    assert f.status is Status.WARN and f.evidence["pending"] == ["libexpat1", "libssl3", "openssl"]
    assert f.evidence["other_count"] == 2 and "the output was cut" in f.summary
    assert f.evidence["apt-get"] == ["  libexpat1 libssl3 openssl tzdata vim-tiny".strip()] * 3


def test_apt_get_cut_mid_inst_line_still_names_its_package():
    """-qq style (no summary), the last Inst line cut inside its origin."""
    f = apt_get(fixture("linux/apt-get-s/cut-mid-inst.txt"))
    assert f.status is Status.WARN and f.evidence["pending"] == ["libc6"]
    assert f.evidence["apt-get"] == "Inst libc6 [2.36-9+deb12u8] (2.36-9+deb12u9 Deb"


def test_apt_get_cut_before_its_summary_says_nothing_and_is_unknown():
    """`apt-get -s dist-upgrade` (not -qq, as hygiene asks it) cut after "Calculating
    upgrade...": no Inst line and no "N upgraded, ..." summary, so nothing says whether an
    update is pending. It was a PASS with no deciding line."""
    f = apt_get(fixture("linux/apt-get-s/cut-before-summary.txt"))
    assert f.status is Status.UNKNOWN
    assert "neither a package nor its summary" in f.summary and "'Calculating upgrade...'" in f.summary


def test_apt_get_summary_counting_more_than_it_lists_is_not_a_pass():
    """The summary says 4 upgraded; one Inst line follows before the cut."""
    f = apt_get(fixture("linux/apt-get-s/summary-counts-more.txt"))
    assert f.status is Status.WARN and f.evidence["unlisted_count"] == 3
    assert f.summary == (
        "3 updates pending; cannot tell which fix security issues (apt's summary counts 3 more updates than it lists)."
    )
    assert f.evidence["apt-get"] == "4 upgraded, 0 newly installed, 0 to remove and 0 not upgraded."


@pytest.mark.parametrize("n", [3, 5, 7, 9, 11])
def test_real_apt_get_simulations_without_a_security_origin_pass_and_quote_their_lines(n):
    f = apt_get(real("linux", "apt-get-s-upgrade", n))
    assert f.status is Status.PASS and f.evidence["apt-get"][-1].startswith("Inst ")


# --- UPD-001 dnf / yum -----------------------------------------------------------------------

YUM_INFO, YUM_CHECK = ("yum", *DNF_UPDATEINFO), ("yum", *DNF_CHECK_UPDATE)
DNF_INFO, DNF_CHECK = ("dnf", *DNF_UPDATEINFO), ("dnf", *DNF_CHECK_UPDATE)


def test_yum_without_updateinfo_still_reads_the_pending_list():
    """CentOS 6 without yum-plugin-security: `yum updateinfo` is no command at all."""
    m = linux("centos", commands={
        YUM_INFO: (1, "", fixture("linux/dnf-updateinfo/yum-without-security-plugin.txt")),
        YUM_CHECK: (100, real("linux", "yum-check-update", 1), ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["unclassified_count"] == 41
    assert f.summary.endswith(
        "cannot tell which fix security issues (`yum updateinfo` failed: No such command: updateinfo. "
        "Please use /usr/bin/yum --help)."
    )
    assert f.evidence["yum"][1] == "centos-release.x86_64        7-9.2009.2.el7.centos         updates"


EL7_PENDING = """Loaded plugins: langpacks, product-id, search-disabled-repos, subscription-manager
bash.x86_64                  4.2.46-36.el7_9               rhel-7-server-rpms
openssl-libs.x86_64          1:1.0.2k-27.el7_9             rhel-7-server-rpms
python-pillow.x86_64         2.0.0-24.el7                  epel
sos.noarch                   3.9-6.el7_9                   rhel-7-server-rpms
tzdata.noarch                2026a-1.el7                   rhel-7-server-rpms
"""


def test_yum_advisories_of_every_type_classify_each_pending_update():
    """RHEL 7 `yum updateinfo list`: Sec. with a severity, a bare "security" (EPEL, no
    severity), bugfix and enhancement; bash has no advisory at all."""
    m = linux("rhel", commands={
        DNF_INFO: (0, fixture("linux/dnf-updateinfo/yum-el7-all-types.txt"), ""),
        DNF_CHECK: (100, EL7_PENDING, ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_updates"] == ["openssl-libs.x86_64", "python-pillow.x86_64"]
    assert f.evidence["dnf"] == [
        "RHSA-2026:0455 Important/Sec. openssl-libs-1:1.0.2k-27.el7_9.x86_64",
        "FEDORA-EPEL-2026-1f0c3a9e2d security       python-pillow-2.0.0-24.el7.x86_64",
    ]
    assert (f.evidence["other_count"], f.evidence["unclassified_count"]) == (2, 1)  # tzdata, sos; bash


def test_dnf_check_update_cut_mid_table_counts_what_it_shows():
    """A table cut after a wrapped name, before the name's version line."""
    m = linux("rhel", commands={
        DNF_INFO: (0, "", ""), DNF_CHECK: (100, fixture("linux/dnf-check-update/cut-mid-table.txt"), ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["unclassified_count"] == 4
    assert "subscription-manager-rhsm-certificates.noarch" in f.evidence["pending"]


def test_dnf_advisories_next_to_a_line_of_no_known_form_classify_nothing_as_safe():
    """dnf waiting on another dnf's lock prints a line first; its bug-fix row then proves nothing."""
    m = linux("rhel", commands={
        DNF_INFO: (0, fixture("linux/dnf-updateinfo/lock-wait.txt"), ""),
        DNF_CHECK: (100, "NetworkManager.x86_64   1:1.52.0-7.el9_7   baseos\n", ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["unrecognised"] == ["Waiting for process with pid 4242 to finish."]
    assert 'printed a line hygiene does not recognise: "Waiting for process with pid 4242 to finish."' in f.summary


def test_dnf5_advisory_type_cut_by_a_narrow_terminal_still_fails():
    """ "secu" is security cut to its column (a false PASS before); the rows whose type cannot be
    told are quoted as unrecognised."""
    m = linux("fedora", commands={
        DNF_INFO: (0, fixture("linux/dnf-updateinfo/dnf5-narrow.txt"), ""),
        DNF_CHECK: (100, "openssl-libs.x86_64   1:3.5.4-1.fc44   updates\n", ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and "openssl-libs" in f.summary
    assert f.evidence["dnf"].startswith("FEDORA-2026-3c4d5e6f70 secu")
    assert [line.split()[1] for line in f.evidence["unrecognised"]] == ["se", "fixes"]


def test_dnf_nothing_pending_passes_and_a_failed_check_update_does_not():
    nothing = linux(
        "fedora", commands={DNF_INFO: (0, "", ""), DNF_CHECK: (0, "Last metadata expiration check: 0:02:11 ago.\n", "")}
    )
    assert check(nothing, updates.no_pending_security_updates).status is Status.PASS
    advisories = fixture("linux/dnf-updateinfo/dnf4-rhel9.txt")
    broken = linux("rhel", commands={DNF_INFO: (0, advisories, ""), DNF_CHECK: (1, "", "Error: rpmdb open failed\n")})
    f = check(broken, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_updates"] == [
        "kernel-core.x86_64",
        "kernel.x86_64",
        "libxml2.x86_64",
    ]
    bugfixes = "RHBA-2026:8790 bugfix NetworkManager-1:1.52.0-7.el9_7.x86_64\n"
    broken = linux("rhel", commands={DNF_INFO: (0, bugfixes, ""), DNF_CHECK: (1, "", "Error: rpmdb open failed\n")})
    f = check(broken, updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "rpmdb open failed" in f.summary


def test_dnf_check_update_saying_updates_but_listing_none_is_unknown():
    m = linux("fedora", commands={DNF_INFO: (0, "", ""), DNF_CHECK: (100, "Upgrades\n", "")})
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "lists none" in f.summary


# --- UPD-001 zypper ----------------------------------------------------------------------------


def zypper(distro="opensuse-leap", patches=(0, "", ""), updates_=None):
    commands = {ZYPPER_PATCHES: patches}
    if updates_ is not None:
        commands[ZYPPER_UPDATES] = updates_
    files = {"/etc/os-release": f'ID="{distro}"\nVERSION_ID="20261120"\n'} if distro != "opensuse-leap" else {}
    return linux("opensuse-leap", commands=commands, files=files)


def test_zypper_capitalised_category_and_status_and_a_singular_summary():
    """Word drift: "Security" / "Needed", and "1 patch needed (1 security patch)"."""
    m = zypper(patches=(101, fixture("linux/zypper-list-patches/capitalised-words.txt"), ""))
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_updates"] == ["SUSE-SLE-Product-SLES-15-SP6"]
    assert f.evidence["zypper"].startswith("SLE-Product-SLES15-SP6-Upda | SUSE-SLE-Product-SLES-15-SP6 | Security")


def test_zypper_security_patch_locked_by_the_admin_is_still_waiting():
    """Status "unwanted": applicable, not installed, held by a lock."""
    f = check(
        zypper(patches=(0, fixture("linux/zypper-list-patches/locked-security.txt"), "")),
        updates.no_pending_security_updates,
    )
    assert f.status is Status.FAIL and f.evidence["security_updates"] == ["openSUSE-SLE-15.6-2026-4310"]


def test_zypper_summary_decides_when_the_table_lost_its_first_rows():
    """A capture cut at its start: no header, one recommended row, then the summary."""
    m = zypper(patches=(101, fixture("linux/zypper-list-patches/rows-without-header.txt"), ""))
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.summary == "zypper counts 2 security patches needed, though its table was cut."
    assert f.evidence["zypper"] == "3 patches needed (2 security patches)"


def test_zypper_filtered_list_with_nothing_needed_quotes_its_summary():
    """`list-patches --category security` with only other patches applicable."""
    m = zypper(patches=(100, fixture("linux/zypper-list-patches/security-none-needed.txt"), ""))
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.PASS and f.evidence["zypper"] == "0 patches needed (0 security patches)"


def test_zypper_line_of_no_known_form_is_unknown():
    text = fixture("linux/zypper-list-patches/security-none-needed.txt") + "System management is locked\n"
    f = check(zypper(patches=(0, text, "")), updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and f.evidence["unrecognised"] == ["System management is locked"]


def test_zypper_status_word_of_no_known_kind_is_unknown_not_applied():
    """zypper's status column says needed, unwanted, optional, applied or not needed; libzypp's
    own word for a patch it could not evaluate is "undetermined". Such a row was read as not
    pending: a security patch of unknown state made a PASS."""
    text = fixture("linux/zypper-list-patches/undetermined-status.txt")
    f = check(zypper(patches=(0, text, "")), updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "| undetermined |" in f.summary
    assert f.evidence["unrecognised"] == [line for line in text.splitlines() if "undetermined" in line]


def test_tumbleweed_reads_package_updates_when_it_has_no_patches():
    """openSUSE Tumbleweed: `zypper lp` says "No updates found." while `zypper lu` lists three."""
    m = zypper("opensuse-tumbleweed", (0, real("linux", "zypper-list-patches", 1), ""),
               (0, fixture("linux/zypper-list-updates/tumbleweed.txt"), ""))  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["pending"] == ["libopenssl3", "openssl-3", "sudo"]
    assert "rolling releases ship their fixes as snapshots" in f.summary
    assert f.evidence["zypper"][0].startswith("v | Main Repository (OSS)  | libopenssl3")
    m = zypper("opensuse-tumbleweed", (0, real("linux", "zypper-list-patches", 1), ""),
               (0, fixture("linux/zypper-list-updates/nothing.txt"), ""))  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.PASS and f.evidence["zypper"] == "No updates found."


def test_zypper_list_patches_failing_falls_back_to_list_updates():
    failed = (2, "", "Unknown option '--category'\n")
    f = check(zypper(patches=failed, updates_=(0, fixture("linux/zypper-list-updates/tumbleweed.txt"), "")),
              updates.no_pending_security_updates)  # fmt: skip
    assert f.status is Status.WARN and "`zypper list-patches` failed: Unknown option '--category'" in f.summary
    both = zypper(patches=failed, updates_=(7, "", "System management is locked by the application with pid 4040.\n"))
    f = check(both, updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "list-updates` failed: System management is locked" in f.summary


# --- UPD-001 pacman, apk -----------------------------------------------------------------------


def test_pacman_without_its_sync_database_is_unknown_not_a_pass():
    """`pacman -Qu` before the first `pacman -Sy`: warnings on stderr, nothing listed, exit 1."""
    m = linux("arch", commands={PACMAN_PENDING: (1, "", fixture("linux/pacman-Qu/no-sync-database.txt"))})
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "database file for 'core' does not exist" in f.summary
    assert len(f.evidence["unrecognised"]) == 2


def test_pacman_line_cut_at_its_arrow_is_pending():
    m = linux("arch", commands={PACMAN_PENDING: (0, fixture("linux/pacman-Qu/cut-at-arrow.txt"), "")})
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["pending"] == ["linux", "openssl"]
    assert f.evidence["pacman"] == ["linux 6.17.1.arch1-1 -> 6.17.4.arch1-1", "openssl 3.5.3-1 ->"]


def test_apk_with_a_cold_index_cache_is_unknown_not_a_pass():
    """`apk version -l '<'` whose index could not be opened: the header and a WARNING only."""
    m = linux("alpine", commands={APK_PENDING: (0, fixture("linux/apk-version/index-missing.txt"), "")})
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and f.summary.startswith(
        '`apk` printed a line hygiene does not recognise: "WARNING: opening from cache'
    )


# --- UPD-004 Linux -----------------------------------------------------------------------------

NEEDS = ("needs-restarting", "-r")


@pytest.mark.parametrize(
    ("name", "code", "status", "packages", "quoted"),
    [
        ("yum-utils-el7-required", 1, Status.FAIL, ["kernel", "systemd"],
         "Reboot is required to ensure that your system benefits from these updates."),
        ("yum-utils-el7-not-needed", 0, Status.PASS, [], "Reboot is probably not necessary."),
        ("dnf4-not-needed-subscription", 0, Status.PASS, [], "Reboot should not be necessary."),
        ("cut-after-packages", 1, Status.FAIL, ["dbus-daemon", "kernel-core"],
         "Core libraries or services have been updated since boot-up:"),
    ],
)  # fmt: skip
def test_needs_restarting_in_every_version_it_speaks(name, code, status, packages, quoted):
    """yum-utils on EL7 ("kernel -> version", "probably not necessary"), dnf4 under
    subscription-manager, and an answer cut after its package lines."""
    m = linux("rhel", commands={NEEDS: (code, fixture(f"linux/needs-restarting/{name}.txt"), "")})
    f = check(m, updates.no_pending_reboot)
    assert f.status is status and f.evidence["packages"] == packages
    assert quoted in f.evidence["needs-restarting"]


def test_needs_restarting_line_of_no_known_form_is_unknown():
    text = fixture("linux/needs-restarting/not-needed-with-strange-line.txt")
    f = check(linux("rhel", commands={NEEDS: (0, text, "")}), updates.no_pending_reboot)
    assert f.status is Status.UNKNOWN and f.evidence["unrecognised"] == [
        "Boot time could not be determined; results may be wrong."
    ]


def test_needs_restarting_packages_beside_not_needed_are_unknown():
    """A package line ("  * glibc") beside "No core libraries ... have been updated" contradicts
    it (two answers run together): the package was dropped and the "not needed" passed."""
    text = (
        "No core libraries or services have been updated since boot-up.\n  * glibc\nReboot should not be necessary.\n"
    )
    f = check(linux("rhel", commands={NEEDS: (0, text, "")}), updates.no_pending_reboot)
    assert f.status is Status.UNKNOWN and f.evidence["unrecognised"] == ["* glibc"]


RUNNING_KERNEL = [
    "Security: kernel-core-5.14.0-611.9.1.el9_7.x86_64 is an installed security update",
    "Security: kernel-core-5.14.0-611.5.1.el9_7.x86_64 is the currently running version",
]


def test_dnf_note_on_the_running_kernel_reaches_the_reboot_check():
    """dnf's updateinfo says the running kernel is older than an installed security update;
    needs-restarting (judging by boot time) says nothing is needed: the kernel note wins."""
    not_needed = fixture("linux/needs-restarting/dnf4-not-needed-subscription.txt")
    m = linux("rhel", commands={
        NEEDS: (0, not_needed, ""),
        DNF_INFO: (0, fixture("linux/dnf-updateinfo/dnf4-running-kernel.txt"), ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_reboot)
    assert f.status is Status.FAIL and f.evidence["dnf"] == RUNNING_KERNEL
    assert f.summary == "The running kernel is older than an installed security update; restart to use it."


def test_the_running_kernel_note_decides_where_needs_restarting_cannot():
    """check-update carries the same note; old yum-utils reject -r, or it is not installed."""
    pending = fixture("linux/dnf-check-update/dnf4-running-kernel.txt")
    old = (2, "", "Usage: needs-restarting [options]\n\nneeds-restarting: error: no such option: -r\n")
    for answer in (old, "missing"):
        commands = {
            NEEDS: answer,
            ("dnf", "needs-restarting", "-r"): "missing",
            DNF_INFO: (0, "", ""),
            DNF_CHECK: (100, pending, ""),
        }
        f = check(linux("rhel", commands=commands), updates.no_pending_reboot)
        assert f.status is Status.FAIL and f.evidence["dnf"] == RUNNING_KERNEL


def test_the_same_note_does_not_count_as_a_pending_update():
    m = linux("rhel", commands={
        DNF_INFO: (0, fixture("linux/dnf-updateinfo/dnf4-running-kernel.txt"), ""),
        DNF_CHECK: (100, fixture("linux/dnf-check-update/dnf4-running-kernel.txt"), ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.PASS and f.summary == "No security updates are waiting (2 other updates are available)."


def test_zypper_reboot_flag_and_its_absence():
    """libzypp leaves /run/reboot-needed after installing a package that needs a reboot."""
    base = {("uname", "-r"): (0, "6.4.0-150600.23.25-default\n", "")}
    globs = {"/usr/lib/modules/*": ["/usr/lib/modules/6.4.0-150600.23.25-default"], "/lib/modules/*": []}
    flagged = linux("opensuse-leap", commands=base, globs=globs, exists={ZYPP_REBOOT_FLAGS[0]: True})
    f = check(flagged, updates.no_pending_reboot)
    assert f.status is Status.FAIL and f.evidence == {"flag": "/run/reboot-needed"}
    clear = linux("opensuse-leap", commands=base, globs=globs, exists=dict.fromkeys(ZYPP_REBOOT_FLAGS, False))
    f = check(clear, updates.no_pending_reboot)
    assert f.status is Status.PASS and f.evidence["uname"] == "6.4.0-150600.23.25-default"


def test_debian_reboot_quotes_the_packages_that_asked():
    flag = "/run/reboot-required"
    exists = {flag: True, "/var/run/reboot-required": True, **dict.fromkeys(REBOOT_FLAG_WRITERS, True)}
    m = linux(exists=exists, files={flag + ".pkgs": "linux-image-6.1.0-41-amd64\nlibc6\n"})
    f = check(m, updates.no_pending_reboot)
    assert f.status is Status.FAIL and f.evidence[flag + ".pkgs"] == ["libc6", "linux-image-6.1.0-41-amd64"]


# --- UPD-002 / UPD-003 Linux deciding lines ---------------------------------------------------


def test_apt_automatic_updates_quote_the_line_that_switched_them_off():
    auto = "/etc/apt/apt.conf.d/20auto-upgrades"
    m = linux(exists={UNATTENDED_UPGRADE: True}, globs={"/etc/apt/apt.conf.d/*": [auto]},
              files={auto: real("linux", "apt-20auto-upgrades", 1), "/etc/apt/apt.conf": None})  # fmt: skip
    f = check(m, updates.automatic_updates)
    assert f.status is Status.FAIL and f.evidence[auto] == 'APT::Periodic::Unattended-Upgrade "0";'


def test_dnf_automatic_quotes_apply_updates():
    conf = "/etc/dnf/automatic.conf"
    exists = {
        TIMERS + t: t == "dnf-automatic.timer"
        for t in ("dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer")
    }
    m = linux("fedora", exists=exists, files={conf: "[commands]\nupgrade_type = security\napply_updates = no\n"})
    f = check(m, updates.automatic_updates)
    assert f.status is Status.WARN and f.evidence[conf] == "apply_updates = no"


def test_apt_recency_quotes_the_history_line_when_it_decided():
    history = {"/var/log/apt/history.log": fixture("linux/apt-history/ubuntu.txt")}
    stamps = {"/var/lib/apt/periodic/update-success-stamp": None, "/var/lib/apt/lists": None}
    f = check(linux(files=history, mtimes=stamps), updates.updated_recently)
    assert f.status is Status.PASS and f.evidence["/var/log/apt/history.log"] == "End-Date: 2026-11-20  06:31:12"


def test_a_warn_quotes_the_first_line_no_parser_knows():
    """Pending updates and a pacman warning: WARN, and the warning is quoted, not dropped."""
    m = linux(
        "arch",
        commands={PACMAN_PENDING: (0, "zlib 1:1.3.1-1 -> 1:1.3.1-2\n", "warning: zlib: ignoring package upgrade\n")},
    )
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["unrecognised"] == ["warning: zlib: ignoring package upgrade"]
    assert f.summary.endswith(
        '`pacman` also printed a line hygiene does not recognise: "warning: zlib: ignoring package upgrade".'
    )
