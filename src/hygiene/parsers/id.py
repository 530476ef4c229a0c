"""Parses `id` and `id USER` as macOS (and BSD, Linux) print them:
"uid=501(amina) gid=20(staff) groups=20(staff),12(everyone),80(admin),...". Group names may
hold spaces (directory groups such as "DOMAIN\\domain users"), so fields are found by their
`name=` markers, not by splitting on blanks."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt, number


@dataclass(frozen=True)
class Identity:
    uid: int
    user: str  # "" when the uid has no name
    groups: tuple[tuple[int, str], ...]  # (gid, name), name "" when the gid has none

    def member_of(self, gid: int, name: str) -> bool:
        return any(g == gid or n == name for g, n in self.groups)


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
    line = text.strip().partition("\n")[0]
    if not line.startswith("uid="):
        raise ParseError(f"`id` printed something unrecognised: {excerpt(text)}")
    uid_end = line.find(" gid=")
    uid, user = _pair(line[len("uid=") : uid_end if uid_end >= 0 else len(line)], "uid")
    groups_at = line.find(" groups=")
    listed = line[groups_at + len(" groups=") :] if groups_at >= 0 else ""
    return Identity(uid, user, tuple(_pair(item, "groups") for item in _fields(listed)))
