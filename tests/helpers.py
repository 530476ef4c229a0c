"""Test helpers: real outputs from ../shared, our own fixtures, and recorded machines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hygiene.checks.base import Check
from hygiene.model import Category, CheckMeta, Finding, Platform, Severity, Status
from hygiene.registry import BY_ID
from hygiene.system import SystemFacts
from hygiene.system.recorded import RecordedSystem
from hygiene.system.snapshot_document import CommandAnswer, FileAnswer, RegistryAnswer, Snapshot, whole

ROOT = Path(__file__).resolve().parents[1]
REAL_OUTPUTS = ROOT.parent / "shared" / "real-outputs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLOCK = "2026-11-27T09:00:00+00:00"
CHECK_IDS = frozenset(BY_ID)  # what a profile's weights and waivers may name, as the CLI passes them


def real_output_files(os_name: str, tool: str) -> list[Any]:
    """pytest params for every real capture of a tool, or one skipped param when absent."""
    folder = REAL_OUTPUTS / os_name / tool
    files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem)) if folder.is_dir() else []
    if not files:
        reason = f"{folder} is absent (../shared is not beside this checkout)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="shared-absent")]
    return [pytest.param(p, id=f"{tool}/{p.name}") for p in files]


def read_real(path: Path) -> str:
    """A real capture without its two header lines (`# source: ...` and `# ---`)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("# source:") and lines[1].strip() == "# ---", path
    return "".join(lines[2:])


def real(os_name: str, tool: str, n: int) -> str:
    path = REAL_OUTPUTS / os_name / tool / f"{n}.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    return read_real(path)


def fixture(relpath: str) -> str:
    return (FIXTURES / relpath).read_text(encoding="utf-8")


def snapshot_doc(
    *,
    platform: str = "linux",
    os_name: str = "Debian GNU/Linux 12 (bookworm)",
    os_version: str = "12",
    commands: dict[tuple[str, ...], Any] | None = None,
    files: dict[str, str | None | Exception] | None = None,
    exists: dict[str, bool] | None = None,
    globs: dict[str, list[str]] | None = None,
    mtimes: dict[str, str | None] | None = None,
    ssh_keys: dict[str, dict | None] | None = None,
    backups: dict[str, dict | None] | None = None,
    registry: dict[tuple[str, tuple[str, ...]], dict | None | Exception] | None = None,
    family: str = "debian",
    hostname: str = "ledger-pc",
    username: str = "amina",
    clock: str = CLOCK,
) -> dict[str, Any]:
    """A snapshot document in the real format. Commands map argv to (returncode, stdout,
    stderr), "missing" (not installed) or a float (timed out after that many seconds);
    mtimes map a path to an ISO time, or None when the path is absent; registry maps (key,
    value names) to the values found, None when the key is absent, or an exception (such as
    FileUnreadable) when it cannot be read."""

    def answer(given: Any) -> CommandAnswer:
        if given == "missing":
            return CommandAnswer(127, found=False)
        if isinstance(given, float):
            return CommandAnswer(timed_out=given)
        rc, out, err = given
        return CommandAnswer(rc, out, err)

    def content(given: str | None | Exception) -> FileAnswer:
        if isinstance(given, Exception):
            return FileAnswer(error=getattr(given, "reason", str(given)))
        return FileAnswer(content=given)

    def values(given: dict | None | Exception) -> RegistryAnswer:
        if isinstance(given, Exception):
            return RegistryAnswer(error=getattr(given, "reason", str(given)))
        return RegistryAnswer(values=given)

    facts = SystemFacts(
        Platform(platform),
        os_name,
        os_version,
        hostname,
        username,
        home=f"/home/{username}",
        family=family if platform == "linux" else "",
    )
    return Snapshot(
        facts,
        clock,
        tool_version="0.0.0-test",
        commands=whole((argv, answer(a)) for argv, a in (commands or {}).items()),
        files=whole((path, content(c)) for path, c in (files or {}).items()),
        exists=dict(exists or {}),
        globs=dict(globs or {}),
        mtimes=dict(mtimes or {}),
        ssh_keys=dict(ssh_keys or {}),
        backups=dict(backups or {}),
        registry={(key, tuple(names)): values(v) for (key, names), v in (registry or {}).items()},
    ).document()


def machine(**kwargs: Any) -> RecordedSystem:
    """A recorded machine: it answers exactly what it was given, and NotRecorded otherwise."""
    return RecordedSystem(snapshot_doc(**kwargs))


def fuzz_settings(ci_examples: int) -> Any:
    """Hypothesis settings for every fuzz test: CI runs the same `ci_examples` cases each time
    (derandomized, nothing saved in the checkout); HYGIENE_FUZZ_EXAMPLES=N runs a long, random
    hunt of N cases, e.g. `HYGIENE_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/ -k fuzz`."""
    import os

    from hypothesis import HealthCheck, settings

    long_run = os.environ.get("HYGIENE_FUZZ_EXAMPLES")
    return settings(
        max_examples=int(long_run) if long_run else ci_examples,
        derandomize=not long_run and "HYGIENE_FUZZ_SEED" not in os.environ,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def fake_meta(
    check_id: str = "UPD-001",
    *,
    category: Category = Category.UPDATES,
    severity: Severity = Severity.HIGH,
    platforms: tuple = (Platform.LINUX,),
) -> CheckMeta:
    """Metadata for a made-up check, for tests of the engine, scoring and waivers."""
    return CheckMeta(
        check_id,
        f"title {check_id}",
        category,
        severity,
        platforms,
        "why",
        {p: "fix" for p in platforms},
        (),
    )


def fake_check(check_id: str, run: Any, **meta: Any) -> Check:
    """A made-up check: `run` is the check function, or the Status it always finds."""
    if isinstance(run, Status):
        status = run
        run = lambda system: Finding(status, f"{check_id} found this")  # noqa: E731
    return Check(fake_meta(check_id, **meta), run)


def commands_with(option: str) -> set[str]:
    """Every command of the app that has `option` ("--output"), named by its words ("password
    audit"): tests that hold every such command to a rule compare their table with this."""
    import typer

    from hygiene.cli.app import app

    def walk(group: Any, prefix: str) -> set[str]:
        found = set()
        for name, command in getattr(group, "commands", {}).items():
            path = f"{prefix}{name}"
            found |= walk(command, f"{path} ")
            if any(option in p.opts for p in getattr(command, "params", [])):
                found.add(path)
        return found

    return walk(typer.main.get_command(app), "")
