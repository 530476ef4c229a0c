"""`whoami /groups /fo csv`: the SID column found by its header or by its contents, in any language."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.whoami import parse_whoami_groups
from tests.helpers import fixture

ADMINS = "S-1-5-32-544"


@pytest.mark.parametrize(
    ("case", "groups", "admins_line"),
    [
        ("en-admin-filtered", 12, '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"'),
        (
            "en-admin-elevated",
            6,
            '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"',
        ),
        (
            "de-admin-nh",
            5,
            '"VORDEFINIERT\\Administratoren","Alias","S-1-5-32-544","Nur f\ufffdr Verweigerungen verwendete Gruppe"',
        ),
        ("en-domain-standard", 10, None),
    ],
)
def test_groups_in_every_shape(case, groups, admins_line):
    found = parse_whoami_groups(fixture(f"windows/whoami-groups/{case}.txt"))
    assert len(found) == groups
    assert next((g.line for g in found if g.sid == ADMINS), None) == admins_line


def test_a_quoted_comma_in_a_group_name_does_not_shift_the_sid():
    found = parse_whoami_groups(fixture("windows/whoami-groups/en-domain-standard.txt"))
    assert "S-1-5-21-1004336348-1177238915-682003330-1108" in [g.sid for g in found]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ERROR: Unable to get group membership information.\r\n",
        '"Group Name","Type","SID","Attributes"\r\n"Everyone","Well-known group","not-a-sid",""\r\n',
        '"Everyone","Well-known group","S-1-1-0"\r\n"broken\r\n',
        '"a","b"\r\n"c","d"\r\n',  # no column of SIDs
        '"' + "x" * 200_000 + '","S-1-1-0"\r\n',  # a line no group list has, whatever csv's limit
    ],
)
def test_what_is_not_a_group_list_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse_whoami_groups(text)


def test_a_long_line_is_refused_whatever_another_module_set_csvs_limit_to():
    """hygiene.passwords.exports raises the csv module's global field limit to 10 MiB when it is
    imported; the bound here must not depend on which ran first (it did: this failed only in
    the full suite)."""
    import csv

    import hygiene.passwords.exports  # noqa: F401 - imported for its effect on csv

    assert csv.field_size_limit() > 200_000
    with pytest.raises(ParseError, match="more than 4096 characters"):
        parse_whoami_groups('"' + "x" * 200_000 + '","S-1-1-0"\r\n')
