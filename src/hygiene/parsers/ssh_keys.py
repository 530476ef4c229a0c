"""Describes an SSH private key file without its passphrase: format, type, size, whether it
is encrypted and whether it lives on a hardware key (sk-). Only these facts ever leave the
function; the key material stays in it.

OpenSSH's own format keeps the cipher name and the public key in the clear at the start;
PEM keys say "Proc-Type: 4,ENCRYPTED" or "ENCRYPTED PRIVATE KEY"; an unencrypted PEM or
PKCS#8 key is opened with cryptography to learn its size."""

from __future__ import annotations

import base64
import binascii
import bisect
import re
import struct
from dataclasses import asdict, dataclass

# `-----BEGIN (X PRIVATE KEY)-----(.*?)-----END \1-----` rescanned the text to its end for every
# BEGIN without an END (quadratic); now every BEGIN and END marker is found once (overlapping
# ones too, as that pattern's search would) and each BEGIN is paired with the first END after it.
_BEGIN = re.compile(r"(?=-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----)")
_END = re.compile(r"(?=-----END ([A-Z0-9 ]*PRIVATE KEY)-----)")
_TYPES = {
    "ssh-ed25519": ("ed25519", 256, False),
    "sk-ssh-ed25519@openssh.com": ("ed25519-sk", 256, True),
    "ecdsa-sha2-nistp256": ("ecdsa", 256, False),
    "ecdsa-sha2-nistp384": ("ecdsa", 384, False),
    "ecdsa-sha2-nistp521": ("ecdsa", 521, False),
    "sk-ecdsa-sha2-nistp256@openssh.com": ("ecdsa-sk", 256, True),
}


@dataclass(frozen=True)
class KeyFacts:
    format: str  # openssh, pem, pkcs8
    type: str  # ed25519, ecdsa, rsa, dsa, ed25519-sk, ecdsa-sk, or unknown
    bits: int | None  # None when the key is encrypted in a format that hides it
    encrypted: bool
    hardware: bool

    def as_dict(self) -> dict:
        return asdict(self)


class _Reader:
    """SSH wire format: big-endian uint32 lengths before each string."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def uint32(self) -> int:
        (value,) = struct.unpack(">I", self.data[self.pos : self.pos + 4])
        self.pos += 4
        return value

    def string(self) -> bytes:
        length = self.uint32()
        value = self.data[self.pos : self.pos + length]
        self.pos += length
        return value


def _openssh(body: bytes) -> KeyFacts | None:
    """The header: magic, cipher name, kdf name and options, key count, public key blob."""
    magic = b"openssh-key-v1\0"
    if not body.startswith(magic):
        return None
    header = _Reader(body[len(magic) :])
    encrypted = header.string() != b"none"
    header.string()  # kdf name
    header.string()  # kdf options
    header.uint32()  # number of keys
    public = _Reader(header.string())
    key_type = public.string().decode("ascii", "replace")
    if key_type in _TYPES:
        kind, bits, hardware = _TYPES[key_type]
        return KeyFacts("openssh", kind, bits, encrypted, hardware)
    if key_type == "ssh-rsa":
        public.string()  # exponent
        return KeyFacts("openssh", "rsa", int.from_bytes(public.string(), "big").bit_length(), encrypted, False)
    if key_type == "ssh-dss":
        return KeyFacts("openssh", "dsa", int.from_bytes(public.string(), "big").bit_length(), encrypted, False)
    return KeyFacts("openssh", "unknown", None, encrypted, key_type.startswith("sk-"))


def _pem(label: str, text: str, block: str) -> KeyFacts:
    kind = {"RSA PRIVATE KEY": "rsa", "EC PRIVATE KEY": "ecdsa", "DSA PRIVATE KEY": "dsa"}.get(label, "unknown")
    fmt = "pkcs8" if label in ("PRIVATE KEY", "ENCRYPTED PRIVATE KEY") else "pem"
    if label == "ENCRYPTED PRIVATE KEY" or "Proc-Type: 4,ENCRYPTED" in block:
        return KeyFacts(fmt, kind, None, True, False)
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:  # only the size is wanted, so the costly RSA consistency check is skipped
        key = load_pem_private_key(text.encode("ascii", "replace"), password=None, unsafe_skip_rsa_key_validation=True)
    except Exception:  # noqa: BLE001 - any failure: say "unknown", never echo the key
        return KeyFacts(fmt, kind, None, False, False)
    if isinstance(key, rsa.RSAPrivateKey):
        return KeyFacts(fmt, "rsa", key.key_size, False, False)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return KeyFacts(fmt, "ecdsa", key.curve.key_size, False, False)
    if isinstance(key, dsa.DSAPrivateKey):
        return KeyFacts(fmt, "dsa", key.key_size, False, False)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return KeyFacts(fmt, "ed25519", 256, False, False)
    return KeyFacts(fmt, "unknown", None, False, False)


def _pem_block(text: str) -> tuple[str, str, str] | None:
    """(label, body between the markers, the whole block) of the first BEGIN that has an END."""
    ends: dict[str, list[int]] = {}
    for m in _END.finditer(text):
        ends.setdefault(m.group(1), []).append(m.start())
    for m in _BEGIN.finditer(text):
        label = m.group(1)
        body_start = m.start() + len(f"-----BEGIN {label}-----")
        positions = ends.get(label, [])
        i = bisect.bisect_left(positions, body_start)
        if i < len(positions):
            end = positions[i]
            return label, text[body_start:end], text[m.start() : end + len(f"-----END {label}-----")]
    return None


def describe_private_key(text: str) -> KeyFacts | None:
    """None when the text is not a private key."""
    found = _pem_block(text)
    if not found:
        return None
    label, block, whole = found
    if label == "OPENSSH PRIVATE KEY":
        try:
            body = base64.b64decode("".join(block.split()), validate=False)
        except (binascii.Error, ValueError):
            return KeyFacts("openssh", "unknown", None, False, False)
        try:
            return _openssh(body) or KeyFacts("openssh", "unknown", None, False, False)
        except struct.error:
            return KeyFacts("openssh", "unknown", None, False, False)
    return _pem(label, whole, block)
