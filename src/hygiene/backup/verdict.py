"""`hygiene backup verify`'s judgement and output: is this backup encrypted (as a format
fact, with a scheme that holds) and recent enough?"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from hygiene.backup.identify import FACT, Artifact
from hygiene.errors import UserError
from hygiene.inert import Inert, json_text, one_line
from hygiene.reporters import OutputFormat
from hygiene.reporters.wrap import fill
from hygiene.words import byte_size, count

_AGE = re.compile(r"[ \t]*([0-9]+)[ \t]*([hdw]?)[ \t]*")  # fullmatch; ASCII digits only
MAX_AGE_LIMIT = timedelta(days=36500)  # 100 years: anything longer is a typo, not a policy


def parse_max_age(text: str) -> timedelta:
    """ "7d", "36h", "2w" or a bare number of days: at least one hour, at most 100 years."""
    m = _AGE.fullmatch(text.lower())
    shown = repr(text[:40] + ("..." if len(text) > 40 else ""))  # shown inert by the CLI
    if not m or not m[1].strip("0"):
        raise UserError(f"--max-age {shown}: use a number of days, hours or weeks, e.g. 7d, 36h, 2w")
    digits = m[1].lstrip("0")  # counted before int(): Python refuses to convert 4300+ digits
    hours = int(digits) * {"h": 1, "d": 24, "w": 24 * 7}[m[2] or "d"] if len(digits) <= 9 else None
    if hours is None or hours > MAX_AGE_LIMIT.days * 24:
        raise UserError(f"--max-age {shown}: at most 100 years (36500d)")
    return timedelta(hours=hours)


@dataclass(frozen=True)
class Verdict:
    artifact: Artifact
    ok: bool
    reasons: tuple[str, ...]  # why it is not ok; empty when it is
    age: timedelta | None


def judge(artifact: Artifact, now: datetime, max_age: timedelta) -> Verdict:
    """Not ok for any reason given; an empty backup for that one reason alone (there is nothing
    whose encryption or age could be judged)."""
    age = now - artifact.newest if artifact.newest else None
    if artifact.empty:
        return Verdict(artifact, False, (f"it is empty ({artifact.empty}): there is no backup in it",), age)
    reasons = []
    if artifact.older:
        reasons.append(f"{artifact.detail}, while older ones were identified: {', '.join(artifact.older)}")
        if artifact.encrypted is False:
            reasons.append("the newest backup it holds that hygiene could identify is not encrypted")
    elif artifact.encrypted is None:
        reasons.append(f"could not tell whether it is encrypted ({artifact.detail or 'unknown format'})")
    elif not artifact.encrypted:
        reasons.append("it is not encrypted: anyone who gets a copy can read it")
    elif artifact.certainty != FACT:
        reasons.append("it only looks encrypted (random-looking bytes); hygiene cannot prove it")
    if artifact.weak:
        reasons.append("its encryption is a broken legacy scheme")
    if age is None:
        reasons.append(
            "no file in it could be identified as a backup, so its age cannot be told"
            if artifact.unidentified
            else "it holds no backup to date"
        )
    elif age > max_age:
        shown, limit = _span(age), _span(max_age)  # whole units: over by less than one reads the same
        reasons.append(
            f"the newest backup is {shown} old, more than {limit}"
            if shown != limit
            else f"the newest backup is more than {limit} old"
        )
    return Verdict(artifact, not reasons, tuple(reasons), age)


def _span(delta: timedelta) -> str:
    """A length of time in whole units, rounded down: hours up to two days, then days."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 1:
        return "less than a minute"
    if minutes < 60:
        return count(minutes, "minute")
    if minutes < 48 * 60:
        return count(minutes // 60, "hour")
    return count(minutes // (24 * 60), "day")


def _encrypted_text(a: Artifact) -> str:
    if a.empty:
        return "nothing to tell: it holds no data"
    if a.encrypted is None:
        return "cannot tell"
    if a.encrypted and a.certainty != FACT:
        return f"cannot prove it (the bytes look random){': ' + a.detail if a.detail else ''}"
    if a.older:  # the newest could not be identified: the fact is the newest identified backup's
        return f"no (a fact of the format): {a.dated_by}, the newest backup identified"
    said = "yes" if a.encrypted else "no"
    how = "a fact of the format" if a.certainty == FACT else "a guess from the bytes"
    weak = ", WEAK" if a.weak else ""
    return f"{said}{weak} ({how}){': ' + a.detail if a.detail else ''}"


def render_verdict(v: Verdict, fmt: OutputFormat, width: int = 100) -> str:
    """Plain lines for the terminal (no Rich: a verdict needs no table) wrapped to `width`
    columns, each field's value under its start; or JSON for scripts."""
    return _json(v) if fmt is OutputFormat.JSON else _text(v, width)


def _text(v: Verdict, width: int) -> str:
    def field(name: str, value: str) -> str:
        return fill(value, width, indent=14, first=f"  {name + ':':<12}")

    a = v.artifact
    if a.newest is None:
        newest = f"none identified: its newest file, {a.newest_file}, {a.unidentified}" if a.unidentified else ""
        newest = newest or "none found"
    else:
        newest = f"{a.newest:%Y-%m-%d %H:%M} UTC ({_span(v.age or timedelta())} ago)"
        newest += f", from {a.dated_by}, the newest file identified as a backup" if a.dated_by else ""
    lines = [
        fill(one_line(a.path), width),
        field("What", one_line(a.kind)),
        field("Encrypted", one_line(_encrypted_text(a))),
        field("Newest", one_line(newest)),
        field("Size", byte_size(a.size) + (f" in {count(a.files, 'file')}" if a.files != 1 else "")),
    ]
    lines += [field("Note", one_line(n)) for n in a.notes]
    verdict = "encrypted and recent." if v.ok else "not good enough: " + "; ".join(v.reasons) + "."
    lines.append(fill(one_line(verdict), width, indent=9, first="Verdict: "))
    return "\n".join(lines) + "\n"


def _json(v: Verdict) -> Inert:
    a = v.artifact
    doc = {
        "path": a.path,
        "kind": a.kind,
        "encrypted": a.encrypted,
        "certainty": a.certainty or None,
        "weak": a.weak,
        "detail": a.detail,
        "newest": a.newest.isoformat() if a.newest else None,
        "age_hours": round(v.age.total_seconds() / 3600, 1) if v.age is not None else None,
        "size_bytes": a.size,
        "files": a.files,
        "notes": list(a.notes),
        "empty": a.empty or None,
        "older": list(a.older),
        "dated_by": a.dated_by or None,
        "ok": v.ok,
        "reasons": list(v.reasons),
    }
    return json_text(doc)
