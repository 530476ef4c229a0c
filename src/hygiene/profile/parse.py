"""Reading and validating a profile (hygiene.toml), a person's or an office's own policy.

It is untrusted input, so it is size-bounded and validated completely: every mistake is
reported at once, each as `file:line: what is wrong`, and the audit stops with exit 2.
Whatever the file holds (deep nesting, huge numbers, datetimes where dates belong, a
megabyte on one line), reading it ends in a Profile or a UserError, in linear time.

No field names a program to run: paths and repositories are data, examined by hygiene's
own code (DESIGN.md principle 8).
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path
from typing import Any

from hygiene.data.regions import ALIASES, ISO_3166_ALPHA2
from hygiene.errors import UserError
from hygiene.files import read_user_text
from hygiene.profile.keys import Lexer
from hygiene.profile.model import (
    ATTESTATIONS,
    MAX_OUT_OF,
    MAX_VIA,
    MFA_METHODS,
    NEVER,
    TRAINING_KEYS,
    Account,
    DeclaredBackup,
    Profile,
    Training,
    Waiver,
)
from hygiene.profile.problems import (
    Problems,
    array_of_tables,
    clip,
    describe,
    is_date,
    known_keys,
    local_text,
    number,
    suggest,
    typed,
)
from hygiene.store.records import MAX_KEEP

# A profile of thousands of accounts is a few dozen KiB; the bound keeps the worst case (tomllib on
# one hostile string) within a second (benchmarks/hostile_inputs.py).
MAX_PROFILE_BYTES = 256 * 1024
TOP_LEVEL = ("region", "fail_under", "weights", "waivers", "attest", "accounts", "backups", "history")


def read_profile(path: Path, today: date | None = None, *, known_checks: Collection[str]) -> Profile:
    """Read and validate a profile file; `today` decides which attestations are in the future."""
    return parse_profile(read_user_text(path, MAX_PROFILE_BYTES, "profile"), path, today, known_checks=known_checks)


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
        lexer = Lexer(text)
        lexer.value(whole_text=True)
        raise UserError(f"{path}:{lexer.deep_line}: arrays or tables nested too deeply for a profile") from None
    except ValueError:
        lexer = Lexer(text)
        lexer.value(whole_text=True)
        line = lexer.long_number_line or 1
        limit = sys.get_int_max_str_digits()
        raise UserError(f"{path}:{line}: a number longer than {limit:,} digits cannot be read") from None


def parse_profile(text: str, path: Path, today: date | None = None, *, known_checks: Collection[str]) -> Profile:
    """Validate profile text; `path` names it in messages (a demo's profile has no file).

    `known_checks` are the ids a weight or a waiver may name: the registry's, given by the caller,
    since the registry imports every check and the checks read the profile. There is no default:
    a caller that forgot them would let a misspelt waiver through."""
    today = today or date.today()
    data = _load_toml(text, path)

    problems = Problems(path, text)
    known_keys(problems, (), data, TOP_LEVEL)
    # One validator per section, in this order: past MAX_PROBLEMS, the first mistakes found are listed.
    profile = Profile(
        path=path,
        region=_region(problems, data.get("region")),
        fail_under=_fail_under(problems, data.get("fail_under")),
        weights=_weights(problems, data.get("weights", {}), known_checks),
        waivers=_waivers(problems, data, known_checks),
        **_attest(problems, data.get("attest", {}), today),
        accounts=_accounts(problems, data),
        backups=_backups(problems, data),
        **_history(problems, data.get("history", {})),
    )
    problems.raise_if_any()
    return profile


def _region(problems: Problems, region: Any) -> str | None:
    if region is None or not typed(problems, ("region",), region, str, 'a country code such as "PK"'):
        return None
    region = region.strip().upper()
    if region in ALIASES:
        problems.add(("region",), f"region {region!r} is not an ISO 3166 code; use {ALIASES[region]!r}")
    elif region not in ISO_3166_ALPHA2:
        problems.add(("region",), f'unknown region {clip(region)}: use a two-letter ISO 3166 code such as "PK"')
    return region


def _fail_under(problems: Problems, fail_under: Any) -> int | None:
    if fail_under is None or not typed(problems, ("fail_under",), fail_under, int, "a whole number from 0 to 100"):
        return None
    if not 0 <= fail_under <= 100:
        problems.add(("fail_under",), f"fail_under must be from 0 to 100, not {number(fail_under)}")
    return fail_under


def _unknown_check(check: str, check_ids: Collection[str]) -> Callable[[], str]:
    """The message for a check id no check has; only worked out when it is shown."""
    return lambda: f"unknown check id {clip(check)}{suggest(check, sorted(check_ids))}"


def _weights(problems: Problems, weights: Any, check_ids: Collection[str]) -> dict[str, int]:
    if not typed(problems, ("weights",), weights, dict, "a table of check ids"):
        return {}
    for check, weight in weights.items():
        if check not in check_ids:
            problems.add(("weights", check), _unknown_check(check, check_ids))
        elif typed(problems, ("weights", check), weight, int, "a whole number") and not 0 <= weight <= 100:
            problems.add(("weights", check), f"the weight of {check} must be from 0 to 100, not {number(weight)}")
    return dict(weights)


def _waivers(problems: Problems, data: dict, check_ids: Collection[str]) -> tuple[Waiver, ...]:
    waivers = []
    for i, entry in array_of_tables(problems, data, "waivers"):
        where = ("waivers", i)
        known_keys(problems, where, entry, ("check", "reason", "expires"))
        for key in ("check", "reason", "expires"):
            if key not in entry:
                problems.add(where, f"a waiver needs {key!r} (check, reason and expires are all required)")
        check, reason, expires = entry.get("check"), entry.get("reason"), entry.get("expires")
        check_ok = check is not None and typed(problems, (*where, "check"), check, str, "a check id")
        if check_ok and check not in check_ids:
            problems.add((*where, "check"), _unknown_check(check, check_ids))
        if reason is not None and typed(problems, (*where, "reason"), reason, str, "text") and not reason.strip():
            problems.add((*where, "reason"), "a waiver's reason must say why the risk is accepted")
        if expires is not None and not is_date(expires):
            problems.add(
                (*where, "expires"),
                f"expires must be a date such as 2027-06-30 (no quotes, no time), not {describe(expires)}",
            )
        if isinstance(check, str) and isinstance(reason, str) and is_date(expires):
            waivers.append(Waiver(check, reason.strip(), expires, problems.line(where)))
    return tuple(waivers)


def _attest(problems: Problems, statements: Any, today: date) -> dict[str, Any]:
    """[attest]: each statement a date or "never"; training_completed may also be a table with
    its score (Profile.training), whose date is kept with the others, to be judged as they are."""
    attest: dict[str, date | str] = {}
    training = None
    if not typed(problems, ("attest",), statements, dict, "a table of dated statements"):
        return {"attest": attest}
    known_keys(problems, ("attest",), statements, tuple(ATTESTATIONS))
    for key, value in statements.items():
        if key not in ATTESTATIONS:
            continue
        if key == "training_completed" and isinstance(value, dict):  # with its score
            training = _training(problems, value, today)
            if training is not None:
                attest[key] = training.day
        elif value == NEVER:
            attest[key] = NEVER
        elif isinstance(value, bool) or not is_date(value):  # `extended_support = true` says so, not since when
            needs = f'{key} needs the day {ATTESTATIONS[key][0]}, e.g. {key} = 2026-03-14 (no quotes), or "never"'
            problems.add(("attest", key), needs if isinstance(value, bool) else f"{needs}; not {describe(value)}")
        elif value > today:
            problems.add(("attest", key), f"{key} is {value}, in the future: attest only what has happened")
        else:
            attest[key] = value
    return {"attest": attest, "training": training}


TRAINING_EXAMPLE = 'training_completed = { date = 2026-12-02, score = 13, out_of = 15, via = "hygiene learn" }'


def _training(problems: Problems, table: dict, today: date) -> Training | None:
    """training_completed as a table: the day, the score out of how many, and where it was done
    (`via`, optional). None when anything in it is wrong, each mistake reported."""
    where = ("attest", "training_completed")
    known_keys(problems, where, table, TRAINING_KEYS)
    missing = [key for key in ("date", "score", "out_of") if key not in table]
    if missing:
        needs = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
        problems.add(where, f"training_completed needs {needs}, e.g. {TRAINING_EXAMPLE}")
    day, score, out_of, via = (table.get(key) for key in TRAINING_KEYS)
    checked = (
        _training_day(problems, (*where, "date"), day, today),
        _score(problems, where, score, out_of),
        via is None or _via(problems, (*where, "via"), via),
    )
    if missing or not set(table) <= set(TRAINING_KEYS) or not all(checked):
        return None
    return Training(day, score, out_of, via)


def _training_day(problems: Problems, where: tuple, day: Any, today: date) -> bool:
    if day is None:
        return False
    if not is_date(day):
        problems.add(where, f"date must be a date such as 2026-12-02 (no quotes, no time), not {describe(day)}")
        return False
    if day > today:
        problems.add(where, f"training_completed is {day}, in the future: attest only what has happened")
        return False
    return True


def _score(problems: Problems, where: tuple, score: Any, out_of: Any) -> bool:
    """score right out of out_of questions: whole numbers, 0 <= score <= out_of <= MAX_OUT_OF."""
    out_of_ok = out_of is not None and typed(
        problems, (*where, "out_of"), out_of, int, f"a whole number from 1 to {MAX_OUT_OF:,}"
    )
    if out_of_ok and not 1 <= out_of <= MAX_OUT_OF:
        problems.add((*where, "out_of"), f"out_of must be from 1 to {MAX_OUT_OF:,}, not {number(out_of)}")
        out_of_ok = False
    score_ok = score is not None and typed(problems, (*where, "score"), score, int, "a whole number")
    if score_ok and (score < 0 or (out_of_ok and score > out_of)):
        top = f"out_of ({out_of})" if out_of_ok else "out_of"
        problems.add((*where, "score"), f"score must be from 0 to {top}, not {number(score)}")
        score_ok = False
    return out_of_ok and score_ok


def _via(problems: Problems, where: tuple, via: Any) -> bool:
    if not typed(problems, where, via, str, "text"):
        return False
    if not via.strip() or len(via) > MAX_VIA or not via.isprintable():
        problems.add(where, f"via must be 1 to {MAX_VIA} printable characters, not {clip(via)}")
        return False
    return True


def _accounts(problems: Problems, data: dict) -> tuple[Account, ...]:
    accounts = []
    for i, entry in array_of_tables(problems, data, "accounts"):
        where = ("accounts", i)
        known_keys(problems, where, entry, ("service", "method", "critical"))
        service, method, critical = entry.get("service"), entry.get("method"), entry.get("critical")
        if not isinstance(service, str) or not service.strip():
            problems.add((*where, "service"), 'an account needs a service name, e.g. service = "gmail"')
        if method not in MFA_METHODS:
            shown = clip(method) if isinstance(method, str) else describe(method)
            problems.add((*where, "method"), f"method {shown} is not known; use one of: {', '.join(MFA_METHODS)}")
        if critical is not None:
            typed(problems, (*where, "critical"), critical, bool, "true or false")
        if (
            isinstance(service, str)
            and service.strip()
            and method in MFA_METHODS
            and (critical is None or isinstance(critical, bool))
        ):
            accounts.append(Account(service.strip(), method, critical, problems.line(where)))
    return tuple(accounts)


def _backups(problems: Problems, data: dict) -> tuple[DeclaredBackup, ...]:
    backups = []
    for i, entry in array_of_tables(problems, data, "backups"):
        where = ("backups", i)
        known_keys(problems, where, entry, ("name", "path", "repository", "offsite"))
        name, offsite = entry.get("name", f"backup {i + 1}"), entry.get("offsite", False)
        target_path, repository = entry.get("path"), entry.get("repository")
        if target_path is None and repository is None:
            problems.add(where, "a backup needs a path (a folder or file) or a repository (e.g. sftp:nas:/restic)")
        typed(problems, (*where, "name"), name, str, "text")
        located = [
            local_text(problems, (*where, key), value)
            for key, value in (("path", target_path), ("repository", repository))
            if value is not None
        ]
        typed(problems, (*where, "offsite"), offsite, bool, "true or false")
        if isinstance(name, str) and isinstance(offsite, bool) and located and all(located):
            backups.append(DeclaredBackup(name, target_path, repository, offsite, problems.line(where)))
    return tuple(backups)


def _history(problems: Problems, history: Any) -> dict[str, Any]:
    """[history]: save = true stores every audit; keep = N audits per host (hygiene.store)."""
    if not typed(problems, ("history",), history, dict, "a table (save, keep)"):
        return {}
    known_keys(problems, ("history",), history, ("save", "keep"))
    found: dict[str, Any] = {}
    save, keep = history.get("save"), history.get("keep")
    if save is not None and typed(problems, ("history", "save"), save, bool, "true or false"):
        found["save"] = save
    if keep is not None and typed(problems, ("history", "keep"), keep, int, f"a whole number from 1 to {MAX_KEEP:,}"):
        if 1 <= keep <= MAX_KEEP:
            found["keep"] = keep
        else:
            problems.add(("history", "keep"), f"keep must be from 1 to {MAX_KEEP:,}, not {number(keep)}")
    return found
