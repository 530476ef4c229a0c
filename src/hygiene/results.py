"""The JSON result (schema_version 1): a public interface that small businesses' scripts read.

to_document and from_document are each other's inverse for everything a report shows, so
`hygiene report` re-renders a saved result exactly as `hygiene audit` printed it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hygiene.model import (
    AuditResult,
    Category,
    CheckMeta,
    Evidence,
    Finding,
    Host,
    Platform,
    Score,
    ScoredFinding,
    Severity,
    Status,
)

RESULT_SCHEMA_VERSION = 1


def _score(s: Score) -> dict[str, Any]:
    return {"score": s.score, "grade": s.grade, "coverage": s.coverage, "decided": s.decided, "undecided": s.undecided}


def to_document(result: AuditResult) -> dict[str, Any]:
    overall = _score(result.overall)
    return {
        "schema_version": RESULT_SCHEMA_VERSION,
        "kind": "hygiene-result",
        "tool": {"name": "hygiene", "version": result.tool_version},
        "source": result.source,
        "profile": {"path": result.profile, "region": result.region},
        "demo": result.demo,
        "host": {
            "os": result.host.platform.value,
            "os_name": result.host.os_name,
            "os_version": result.host.os_version,
            "hostname": result.host.hostname,
        },
        "started_at": result.started_at.isoformat(),
        "duration_s": result.duration_s,
        "score": {
            "overall": overall.pop("score"),
            **overall,
            "categories": {c.value: _score(s) for c, s in result.categories.items()},
        },
        "findings": [
            {
                "id": f.meta.id,
                "title": f.meta.title,
                "category": f.meta.category.value,
                "severity": f.meta.severity.value,
                "status": f.finding.status.value,
                "summary": f.finding.summary,
                "evidence": f.finding.evidence,
                "evidence_kind": f.meta.evidence.value,
                "remediation": f.remediation,
                "references": list(f.meta.references),
                "weight": f.weight,
                "credit": f.credit,
                "points": f.points,
            }
            for f in result.findings
        ],
    }


def _score_from(d: dict[str, Any], score_key: str = "score") -> Score:
    return Score(d[score_key], d["grade"], d["coverage"], d["decided"], d["undecided"])


def from_document(doc: dict[str, Any]) -> AuditResult:
    """Rebuild a result from a document already validated against result-v1.schema.json and
    whose start time files.when has checked (a schema cannot)."""
    platform = Platform(doc["host"]["os"])
    findings = []
    for f in doc["findings"]:
        meta = CheckMeta(
            id=f["id"],
            title=f["title"],
            category=Category(f["category"]),
            severity=Severity(f["severity"]),
            platforms=(platform,),
            rationale="",
            remediation={platform: f["remediation"]},
            references=tuple(f["references"]),
            evidence=Evidence(f["evidence_kind"]),
        )
        finding = Finding(Status(f["status"]), f["summary"], f["evidence"])
        findings.append(ScoredFinding(meta, finding, f["weight"], f["credit"], f["points"], f["remediation"]))
    score = doc["score"]
    return AuditResult(
        tool_version=doc["tool"]["version"],
        host=Host(platform, doc["host"]["os_name"], doc["host"]["os_version"], doc["host"]["hostname"]),
        started_at=datetime.fromisoformat(doc["started_at"]),
        duration_s=doc["duration_s"],
        overall=_score_from(score, "overall"),
        categories={Category(k): _score_from(v) for k, v in score["categories"].items()},
        findings=tuple(findings),
        source=doc["source"],
        profile=doc.get("profile", {}).get("path"),
        region=doc.get("profile", {}).get("region"),
        demo=doc.get("demo"),
    )
