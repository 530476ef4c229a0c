"""UPD-001..005 on Linux: every package manager, PASS / WARN / FAIL / UNKNOWN, on recorded machines."""

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
    RPM_INSTALL_TIMES,
    TIMERS,
    UNATTENDED_UPGRADE,
    ZYPPER_PATCHES,
)
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.platforms.linux import PACKAGE_MANAGERS
from tests.helpers import fixture, machine, real

OS_RELEASE = {
    "debian": 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    "ubuntu": 'ID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.5 LTS"\n',
    "fedora": 'ID=fedora\nVERSION_ID=41\nPRETTY_NAME="Fedora Linux 41 (Workstation Edition)"\n',
    "centos": 'ID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n',
    "rhel": 'ID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.7"\nPRETTY_NAME="Red Hat Enterprise Linux 9.7 (Plow)"\n',
    "opensuse-leap": 'ID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.6"\nPRETTY_NAME="openSUSE Leap 15.6"\n',
    "arch": 'NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\nPRETTY_NAME="Arch Linux"\n',
    "alpine": 'ID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n',
}
MANAGER_OF = {"debian": "apt", "ubuntu": "apt", "fedora": "dnf", "rhel": "dnf", "centos": "yum",
              "opensuse-leap": "zypper", "arch": "pacman", "alpine": "apk"}  # fmt: skip


def linux(distro="debian", *, commands=None, files=None, exists=None, globs=None, mtimes=None):
    """A recorded Linux machine of this distribution, with its package manager installed."""
    manager = MANAGER_OF[distro]
    found = {}
    for name, path in PACKAGE_MANAGERS:  # only the ones the detection asks about
        found[path] = name == manager
        if name == manager:
            break
    return machine(
        commands=commands,
        files={"/etc/os-release": OS_RELEASE[distro], **(files or {})},
        exists={**found, **(exists or {})},
        globs=globs,
        mtimes=mtimes,
        family={"apt": "debian", "dnf": "rhel", "yum": "rhel", "zypper": "suse"}.get(manager, manager),
    )


def check(system, fn):
    return run_one(system, fn)


SECURITY_LISTS = {APT_SECURITY_LISTS: ["/var/lib/apt/lists/security.ubuntu.com_ubuntu_dists_jammy-security_InRelease"]}

# --- UPD-001 -----------------------------------------------------------------------------------


def test_apt_fail_on_real_pending_security_updates():
    m = linux("ubuntu", commands={APT_LIST: (0, real("linux", "apt-list-upgradable", 1), "")}, globs=SECURITY_LISTS)
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_count"] == 9
    assert f.summary.startswith("9 security updates waiting: accountsservice, binutils-common")


def test_apt_pass_when_nothing_is_pending_real_warning_on_stderr():
    out = real("linux", "apt-list-upgradable", 3)
    m = linux(
        commands={APT_LIST: (0, out, "\nWARNING: apt does not have a stable CLI interface.\n")}, globs=SECURITY_LISTS
    )
    assert check(m, updates.no_pending_security_updates).status is Status.PASS


def test_apt_warn_when_no_security_lists_are_cached():
    m = linux(commands={APT_LIST: (0, real("linux", "apt-list-upgradable", 1), "")}, globs={APT_SECURITY_LISTS: []})
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and "no security repository lists cached" in f.summary
    assert f.summary.startswith(
        "15 updates pending (accountsservice, apt, apt-utils and 12 more); cannot tell which fix"
    )


def test_apt_falls_back_to_the_simulation():
    m = linux(
        commands={
            APT_LIST: (100, "", "E: Invalid operation list\n"),
            APT_SIMULATE: (0, real("linux", "apt-get-s-upgrade", 13), ""),
        },
        globs=SECURITY_LISTS,
    )
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_updates"] == ["curl", "libcurl4"]


def test_apt_unknown_when_apt_cannot_answer():
    m = linux(commands={APT_LIST: (100, "", "E: Could not open lock file\n"), APT_SIMULATE: (100, "", "E: boom\n")})
    assert check(m, updates.no_pending_security_updates).status is Status.UNKNOWN


DNF_INFO = ("dnf", *DNF_UPDATEINFO)
DNF_CHECK = ("dnf", *DNF_CHECK_UPDATE)


def test_dnf_fail_on_security_advisories():
    m = linux("rhel", commands={
        DNF_INFO: (0, fixture("linux/dnf-updateinfo/dnf4-rhel9.txt"), ""),
        DNF_CHECK: (100, real("linux", "dnf-check-update", 1), ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    # the advisories' three packages; check-update's 15 el7 packages have no advisory at all
    assert f.status is Status.FAIL and f.evidence["security_count"] == 3 and f.evidence["unclassified_count"] == 15
    assert f.evidence["dnf"][0] == "RHSA-2026:8121 Important/Sec. kernel-5.14.0-611.9.1.el9_7.x86_64"


def bugfix_advisories(check_update: str) -> str:
    """A dnf4 `updateinfo list` that covers every package check-update lists with a bug fix."""
    rows = [line.split() for line in check_update.splitlines() if ".x86_64 " in line or ".noarch " in line]
    nevras = [
        f"{name.rpartition('.')[0]}-{version.split(':')[-1]}.{name.rpartition('.')[2]}" for name, version, _ in rows
    ]
    return "".join(f"FEDORA-2026-{n:010x} bugfix {nevra}\n" for n, nevra in enumerate(nevras))


def test_dnf_pass_on_fedora_with_only_bugfixes_pending():
    pending = real("linux", "dnf-check-update", 1)
    m = linux("fedora", commands={
        DNF_INFO: (0, "Updating and loading repositories:\nRepositories loaded.\n" + bugfix_advisories(pending), ""),
        DNF_CHECK: (100, pending, ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.PASS and "(15 other updates are available)" in f.summary
    assert f.evidence["dnf"][0].startswith("apr-util.x86_64 ")


def test_dnf_warns_when_no_advisory_covers_the_pending_updates():
    """A mirror without updateinfo.xml: updateinfo answers, empty; check-update lists 15."""
    m = linux("fedora", commands={
        DNF_INFO: (0, "Updating and loading repositories:\nRepositories loaded.\n", ""),
        DNF_CHECK: (100, real("linux", "dnf-check-update", 1), ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["unclassified_count"] == 15
    assert f.summary.startswith("15 updates pending (apr-util.x86_64, autofs.x86_64, bind-libs.x86_64 and 12 more)")
    assert "publish no security advisories for them" in f.summary


def test_yum_on_centos_warns_because_it_publishes_no_advisories():
    m = linux("centos", commands={
        ("yum", *DNF_UPDATEINFO): (0, "Loaded plugins: fastestmirror\nupdateinfo list done\n", ""),
        ("yum", *DNF_CHECK_UPDATE): (100, real("linux", "yum-check-update", 1), ""),
    })  # fmt: skip
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and "cannot tell which fix security issues" in f.summary
    assert f.evidence["yum"][0] == "bind-export-libs.x86_64      32:9.11.4-26.P2.el7_9.16      updates"


def test_dnf_unknown_without_cached_metadata():
    m = linux("fedora", commands={DNF_INFO: (1, "", fixture("linux/dnf-updateinfo/cache-missing.txt"))})
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.UNKNOWN and "makecache" in f.summary


def test_zypper_fail_and_pass():
    needed = fixture("linux/zypper-list-patches/leap-15.6-security-needed.txt")
    f = check(linux("opensuse-leap", commands={ZYPPER_PATCHES: (101, needed, "")}), updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_count"] == 2
    none = real("linux", "zypper-list-patches", 1)
    assert (
        check(
            linux("opensuse-leap", commands={ZYPPER_PATCHES: (0, none, "")}), updates.no_pending_security_updates
        ).status
        is Status.PASS
    )


def test_zypper_unknown_on_error():
    m = linux("opensuse-leap", commands={ZYPPER_PATCHES: (4, "", "System management is locked by another process\n")})
    assert check(m, updates.no_pending_security_updates).status is Status.UNKNOWN


def test_pacman_pending_is_a_warn_and_nothing_is_a_pass():
    m = linux("arch", commands={PACMAN_PENDING: (0, real("linux", "checkupdates-pacman", 1), "")})
    assert check(m, updates.no_pending_security_updates).status is Status.WARN
    assert (
        check(linux("arch", commands={PACMAN_PENDING: (1, "", "")}), updates.no_pending_security_updates).status
        is Status.PASS
    )


def test_apk_pending_is_a_warn():
    m = linux("alpine", commands={APK_PENDING: (0, fixture("linux/apk-version/alpine-3.20.txt"), "")})
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["unclassified_count"] == 4


def test_unknown_package_manager():
    m = machine(exists={path: False for _, path in PACKAGE_MANAGERS})
    assert check(m, updates.no_pending_security_updates).status is Status.UNKNOWN


# --- UPD-002 -----------------------------------------------------------------------------------

HISTORY = "/var/log/apt/history.log"
STAMP = "/var/lib/apt/periodic/update-success-stamp"
LISTS = "/var/lib/apt/lists"


@pytest.mark.parametrize(
    ("checked", "status"),
    [
        ("2026-11-20T06:25:00+00:00", Status.PASS),
        ("2026-11-01T00:00:00+00:00", Status.WARN),
        ("2026-09-01T00:00:00+00:00", Status.FAIL),
    ],
)
def test_apt_recency(checked, status):
    m = linux(files={HISTORY: ""}, mtimes={STAMP: checked, LISTS: "2026-08-01T00:00:00+00:00"})
    assert check(m, updates.updated_recently).status is status


def test_apt_recency_uses_the_history_log():
    m = linux(files={HISTORY: fixture("linux/apt-history/ubuntu.txt")}, mtimes={STAMP: None, LISTS: None})
    f = check(m, updates.updated_recently)
    assert f.status is Status.PASS and f.evidence["last_installed"] == "2026-11-20T06:31:12+00:00"


def test_apt_recency_unknown_with_no_trace():
    m = linux(files={HISTORY: None}, mtimes={STAMP: None, LISTS: None})
    assert check(m, updates.updated_recently).status is Status.UNKNOWN


def test_rpm_recency_from_install_times():
    times = "1700000000\n1764000000\n1763900000\n"  # newest: 2025-11-24
    m = linux("fedora", commands={RPM_INSTALL_TIMES: (0, times, "")}, mtimes={"/var/cache/dnf": None})
    f = check(m, updates.updated_recently)
    assert f.status is Status.FAIL and f.evidence["last_installed"].startswith("2025-11-24")


def test_pacman_recency_from_the_databases():
    m = linux(
        "arch",
        mtimes={
            "/var/lib/pacman/local": "2026-11-25T10:00:00+00:00",
            "/var/lib/pacman/sync": "2026-11-26T10:00:00+00:00",
        },
    )
    f = check(m, updates.updated_recently)
    assert f.status is Status.PASS and f.evidence["days_ago"] == 0


# --- UPD-003 -----------------------------------------------------------------------------------

PARTS = "/etc/apt/apt.conf.d/*"
AUTO = "/etc/apt/apt.conf.d/20auto-upgrades"


def apt_machine(parts, installed=True):
    return linux(
        exists={UNATTENDED_UPGRADE: installed}, globs={PARTS: sorted(parts)}, files={**parts, "/etc/apt/apt.conf": None}
    )


@pytest.mark.parametrize("n", [3, 5])
def test_apt_auto_pass_real_20auto_upgrades(n):
    f = check(apt_machine({AUTO: real("linux", "apt-20auto-upgrades", n)}), updates.automatic_updates)
    assert f.status is Status.PASS and f.evidence["APT::Periodic::Unattended-Upgrade"] == "1"


def test_apt_auto_pass_scoped_form():
    f = check(
        apt_machine({"/etc/apt/apt.conf.d/10office": fixture("linux/apt-conf/scoped-with-proxy.txt")}),
        updates.automatic_updates,
    )
    assert f.status is Status.PASS


def test_apt_auto_fail_real_disabled():
    f = check(apt_machine({AUTO: real("linux", "apt-20auto-upgrades", 1)}), updates.automatic_updates)
    assert f.status is Status.FAIL and "off" in f.summary


def test_apt_auto_fail_later_file_switches_it_off_and_dpkg_leftovers_are_ignored():
    off = fixture("linux/apt-conf/99-disable-upgrades.txt")
    on = real("linux", "apt-20auto-upgrades", 5)
    assert (
        check(apt_machine({AUTO: on, "/etc/apt/apt.conf.d/99local": off}), updates.automatic_updates).status
        is Status.FAIL
    )
    assert check(apt_machine({AUTO: on, AUTO + ".dpkg-old": off}), updates.automatic_updates).status is Status.PASS


def test_apt_auto_fail_master_switch_and_not_installed():
    on = real("linux", "apt-20auto-upgrades", 5)
    f = check(
        apt_machine({AUTO: on, "/etc/apt/apt.conf.d/99off": 'APT::Periodic::Enable "0";\n'}), updates.automatic_updates
    )
    assert f.status is Status.FAIL and "Enable" in f.summary
    f = check(apt_machine({AUTO: on}, installed=False), updates.automatic_updates)
    assert f.status is Status.FAIL and "not installed" in f.summary


def test_apt_auto_warn_when_lists_never_refresh():
    parts = {AUTO: 'APT::Periodic::Update-Package-Lists "0";\nAPT::Periodic::Unattended-Upgrade "1";\n'}
    assert check(apt_machine(parts), updates.automatic_updates).status is Status.WARN


def test_apt_auto_unknown_on_malformed_config():
    f = check(apt_machine({AUTO: 'APT { Periodic { Unattended-Upgrade "1"; };\n'}), updates.automatic_updates)
    assert f.status is Status.UNKNOWN and AUTO in f.summary


DNF_TIMERS = ("dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer")


def dnf_timers(*enabled, conf=None):
    exists = {TIMERS + t: t in enabled for t in DNF_TIMERS}
    exists["/etc/systemd/system/multi-user.target.wants/yum-cron.service"] = False
    return linux("fedora", exists=exists, files={"/etc/dnf/automatic.conf": conf})


def test_dnf_auto():
    assert check(dnf_timers("dnf-automatic-install.timer"), updates.automatic_updates).status is Status.PASS
    yes = "[commands]\nupgrade_type = security\napply_updates = yes\n"
    assert check(dnf_timers("dnf-automatic.timer", conf=yes), updates.automatic_updates).status is Status.PASS
    no = "[commands]\napply_updates = no\n"
    assert check(dnf_timers("dnf-automatic.timer", conf=no), updates.automatic_updates).status is Status.WARN
    assert check(dnf_timers(), updates.automatic_updates).status is Status.FAIL


def test_arch_auto_is_not_applicable_and_alpine_unknown():
    assert check(linux("arch"), updates.automatic_updates).status is Status.NOT_APPLICABLE
    assert check(linux("alpine"), updates.automatic_updates).status is Status.UNKNOWN


# --- UPD-004 -----------------------------------------------------------------------------------

FLAG = "/run/reboot-required"


def reboot_machine(flag, pkgs=None, writers=(REBOOT_FLAG_WRITERS[0],)):
    exists = {FLAG: flag, "/var/run/reboot-required": flag, **{w: w in writers for w in REBOOT_FLAG_WRITERS}}
    return linux(exists=exists, files={FLAG + ".pkgs": pkgs})


def test_debian_reboot():
    pkgs = "linux-image-6.8.0-49-generic\nlibc6\nlinux-base\nlinux-image-6.8.0-49-generic\ndbus\n"
    f = check(reboot_machine(True, pkgs), updates.no_pending_reboot)
    assert f.status is Status.FAIL and f.evidence["packages"] == [
        "dbus",
        "libc6",
        "linux-base",
        "linux-image-6.8.0-49-generic",
    ]
    assert "dbus, libc6, linux-base and 1 more" in f.summary
    assert check(reboot_machine(True), updates.no_pending_reboot).evidence["package_count"] == 0
    assert check(reboot_machine(False), updates.no_pending_reboot).status is Status.PASS
    f = check(reboot_machine(False, writers=()), updates.no_pending_reboot)
    assert f.status is Status.UNKNOWN and "update-notifier-common" in f.summary


NEEDS = ("needs-restarting", "-r")


def test_rhel_reboot_real_outputs():
    f = check(
        linux("rhel", commands={NEEDS: (1, real("linux", "needs-restarting-r", 1), "")}), updates.no_pending_reboot
    )
    assert f.status is Status.FAIL and f.evidence["packages"] == ["glibc", "linux-firmware"]
    ok = "No core libraries or services have been updated since boot-up.\nReboot should not be necessary.\n"
    assert check(linux("rhel", commands={NEEDS: (0, ok, "")}), updates.no_pending_reboot).status is Status.PASS


def test_rhel_reboot_dnf5_and_old_yum_utils():
    m = linux(
        "fedora",
        commands={NEEDS: "missing", ("dnf", "needs-restarting", "-r"): (1, real("linux", "needs-restarting-r", 3), "")},
    )
    assert check(m, updates.no_pending_reboot).status is Status.FAIL
    old = (2, "", "Usage: needs-restarting [options]\n\nneeds-restarting: error: no such option: -r\n")
    f = check(linux("centos", commands={NEEDS: old}), updates.no_pending_reboot)
    assert f.status is Status.UNKNOWN and "no such option" in f.summary
    f = check(
        linux("rhel", commands={NEEDS: "missing", ("dnf", "needs-restarting", "-r"): "missing"}),
        updates.no_pending_reboot,
    )
    assert f.status is Status.UNKNOWN and "dnf-utils" in f.summary


def kernels(running, installed):
    return linux("arch", commands={("uname", "-r"): (0, running + "\n", "")},
                 globs={"/usr/lib/modules/*": [f"/usr/lib/modules/{k}" for k in installed], "/lib/modules/*": []})  # fmt: skip


def test_kernel_reboot_on_arch():
    assert check(kernels("6.12.1-arch1-1", ["6.12.1-arch1-1"]), updates.no_pending_reboot).status is Status.PASS
    f = check(kernels("6.12.1-arch1-1", ["6.12.4-arch1-1"]), updates.no_pending_reboot)
    assert f.status is Status.FAIL and "was replaced" in f.summary
    f = check(kernels("6.9.2-1-default", ["6.9.2-1-default", "6.10.1-1-default"]), updates.no_pending_reboot)
    assert f.status is Status.FAIL and "6.10.1-1-default" in f.summary  # 6.10 sorts after 6.9
    assert check(kernels("6.1.0", []), updates.no_pending_reboot).status is Status.UNKNOWN


# --- UPD-005 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distro", "status"),
    [
        ("debian", Status.PASS),  # until 2028-06-30 (LTS)
        ("ubuntu", Status.PASS),  # standard support until 2027-06
        ("fedora", Status.FAIL),  # 41 ended 2025-12-15
        ("centos", Status.FAIL),
        ("rhel", Status.FAIL),  # 9.7 was replaced by 9.8 (May 2026) and has no Extended Update Support
        ("opensuse-leap", Status.FAIL),  # 15.6 ended 2026-04-30
        ("arch", Status.PASS),  # rolling
        ("alpine", Status.FAIL),  # 3.20 ended 2026-04-01
    ],
)
def test_release_support_from_os_release(distro, status):
    assert check(linux(distro), updates.release_supported).status is status


@pytest.mark.parametrize(
    ("n", "status"), [(3, Status.FAIL), (5, Status.PASS), (7, Status.PASS), (9, Status.FAIL), (13, Status.FAIL)]
)
def test_release_support_on_real_os_release_files(n, status):
    f = check(machine(files={"/etc/os-release": real("linux", "os-release", n)}), updates.release_supported)
    assert f.status is status, f.summary


def test_release_in_extended_support_fails_unattested_and_unknown_releases_are_unknown():
    ubuntu20 = 'ID=ubuntu\nVERSION_ID="20.04"\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\n'
    f = check(machine(files={"/etc/os-release": ubuntu20}), updates.release_supported)
    assert f.status is Status.FAIL and "Ubuntu Pro" in f.summary and "extended_support = YYYY-MM-DD" in f.summary
    fedora44 = 'ID=fedora\nVERSION_ID=44\nPRETTY_NAME="Fedora Linux 44"\n'
    f = check(machine(files={"/etc/os-release": fedora44}), updates.release_supported)
    assert f.status is Status.UNKNOWN and "newer than the table" in f.summary
    sid = 'ID=debian\nPRETTY_NAME="Debian GNU/Linux trixie/sid"\n'
    assert check(machine(files={"/etc/os-release": sid}), updates.release_supported).status is Status.UNKNOWN


def test_zypper_auto():
    timers = {TIMERS + "os-update.timer": True, TIMERS + "transactional-update.timer": False}
    m = linux("opensuse-leap", exists=timers, files={"/etc/sysconfig/automatic_online_update": None})
    assert check(m, updates.automatic_updates).status is Status.PASS
    off = {TIMERS + "os-update.timer": False, TIMERS + "transactional-update.timer": False}
    yast = 'AOU_ENABLE_CRONJOB="true"\nAOU_AUTO_AGREE_WITH_LICENSES="false"\n'
    m = linux("opensuse-leap", exists=off, files={"/etc/sysconfig/automatic_online_update": yast})
    assert check(m, updates.automatic_updates).status is Status.PASS
    m = linux(
        "opensuse-leap", exists=off, files={"/etc/sysconfig/automatic_online_update": 'AOU_ENABLE_CRONJOB="false"\n'}
    )
    assert check(m, updates.automatic_updates).status is Status.FAIL


def test_apk_recency_from_the_index_and_database():
    index = "/var/cache/apk/APKINDEX.5022a8a2.tar.gz"
    m = linux(
        "alpine",
        globs={"/var/cache/apk/APKINDEX.*.tar.gz": [index]},
        mtimes={"/lib/apk/db/installed": "2026-09-30T08:00:00+00:00", index: "2026-11-02T08:00:00+00:00"},
    )
    f = check(m, updates.updated_recently)
    assert f.status is Status.WARN and f.evidence["last_checked"].startswith("2026-11-02")


@pytest.mark.parametrize(
    "stamps", ["1700000000 ²\n", "9" * 5000 + "\n", "99999999999999999\n"], ids=["superscript", "huge", "past-9999"]
)
def test_rpm_install_times_no_calendar_holds_are_unknown_not_a_crash(stamps):
    m = linux("fedora", commands={RPM_INSTALL_TIMES: (0, stamps, "")}, mtimes={"/var/cache/dnf": None})
    f = check(m, updates.updated_recently)
    assert f.status is (Status.FAIL if stamps.startswith("1700") else Status.UNKNOWN), f
