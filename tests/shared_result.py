"""One deterministic audit result that every reporter test renders: a Debian laptop with a
real LUKS stack, automatic updates off, a pending reboot and no systemd clock answer."""

from dataclasses import replace

from hygiene.checks.encryption import LSBLK_JSON
from hygiene.checks.linux import APT_GET
from hygiene.checks.updates import REBOOT_FLAG_WRITERS, UNATTENDED_UPGRADE
from hygiene.engine import run_audit
from hygiene.registry import CHECKS
from hygiene.system.recorded import RecordedSystem
from tests.helpers import fixture, snapshot_doc


def shared_snapshot_doc():
    return snapshot_doc(
        hostname="ledger-pc",
        files={
            "/proc/self/mounts": fixture("linux/proc-mounts/ubuntu-luks.txt"),
            "/etc/apt/apt.conf.d/20auto-upgrades": fixture("linux/apt-conf/20auto-upgrades-off.txt"),
            "/etc/apt/apt.conf": None,
            "/run/reboot-required.pkgs": "linux-image-6.1.0-28-amd64\n",
        },
        commands={
            LSBLK_JSON: (0, fixture("linux/lsblk-json/ubuntu-luks-lvm.txt"), ""),
            ("timedatectl", "show"): (
                1,
                "",
                "System has not been booted with systemd as init system (PID 1). Can't operate.\n",
            ),
        },
        exists={
            APT_GET: True,
            UNATTENDED_UPGRADE: False,
            "/run/reboot-required": True,
            **{w: True for w in REBOOT_FLAG_WRITERS},
        },
        globs={"/etc/apt/apt.conf.d/*": ["/etc/apt/apt.conf.d/20auto-upgrades"]},
    )


def shared_result():
    return replace(run_audit(RecordedSystem(shared_snapshot_doc()), CHECKS), duration_s=0.42)
