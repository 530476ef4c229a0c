"""Runs checks concurrently against a System, each isolated from the others. Never prints."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from hygiene import __version__
from hygiene.checks.base import Check
from hygiene.model import AuditResult, CheckMeta, Finding, Host, Status
from hygiene.parsers import ParseError
from hygiene.scoring import score_findings
from hygiene.system import ProbeUnavailable, System
from hygiene.waivers import apply_waivers

MAX_WORKERS = 8  # checks mostly wait on subprocesses, so threads overlap them well
OnDone = Callable[[CheckMeta, Finding], None]


def sentence(reason: str) -> str:
    """A reason as a summary. One written as a sentence (ending in a full stop) is kept as it
    is ("systemd is not running ..." keeps its lower case); a clause from a tool or a parser
    is capitalised and given its full stop."""
    return reason if reason.endswith(".") else f"{reason[:1].upper()}{reason[1:]}."


def run_one(system: System, check: Check) -> Finding:
    """A check's finding; a crash becomes ERROR and an unanswerable probe UNKNOWN."""
    meta = check.meta
    if system.facts.platform not in meta.platforms:
        return Finding(Status.UNKNOWN, f"hygiene cannot check this on {system.facts.platform.label} yet.")
    try:
        finding = check.run(system)
    except ProbeUnavailable as exc:
        return Finding(Status.UNKNOWN, sentence(str(exc)), exc.evidence)
    except ParseError as exc:  # a tool printed something we do not understand: cannot tell
        return Finding(Status.UNKNOWN, f"Could not read the answer: {exc}.")
    except Exception as exc:  # noqa: BLE001 - a check crashes alone (DESIGN.md principle 5)
        return Finding(Status.ERROR, f"The check failed: {type(exc).__name__}: {exc}")
    if not isinstance(finding, Finding):
        return Finding(Status.ERROR, f"The check returned {type(finding).__name__}, not a Finding.")
    return finding


def run_checks(
    system: System, checks: Sequence[Check], on_done: OnDone | None = None
) -> list[tuple[CheckMeta, Finding]]:
    """Findings in the order the checks were given, whatever order they finish in."""
    if not checks:
        return []

    def task(check: Check) -> Finding:
        finding = run_one(system, check)
        if on_done is not None:
            on_done(check.meta, finding)
        return finding

    pool = ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(checks)), thread_name_prefix="check")
    try:
        findings = list(pool.map(task, checks))
    except BaseException:  # Ctrl-C: stop the commands now rather than wait out their timeouts
        system.stop()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [(c.meta, f) for c, f in zip(checks, findings, strict=True)]


def run_audit(
    system: System,
    checks: Sequence[Check],
    *,
    source: str = "local",
    on_done: OnDone | None = None,
    demo: str | None = None,
) -> AuditResult:
    started = time.perf_counter()
    profile = system.profile
    pairs = apply_waivers(run_checks(system, checks, on_done), profile.waivers, system.now().date())
    facts = system.facts
    overall, categories, scored = score_findings(pairs, facts.platform, profile.weights, family=facts.family)
    return AuditResult(
        tool_version=__version__,
        host=Host(facts.platform, facts.os_name, facts.os_version, facts.hostname or None),
        started_at=system.now(),
        duration_s=round(time.perf_counter() - started, 3),
        overall=overall,
        categories=categories,
        findings=scored,
        source=source,
        profile=str(profile.path) if profile.path else None,
        region=profile.region,
        demo=demo,
    )
