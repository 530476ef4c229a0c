"""Parses `id` and `id -- USER` as Linux, macOS and the BSDs print them:
"uid=501(amina) gid=20(staff) groups=20(staff),12(everyone),80(admin),...", with `euid=`
when it differs and SELinux's `context=` after the groups on Fedora. Group names may hold
spaces and commas (directory groups such as "domain users@corp.example"), so fields are
found by their `name=` markers and groups split outside parentheses, never on blanks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt, number


@dataclass(frozen=True)
class Identity:
    uid: int
    user: str  # "" when the uid has no name
    groups: tuple[tuple[int, str], ...]  # (gid, name), name "" when the gid has none
    line: str = ""  # the line `id` printed, as evidence quotes it

    def member_of(self, gid: int, name: str) -> bool:
        return any(g == gid or n == name for g, n in self.groups)

    @property
    def group_names(self) -> tuple[str, ...]:
        """Each group's name, or its number where it has none."""
        return tuple(n or str(g) for g, n in self.groups)


_FIELD = re.compile(r"(?:^|\s)(uid|gid|euid|egid|groups|context)=")


def _pair(field: str, what: str) -> tuple[int, str]:
    """`501(amina)` as (501, "amina"); a bare `501` as (501, "")."""
    digits, paren, rest = field.strip().partition("(")
    digits = digits.strip()
    if paren and not rest.endswith(")"):
        raise ParseError(f"`id` printed an unclosed name in {what}: {excerpt(field)}")
    sign, magnitude = ("-", digits[1:]) if digits.startswith("-") else ("", digits)  # nobody is uid=-2
    if not (magnitude.isdigit() and magnitude.isascii()):
        raise ParseError(f"`id` printed no number for {what}: {excerpt(field)}")
    return number(sign + magnitude, f"id's {what}"), rest[:-1] if paren else ""


def _fields(listed: str) -> list[str]:
    """The comma-separated items of `groups=`, split only outside parentheses (a name may
    hold a comma)."""
    items, start, depth = [], 0, 0
    for i, char in enumerate(listed):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            items.append(listed[start:i])
            start = i + 1
    items.append(listed[start:])
    return [item for item in items if item.strip()]


def parse_id(text: str) -> Identity:
    """The effective user (euid= where it differs from uid=) and its groups."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip().startswith("uid=")), "")
    if not line:
        raise ParseError(f"`id` printed no uid=: {excerpt(text)}")
    parts = _FIELD.split(line)
    fields = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    uid, user = _pair(fields.get("euid") or fields["uid"], "uid")
    groups = tuple(_pair(item, "groups") for item in _fields(fields.get("groups", "")))
    return Identity(uid, user, groups, deciding_line(line))
