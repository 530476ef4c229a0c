"""Parses `whoami /groups /fo csv`: the groups in this session's access token, one CSV row each
("Group Name","Type","SID","Attributes"). The header, the names and the attributes follow the
display language ("VORDEFINIERT\\Administratoren", "Nur für Verweigerungen verwendete Gruppe")
and non-ASCII letters may arrive garbled from the console code page; the SIDs do not change.
So the SID column is the one headed "SID" or, without a header (/nh), the one whose every cell
is a SID, and a group is known by its SID alone."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

SID = re.compile(r"S-1-\d{1,14}(?:-\d{1,10}){0,15}")
MAX_LINE = 200  # characters of a row kept as evidence
MAX_ROW = 4096  # a group row is a name of at most 256 characters, a SID and a few attributes


@dataclass(frozen=True)
class TokenGroup:
    sid: str
    line: str  # the row as whoami printed it, for evidence


def _rows(text: str) -> list[tuple[list[str], str]]:
    lines = [line for line in text.splitlines() if line.strip()]
    if any(len(line) > MAX_ROW for line in lines):  # not left to csv's limit, which another module raises
        raise ParseError(f"`whoami /groups` printed a line of more than {MAX_ROW} characters")
    try:
        return [(cells, line) for cells, line in zip(csv.reader(lines), lines, strict=True)]
    except (csv.Error, ValueError) as exc:  # a quote left open: a row spread over lines
        raise ParseError(f"`whoami /groups` did not print CSV ({str(exc)[:60]})") from None


def parse_whoami_groups(text: str) -> list[TokenGroup]:
    rows = _rows(text.lstrip("\ufeff"))
    if not rows:
        raise ParseError("`whoami /groups` listed no groups")
    header = [cell.strip().upper() for cell in rows[0][0]]
    if "SID" in header:
        column, rows = header.index("SID"), rows[1:]
    else:
        width = len(rows[0][0])
        column = next(
            (i for i in range(width) if all(len(c) > i and SID.fullmatch(c[i].strip()) for c, _ in rows)), None
        )
        if column is None:
            raise ParseError(f"`whoami /groups` printed no column of SIDs: {excerpt(rows[0][1])}")
    groups = []
    for cells, line in rows:
        sid = cells[column].strip() if len(cells) > column else ""
        if not SID.fullmatch(sid):
            raise ParseError(f"`whoami /groups` printed a row without a SID: {excerpt(line)}")
        groups.append(TokenGroup(sid, line.strip()[:MAX_LINE]))
    return groups
