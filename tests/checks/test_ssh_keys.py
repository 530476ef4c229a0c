"""MFA-002 on real keys made by ssh-keygen, and the promise that no key material is recorded."""

import base64
import json
import shutil
import struct
import subprocess

import pytest

from hygiene.checks import mfa
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.parsers.ssh_keys import describe_private_key
from hygiene.snapshot import record
from hygiene.system.local import LocalSystem
from tests.helpers import machine

pytestmark = pytest.mark.skipif(
    shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed (CI installs openssh-client)"
)


def keygen(folder, name, *args, passphrase=""):
    subprocess.run(["ssh-keygen", "-q", "-N", passphrase, "-C", "test", "-f", str(folder / name), *args], check=True)
    return folder / name


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".ssh").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("args", "passphrase", "expected"),
    [
        (("-t", "ed25519"), "", ("openssh", "ed25519", 256, False)),
        (("-t", "ed25519"), "correct horse", ("openssh", "ed25519", 256, True)),
        (("-t", "ecdsa", "-b", "384"), "", ("openssh", "ecdsa", 384, False)),
        (("-t", "rsa", "-b", "3072"), "correct horse", ("openssh", "rsa", 3072, True)),
        (("-t", "rsa", "-b", "2048", "-m", "PEM"), "", ("pem", "rsa", 2048, False)),
        (("-t", "rsa", "-b", "2048", "-m", "PEM"), "correct horse", ("pem", "rsa", None, True)),
        (("-t", "ecdsa", "-m", "PKCS8"), "", ("pkcs8", "ecdsa", 256, False)),
        (("-t", "ecdsa", "-m", "PKCS8"), "correct horse", ("pkcs8", "unknown", None, True)),
        (("-t", "dsa"), "", ("openssh", "dsa", 1024, False)),
    ],
)
def test_real_keys_are_described_without_their_passphrase(tmp_path, args, passphrase, expected):
    key = keygen(tmp_path, "k", *args, passphrase=passphrase)
    facts = describe_private_key(key.read_text())
    assert (facts.format, facts.type, facts.bits, facts.encrypted) == expected and not facts.hardware
    assert describe_private_key((tmp_path / "k.pub").read_text()) is None


def test_a_hardware_key_needs_no_passphrase():
    blob = b"".join(struct.pack(">I", len(x)) + x for x in (b"sk-ssh-ed25519@openssh.com", b"\x01" * 32, b"ssh:"))
    body = (
        b"openssh-key-v1\0"
        + b"".join(struct.pack(">I", len(x)) + x for x in (b"none", b"none", b""))
        + struct.pack(">I", 1)
    )
    body += struct.pack(">I", len(blob)) + blob
    text = (
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + base64.b64encode(body).decode()
        + "\n-----END OPENSSH PRIVATE KEY-----\n"
    )
    facts = describe_private_key(text)
    assert (facts.type, facts.hardware, facts.encrypted) == ("ed25519-sk", True, False)
    m = machine(globs={"/home/amina/.ssh/*": ["/home/amina/.ssh/id_ed25519_sk"]}, files={"/home/amina/.ssh/config": None},
                ssh_keys={"/home/amina/.ssh/id_ed25519_sk": facts.as_dict()})  # fmt: skip
    assert run_one(m, mfa.ssh_keys_protected).status is Status.PASS


def test_the_check_on_a_real_home(home):
    keygen(home / ".ssh", "id_ed25519", "-t", "ed25519", passphrase="correct horse")
    assert run_one(LocalSystem(), mfa.ssh_keys_protected).status is Status.PASS
    keygen(home / ".ssh", "id_rsa", "-t", "rsa", "-b", "2048", passphrase="correct horse")
    f = run_one(LocalSystem(), mfa.ssh_keys_protected)
    assert f.status is Status.WARN and "id_rsa: RSA 2048 bits" in f.summary
    (home / "keys").mkdir()
    keygen(home / "keys", "deploy", "-t", "ed25519")
    (home / ".ssh" / "config").write_text("Host deploy\n  IdentityFile ~/keys/deploy\n")
    f = run_one(LocalSystem(), mfa.ssh_keys_protected)
    assert f.status is Status.FAIL and "deploy: no passphrase" in f.summary
    assert {k["file"] for k in f.evidence["keys"]} == {"id_ed25519", "id_rsa", "deploy"}


def test_no_keys_is_not_applicable(home):
    (home / ".ssh" / "known_hosts").write_text("example.com ssh-ed25519 AAAA\n")
    assert run_one(LocalSystem(), mfa.ssh_keys_protected).status is Status.NOT_APPLICABLE


def test_a_snapshot_records_facts_never_key_material(home):
    key = keygen(home / ".ssh", "id_ed25519", "-t", "ed25519")
    secret_line = key.read_text().splitlines()[2]  # a line of the private key's base64
    doc = record(LocalSystem(), [mfa.ssh_keys_protected])
    text = json.dumps(doc)
    assert secret_line not in text and "PRIVATE KEY" not in text
    assert doc["ssh_keys"] == [
        {
            "path": str(key),
            "facts": {"format": "openssh", "type": "ed25519", "bits": 256, "encrypted": False, "hardware": False},
        }
    ]
