"""How the updates checks judge what the platform modules found: one rule for every OS."""

from __future__ import annotations

from datetime import datetime

from hygiene.eol import support_table
from hygiene.model import Finding, Status
from hygiene.parsers.packages import PendingUpdate

MAX_LISTED = 10
RECENT_DAYS, STALE_DAYS = 14, 31  # UK Cyber Essentials (14 days), CIS Controls 7.3 (monthly)
EOL_WARN_DAYS = 90


def listed(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def judge_pending(updates: list[PendingUpdate], tool: str, *, classified: bool = True, why: str = "") -> Finding:
    """FAIL on pending security updates. Where the source does not classify updates
    (pacman, apk, check-update), any pending update is a WARN, saying `why` it cannot tell."""
    security = sorted({u.name for u in updates if u.security})
    unclassified = sorted({u.name for u in updates if u.security is None})
    other = sorted({u.name for u in updates if u.security is False})
    evidence = {
        "source": tool,
        "security_updates": security[:MAX_LISTED],
        "security_count": len(security),
        "unclassified_count": len(unclassified),
        "other_count": len(other),
    }
    if security:
        return Finding(Status.FAIL, f"{len(security)} security update(s) waiting: {listed(security)}.", evidence)
    if unclassified and not classified:
        evidence["pending"] = unclassified[:MAX_LISTED]
        return Finding(
            Status.WARN,
            f"{len(unclassified)} update(s) waiting ({listed(unclassified)}); "
            f"{why or f'{tool} does not say which ones fix security problems'}, so install them all.",
            evidence,
        )
    rest = len(other) + len(unclassified)
    extra = f" ({rest} other update(s) are available)" if rest else ""
    return Finding(Status.PASS, f"No security updates are waiting{extra}.", evidence)


def judge_age(when: datetime | None, now: datetime, what: str, evidence: dict) -> Finding:
    """PASS within 14 days, WARN within 31, FAIL beyond: `what` is e.g. "updates were checked for"."""
    if when is None:
        return Finding(Status.UNKNOWN, f"Could not tell when {what}.", evidence)
    days = max(0, (now - when).days)
    evidence = {**evidence, "last": when.isoformat(), "days_ago": days}
    if days <= RECENT_DAYS:
        return Finding(Status.PASS, f"{what.capitalize()} {days} day(s) ago.", evidence)
    status = Status.WARN if days <= STALE_DAYS else Status.FAIL
    return Finding(status, f"{what.capitalize()} {days} days ago; security fixes ship every week or two.", evidence)


def judge_release(os_id: str, version: str, label: str, now: datetime, channel: str = "") -> Finding:
    """UPD-005 for any OS: look the release up in the support table and judge its dates."""
    table = support_table()
    release = table.find(os_id, version, channel)
    today = now.date()
    stale = (today - table.checked).days > 365
    note = f" (hygiene's support table is from {table.checked}, over a year old: update hygiene)" if stale else ""
    evidence: dict = {"release": label, "table_checked": table.checked.isoformat()}
    if release is None and table.predates(os_id, version, channel):
        return Finding(Status.FAIL, f"{label} is older than every release that still gets security updates.", evidence)
    if release is None:
        return Finding(
            Status.UNKNOWN,
            f"{label} is not in hygiene's support table (checked {table.checked}); "
            f"it may be newer than the table.{note}",
            evidence,
        )
    evidence.update(source=release.source, security_until=str(release.security_until or ""))
    if release.rolling:
        return Finding(Status.PASS, f"{release.name} gets updates as long as you keep installing them.{note}", evidence)
    if release.security_until is None:
        if release.uncertain:
            return Finding(
                Status.WARN, f"{release.name} may no longer get security updates: {release.note}.{note}", evidence
            )
        return Finding(Status.PASS, f"{release.name} still gets security updates ({release.note}).{note}", evidence)
    end = release.security_until
    if today > end:
        if release.extended_until and today <= release.extended_until:
            evidence["extended_until"] = release.extended_until.isoformat()
            return Finding(
                Status.WARN,
                f"{release.name}'s regular security updates ended on {end}; they continue only with "
                f"{release.extended} until {release.extended_until}.{note}",
                evidence,
            )
        last = release.extended_until or end
        return Finding(Status.FAIL, f"{release.name} stopped getting security updates on {last}.{note}", evidence)
    days = (end - today).days
    if days <= EOL_WARN_DAYS:
        return Finding(
            Status.WARN, f"{release.name} stops getting security updates on {end}, in {days} days.{note}", evidence
        )
    return Finding(Status.PASS, f"{release.name} gets security updates until {end}.{note}", evidence)
