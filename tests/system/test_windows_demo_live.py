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


@pytest.mark.parametrize(("session", "expected_starts"), [(True, ["session"]), (False, ["process"] * 6)])
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
