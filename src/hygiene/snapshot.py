"""Snapshots: record what the checks asked this machine, redact it (and an audit's result the
same way), and load it back to replay."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from hygiene.checks.base import Check
from hygiene.checks.device.macos import AUTO_LOGIN_USER, CONSOLE_USER
from hygiene.checks.device.windows import WINLOGON
from hygiene.checks.passwords.windows import LOCAL_USERS
from hygiene.engine import OnDone, run_audit, run_checks
from hygiene.model import AuditResult
from hygiene.parsers.autologin import named_accounts
from hygiene.platforms.windows import POWERSHELL
from hygiene.profile import NO_PROFILE, Profile
from hygiene.system import System, snapshot_document
from hygiene.system.kept import AUTOLOGIN_SETTINGS
from hygiene.system.recorded import RecordedSystem
from hygiene.system.recording import RecordingSystem

REDACTED_USER = "redacted-user"
REDACTED_HOST = "redacted-host"
# Names shared by every machine identify no one, and replacing them would garble outputs.
NOT_IDENTIFYING = {"", "root", "localhost", "administrator", "admin", "user"}
# A name is replaced as a whole word: not inside a longer name ("alice" stays in "malice"),
# but dots are boundaries, so the host's short name goes from FQDNs too.
_WORD = r"A-Za-z0-9_\-"


def record(system: System, checks: Sequence[Check], on_done: OnDone | None = None) -> dict[str, Any]:
    """Run the checks through a recorder and return the snapshot document."""
    recorder = RecordingSystem(system)
    run_checks(recorder, checks, on_done)
    return recorder.document()


def redact(doc: dict[str, Any]) -> dict[str, Any]:
    """Replace the user and host names everywhere in the document, keys and values alike."""
    return snapshot_document.marked_redacted(_scrubber(doc)(doc))


def redacted_audit(system: System, checks: Sequence[Check], **kwargs: Any) -> AuditResult:
    """An audit (run_audit's arguments) whose result names no one: it runs through a recorder,
    so the names replaced are exactly those `redact` replaces in a snapshot of the same audit,
    in the result's text from the machine (host name, profile path, summaries, evidence).
    Check ids, titles, statuses and remediation are our own words and stay as they are."""
    recorder = RecordingSystem(system)
    result = run_audit(recorder, checks, **kwargs)
    scrub = _scrubber(recorder.document())
    host = replace(result.host, hostname=scrub(result.host.hostname))
    findings = tuple(
        replace(f, finding=replace(f.finding, summary=scrub(f.finding.summary), evidence=scrub(f.finding.evidence)))
        for f in result.findings
    )
    return replace(result, host=host, profile=scrub(result.profile), findings=findings)


def _scrubber(doc: dict[str, Any]) -> Callable[[Any], Any]:
    """What replaces, in any JSON-like value, the names of the machine and of the people that
    the snapshot document `doc` shows; names every machine has are kept (NOT_IDENTIFYING)."""
    host, user = snapshot_document.identity(doc)
    names = {host: REDACTED_HOST, host.split(".")[0]: REDACTED_HOST, user: REDACTED_USER}
    others = sorted(_people(doc) - {user})  # as root, the other accounts are the people
    names.update({name: f"{REDACTED_USER}-{n}" for n, name in enumerate(others, 1)})
    names = {n: r for n, r in names.items() if n.lower() not in NOT_IDENTIFYING}
    if not names:
        return lambda value: value
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![{_WORD}])(?:{alternatives})(?![{_WORD}])", re.I)
    lookup = {n.casefold(): r for n, r in names.items()}

    def replacement(match: re.Match[str]) -> str:
        # re.I matches by simple case folding, which may differ from str.casefold ("İ", "ß"):
        # whatever matched is one of the names, so fall back to the first one that matches it.
        found = match.group(0)
        return lookup.get(found.casefold()) or next(
            (r for n, r in names.items() if re.fullmatch(re.escape(n), found, re.I)), REDACTED_HOST
        )

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(replacement, value)
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, dict):
            return {scrub(k): scrub(v) for k, v in value.items()}
        return value

    return scrub


# Home folders name their owners: /home/amina, /Users/amina, C:\\Users\\amina.
_HOME = re.compile(r"(?:/home/|/Users/|\\Users\\)([^/\\\s\"':;,]+)")
NOT_PEOPLE = {"shared", "public", "default", "default user", "all users", "guest"}


def _people(doc: dict[str, Any]) -> set[str]:
    """Accounts that can log in (an empty or set password in the kept /etc/shadow, an enabled
    Windows local account), accounts the device checks name (who logs in by itself on each
    platform, who sits at a Mac's screen) and owners of home folders named anywhere in the
    snapshot: people, whose names --redact replaces."""
    found: set[str] = set()
    for text in snapshot_document.file_texts(doc, "/etc/shadow"):
        for line in text.splitlines():
            name, _, status = line.partition(":")
            if status in ("", "set") and name:
                found.add(name)
    for text in snapshot_document.command_outputs(doc, (*POWERSHELL, LOCAL_USERS)):
        found.update(_enabled_windows_accounts(text))
    for text in snapshot_document.kept_file_texts(doc, AUTOLOGIN_SETTINGS.name):
        found.update(named_accounts(text))
    for argv in (AUTO_LOGIN_USER, CONSOLE_USER):
        found.update(text.strip() for text in snapshot_document.command_outputs(doc, argv))
    for values in snapshot_document.registry_values(doc, WINLOGON):
        if isinstance(name := values.get("DefaultUserName"), str):
            found.add(" ".join(name.split()))
    stack: list[Any] = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.update(m.group(1) for m in _HOME.finditer(value))
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
    return {n for n in found if n.lower() not in NOT_PEOPLE and n.lower() not in NOT_IDENTIFYING}


def _enabled_windows_accounts(text: str) -> list[str]:
    """The enabled accounts in Get-LocalUser's recorded JSON; nothing from text that is not it."""
    try:
        users = json.loads(text or "[]")
    except (ValueError, RecursionError):
        return []
    users = users if isinstance(users, list) else [users]
    return [
        u["Name"] for u in users if isinstance(u, dict) and u.get("Enabled") is True and isinstance(u.get("Name"), str)
    ]


def load_snapshot(path: Path, profile: Profile = NO_PROFILE) -> RecordedSystem:
    return RecordedSystem(snapshot_document.load(path), profile)
