"""Parses /etc/shadow: which accounts have an empty password field (anyone can log in)."""

from __future__ import annotations


def empty_password_accounts(text: str) -> list[str]:
    """Accounts whose hash field is empty. "!", "*" and "!..." are locked, not empty."""
    empty = []
    for line in text.splitlines():
        fields = line.split(":")
        if len(fields) >= 2 and fields[0] and fields[1] == "":
            empty.append(fields[0])
    return empty
