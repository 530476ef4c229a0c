"""What `hygiene history` asks the database: the audits to show, or the two to compare."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hygiene.errors import UserError
from hygiene.store.database import Store
from hygiene.store.history import AuditSummary, Comparison, History, build_history, compare
from hygiene.store.records import host_key
from hygiene.words import count

LATEST, PREVIOUS = "latest", "previous"


def _known_host(store: Store, host: str | None) -> None:
    """A --host that names no stored machine is a mistake to point out, not an empty history."""
    if host is None:
        return
    hosts = store.hosts()
    if host_key(host) not in {host_key(h) for h in hosts}:  # as the NOCASE query matches
        held = ", ".join(repr(h[:80]) for h in hosts[:20]) or "no audits yet"
        raise UserError(f"--host {host[:80]!r}: no audits of that host are stored; the history holds: {held}")


def load_history(store: Store, host: str | None, since: date | None) -> History:
    """The audits, and the `hygiene learn` sessions unless one --host is asked for: they are a
    person's, of no machine."""
    _known_host(store, host)
    start = None if since is None else datetime.combine(since, time(), UTC).isoformat(timespec="microseconds")
    training = store.training(start) if host is None else []
    return build_history(store.audits(host, start), store.findings, since, training)


def resolve(store: Store, ref: str, host: str | None) -> AuditSummary:
    """An audit by id, or `latest` / `previous` (of --host, or of the only host stored)."""
    word = ref.strip().casefold()
    if word.isascii() and word.isdigit():  # isdigit alone takes '²', which int() refuses
        number = word.lstrip("0") or "0"
        # past 18 digits no SQLite integer (64 bits) holds it, and int() refuses 4,300
        found = store.audit(int(number)) if len(number) <= 18 else None
        if found is None:
            raise UserError(f"{store.path}: there is no audit {number[:40]}; `hygiene history -f json` lists their ids")
        return found
    if word not in (LATEST, PREVIOUS):
        raise UserError(f"--diff: {ref[:40]!r} is not an audit id, {LATEST!r} or {PREVIOUS!r}")
    audits = store.audits(host)
    hosts = sorted({a.host for a in audits})
    if len(hosts) > 1:
        named = ", ".join(repr(h[:80]) for h in hosts[:20])
        raise UserError(f"--diff {word}: the history holds {len(hosts)} hosts ({named}); say which with --host")
    back = 1 if word == LATEST else 2
    if len(audits) < back:
        whose = f" of {host!r}" if host is not None else ""
        raise UserError(f"--diff {word}: the history holds {count(len(audits), 'audit')}{whose}, no {word} one")
    return audits[-back]


def load_comparison(store: Store, before: str, after: str, host: str | None) -> Comparison:
    _known_host(store, host)
    a, b = sorted((resolve(store, before, host), resolve(store, after, host)), key=lambda s: (s.started_at, s.id))
    return compare(a, store.findings(a.id), b, store.findings(b.id))  # the older first, whichever was named first
