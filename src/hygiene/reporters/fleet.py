"""`hygiene fleet summarize` drawn: every format renders the same summary.Fleet. JSON (kind
hygiene-fleet, schemas/fleet-v1.schema.json) is here; the terminal table, HTML and JUnit are
modules of their own, imported only when drawn (Rich, Jinja2, ElementTree)."""

from __future__ import annotations

import importlib
from typing import Any

from hygiene.fleet.summary import CheckLine, Fleet, HostLine
from hygiene.inert import json_text
from hygiene.reporters import OutputFormat, Style

FLEET_KIND = "hygiene-fleet"
DOCUMENT_VERSION = 1


def _result(h: HostLine) -> dict[str, Any] | None:
    r = h.result
    if r is None:
        return None
    return {
        "platform": r.platform,
        "os_name": r.os_name,
        "source": r.source,
        "started_at": r.started_at.isoformat(),
        "score": r.score,
        "grade": r.grade,
        "coverage": r.coverage,
        "categories": dict(r.categories),
        "failing": [c for c, s in r.statuses if s == "FAIL"],
        "warning": [c for c, s in r.statuses if s == "WARN"],
        "critical_failing": list(r.critical),
        "from": r.origin,
    }


def _host(h: HostLine) -> dict[str, Any]:
    f = h.failure
    return {
        "host": h.host,
        "current": "failure" if f is not None else "result",
        "age_days": h.age_days,
        "stale": h.stale,
        "result": _result(h),
        "failure": None
        if f is None
        else {"stage": f.stage, "message": f.message, "at": f.at.isoformat(), "from": f.origin},
    }


def _check(c: CheckLine) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "category": c.category,
        "severity": c.severity,
        "failing": list(c.failing),
        "warning": list(c.warning),
        "gain": c.gain,
        "fixes": dict(c.fixes),
    }


def fleet_document(fleet: Fleet) -> dict[str, Any]:
    worst = fleet.worst
    return {
        "kind": FLEET_KIND,
        "schema_version": DOCUMENT_VERSION,
        "generated_at": fleet.now.isoformat(),
        "stale_after_days": fleet.stale_after,
        "fleet": {
            "hosts": len(fleet.hosts),
            "scored": fleet.scored,
            "without_result": sum(1 for h in fleet.hosts if h.failure is not None),
            "stale": sum(1 for h in fleet.hosts if h.stale),
            "mean": fleet.mean,
            "grade": fleet.grade,
            "worst": None if worst is None else {"host": worst.host, "score": worst.score, "grade": worst.result.grade},
        },
        "hosts": [_host(h) for h in fleet.hosts],
        "checks": [_check(c) for c in fleet.checks],
        "skipped": [{"file": p.path, "reason": p.reason} for p in fleet.problems],
    }


def fleet_json(fleet: Fleet, style: Style) -> str:
    return json_text(fleet_document(fleet))


# format -> (module, function): each imported only when its format is drawn
RENDERERS = {
    OutputFormat.TABLE: ("hygiene.reporters.fleet_table", "fleet_table"),
    OutputFormat.JSON: ("hygiene.reporters.fleet", "fleet_json"),
    OutputFormat.MARKDOWN: ("hygiene.reporters.fleet_markdown", "fleet_markdown"),
    OutputFormat.HTML: ("hygiene.reporters.fleet_html", "fleet_html"),
    OutputFormat.JUNIT: ("hygiene.reporters.fleet_junit", "fleet_junit"),
    OutputFormat.CSV: ("hygiene.reporters.fleet_csv", "fleet_csv"),
}


def render(fleet: Fleet, fmt: OutputFormat, style: Style) -> str:
    module, name = RENDERERS[fmt]
    return getattr(importlib.import_module(module), name)(fleet, style)
