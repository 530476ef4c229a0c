"""ENC-002, ENC-003 and UPD-001 (zypper) on lines cut short or holding their separator: a line
that was dropped before is now read whole or refused, never lost on the way to PASS (issue 11)."""

from hygiene.checks import updates
from hygiene.checks.encryption import data_volumes_encrypted, swap_encrypted
from hygiene.checks.encryption.linux import LSBLK_JSON, LSBLK_TEXT
from hygiene.checks.updates.linux import ZYPPER_PATCHES, ZYPPER_UPDATES
from hygiene.engine import run_one
from hygiene.model import Status
from tests.checks.test_checks_updates_linux import linux
from tests.helpers import fixture, machine

OLD_LSBLK = (1, "", "lsblk: invalid option -- 'J'\n")
LSBLK = {LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, fixture("linux/lsblk/centos7-ascii.txt"), "")}


def test_unknown_swap_line_cut_after_its_name_was_no_swap_at_all():
    """Before: the line was dropped and ENC-002 said PASS, "No swap is in use"."""
    files = {"/proc/swaps": fixture("linux/proc-swaps/cut-after-name.txt"), "/proc/self/mounts": ""}
    f = run_one(machine(files=files, commands=LSBLK), swap_encrypted)
    assert f.status is Status.UNKNOWN and "/proc/swaps line 2 is not 'Filename Type Size Used Priority'" in f.summary


def test_unknown_mounts_line_cut_short_was_no_data_volume_at_all():
    """Before: the /srv line was dropped and ENC-003 said NOT_APPLICABLE."""
    files = {"/proc/self/mounts": fixture("linux/proc-mounts/cut-last-line.txt")}
    f = run_one(machine(files=files, commands=LSBLK), data_volumes_encrypted)
    assert f.status is Status.UNKNOWN and "/proc/self/mounts line 5 is not six fields" in f.summary


def test_zypper_security_patch_with_a_bar_in_its_summary_still_counts():
    """Before: that row was dropped, and one security patch went uncounted."""
    text = fixture("linux/zypper-list-patches/summary-with-bar.txt")
    f = run_one(linux("opensuse-leap", commands={ZYPPER_PATCHES: (101, text, "")}), updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_count"] == 2


def test_zypper_row_cut_short_is_never_read_but_the_summary_still_decides():
    """The cut row is not read from the wrong cells; zypper's own count of security patches
    needed, printed under the table, still says FAIL (a partial output read for what it says)."""
    text = fixture("linux/zypper-list-patches/cut-row.txt")
    f = run_one(linux("opensuse-leap", commands={ZYPPER_PATCHES: (101, text, "")}), updates.no_pending_security_updates)
    assert f.status is Status.FAIL and "though its table was cut" in f.summary
    assert f.evidence["zypper"] == "2 patches needed (2 security patches)"
    no_summary = "\n".join(line for line in text.splitlines() if "needed (" not in line)
    f = run_one(
        linux("opensuse-leap", commands={ZYPPER_PATCHES: (101, no_summary, ""), ZYPPER_UPDATES: (6, "", "locked\n")}),
        updates.no_pending_security_updates,
    )
    assert f.status is Status.UNKNOWN and "line 7 has 4 cells, not 7" in f.summary
