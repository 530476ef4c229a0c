"""Parses `apt-get -s dist-upgrade` (Inst lines), `apt list --upgradable`, and
/var/log/apt/history.log. An update is a security update when it comes from a *-security
suite or a *-Security origin (Debian-Security, Ubuntu jammy-security, ESM's *-apps-security)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hygiene.parsers import ParseError, excerpt
from hygiene.parsers.packages import PendingUpdate

# Inst NAME [OLD] (NEW ORIGIN:VERSION/SUITE[, ORIGIN:VERSION/SUITE] [ARCH]) [...]
# ARCH is one word (amd64, all): with `[^\]\s]+` each try after `.*` stops at the next blank, so
# backtracking over a line of " [" is linear (with `[^\]]+` it was quadratic).
_INST = re.compile(r"^Inst (?P<name>\S+)(?: \[[^\]]*\])? \((?P<new>\S+) (?P<origins>.*) \[[^\]\s]+\]\)")
# NAME/SUITE[,SUITE] VERSION ARCH [upgradable from: OLD]
_LISTED = re.compile(r"^(?P<name>[^/\s]+)/(?P<suites>\S+) (?P<new>\S+) \S+ \[upgradable from: [^\]]+\]")
_LIST_NOISE = re.compile(r"^(Listing\.\.\.|WARNING: |[NWE]: |$)")
_END_DATE = re.compile(r"^End-Date: (\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2})", re.M)


def _is_security(sources: list[str]) -> bool:
    return any(re.search(r"security", s, re.I) for s in sources)


def parse_apt_get_simulate(text: str) -> list[PendingUpdate]:
    """Every package apt would install or upgrade; other lines (notes, Conf, Remv) are skipped."""
    found: dict[str, PendingUpdate] = {}
    for line in text.splitlines():
        m = _INST.match(line)
        if m:
            origins = [o.strip() for o in m["origins"].split(",")]
            found[m["name"]] = PendingUpdate(m["name"], m["new"], _is_security(origins), ", ".join(origins))
    return list(found.values())


def parse_apt_list_upgradable(text: str) -> list[PendingUpdate]:
    updates = []
    for line in text.splitlines():
        if not (stripped := line.strip()):
            continue
        m = _LISTED.match(line)
        if m:
            suites = m["suites"].split(",")
            updates.append(PendingUpdate(m["name"], m["new"], _is_security(suites), ",".join(dict.fromkeys(suites))))
        elif not _LIST_NOISE.match(stripped):
            raise ParseError(f"unrecognised `apt list` line: {excerpt(line)}")
    return updates


def last_apt_run(history: str) -> datetime | None:
    """The end of the newest apt run that installed or upgraded something (treated as UTC)."""
    newest = None
    for entry in history.split("\n\n"):
        if re.search(r"^(Upgrade|Install): ", entry, re.M):
            for day, clock in _END_DATE.findall(entry):
                try:  # \d also matches other scripts' digits; month 13 is no date
                    when = datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)
                except ValueError:
                    raise ParseError(f"apt history has an unreadable End-Date: {excerpt(day + ' ' + clock)}") from None
                newest = max(newest, when) if newest else when
    return newest
