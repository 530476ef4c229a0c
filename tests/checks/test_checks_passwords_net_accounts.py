"""PWD-001..003 on Windows from `net accounts` in other languages and cut or wrapped captures:
the verdict, and the line that decided it under "net accounts" (issue 11)."""

import pytest

from hygiene.checks import passwords
from hygiene.checks.passwords.windows import NET_ACCOUNTS
from hygiene.engine import run_one
from hygiene.model import Status
from tests.helpers import fixture, machine


def windows(name):
    return machine(platform="windows", commands={NET_ACCOUNTS: (0, fixture(f"windows/net-accounts/{name}"), "")})


@pytest.mark.parametrize(
    ("name", "status", "line"),
    [
        ("fr.txt", Status.WARN, "Longueur minimale du mot de passe :                   12"),
        ("es.txt", Status.PASS, "Longitud mínima de contraseña:                        16"),
        ("nl.txt", Status.WARN, "Minimale wachtwoordlengte:                            8"),
        ("pl-unlisted-labels.txt", Status.PASS, "Minimalna długość hasła:                              15"),
        ("en-tenth-line.txt", Status.FAIL, "Minimum password length:                              0"),  # was UNKNOWN
    ],
)
def test_min_length_in_other_languages_quotes_its_line(name, status, line):
    f = run_one(windows(name), passwords.min_length)
    assert f.status is status and f.evidence["net accounts"] == line


@pytest.mark.parametrize(
    ("name", "status", "line"),
    [
        ("fr.txt", Status.FAIL, "Seuil de verrouillage :                               Jamais"),
        ("es.txt", Status.PASS, "Umbral de bloqueo:                                    10"),
        ("nl.txt", Status.FAIL, "Vergrendelingsdrempel:                                Nooit"),
        ("de.txt", Status.PASS, "Sperrschwelle:                                        5"),
    ],
)
def test_lockout_never_in_other_languages_quotes_its_line(name, status, line):
    f = run_one(windows(name), passwords.failed_logins_limited)
    assert f.status is status and f.evidence["net accounts"] == line


def test_rotation_never_and_every_42_days_in_other_languages():
    assert run_one(windows("fr.txt"), passwords.no_rotation_or_composition).status is Status.PASS  # Illimité
    f = run_one(windows("es.txt"), passwords.no_rotation_or_composition)
    assert f.status is Status.WARN and f.evidence["expires_every_days"] == 42


def test_a_wrapped_minimum_length_is_unknown_while_the_lockout_line_still_decides():
    """The old reader took the first half, '1', for the minimum length: FAIL, where 12 is a WARN."""
    f = run_one(windows("fr-wrapped-value.txt"), passwords.min_length)
    assert f.status is Status.UNKNOWN and "breaking the one for the minimum password length in two: '2'" in f.summary
    f = run_one(windows("fr-wrapped-value.txt"), passwords.failed_logins_limited)
    assert f.status is Status.FAIL and f.evidence["net accounts"].endswith("Jamais")


def test_a_cut_capture_says_what_it_shows_and_no_more():
    assert run_one(windows("en-cut.txt"), passwords.min_length).status is Status.UNKNOWN
    assert run_one(windows("en-cut.txt"), passwords.failed_logins_limited).status is Status.UNKNOWN
    f = run_one(windows("en-cut.txt"), passwords.no_rotation_or_composition)
    assert f.status is Status.WARN and f.evidence["expires_every_days"] == 42


def test_an_unplaceable_tenth_line_is_unknown_not_a_shifted_reading():
    """The old reader, by position, took its 14 for the minimum length (15), the length 15 for
    the history and the history 24 for the lockout threshold."""
    f = run_one(windows("pl-tenth-line.txt"), passwords.min_length)
    assert f.status is Status.UNKNOWN and "lines not recognised: 'Wymuszaj wylogowanie" in f.summary
