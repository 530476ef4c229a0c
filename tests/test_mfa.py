"""The TOTP demo with a fixed clock, the QR rendering, and the otpauth inspector."""

import json

import pytest
import qrcode
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.errors import UserError
from hygiene.mfa.demo import run_demo
from hygiene.mfa.otpauth import parse_otpauth
from hygiene.mfa.qr import parse_rendering, qr_matrix, render
from hygiene.mfa.totp import check_code, code_at, new_secret, provisioning_uri, seconds_left

runner = CliRunner()
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # "12345678901234567890", RFC 6238 appendix B
T = 1111111109  # an RFC 6238 test time


def test_codes_follow_rfc6238():
    assert code_at(RFC_SECRET, 59) == "287082"  # the RFC's 94287082, last six digits
    assert code_at(RFC_SECRET, T) == "081804"  # 07081804
    assert seconds_left(59) == 1 and seconds_left(60) == 30


def test_secrets_are_160_bits_and_fresh():
    a, b = new_secret(), new_secret()
    assert len(a) == 32 and a != b


@pytest.mark.parametrize(
    ("offset", "accepted", "steps"), [(0, True, 0), (-30, False, -1), (60, False, 2), (-90, False, None)]
)
def test_drift_is_recognised(offset, accepted, steps):
    typed = code_at(RFC_SECRET, T + offset)
    result = check_code(RFC_SECRET, typed, T)
    assert (result.accepted, result.steps_off) == (accepted, steps)
    if steps == -1:
        assert "30 s ago" in result.explanation and "behind" in result.explanation


def test_garbage_is_rejected():
    assert check_code(RFC_SECRET, "12ab56", T) == check_code(RFC_SECRET, "", T)
    assert not check_code(RFC_SECRET, "000000", T).accepted


def test_the_demo_loop_with_a_fixed_clock():
    times = iter([T, T, T, T + 30, T + 30, T + 30])  # shown, checked, shown (Enter), shown, checked, shown
    inputs = iter([code_at(RFC_SECRET, T), "", code_at(RFC_SECRET, T), "q"])
    said = []
    accepted = run_demo(RFC_SECRET, ask=lambda prompt: next(inputs), say=said.append, clock=lambda: next(times))
    assert accepted == 1
    assert said[0] == f"Current code: {code_at(RFC_SECRET, T)}   (next code in {seconds_left(T)} s)"
    assert said[1].startswith("Accepted")
    assert said[3].startswith(f"Current code: {code_at(RFC_SECRET, T + 30)}")  # time moved on: a new code
    assert said[4].startswith("Rejected, but it matches the code from 30 s ago")


@pytest.mark.parametrize("invert", [False, True])
def test_the_terminal_qr_is_the_uri(invert):
    uri = provisioning_uri(RFC_SECRET, "amina@example.pk", "hygiene demo")
    matrix = qr_matrix(uri)
    reference = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    reference.add_data(uri)
    reference.make(fit=True)
    assert matrix == [list(row) for row in reference.get_matrix()]
    assert parse_rendering(render(matrix, invert), invert)[: len(matrix)] == matrix


def test_inspect_describes_without_the_secret():
    secret = "WSRNMYPPPTCON53G7IHAB6QVKPCTYQZI"
    uri = f"otpauth://totp/ACME%20Bank:amina%40example.pk?secret={secret}&issuer=ACME%20Bank&algorithm=SHA256&digits=8&period=60"
    info = parse_otpauth(uri)
    assert (info.type, info.issuer, info.account, info.algorithm, info.digits, info.period, info.secret_bits) == (
        "totp", "ACME Bank", "amina@example.pk", "SHA256", 8, 60, 160
    )  # fmt: skip
    for fmt in ("table", "json"):
        r = runner.invoke(app, ["mfa", "inspect", "-f", fmt], input=uri + "\n")
        assert r.exit_code == 0 and secret not in r.output
    doc = json.loads(runner.invoke(app, ["mfa", "inspect", "-f", "json"], input=uri).stdout)
    assert doc["secret_bits"] == 160 and doc["warnings"] == []


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("https://example.com", "not an otpauth:// URI"),
        ("otpauth://sms/x?secret=JBSWY3DPEHPK3PXP", "unknown OTP type"),
        ("otpauth://totp/x?issuer=y", "no secret"),
        ("otpauth://totp/x?secret=NOT-BASE32!!", "not valid base32"),
    ],
)
def test_inspect_errors_never_quote_the_secret(uri, message):
    with pytest.raises(UserError, match=message) as exc:
        parse_otpauth(uri)
    assert "NOT-BASE32" not in str(exc.value)
    r = runner.invoke(app, ["mfa", "inspect"], input=uri)
    assert r.exit_code == 2 and message in r.stderr and "NOT-BASE32" not in r.output


def test_weak_and_hotp_warnings():
    info = parse_otpauth("otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=3&digits=4")
    assert info.secret_bits == 80 and len(info.warnings) == 3 and info.strength.startswith("weak")


def test_the_demo_command_starts_and_ends_cleanly():
    r = runner.invoke(app, ["mfa", "demo"], input="q\n")
    assert r.exit_code == 0 and "Scan this" in r.output and "Demo ended: 0 code(s) accepted." in r.output
    r = runner.invoke(app, ["mfa", "demo"], input="")  # end of input, like Ctrl-D
    assert r.exit_code == 0 and "Demo ended" in r.output
