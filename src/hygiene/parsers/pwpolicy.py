"""Parses macOS `pwpolicy -getaccountpolicies`: a heading line, then an XML property list of
policies by category; the numbers live in each policy's parameters or its content string."""

from __future__ import annotations

import plistlib
import re
from dataclasses import dataclass

from hygiene.parsers import ParseError


@dataclass(frozen=True)
class MacPasswordPolicy:
    min_length: int | None  # None: no length policy
    max_failed_logins: int | None
    expires_every_days: int | None
    requires_classes: bool  # composition rules (a digit, a symbol, ...)


def parse_pwpolicy(text: str) -> MacPasswordPolicy:
    start = text.find("<?xml")
    if start < 0:
        if "No global policies" in text or not text.strip() or text.strip() == "Getting global account policies":
            return MacPasswordPolicy(None, None, None, False)
        raise ParseError("pwpolicy printed no property list")
    try:
        data = plistlib.loads(text[start:].encode("utf-8"))
    except Exception as exc:  # noqa: BLE001 - plistlib raises several types
        raise ParseError(f"pwpolicy's property list is malformed ({type(exc).__name__})") from None
    policies = [
        p for category in (data or {}).values() if isinstance(category, list) for p in category if isinstance(p, dict)
    ]
    min_length = max_failed = expires = None
    classes = False
    for policy in policies:
        params = policy.get("policyParameters") or {}
        content = str(policy.get("policyContent") or "")
        if "policyAttributeMaximumFailedAuthentications" in params:
            max_failed = int(params["policyAttributeMaximumFailedAuthentications"])
        if "policyAttributeExpiresEveryNDays" in params:
            expires = int(params["policyAttributeExpiresEveryNDays"])
        length = params.get("minimumLength") or params.get("minChars")
        if length is None and "policyAttributePassword matches" in content:
            m = re.search(r"\.\{(\d+),", content)  # '.{8,}+': at least 8 of anything
            length = int(m.group(1)) if m else None
        if length is not None:
            min_length = max(min_length or 0, int(length))
        if re.search(
            r"\[0-9\]|\[\^a-zA-Z|requiresNumeric|requiresSymbol|minimumNumericCharacters", content + str(params)
        ):
            classes = True
    return MacPasswordPolicy(min_length, max_failed, expires, classes)
