"""`audit --redact`: the results name no one, in every format, by the snapshot's own rules
(hygiene.snapshot): the host, the user, the other people; `root` and the like are kept."""

import json

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.cli.options import FORMATS
from hygiene.system.kept import SHADOW_STATUS
from tests.shared_result import SHARED_PROFILE_TOML, shared_snapshot_doc

runner = CliRunner()
SECRET = "Sup3r-S3cret-Zq7"
NAMES = ("amina", "ledger-pc", "bilal")  # the user, the host, another person who can log in


def _machine(tmp_path, username="amina"):
    """The shared machine, with people and secrets where the checks look: a shadow file with
    hashes (an old snapshot kept it whole), another account with an empty password, an
    unprotected SSH key in the user's home, and a proxy password in apt's history."""
    doc = shared_snapshot_doc()
    doc["facts"]["username"] = username
    files = {f["path"]: f for f in doc["files"]}
    files["/etc/shadow"] = {
        "path": "/etc/shadow",
        "content": f"root:$6$salt${SECRET}:19700::::::\namina:$6$salt${SECRET}:19700::::::\nbilal::19700::::::\n",
    }
    files["/var/log/apt/history.log"]["content"] += (
        f"\nStart-Date: 2026-11-20  06:30:01\nCommandline: apt-get -o Acquire::http::Proxy=http://amina:{SECRET}@p:3128"
        "\nEnd-Date: 2026-11-20  06:31:12\n"
    )
    doc["files"] = list(files.values())
    key = "/home/amina/.ssh/id_rsa"
    doc["globs"] = [g if g["pattern"] != "/home/amina/.ssh/*" else {**g, "matches": [key]} for g in doc["globs"]]
    doc["ssh_keys"] = [
        {
            "path": key,
            "facts": {"format": "openssh", "type": "rsa", "bits": 2048, "encrypted": False, "hardware": False},
        }
    ]
    snap = tmp_path / "snap.json"
    snap.write_text(json.dumps(doc))
    profile = tmp_path / "profile.toml"
    profile.write_text(SHARED_PROFILE_TOML)
    return snap, profile


def _audit(snap, profile, *args):
    r = runner.invoke(app, ["audit", "--snapshot", str(snap), "--profile", str(profile), *args])
    assert r.exit_code == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("fmt", [f.value for f in FORMATS["audit"]])
def test_redacted_results_name_no_one_in_any_format(tmp_path, fmt):
    snap, profile = _machine(tmp_path)
    plain = _audit(snap, profile, "-f", fmt, "--no-progress")
    shown = [name for name in NAMES if name in plain.lower()]
    assert shown[-2:] == ["ledger-pc", "bilal"], "nothing for --redact to hide: the test would prove nothing"
    assert fmt != "json" or shown == list(NAMES)  # table and markdown show the key's file name, not its path
    redacted = _audit(snap, profile, "-f", fmt, "--redact")
    for hidden in (*NAMES, SECRET, "$6$"):
        assert hidden not in redacted.lower(), hidden
    assert "redacted-host" in redacted and "redacted-user" in redacted
    assert SECRET not in plain  # never shown, redacted or not


def test_redaction_changes_names_only_never_verdicts(tmp_path):
    snap, profile = _machine(tmp_path)
    plain = json.loads(_audit(snap, profile, "-f", "json"))
    redacted = json.loads(_audit(snap, profile, "-f", "json", "--redact"))
    assert redacted["score"] == plain["score"] and redacted["host"]["hostname"] == "redacted-host"
    for before, after in zip(plain["findings"], redacted["findings"], strict=True):
        assert (after["id"], after["status"], after["title"], after["remediation"]) == (
            before["id"],
            before["status"],
            before["title"],
            before["remediation"],
        )
    pwd005 = next(f for f in redacted["findings"] if f["id"] == "PWD-005")
    assert pwd005["status"] == "FAIL" and pwd005["evidence"]["accounts"] == ["redacted-user-1"]


def test_root_is_kept_as_snapshot_redact_keeps_it(tmp_path):
    """Run as root, the user name is `root`: it names no one (every Unix machine has it), and
    replacing it would garble the words around it ("the encrypted root"). As root, the people
    are the other accounts, and those are replaced."""
    snap, profile = _machine(tmp_path, username="root")
    redacted = _audit(snap, profile, "-f", "json", "--redact")
    assert "the encrypted root" in redacted and "redacted-host" in redacted
    assert all(name not in redacted for name in NAMES) and "redacted-user-2" in redacted


def test_the_shadow_reduction_keeps_what_the_redaction_reads():
    """The people come from the kept shadow text: empty or set passwords are people."""
    assert SHADOW_STATUS("bilal::1::::::\nsvc:!:1::::::\n") == "bilal:\nsvc:!\n"


def test_other_windows_accounts_are_people_too(tmp_path):
    """Windows has no /etc/shadow: the enabled local accounts Get-LocalUser lists are the other
    people (PWD-005 names one with an empty password), replaced as on Linux, in the result and
    in a snapshot; disabled built-in accounts are not people."""
    from importlib import resources

    from hygiene.snapshot import redact

    text = resources.files("hygiene.data").joinpath("demos", "neglected-windows-laptop.json").read_text("utf-8")
    doc = json.loads(text.replace("demo-user", "amina").replace("DEMO-HOMEPC", "ledger-pc").replace("Family", "Bilal"))
    del doc["demo"]
    snap = tmp_path / "windows.json"
    snap.write_text(json.dumps(doc))
    plain = runner.invoke(app, ["audit", "--snapshot", str(snap), "-f", "json", "--only", "PWD-005"]).stdout
    assert '"accounts": [\n          "Bilal"\n        ]' in plain  # the test has something to hide
    r = runner.invoke(app, ["audit", "--snapshot", str(snap), "-f", "json", "--only", "PWD-005", "--redact"])
    assert r.exit_code == 0, r.stderr
    (finding,) = json.loads(r.stdout)["findings"]
    assert finding["evidence"]["accounts"] == ["redacted-user-1"] and "bilal" not in r.stdout.lower()
    red = json.dumps(redact(doc))
    assert "bilal" not in red.lower() and "amina" not in red and "DefaultAccount" in red
