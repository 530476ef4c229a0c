"""MFA-005: the online accounts that matter have a second factor, phishing-resistant where offered.

No command can see someone's Gmail settings, so this reads the profile's [[accounts]] (what
the person says is turned on) and is labelled "attested" in every report."""

from __future__ import annotations

from hygiene.checks.base import check, unknown
from hygiene.mfa.accounts_report import critical_text
from hygiene.mfa.coverage import Judged, judge_all
from hygiene.mfa.services import METHOD_NAMES, service_table
from hygiene.model import Category, CheckMeta, Evidence, Finding, Platform, Severity, Status
from hygiene.system import System

ALL = (Platform.LINUX, Platform.MACOS, Platform.WINDOWS)
_STEPS = (
    "List the accounts that matter in your profile (`hygiene init`, or [[accounts]] entries with "
    "service, method and critical) and run `hygiene mfa accounts` for each one's next step and "
    "settings link. Start with email (it resets every other password), then the password "
    "manager, bank and payment apps, and cloud storage: turn on a passkey or security key "
    "where offered, else an authenticator app; SMS only where nothing else exists. Save the "
    "recovery codes on paper or in the password manager."
)

MFA_005 = CheckMeta(
    id="MFA-005",
    title="Important online accounts have a second factor, phishing-resistant where offered",
    category=Category.MFA,
    severity=Severity.CRITICAL,
    platforms=ALL,
    evidence=Evidence.ATTESTED,
    rationale=(
        "A stolen or guessed password is the most common way into an account; a second factor "
        "stops most of those attempts. Codes sent by SMS or email can be intercepted or typed "
        "into a fake page; passkeys and security keys cannot, because they only answer the real site."
    ),
    remediation={p: _STEPS for p in ALL},
    references=(
        "CIS Controls v8 6.3 (Require MFA for Externally-Exposed Applications)",
        "NIST SP 800-63B section 5.2.5 (phishing resistance)",
        "CISA: Implementing Phishing-Resistant MFA",
    ),
)


def _names(judged: list[Judged]) -> str:
    return ", ".join(j.label for j in judged)


@check(MFA_005)
def accounts_have_mfa(system: System) -> Finding:
    accounts = system.profile.accounts
    if not accounts:
        return unknown(
            "Your profile lists no online accounts: add [[accounts]] entries (service, method, "
            "critical) or run `hygiene init`, then `hygiene mfa accounts`."
        )
    table = service_table()
    judged = judge_all(accounts, table)
    bare_critical = [j for j in judged if j.critical and j.strength == 0]
    bare_other = [j for j in judged if not j.critical and j.strength == 0]
    phishable = [j for j in judged if j.strength == 1]
    resistant = [j for j in judged if j.strength == 3]
    parts = []
    if bare_critical:
        parts.append(f"no second factor on critical account(s): {_names(bare_critical)}")
    if bare_other:
        parts.append(f"no second factor on: {_names(bare_other)}")
    if phishable:
        parts.append(f"SMS or email codes (can be phished) on: {_names(phishable)}")
    parts.append(f"{len(resistant)} of {len(judged)} phishing-resistant")
    status = max((j.status for j in judged), key=_rank)
    summary = "Attested: " + "; ".join(parts) + "."
    # The to-do list is already critical-first and weakest-first; a FAIL still goes before a WARN.
    todo = sorted((j for j in judged if j.status is not Status.PASS), key=lambda j: -_rank(j.status))
    upgrades = [j for j in judged if j.strength < 3 and j.service and j.service.phishing_resistant]
    first = (todo or upgrades or [None])[0]
    if first is not None:
        summary += f" First: {first.label}: {first.next_step}"
    evidence = {
        "accounts": [f"{j.label}: {METHOD_NAMES[j.account.method]}, {critical_text(j)}" for j in judged],
        "service_table_checked": table.checked.isoformat(),
    }
    return Finding(status, summary, evidence)


def _rank(status: Status) -> int:
    return {Status.PASS: 0, Status.WARN: 1, Status.FAIL: 2}[status]
