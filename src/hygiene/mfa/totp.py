"""Time-based one-time codes (RFC 6238) for the workshop demo: the current code, how long it
has left, and whether a typed code matches, including a neighbouring time step (a phone
whose clock drifts). Every function takes the time, so tests can fix the clock."""

from __future__ import annotations

from dataclasses import dataclass

PERIOD = 30
DRIFT_STEPS = 2  # look this many steps either side to explain a near miss


def new_secret() -> str:
    """160 random bits (32 base32 characters), as RFC 4226 recommends."""
    import pyotp

    return pyotp.random_base32(32)


def code_at(secret: str, at: float) -> str:
    import pyotp

    return pyotp.TOTP(secret, interval=PERIOD).at(int(at))


def seconds_left(at: float) -> int:
    return PERIOD - int(at) % PERIOD


@dataclass(frozen=True)
class CodeCheck:
    accepted: bool
    steps_off: int | None  # 0: exact; -1: the previous step (phone slow); None: no match nearby
    used_before: bool = False  # right, but this step's code was already accepted once

    @property
    def explanation(self) -> str:
        if self.accepted:
            return "Accepted: the code matches this 30-second step."
        if self.used_before:
            return (
                "Refused: this code was already accepted once. A one-time code works once (RFC 6238 "
                "section 5.2), so someone who watched you type it, or caught it on the way, cannot sign "
                "in with it after you; wait for the next code."
            )
        if self.steps_off is None:
            return "Rejected: the code matches no step within a minute either side (a typo, or another account)."
        direction = "behind" if self.steps_off < 0 else "ahead of"
        seconds = abs(self.steps_off) * PERIOD
        when = "ago" if self.steps_off < 0 else "later"
        return (
            f"Rejected, but it matches the code from {seconds} s {when}: "
            f"the phone's clock is about {seconds} s {direction} this one."
        )


def check_code(secret: str, typed: str, at: float) -> CodeCheck:
    """Any spaces left out (an app shows "081 804", with a thin or no-break space), and decimal
    digits of any script read as ASCII (an Urdu keyboard types ۰۸۱۸۰۴)."""
    typed = "".join(typed.split())
    if not typed.isdecimal():  # not isdigit(): superscripts are digits, yet no number
        return CodeCheck(False, None)
    typed = "".join(str(int(c)) for c in typed)
    for offset in (0, *[s for d in range(1, DRIFT_STEPS + 1) for s in (-d, d)]):
        if code_at(secret, at + offset * PERIOD) == typed:
            return CodeCheck(offset == 0, offset)
    return CodeCheck(False, None)


class OneTimeVerifier:
    """Checks codes as a real server must: each one is accepted once (RFC 6238 section 5.2). It
    remembers the last time step it accepted and refuses that step's code again; pyotp's
    verify() remembers nothing, so this is done here."""

    def __init__(self, secret: str) -> None:
        self._secret = secret
        self._last_step: int | None = None

    def check(self, typed: str, at: float) -> CodeCheck:
        result = check_code(self._secret, typed, at)
        if result.steps_off is None:
            return result
        step = int(at) // PERIOD + result.steps_off  # the step whose code it is
        last = self._last_step
        # The code accepted a moment ago, typed again after its step ended: used, not a slow clock.
        # An accepted code's step is never taken twice, even if the clock went back meanwhile.
        if last is not None and (step == last or (result.accepted and step < last)):
            return CodeCheck(False, result.steps_off, used_before=True)
        if result.accepted:
            self._last_step = step
        return result


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    import pyotp

    return pyotp.TOTP(secret, interval=PERIOD).provisioning_uri(name=account, issuer_name=issuer)
