"""The profile (hygiene.toml): a person's or an office's own policy and dated statements.

It is untrusted input, so it is size-bounded and validated completely: every mistake is
reported at once, each as `file:line: what is wrong`, and the audit stops with exit 2.
Whatever the file holds (deep nesting, huge numbers, datetimes where dates belong, a
megabyte on one line), reading it ends in a Profile or a UserError, in linear time.

No field names a program to run: paths and repositories are data, examined by hygiene's
own code (DESIGN.md principle 8).
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hygiene.errors import UserError
from hygiene.regions import ALIASES, ISO_3166_ALPHA2
from hygiene.userfiles import read_user_text

# A profile of thousands of accounts is a few dozen KiB; the bound keeps the worst case (tomllib on
# one hostile string) within a second (benchmarks/hostile_inputs.py).
MAX_PROFILE_BYTES = 256 * 1024
MAX_PROBLEMS = 50  # mistakes listed at once; a hostile file could hold a hundred thousand
MAX_QUOTED = 60  # characters of a wrong value quoted back in a message
FILE_NAME = "hygiene.toml"
ENV_VAR = "HYGIENE_PROFILE"
LOCAL_HINT = f"./{FILE_NAME} was not used; pass --profile ./{FILE_NAME} to use it"
NEVER = "never"  # an honest answer to "when did you last ...?": it fails, where silence is UNKNOWN

# Dated statements the profile can make: what a date says, and what "never" says there was none of.
ATTESTATIONS = {
    "training_completed": ("security-awareness training was completed", "security-awareness training"),
    "incident_reporting_known": (
        "you checked where to report a cyber incident in your region",
        "a check of where to report a cyber incident",
    ),
    "incident_plan": ("a written incident plan was made or reviewed", "a written incident plan"),
    "restore_tested": ("restoring from a backup was tested", "a test of restoring from a backup"),
    "offsite_copy": ("a backup copy was made off this machine", "a backup copy off this machine"),
    "password_manager": ("a password manager was in use", "a password manager in use"),
}
MFA_METHODS = ("none", "sms", "email", "app", "totp", "push", "pin", "passkey", "security_key")
TOP_LEVEL = ("region", "fail_under", "weights", "waivers", "attest", "accounts", "backups")


@dataclass(frozen=True)
class Waiver:
    check: str
    reason: str
    expires: date
    line: int


@dataclass(frozen=True)
class Account:
    service: str
    method: str
    critical: bool | None  # None: not said, so judged from what kind of service it is
    line: int


@dataclass(frozen=True)
class DeclaredBackup:
    name: str
    path: str | None
    repository: str | None
    offsite: bool
    line: int


@dataclass(frozen=True)
class VaultHealth:
    """A vault audit's summary (`hygiene audit --vault EXPORT`): counts only, no passwords."""

    source: str
    entries: int
    weak: int
    reused: int
    breached: int | None  # None: breaches were not checked
    health: int | None


@dataclass(frozen=True)
class Profile:
    path: Path | None = None
    region: str | None = None
    fail_under: int | None = None
    weights: dict[str, int] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()
    attest: dict[str, date | str] = field(default_factory=dict)  # a date, or NEVER
    accounts: tuple[Account, ...] = ()
    backups: tuple[DeclaredBackup, ...] = ()
    vault: VaultHealth | None = None  # from `audit --vault`, not from the TOML


NO_PROFILE = Profile()

# --- where the profile is ------------------------------------------------------------------


def user_config_path() -> Path:
    from platformdirs import user_config_path as config_dir  # only needed when looking for one

    return config_dir("hygiene", appauthor=False) / FILE_NAME


def find_profile(explicit: Path | None, env: dict[str, str] | None = None) -> tuple[Path | None, str]:
    """The profile in use and why: --profile, then $HYGIENE_PROFILE, then the user config
    folder. A profile that is named but missing is an error, not a shrug.

    ./hygiene.toml is used only when named: a profile can waive checks, and one that happens
    to be in the current folder (a cloned repository, a shared drive) was written by someone else."""
    env = os.environ if env is None else env
    if explicit is not None:
        if not explicit.exists():  # a pipe, a device or a folder is refused when read, saying which
            raise UserError(f"{explicit}: no such profile (given with --profile)")
        return explicit, "--profile"
    if env.get(ENV_VAR):
        named = Path(env[ENV_VAR])
        if not named.exists():
            raise UserError(f"{named}: no such profile (named by ${ENV_VAR})")
        return named, f"${ENV_VAR}"
    user = user_config_path()
    if user.exists():
        return user, "your user config folder"
    why = f"none found (looked at ${ENV_VAR} and {user})"
    hint = unused_local_profile(None, None)
    return None, f"{why}; {hint}" if hint else why


def unused_local_profile(used: Path | None, explicit: Path | None) -> str | None:
    """A one-line hint when ./hygiene.toml is there but is not the profile in use, unless the
    user chose one with --profile: so that no one wonders why it does not apply."""
    local = Path(FILE_NAME)
    if explicit is not None or not local.is_file():
        return None
    if used is not None:
        try:
            if used.samefile(local):
                return None
        except OSError:
            pass
    return LOCAL_HINT


def load_profile(
    explicit: Path | None = None, today: date | None = None, notify: Callable[[str], None] | None = None
) -> Profile:
    """The profile an audit uses; `notify` (the CLI's) hears of a ./hygiene.toml left unused."""
    path, _ = find_profile(explicit)
    hint = unused_local_profile(path, explicit)
    if hint and notify is not None:
        notify(hint)
    return NO_PROFILE if path is None else read_profile(path, today)


# --- where each key is -----------------------------------------------------------------------
# One pass over the text; each character is looked at a bounded number of times: the patterns
# are single character classes matched at a position, and every search for a closing quote
# stops at the end of its line (or, for a multi-line string, at the first closing quotes).
# Multi-line strings, arrays and comments are stepped over whole, so a line inside one is
# never taken for a key or a table.

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = re.compile(r"[ \t]*")
_PLAIN = re.compile(r"[^\n#\"'\[\]{}]+")  # value text with nothing in it to track
_IN_BASIC = re.compile(r'[^"\\\n]+')
_DIGIT_RUN = re.compile(r"[0-9_]+")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_TRIPLE_QUOTE = '"' * 3
_TRIPLE_APOSTROPHE = "'" * 3


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.end = text, 0, 1, len(text)
        self.eol = -1  # where the current line ends, once looked for (a long line is searched once)
        self.depth, self.deep_line = 0, 1  # the deepest nesting, and the line it is first reached on
        self.long_number_line: int | None = None  # where a number first had too many digits

    def blank(self) -> None:
        self.pos = _BLANK.match(self.text, self.pos).end()

    def line_end(self) -> int:
        if self.eol < self.pos:  # the end of the line last found is behind: find the next one
            found = self.text.find("\n", self.pos)
            self.eol = self.end if found < 0 else found
        return self.eol

    def skip_line(self) -> None:
        self.pos = self.line_end()

    def key(self) -> tuple[str, ...] | None:
        """A dotted key (`a."b c".d`), or None where there is none."""
        parts = []
        while True:
            self.blank()
            part = self.key_part()
            if part is None:
                return None
            parts.append(part)
            self.blank()
            if self.pos < self.end and self.text[self.pos] == ".":
                self.pos += 1
                continue
            return tuple(parts)

    def key_part(self) -> str | None:
        if self.pos >= self.end:
            return None
        first = self.text[self.pos]
        if first == '"':
            return self.basic()
        if first == "'":
            return self.literal()
        bare = _BARE.match(self.text, self.pos)
        if not bare:
            return None
        self.pos = bare.end()
        return bare.group()

    def basic(self) -> str | None:
        """A one-line "..." string, escapes decoded; None when it does not end on its line."""
        out = []
        self.pos += 1
        while self.pos < self.end:
            run = _IN_BASIC.match(self.text, self.pos)
            if run:
                out.append(run.group())
                self.pos = run.end()
                continue
            char = self.text[self.pos]
            if char == '"':
                self.pos += 1
                return "".join(out)
            if char == "\n":
                return None
            out.append(self.escape())
        return None

    def escape(self) -> str:
        code = self.text[self.pos + 1 : self.pos + 2]
        if code in _ESCAPES:
            self.pos += 2
            return _ESCAPES[code]
        width = {"u": 4, "U": 8}.get(code, 0)
        if not width:
            self.pos += 1
            return "\\"
        digits = self.text[self.pos + 2 : self.pos + 2 + width]
        self.pos += 2 + len(digits)
        try:
            return chr(int(digits, 16))
        except ValueError:
            return "\ufffd"

    def literal(self) -> str | None:
        start, line_end = self.pos + 1, self.line_end()
        close = self.text.find("'", start, line_end)
        if close < 0:
            self.pos = line_end
            return None
        self.pos = close + 1
        return self.text[start:close]

    def multiline_basic(self) -> None:
        self.pos += 3
        while self.pos < self.end:
            run = _IN_BASIC.match(self.text, self.pos)
            if run:
                self.pos = run.end()
                continue
            char = self.text[self.pos]
            if char == "\n":
                self.line += 1
                self.pos += 1
            elif char == "\\":  # an escape; a backslash at the end of a line leaves its newline counted
                self.pos += 1 if self.text[self.pos + 1 : self.pos + 2] == "\n" else 2
            else:  # a run of quotes: three or more end the string (two of them may belong to it)
                quotes = 0
                while self.pos < self.end and self.text[self.pos] == '"':
                    quotes += 1
                    self.pos += 1
                if quotes >= 3:
                    return

    def multiline_literal(self) -> None:
        self.pos += 3
        close = self.text.find(_TRIPLE_APOSTROPHE, self.pos)
        close = self.end if close < 0 else close
        self.line += self.text.count("\n", self.pos, close)
        self.pos = min(close + 3, self.end)
        for _ in range(2):  # up to two more apostrophes belong to the string
            if self.pos < self.end and self.text[self.pos] == "'":
                self.pos += 1

    def value(self, whole_text: bool = False) -> None:
        """Step over one value (to the end of its last line), or over the whole text."""
        text, depth = self.text, 0
        while self.pos < self.end:
            char = text[self.pos]
            if char == "\n":
                if depth == 0 and not whole_text:
                    return
                self.line += 1
                self.pos += 1
            elif char == "#":
                self.skip_line()
            elif char == '"':
                if text.startswith(_TRIPLE_QUOTE, self.pos):
                    self.multiline_basic()
                else:
                    self.basic()
            elif char == "'":
                if text.startswith(_TRIPLE_APOSTROPHE, self.pos):
                    self.multiline_literal()
                else:
                    self.literal()
            elif char in "[{":
                depth += 1
                if depth > self.depth:
                    self.depth, self.deep_line = depth, self.line
                self.pos += 1
            elif char in "]}":
                depth = max(depth - 1, 0)
                self.pos += 1
            else:
                plain = _PLAIN.match(text, self.pos)
                if self.long_number_line is None and any(
                    len(run.group().replace("_", "")) > sys.get_int_max_str_digits()
                    for run in _DIGIT_RUN.finditer(plain.group())
                ):
                    self.long_number_line = self.line
                self.pos = plain.end()


def key_lines(text: str) -> dict[tuple, int]:
    """Where each key and table stands (1-based line), since tomllib does not say.
    Entries of arrays of tables are numbered: ("waivers", 0, "check")."""
    lexer, lines = _Lexer(text), {}
    table: tuple = ()
    seen: dict[tuple, int] = {}
    while lexer.pos < lexer.end:
        lexer.blank()
        if lexer.pos >= lexer.end:
            break
        if text[lexer.pos] == "\n":
            lexer.line += 1
            lexer.pos += 1
            continue
        if text[lexer.pos] == "[":
            array = text.startswith("[[", lexer.pos)
            lexer.pos += 2 if array else 1
            name = lexer.key()
            if name is not None:
                if array:
                    index = seen.get(name, 0)
                    seen[name] = index + 1
                    table = (*name, index)
                else:
                    table = name
                lines.setdefault(table, lexer.line)
            lexer.skip_line()
            continue
        name = lexer.key()
        lexer.blank()
        if name is None or lexer.pos >= lexer.end or text[lexer.pos] != "=":
            lexer.skip_line()
            continue
        lines.setdefault((*table, *name), lexer.line)
        lexer.pos += 1
        lexer.value()
    return lines


# --- reading and validating ----------------------------------------------------------------


class _Problems:
    """Collects every mistake with its line, so one run shows them all (up to MAX_PROBLEMS)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.found: list[tuple[int, str]] = []
        self.more: list[int] = []  # the lines of mistakes past MAX_PROBLEMS

    def line(self, where: tuple) -> int:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)

    def add(self, where: tuple, message: str | Callable[[], str]) -> None:
        """`message` may be a function, so that what is never shown is never worked out."""
        if len(self.found) >= MAX_PROBLEMS:
            self.more.append(self.line(where))
            return
        self.found.append((self.line(where), message if isinstance(message, str) else message()))

    def raise_if_any(self) -> None:
        if not self.found:
            return
        lines = [f"{self.path}:{line}: {message}" for line, message in sorted(self.found)]
        if self.more:
            lines.append(f"{self.path}:{min(self.more)}: and {len(self.more):,} more mistake(s) not shown")
        raise UserError("\n".join(lines))


def _clip(text: str) -> str:
    """Text quoted back in a message: short, with its control characters escaped by repr."""
    return repr(text if len(text) <= MAX_QUOTED else text[:MAX_QUOTED] + "...")


def _number(value: int) -> str:
    if value.bit_length() <= 200:
        return str(value)
    return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"  # str() would refuse


def _describe(value: Any) -> str:
    """What a TOML value is, for a message: its kind, and itself when it is short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return _number(value)
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {_clip(value)}"
    if isinstance(value, datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, time):
        return f"the time of day {value.isoformat()}"
    if isinstance(value, list):
        return f"an array of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _is_date(value: Any) -> bool:
    """A calendar date; a TOML datetime is a date in Python, and would not compare with one."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6) if len(word) <= MAX_QUOTED else []
    return f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(choices)}"


def _keys(problems: _Problems, where: tuple, table: dict, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            problems.add((*where, key), lambda key=key: f"unknown key {_clip(key)}{_suggest(key, allowed)}")


def _typed(problems: _Problems, where: tuple, value: Any, kind: type | tuple, label: str) -> bool:
    if isinstance(value, bool) and kind is int:  # TOML true is not a number
        ok = False
    else:
        ok = isinstance(value, kind)
    if not ok:
        problems.add(where, f"{where[-1]} must be {label}, not {_describe(value)}")
    return ok


def _local_text(problems: _Problems, where: tuple, value: Any) -> bool:
    """A path or repository: text, not empty, without control characters (a NUL cannot name a file)."""
    if not _typed(problems, where, value, str, "text"):
        return False
    if not value.strip():
        problems.add(where, f"{where[-1]} must not be empty")
        return False
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        problems.add(where, f"{where[-1]} must not contain control characters, as {_clip(value)} does")
        return False
    return True


def _array_of_tables(problems: _Problems, data: dict, name: str) -> list[tuple[int, dict]]:
    entries = data.get(name, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.add((name,), f"{name} must be written as [[{name}]] tables")
        return []
    return list(enumerate(entries))


def read_profile(path: Path, today: date | None = None, known_checks: Callable[[], set[str]] | None = None) -> Profile:
    """Read and validate a profile file; `today` decides which attestations are in the future."""
    return parse_profile(read_user_text(path, MAX_PROFILE_BYTES, "profile"), path, today, known_checks)


def _load_toml(text: str, path: Path) -> dict[str, Any]:
    """tomllib's dict, or a UserError with the line: tomllib itself raises RecursionError on
    deep nesting and ValueError on an integer too long to convert, and says no line for them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # only text from elsewhere (a demo's JSON) can hold one
        line = text.count("\n", 0, exc.start) + 1
        raise UserError(f"{path}:{line}: not text: a lone surrogate (U+{ord(text[exc.start]):04X})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = f"{where.group(1)}:{where.group(2)}" if where else "1"
        raise UserError(f"{path}:{line}: not valid TOML: {message}") from None
    except RecursionError:
        lexer = _Lexer(text)
        lexer.value(whole_text=True)
        raise UserError(f"{path}:{lexer.deep_line}: arrays or tables nested too deeply for a profile") from None
    except ValueError:
        lexer = _Lexer(text)
        lexer.value(whole_text=True)
        line = lexer.long_number_line or 1
        limit = sys.get_int_max_str_digits()
        raise UserError(f"{path}:{line}: a number longer than {limit:,} digits cannot be read") from None


def parse_profile(
    text: str, path: Path, today: date | None = None, known_checks: Callable[[], set[str]] | None = None
) -> Profile:
    """Validate profile text; `path` names it in messages (a demo's profile has no file)."""
    today = today or date.today()
    data = _load_toml(text, path)

    problems = _Problems(path, text)
    check_ids = (known_checks or _registered_checks)()
    _keys(problems, (), data, TOP_LEVEL)

    region = data.get("region")
    if region is not None and _typed(problems, ("region",), region, str, 'a country code such as "PK"'):
        region = region.strip().upper()
        if region in ALIASES:
            problems.add(("region",), f"region {region!r} is not an ISO 3166 code; use {ALIASES[region]!r}")
        elif region not in ISO_3166_ALPHA2:
            problems.add(("region",), f'unknown region {_clip(region)}: use a two-letter ISO 3166 code such as "PK"')

    fail_under = data.get("fail_under")
    if fail_under is not None and _typed(problems, ("fail_under",), fail_under, int, "a whole number from 0 to 100"):
        if not 0 <= fail_under <= 100:
            problems.add(("fail_under",), f"fail_under must be from 0 to 100, not {_number(fail_under)}")

    weights = data.get("weights", {})
    if _typed(problems, ("weights",), weights, dict, "a table of check ids"):
        for check, weight in weights.items():
            if check not in check_ids:
                problems.add(
                    ("weights", check),
                    lambda check=check: f"unknown check id {_clip(check)}{_suggest(check, sorted(check_ids))}",
                )
            elif _typed(problems, ("weights", check), weight, int, "a whole number") and not 0 <= weight <= 100:
                problems.add(("weights", check), f"the weight of {check} must be from 0 to 100, not {_number(weight)}")

    waivers = []
    for i, entry in _array_of_tables(problems, data, "waivers"):
        where = ("waivers", i)
        _keys(problems, where, entry, ("check", "reason", "expires"))
        for key in ("check", "reason", "expires"):
            if key not in entry:
                problems.add(where, f"a waiver needs {key!r} (check, reason and expires are all required)")
        check, reason, expires = entry.get("check"), entry.get("reason"), entry.get("expires")
        check_ok = check is not None and _typed(problems, (*where, "check"), check, str, "a check id")
        if check_ok and check not in check_ids:
            problems.add(
                (*where, "check"),
                lambda check=check: f"unknown check id {_clip(check)}{_suggest(check, sorted(check_ids))}",
            )
        if reason is not None and _typed(problems, (*where, "reason"), reason, str, "text") and not reason.strip():
            problems.add((*where, "reason"), "a waiver's reason must say why the risk is accepted")
        if expires is not None and not _is_date(expires):
            problems.add(
                (*where, "expires"),
                f"expires must be a date such as 2027-06-30 (no quotes, no time), not {_describe(expires)}",
            )
        if isinstance(check, str) and isinstance(reason, str) and _is_date(expires):
            waivers.append(Waiver(check, reason.strip(), expires, problems.line(where)))

    attest: dict[str, date | str] = {}
    statements = data.get("attest", {})
    if _typed(problems, ("attest",), statements, dict, "a table of dated statements"):
        _keys(problems, ("attest",), statements, tuple(ATTESTATIONS))
        for key, value in statements.items():
            if key not in ATTESTATIONS:
                continue
            if value == NEVER:
                attest[key] = NEVER
            elif not _is_date(value):
                problems.add(
                    ("attest", key),
                    f'{key} must be a date such as 2026-03-14 (no quotes), or "never"; not {_describe(value)}',
                )
            elif value > today:
                problems.add(("attest", key), f"{key} is {value}, in the future: attest only what has happened")
            else:
                attest[key] = value

    accounts = []
    for i, entry in _array_of_tables(problems, data, "accounts"):
        where = ("accounts", i)
        _keys(problems, where, entry, ("service", "method", "critical"))
        service, method, critical = entry.get("service"), entry.get("method"), entry.get("critical")
        if not isinstance(service, str) or not service.strip():
            problems.add((*where, "service"), 'an account needs a service name, e.g. service = "gmail"')
        if method not in MFA_METHODS:
            shown = _clip(method) if isinstance(method, str) else _describe(method)
            problems.add((*where, "method"), f"method {shown} is not known; use one of: {', '.join(MFA_METHODS)}")
        if critical is not None:
            _typed(problems, (*where, "critical"), critical, bool, "true or false")
        if (
            isinstance(service, str)
            and service.strip()
            and method in MFA_METHODS
            and (critical is None or isinstance(critical, bool))
        ):
            accounts.append(Account(service.strip(), method, critical, problems.line(where)))

    backups = []
    for i, entry in _array_of_tables(problems, data, "backups"):
        where = ("backups", i)
        _keys(problems, where, entry, ("name", "path", "repository", "offsite"))
        name, offsite = entry.get("name", f"backup {i + 1}"), entry.get("offsite", False)
        target_path, repository = entry.get("path"), entry.get("repository")
        if target_path is None and repository is None:
            problems.add(where, "a backup needs a path (a folder or file) or a repository (e.g. sftp:nas:/restic)")
        _typed(problems, (*where, "name"), name, str, "text")
        located = [
            _local_text(problems, (*where, key), value)
            for key, value in (("path", target_path), ("repository", repository))
            if value is not None
        ]
        _typed(problems, (*where, "offsite"), offsite, bool, "true or false")
        if isinstance(name, str) and isinstance(offsite, bool) and located and all(located):
            backups.append(DeclaredBackup(name, target_path, repository, offsite, problems.line(where)))

    problems.raise_if_any()
    return Profile(
        path=path,
        region=region if isinstance(region, str) else None,
        fail_under=fail_under if isinstance(fail_under, int) else None,
        weights=dict(weights) if isinstance(weights, dict) else {},
        waivers=tuple(waivers),
        attest=attest,
        accounts=tuple(accounts),
        backups=tuple(backups),
    )


def _registered_checks() -> set[str]:
    from hygiene.registry import BY_ID  # the registry imports every check: only when validating

    return set(BY_ID)
