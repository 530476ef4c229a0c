"""What one result (result-v1) becomes in the database: a row for the audit, one per finding,
and the whole document; and the checks a document from elsewhere must pass to be stored."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hygiene.errors import UserError

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_RESULT_BYTES = 4 * 1000 * 1000  # a whole audit is about 40 kB; the bound keeps a store small
MAX_HOST_CHARS = 255  # a DNS name's limit; a result's host name is checked against it
DEFAULT_KEEP = 500  # audits kept per host; the oldest go first
MAX_KEEP = 1_000_000
UNNAMED_HOST = "(no host name)"  # results written without one share this history


@dataclass(frozen=True)
class Record:
    host: str
    source: str
    score: float | None
    grade: str | None
    coverage: float | None
    categories: str  # JSON: {category: score or null}
    started_at: str  # UTC, ISO 8601 to the microsecond, so that it sorts as text
    result: str  # the whole document, compact JSON
    findings: tuple[tuple[Any, ...], ...]  # check id, title, category, severity, status, weight, credit, points


def host_key(host: str) -> str:
    """What two host names must share to name one machine: case is ignored (Windows writes its
    names in capitals), as `history --host` and `fleet summarize` compare them."""
    return host.casefold()


def _utf8(text: str) -> str:
    """A column's text as SQLite can store it: a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def record_of(doc: dict[str, Any], origin: Path | str) -> Record:
    """The rows of a document already valid against result-v1; `origin` names it in messages."""
    # ASCII: a lone surrogate (valid in JSON, not in UTF-8) is kept as its escape, the document exact
    text = json.dumps(doc, separators=(",", ":"))  # hygiene: not output
    size = len(text)
    if size > MAX_RESULT_BYTES:
        raise UserError(f"{origin}: a result of {size:,} bytes is over the {MAX_RESULT_BYTES // 1_000_000} MB limit")
    host = _utf8(doc["host"]["hostname"] or UNNAMED_HOST)
    if len(host) > MAX_HOST_CHARS:
        raise UserError(f"{origin}: at host.hostname: a host name of {len(host):,} characters is too long")
    ids = [f["id"] for f in doc["findings"]]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})[0]
        raise UserError(f"{origin}: at findings: {twice[:40]!r} is there twice; a result has one finding per check")
    score = doc["score"]
    return Record(
        host=host,
        source=doc["source"],
        score=score["overall"],
        grade=score["grade"],
        coverage=score["coverage"],
        categories=json.dumps({name: s["score"] for name, s in score["categories"].items()}),  # hygiene: not output
        started_at=utc_text(datetime.fromisoformat(doc["started_at"])),
        result=text,
        findings=tuple(
            (
                _utf8(f["id"]),
                _utf8(f["title"]),
                f["category"],
                f["severity"],
                f["status"],
                f["weight"],
                f["credit"],
                f["points"],
            )
            for f in doc["findings"]
        ),
    )
