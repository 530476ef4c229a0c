"""/proc/swaps, /proc/self/mounts and zypper's patch table: fields that are split on blanks or
'|' refuse a line that does not have them all, instead of dropping it (issue 11)."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.proc_mounts import parse_mounts
from hygiene.parsers.swap import parse_proc_swaps
from hygiene.parsers.zypper import parse_list_patches
from tests.helpers import fixture


def test_proc_swaps_partition_and_file_with_a_blank_in_its_name():
    areas = parse_proc_swaps(fixture("linux/proc-swaps/partition-and-file.txt"))
    assert [(a.path, a.kind) for a in areas] == [("/dev/sda5", "partition"), ("/swap file.img", "file")]
    assert parse_proc_swaps(fixture("linux/proc-swaps/none.txt")) == []


@pytest.mark.parametrize(
    "line",
    ["/dev/sda5", "/dev/sda5 partition 8388604", "/dev/sda5 disk 8388604 0 -2", "/my swap partition 1 0 -2"],
    ids=["cut-after-name", "cut-after-size", "no-such-type", "raw-blank-in-name"],
)
def test_proc_swaps_lines_without_their_five_fields_are_refused(line):
    """Dropping such a line (as before) said "no swap is in use" for a swap partition."""
    with pytest.raises(ParseError, match="/proc/swaps line 2 is not 'Filename Type Size Used Priority'"):
        parse_proc_swaps("Filename\tType\tSize\tUsed\tPriority\n" + line + "\n")


def test_proc_mounts_a_line_cut_short_is_refused_not_dropped():
    with pytest.raises(
        ParseError, match=r"/proc/self/mounts line 5 is not six fields: '/dev/sdb1 /srv/photo\\\\040archive'"
    ):
        parse_mounts(fixture("linux/proc-mounts/cut-last-line.txt"))
    with pytest.raises(ParseError, match="line 1 is not six fields"):
        parse_mounts("/dev/sda1 /my data ext4 rw 0 0\n")  # a blank the kernel would have escaped


def test_zypper_a_bar_inside_the_summary_keeps_the_row():
    """The last column's text may hold a '|': it stays in the Summary, the row is kept (it was dropped)."""
    patches = parse_list_patches(fixture("linux/zypper-list-patches/summary-with-bar.txt"))
    assert [(p.name, p.status) for p in patches] == [
        ("openSUSE-SLE-15.6-2026-4102", "needed"),
        ("openSUSE-SLE-15.6-2026-4155", "needed"),
    ]


def test_zypper_a_row_cut_short_is_refused():
    with pytest.raises(ParseError, match="zypper's patch table line 7 has 4 cells, not 7"):
        parse_list_patches(fixture("linux/zypper-list-patches/cut-row.txt"))
