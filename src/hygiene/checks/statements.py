"""Judging the profile's dated statements ("training was completed on ..."), for the attested
checks of any category: what the machine cannot see, the person can say, with a date."""

from __future__ import annotations

from datetime import date

from hygiene.model import Finding, Status
from hygiene.profile import ATTESTATIONS, NEVER
from hygiene.system import ProbeUnavailable, System
from hygiene.words import count, days_ago


def dated_statement(system: System, key: str, max_days: int, *, stale: Status = Status.FAIL, more: str = "") -> Finding:
    """Judge one dated statement: recent enough, too old, never, or not stated (`more`: another
    way to state it, said after the usual ones). One dated after the audit's clock cannot be
    judged: what the snapshot recorded came before it."""
    value = system.profile.attest.get(key)
    what, noun = ATTESTATIONS[key]
    if value is None:
        raise ProbeUnavailable(
            f'Your profile does not say when {what}: add `{key} = YYYY-MM-DD` (or "never") under [attest], '
            "or run `hygiene init`." + (f" {more}" if more else "")
        )
    if not isinstance(value, date):  # the profile allows a date or "never"
        return Finding(Status.FAIL, f"Your profile says there has never been {noun}.", {"attested": NEVER})
    today = system.now().date()
    days = (today - value).days
    if days < 0:  # the profile is checked against the real day, so this is a snapshot older than it
        raise ProbeUnavailable(
            f"Your profile says {what} on {value}, after this audit's clock ({today}): a snapshot older than "
            "the statement cannot tell whether it held then. Audit the machine as it is now to judge it."
        )
    evidence = {"attested": value.isoformat(), "days_ago": days}
    if days <= max_days:
        return Finding(Status.PASS, f"Attested: {what} on {value} ({days_ago(days)}).", evidence)
    return Finding(
        stale, f"Attested: {what} on {value}, {days_ago(days)}; do it again every {count(max_days, 'day')}.", evidence
    )
