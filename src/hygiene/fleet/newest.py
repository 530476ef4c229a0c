"""Per host, only what can count: its newest result and its newest failure record, and of each
check the newest wording, so that memory grows with the hosts and checks, never with the files.

Collections made apart (files read in worker processes) merge into one, and the outcome does
not depend on the order of either: the newest is chosen by time, then by the order the files
were named in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hygiene.fleet.records import CheckText, Failure, HostResult
from hygiene.fleet.sources import Problem
from hygiene.store.records import host_key


@dataclass
class Newest:
    results: dict[str, HostResult] = field(default_factory=dict)  # by host_key
    failures: dict[str, Failure] = field(default_factory=dict)  # by host_key
    # a result file's name (its host_key) -> when, and the host_key of the newest result it held
    stems: dict[str, tuple[Any, str]] = field(default_factory=dict)
    texts: dict[tuple[str, str], CheckText] = field(default_factory=dict)  # (check id, platform)
    problems: list[Problem] = field(default_factory=list)
    read: int = 0  # results and failure records read

    def add_result(self, result: HostResult, findings: list[dict[str, Any]]) -> None:
        """`findings`: the result's own, each already checked (records.result_of)."""
        self.read += 1
        self._keep(result)
        at = (result.started_at, result.order)
        for f in findings:
            key = (f["id"], result.platform)
            known = self.texts.get(key)
            if known is None or at > known.at:
                self.texts[key] = CheckText(f["title"], f["category"], f["severity"], f["remediation"], at)

    def _keep(self, result: HostResult) -> None:
        key = host_key(result.host)
        at = (result.started_at, result.order)
        known = self.results.get(key)
        if known is None or at > (known.started_at, known.order):
            self.results[key] = result
        stem = host_key(result.stem)
        if stem and stem != key:
            named = self.stems.get(stem)
            if named is None or at > named[0]:
                self.stems[stem] = (at, key)

    def add_failure(self, failure: Failure) -> None:
        self.read += 1
        self._keep_failure(failure)

    def _keep_failure(self, failure: Failure) -> None:
        key = host_key(failure.host)
        known = self.failures.get(key)
        if known is None or (failure.at, failure.order) > (known.at, known.order):
            self.failures[key] = failure

    def merge(self, other: Newest) -> None:
        for result in other.results.values():
            self._keep(result)
        for failure in other.failures.values():
            self._keep_failure(failure)
        for stem, (at, key) in other.stems.items():
            named = self.stems.get(stem)
            if named is None or at > named[0]:
                self.stems[stem] = (at, key)
        for key, text in other.texts.items():
            known = self.texts.get(key)
            if known is None or text.at > known.at:
                self.texts[key] = text
        self.problems += other.problems
        self.read += other.read
