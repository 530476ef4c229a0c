"""Setting training_completed in a profile the person wrote, keeping all else they wrote.

tomlkit edits the parsed document, not its lines: comments, blank lines, key order, quoting,
and the form each table was written in (an [attest] header, dotted `attest.x = ...` keys, an
inline `attest = { ... }`, an [attest.training_completed] table) all stay as they were. An edit
of lines would have to tell those forms apart itself, and not be fooled by a multi-line string
that holds `[attest]`. What tomlkit writes is then checked: tomllib must read the new text as
the old one, training_completed aside, or nothing is changed."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from hygiene.profile.model import Training
from hygiene.profile.template import training_toml

KEY = "training_completed"


class CannotEdit(Exception):
    """tomlkit could not read the text, or what it wrote would mean something else."""


def set_training(text: str, training: Training) -> str:
    """`text` (a valid profile) with [attest] training_completed set to `training`."""
    import tomlkit  # only `hygiene learn` edits a profile
    from tomlkit.exceptions import TOMLKitError

    wanted = tomllib.loads(f"{KEY} = {training_toml(training)}\n")[KEY]
    try:
        doc = tomlkit.parse(text)
        _set(doc, tomlkit.parse(f"{KEY} = {training_toml(training)}\n")[KEY])
        edited = _line_ends(text, doc.as_string())
        meant = tomllib.loads(edited)
    except (TOMLKitError, tomllib.TOMLDecodeError, ValueError, TypeError, LookupError, AttributeError) as exc:
        raise CannotEdit(str(exc)) from None
    if meant.get("attest", {}).get(KEY) != wanted or _others(meant) != _others(tomllib.loads(text)):
        raise CannotEdit("the edited text would say something else")
    return edited


def _set(doc: Any, new: Any) -> None:
    """A table there already is updated key by key (its form and comments stay); a date or
    "never" is replaced in place (its comment stays); else the table is added, first in
    [attest] when that has a header, so it never lands below the comments that end the table."""
    import tomlkit

    attest = doc.get("attest")
    if attest is None:
        doc["attest"] = tomlkit.table()
        doc["attest"][KEY] = new
    elif isinstance(attest.get(KEY), dict):
        old = attest[KEY]
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = value
    elif KEY not in attest and _headed(attest):
        attest.value._insert_at(0, KEY, new)  # tomlkit has no public insert; set_training checks the result
    else:
        attest[KEY] = new


def _headed(attest: Any) -> bool:
    """[attest] written with its header and something under it, where the new line can go first."""
    import tomlkit

    return isinstance(attest, tomlkit.items.Table) and not attest.is_super_table() and bool(attest.value.body)


def _line_ends(text: str, edited: str) -> str:
    """The lines tomlkit added ended as the file's own (it writes "\n" into a "\r\n" file), and a
    last newline kept where tomlkit dropped it. The lines added hold no newline of their own."""
    crlf = "\r\n" in text and "\n" not in text.replace("\r\n", "")
    if crlf:
        edited = re.sub(r"(?<!\r)\n", "\r\n", edited)
    if text.endswith("\n") and not edited.endswith("\n"):
        edited += "\r\n" if crlf else "\n"
    return edited


def _others(data: dict[str, Any]) -> dict[str, Any]:
    """The document without training_completed, and without an [attest] left empty by that."""
    attest = {key: value for key, value in data.get("attest", {}).items() if key != KEY}
    rest = {key: value for key, value in data.items() if key != "attest"}
    return {**rest, "attest": attest} if attest else rest
