"""ENC-001..003 through the lsblk tree text (util-linux < 2.27, no -J) in the shapes that shift
columns: the verdict, and the lsblk lines that decided it in the evidence (issue 11)."""

from hygiene.checks.encryption import data_volumes_encrypted, swap_encrypted, system_disk_encrypted
from hygiene.checks.encryption.linux import LSBLK_JSON, LSBLK_TEXT
from hygiene.engine import run_one
from hygiene.model import Status
from tests.helpers import fixture, machine

MOUNTS = "/proc/self/mounts"
OLD_LSBLK = (1, "", "lsblk: invalid option -- 'J'\nTry 'lsblk --help' for more information.\n")


def mounts(*entries):
    return "proc /proc proc rw 0 0\n" + "".join(
        f"{source} {target} {fs} rw,relatime 0 0\n" for source, target, fs in entries
    )


def text_machine(name, *entries, swaps=None, unseen=(), files=None):
    """A machine answering lsblk with an own fixture; `unseen` kernel names have no sysfs facts."""
    files = {MOUNTS: mounts(*entries), **(files or {})}
    if swaps is not None:
        files["/proc/swaps"] = swaps
    files.update({f"/sys/class/block/{k}/dm/uuid": None for k in unseen})
    globs = {f"/sys/class/block/{k}/slaves/*": [] for k in unseen}
    globs["/sys/class/block/dm-*/dm/name"] = []
    commands = {LSBLK_JSON: OLD_LSBLK, LSBLK_TEXT: (0, fixture(f"linux/lsblk/{name}.txt"), "")}
    exists = {f"/sys/class/block/{k}": False for k in unseen}
    return machine(files=files, commands=commands, globs=globs, exists=exists)


def test_pass_luks_whose_long_name_wrapped_quotes_both_of_its_lines():
    system = text_machine("wrapped-name-utf8", ("/dev/mapper/rhel-root", "/", "xfs"))
    f = run_one(system, system_disk_encrypted)
    assert f.status is Status.PASS
    assert f.evidence["lsblk"] == [
        "sda                          sda   disk",
        "└─sda3                       sda3  part  crypto_LUKS",
        "└─luks-0b3c5e7a-9d21-4f6b-8a4c-2e1f0d9c8b7a",
        "│                        dm-0  crypt LVM2_member",
        "├─rhel-root              dm-1  lvm   xfs         /",
    ]
    assert "luks-0b3c5e7a-9d21-4f6b-8a4c-2e1f0d9c8b7a (crypt, LVM2_member)" in f.summary


def test_fail_plain_lvm_whose_root_name_wrapped_is_not_hidden_behind_a_phantom():
    """Before: `/` went to a phantom 'dm-0' under a device of type 'e' (the name's tail), which
    sysfs could not resolve: UNKNOWN. Now the root LV is read whole: plain LVM, FAIL."""
    system = text_machine("wrapped-name-ascii", ("/dev/mapper/workstation--vg--2024-root--volume", "/", "ext4"))
    f = run_one(system, system_disk_encrypted)
    assert f.status is Status.FAIL and "no encryption layer" in f.summary
    assert f.evidence["lsblk"] == [
        "nvme0n1                    nvme0n1   disk",
        "`-nvme0n1p3                nvme0n1p3 part LVM2_member",
        "|-workstation--vg--2024-root--volume",
        "|                        dm-0      lvm  ext4        /",
    ]


def test_pass_centos7_cut_to_80_columns_by_the_crypt_type():
    system = text_machine("centos7-80-columns", ("/dev/mapper/centos-root", "/", "xfs"))
    f = run_one(system, system_disk_encrypted)
    assert f.status is Status.PASS
    assert "`-luks-8c1e4a7d-2f0b-4d3e-b5a9-6e7f8a9b0c1d dm-0  crypt LVM2_mem" in f.evidence["lsblk"]


def test_unknown_on_a_flat_list_which_used_to_fail_a_luks_root():
    """`lsblk -l` puts centos-root at the top with nothing beneath it: the old reader judged that
    stack plain (FAIL) though it sits on LUKS. Now the list is refused, and without device-mapper
    facts in sysfs the verdict is UNKNOWN with the reason."""
    system = text_machine("list-l", ("/dev/mapper/centos-root", "/", "xfs"), unseen=["centos-root"])
    f = run_one(system, system_disk_encrypted)
    assert f.status is Status.UNKNOWN
    assert f.evidence["lsblk"].startswith("lsblk printed a list, not a tree (line 3 is a part at the top)")
    assert "lsblk printed a list" in f.summary
    assert f.summary.endswith("; check with `lsblk -f`.")  # unreadable output: administrator would not help


def test_unknown_on_a_rewrapped_capture():
    system = text_machine("rewrapped-80", ("/dev/sda2", "/", "ext4"), unseen=["sda2"])
    f = run_one(system, system_disk_encrypted)
    assert f.status is Status.UNKNOWN and "line 8 has no value in its KNAME column" in f.summary
    assert f.evidence["lsblk"] == "lsblk text line 8 has no value in its KNAME column"


def test_fail_data_volume_with_a_blank_in_its_mount_point_and_quotes_its_lines():
    system = text_machine(
        "mountpoints-2.37",
        ("/dev/mapper/cryptroot", "/", "btrfs"),
        ("/dev/nvme0n1p3", "/srv/Photo\\040Archive", "ext4"),
        ("/dev/sdb1", "/run/media/amina/USB\\040STICK", "exfat"),
        files={f"/sys/class/block/{d}/removable": "0\n" for d in ("nvme0n1p3", "nvme0n1")},
    )
    f = run_one(system, data_volumes_encrypted)
    assert f.status is Status.FAIL
    assert f.summary == "Not encrypted: /srv/Photo Archive (nvme0n1p3 (part, ext4) ← nvme0n1 (disk))."
    assert f.evidence["lsblk"] == [
        "nvme0n1       nvme0n1   disk",
        "└─nvme0n1p3   nvme0n1p3 part  ext4        /srv/Photo Archive",
    ]
    assert run_one(system, system_disk_encrypted).status is Status.PASS


def test_pass_swap_lv_inside_luks_named_on_a_wrapped_line():
    swaps = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/dm-2                               partition\t8388604\t\t0\t\t-2\n"
    system = text_machine("wrapped-name-utf8", ("/dev/mapper/rhel-root", "/", "xfs"), swaps=swaps)
    f = run_one(system, swap_encrypted)
    assert f.status is Status.PASS
    assert f.evidence["lsblk"][-1] == "├─rhel-swap              dm-2  lvm   swap        [SWAP]"
