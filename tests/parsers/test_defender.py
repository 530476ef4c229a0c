"""Get-MpComputerStatus (our JSON question) and Windows Security Center's products."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.defender import parse_defender_json
from hygiene.parsers.security_center import parse_security_center
from tests.helpers import fixture


def test_defender_on_and_current():
    d = parse_defender_json(fixture("windows/powershell/defender-on.json"))
    assert (d.service, d.antivirus, d.real_time, d.tamper, d.mode) == (True, True, True, True, "Normal")
    assert d.updated == datetime(2026, 11, 26, 21, 14, 5, tzinfo=timezone(timedelta(hours=5)))
    assert d.age_days == 0 and not d.never_updated and not d.passive


def test_defender_sentinels_mean_never():
    d = parse_defender_json(fixture("windows/powershell/defender-never-updated.json"))
    assert d.never_updated and d.updated is None and d.age_days is None


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00.0000000", "1601-01-01T00:00:00.0000000Z", "", None])
def test_defender_empty_or_minimum_dates_are_no_date(date):
    d = parse_defender_json(
        f'{{"AntivirusSignatureLastUpdated": {"null" if date is None else repr(date).replace(chr(39), chr(34))}, '
        '"AntivirusSignatureAge": 4294967295}'
    )
    assert d.updated is None and d.never_updated


def test_defender_version_drift_and_passive_mode():
    old = parse_defender_json(fixture("windows/powershell/defender-old-platform.json"))
    assert old.tamper is None and old.mode == "" and old.updated == datetime(2026, 11, 25, 15, tzinfo=UTC)
    assert parse_defender_json(fixture("windows/powershell/defender-passive.json")).passive
    # A date without an offset (a DateTime of unspecified kind) is taken as UTC; one item as a list.
    d = parse_defender_json('[{"AntivirusSignatureLastUpdated": "2026-11-20T08:00:00", "AntivirusSignatureAge": 7}]')
    assert d.updated == datetime(2026, 11, 20, 8, tzinfo=UTC) and d.age_days == 7 and d.service is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '"text"',
        '{"RealTimeProtectionEnabled": "True"}',  # a boolean as text: not what our question prints
        '{"AntivirusSignatureLastUpdated": "7/30/2013 3:01:45 AM"}',  # the list format's local date
        '{"AntivirusSignatureAge": -1}',
        '{"AntivirusSignatureAge": true}',
        '{"AntivirusSignatureLastUpdated": 5}',
        '{"AntivirusSignatureAge": 1000000}',  # older than any date: no age (and no date to subtract it from)
        '{"AntivirusSignatureAge": 4294967294}',  # one short of the sentinel
    ],
)
def test_defender_unexpected_shapes_are_parse_errors(text):
    with pytest.raises(ParseError):
        parse_defender_json(text)


def test_security_center_products_and_their_state():
    products = parse_security_center(fixture("windows/powershell/security-center-eset.json"))
    defender, eset, firewall = products
    assert (defender.kind, defender.microsoft, defender.condition, defender.on) == ("antivirus", True, "off", False)
    assert (eset.name, eset.microsoft, eset.on, eset.current) == ("ESET Security", False, True, True)
    assert (firewall.kind, firewall.on) == ("firewall", True)
    outdated = parse_security_center(fixture("windows/powershell/security-center-eset-outdated.json"))[1]
    assert outdated.on and not outdated.current
    assert [
        p.condition
        for p in parse_security_center(
            '[{"Class":"AntiVirusProduct","Name":"A","State":270336},{"Class":"AntiVirusProduct","Name":"B","State":274432},'
            '{"Class":"AntiVirusProduct","Name":"C","State":282624}]'
        )
    ] == ["snoozed", "expired", "unknown"]  # 0x042000, 0x043000, 0x045000


def test_security_center_one_product_none_and_hostile_names():
    assert [
        p.name for p in parse_security_center(fixture("windows/powershell/security-center-defender-only.json"))
    ] == ["Windows Defender"]
    assert parse_security_center("") == [] and parse_security_center("[]") == []
    (p,) = parse_security_center(
        '[{"Class":"FirewallProduct","Name":"Evil\\n\\u001b[31m' + "x" * 500 + '","State":266240}]'
    )
    assert "\n" not in p.name and len(p.name) == 80


@pytest.mark.parametrize(
    "text",
    ['[{"Class":"AntiSpywareProduct","State":1}]', '[{"Class":"FirewallProduct","State":"266240"}]', "[3]", "{"],
)
def test_security_center_unexpected_shapes_are_parse_errors(text):
    with pytest.raises(ParseError):
        parse_security_center(text)
