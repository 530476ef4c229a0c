"""Vault health: which entries of an export are weak, too short, reused or breached, and
which sites offer a second factor the export stores no code for.

Entries are compared by a keyed hash (HMAC-SHA256 with a random key made for this run and
kept in memory), so two equal passwords group together without any password being kept
beside the results. Identical passwords are scored and looked up once, and a group of entries
sharing one is one ReuseGroup that its members point to: the cost is linear in the entries,
however many share a password (benchmarks/reuse.py). Nothing derived from a password is ever
written to disk."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from hygiene.mfa.services import Service, ServiceTable, service_table
from hygiene.passwords.exports import Entry, password_bytes
from hygiene.passwords.strength import Strength, estimate, verdict
from hygiene.words import count

BreachLookup = Callable[[str], int | None]  # password -> times seen in breaches (None: unknown)
Progress = Callable[[str, int, int], None]  # what is being done, how many done, out of how many
SCORING, BREACHES = "Scoring passwords", "Checking breaches"
# A vault only needs each password's verdict, and a shorter prefix gives the same verdicts
# (benchmarks/vault_audit.py) at a quarter of the cost: 16 characters, 6 distinct l33t ones.
VAULT_MAX_SCORED, VAULT_MAX_DISTINCT_L33T = 16, 6
POOL_FROM = 200  # distinct passwords from which both cores are used
T = TypeVar("T")


def _score(item: tuple[str, tuple[str, ...]]) -> Strength:
    password, context = item
    return estimate(password, context, VAULT_MAX_SCORED, VAULT_MAX_DISTINCT_L33T)


def _score_all(items: list[tuple[str, tuple[str, ...]]], tick: Callable[[], None]) -> list[Strength]:
    """Each distinct password once; large vaults on every core (passwords cross only pipes)."""
    workers = os.cpu_count() or 1
    if len(items) < POOL_FROM or workers < 2:
        return [_ticked(_score(item), tick) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return [_ticked(s, tick) for s in pool.map(_score, items, chunksize=64)]


def _ticked(value: T, tick: Callable[[], None]) -> T:
    tick()
    return value


@dataclass(frozen=True, slots=True, eq=False)
class ReuseGroup:
    """Entries that share one password. One object per group, which its members share, so a
    group of n entries costs n, not n * n (10,000 entries sharing a password once took 71 s
    and 10 GB, each listing all the others). Compared by identity, never element by element."""

    number: int  # 1, 2, ... in the order the groups first appear in the export
    lines: tuple[int, ...]  # where its entries start, in export order


@dataclass(frozen=True, slots=True)
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
    reuse: ReuseGroup | None  # the entries sharing this password; None when none does
    breached: int | None  # times seen in breaches; None when not checked
    mfa_offered: Service | None = None  # the site offers a second factor and no code is stored

    @property
    def reused(self) -> bool:
        return self.reuse is not None

    @property
    def short_without_mfa(self) -> bool:
        return self.short and not self.has_totp

    @property
    def problems(self) -> tuple[str, ...]:
        found = []
        if self.breached:
            found.append(f"breached ({count(self.breached, 'time')})")
        if self.weak:
            found.append("weak")
        if self.reuse:
            found.append(f"reused ({len(self.reuse.lines)} entries)")
        if self.short_without_mfa:
            found.append("under 15 characters without a second factor")
        return tuple(found)

    @property
    def severity(self) -> int:
        """For sorting, worst first: breached, then weak, then reused, then short."""
        flags = (bool(self.breached), self.weak, self.reused, self.short_without_mfa)
        return sum(weight for weight, flag in zip((8, 4, 2, 1), flags, strict=True) if flag)


@dataclass(frozen=True)
class VaultReport:
    source: str
    entries: tuple[EntryReport, ...]
    distinct_passwords: int
    breach_checked: bool
    reuse_groups: tuple[ReuseGroup, ...] = ()  # in order of number

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


def _group(entries: Sequence[Entry]) -> tuple[list[int], list[int]]:
    """Each entry's password group (0, 1, ... by first appearance) and each group's first entry."""
    key = secrets.token_bytes(32)
    number: dict[bytes, int] = {}
    group_of, firsts = [], []
    for i, entry in enumerate(entries):
        digest = hmac.new(key, password_bytes(entry.password), hashlib.sha256).digest()
        g = number.setdefault(digest, len(firsts))
        if g == len(firsts):
            firsts.append(i)
        group_of.append(g)
    return group_of, firsts


def audit_vault(
    source: str,
    entries: Sequence[Entry],
    breach: BreachLookup | None = None,
    on_progress: Progress | None = None,
) -> VaultReport:
    """Judge every entry. The slow work, scoring each distinct password and looking it up in
    breaches, is reported to on_progress as it goes."""
    table = service_table()
    group_of, firsts = _group(entries)
    progress = on_progress or (lambda what, done, total: None)

    def counter(what: str) -> Callable[[], None]:
        done = 0
        progress(what, 0, len(firsts))

        def tick() -> None:
            nonlocal done
            done += 1
            progress(what, done, len(firsts))

        return tick

    context = [(entries[i].password, (entries[i].username, entries[i].site, entries[i].title)) for i in firsts]
    strengths = _score_all(context, counter(SCORING))
    del context
    verdicts = [verdict(s) for s in strengths]
    breaches: list[int | None] = [None] * len(firsts)
    if breach is not None:
        tick = counter(BREACHES)
        breaches = [_ticked(breach(entries[i].password), tick) for i in firsts]
    members: dict[int, list[int]] = defaultdict(list)
    for entry, g in zip(entries, group_of, strict=True):
        members[g].append(entry.line)
    reuse: dict[int, ReuseGroup] = {}  # numbered in order of first appearance, as dicts keep it
    for g, lines in members.items():
        if len(lines) > 1:
            reuse[g] = ReuseGroup(len(reuse) + 1, tuple(lines))
    del members
    reports = []
    for entry, g in zip(entries, group_of, strict=True):
        s, v = strengths[g], verdicts[g]
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
                reuse=reuse.get(g),
                breached=breaches[g],
                mfa_offered=_offers_mfa(entry, table),
            )
        )
    return VaultReport(source, tuple(reports), len(firsts), breach is not None, tuple(reuse.values()))


def _offers_mfa(entry: Entry, table: ServiceTable) -> Service | None:
    """A known service that offers a second factor, for an entry whose export has a code
    column left empty. Advice, not a problem: the factor may be SMS or a passkey kept elsewhere."""
    if entry.has_totp is not False:
        return None
    service = table.find_site(entry.site)
    return service if service and service.best else None
