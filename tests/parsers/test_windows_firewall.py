"""Windows Firewall profiles: our Get-NetFirewallProfile JSON and `netsh advfirewall show
allprofiles` in several languages, cut short, and garbled by the console code page."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.windows_firewall import parse_firewall_json, parse_netsh_allprofiles
from tests.helpers import fixture, read_real, real_output_files


@pytest.mark.parametrize("path", real_output_files("windows", "netsh-advfirewall-show-allprofiles"))
def test_real_netsh_output_cut_after_the_domain_profile(path):
    """The capture holds the Domain block only: Private and Public are unknown, never on."""
    profiles = parse_netsh_allprofiles(read_real(path))
    assert profiles.states == {"Domain": True, "Private": None, "Public": None}
    assert profiles.lines == {"Domain": "Domain Profile Settings: State ON"}


@pytest.mark.parametrize(
    ("case", "states", "public_line"),
    [
        ("en-all-on", {"Domain": True, "Private": True, "Public": True}, "Public Profile Settings: State ON"),
        (
            "de-public-off",
            {"Domain": True, "Private": True, "Public": False},
            "Öffentliches Profil-Einstellungen: Status AUS",
        ),
        ("fr-private-off", {"Domain": True, "Private": False, "Public": True}, "Paramètres Profil public : État Actif"),
        (
            "de-garbled-umlauts",
            {"Domain": True, "Private": True, "Public": False},
            "\ufffdffentliches Profil-Einstellungen: Status AUS",
        ),
        (
            "pl-unknown-words",
            {"Domain": None, "Private": None, "Public": None},
            "Ustawienia profilu publicznego: Stan WYŁĄCZ",
        ),
    ],
)
def test_netsh_in_other_languages(case, states, public_line):
    profiles = parse_netsh_allprofiles(fixture(f"windows/netsh-advfirewall/{case}.txt"))
    assert profiles.states == states
    assert profiles.lines["Public"] == public_line


def test_netsh_values_in_any_case_and_headings_by_place():
    """Values are matched in any case; a heading in no known language takes its profile from
    its place (netsh prints Domain, Private, Public in that order)."""
    dashes = "-" * 70
    text = "".join(
        f"\nProfil {n}:\n{dashes}\nStan                                  {v}\n"
        for n, v in ((1, "on"), (2, "Off"), (3, "eIn"))
    )
    assert parse_netsh_allprofiles(text).states == {"Domain": True, "Private": False, "Public": True}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The following command was not found: advfirewall show allprofiles.\n",
        "Domain Profile Settings:\nState ON\n",  # no dashes: not netsh's block layout
        "Domain Profile Settings:\n" + "-" * 70 + "\n",  # a heading with nothing under it
    ],
)
def test_netsh_without_profile_blocks_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse_netsh_allprofiles(text)


def test_firewall_json():
    profiles = parse_firewall_json(fixture("windows/powershell/firewall-profiles-public-off.json"))
    assert profiles.states == {"Domain": True, "Private": True, "Public": False}
    assert profiles.lines["Public"] == "Public: Enabled = False"


@pytest.mark.parametrize(
    ("text", "states"),
    [
        # One profile comes as an object; the ones it does not list are unknown.
        ('{"Name":"Public","Enabled":"True"}', {"Domain": None, "Private": None, "Public": True}),
        # GpoBoolean's third value, and numbers (a question that forgot [string]) read as what they mean.
        (
            '[{"Name":"Domain","Enabled":"NotConfigured"},{"Name":"Private","Enabled":1},{"Name":"Public","Enabled":0}]',
            {"Domain": None, "Private": True, "Public": False},
        ),
    ],
)
def test_firewall_json_partial_and_drifted(text, states):
    assert parse_firewall_json(text).states == states


@pytest.mark.parametrize("text", ["", "[]", '[{"Name":"Guest"}]', "[1]", "not json"])
def test_firewall_json_without_profiles_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse_firewall_json(text)


def test_firewall_json_a_profile_listed_twice_counts_as_its_weaker_answer():
    """A second row for a profile never turns an 'off' (or an unknown) into 'on'."""
    rows = '[{"Name":"Public","Enabled":"False"},{"Name":"public","Enabled":"True"},{"Name":"Domain","Enabled":"?"},'
    rows += (
        '{"Name":"Domain","Enabled":"True"},{"Name":"Private","Enabled":"True"},{"Name":"Private","Enabled":"True"}]'
    )
    profiles = parse_firewall_json(rows)
    assert profiles.states == {"Domain": None, "Private": True, "Public": False}
    assert profiles.lines["Public"] == "Public: Enabled = False"


# --- a profile that is on but lets every connection in ----------------------------------------
# `Set-NetFirewallProfile -DefaultInboundAction Allow` (netsh: "Firewall Policy AllowInbound,...")
# keeps the profile "on" while it turns nothing away: as ufw's 'allow (incoming)', that is off.


def test_firewall_json_a_profile_allowing_every_inbound_connection_is_off():
    rows = '[{"Name":"Domain","Enabled":"True","Inbound":"NotConfigured"},{"Name":"Private","Enabled":"True",'
    rows += '"Inbound":"Block"},{"Name":"Public","Enabled":"True","Inbound":"Allow"}]'
    profiles = parse_firewall_json(rows)
    assert profiles.states == {"Domain": True, "Private": True, "Public": False}
    assert profiles.lines["Public"] == "Public: Enabled = True, DefaultInboundAction = Allow"
    assert profiles.lines["Private"] == "Public: Enabled = True".replace("Public", "Private")


def test_netsh_a_profile_allowing_every_inbound_connection_is_off_in_any_language():
    for case in ("en-all-on", "de-public-off"):
        text = fixture(f"windows/netsh-advfirewall/{case}.txt")
        first = text.index("BlockInbound,AllowOutbound")
        text = text[:first] + "AllowInbound,AllowOutbound" + text[first + len("BlockInbound,AllowOutbound") :]
        profiles = parse_netsh_allprofiles(text)
        assert profiles.states["Domain"] is False and profiles.states["Private"] is True
        assert profiles.lines["Domain"].endswith(" AllowInbound,AllowOutbound")


def test_netsh_state_words_in_no_known_language_are_kept_as_unrecognised():
    """Our own Polish output: "WŁĄCZ" (on) and "WYŁĄCZ" (off) are none of the words known here."""
    states = parse_netsh_allprofiles(fixture("windows/netsh-advfirewall/pl-unknown-words.txt"))
    assert set(states.states.values()) == {None}
    assert states.unrecognised == ("Stan WŁĄCZ", "Stan WŁĄCZ", "Stan WYŁĄCZ")


def test_netsh_known_words_leave_nothing_unrecognised():
    for case in ("en-all-on", "de-public-off", "fr-private-off", "de-garbled-umlauts"):
        assert parse_netsh_allprofiles(fixture(f"windows/netsh-advfirewall/{case}.txt")).unrecognised == (), case
