"""`net accounts` in the languages and shapes it comes in (fixtures of ours: the label and
value columns as net.exe pads them, each language's own words for never and none)."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.net_accounts import parse_net_accounts
from tests.helpers import fixture


def read(name):
    return parse_net_accounts(fixture(f"windows/net-accounts/{name}"))


@pytest.mark.parametrize(
    ("name", "length", "max_age", "lockout", "history"),
    [
        ("en.txt", 0, 42, None, 0),  # Never / None
        ("de.txt", 14, None, 5, 24),  # Unbegrenzt, Nie
        ("fr.txt", 12, None, None, 0),  # a blank before the colon; Illimité, Jamais, Aucun
        ("es.txt", 16, 42, 10, 0),  # Nunca, Ninguno
        ("nl.txt", 8, None, None, 0),  # Onbeperkt, Nooit, Geen
        ("pl-unlisted-labels.txt", 15, 90, 5, 24),  # labels hygiene does not list: read by position
        ("en-tenth-line.txt", 0, 42, None, 0),  # a line hygiene does not know: the rest by label
    ],
)
def test_net_accounts_languages(name, length, max_age, lockout, history):
    policy = read(name)
    assert (policy.min_length, policy.max_age_days, policy.lockout_threshold, policy.history) == (
        length,
        max_age,
        lockout,
        history,
    )
    assert policy.unread == {}


def test_net_accounts_keeps_the_line_each_setting_was_read_from():
    policy = read("fr.txt")
    assert policy.line("min_length") == "Longueur minimale du mot de passe :                   12"
    assert policy.line("lockout_threshold") == "Seuil de verrouillage :                               Jamais"
    assert (
        read("pl-unlisted-labels.txt").line("min_length") == "Minimalna długość hasła:                              15"
    )


def test_net_accounts_a_value_broken_in_two_is_not_read_but_the_others_are():
    """Copied from a console too narrow for the line: '1' and '2' on two lines is no 12."""
    policy = read("fr-wrapped-value.txt")
    with pytest.raises(ParseError, match="a line breaking the one for the minimum password length in two: '2'"):
        policy.line("min_length")
    assert policy.line("lockout_threshold").endswith("Jamais") and policy.lockout_threshold is None


def test_net_accounts_cut_short_still_says_what_it_shows():
    policy = read("en-cut.txt")
    assert policy.line("max_age").endswith("42") and policy.max_age_days == 42
    with pytest.raises(ParseError, match=r"has no line for the minimum password length \(3 settings\)"):
        policy.line("min_length")
    with pytest.raises(ParseError, match="has no line for the lockout threshold"):
        policy.line("lockout_threshold")


def test_net_accounts_an_unlisted_language_with_a_tenth_line_cannot_be_placed():
    """By position only nine lines can be placed; a tenth in unknown words could be any of them."""
    with pytest.raises(ParseError, match=r"no line for the minimum password length \(10 settings\); lines not rec"):
        read("pl-tenth-line.txt")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("4 2", "gives '4 2' for the minimum password length: no number, no word for never"),
        ("14 Zeichen", "gives '14 Zeichen'"),
        ("Never", "gave no number for the minimum password length"),
        ("", "gives '' for the minimum password length"),  # the value went onto the next line
    ],
)
def test_net_accounts_minimum_length_that_is_no_number_is_refused(value, message):
    text = fixture("windows/net-accounts/en.txt").replace("length:                              0", f"length: {value}")
    with pytest.raises(ParseError, match=message):
        parse_net_accounts(text).line("min_length")


def test_net_accounts_the_same_setting_twice_is_refused():
    text = fixture("windows/net-accounts/en.txt") + "Minimum password length:     14\n"
    with pytest.raises(ParseError, match="gives the minimum password length twice"):
        parse_net_accounts(text)


def test_net_accounts_errors_instead_of_settings():
    with pytest.raises(ParseError, match="no `label: value` line, but 'System error 5 has occurred.'"):
        parse_net_accounts("System error 5 has occurred.\n\nAccess is denied.\n")
