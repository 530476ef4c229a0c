"""Parses `zypper --no-refresh list-patches` tables (columns found by their header names), the
lines around them (the "N patches needed (M security patches)" summary), and `zypper
--no-refresh list-updates`, read where patches are not published or cannot be listed.

zypper runs under LANG=C here (system/local.py), so its words are English; a status or category
is compared without case ("needed" / "Needed", "security" / "Security"), and singular and plural
("1 patch needed (1 security patch)") are both read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt, number
from hygiene.parsers.packages import PendingList, PendingUpdate

# zypper's Status words, casefolded, and whether each means applicable and not installed:
# needed, unwanted (needed but locked by the admin), optional; applied, not needed. libzypp
# says "undetermined" for a patch it could not evaluate: a word of no known kind is never
# read as "not pending".
STATUSES = {
    "needed": True, "unwanted": True, "optional": True, "applied": False, "not needed": False, "not-needed": False
}  # fmt: skip


@dataclass(frozen=True)
class Patch:
    name: str
    category: str
    severity: str
    status: str
    interactive: str
    line: str = ""  # the table row, raw: the check quotes it as evidence

    @property
    def needed(self) -> bool:
        return self.status.casefold() == "needed"

    @property
    def pending(self) -> bool:
        """Applicable and not installed: needed, needed but locked by the admin ("unwanted"), optional."""
        return STATUSES.get(self.status.casefold()) is True

    @property
    def status_known(self) -> bool:
        return self.status.casefold() in STATUSES

    @property
    def security(self) -> bool:
        return self.category.casefold() == "security"


def parse_list_patches(text: str) -> list[Patch]:
    lines = text.splitlines()
    header = next((i for i, ln in enumerate(lines) if "|" in ln and "Category" in ln and "Status" in ln), None)
    if header is None:
        if "No updates found" in text:
            return []
        raise ParseError("zypper printed no patch table and no 'No updates found.'")
    names = [c.strip() for c in lines[header].split("|")]
    col = {n: i for i, n in enumerate(names)}
    name_col = col.get("Name", col.get("Patch"))
    if name_col is None:
        raise ParseError("zypper's patch table has no Name or Patch column")
    if "Category" not in col or "Status" not in col:  # the header line only had them as part of a cell
        raise ParseError("zypper's patch table has no Category or no Status column")
    patches = []
    for lineno, line in enumerate(lines[header + 1 :], header + 2):
        if "|" not in line or set(line.strip()) <= {"-", "+"}:
            continue  # the ---+--- rule, blank lines and the "Found N applicable patches" lines
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > len(names) and names[-1] == "Summary":  # a '|' inside the last column's text
            cells = [*cells[: len(names) - 1], " | ".join(cells[len(names) - 1 :])]
        if len(cells) != len(names):
            raise ParseError(
                f"zypper's patch table line {lineno} has {len(cells)} cells, not {len(names)}: {excerpt(line)}"
            )
        patches.append(
            Patch(
                name=cells[name_col],
                category=cells[col["Category"]],
                severity=cells[col["Severity"]] if "Severity" in col else "",
                status=cells[col["Status"]],
                interactive=cells[col["Interactive"]] if "Interactive" in col else "",
                line=line,
            )
        )
    return patches


# What zypper prints around its tables, harmlessly: progress, counts, headings, and the note that
# a repository's cache is old (hygiene reads the cache; UPD-002 judges its age).
_AROUND_TABLES = (
    "Loading repository data...", "Reading installed packages...", "No updates found.",
    "Needed software management updates will be installed first:", "The following updates are also available:",
    "Repository '", "Warning: Repository '",
)  # fmt: skip
_COUNTS = re.compile(
    r"^(?:Found \d+ applicable patch(?:es)?:|Considering \d+ out of \d+ applicable patch(?:es)?:"
    r"|\d+ patch(?:es)? (?:locked|optional)\b.*)$"
)
_NEEDED = re.compile(r"^(\d+) patch(?:es)? needed \((\d+) security patch(?:es)?\)$")


@dataclass(frozen=True)
class PatchNotes:
    """The lines of `zypper list-patches` outside its table: the summary's counts (None when
    it was cut away) and any line of no known form."""

    needed: int | None
    security: int | None
    summary: str
    unrecognised: tuple[str, ...]


def _is_table_line(line: str) -> bool:
    return "|" in line or (bool(line.strip()) and set(line.strip()) <= {"-", "+"})


def patch_notes(text: str) -> PatchNotes:
    """The summary line ("15 patches needed (12 security patches)", "1 patch needed (0 security
    patches)") and the lines that are neither table, nor summary, nor zypper's known chatter."""
    needed = security = None
    summary = ""
    unrecognised = []
    for line in text.splitlines():
        stripped = line.strip()
        if m := _NEEDED.match(stripped):
            needed, security, summary = number(m[1], "patches needed"), number(m[2], "security patches"), line
        elif stripped and not (_is_table_line(line) or stripped.startswith(_AROUND_TABLES) or _COUNTS.match(stripped)):
            unrecognised.append(line)
    return PatchNotes(needed, security, summary, tuple(unrecognised))


def parse_list_updates(text: str) -> PendingList:
    """`zypper list-updates`: `S | Repository | Name | Current Version | Available Version |
    Arch`, columns found by their header names. zypper publishes no security class for a
    package, so each update's security is None. ParseError when there is neither a table nor
    "No updates found.": nothing was decided."""
    lines = text.splitlines()
    header = next((i for i, ln in enumerate(lines) if "|" in ln and "Available Version" in ln), None)
    unrecognised = [ln for ln in lines[: header if header is not None else len(lines)]
                    if ln.strip() and not ln.strip().startswith(_AROUND_TABLES)]  # fmt: skip
    if header is None:
        if "No updates found." in text:
            return PendingList((), tuple(unrecognised), ("No updates found.",))
        raise ParseError("zypper printed no update table and no 'No updates found.'")
    names = [c.strip() for c in lines[header].split("|")]
    if "Name" not in names or "Available Version" not in names:  # the header had them only inside a cell
        raise ParseError("zypper's update table has no Name or no Available Version column")
    name_col, version_col = names.index("Name"), names.index("Available Version")
    repo_col = names.index("Repository") if "Repository" in names else None
    updates = []
    last = len(lines) - 1
    for i in range(header + 1, len(lines)):
        line = lines[i]
        cells = [c.strip() for c in line.split("|")]
        if not line.strip() or set(line.strip()) <= {"-", "+"}:
            continue
        if len(cells) <= name_col or (len(cells) != len(names) and i != last):
            unrecognised.append(line)  # words after the table, or a row broken in the middle
            continue
        repo = cells[repo_col] if repo_col is not None and repo_col < len(cells) else ""
        version = cells[version_col] if len(cells) == len(names) else ""  # the last row may be cut short
        updates.append(PendingUpdate(cells[name_col], version, None, repo, line))
    return PendingList(tuple(updates), tuple(unrecognised))
