"""How checks ask macOS, where more than one category asks the same question."""

from __future__ import annotations

DISKUTIL_APFS = ("diskutil", "apfs", "list")  # FileVault per volume (ENC-003) and Time Machine's disk (BAK-)
FDESETUP = ("fdesetup", "status")  # FileVault (ENC-001), which also turns automatic login off (DEV-003)
