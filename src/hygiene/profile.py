"""The profile (hygiene.toml): a person's or an office's own policy and dated statements.

It is untrusted input, so it is size-bounded and validated completely: every mistake is
reported at once, each as `file:line: what is wrong`, and the audit stops with exit 2.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hygiene.errors import UserError
from hygiene.regions import ALIASES, ISO_3166_ALPHA2
from hygiene.userfiles import read_user_text

MAX_PROFILE_BYTES = 1024 * 1024
FILE_NAME = "hygiene.toml"
ENV_VAR = "HYGIENE_PROFILE"
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
    """The profile in use and why: --profile, then $HYGIENE_PROFILE, then ./hygiene.toml, then
    the user config folder. A profile that is named but missing is an error, not a shrug."""
    env = os.environ if env is None else env
    if explicit is not None:
        if not explicit.is_file():
            raise UserError(f"{explicit}: no such profile (given with --profile)")
        return explicit, "--profile"
    if env.get(ENV_VAR):
        named = Path(env[ENV_VAR])
        if not named.is_file():
            raise UserError(f"{named}: no such profile (named by ${ENV_VAR})")
        return named, f"${ENV_VAR}"
    local = Path(FILE_NAME)
    if local.is_file():
        return local, "the current folder"
    user = user_config_path()
    if user.is_file():
        return user, "your user config folder"
    return None, f"none found (looked for ./{FILE_NAME} and {user})"


def load_profile(explicit: Path | None = None, today: date | None = None) -> Profile:
    path, _ = find_profile(explicit)
    return NO_PROFILE if path is None else read_profile(path, today)


# --- reading and validating ----------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]\[#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(r"""\s*("[^"]*"|'[^']*'|[^.]+)""", dotted)]


def key_lines(text: str) -> dict[tuple, int]:
    """Where each key and table stands (1-based line), since tomllib does not say.
    Entries of arrays of tables are numbered: ("waivers", 0, "check")."""
    lines: dict[tuple, int] = {}
    table: tuple = ()
    seen: dict[tuple, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            name = tuple(_parts(header.group(2)))
            if header.group(1) == "[[":
                index = seen.get(name, 0)
                seen[name] = index + 1
                table = (*name, index)
            else:
                table = name
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*table, *_parts(key.group(1))), number)
    return lines


class _Problems:
    """Collects every mistake with its line, so one run shows them all."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.found: list[tuple[int, str]] = []

    def line(self, where: tuple) -> int:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)

    def add(self, where: tuple, message: str) -> None:
        self.found.append((self.line(where), message))

    def raise_if_any(self) -> None:
        if self.found:
            raise UserError("\n".join(f"{self.path}:{line}: {message}" for line, message in sorted(self.found)))


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(choices)}"


def _keys(problems: _Problems, where: tuple, table: dict, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            problems.add((*where, key), f"unknown key {key!r}{_suggest(key, allowed)}")


def _typed(problems: _Problems, where: tuple, value: Any, kind: type | tuple, label: str) -> bool:
    if isinstance(value, bool) and kind is int:  # TOML true is not a number
        ok = False
    else:
        ok = isinstance(value, kind)
    if not ok:
        problems.add(where, f"{where[-1]} must be {label}, not {type(value).__name__} {value!r}")
    return ok


def _array_of_tables(problems: _Problems, data: dict, name: str) -> list[tuple[int, dict]]:
    entries = data.get(name, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.add((name,), f"{name} must be written as [[{name}]] tables")
        return []
    return list(enumerate(entries))


def read_profile(path: Path, today: date | None = None, known_checks: Callable[[], set[str]] | None = None) -> Profile:
    """Read and validate a profile file; `today` decides which attestations are in the future."""
    return parse_profile(read_user_text(path, MAX_PROFILE_BYTES, "profile"), path, today, known_checks)


def parse_profile(
    text: str, path: Path, today: date | None = None, known_checks: Callable[[], set[str]] | None = None
) -> Profile:
    """Validate profile text; `path` names it in messages (a demo's profile has no file)."""
    today = today or date.today()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = f"{where.group(1)}:{where.group(2)}" if where else "1"
        raise UserError(f"{path}:{line}: not valid TOML: {message}") from None

    problems = _Problems(path, text)
    check_ids = (known_checks or _registered_checks)()
    _keys(problems, (), data, TOP_LEVEL)

    region = data.get("region")
    if region is not None and _typed(problems, ("region",), region, str, 'a country code such as "PK"'):
        region = region.strip().upper()
        if region in ALIASES:
            problems.add(("region",), f"region {region!r} is not an ISO 3166 code; use {ALIASES[region]!r}")
        elif region not in ISO_3166_ALPHA2:
            problems.add(("region",), f'unknown region {region!r}: use a two-letter ISO 3166 code such as "PK"')

    fail_under = data.get("fail_under")
    if fail_under is not None and _typed(problems, ("fail_under",), fail_under, int, "a whole number from 0 to 100"):
        if not 0 <= fail_under <= 100:
            problems.add(("fail_under",), f"fail_under must be from 0 to 100, not {fail_under}")

    weights = data.get("weights", {})
    if _typed(problems, ("weights",), weights, dict, "a table of check ids"):
        for check, weight in weights.items():
            if check not in check_ids:
                problems.add(("weights", check), f"unknown check id {check!r}{_suggest(check, sorted(check_ids))}")
            elif _typed(problems, ("weights", check), weight, int, "a whole number") and not 0 <= weight <= 100:
                problems.add(("weights", check), f"the weight of {check} must be from 0 to 100, not {weight}")

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
            problems.add((*where, "check"), f"unknown check id {check!r}{_suggest(check, sorted(check_ids))}")
        if reason is not None and _typed(problems, (*where, "reason"), reason, str, "text") and not reason.strip():
            problems.add((*where, "reason"), "a waiver's reason must say why the risk is accepted")
        if expires is not None:
            _typed(problems, (*where, "expires"), expires, date, "a date such as 2027-06-30 (no quotes)")
        if isinstance(check, str) and isinstance(reason, str) and isinstance(expires, date):
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
            elif not isinstance(value, date):
                problems.add(("attest", key), f'{key} must be a date such as 2026-03-14 (no quotes), or "never"')
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
            problems.add((*where, "method"), f"method {method!r} is not known; use one of: {', '.join(MFA_METHODS)}")
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
        for key, value in (("name", name), ("path", target_path), ("repository", repository)):
            if value is not None:
                _typed(problems, (*where, key), value, str, "text")
        _typed(problems, (*where, "offsite"), offsite, bool, "true or false")
        if isinstance(name, str) and isinstance(offsite, bool) and (target_path or repository):
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
