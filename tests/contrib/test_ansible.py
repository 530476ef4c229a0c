"""contrib/ansible for real: ansible-playbook audits this machine through a local connection,
twice, beside an inventory host that cannot be reached and one whose install fails. The first
result arrives, lands in the history and in the fleet's summary; the second run installs
nothing and its audit fails (a broken profile), which the summary then shows; each host that
could not be audited has its failure record. The playbook passes ansible-lint and
--syntax-check."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from tests.contrib import wheelhouse

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOK_DIR = ROOT / "contrib" / "ansible"
REACHED, GONE, OLD = "workstation-1", "gone-1", "no-python-1"
NO_ANSIBLE = "ansible-core is not installed here (the test extras bring it: pip install '.[test]')"
INSTALL_TASKS = (
    "Copy the packed wheelhouse",
    "Unpack the wheelhouse",
    "Make the virtual environment",
    "Install hygiene from the wheelhouse (again only when a wheel changed)",
)
runner = CliRunner()


def tool(name: str) -> str:
    """A command the test extras install: beside the running Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install '.[test]'"
    return found


def ansible(tmp: Path, command: str, *args: object, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run an Ansible command in contrib/ansible with its ansible.cfg, keeping all its state in
    `tmp` (never in ~/.ansible). PYTHONPATH goes: the host's audit must run the wheel installed in
    its own virtual environment, not this checkout's src."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("ANSIBLE_")}
    env |= {
        "ANSIBLE_CONFIG": str(PLAYBOOK_DIR / "ansible.cfg"),
        "ANSIBLE_HOME": str(tmp / "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": str(tmp / "ansible-local"),
        "ANSIBLE_REMOTE_TEMP": str(tmp / "ansible-remote"),  # the local host's: ~/.ansible/tmp otherwise
        "ANSIBLE_SSH_CONTROL_PATH_DIR": str(tmp / "ansible-cp"),
        "ANSIBLE_NOCOLOR": "1",
        "XDG_CACHE_HOME": str(tmp / "cache"),
    }
    return subprocess.run(
        [tool(command), *map(str, args)], cwd=PLAYBOOK_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def closed_port() -> int:
    """A port on this machine that nothing listens on: connecting to it is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def task_outcomes(log: str) -> dict[str, dict[str, str]]:
    """task name -> host -> ok, changed, skipping, fatal... from ansible-playbook's own log."""
    outcomes: dict[str, dict[str, str]] = {}
    task = ""
    for line in log.splitlines():
        if line.startswith("TASK ["):
            task = line[len("TASK [") : line.rindex("]")].removeprefix("hygiene : ")
        elif found := re.match(r"(ok|changed|skipping|fatal|failed): \[([^\]\s]+)", line):
            outcomes.setdefault(task, {})[found[2]] = found[1]
    return outcomes


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """Two runs of audit.yml over this machine (group linux, so with profiles/linux.toml), a host
    whose SSH port refuses connections and one without the Python it is told to use; the
    second run pushes a profile with a mistake in it. The controller's folder and both logs."""
    pytest.importorskip("ansible", reason=NO_ANSIBLE)
    tmp = tmp_path_factory.mktemp("ansible")
    wheelhouse.build(tmp / "wheelhouse", tmp)
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable, "hygiene_become": False}
    hosts = {
        REACHED: {**local, "hygiene_home": str(tmp / "host"), "hygiene_python": [sys.executable]},
        GONE: {"ansible_host": "127.0.0.1", "ansible_port": closed_port(), "ansible_ssh_common_args": "-F /dev/null"},
        OLD: {**local, "hygiene_home": str(tmp / "old"), "hygiene_python": [str(tmp / "no-such-python")]},
    }
    inventory = tmp / "inventory.json"
    inventory.write_text(json.dumps({"all": {"children": {"linux": {"hosts": hosts}}}}), encoding="utf-8")
    settings = {
        "hygiene_wheelhouse": str(tmp / "wheelhouse"),
        "hygiene_fleet_dir": str(tmp / "fleet"),
        "hygiene_controller_command": ["env", f"PYTHONPATH={ROOT / 'src'}", sys.executable, "-m", "hygiene"],
    }
    broken = tmp / "broken.toml"
    broken.write_text('regoin = "GB"\n', encoding="utf-8")
    logs = []
    for extra in ({}, {"hygiene_profile": str(broken)}):
        (tmp / "settings.json").write_text(json.dumps(settings | extra), encoding="utf-8")
        done = ansible(tmp, "ansible-playbook", "-i", inventory, "-e", f"@{tmp / 'settings.json'}", "audit.yml")
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
        logs.append(done.stdout)
    return tmp / "fleet", logs


def failure_record(folder: Path, host: str) -> dict:
    record = json.loads((folder / "results" / f"{host}.failure.json").read_text(encoding="utf-8"))
    assert set(record) == {"format", "version", "host", "stage", "message", "at"}
    assert (record["format"], record["version"], record["host"]) == ("hygiene-fleet-failure", 1, host)
    assert record["message"] and "\n" not in record["message"]
    assert datetime.fromisoformat(record["at"]).utcoffset().total_seconds() == 0
    return record


def test_the_result_arrives_audited_with_the_groups_profile(fleet, result_schema):
    folder, _ = fleet
    result = json.loads((folder / "results" / f"{REACHED}.json").read_text(encoding="utf-8"))
    jsonschema.validate(result, result_schema)
    assert (result["source"], result["profile"]["region"]) == ("local", "GB")  # profiles/linux.toml
    assert result["profile"]["path"].endswith("hygiene.toml") and result["findings"]
    for private in (folder, folder / "results"):
        assert stat.S_IMODE(private.stat().st_mode) == 0o700, private


def test_each_host_that_could_not_be_audited_has_its_failure_record(fleet):
    folder, _ = fleet
    gone, old, failed = (failure_record(folder, host) for host in (GONE, OLD, REACHED))
    assert gone["stage"] == "unreachable" and "ssh" in gone["message"]
    assert old["stage"] == "install" and "no-such-python" in old["message"]
    assert failed["stage"] == "audit" and "regoin" in failed["message"]  # hygiene's own error: the key
    assert sorted(p.name for p in (folder / "results").iterdir()) == sorted(
        [f"{REACHED}.json", f"{REACHED}.failure.json", f"{GONE}.failure.json", f"{OLD}.failure.json"]
    )


def test_the_result_lands_in_the_history(fleet):
    folder, _ = fleet
    result = json.loads((folder / "results" / f"{REACHED}.json").read_text(encoding="utf-8"))
    shown = runner.invoke(app, ["history", "-f", "json", "--db", str(folder / "history.sqlite3")])
    assert shown.exit_code == 0, shown.output
    (host,) = json.loads(shown.stdout)["hosts"]
    assert host["host"] == result["host"]["hostname"]
    assert [a["started_at"] for a in host["audits"]] == [result["started_at"]]


def summary_in(log: str) -> str:
    return log[log.index("TASK [hygiene : Show the summary]") : log.index("PLAY RECAP")]


def test_the_summary_lists_every_host_with_its_result_or_why_it_has_none(fleet):
    folder, (first, second) = fleet
    hostname = json.loads((folder / "results" / f"{REACHED}.json").read_text(encoding="utf-8"))["host"]["hostname"]
    shown = summary_in(first)
    assert re.search(rf"^\s+{re.escape(hostname)}\s+Linux\s+\d+ [A-F]\s", shown, re.M), shown
    assert re.search(rf"^\s+{GONE}\s.*\bunreachable\b", shown, re.M), shown
    assert re.search(rf"^\s+{OLD}\s.*\binstall\b", shown, re.M), shown
    shown = summary_in(second)
    assert re.search(rf"^\s+{re.escape(hostname)}\s.*\baudit\b", shown, re.M) and "regoin" in shown, shown
    summary = runner.invoke(app, ["fleet", "summarize", str(folder / "results"), "-f", "json"])
    assert summary.exit_code == 0, summary.output
    now = {h["host"]: (h["current"], (h["failure"] or {}).get("stage")) for h in json.loads(summary.stdout)["hosts"]}
    assert now == {  # the audit that failed in the second run supersedes the first run's result
        hostname: ("failure", "audit"),
        GONE: ("failure", "unreachable"),
        OLD: ("failure", "install"),
    }
    report = folder / "fleet.html"
    assert stat.S_IMODE(report.stat().st_mode) == 0o600 and GONE in report.read_text(encoding="utf-8")


def test_the_second_run_installs_nothing(fleet):
    _, (first, second) = fleet
    before, after = task_outcomes(first), task_outcomes(second)
    assert {task: before[task][REACHED] for task in INSTALL_TASKS} == dict.fromkeys(INSTALL_TASKS, "changed")
    assert {task: after[task][REACHED] for task in INSTALL_TASKS} == dict.fromkeys(INSTALL_TASKS, "ok")
    assert after["Remove the wheels of an older wheelhouse"][REACHED] == "skipping"


def test_the_playbook_passes_ansible_lint_and_its_syntax_check(tmp_path):
    pytest.importorskip("ansible", reason=NO_ANSIBLE)
    checked = ansible(tmp_path, "ansible-playbook", "-i", "inventory.example.yml", "--syntax-check", "audit.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    linted = ansible(tmp_path, "ansible-lint", "--offline", "--nocolor", timeout=600)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "production" in linted.stderr  # the profile .ansible-lint asks for, named as it passed


@pytest.mark.parametrize("profile", sorted((PLAYBOOK_DIR / "profiles").glob("*.toml")), ids=lambda p: p.name)
def test_the_group_profiles_are_valid(profile):
    checked = runner.invoke(app, ["profile", "check", str(profile)])
    assert checked.exit_code == 0, checked.output
