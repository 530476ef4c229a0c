"""How long `backup verify`'s identification takes on 10 GB files, against the least any
check could do (stat the file and read its first 64 KB). Files are sparse, so the disk holds
almost nothing; verification must read headers and samples only, never the whole file.
Target: well under a second per 10 GB file.

    python benchmarks/backup_verify.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from _timing import median_ms

from hygiene.backup.identify import identify

RUNS = 15

SIZE = 10 * 1000**3


def sparse(path: Path, head: bytes, tail: bytes = b"") -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(SIZE - len(tail))
        fh.seek(0, os.SEEK_END)
        fh.write(tail)
    return path


def baseline(path: Path) -> None:
    path.stat()
    with path.open("rb") as fh:
        fh.read(64 * 1024)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "age file": sparse(Path(tmp, "big.age"), b"age-encryption.org/v1\n-> X25519 x\n"),
            "OpenSSL Salted__": sparse(Path(tmp, "big.enc"), b"Salted__" + os.urandom(8)),
            "unknown blob (sampled)": sparse(Path(tmp, "big.bin"), os.urandom(64 * 1024), os.urandom(64 * 1024)),
            "holes only (no data)": sparse(Path(tmp, "empty.img"), b""),
            "zeros, data far in": sparse(Path(tmp, "late.img"), b"", b"\x00" * 65536 + b"ledger" + b"\x00" * 65536),
        }
        worst = 0.0
        for label, path in cases.items():
            ours = median_ms(lambda p=path: identify(p), RUNS)
            base = median_ms(lambda p=path: baseline(p), RUNS)
            worst = max(worst, ours)
            kind = identify(path).kind
            timing = f"hygiene {ours:6.2f} ms   baseline {base:6.2f} ms   ratio {ours / base:.1f}"
            print(f"{label:<24} ({kind}, 10 GB)  {timing}")
        print(f"target: well under 1 s per 10 GB file: {'met' if worst < 100 else 'NOT met'} (worst {worst:.1f} ms)")


if __name__ == "__main__":
    main()
