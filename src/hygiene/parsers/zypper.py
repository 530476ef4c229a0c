"""Parses `zypper --no-refresh list-patches` tables (columns found by their header names)."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt


@dataclass(frozen=True)
class Patch:
    name: str
    category: str
    severity: str
    status: str
    interactive: str

    @property
    def needed(self) -> bool:
        return self.status == "needed"


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
    for number, line in enumerate(lines[header + 1 :], header + 2):
        if "|" not in line or set(line.strip()) <= {"-", "+"}:
            continue  # the ---+--- rule, blank lines and the "Found N applicable patches" lines
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > len(names) and names[-1] == "Summary":  # a '|' inside the last column's text
            cells = [*cells[: len(names) - 1], " | ".join(cells[len(names) - 1 :])]
        if len(cells) != len(names):
            raise ParseError(
                f"zypper's patch table line {number} has {len(cells)} cells, not {len(names)}: {excerpt(line)}"
            )
        patches.append(
            Patch(
                name=cells[name_col],
                category=cells[col["Category"]],
                severity=cells[col["Severity"]] if "Severity" in col else "",
                status=cells[col["Status"]],
                interactive=cells[col["Interactive"]] if "Interactive" in col else "",
            )
        )
    return patches
