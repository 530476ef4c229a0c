"""What a fleet summary keeps of one file: a result's summary, or a failure record.

A result is checked field by field for exactly what the summary shows, not against the whole
result-v1 schema: jsonschema takes about 6 ms a result and results.from_document 0.4 ms (over a
minute, and four seconds, for 10,000 files), where json.loads takes 0.2 ms. The checks are the
schema's own for those fields (tests/fleet holds them to it). Results of schema_version 1 are
read from every release (those before 0.2 lack `profile` and `demo`, those before 0.3 the
`device` category, later ones may add fields); another schema_version may mean something else,
and is refused by name.

A failure record is what the Ansible playbook writes on the controller for a host it could not
reach, install hygiene on, or audit (schemas/fleet-failure-v1.schema.json). It is small, so it
is checked against its schema."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from hygiene.model import Category, Platform, Severity, Status
from hygiene.results import RESULT_SCHEMA_VERSION
from hygiene.store.records import MAX_HOST_CHARS, UNNAMED_HOST

RESULT_KIND = "hygiene-result"
FAILURE_FORMAT, FAILURE_VERSION = "hygiene-fleet-failure", 1
STAGES = ("unreachable", "install", "audit")
_SOURCES = frozenset({"local", "snapshot", "demo"})
_GRADES = frozenset("ABCDF")
_PLATFORMS = frozenset(p.value for p in Platform)
_CATEGORIES = frozenset(c.value for c in Category)
_SEVERITIES = frozenset(s.value for s in Severity)
_STATUSES = frozenset(s.value for s in Status)
FAILING = frozenset({Status.FAIL.value, Status.WARN.value})
_CHECK_ID = re.compile(r"(?:PWD|MFA|UPD|ENC|BAK|AWR|DEV)-[0-9]{3}")
_well_formed: set[str] = set()  # check ids matched already: the same few recur in every result
_pairs: dict[tuple, tuple] = {}  # (check, status), (check, points), (category, score): shared by every host
MAX_PAIRS = 100_000
Order = tuple[int, int]  # the file's place among those read, and the audit id in a database (else 0)


class Refused(Exception):
    """Not something a fleet summary reads; the message says why, without the file's name."""


@dataclass(frozen=True, slots=True)
class HostResult:
    """A result as the summary shows it. Of two results of a host with the same start, the one
    with the later `order` counts."""

    host: str
    platform: str
    os_name: str
    started_at: datetime
    source: str  # local, snapshot or demo
    score: float | None
    grade: str | None
    coverage: float | None
    categories: tuple[tuple[str, float | None], ...]
    statuses: tuple[tuple[str, str], ...]  # (check id, status) of every finding
    critical: tuple[str, ...]  # the critical checks that FAIL
    points: tuple[tuple[str, float], ...]  # each check that FAILs or WARNs: what fixing it gains
    origin: str  # the file, or the database and the audit's id
    order: Order
    stem: str = ""  # the file's name less .json: the playbook names it after the inventory host


@dataclass(frozen=True, slots=True)
class Failure:
    host: str
    stage: str  # one of STAGES
    message: str
    at: datetime
    origin: str
    order: Order


class CheckText(NamedTuple):
    """A check's words for one platform, from the newest result that has them (another release
    may word them otherwise). A tuple, not a dataclass: one is made for most findings read."""

    title: str
    category: str
    severity: str
    fix: str  # the remediation
    at: tuple[datetime, Order]


def _where(path: str, expected: str) -> Refused:
    return Refused(f"at {path}: expected {expected}")


def _dict(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _where(path, "an object")
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _where(path, "text")
    return value


def _one_of(value: Any, allowed: frozenset[str], path: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _where(path, "one of " + ", ".join(sorted(allowed)))
    return value


def _number(value: Any, top: float, path: str, *, nullable: bool = True) -> float | None:
    """A finite number from 0 to `top` (json.loads reads NaN and Infinity too), or null."""
    if value is None and nullable:
        return None
    # NaN fails the range check too: every comparison with it is false
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 <= value <= top):
        raise _where(path, f"a number from 0 to {top:g}" + (" or null" if nullable else ""))
    return value


def moment(value: Any, path: str) -> datetime:
    """An ISO 8601 date and time with its UTC offset, as files.when reads a result's start."""
    try:
        at = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise _where(path, "an ISO 8601 date and time") from None
    if at.tzinfo is None:
        raise Refused(f"at {path}: {str(value)[:80]!r} has no UTC offset")
    return at


def _version(doc: dict[str, Any], key: str, known: int, what: str) -> None:
    version = doc.get(key)
    if version == known and not isinstance(version, bool):
        return
    if isinstance(version, int) and not isinstance(version, bool) and version > known:
        raise Refused(f"written by a newer hygiene ({what} {key} {version}; this one reads {known}): upgrade hygiene")
    raise Refused(f"{key} {str(version)[:40]!r} is not one hygiene wrote (this one reads {what} {key} {known})")


def _shared(pair: tuple) -> tuple:
    """One copy of a pair that many hosts hold, so that a host costs about a kilobyte, not eight."""
    known = _pairs.get(pair)
    if known is not None:
        return known
    if len(_pairs) < MAX_PAIRS:
        _pairs[pair] = pair
    return pair


def _is_check_id(check: str) -> bool:
    """Whether `check` is shaped as a check id; remembered, as the pattern allows 7,000 at most."""
    if check in _well_formed:
        return True
    if _CHECK_ID.fullmatch(check) is None:
        return False
    _well_formed.add(check)
    return True


def _is_finding(f: Any) -> bool:
    """What each finding must be, tested fast (a result has about 30, a summary may read 10,000
    results); _refuse_finding says which part is wrong."""
    if type(f) is not dict:
        return False
    check, status, severity, category, points = (f.get("id"), f.get("status"), f.get("severity"),
                                                 f.get("category"), f.get("points"))  # fmt: skip
    return (
        type(check) is str and _is_check_id(check)
        and type(status) is str and status in _STATUSES
        and type(severity) is str and severity in _SEVERITIES
        and type(category) is str and category in _CATEGORIES
        and type(f.get("title")) is str
        and type(f.get("remediation")) is str
        and type(points) in (int, float) and 0 <= points <= 100
    )  # fmt: skip


def _refuse_finding(n: int, f: Any) -> Refused:
    """Why findings[n] failed _is_finding, said as the other fields' problems are."""
    where = f"findings[{n}]"
    _dict(f, where)
    if not _CHECK_ID.fullmatch(_text(f.get("id"), f"{where}.id")):
        return _where(f"{where}.id", "a check id such as ENC-001")
    for key, allowed in (("status", _STATUSES), ("severity", _SEVERITIES), ("category", _CATEGORIES)):
        _one_of(f.get(key), allowed, f"{where}.{key}")
    _text(f.get("title"), f"{where}.title")
    _text(f.get("remediation"), f"{where}.remediation")
    _number(f.get("points"), 100, f"{where}.points", nullable=False)
    return Refused(f"at {where}: not a finding hygiene can read")  # pragma: no cover - the checks above agree


def _findings(findings: list[Any]) -> tuple[list[tuple[str, str]], list[str], list[tuple[str, float]]]:
    """(check, status) of each finding; the critical checks that FAIL; each FAIL or WARN's points."""
    statuses, critical, points, seen = [], [], [], set()
    for n, f in enumerate(findings):
        if not _is_finding(f):
            raise _refuse_finding(n, f)
        check, status = f["id"], f["status"]
        if check in seen:
            raise Refused(f"at findings: {check!r} is there twice; a result has one finding per check")
        seen.add(check)
        statuses.append(_shared((check, status)))
        if status in FAILING:
            points.append(_shared((check, f["points"])))
            if status == "FAIL" and f["severity"] == "critical":
                critical.append(check)
    return statuses, critical, points


def result_of(doc: dict[str, Any], origin: str, order: Order, stem: str = "") -> tuple[HostResult, list[dict]]:
    """The summary of a result document, and its findings (each checked) for the check texts."""
    _version(doc, "schema_version", RESULT_SCHEMA_VERSION, "result")
    host = _dict(doc.get("host"), "host")
    name = host.get("hostname")
    if name is not None and len(_text(name, "host.hostname")) > MAX_HOST_CHARS:
        raise Refused(f"at host.hostname: a host name of {len(name):,} characters is too long")
    platform = _one_of(host.get("os"), _PLATFORMS, "host.os")
    score = _dict(doc.get("score"), "score")
    categories = _dict(score.get("categories"), "score.categories")
    findings = doc.get("findings")
    if not isinstance(findings, list):
        raise _where("findings", "a list")
    statuses, critical, points = _findings(findings)
    grade = score.get("grade")
    if grade is not None:
        _one_of(grade, _GRADES, "score.grade")
    result = HostResult(
        host=name or UNNAMED_HOST,
        platform=platform,
        os_name=_text(host.get("os_name"), "host.os_name"),
        started_at=moment(doc.get("started_at"), "started_at"),
        source=_one_of(doc.get("source"), _SOURCES, "source"),
        score=_number(score.get("overall"), 100, "score.overall"),
        grade=grade,
        coverage=_number(score.get("coverage"), 1, "score.coverage"),
        categories=tuple(
            _shared(
                (
                    _one_of(key, _CATEGORIES, "score.categories"),
                    _number(_dict(value, f"score.categories.{key}").get("score"), 100, f"score.categories.{key}.score"),
                )
            )
            for key, value in categories.items()
        ),  # fmt: skip
        statuses=tuple(statuses),
        critical=tuple(critical),
        points=tuple(points),
        origin=origin,
        order=order,
        stem=stem,
    )
    return result, findings


def failure_of(doc: dict[str, Any], origin: str, order: Order) -> Failure:
    """A failure record checked against its schema, and its time read."""
    _version(doc, "version", FAILURE_VERSION, "failure record")
    import jsonschema  # only when there is a failure record to read

    from hygiene.files import schema

    validator = jsonschema.Draft202012Validator(schema("fleet-failure-v1"))
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "the top level"
        raise Refused(f"at {where}: {error.message[:200]}")
    return Failure(doc["host"], doc["stage"], doc["message"], moment(doc["at"], "at"), origin, order)


def kind_of(doc: Any) -> str:
    """ "result", "failure", or a Refused that says what the document is instead."""
    if not isinstance(doc, dict):
        raise Refused(f"expected a JSON object (a result or a failure record), found {type(doc).__name__}")
    if doc.get("kind") == RESULT_KIND:
        return "result"
    if doc.get("format") == FAILURE_FORMAT:
        return "failure"
    named = doc.get("kind", doc.get("format"))
    what = f"a {str(named)[:40]!r} file" if isinstance(named, str) else "not a hygiene result"
    raise Refused(f"{what}, not a result or a failure record")
