"""Inspects an otpauth:// URI (what an authenticator app's QR code holds) without ever
showing its secret: type, algorithm, digits, period, issuer, and how strong the secret is."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

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


def parse_otpauth(uri: str) -> OtpAuth:
    """Errors name the problem, never the secret."""
    uri = uri.strip()
    parts = urlsplit(uri)
    if parts.scheme.lower() != "otpauth":
        raise UserError("not an otpauth:// URI (it should start with otpauth://totp/ or otpauth://hotp/)")
    kind = parts.netloc.lower()
    if kind not in ("totp", "hotp"):
        raise UserError(f"unknown OTP type {kind!r}: expected totp or hotp")
    params = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
    label = unquote(parts.path.lstrip("/"))
    label_issuer, _, account = label.rpartition(":")
    secret = params.get("secret", "").replace(" ", "").upper()
    if not secret:
        raise UserError("the URI has no secret parameter")
    try:
        raw = base64.b32decode(secret + "=" * (-len(secret) % 8))
    except (binascii.Error, ValueError):
        raise UserError("the secret is not valid base32") from None
    try:
        digits = int(params.get("digits", "6"))
        period = int(params.get("period", "30")) if kind == "totp" else None
    except ValueError:
        raise UserError("digits and period must be whole numbers") from None
    return OtpAuth(
        type=kind,
        issuer=params.get("issuer") or label_issuer,
        account=account.strip(),
        algorithm=params.get("algorithm", "SHA1").upper(),
        digits=digits,
        period=period,
        secret_bits=len(raw) * 8,
    )
