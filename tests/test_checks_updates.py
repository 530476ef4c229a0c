import pytest

from hygiene.checks.linux import APT_GET
from hygiene.checks.updates import REBOOT_FLAG_WRITERS, UNATTENDED_UPGRADE, automatic_updates, no_pending_reboot
from hygiene.engine import run_one
from hygiene.model import Status
from tests.helpers import fixture, machine, real

PARTS = "/etc/apt/apt.conf.d/*"
AUTO = "/etc/apt/apt.conf.d/20auto-upgrades"
MAIN = "/etc/apt/apt.conf"


def apt_machine(parts: dict[str, str], installed=True, **kwargs):
    return machine(
        exists={APT_GET: True, UNATTENDED_UPGRADE: installed, **kwargs.pop("exists", {})},
        globs={PARTS: sorted(parts)},
        files={**parts, MAIN: None},
        **kwargs,
    )


@pytest.mark.parametrize("n", [3, 5])
def test_upd003_pass_real_20auto_upgrades(n):
    f = run_one(apt_machine({AUTO: real("linux", "apt-20auto-upgrades", n)}), automatic_updates)
    assert f.status is Status.PASS
    assert f.evidence["APT::Periodic::Unattended-Upgrade"] == "1"


def test_upd003_pass_scoped_form():
    f = run_one(
        apt_machine({"/etc/apt/apt.conf.d/10office": fixture("linux/apt-conf/scoped-with-proxy.txt")}),
        automatic_updates,
    )
    assert f.status is Status.PASS


def test_upd003_fail_real_disabled():
    f = run_one(apt_machine({AUTO: real("linux", "apt-20auto-upgrades", 1)}), automatic_updates)
    assert f.status is Status.FAIL and "off" in f.summary


def test_upd003_fail_later_file_switches_it_off():
    parts = {
        AUTO: real("linux", "apt-20auto-upgrades", 5),
        "/etc/apt/apt.conf.d/99local": fixture("linux/apt-conf/99-disable-upgrades.txt"),
    }
    assert run_one(apt_machine(parts), automatic_updates).status is Status.FAIL


def test_upd003_ignores_dpkg_leftovers():
    parts = {
        AUTO: real("linux", "apt-20auto-upgrades", 5),
        AUTO + ".dpkg-old": fixture("linux/apt-conf/99-disable-upgrades.txt"),
    }
    assert run_one(apt_machine(parts), automatic_updates).status is Status.PASS


def test_upd003_fail_when_master_switch_is_off():
    parts = {AUTO: real("linux", "apt-20auto-upgrades", 5), "/etc/apt/apt.conf.d/99off": 'APT::Periodic::Enable "0";\n'}
    f = run_one(apt_machine(parts), automatic_updates)
    assert f.status is Status.FAIL and "Enable" in f.summary


def test_upd003_fail_when_configured_but_not_installed():
    f = run_one(apt_machine({AUTO: real("linux", "apt-20auto-upgrades", 5)}, installed=False), automatic_updates)
    assert f.status is Status.FAIL and "not installed" in f.summary


def test_upd003_warn_when_lists_never_refresh():
    parts = {AUTO: 'APT::Periodic::Update-Package-Lists "0";\nAPT::Periodic::Unattended-Upgrade "1";\n'}
    f = run_one(apt_machine(parts), automatic_updates)
    assert f.status is Status.WARN


def test_upd003_unknown_without_apt():
    f = run_one(machine(os_name="Fedora Linux 41", exists={APT_GET: False}), automatic_updates)
    assert f.status is Status.UNKNOWN and "Fedora" in f.summary


def test_upd003_unknown_on_malformed_config():
    f = run_one(apt_machine({AUTO: 'APT { Periodic { Unattended-Upgrade "1"; };\n'}), automatic_updates)
    assert f.status is Status.UNKNOWN and AUTO in f.summary


# --- UPD-004 -----------------------------------------------------------------------------

FLAG = "/run/reboot-required"


def reboot_machine(flag: bool, pkgs: str | None = None, writers=(REBOOT_FLAG_WRITERS[0],)):
    exists = {APT_GET: True, FLAG: flag, "/var/run/reboot-required": flag}
    exists.update({w: w in writers for w in REBOOT_FLAG_WRITERS})
    return machine(exists=exists, files={FLAG + ".pkgs": pkgs})


def test_upd004_fail_with_packages_as_evidence():
    pkgs = "linux-image-6.8.0-49-generic\nlibc6\nlinux-base\nlinux-image-6.8.0-49-generic\ndbus\n"
    f = run_one(reboot_machine(True, pkgs), no_pending_reboot)
    assert f.status is Status.FAIL
    assert f.evidence["packages"] == ["dbus", "libc6", "linux-base", "linux-image-6.8.0-49-generic"]
    assert "dbus, libc6, linux-base and more" in f.summary


def test_upd004_fail_without_package_list():
    f = run_one(reboot_machine(True, None), no_pending_reboot)
    assert f.status is Status.FAIL and f.evidence["package_count"] == 0


def test_upd004_pass_when_something_would_have_recorded_it():
    f = run_one(reboot_machine(False), no_pending_reboot)
    assert f.status is Status.PASS


def test_upd004_unknown_when_nothing_records_reboots():
    f = run_one(reboot_machine(False, writers=()), no_pending_reboot)
    assert f.status is Status.UNKNOWN and "update-notifier-common" in f.summary


def test_upd004_unknown_off_debian():
    f = run_one(machine(os_name="Arch Linux", exists={APT_GET: False}), no_pending_reboot)
    assert f.status is Status.UNKNOWN
