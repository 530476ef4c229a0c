"""The TOTP demo with a fixed clock, the QR rendering, and the otpauth inspector."""

import json
import os
import select

import pytest
import qrcode
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.errors import UserError
from hygiene.mfa.demo import run_demo, too_narrow
from hygiene.mfa.otpauth import parse_otpauth
from hygiene.mfa.qr import parse_rendering, qr_matrix, render
from hygiene.mfa.totp import OneTimeVerifier, check_code, code_at, new_secret, provisioning_uri, seconds_left

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
    # The code accepted 30 s ago, typed again: it was used, which is the lesson; the phone's clock
    # is not behind (see test_an_old_code_used_once_is_refused_as_used_not_as_a_slow_clock).
    assert said[4].startswith("Refused: this code was already accepted once")


def test_the_demo_accepts_each_code_once():
    """RFC 6238 section 5.2: a one-time password is used once. pyotp's verify() would accept the
    same code again within its 30 seconds; the demo refuses it and says why (the lesson)."""
    start = T - T % 30  # the first second of T's 30-second step
    code = code_at(RFC_SECRET, start)
    times = iter([start, start, start + 10, start + 20, start + 30, start + 30, start + 30])
    inputs = iter([code, code, code_at(RFC_SECRET, start + 30), "q"])
    said = []
    accepted = run_demo(RFC_SECRET, ask=lambda prompt: next(inputs), say=said.append, clock=lambda: next(times))
    assert accepted == 2  # the first entry of each step's code
    assert said[1].startswith("Accepted")
    assert said[3].startswith("Refused: this code was already accepted once")
    assert "RFC 6238 section 5.2" in said[3] and "wait for the next code" in said[3]
    assert said[5].startswith("Accepted")  # the next step's code is new


def test_an_old_code_used_once_is_refused_as_used_not_as_a_slow_clock():
    """Across the step boundary the code accepted a moment ago matches the previous step: saying
    "your phone's clock is 30 s behind" would teach the wrong thing. An old code never used still
    gets the clock explanation."""
    start = T - T % 30
    verifier = OneTimeVerifier(RFC_SECRET)
    code = code_at(RFC_SECRET, start)
    assert verifier.check(code, start + 29).accepted
    reused = verifier.check(code, start + 30)
    assert (reused.accepted, reused.used_before) == (False, True) and "already accepted once" in reused.explanation
    fresh = OneTimeVerifier(RFC_SECRET).check(code, start + 30)
    assert (fresh.accepted, fresh.used_before, fresh.steps_off) == (False, False, -1) and "behind" in fresh.explanation


@pytest.mark.parametrize("typed", ["٠٨١٨٠٤", "۰۸۱۸۰۴", "０８１８０４", " 081\u00a0804 ", "081\t804", "081\u2009804"])
def test_a_code_in_other_digits_or_with_any_space_is_read_as_typed(typed):
    """An Urdu or Arabic keyboard types its own digits, a phone app shows "081 804" with a thin
    or no-break space: the same code (RFC_SECRET at T is 081804)."""
    assert check_code(RFC_SECRET, typed, T).accepted


def test_digits_that_are_not_decimal_are_not_a_code():
    assert not check_code(RFC_SECRET, "⁰⁸¹⁸⁰⁴", T).accepted  # superscripts: isdigit() says yes, int() says no


def test_a_used_code_stays_used_and_a_wrong_one_says_so_first():
    start = T - T % 30
    verifier = OneTimeVerifier(RFC_SECRET)
    code = code_at(RFC_SECRET, start)
    assert not verifier.check("000000", start).accepted and not verifier.check("000000", start).used_before
    assert verifier.check(code, start).accepted
    again = verifier.check(code, start + 1)  # the same 30-second step
    assert (again.accepted, again.used_before, again.steps_off) == (False, True, 0)
    assert verifier.check(code, start + 29).used_before  # still that step, at its last second
    assert verifier.check(code_at(RFC_SECRET, start + 30), start + 30).accepted  # a new step, a new code
    assert not check_code(RFC_SECRET, code, start).used_before  # the stateless check knows nothing of use


def test_a_qr_code_wider_than_the_terminal_is_not_printed():
    assert too_narrow(41, 41) is None and too_narrow(41, 120) is None
    assert too_narrow(41, 40) == (
        "the terminal is 40 columns wide and the QR code needs 41: widen the window "
        "(or make the font smaller) and run `hygiene mfa demo` again"
    )
    r = runner.invoke(app, ["mfa", "demo"], input="q\n", env={"COLUMNS": "30"})
    needed = len(qr_matrix(provisioning_uri(new_secret(), "workshop", "hygiene demo"))[0])
    assert r.exit_code == 2 and "Scan this" not in r.stdout and "█" not in r.stdout
    assert f"the terminal is 30 columns wide and the QR code needs {needed}" in r.stderr
    wide = runner.invoke(app, ["mfa", "demo"], input="q\n", env={"COLUMNS": str(needed)})
    assert wide.exit_code == 0 and "Scan this" in wide.stdout and "█" * needed in wide.stdout


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


SECRET = "WSRNMYPPPTCON53G7IHAB6QVKPCTYQZI"  # known, so that every output can be searched for it


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("https://example.com", "not an otpauth:// URI"),
        (f"https://example.com/?secret={SECRET}", "not an otpauth:// URI"),
        ("otpauth://sms/x?secret=JBSWY3DPEHPK3PXP", "unknown OTP type"),
        (f"otpauth://{SECRET}@totp/x?secret={SECRET}", "unknown OTP type"),
        (f"otpauth://[{SECRET}]/x?secret={SECRET}", "unknown OTP type"),  # urllib: ValueError quoting it
        (f"otpauth://[totp/{SECRET}?issuer=y", "unknown OTP type"),
        ("otpauth://totp/x?issuer=y", "no secret"),
        (f"otpauth://totp/{SECRET}?issuer=y", "no secret"),
        (f"otpauth://totp/x#secret={SECRET}", "no secret"),
        ("otpauth://totp/x?secret=NOT-BASE32!!", "not valid base32"),
        (f"otpauth://totp/x?secret={SECRET}!", "not valid base32"),
        (f"otpauth://totp/x?secret={SECRET}A", "not valid base32"),
        (f"otpauth://totp/x?secret={SECRET}&digits={SECRET}", "digits and period must be whole numbers"),
        (f"otpauth://totp/x?secret={SECRET}&period=9{'9' * 5000}", "digits and period must be whole numbers"),
        (f"otpauth://totp/x?secret={SECRET}&digits=0", "digits must be from 1 to 10"),
        (f"otpauth://totp/x?secret={SECRET}&period=-30", "period must be from 1 to 86400"),
        (f"otpauth://totp/x?algorithm=SHA1secret={SECRET}", "no secret"),
        (f"otpauth://totp/x?secret={SECRET}&algorithm=SHA1secret={SECRET}", "unknown algorithm"),
        (f"otpauth://totp/ACME:me?issuer=ACME;secret={SECRET}&secret={SECRET}", "holds the secret"),
        (f"otpauth://totp/ACME:me%26secret={SECRET}?secret={SECRET}", "holds the secret"),
        (f"otpauth://totp/ACME:{SECRET[:16]} {SECRET[16:]}?secret={SECRET}", "holds the secret"),
    ],
)
def test_inspect_errors_never_quote_the_uri(uri, message):
    with pytest.raises(UserError, match=message) as exc:
        parse_otpauth(uri)
    said = str(exc.value).lower()
    assert SECRET.lower() not in said and "not-base32" not in said and "example" not in said
    for fmt in ("table", "json"):
        r = runner.invoke(app, ["mfa", "inspect", "-f", fmt], input=uri + "\n")
        assert r.exit_code == 2 and message in r.stderr and isinstance(r.exception, SystemExit)
        said = r.output.lower()
        assert SECRET.lower() not in said and "not-base32" not in said and "example" not in said
        assert r.stderr.count("\n") == 1  # one line, no traceback


def test_inspect_reads_only_the_first_line_of_a_pipe():
    uri = f"otpauth://totp/ACME:amina?secret={SECRET}"
    r = runner.invoke(app, ["mfa", "inspect", "-f", "json"], input=uri + "\nnot read\n" + "x" * 100_000)
    assert r.exit_code == 0 and json.loads(r.stdout)["issuer"] == "ACME"
    markup = f"otpauth://totp/%5Bbold%5D:%1B%5B31mme?secret={SECRET}&issuer=%5B%2Fbold%5D\n"  # shown as text
    r = runner.invoke(app, ["mfa", "inspect"], input=markup + "more\n")
    assert r.exit_code == 0 and "[/bold]" in r.stdout and "\x1b" not in r.stdout and SECRET not in r.output
    r = runner.invoke(app, ["mfa", "inspect"], input=SECRET * 300 + "\n" + uri)  # the first line is over 8 KiB
    assert r.exit_code == 2 and "over 8 KiB" in r.stderr and SECRET not in r.output
    r = runner.invoke(app, ["mfa", "inspect"], input="")
    assert r.exit_code == 2 and "no otpauth:// URI was given" in r.stderr


def test_inspect_from_a_pipe_left_open_ends_after_the_first_line():
    """`--stdin`-style readers that read to the end hang on a pipe that stays open."""
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "hygiene", "mfa", "inspect", "-f", "json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        proc.stdin.write(f"otpauth://totp/ACME:amina?secret={SECRET}\n".encode())
        proc.stdin.flush()  # and the pipe stays open
        started = time.monotonic()
        while proc.poll() is None and time.monotonic() - started < 30:
            time.sleep(0.05)
        assert proc.poll() == 0, "inspect kept reading after the first line"
        out = proc.stdout.read().decode()
        assert json.loads(out)["issuer"] == "ACME" and SECRET not in out + proc.stderr.read().decode()
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_inspect_at_a_terminal_reads_with_echo_off_and_ends_at_enter():
    import subprocess
    import sys
    import time

    master, slave = os.openpty()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "hygiene", "mfa", "inspect"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""

    def read_until(done, seconds):
        nonlocal seen
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child has gone and closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk

    try:
        read_until(lambda: b"press Enter" in seen, 30)
        assert b"press Enter" in seen, seen
        os.write(master, f"otpauth://totp/ACME%20Bank:amina?secret={SECRET}&digits=8\r".encode())  # Enter
        started = time.monotonic()
        read_until(lambda: proc.poll() is not None and b"secret" in seen, 15)
        assert proc.wait(timeout=5) == 0 and time.monotonic() - started < 15
        read_until(lambda: False, 0.5)
        assert SECRET.encode() not in seen and SECRET[:8].encode() not in seen  # never echoed, never shown
        assert b"ACME Bank" in seen and b"TOTP" in seen and b"160 bits" in seen
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)


def test_weak_and_hotp_warnings():
    info = parse_otpauth("otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=3&digits=4")
    assert info.secret_bits == 80 and len(info.warnings) == 3 and info.strength.startswith("weak")


def test_the_demo_command_starts_and_ends_cleanly():
    r = runner.invoke(app, ["mfa", "demo"], input="q\n")
    assert r.exit_code == 0 and "Scan this" in r.output and "Demo ended: 0 codes accepted." in r.output
    r = runner.invoke(app, ["mfa", "demo"], input="")  # end of input, like Ctrl-D
    assert r.exit_code == 0 and "Demo ended" in r.output
