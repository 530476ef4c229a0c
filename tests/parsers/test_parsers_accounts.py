"""`id`, /proc/self/loginuid, `getent passwd` and `sudo -n -l`.

tests/fixtures/linux/sudo-l/root-U-*.txt and as-chen-nopasswd.txt were printed by sudo
1.9.13p3 (Debian 12) in a mount namespace of our own, with Debian's sudoers and these
additions: amina in the sudo group; bilal in no group; `chen ALL=(ALL) NOPASSWD: ALL` (and in
the sudo group); `dana ALL=(root) NOPASSWD: <two systemctl and apt commands>`; `Defaults:erin
!authenticate` with `erin ALL=(ALL:ALL) ALL`. The same run printed, for amina and bilal
asking for themselves, "sudo: a password is required" (both: sudo will not list without a
password unless a NOPASSWD rule exists)."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.accounts import parse_loginuid, parse_passwd_entry, parse_sudo_list
from hygiene.parsers.id import parse_id
from hygiene.system.kept import PASSWD_ACCOUNT, SUDO_PRIVILEGES
from tests.helpers import fixture

# --- id -------------------------------------------------------------------------------------

IDS = {
    "ubuntu-desktop-user": (1000, "amina", "sudo"),
    "fedora-wheel-selinux": (1000, "bilal", "wheel"),  # context= after the groups
    "standard": (1001, "chen", None),
    "root": (0, "root", None),
    "directory-groups": (1668601103, "dana@corp.example", None),  # group names with spaces
    "unnamed-group": (1002, "erin", "sudo"),  # a group with no name shows as its number
}


@pytest.mark.parametrize("case", sorted(IDS))
def test_id(case):
    who = parse_id(fixture(f"linux/id/{case}.txt"))
    uid, name, admin = IDS[case]
    assert (who.uid, who.user) == (uid, name)
    assert (admin in who.group_names) if admin else not {"sudo", "wheel", "admin"} & set(who.group_names)


def test_id_groups_keep_spaces_and_numbers():
    assert parse_id(fixture("linux/id/directory-groups.txt")).group_names[0] == "domain users@corp.example"
    assert parse_id(fixture("linux/id/unnamed-group.txt")).group_names == ("1002", "sudo")
    assert parse_id(fixture("linux/id/fedora-wheel-selinux.txt")).group_names == ("bilal", "wheel")


def test_id_prefers_the_effective_user():
    assert parse_id("uid=1000(amina) gid=1000(amina) euid=0(root) groups=1000(amina)\n").uid == 0


@pytest.mark.parametrize("text", ["", "id: 'nobody-here': no such user\n", "uid=x(amina) gid=1\n"])
def test_id_without_a_uid_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse_id(text)


def test_loginuid():
    assert parse_loginuid("1000") == 1000
    assert parse_loginuid("0\n") == 0
    assert parse_loginuid("4294967295") is None  # measured in this project's container: no login recorded
    with pytest.raises(ParseError):
        parse_loginuid("-1")


def test_passwd_entry_keeps_no_full_name():
    kept = PASSWD_ACCOUNT(fixture("linux/getent-passwd/amina.txt"))
    assert kept == "amina::1000:1000::/home/amina:/bin/bash\n" and "Qureshi" not in kept
    assert PASSWD_ACCOUNT(kept) == kept
    assert parse_passwd_entry(kept) == "amina"
    with pytest.raises(ParseError):
        parse_passwd_entry("")  # getent exits 2 and prints nothing for an unknown uid


# --- sudo -n -l -----------------------------------------------------------------------------

LISTINGS = {  # case: (may run anything as root, without a password, the line that decided, as kept)
    "root-U-amina": (True, False, "(ALL : ALL) ALL"),
    "root-U-chen": (True, True, "(ALL) NOPASSWD: ALL"),
    "as-chen-nopasswd": (True, True, "(ALL) NOPASSWD: ALL"),
    "root-U-dana": (False, False, "(root) NOPASSWD: /usr/bin/systemctl …, /usr/bin/apt …"),
    "root-U-erin": (True, True, "(ALL : ALL) ALL"),  # Defaults !authenticate
    "sudo-rs-nopasswd": (True, True, "(ALL:ALL) NOPASSWD:ALL"),
    "shell-only-nopasswd": (True, True, "(root) NOPASSWD: /usr/bin/systemctl …, /bin/bash"),
    "passwd-overrides": (True, False, "(root) NOPASSWD: /usr/bin/apt …, PASSWD: ALL"),
    "other-runas": (False, False, "(postgres) NOPASSWD: ALL"),
    "wrapped": (True, True, "(root) NOPASSWD: /usr/bin/systemctl …, /usr/bin/systemctl …, ALL"),
}


@pytest.mark.parametrize("case", sorted(LISTINGS))
def test_sudo_listing_as_kept(case):
    rights = parse_sudo_list(SUDO_PRIVILEGES(fixture(f"linux/sudo-l/{case}.txt")), "")
    assert rights.answer == "listed"
    assert (rights.anything, rights.passwordless, rights.line) == LISTINGS[case]


def test_what_spares_the_password_is_named():
    assert parse_sudo_list(fixture("linux/sudo-l/root-U-chen.txt"), "").because == "NOPASSWD"
    assert parse_sudo_list(SUDO_PRIVILEGES(fixture("linux/sudo-l/root-U-erin.txt")), "").because == "!authenticate"


def test_sudo_keeps_no_defaults_but_authenticate():
    whole = fixture("linux/sudo-l/root-U-erin.txt")
    kept = SUDO_PRIVILEGES(whole)
    assert "secure_path" in whole and "secure_path" not in kept and "mail_badpass" not in kept
    assert "!authenticate" in kept and SUDO_PRIVILEGES(kept) == kept


def test_sudo_refusals():
    denied = parse_sudo_list(fixture("linux/sudo-l/root-U-bilal.txt"), "")
    assert (denied.answer, denied.line) == ("denied", "User bilal is not allowed to run sudo on vm.")
    sorry = parse_sudo_list("", "Sorry, user bilal may not run sudo on vm.\n")
    assert sorry.answer == "denied"
    for stderr in ("sudo: a password is required\n", "sudo: interactive authentication is required\n"):
        assert parse_sudo_list("", stderr).answer == "password"


def test_sudo_saying_something_else_is_a_parse_error():
    with pytest.raises(ParseError, match="unexpected"):
        parse_sudo_list("", "sudo: account validation failure, is your account locked?\n")


def test_sudo_keeps_the_commands_not_their_arguments():
    """A sudoers rule may carry a password in a command's arguments (`mysqldump -pS3cret`), on
    its own line or wrapped onto the next: only each command's path is kept, with its tags."""
    whole = (
        "User ops may run the following commands on fileserver:\n"
        "    (root) NOPASSWD: /usr/bin/mysqldump -uroot -pS3cret-Zq7 --all-databases, CWD=/srv SETENV: /bin/ls\n"
        "    (root) PASSWD: /usr/local/bin/backup --user ops --password\n        S3cret-Zq7, ALL\n"
    )
    kept = SUDO_PRIVILEGES(whole)
    assert "S3cret-Zq7" not in kept and SUDO_PRIVILEGES(kept) == kept
    assert kept.splitlines()[1:] == [
        "    (root) NOPASSWD: /usr/bin/mysqldump …, SETENV: /bin/ls",
        "    (root) PASSWD: /usr/local/bin/backup …, ALL",
    ]
    rights = parse_sudo_list(kept, "")
    assert (rights.anything, rights.passwordless, rights.line) == (
        True,
        False,
        "(root) PASSWD: /usr/local/bin/backup …, ALL",
    )
