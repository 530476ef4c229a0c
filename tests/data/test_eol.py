from datetime import date
from urllib.parse import urlparse

from hygiene.data.eol import support_table


def test_every_row_has_a_source_and_sane_dates():
    table = support_table()
    assert table.checked <= date.today()
    for r in table.releases:
        assert urlparse(r.source).scheme == "https" and urlparse(r.source).netloc, r.name
        assert r.rolling or r.security_until or r.note, r.name  # no date must say why
        if r.extended_until:  # the extension follows the free support, or the successor where one is due
            start = r.successor_due or r.security_until
            assert start and r.extended_until > start and r.extended, r.name


def test_rows_are_unique():
    keys = [(r.os, r.version, r.channel) for r in support_table().releases]
    assert len(keys) == len(set(keys))


def test_lookup_by_dotted_prefix_and_longest_match():
    table = support_table()
    assert table.find("rhel", "7.9").name == "Red Hat Enterprise Linux 7.9"
    assert table.find("sles", "12.5").name == "SUSE Linux Enterprise Server 12 SP5"
    assert table.find("sles", "15").name == "SUSE Linux Enterprise Server 15 (GA)"
    assert table.find("alpine", "3.23.2").version == "3.23"
    assert table.find("ubuntu", "24.04").name == "Ubuntu 24.04 LTS"
    assert table.find("ubuntu", "24.1") is None  # "24.1" is not a prefix of "24.10"
    assert table.find("arch", "").rolling
    assert table.find("windows", "26100", "ltsc").name == "Windows 11 Enterprise LTSC 2024"


def test_predates():
    table = support_table()
    assert table.predates("fedora", "30") and not table.predates("fedora", "45")
    assert table.predates("windows", "18363", "home") and not table.predates("windows", "27000", "home")
    assert not table.predates("arch", "")


def test_a_point_release_never_inherits_another_ones_row():
    """SLES "12" (GA) sits beside "12.1".."12.5": it stands for 12 GA only, so an unknown 12.6
    finds no row (newer than the table) and RHEL 7.0 is an unlisted older point release."""
    table = support_table()
    assert table.find("sles", "12.6") is None and table.superseded_by("sles", "12.6") is None
    assert table.find("rhel", "7.0") is None and table.superseded_by("rhel", "7.0").version == "7.9"
    assert table.superseded_by("rhel", "9.7").version == "9.8"  # between two listed ones
    assert table.superseded_by("rhel", "9.9") is None  # newer than the table
    assert table.superseded_by("rhel", "9.8") is None  # listed
    assert table.superseded_by("ubuntu", "22.10") is None  # interim releases are not point releases of 22.04
    assert table.find("alpine", "3.23.2").version == "3.23"  # no row below 3.23, so the prefix still matches
