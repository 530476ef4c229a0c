"""Rendering password checks: a table for people, JSON for scripts. A password appears only
when it is a built-in demo example (shown is not None)."""

from __future__ import annotations

from hygiene.inert import json_text
from hygiene.passwords.strength import REALISTIC_SCENARIO, SCENARIOS, Strength, Verdict, duration
from hygiene.reporters import OutputFormat, Style

Row = tuple[str | None, str | None, Strength, Verdict]  # shown example, note, strength, verdict
SHORT = {  # the four attack scenarios, short enough for a table cell
    "online_throttling_100_per_hour": "online, throttled",
    "online_no_throttling_10_per_second": "online, unthrottled",
    "offline_slow_hashing_1e4_per_second": "offline, slow hash",
    "offline_fast_hashing_1e10_per_second": "offline, fast hash",
}
RATED_BY = (
    f"Strength is rated on the realistic threat: {REALISTIC_SCENARIO}, what attackers do with a "
    "site's stolen password database. Time to crack shows all four scenarios."
)
ADVICE = (
    "Use a passphrase of four or more random words (a password manager can pick them), or let a "
    "password manager generate and remember a long random password for every site.",
    "Turn on a second factor wherever you can; then 8 characters are acceptable, 15 without one.",
)


def _scored_note(s: Strength) -> str:
    return (
        f"only the first {s.scored_length} of {s.length} characters were scored" if s.scored_length < s.length else ""
    )


def render_checks(rows: list[Row], fmt: OutputFormat, style: Style) -> str:
    if fmt is OutputFormat.JSON:
        return json_text([_as_dict(i, row) for i, row in enumerate(rows, 1)])
    from rich.table import Table
    from rich.text import Text

    from hygiene.reporters.console import console_for, strip_padding
    from hygiene.reporters.wrap import Prose, hanging

    console, buffer = console_for(style)
    table = Table(title="Password strength (nothing leaves this computer)", title_justify="left", show_lines=True)
    table.add_column("#" if rows and rows[0][0] is None else "Example", overflow="fold")
    for name in ("Strength after a breach", "Time to crack", "Weaknesses", "NIST SP 800-63B"):
        table.add_column(name, overflow="fold")  # a narrow cell folds a long word, never cuts it
    for i, (shown, note, s, v) in enumerate(rows, 1):
        label = Text(shown if shown is not None else str(i))
        if note:
            label.append(f"\n{note}", style="dim")
        strength = Text(s.rating, style="bold").append(f"\n{s.cracked}\n10^{s.guesses_log10:g} guesses")
        if s.scored_length < s.length:
            strength.append(f"\n({_scored_note(s)})", style="dim")
        style_v = "green" if v.single_factor else "yellow" if v.with_mfa else "red"
        table.add_row(
            Prose(label),
            strength,
            "\n".join(f"{SHORT[k]}: {duration(v_)}" for k, v_ in s.crack_seconds.items()),
            ", ".join(s.weaknesses) or "none found",
            Text(v.summary, style=style_v),
        )
    console.print(table)
    console.print(Text(RATED_BY))
    console.print(hanging([("-", line) for line in ADVICE], edge=False))
    return strip_padding(buffer.getvalue())


def _as_dict(i: int, row: Row) -> dict:
    shown, note, s, v = row
    return {
        "index": i,
        "example": shown,  # null unless it is a built-in demo example
        "length": s.length,
        "scored_length": s.scored_length,
        "score": s.score,  # zxcvbn's own 0-4, tuned to slower attacks than the rating
        "rating": s.rating,
        "rated_by": REALISTIC_SCENARIO,
        "headline": s.headline,
        "guesses_log10": s.guesses_log10,
        "crack_times": {SCENARIOS[k]: {"seconds": v_, "display": duration(v_)} for k, v_ in s.crack_seconds.items()},
        "weaknesses": list(s.weaknesses),
        "nist_800_63b": {"single_factor": v.single_factor, "with_mfa": v.with_mfa, "verdict": v.summary},
    }
