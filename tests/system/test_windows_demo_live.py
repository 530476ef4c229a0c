"""The neglected Windows demo audited live (tests/fakes/windows_demo.py): one PowerShell start
for the whole audit, and every question asked and answered exactly as the demo recorded it, so
snapshots keep their meaning and the demo replays unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hygiene.engine import run_checks
from hygiene.registry import CHECKS
from hygiene.system.recording import RecordingSystem
from tests.fakes.powershell import starts
from tests.fakes.windows_demo import demo_document, live_demo

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fake programs are Unix scripts")


@pytest.mark.parametrize(("session", "expected_starts"), [(True, ["session"]), (False, ["process"] * 10)])
def test_the_windows_demo_asks_what_it_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, session: bool, expected_starts: list[str]
) -> None:
    system, log = live_demo(tmp_path, powershell_session=session)
    monkeypatch.setenv("PATH", f"{log.parent}{os.pathsep}{os.environ['PATH']}")
    recording = RecordingSystem(system)
    run_checks(recording, CHECKS)
    recorded, demo = recording.document(), demo_document()
    for table in ("commands", "registry"):
        assert sorted(map(repr, recorded[table])) == sorted(map(repr, demo[table]))
    assert starts(log) == expected_starts  # the limit is two: one, and one more after a hang


def _audit(system) -> dict[str, tuple[str, str]]:
    return {meta.id: (f.status.value, f.summary) for meta, f in run_checks(system, CHECKS)}


def test_constrained_language_mode_gets_the_same_verdicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system, log = live_demo(tmp_path)
    restricted, restricted_log = live_demo(tmp_path / "restricted", refuse=True)
    monkeypatch.setenv("PATH", f"{log.parent}{os.pathsep}{os.environ['PATH']}")
    expected = _audit(system)
    monkeypatch.setenv("PATH", f"{restricted_log.parent}{os.pathsep}{os.environ['PATH']}")
    assert _audit(restricted) == expected
    assert starts(restricted_log) == ["session"] + ["process"] * 10


def test_without_powershell_each_check_says_why_or_uses_its_text_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PowerShell blocked by policy: the registry, `net accounts` and `fsutil` still answer;
    what only PowerShell could tell is UNKNOWN with the reason, never a FAIL or an ERROR.
    DEV-003 keeps its FAIL, which the registry decides (AutoAdminLogon = 1), and loses only
    what PowerShell adds to it: whether a password is stored, said to be unknown."""
    system, log = live_demo(tmp_path, programs=("net", "fsutil", "manage-bde", "wmic", "whoami", "powercfg", "netsh"))
    monkeypatch.setenv("PATH", str(log.parent))
    full, full_log = live_demo(tmp_path / "full")
    blocked = _audit(system)
    monkeypatch.setenv("PATH", str(full_log.parent))
    expected = _audit(full)
    changed = {check for check in expected if blocked[check] != expected[check]}
    assert changed, "PowerShell's absence must show somewhere"
    assert blocked["DEV-003"] == (
        "FAIL",
        "The machine logs in as DEMO-HOMEPC\\demo-user by itself (Winlogon registry key).",
    )
    for check in changed - {"DEV-003"}:
        status, summary = blocked[check]
        assert status in ("UNKNOWN", "WARN"), (check, blocked[check])
        assert summary.endswith("."), summary
    assert blocked["UPD-003"] == expected["UPD-003"]  # a registry read
    assert blocked["PWD-001"] == expected["PWD-001"]  # net accounts
