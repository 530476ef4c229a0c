"""Inspects an otpauth:// URI (what an authenticator app's QR code holds) without ever
showing its secret: type, algorithm, digits, period, issuer, and how strong the secret is."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from hygiene.errors import UserError

MIN_BITS, RECOMMENDED_BITS = 128, 160


@dataclass(frozen=True)
class OtpAuth:
    type: str
    issuer: str
    account: str
    algorithm: str
    digits: int
    period: int | None  # TOTP only
    secret_bits: int

    @property
    def strength(self) -> str:
        if self.secret_bits >= RECOMMENDED_BITS:
            return f"strong ({self.secret_bits} bits; {RECOMMENDED_BITS} recommended)"
        if self.secret_bits >= MIN_BITS:
            return f"acceptable ({self.secret_bits} bits; {RECOMMENDED_BITS} recommended)"
        return f"weak ({self.secret_bits} bits; at least {MIN_BITS} are required)"

    @property
    def warnings(self) -> list[str]:
        found = []
        if self.secret_bits < MIN_BITS:
            found.append(f"the secret is only {self.secret_bits} bits (RFC 4226 asks for at least {MIN_BITS})")
        if self.type == "hotp":
            found.append("HOTP counters drift out of step; TOTP is easier to keep working")
        if self.digits < 6:
            found.append(f"{self.digits}-digit codes are easy to guess")
        return found


ALGORITHMS = ("SHA1", "SHA256", "SHA512")
_BASE32 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_PREFIX = "otpauth://"


def parse_otpauth(uri: str) -> OtpAuth:
    """Errors name the problem, never the secret: no message quotes any part of the URI, since
    in a malformed one the secret may stand anywhere. Split by hand, because urllib's splitter
    raises on a bracketed host with the text of that host in its message."""
    uri = uri.strip()
    if uri[: len(_PREFIX)].lower() != _PREFIX:
        raise UserError("not an otpauth:// URI (it should start with otpauth://totp/ or otpauth://hotp/)")
    rest = uri[len(_PREFIX) :].partition("#")[0]
    head, _, query = rest.partition("?")
    kind, _, label = head.partition("/")
    kind = kind.lower()
    if kind not in ("totp", "hotp"):
        raise UserError("unknown OTP type: expected otpauth://totp/ or otpauth://hotp/")
    params = {k.lower(): v for k, v in reversed(parse_qsl(query, keep_blank_values=True))}  # the first wins
    secret = params.get("secret", "").replace(" ", "").upper().rstrip("=")
    if not secret:
        raise UserError("the URI has no secret parameter")
    if not set(secret) <= _BASE32 or len(secret) % 8 in (1, 3, 6):
        raise UserError("the secret is not valid base32")
    try:
        raw = base64.b32decode(secret + "=" * (-len(secret) % 8))
    except (binascii.Error, ValueError):
        raise UserError("the secret is not valid base32") from None
    try:
        digits = int(params.get("digits", "6"))
        period = int(params.get("period", "30")) if kind == "totp" else None
    except ValueError:
        raise UserError("digits and period must be whole numbers") from None
    if not 1 <= digits <= 10:
        raise UserError("digits must be from 1 to 10 (6 is usual)")
    if period is not None and not 1 <= period <= 86_400:
        raise UserError("period must be from 1 to 86400 seconds (30 is usual)")
    algorithm = params.get("algorithm", "SHA1").upper().replace("-", "")
    if algorithm not in ALGORITHMS:
        raise UserError(f"unknown algorithm: expected {', '.join(ALGORITHMS)}")
    label_issuer, _, account = unquote(label).rpartition(":")
    issuer, account = params.get("issuer") or label_issuer.strip(), account.strip()
    for shown in (issuer, account, label_issuer):
        if secret in shown.replace(" ", "").upper() or "SECRET=" in shown.upper():
            raise UserError("the label or issuer holds the secret (is an & missing?); nothing is shown")
    return OtpAuth(
        type=kind,
        issuer=issuer,
        account=account,
        algorithm=algorithm,
        digits=digits,
        period=period,
        secret_bits=len(raw) * 8,
    )
