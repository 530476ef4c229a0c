import html
import json
import re

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.lsblk import parse_lsblk_json, parse_lsblk_tree, paths_to
from tests.helpers import fixture, read_real, real, real_output_files


def names(path):
    return [d.name for d in path]


def root_paths(devices):
    return paths_to(devices, lambda d: "/" in d.mountpoints)


@pytest.mark.parametrize("path", real_output_files("linux", "lsblk-json"))
def test_every_real_lsblk_json_parses(path):
    devices = parse_lsblk_json(read_real(path))
    assert devices and all(d.name for d in devices)


def test_real_kolide_lsblk_json_with_full_paths_and_mountpoints_array():
    devices = parse_lsblk_json(real("linux", "lsblk-json", 1))
    (path,) = root_paths(devices)
    assert names(path) == ["/dev/sda", "/dev/sda3"]
    assert path[-1].fstype == "xfs" and path[-1].type is None  # no TYPE column was asked for
    luks = paths_to(devices, lambda d: d.fstype == "crypto_LUKS")
    assert [p[-1].name for p in luks] == ["/dev/sdb3", "/dev/mapper/LvmEncrypt-lvmcryptroot", "/dev/sdd3", "/dev/sdd4"]
    assert names(luks[1]) == ["/dev/sdc", "/dev/sdc2", "/dev/mapper/LvmEncrypt-lvmcryptroot"]  # LUKS on LVM
    efi = paths_to(devices, lambda d: d.mountpoints == ("/boot/efi",))
    assert len(efi) == 1  # [null] mountpoints are dropped, not kept as "None"


@pytest.mark.parametrize(
    ("name", "stack"),
    [
        ("ubuntu-luks-lvm", ["nvme0n1", "nvme0n1p3", "dm_crypt-0", "ubuntu--vg-ubuntu--lv"]),
        ("util-linux-2.33", ["sda", "sda5", "sda5_crypt", "debian--vg-root"]),
        ("plain-unencrypted", ["sda", "sda2"]),
        ("vm-no-udev", ["vda"]),
        ("dm-untyped-no-udev", ["vda", "vda2", "cryptroot"]),
    ],
)
def test_own_lsblk_json_root_stack(name, stack):
    (path,) = root_paths(parse_lsblk_json(fixture(f"linux/lsblk-json/{name}.txt")))
    assert names(path) == stack


def test_lsblk_json_old_single_mountpoint_and_kname():
    devices = parse_lsblk_json(fixture("linux/lsblk-json/util-linux-2.33.txt"))
    (swap,) = paths_to(devices, lambda d: d.mountpoints == ("[SWAP]",))
    assert swap[-1].kname == "dm-2" and swap[-2].type == "crypt"


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"blockdevices": {}}', '{"blockdevices": [{"size": 1}]}'])
def test_lsblk_json_rejects_what_it_does_not_know(text):
    with pytest.raises(ParseError):
        parse_lsblk_json(text)


def test_real_lsblk_tree_unicode_glyphs_with_crypt_type():
    devices = parse_lsblk_tree(real("linux", "lsblk", 1))
    (root,) = root_paths(devices)
    assert names(root) == ["vda", "vda1"] and root[-1].type == "part"
    crypts = paths_to(devices, lambda d: d.type == "crypt")
    assert [(p[-1].name, p[-1].mountpoints) for p in crypts] == [
        ("vdc-crypt", ("/srv/dev-disk-by-label-crypttest",)),
        ("vdd-crypt", ("/srv/dev-disk-by-label-vdd",)),
    ]
    assert names(crypts[0]) == ["vdc", "vdc-crypt"]


def test_real_lsblk_tree_luks_lvm_without_type_column():
    devices = parse_lsblk_tree(real("linux", "lsblk", 3))
    (path,) = paths_to(devices, lambda d: d.name == "thinkpad--vg-root")
    assert names(path) == ["sda", "sda3", "sda3_crypt", "thinkpad--vg-root"]
    assert [d.fstype for d in path] == [None, "crypto_LUKS", "LVM2_member", "ext4"]
    assert all(d.type is None for d in path)


def test_real_lsblk_tree_ubuntu_forum_copy():
    # This capture survived only with its tree glyphs as HTML entities (a transcription
    # artifact, not something lsblk prints), so the test undoes that first.
    devices = parse_lsblk_tree(html.unescape(real("linux", "lsblk", 5)))
    (root,) = root_paths(devices)
    assert names(root) == ["sda", "sda6", "sda6_crypt", "vgxubuntu-root"]
    assert [d.type for d in root] == ["disk", "part", "crypt", "lvm"]
    assert root[1].fstype == "crypto_LUKS" and root[2].fstype == "LVM2_member"


def test_real_partial_lsblk_without_header_is_refused_not_guessed():
    with pytest.raises(ParseError, match="header"):
        parse_lsblk_tree(real("linux", "lsblk", 7))


def test_own_lsblk_ascii_tree_centos7():
    devices = parse_lsblk_tree(fixture("linux/lsblk/centos7-ascii.txt"))
    (root,) = root_paths(devices)
    assert names(root) == ["sda", "sda2", "luks-8c1e4a7d-2f0b-4d3e-b5a9-6e7f8a9b0c1d", "centos-root"]
    assert [d.kname for d in root] == ["sda", "sda2", "dm-0", "dm-1"]
    assert root[2].type == "crypt" and root[3].fstype == "xfs"
    assert [d.name for d in devices] == ["sda", "sr0"]


def test_own_lsblk_text_mountpoints_continuation_lines():
    devices = parse_lsblk_tree(fixture("linux/lsblk/btrfs-mountpoints.txt"))
    (root,) = root_paths(devices)
    assert names(root) == ["nvme0n1", "nvme0n1p2"]
    assert root[-1].mountpoints == ("/var/log", "/home", "/")


def test_live_lsblk_json_parses_when_available():
    import shutil
    import subprocess

    if not shutil.which("lsblk"):
        pytest.skip("lsblk is not installed here")
    proc = subprocess.run(["lsblk", "-J", "-o", "NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT"], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"lsblk cannot list devices here: {proc.stderr.strip()}")
    devices = parse_lsblk_json(proc.stdout)
    assert len(devices) == len(json.loads(proc.stdout)["blockdevices"])


# --- text no lsblk prints: ParseError (UNKNOWN), never a crash (ERROR); test_parsers_fuzz.py has more


@pytest.mark.parametrize(
    "text",
    [
        '{"blockdevices": [{"name": "sda", "children": 5}]}',  # TypeError: int is not iterable
        '{"blockdevices": [{"name": "sda", "mountpoints": 5}]}',
        '{"blockdevices": [' + '{"name": "a", "children": [' * 600 + "]}" * 600 + "]}",  # RecursionError
        '{"blockdevices": [{"name": "a", "size": ' + "9" * 5000 + "}]}",  # ValueError: over 4300 digits
        "NAME\n" + "".join(" " * (2 * i) + "└─dm\n" for i in range(2000)),  # RecursionError in _device
        '{"blockdevices": [' + ",".join(['{"name": "sd"}'] * 10_001) + "]}",  # more devices than any machine
    ],
    ids=["children-int", "mountpoints-int", "deep-json", "huge-number", "deep-tree", "too-many"],
)
def test_lsblk_refuses_what_no_lsblk_prints(text):
    parse = parse_lsblk_json if text.startswith("{") else parse_lsblk_tree
    with pytest.raises(ParseError):
        parse(text)


def test_lsblk_json_words_that_are_not_strings_are_left_out():
    (dev,) = parse_lsblk_json('{"blockdevices": [{"name": "sda", "type": 5, "fstype": ["x"], "kname": 1}]}')
    assert (dev.type, dev.fstype, dev.kname) == (None, None, None)
    assert dev.label() == "sda"  # ", ".join() over an int raised TypeError


def test_lsblk_text_columns_are_found_by_name_not_by_substring():
    """header.index("TYPE") found TYPE inside FSTYPE when FSTYPE came first (and cost one scan
    of the header per column: quadratic in a header of many columns)."""
    rows = [("NAME", "FSTYPE", "TYPE", "MOUNTPOINT"), ("sda", "", "disk", ""), ("└─sda1", "crypto_LUKS", "part", "")]
    rows.append(("  └─root", "ext4", "crypt", "/"))
    text = "".join(f"{n:<11}{f:<12}{t:<6}{m}".rstrip() + "\n" for n, f, t, m in rows)
    (path,) = root_paths(parse_lsblk_tree(text))
    assert [(d.name, d.type, d.fstype) for d in path] == [
        ("sda", "disk", None),
        ("sda1", "part", "crypto_LUKS"),
        ("root", "crypt", "ext4"),
    ]


# --- column-position text that does not shift (issue 11): fixtures of ours in lsblk's real layouts


def every_name(devices):
    return [p[-1].name for p in paths_to(devices, lambda d: True)]


def test_own_lsblk_wrapped_long_name_utf8_goes_on_at_its_column():
    """libsmartcols in a terminal sizes NAME without its extremes, so a long LUKS name is printed
    whole and the next column starts on the next line, under tree art (`│` for its children). The
    old reader made a phantom device 'dm-0' of that line and read the name's tail as KNAME."""
    devices = parse_lsblk_tree(fixture("linux/lsblk/wrapped-name-utf8.txt"))
    (root,) = root_paths(devices)
    assert names(root) == ["sda", "sda3", "luks-0b3c5e7a-9d21-4f6b-8a4c-2e1f0d9c8b7a", "rhel-root"]
    luks = root[2]
    assert (luks.kname, luks.type, luks.fstype, luks.mountpoints) == ("dm-0", "crypt", "LVM2_member", ())
    assert [ln.strip() for ln in luks.lines] == [
        "└─luks-0b3c5e7a-9d21-4f6b-8a4c-2e1f0d9c8b7a",
        "│                        dm-0  crypt LVM2_member",
    ]
    assert "dm-0" not in every_name(devices) and len(every_name(devices)) == 9


def test_own_lsblk_wrapped_long_name_ascii_keeps_the_mount_point_on_its_device():
    """The same shape with ASCII glyphs (`lsblk -i`, or a C locale): the root LV's `/` is on the
    line after its name. The old reader gave `/` to a phantom child 'dm-0'."""
    devices = parse_lsblk_tree(fixture("linux/lsblk/wrapped-name-ascii.txt"))
    (root,) = root_paths(devices)
    assert names(root) == ["nvme0n1", "nvme0n1p3", "workstation--vg--2024-root--volume"]
    assert (root[-1].kname, root[-1].type, root[-1].fstype) == ("dm-0", "lvm", "ext4")
    (swap,) = paths_to(devices, lambda d: d.mountpoints == ("[SWAP]",))
    assert swap[-1].name == "workstation--vg--2024-swap--volume" and swap[-1].kname == "dm-1"
    assert every_name(devices) == [
        "nvme0n1",
        "nvme0n1p1",
        "nvme0n1p2",
        "nvme0n1p3",
        "workstation--vg--2024-root--volume",
        "workstation--vg--2024-swap--volume",
    ]


def test_own_lsblk_centos7_cut_to_80_columns_reads_what_is_printed():
    """util-linux 2.23 through a pipe assumes 80 columns (lib/tt.c), never narrows the tree, and
    cuts the FSTYPE and MOUNTPOINT values short: they are kept as printed, never completed."""
    devices = parse_lsblk_tree(fixture("linux/lsblk/centos7-80-columns.txt"))
    (root,) = root_paths(devices)
    assert [(d.name, d.type, d.fstype) for d in root] == [
        ("sda", "disk", None),
        ("sda2", "part", "crypto_L"),
        ("luks-8c1e4a7d-2f0b-4d3e-b5a9-6e7f8a9b0c1d", "crypt", "LVM2_mem"),
        ("centos-root", "lvm", "xfs"),
    ]
    (srv,) = paths_to(devices, lambda d: d.name == "centos-srv")
    assert srv[-1].mountpoints == ("/srv/backup-a",)


def test_own_lsblk_mountpoints_one_per_line_under_tree_art_and_with_blanks():
    """util-linux 2.37+ MOUNTPOINTS: further mount points on lines of their own, after the `│` of
    a parent that has more children; a blank inside a mount point as printed, or as `\\x20`."""
    devices = parse_lsblk_tree(fixture("linux/lsblk/mountpoints-2.37.txt"))
    (root,) = root_paths(devices)
    assert names(root) == ["nvme0n1", "nvme0n1p2", "cryptroot"]
    assert root[-1].mountpoints == ("/var/log", "/home", "/") and len(root[-1].lines) == 3
    mounts = {p[-1].name: p[-1].mountpoints for p in paths_to(devices, lambda d: bool(d.mountpoints))}
    assert mounts["nvme0n1p3"] == ("/srv/Photo Archive",)
    assert mounts["sdb1"] == ("/run/media/amina/USB STICK",)
    assert every_name(devices)[-2:] == ["sdb", "sdb1"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("list-l", "lsblk printed a list, not a tree (line 3 is a part at the top)"),
        ("raw-r", "lsblk text line 2 does not sit on the header's columns: 'sda sda disk'"),
        ("rewrapped-80", "lsblk text line 8 has no value in its KNAME column"),
        ("misaligned", "lsblk text line 5 does not sit on the header's columns"),
    ],
)
def test_own_lsblk_shapes_that_do_not_fit_are_refused(name, message):
    """`lsblk -l` (no tree: what sits on what is lost), `lsblk -r` (no columns), a capture that a
    terminal or mail client re-wrapped at 80 characters, and a row one position off its column."""
    with pytest.raises(ParseError) as caught:
        parse_lsblk_tree(fixture(f"linux/lsblk/{name}.txt"))
    assert str(caught.value).startswith(message)


HEADER = "NAME        KNAME TYPE  FSTYPE      MOUNTPOINT\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("sda         sda   disk\n    └─sda1  sda1  part  ext4        /\n", "line 3 does not sit"),  # two levels down
        ("sda         sda   disk\n└─sda1\tsda1  part  ext4        /\n", "line 3 has a tab"),
        ("sda         sda   disk\n  sda1      sda1  part  ext4        /\n", "line 3 does not sit"),  # no branch
        ("sda         sda   disk\n└─sda1      sda1  part  ext4        /\n                  crypt\n", "line 4 does not"),
        ("sda         sda   disk\n└─sda1      sda1  part  ext4        home\n", "has 'home' where a mount point"),
        ("sda         sda   disk\n└─sda1      sda1  part  ext 4       /\n", "has 'ext 4', not one word"),
        ("            sda   disk\n", "line 2 does not sit"),  # no name
        ("sda         sda   disk\n└─sda1       sda1 part  ext4        /\n", "line 3 does not sit"),  # KNAME one off
    ],
    ids=["depth-jump", "tab", "indent-no-glyph", "refill-a-column", "not-a-mount", "two-words", "no-name", "shifted"],
)
def test_lsblk_text_lines_off_the_header_columns_are_refused(rows, message):
    with pytest.raises(ParseError, match=re.escape(message)):
        parse_lsblk_tree(HEADER + rows)


def test_lsblk_text_long_name_over_a_right_aligned_column_goes_on_below():
    """With `-o NAME,SIZE,TYPE,...` the column after NAME is right-aligned (SIZE ends under its
    header's last letter): a long name runs over it and SIZE, TYPE... come on the next line."""
    text = (
        "NAME          SIZE TYPE  FSTYPE      MOUNTPOINT\n"
        "sda         465.8G disk              \n"
        "└─sda2      464.6G part  crypto_LUKS \n"
        "  └─luks-2d4f6a8c-1e3b-4c5d-9e7f-0a1b2c3d4e5f\n"
        "            464.5G crypt ext4        /\n"
    )
    (root,) = root_paths(parse_lsblk_tree(text))
    assert [(d.name, d.type) for d in root] == [
        ("sda", "disk"),
        ("sda2", "part"),
        ("luks-2d4f6a8c-1e3b-4c5d-9e7f-0a1b2c3d4e5f", "crypt"),
    ]
