"""Parses `dnf -C updateinfo list` (dnf4, dnf5 and yum layouts, every advisory type) and
`dnf -C check-update` / `yum -C check-update` (name.arch version repo, long names wrapped).

Both outputs may carry dnf's note that the running kernel is older than an installed security
update ("Security: kernel-core-X is an installed security update" / "... is the currently
running version"): a fact for the reboot check, kept apart by `running_kernel_notes`. dnf and
yum run under LANG=C here (system/local.py), so their words are English; advisory types are
compared without case ("security", "Important/Sec.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers.packages import PendingList, PendingUpdate

_ADVISORY = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d{4}[-:]\S+$")
_ARCHES = "x86_64|noarch|i[3-6]86|aarch64|ppc64le|ppc64|s390x|armv7hl|armhfp|riscv64|loongarch64|src"
_NAME_ARCH = re.compile(rf"^\S+\.(?:{_ARCHES})$")
_MIRROR = re.compile(r"^ \* [\w.-]+: \S+$")  # yum's fastestmirror: " * base: mirror.example.org"
_PROGRESS = re.compile(r"\| *[\d.]+ *[kMGT]?i?B +\d\d:\d\d *$")  # "repo  966 kB/s | 989  B     00:00"
_RUNNING_KERNEL = ("is an installed security update", "is the currently running version")
# What dnf, dnf5 and yum print around their tables, harmlessly (subscription-manager's plugin
# included); a line of none of these forms, and no table row, is unrecognised.
_NOISE = (
    "Loaded plugins:", "Loading mirror speeds from cached hostfile", "Last metadata expiration check:",
    "Updating Subscription Management repositories.", "Unable to read consumer identity",
    "This system is not registered", "Not root, Subscription Management repositories not updated",
    "Repository ", "Updating and loading repositories:", "Repositories loaded.", "updateinfo list done",
    "Failed to set locale, defaulting to", "Security: ",
)  # fmt: skip
_DNF5_HEADER = ["Name", "Type", "Severity", "Package", "Issued"]  # `dnf5 updateinfo list`
_HEADINGS = ("Upgrades",)  # dnf5's check-upgrade heads its table with it (Fedora 44)


def is_noise(line: str) -> bool:
    """A line dnf, dnf5, yum or their plugins print harmlessly (blank lines included)."""
    stripped = line.strip()
    return (
        not stripped
        or stripped.startswith(_NOISE)
        or stripped in _HEADINGS
        or stripped.startswith(": ")  # "Loaded plugins:" wrapped: "              : subscription-manager"
        or bool(_MIRROR.match(line) or _PROGRESS.search(line))
    )


def running_kernel_notes(text: str) -> tuple[str, ...]:
    """dnf's two lines saying the running kernel is older than an installed security update;
    empty when it said nothing of the kind (the "installed security update" line decides)."""
    lines = tuple(
        ln for ln in text.splitlines() if ln.startswith("Security: ") and ln.rstrip().endswith(_RUNNING_KERNEL)
    )
    return lines if any(ln.rstrip().endswith(_RUNNING_KERNEL[0]) for ln in lines) else ()


@dataclass(frozen=True)
class Advisory:
    id: str
    kind: str  # as printed: "Important/Sec.", "security", "bugfix", "secu" (cut by dnf5)...
    package: str  # name-[epoch:]version-release.arch
    line: str

    @property
    def security(self) -> bool:
        return advisory_kind(self.kind) == "security"

    @property
    def name_arch(self) -> tuple[str, str]:
        """(name, arch) of the package, to match check-update's `name.arch`."""
        base, _, arch = self.package.rpartition(".")
        return (base.rsplit("-", 2)[0] if base.count("-") >= 2 else base), arch


@dataclass(frozen=True)
class UpdateInfo:
    advisories: tuple[Advisory, ...]
    unrecognised: tuple[str, ...]


# The advisory types dnf, dnf5 and yum print; "Important/Sec." is dnf4's word for security.
KINDS = ("security", "bugfix", "enhancement", "newpackage", "unspecified", "unknown")


def advisory_kind(word: str) -> str | None:
    """The advisory type a TYPE cell names, None when it names none. dnf5 cuts its columns to
    the terminal's width without an ellipsis ("secu", "enha", "bugf"), so a cut that is the
    start of exactly one type, three letters or more, is that type; any other word is no type
    hygiene knows, and its row is unrecognised (never read as "not security")."""
    folded = word.casefold()
    if folded.endswith("/sec."):
        return "security"
    starts = [k for k in KINDS if k.startswith(folded)] if len(folded) >= 3 else []
    return folded if folded in KINDS else starts[0] if len(starts) == 1 else None


def parse_updateinfo(text: str) -> UpdateInfo:
    """One Advisory per (advisory, package) row. dnf4/yum: `ID TYPE PKG` (TYPE "Severity/Sec."
    for security, or a bare "security" on yum without a severity); dnf5: `ID TYPE SEVERITY PKG
    DATE TIME`. A row yum marks installed ("i ID ...") is known and skipped: nothing pending."""
    advisories, unrecognised = [], []
    for line in text.splitlines():
        tokens = line.split()
        if is_noise(line) or tokens == _DNF5_HEADER:
            continue
        if len(tokens) == 4 and tokens[0] == "i" and _ADVISORY.match(tokens[1]):
            continue  # an advisory already installed (yum's `list all`)
        row = (tokens[1], tokens[2]) if len(tokens) == 3 else (tokens[1], tokens[3]) if len(tokens) == 6 else None
        kind = advisory_kind(row[0]) if row and _ADVISORY.match(tokens[0]) else None
        if row and kind:
            advisories.append(Advisory(tokens[0], row[0], row[1], line))
        else:
            unrecognised.append(line)
    return UpdateInfo(tuple(advisories), tuple(unrecognised))


def parse_check_update(text: str) -> PendingList:
    """Available updates; security is None: check-update does not classify them. A table cut
    short still counts what it shows: a name whose version was cut away, or a wrapped name
    whose second line is missing, is pending all the same."""
    updates, unrecognised = [], []
    pending_name = ""
    for line in text.splitlines():
        if line.strip().casefold() == "obsoleting packages":
            break  # the same packages again, in another form
        tokens = line.split()
        if pending_name and len(tokens) == 2 and line[:1].isspace():  # wrapped: version repo
            updates.append(PendingUpdate(pending_name, tokens[0], None, tokens[1], f"{pending_name} {line.strip()}"))
            pending_name = ""
            continue
        if pending_name:  # a wrapped name whose version line never came
            updates.append(PendingUpdate(pending_name, "", None, "", pending_name))
            pending_name = ""
        if tokens and _NAME_ARCH.match(tokens[0]) and len(tokens) <= 3:
            if len(tokens) == 1:
                pending_name = tokens[0]
            else:
                updates.append(PendingUpdate(tokens[0], tokens[1], None, tokens[2] if len(tokens) == 3 else "", line))
        elif not is_noise(line):
            unrecognised.append(line)
    if pending_name:
        updates.append(PendingUpdate(pending_name, "", None, "", pending_name))
    return PendingList(tuple(updates), tuple(unrecognised))
