"""Saving results into the history: an audit just run, or saved JSON results imported
(`hygiene history import`), each validated as `hygiene report` validates one."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hygiene.errors import UserError
from hygiene.model import AuditResult
from hygiene.store.database import Store
from hygiene.store.records import MAX_RESULT_BYTES, Record, record_of

# A result file is indented JSON, a few times its compact size; the stored form is bounded too.
MAX_IMPORT_BYTES = 4 * MAX_RESULT_BYTES


def save_result(store: Store, result: AuditResult, keep: int) -> int | None:
    """Store an audit just run; its id, or None when the same audit is stored already."""
    from hygiene.results import to_document

    return store.save(record_of(to_document(result), "the audit"), keep)


def read_result(path: Path) -> dict:
    """A saved result, size-bounded and valid: against the result schema, with a start time
    that reads, and whole enough to be rendered again (results.from_document)."""
    from hygiene.files import load_document, when
    from hygiene.results import RESULT_SCHEMA_VERSION, from_document

    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0  # load_document says what is wrong with the path
    if size > MAX_IMPORT_BYTES:
        raise UserError(f"{path}: {size:,} bytes is over the {MAX_IMPORT_BYTES // 1_000_000} MB limit for a result")
    doc = load_document(path, "hygiene-result", "result-v1", RESULT_SCHEMA_VERSION)
    when(path, doc, "started_at")
    try:
        from_document(doc)
    except (KeyError, ValueError, TypeError) as exc:
        raise UserError(f"{path}: not a result hygiene can read ({type(exc).__name__})") from None
    return doc


@dataclass
class Imported:
    stored: list[tuple[Path, int]] = field(default_factory=list)  # file, audit id
    duplicates: list[Path] = field(default_factory=list)  # the same host and start time is stored already
    too_old: list[Path] = field(default_factory=list)  # older than the `keep` newest of its host: pruned at once
    refused: list[str] = field(default_factory=list)  # why each bad file was skipped, naming it


def _same_audit(stored: str | None, result: str) -> bool:
    """The same audit, whatever time zone its start was written in (the key already compares
    the instant)."""
    import json

    if stored is None:
        return False
    a, b = json.loads(stored), json.loads(result)
    a.pop("started_at", None), b.pop("started_at", None)
    return a == b


def _another_result(path: Path, record: Record) -> str:
    """Two different results cannot share a host and a start time: say so, never drop one silently."""
    from hygiene.snapshot import REDACTED_HOST

    why = f"{path}: a different result of {record.host!r} started at {record.started_at} is stored already"
    if record.host == REDACTED_HOST:
        why += " (--redact names every machine 'redacted-host': keep a history of results made without it)"
    return why


def import_results(store: Store, paths: Iterable[Path], keep: int) -> Imported:
    """Each file validated and stored on its own: a bad one is named and skipped, the others
    still land. A database that fails (locked, damaged) stops the import with its UserError."""
    done = Imported()
    for path in paths:
        try:
            record = record_of(read_result(path), path)
        except UserError as exc:
            done.refused.append(str(exc))
            continue
        audit_id = store.save(record, keep)
        if audit_id is None and not _same_audit(store.stored_result(record.host, record.started_at), record.result):
            done.refused.append(_another_result(path, record))
        elif audit_id is None:
            done.duplicates.append(path)
        elif store.audit(audit_id) is None:
            done.too_old.append(path)
        else:
            done.stored.append((path, audit_id))
    return done
