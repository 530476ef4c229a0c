"""Password strength (zxcvbn), bounded and sealed.

zxcvbn's cost explodes with the number of distinct l33t characters (0-9, @, $, |, ...): a
20-character string of them takes 0.4 s, 72 of them over a second. So only a prefix is
scored: at most MAX_SCORED characters, holding at most MAX_DISTINCT_L33T distinct l33t
characters (worst case about 60 ms on the 2-core development machine, see
benchmarks/password_strength.py). Scoring a prefix can only under-estimate strength, and the
result says how much was scored. zxcvbn's result holds the password and its pieces: only
numbers and the kinds of weakness are copied out of it, and its exceptions are not chained.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

MAX_SCORED = 40
MAX_DISTINCT_L33T = 8
SCENARIOS = {
    "online_throttling_100_per_hour": "online, throttled (100 guesses an hour)",
    "online_no_throttling_10_per_second": "online, unthrottled (10 a second)",
    "offline_slow_hashing_1e4_per_second": "offline, slow hash (10,000 a second)",
    "offline_fast_hashing_1e10_per_second": "offline, fast hash (10 billion a second)",
}
# The headline is rated on the realistic threat: a site is breached and its password hashes,
# often a fast hash, are guessed offline on graphics cards. zxcvbn's own 0-4 score is tuned to
# slower attacks and calls Tr0ub4dor&3 "very strong" although it falls in seconds this way.
REALISTIC = "offline_fast_hashing_1e10_per_second"
REALISTIC_SCENARIO = "an offline attack on a fast hash after a breach (10 billion guesses a second)"
_YEAR = 31_536_000
RATINGS = ((1, "very weak"), (86_400, "weak"), (_YEAR, "fair"), (10_000 * _YEAR, "strong"))  # below: label
STRONGEST = "very strong"  # 10,000 years or more
COMMON_LISTS = {"passwords"}
WORD_LISTS = {"english_wikipedia", "us_tv_and_film"}
NAME_LISTS = {"surnames", "male_names", "female_names"}


class StrengthError(Exception):
    """zxcvbn failed; the message never contains the password."""


@dataclass(frozen=True)
class Strength:
    length: int
    scored_length: int  # less than length when only a prefix was scored
    score: int  # zxcvbn 0-4
    guesses_log10: float
    crack_seconds: dict[str, float]  # scenario key -> seconds
    weaknesses: tuple[str, ...]  # kinds only, never the matched text
    common: bool  # the scored part is, as a whole, a commonly used password
    contextual: bool  # it contains one of the context words

    @property
    def realistic_seconds(self) -> float:
        """How long the realistic attack (REALISTIC) takes, on average."""
        return self.crack_seconds[REALISTIC]

    @property
    def rating(self) -> str:
        """The headline, from the realistic attack: under a second is very weak, under a day
        weak, under a year fair, under 10,000 years strong."""
        return next((label for limit, label in RATINGS if self.realistic_seconds < limit), STRONGEST)

    @property
    def cracked(self) -> str:
        """The realistic attack's time, as the headline says it: "cracked in 10 seconds"."""
        seconds = self.realistic_seconds
        return "cracked instantly" if seconds < 1 else f"cracked in {duration(seconds)}"

    @property
    def headline(self) -> str:
        """The rating with the time that earns it, so the two can never disagree."""
        return f"{self.rating}: {self.cracked}"


@cache
def _l33t_chars() -> frozenset[str]:
    from zxcvbn.matching import L33T_TABLE

    return frozenset(c for subs in L33T_TABLE.values() for c in subs)


def scored_part(
    password: str, l33t: frozenset[str], max_scored: int = MAX_SCORED, max_distinct: int = MAX_DISTINCT_L33T
) -> str:
    """The longest prefix zxcvbn can score within budget."""
    seen: set[str] = set()
    for i, ch in enumerate(password[:max_scored]):
        if ch in l33t and ch not in seen:
            if len(seen) == max_distinct:
                return password[:i]
            seen.add(ch)
    return password[:max_scored]


def _kinds(sequence: list[dict], whole_length: int) -> tuple[tuple[str, ...], bool, bool]:
    kinds: list[str] = []
    common = contextual = False
    for match in sequence:
        pattern = match.get("pattern")
        if pattern == "dictionary":
            source = match.get("dictionary_name")
            if source == "user_inputs":
                contextual = True
                kinds.append("a context word (name, company, ...)")
            elif source in COMMON_LISTS:
                whole = match.get("i") == 0 and match.get("j") == whole_length - 1
                common = common or whole
                kinds.append("a commonly used password" if whole else "a common password inside it")
            elif source in NAME_LISTS:
                kinds.append("a common name")
            elif source in WORD_LISTS:
                kinds.append("a dictionary word")
            if match.get("l33t"):
                kinds.append("look-alike substitutions (p@ssw0rd)")
            if match.get("reversed"):
                kinds.append("a reversed word")
        elif pattern == "spatial":
            kinds.append("a keyboard pattern (qwerty, zxcv)")
        elif pattern == "repeat":
            kinds.append("repeated characters or words")
        elif pattern == "sequence":
            kinds.append("a sequence (abc, 1234)")
        elif pattern in ("date", "regex"):
            kinds.append("a date or year")
    return tuple(dict.fromkeys(kinds)), common, contextual


def estimate(
    password: str, context: Sequence[str] = (), max_scored: int = MAX_SCORED, max_distinct: int = MAX_DISTINCT_L33T
) -> Strength:
    if not password:
        return Strength(0, 0, 0, 0.0, dict.fromkeys(SCENARIOS, 0.0), ("it is empty",), common=False, contextual=False)
    from zxcvbn import zxcvbn  # 28 MiB of word lists: load only when passwords are checked

    part = scored_part(password, _l33t_chars(), max_scored, max_distinct)
    try:
        result = zxcvbn(part, user_inputs=[c for c in context if c])
    except Exception:  # noqa: BLE001 - its message or traceback could carry the password
        raise StrengthError("the strength estimator failed on this password") from None
    try:
        kinds, common, contextual = _kinds(result["sequence"], len(part))
        return Strength(
            length=len(password),
            scored_length=len(part),
            score=int(result["score"]),
            guesses_log10=round(float(result["guesses_log10"]), 2),
            crack_seconds={k: float(result["crack_times_seconds"][k]) for k in SCENARIOS},
            weaknesses=kinds,
            common=common,
            contextual=contextual,
        )
    finally:
        del result


def duration(seconds: float) -> str:
    """A crack time a person can picture."""
    if seconds < 1:
        return "instantly"
    for unit, size in (("century", 3153600000), ("year", 31536000), ("month", 2592000), ("day", 86400),
                       ("hour", 3600), ("minute", 60), ("second", 1)):  # fmt: skip
        if seconds >= size:
            count = seconds / size
            if unit == "century" and count >= 100:
                return "more than 10,000 years"
            n = math.floor(count)
            plural = "centuries" if unit == "century" else f"{unit}s"
            return f"{n} {unit if n == 1 else plural}"
    return "instantly"


@dataclass(frozen=True)
class Verdict:
    """NIST SP 800-63B (rev. 4): length is what counts; common or context-derived passwords
    are refused; composition rules and forced rotation are not asked for."""

    single_factor: bool  # acceptable as the only factor: 15 characters or more
    with_mfa: bool  # acceptable as one of two factors: 8 characters or more
    reasons: tuple[str, ...]

    @property
    def summary(self) -> str:
        if self.single_factor:
            return "meets 800-63B, even without a second factor"
        if self.with_mfa:
            return "meets 800-63B only with a second factor (15+ characters without one)"
        return "does not meet 800-63B: " + "; ".join(self.reasons)


def verdict(s: Strength) -> Verdict:
    blockers = []
    if s.length < 8:
        blockers.append("shorter than 8 characters")
    if s.common:
        blockers.append("a commonly used password")
    if s.contextual:
        blockers.append("built from your context words")
    if s.score <= 1 and not s.common:
        blockers.append("easy to guess")
    reasons = tuple(blockers) or (() if s.length >= 15 else ("shorter than 15 characters",))
    return Verdict(single_factor=not blockers and s.length >= 15, with_mfa=not blockers, reasons=reasons)
