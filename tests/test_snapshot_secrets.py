"""Snapshots hold facts, never secrets (DESIGN.md principle 7).

A made-up machine whose /etc/shadow, ~/.ssh/config, sshd_config, PAM stack, apt history and
environment each hold a known secret is recorded by the real `hygiene snapshot` command
(LocalSystem pointed at that machine's root); the secret is nowhere in the file, with or
without --redact, and the replay still reaches the verdicts the reduced facts support.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.parsers.apt import last_apt_run
from hygiene.parsers.pam import parse_pam
from hygiene.parsers.shadow import empty_password_accounts
from hygiene.parsers.sshd import config_lines, parse_sshd_t
from hygiene.system import local
from hygiene.system.kept import (
    APT_HISTORY_DATES,
    APT_PERIODIC,
    INI_APPLY_UPDATES,
    RSNAPSHOT_ROOT,
    RULES_ONLY,
    SHADOW_STATUS,
    SSH_IDENTITY_FILES,
    SSHD_SETTINGS,
    TIMESHIFT_DEVICE,
)
from tests.helpers import FIXTURES, read_real, real_output_files

SECRET = "Sup3r-S3cret-Zq7"
HASH = "$6$rounds=5000$saltsalt$" + SECRET


def _machine(root: Path, home: str) -> str:
    """Write the made-up machine; returns the private key's base64 body (also a secret)."""

    def put(path: str, text: str, mode: int = 0o644) -> None:
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        target.chmod(mode)

    put("/etc/os-release", 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')
    put(
        "/etc/shadow",
        f"root:{HASH}:19700:0:99999:7:::\n"
        "daemon:*:19700:0:99999:7:::\n"
        "guest::19700:0:99999:7:::\n"
        f"amina:!{HASH}:19700:0:99999:7:::\n",
        0o600,
    )
    put("/usr/sbin/sshd", "#!/bin/sh\nexit 1\n", 0o755)
    put(
        "/etc/ssh/sshd_config",
        f"# admin password is {SECRET}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        f"AuthorizedKeysCommand /usr/local/bin/keys --token {SECRET}\nUsePAM yes\n",
    )
    put("/etc/pam.d/common-auth", f"# {SECRET}\nauth required pam_unix.so nullok\n")
    put(
        "/var/log/apt/history.log",
        "\nStart-Date: 2026-11-20  06:30:01\n"
        f"Commandline: apt-get -o Acquire::http::Proxy=http://amina:{SECRET}@proxy:3128 upgrade\n"
        "Requested-By: amina (1000)\nUpgrade: openssl:amd64 (3.0.14, 3.0.15)\n"
        "End-Date: 2026-11-20  06:31:12\n",
    )
    put("/usr/bin/apt-get", "#!/bin/sh\nexit 1\n", 0o755)
    put(
        "/etc/apt/apt.conf.d/20auto-upgrades",
        'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n'
        f'Acquire::http::Proxy "http://amina:{SECRET}@proxy:3128/";\n',
    )
    put("/etc/rsnapshot.conf", f"snapshot_root\t/srv/snapshots/\ncmd_preexec\t/usr/bin/mount-nas --password {SECRET}\n")
    key = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
    )
    put(f"{home}/.ssh/work_key", key.decode(), 0o600)
    put(
        f"{home}/.ssh/config",
        f"Host nas\n  HostName 10.0.0.5\n  ProxyCommand sshpass -p {SECRET} ssh gw\n"
        f"  IdentityFile {home}/.ssh/work_key\n",
    )
    return key.decode().splitlines()[2]


@pytest.fixture
def secret_machine(tmp_path, monkeypatch):
    root = tmp_path / "machine"
    home = str(Path.home())
    key_line = _machine(root, home)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("timedatectl", "apt", "chronyc", "restic"):  # each prints its whole environment
        (bin_dir / tool).write_text("#!/bin/sh\n/usr/bin/env\n")
        (bin_dir / tool).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("RESTIC_PASSWORD", SECRET)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("GITHUB_TOKEN", SECRET)

    class OnThatMachine(local.LocalSystem):
        def __init__(self, **kwargs):
            super().__init__(**kwargs, root=str(root))

    monkeypatch.setattr(local, "LocalSystem", OnThatMachine)
    return tmp_path, key_line


@pytest.mark.parametrize("redact", [False, True], ids=["plain", "redacted"])
def test_a_snapshot_holds_no_secret_from_files_or_environment(secret_machine, redact):
    tmp_path, key_line = secret_machine
    out = tmp_path / "snap.json"
    args = ["snapshot", "-o", str(out), "--no-progress", "--timeout", "5"] + (["--redact"] if redact else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    for secret in (SECRET, key_line, "saltsalt"):
        assert secret not in text
        assert secret not in result.output
    doc = json.loads(text)
    files = {f["path"]: f for f in doc["files"]}
    # The facts the checks need are there, reduced: per account empty / locked / set.
    assert files["/etc/shadow"]["kept"] == "shadow-status"
    assert files["/etc/shadow"]["content"] == "root:set\ndaemon:*\nguest:\namina:!\n"
    assert "IdentityFile" in files[f"{doc['facts']['home']}/.ssh/config"]["content"]

    replay = CliRunner().invoke(app, ["audit", "--snapshot", str(out), "-f", "json"])
    assert replay.exit_code == 0, replay.output
    findings = {f["id"]: f for f in json.loads(replay.stdout)["findings"]}
    assert findings["PWD-005"]["status"] == "FAIL" and findings["PWD-005"]["evidence"]["accounts"] == ["guest"]
    assert findings["MFA-001"]["status"] == "PASS"
    assert findings["MFA-002"]["status"] == "FAIL"  # the unencrypted work_key, found through IdentityFile
    assert findings["UPD-002"]["evidence"]
    assert findings["UPD-003"]["evidence"]["APT::Periodic::Unattended-Upgrade"] == "1"  # read, proxy dropped


def test_the_live_audit_sees_only_what_the_snapshot_keeps(secret_machine):
    """The reduction happens where the file is read, so the audit on the machine itself and
    its replay cannot disagree, and no error message can quote what was dropped."""
    result = CliRunner().invoke(app, ["audit", "-f", "json", "--no-progress", "--timeout", "5"])
    assert result.exit_code == 0 and SECRET not in result.output
    findings = {f["id"]: f for f in json.loads(result.stdout)["findings"]}
    assert findings["PWD-005"]["status"] == "FAIL"


# Each reduction keeps what its parser reads: the same answer from the whole text and from the
# kept one, on our fixtures and on the real outputs in ../shared; and keeping twice changes nothing.
def _texts(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in paths]


SHADOW_SAMPLES = [
    "root:$y$j9T$abc$def:19700:0:99999:7:::\nbin:*:19700::::::\nnopw::1::::::\nlocked:!!:1::::::\n",
    "broken line without colon\n:empty-name:\nx:\n",
    "",
]


@pytest.mark.parametrize("text", SHADOW_SAMPLES)
def test_shadow_status_keeps_empty_accounts(text):
    kept = SHADOW_STATUS(text)
    assert empty_password_accounts(kept) == empty_password_accounts(text)
    assert SHADOW_STATUS(kept) == kept and "$" not in kept


@pytest.mark.parametrize(
    "text", _texts(sorted((FIXTURES / "linux" / "sshd").glob("*"))), ids=lambda t: t.splitlines()[0][:30]
)
def test_sshd_settings_keep_every_judged_setting(text):
    kept = SSHD_SETTINGS(text)
    judged = [(k, v) for k, v in config_lines(text) if k in {k for k, _ in config_lines(kept)} | {"include", "match"}]
    assert config_lines(kept) == judged
    assert parse_sshd_t(kept).items() <= parse_sshd_t(text).items()
    assert SSHD_SETTINGS(kept) == kept


@pytest.mark.parametrize("path", real_output_files("linux", "sshd-T"))
def test_sshd_settings_on_real_sshd_t_output(path):
    text = read_real(path)
    whole, kept = parse_sshd_t(text), parse_sshd_t(SSHD_SETTINGS(text))
    assert kept == {k: v for k, v in whole.items() if k in kept}
    assert {"passwordauthentication", "usepam"} & kept.keys() == {"passwordauthentication", "usepam"} & whole.keys()


def test_rules_only_keeps_every_pam_rule():
    for path in sorted((FIXTURES / "linux").rglob("*")):
        if path.is_file() and ("pam" in path.parts or "pam" in path.name):
            text = path.read_text(encoding="utf-8")
            assert parse_pam(RULES_ONLY(text)) == parse_pam(text)
            assert RULES_ONLY(RULES_ONLY(text)) == RULES_ONLY(text)
    text = "auth [success=1 default=ignore] pam_unix.so \\\n  nullok # a comment\n# all comment\n"
    assert parse_pam(RULES_ONLY(text)) == parse_pam(text)


def test_apt_history_dates_keep_the_last_run():
    text = (FIXTURES / "linux" / "apt-history" / "ubuntu.txt").read_text(encoding="utf-8")
    kept = APT_HISTORY_DATES(text)
    assert last_apt_run(kept) == last_apt_run(text) and "Commandline" not in kept
    assert APT_HISTORY_DATES(kept) == kept


def test_ssh_client_config_keeps_identity_files_only():
    text = "Host *\n  User amina\n  IdentityFile ~/.ssh/a\n\tidentityfile=/k/b\n# IdentityFile /c\n"
    assert SSH_IDENTITY_FILES(text) == "  IdentityFile ~/.ssh/a\n\tidentityfile=/k/b\n"
    assert SSH_IDENTITY_FILES(SSH_IDENTITY_FILES(text)) == SSH_IDENTITY_FILES(text)


def test_rsnapshot_root_keeps_where_copies_go_only():
    text = "snapshot_root\t/srv/s/\ncmd_preexec\t/bin/x --password p\nbackup\troot@h:/etc/\th/\n"
    assert RSNAPSHOT_ROOT(text) == "snapshot_root\t/srv/s/\n"


def test_an_older_snapshot_with_whole_files_is_reduced_on_replay():
    from hygiene.system.recorded import RecordedSystem
    from tests.helpers import snapshot_doc

    doc = snapshot_doc(files={"/etc/shadow": f"root:{HASH}:1::::::\nguest::1::::::\n"})
    text = RecordedSystem(doc).read_text("/etc/shadow", SHADOW_STATUS)
    assert text == "root:set\nguest:\n" and SECRET not in text


def test_commands_get_no_secret_from_the_environment(monkeypatch):
    monkeypatch.setenv("RESTIC_PASSWORD", SECRET)
    monkeypatch.setenv("SOME_TOKEN", SECRET)
    result = local.LocalSystem().run(("/usr/bin/env",))
    assert result.ok and SECRET not in result.stdout
    assert "LANG=C" in result.stdout.split("\n") and os.environ["PATH"] in result.stdout


@pytest.mark.parametrize(
    "path", [*sorted((FIXTURES / "linux" / "apt-conf").glob("*")), *real_output_files("linux", "apt-20auto-upgrades")]
)
def test_apt_periodic_keeps_every_judged_setting(path):
    from hygiene.parsers.apt_conf import JUDGED, parse_apt_conf

    if path is None:
        pytest.skip("no capture")
    text = read_real(path) if "real-outputs" in str(path) else path.read_text(encoding="utf-8")
    kept = APT_PERIODIC(text)
    whole = {k: v for k, v in parse_apt_conf(text).items() if k.startswith(JUDGED)}
    assert parse_apt_conf(kept) == whole and APT_PERIODIC(kept) == kept


def test_apt_periodic_drops_the_proxy_and_keeps_a_refusal():
    from hygiene.parsers import ParseError
    from hygiene.parsers.apt_conf import parse_apt_conf

    text = f'APT {{ Periodic {{ Enable "1"; }}; }};\nAcquire::http::Proxy "http://u:{SECRET}@p/";\n'
    assert APT_PERIODIC(text) == 'apt::periodic::enable "1";\n'
    for broken in ("APT { Periodic {", "}", "a b { x; };"):
        with pytest.raises(ParseError) as whole:
            parse_apt_conf(broken + f' "{SECRET}"')
        with pytest.raises(ParseError) as kept:
            parse_apt_conf(APT_PERIODIC(broken + f' "{SECRET}"'))
        assert str(kept.value) == str(whole.value) and SECRET not in APT_PERIODIC(broken + SECRET)


def test_dnf_automatic_keeps_apply_updates_only():
    text = "[commands]\napply_updates = yes\nupgrade_type = security\n[email]\nemail_host = smtp\npassword = x\n"
    assert INI_APPLY_UPDATES(text) == "[commands]\napply_updates = yes\n"
    assert INI_APPLY_UPDATES(INI_APPLY_UPDATES(text)) == INI_APPLY_UPDATES(text)


def test_timeshift_keeps_the_device_only():
    text = '{"backup_device_uuid": "1234-abcd", "exclude": ["/home/amina/**"], "schedule_daily": "true"}'
    assert TIMESHIFT_DEVICE(text) == '{"backup_device_uuid": "1234-abcd"}\n'
    assert TIMESHIFT_DEVICE("{not json") == "not JSON\n"


def test_restic_keeps_only_its_own_fatal_lines_of_stderr(tmp_path):
    """restic passes on whatever the user's RESTIC_PASSWORD_COMMAND prints to stderr."""
    from hygiene.system.kept import RESTIC_OUTPUT

    fake = tmp_path / "restic"
    fake.write_text(f"#!/bin/sh\necho 'vault says: token {SECRET}' >&2\necho 'Fatal: wrong password' >&2\nexit 1\n")
    fake.chmod(0o755)
    result = local.LocalSystem().run((str(fake), "snapshots"), RESTIC_OUTPUT)
    assert result.stderr == "Fatal: wrong password\n" and SECRET not in result.stderr
