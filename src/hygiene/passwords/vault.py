"""Vault health: which entries of an export are weak, too short, reused or breached, and
which sites offer a second factor the export stores no code for.

Entries are compared by a keyed hash (HMAC-SHA256 with a random key made for this run and
kept in memory), so two equal passwords group together without any password being kept
beside the results. Identical passwords are scored once. Nothing derived from a password is
ever written to disk."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hygiene.mfa.services import Service, ServiceTable, service_table
from hygiene.passwords.exports import Entry
from hygiene.passwords.strength import Strength, estimate, verdict

BreachLookup = Callable[[str], int | None]  # password -> times seen in breaches (None: unknown)
# A vault only needs each password's verdict, and a shorter prefix gives the same verdicts
# (benchmarks/vault_audit.py) at a quarter of the cost: 16 characters, 6 distinct l33t ones.
VAULT_MAX_SCORED, VAULT_MAX_DISTINCT_L33T = 16, 6
POOL_FROM = 200  # distinct passwords from which both cores are used


def _score(item: tuple[str, tuple[str, ...]]) -> Strength:
    password, context = item
    return estimate(password, context, VAULT_MAX_SCORED, VAULT_MAX_DISTINCT_L33T)


def _score_all(items: list[tuple[str, tuple[str, ...]]]) -> list[Strength]:
    """Each distinct password once; large vaults on every core (passwords cross only pipes)."""
    workers = os.cpu_count() or 1
    if len(items) < POOL_FROM or workers < 2:
        return [_score(item) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_score, items, chunksize=64))


@dataclass(frozen=True)
class EntryReport:
    line: int
    title: str
    site: str
    username: str
    has_totp: bool | None  # None: the export cannot say
    score: int
    length: int
    weak: bool  # unacceptable under 800-63B even with a second factor
    short: bool  # under 15 characters: acceptable only with a second factor
    reused_with: tuple[int, ...]  # lines of the other entries sharing this password
    breached: int | None  # times seen in breaches; None when not checked
    mfa_offered: Service | None = None  # the site offers a second factor and no code is stored

    @property
    def short_without_mfa(self) -> bool:
        return self.short and not self.has_totp

    @property
    def problems(self) -> tuple[str, ...]:
        found = []
        if self.breached:
            found.append(f"breached ({self.breached:,} times)")
        if self.weak:
            found.append("weak")
        if self.reused_with:
            found.append(f"reused ({len(self.reused_with) + 1} entries)")
        if self.short_without_mfa:
            found.append("under 15 characters without a second factor")
        return tuple(found)

    @property
    def severity(self) -> int:
        """For sorting, worst first: breached, then weak, then reused, then short."""
        flags = (bool(self.breached), self.weak, bool(self.reused_with), self.short_without_mfa)
        return sum(weight for weight, flag in zip((8, 4, 2, 1), flags, strict=True) if flag)


@dataclass(frozen=True)
class VaultReport:
    source: str
    entries: tuple[EntryReport, ...]
    distinct_passwords: int
    breach_checked: bool

    @property
    def totp_known(self) -> bool:
        """Whether the export says which entries store a one-time code."""
        return any(e.has_totp is not None for e in self.entries)

    def offering_mfa(self) -> list[EntryReport]:
        return [e for e in self.entries if e.mfa_offered]

    def count(self, predicate: Callable[[EntryReport], bool]) -> int:
        return sum(1 for e in self.entries if predicate(e))

    @property
    def health(self) -> int | None:
        """Share of entries with no problem at all, 0-100 (None for an empty vault)."""
        if not self.entries:
            return None
        return round(100 * self.count(lambda e: not e.problems) / len(self.entries))

    def worst_first(self) -> list[EntryReport]:
        return sorted((e for e in self.entries if e.problems), key=lambda e: (-e.severity, e.line))


def audit_vault(
    source: str,
    entries: Sequence[Entry],
    breach: BreachLookup | None = None,
    on_progress: Callable[[], None] | None = None,
) -> VaultReport:
    table = service_table()
    key = secrets.token_bytes(32)
    digest_of = {}
    groups: dict[bytes, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        digest = hmac.new(key, entry.password.encode("utf-8"), hashlib.sha256).digest()
        digest_of[i] = digest
        groups[digest].append(i)
    firsts = [members[0] for members in groups.values()]
    context = [(entries[i].password, (entries[i].username, entries[i].site, entries[i].title)) for i in firsts]
    strengths = dict(zip(groups, _score_all(context), strict=True))
    del context
    breaches = {d: (breach(entries[members[0]].password) if breach else None) for d, members in groups.items()}
    reports = []
    for i, entry in enumerate(entries):
        digest = digest_of[i]
        s = strengths[digest]
        v = verdict(s)
        reports.append(
            EntryReport(
                line=entry.line,
                title=entry.title,
                site=entry.site,
                username=entry.username,
                has_totp=entry.has_totp,
                score=s.score,
                length=s.length,
                weak=not v.with_mfa,
                short=v.with_mfa and not v.single_factor,
                reused_with=tuple(entries[j].line for j in groups[digest] if j != i),
                breached=breaches[digest],
                mfa_offered=_offers_mfa(entry, table),
            )
        )
        if on_progress:
            on_progress()
    return VaultReport(source, tuple(reports), len(groups), breach is not None)


def _offers_mfa(entry: Entry, table: ServiceTable) -> Service | None:
    """A known service that offers a second factor, for an entry whose export has a code
    column left empty. Advice, not a problem: the factor may be SMS or a passkey kept elsewhere."""
    if entry.has_totp is not False:
        return None
    service = table.find_site(entry.site)
    return service if service and service.best else None
