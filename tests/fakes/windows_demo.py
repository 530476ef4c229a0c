"""The neglected Windows demo machine, live: a LocalSystem on Linux whose PowerShell, `net`
and `fsutil` are the fake programs of tests/fakes/powershell.py and whose registry is
tests/fakes/winreg.py, all answering what the demo recorded. The benchmark
benchmarks/windows_processes.py and tests/system/test_windows_demo_live.py run audits on it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from hygiene.data.demos import load_demo
from hygiene.system.local import LocalSystem
from tests.fakes.powershell import install
from tests.fakes.winreg import FakeWinreg

DEMO = "neglected-windows-laptop"


def demo_document() -> dict[str, Any]:
    return json.loads(resources.files("hygiene.data").joinpath("demos", f"{DEMO}.json").read_text("utf-8"))


def live_demo(folder: Path, *, powershell_session: bool = True, **fake: Any) -> tuple[LocalSystem, Path]:
    """The demo as a LocalSystem (put `folder` first on PATH before auditing), and the log of
    the fake programs' starts; `fake` goes to tests.fakes.powershell.install (a start delay, a
    refusing session, fewer programs). Files are read under an empty folder: the demo's Windows
    paths do not exist there, as the demo recorded."""
    doc = demo_document()
    log = install(folder / "bin", doc["commands"], **fake)
    (folder / "root").mkdir(exist_ok=True)
    recorded, _ = load_demo(DEMO)
    system = LocalSystem(
        timeout=30,
        profile=recorded.profile,
        root=str(folder / "root"),
        winreg=FakeWinreg.from_records(doc.get("registry", [])),
        powershell_session=powershell_session,
    )
    system.facts = recorded.facts  # a Windows laptop, whatever this machine is
    return system, log
