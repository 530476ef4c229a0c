"""Parses `dnf -C updateinfo list --security` (dnf4, dnf5 and yum layouts) and
`dnf -C check-update` / `yum -C check-update` (name.arch version repo, long names wrapped)."""

from __future__ import annotations

import re

from hygiene.parsers.packages import PendingUpdate

_ADVISORY = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d{4}[-:]\S+$")
_NAME_ARCH = re.compile(r"^\S+\.(?:x86_64|noarch|i[3-6]86|aarch64|ppc64le|ppc64|s390x|armv7hl|armhfp|src)$")


def parse_updateinfo(text: str) -> list[PendingUpdate]:
    """One PendingUpdate per (advisory, package). dnf4/yum: `ID Severity/Sec. PKG`;
    dnf5: `ID security Severity PKG DATE TIME`; bugfix/enhancement rows are not security."""
    updates = []
    for line in text.splitlines():
        tokens = line.split()
        if len(tokens) < 3 or not _ADVISORY.match(tokens[0]):
            continue  # metadata notices, progress lines, headers
        advisory, kind = tokens[0], tokens[1]
        if kind == "security" and len(tokens) >= 4:  # dnf5
            updates.append(PendingUpdate(tokens[3], "", True, f"{advisory} ({tokens[2]})"))
        elif kind.endswith("/Sec."):
            updates.append(PendingUpdate(tokens[2], "", True, f"{advisory} ({kind.split('/')[0]})"))
        else:
            updates.append(PendingUpdate(tokens[-1] if len(tokens) == 3 else tokens[3], "", False, advisory))
    return updates


def parse_check_update(text: str) -> list[PendingUpdate]:
    """Available updates; security is None: check-update does not classify them."""
    updates = []
    pending_name = None
    for line in text.splitlines():
        if line.startswith("Obsoleting Packages"):
            break  # the same packages again, in another form
        tokens = line.split()
        if pending_name and len(tokens) == 2 and line[:1].isspace():  # wrapped: version repo
            updates.append(PendingUpdate(pending_name, tokens[0], None, tokens[1]))
            pending_name = None
            continue
        pending_name = None
        if tokens and _NAME_ARCH.match(tokens[0]):
            if len(tokens) == 1:
                pending_name = tokens[0]
            elif len(tokens) >= 3:
                updates.append(PendingUpdate(tokens[0], tokens[1], None, tokens[2]))
    return updates
