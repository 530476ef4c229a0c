"""Parses macOS `pwpolicy -getaccountpolicies`: a heading line, then an XML property list of
policies by category; the numbers live in each policy's parameters or its content string."""

from __future__ import annotations

import math
import plistlib
import re
from dataclasses import dataclass

from hygiene.parsers import MAX_DIGITS, ParseError, check_depth, excerpt, number


@dataclass(frozen=True)
class MacPasswordPolicy:
    min_length: int | None  # None: no length policy
    max_failed_logins: int | None
    expires_every_days: int | None
    requires_classes: bool  # composition rules (a digit, a symbol, ...)


def _int(value: object, what: str) -> int:
    """A policy parameter as a whole number: plist <integer>, <real> or a string of digits."""
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    if isinstance(value, str) and len(value.strip()) <= MAX_DIGITS:
        try:
            return int(value)
        except ValueError:
            pass
    shown = excerpt(value) if isinstance(value, str) else f"a {type(value).__name__}"
    raise ParseError(f"pwpolicy's {what} is not a number: {shown}")


def parse_pwpolicy(text: str) -> MacPasswordPolicy:
    start = text.find("<?xml")
    if start < 0:
        said = text.strip().casefold()
        if "no global policies" in said or said in ("", "getting global account policies"):
            return MacPasswordPolicy(None, None, None, False)
        raise ParseError("pwpolicy printed no property list")
    try:  # encoding inside: a lone surrogate cannot be encoded
        data = plistlib.loads(text[start:].encode("utf-8"))
    except Exception as exc:  # noqa: BLE001 - plistlib raises several types
        raise ParseError(f"pwpolicy's property list is malformed ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise ParseError(f"pwpolicy's property list is a {type(data).__name__}, not a dictionary")
    check_depth(data, "pwpolicy's property list")  # plistlib does not recurse, str() below does
    policies = [p for category in data.values() if isinstance(category, list) for p in category if isinstance(p, dict)]
    min_length = max_failed = expires = None
    classes = False
    for policy in policies:
        params = policy.get("policyParameters") or {}
        if not isinstance(params, dict):
            raise ParseError("pwpolicy's policyParameters is not a dictionary")
        content = str(policy.get("policyContent") or "")
        if "policyAttributeMaximumFailedAuthentications" in params:
            max_failed = _int(params["policyAttributeMaximumFailedAuthentications"], "maximum of failed logins")
        if "policyAttributeExpiresEveryNDays" in params:
            expires = _int(params["policyAttributeExpiresEveryNDays"], "expiry in days")
        length = params.get("minimumLength") or params.get("minChars")
        if length is None and "policyAttributePassword matches" in content:
            m = re.search(r"\.\{(\d+),", content)  # '.{8,}+': at least 8 of anything
            length = number(m.group(1), "pwpolicy's minimum length") if m else None
        if length is not None:
            min_length = max(min_length or 0, _int(length, "minimum length"))
        if re.search(
            r"\[0-9\]|\[\^a-zA-Z|requiresNumeric|requiresSymbol|minimumNumericCharacters", content + str(params)
        ):
            classes = True
    return MacPasswordPolicy(min_length, max_failed, expires, classes)
