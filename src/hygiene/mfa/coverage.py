"""Judging the online accounts a profile lists against the service table.

One place decides, for `hygiene mfa accounts` and for check MFA-005 alike, how strong each
account's second factor is, whether the account is critical, and the one next step."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.mfa.services import CRITICAL_KINDS, METHOD_NAMES, Service, ServiceTable
from hygiene.model import Status
from hygiene.profile import Account

# How much each method protects: none; codes that can be intercepted or phished; an app,
# push or PIN that an attacker must also steal or trick; phishing-resistant.
STRENGTH = {
    "none": 0,
    "sms": 1,
    "email": 1,
    "app": 2,
    "totp": 2,
    "push": 2,
    "pin": 2,
    "passkey": 3,
    "security_key": 3,
}
PLURAL = {"passkey": "passkeys", "security_key": "security keys"}
# For a service not in the table, by the strength of what is on now.
UNLISTED_STEPS = (
    "Open its security settings and look for 'two-step verification', '2FA' or 'passkeys'; "
    "choose a passkey or security key if offered, else an authenticator app.",
    "Look in its security settings for a passkey, security key or authenticator app and switch "
    "to it; if codes by SMS are all it offers, ask your mobile operator for a SIM-swap (port-out) lock.",
    "Look in its security settings for passkeys or security keys: they cannot be phished.",
)


@dataclass(frozen=True)
class Judged:
    account: Account
    service: Service | None  # None: not in the table
    critical: bool
    critical_why: str  # why it is critical: "you said so", "email account"; "" when it is not
    status: Status
    next_step: str

    @property
    def label(self) -> str:
        return self.account.service

    @property
    def strength(self) -> int:
        return STRENGTH[self.account.method]


def judge(account: Account, table: ServiceTable) -> Judged:
    service = table.find(account.service)
    if account.critical is not None:
        critical, why = account.critical, "you said so" if account.critical else ""
    elif service and service.kind in CRITICAL_KINDS:
        critical, why = True, f"{service.kind.replace('_', ' ')} account"
    else:
        critical, why = False, ""
    status = _status(account.method, critical)
    return Judged(account, service, critical, why, status, _next_step(account.method, service))


def judge_all(accounts: tuple[Account, ...], table: ServiceTable) -> list[Judged]:
    """Critical accounts first, weakest first within each group, as a to-do list reads."""
    judged = [judge(a, table) for a in accounts]
    return sorted(judged, key=lambda j: (not j.critical, j.strength, j.label.lower()))


def _status(method: str, critical: bool) -> Status:
    strength = STRENGTH[method]
    if strength == 0:
        return Status.FAIL if critical else Status.WARN
    if strength == 1:
        return Status.WARN
    return Status.PASS


def _next_step(method: str, service: Service | None) -> str:
    strength = STRENGTH[method]
    if strength == 3:
        return "Nothing to do; add a second passkey or key, or keep recovery codes, in case one is lost."
    if service is None:
        return UNLISTED_STEPS[strength]
    resistant = service.phishing_resistant
    if resistant:
        verb = ("Turn one on", "Switch to one", "Add one")[strength]
        return f"This service offers {PLURAL[resistant]}. {verb}: {service.settings}"
    best = service.best
    if best is None:
        note = f" ({service.note})" if service.note else ""
        return f"It offers no second factor{note}: use a unique, long password from a password manager."
    if STRENGTH[best] > strength:
        note = f" ({service.note})" if service.note and best == "pin" else ""
        return f"{'Turn on' if strength == 0 else 'Switch to'} {METHOD_NAMES[best]}{note}: {service.settings}"
    if strength == 0:
        return f"Turn on {METHOD_NAMES[best]}: {service.settings}"
    if method == "sms":
        return "It offers nothing stronger: keep it, and ask your mobile operator for a SIM-swap (port-out) lock."
    if method == "email":
        return "It offers nothing stronger: keep it, and protect that mailbox with its own strongest factor."
    return "Nothing stronger is offered; keep recovery codes somewhere safe."
