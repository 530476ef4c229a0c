from datetime import date
from urllib.parse import urlparse

from hygiene.data.eol import support_table


def test_every_row_has_a_source_and_sane_dates():
    table = support_table()
    assert table.checked <= date.today()
    for r in table.releases:
        assert urlparse(r.source).scheme == "https" and urlparse(r.source).netloc, r.name
        assert r.rolling or r.security_until or r.note, r.name  # no date must say why
        if r.extended_until:
            assert r.security_until and r.extended_until > r.security_until and r.extended, r.name


def test_rows_are_unique():
    keys = [(r.os, r.version, r.channel) for r in support_table().releases]
    assert len(keys) == len(set(keys))


def test_lookup_by_dotted_prefix_and_longest_match():
    table = support_table()
    assert table.find("rhel", "7.0").name == "Red Hat Enterprise Linux 7"
    assert table.find("alpine", "3.23.2").version == "3.23"
    assert table.find("ubuntu", "24.04").name == "Ubuntu 24.04 LTS"
    assert table.find("ubuntu", "24.1") is None  # "24.1" is not a prefix of "24.10"
    assert table.find("arch", "").rolling
    assert table.find("windows", "26100", "ltsc").name == "Windows 11 Enterprise LTSC 2024"


def test_predates():
    table = support_table()
    assert table.predates("fedora", "30") and not table.predates("fedora", "45")
    assert table.predates("windows", "18363", "home_pro") and not table.predates("windows", "27000", "home_pro")
    assert not table.predates("arch", "")
