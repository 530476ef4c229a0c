"""Parses `apt-get -s dist-upgrade` (Inst lines, the kept-back and phased lists, the summary),
`apt list --upgradable`, and /var/log/apt/history.log. An update is a security update when it
comes from a *-security suite or a *-Security origin (Debian-Security, Ubuntu jammy-security,
ESM's *-apps-security), in whatever case. apt runs under LANG=C here (system/local.py), so its
headings and summary are compared in English; a translated line is unrecognised, never passed."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hygiene.parsers import ParseError, excerpt, number
from hygiene.parsers.packages import PendingList, PendingUpdate

# Inst NAME [OLD] (NEW ORIGIN:VERSION/SUITE[, ORIGIN:VERSION/SUITE] [ARCH]) [...]
# ARCH is one word (amd64, all): with `[^\]\s]+` each try after `.*` stops at the next blank, so
# backtracking over a line of " [" is linear (with `[^\]]+` it was quadratic).
_INST = re.compile(r"^Inst (?P<name>\S+)(?: \[[^\]]*\])? \((?P<new>\S+) (?P<origins>.*) \[[^\]\s]+\]\)")
# NAME/SUITE[,SUITE] VERSION ARCH [upgradable from: OLD]
_LISTED = re.compile(r"^(?P<name>[^/\s]+)/(?P<suites>\S+) (?P<new>\S+) \S+ \[upgradable from: [^\]]+\]")
_NAMED = re.compile(r"^(?P<name>[^/\s]+)/(?P<suites>\S*)")  # an `apt list` line cut short still names its package
_MESSAGE = ("WARNING: ", "N: ", "W: ", "E: ")  # apt's notes on stderr, which `apt list` callers may merge
_SUMMARY = re.compile(r"^(\d+) upgraded, (\d+) newly installed, (\d+) to remove and (\d+) not upgraded\.$")
# `apt-get -s` lists the packages of each kind under one of these headings, as indented names.
_LISTS = {
    "The following packages will be upgraded:": "upgraded",
    "The following NEW packages will be installed:": "new",
    "The following packages have been kept back:": "kept back",
    "The following upgrades have been deferred due to phasing:": "deferred",
    "The following held packages will be changed:": "held",
    "The following additional packages will be installed:": "additional",
    "The following packages will be REMOVED:": "",
    "The following packages will be DOWNGRADED:": "",
    "Suggested packages:": "",
    "Recommended packages:": "",
    "The following packages were automatically installed and are no longer required:": "",
}
# What `apt-get -s` prints besides those (the NOTE block, progress, autoremove hints, action lines).
_SIMULATION_NOISE = (
    "NOTE: This is only a simulation!", "apt-get needs root privileges for real execution.",
    "Keep also in mind that locking is deactivated,", "Also keep in mind that locking is deactivated,",
    "so don't depend on the relevance to the real current situation!", "Reading package lists...",
    "Building dependency tree", "Reading state information...", "Calculating upgrade...",
    "Use 'apt autoremove' to remove", "Use 'sudo apt autoremove' to remove", "Use 'apt-get autoremove' to remove",
    "Conf ", "Remv ", "Purg ", *_MESSAGE,
)  # fmt: skip
_END_DATE = re.compile(r"^End-Date: (\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2})", re.M)


def _is_security(sources: list[str]) -> bool:
    return any("security" in s.casefold() for s in sources)


def _visible_security(text: str) -> bool | None:
    """Security as far as a line cut short shows it: True when a security suite is visible,
    None (cannot tell) otherwise."""
    return True if "security" in text.casefold() else None


def parse_apt_get_simulate(text: str) -> PendingList:
    """Every package apt would install or upgrade (Inst lines), those it keeps back or defers,
    and how many its summary counts beyond what it lists (a cut output). An Inst line cut short
    still names its package; a package named only under "will be upgraded" (its Inst line cut
    away) is pending with its origin unknown. ParseError when it names no package and has no
    summary line: cut before it said anything."""
    found: dict[str, PendingUpdate] = {}
    named: dict[str, tuple[str, str]] = {}  # package -> (its list, the line naming it), from the indented lists
    unrecognised, notes = [], []
    kind: str | None = None
    counted = held_over = 0
    for line in text.splitlines():
        stripped = line.strip()
        if line[:1].isspace() and kind is not None and stripped and not stripped.startswith(_SIMULATION_NOISE):
            for name in stripped.split():
                named.setdefault(name, (kind, line))
            continue
        kind = _LISTS.get(stripped)  # None unless a heading: the names under it follow
        if kind is not None or not stripped or stripped.startswith(_SIMULATION_NOISE):
            continue
        if m := _INST.match(line):
            origins = [o.strip() for o in m["origins"].split(",")]
            found[m["name"]] = PendingUpdate(m["name"], m["new"], _is_security(origins), ", ".join(origins), line)
        elif line.startswith("Inst ") and len(words := line.split()) > 1:
            found.setdefault(words[1], PendingUpdate(words[1], "", _visible_security(line), "", line))
        elif m := _SUMMARY.match(stripped):
            notes.append(line)
            counted = number(m[1], "apt-get's upgraded count") + number(m[2], "apt-get's new count")
            held_over = number(m[4], "apt-get's not-upgraded count")
        else:
            unrecognised.append(line)
    for name, (kind, line) in named.items():
        if kind in ("kept back", "deferred") or (kind and name not in found):
            security = False if kind == "deferred" else None  # Ubuntu never phases the -security pocket
            found.setdefault(name, PendingUpdate(name, "", security, kind, line))
    if not found and not notes and not unrecognised:  # -qq style prints nothing but Inst lines; we ask without it
        last = next((line for line in reversed(text.splitlines()) if line.strip()), "")
        raise ParseError(
            "`apt-get -s` printed neither a package nor its summary line ('N upgraded, ...'): it was cut short"
            + (f" after {excerpt(last)}" if last else "")
        )
    installed = sum(1 for u in found.values() if u.source not in ("kept back", "deferred"))
    kept = len(found) - installed
    unlisted = max(0, counted - installed) + max(0, held_over - kept)
    return PendingList(tuple(found.values()), tuple(unrecognised), tuple(notes), unlisted)


def parse_apt_list_upgradable(text: str) -> PendingList:
    """Every upgradable package with its suites. A line cut short still names its package (its
    security unknown unless a visible suite says so); any other line is kept as unrecognised.
    ParseError when the text holds neither `Listing...` nor a package: nothing decided."""
    updates, unrecognised, headline = [], [], False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(_MESSAGE):
            continue
        if stripped.startswith("Listing..."):
            headline = True
        elif m := _LISTED.match(line):
            suites = m["suites"].split(",")
            updates.append(
                PendingUpdate(m["name"], m["new"], _is_security(suites), ",".join(dict.fromkeys(suites)), line)
            )
        elif m := _NAMED.match(stripped):
            updates.append(PendingUpdate(m["name"], "", _visible_security(m["suites"]), m["suites"], line))
        else:
            unrecognised.append(line)
    if not headline and not updates:
        if unrecognised:
            raise ParseError(f"unrecognised `apt list` line: {excerpt(unrecognised[0])}")
        raise ParseError("`apt list` printed neither `Listing...` nor a package")
    return PendingList(tuple(updates), tuple(unrecognised), ("Listing...",) if headline else ())


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
