"""Counts, sizes and ages in words, said one way everywhere: "1 entry" and "2 entries", never
"1 entries" or "entry(s)"; ages in whole days, and "today" rather than "0.0 days"."""

from __future__ import annotations

from datetime import timedelta


def count(n: int, singular: str, plural: str = "") -> str:
    """`n` with the noun that agrees with it: count(1, "entry", "entries") is "1 entry"."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def days_ago(days: int) -> str:
    """A whole number of calendar days before today: "today", "1 day ago", "12 days ago" (and
    "in 2 days" for a date after the clock, as a fleet host's clock may be ahead of this one)."""
    return in_days(-days) if days <= 0 else f"{count(days, 'day')} ago"


def in_days(days: int) -> str:
    """A whole number of calendar days after today: "today", "in 1 day", "in 12 days"."""
    return "today" if days <= 0 else f"in {count(days, 'day')}"


def whole_days(age: timedelta) -> int:
    """Full days elapsed, rounded down: 23 hours is not yet a day."""
    return max(age, timedelta(0)).days


def age_in_days(age: timedelta) -> str:
    """How old something is, in whole days: "less than a day", "1 day", "12 days"."""
    days = whole_days(age)
    return "less than a day" if days == 0 else count(days, "day")


def byte_size(n: int) -> str:
    """A size in bytes as people read it: "999 bytes", "1.2 KB", "3.4 GB" (steps of 1000, up to TB)."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if value < 1000 or unit == "TB":
            return count(n, "byte") if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return count(n, "byte")
