"""Documents for the fleet tests: the demo machines' results (every platform) under other host
names and start times, the shared result, and failure records as the playbook writes them."""

import copy
import json
from datetime import UTC, datetime, timedelta
from functools import cache

from hygiene.results import to_document
from tests.store.results import result_doc

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # the golden files' and the README's clock
DEMOS = ("neglected-windows-laptop", "half-hardened-macbook", "small-office-ubuntu-server", "well-kept-debian-laptop")


@cache
def _demo(name: str) -> dict:
    from dataclasses import replace

    from hygiene.data.demos import load_demo
    from hygiene.engine import run_audit
    from hygiene.registry import CHECKS

    system, title = load_demo(name)
    return to_document(replace(run_audit(system, CHECKS, source="demo", demo=title), duration_s=0.1))


def ago(days: float = 0, now: datetime | None = None) -> str:
    """A start time `days` before now (or before `now`), as a result writes it."""
    return ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat()


def demo_doc(name: str, host: str | None = None, started: str | None = None, source: str = "local") -> dict:
    doc = copy.deepcopy(_demo(name))
    if host is not None:
        doc["host"]["hostname"] = host
    doc["started_at"] = started or ago(1)
    doc["source"], doc["demo"] = source, None
    return doc


def shared_doc(host: str = "ledger-pc", started: str | None = None, **changes) -> dict:
    return result_doc(host=host, started=started or ago(1), **changes)


def failure_doc(host: str, stage: str = "unreachable", message: str = "ssh: connect to host port 22: timed out",
                at: str | None = None) -> dict:  # fmt: skip
    return {"format": "hygiene-fleet-failure", "version": 1, "host": host, "stage": stage, "message": message,
            "at": at or ago(0)}  # fmt: skip


def write(folder, name: str, doc) -> str:
    path = folder / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, indent=2), encoding="utf-8")
    return str(path)


def fleet_of(*docs, now: datetime, stale_after: int = 7, names=None):
    """The summary of these documents (results and failure records), as if read from files
    named `names` (default: results/<host>.json, or <host>.failure.json)."""
    from hygiene.fleet.newest import Newest
    from hygiene.fleet.records import failure_of, result_of
    from hygiene.fleet.summary import summarize

    newest = Newest()
    for n, doc in enumerate(docs):
        if doc.get("format") == "hygiene-fleet-failure":
            newest.add_failure(failure_of(doc, (names or {}).get(n, f"results/{doc['host']}.failure.json"), (n, 0)))
        else:
            host = doc["host"]["hostname"]
            origin = (names or {}).get(n, f"results/{host}.json")
            newest.add_result(*result_of(doc, origin, (n, 0), origin.rsplit("/", 1)[-1].removesuffix(".json")))
    return summarize(newest, now, stale_after)


def office():
    """Four machines of every platform (one stale), one unreachable since its last result, and
    one whose install failed before any result."""
    return fleet_of(
        demo_doc("neglected-windows-laptop", "frontdesk-pc", ago(2, NOW)),
        demo_doc("half-hardened-macbook", "design-mac", ago(9, NOW)),
        demo_doc("small-office-ubuntu-server", "fileserver", ago(1, NOW)),
        demo_doc("well-kept-debian-laptop", "owner-laptop", ago(0.2, NOW)),
        shared_doc("ledger-pc", ago(6, NOW)),
        failure_doc("ledger-pc", at=ago(0.5, NOW)),
        failure_doc("new-laptop", "install", "pip: no matching distribution (Python 3.9; hygiene needs 3.11)",
                    ago(0.5, NOW)),
        now=NOW,
    )  # fmt: skip
