"""Recording a finished session where AWR-001 and `hygiene history` look for it: the profile's
[attest] training_completed (the day and the score) and the history's training table.

The profile is the person's own file. It is found as an audit finds it, read and validated
before anything changes (a profile with mistakes is left as it is), edited in place by
profile.edit (every comment and every other value kept), validated again, and written
atomically and privately (0600). Whatever is refused is left untouched, and the message gives
the line to add by hand. Before the session, check_recordable finds what would be refused
(in the history too), without creating or changing anything.

The atomic replace puts a new file, this user's and 0600, where the old one was, so only a
file that loses nothing by it is rewritten: a regular file this user owns, with one name.
- A symbolic link of this user's (a profile kept with one's dotfiles) is followed to a file
  named *.toml: that file is rewritten and the link stays a link. A link to any other name (a
  repository's hygiene.toml linking to /etc/security/access.conf, which a file of comments
  passes for a valid profile) is refused before a byte of it is read, and so is a link to
  nothing, or another user's link (the repository's, followed under sudo to a root-owned *.toml).
- Another user's profile (under sudo, or a group-writable one) is refused: the replace would
  hand it to this user and lock its owner out. So is one with hard links: the replace would
  split them, the other names keeping the old text.
- A read-only profile (no write permission for its owner, or none for this user) is refused:
  an atomic replace would get past its mode, and someone made it read-only for a reason.
- A FIFO, a device or a folder is refused before a byte is read, so nothing blocks."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from hygiene.errors import UserError
from hygiene.learn.result import TrainingResult
from hygiene.profile.model import MAX_OUT_OF, Profile, Training

DANGLING = "is a symbolic link to a file that does not exist"
NEW_PROFILE = """\
# hygiene profile: your own policy and dated statements.
# Started by `hygiene learn` on {day} to record your training. `hygiene init` fills in the
# rest (region, backups, accounts) and keeps the training below. Check the file any time with
# `hygiene profile check FILE`.
"""


def training_of(result: TrainingResult) -> Training:
    """What the profile records of a session: its day, the answers right out of those asked, and
    where it was done. A session without answers is not a finished one (ValueError: a bug)."""
    if not 1 <= result.total <= MAX_OUT_OF:
        raise ValueError(f"a finished session has 1 to {MAX_OUT_OF} answers, not {result.total}")
    return Training(result.day, result.right, result.total, result.via)


def record_in_profile(result: TrainingResult, explicit: Path | None) -> tuple[Path, bool]:
    """Set training_completed in the profile an audit would use (--profile, $HYGIENE_PROFILE,
    the user config folder). Returns the file written, and whether it was created: without a
    profile, a minimal one is made in the user config folder. Whatever stops it ends with the
    line to add by hand: the session is over, and this is what is left of it."""
    from hygiene.profile.locate import find_profile, user_config_path

    training = training_of(result)
    try:
        path, _ = find_profile(explicit)
        if path is None:
            return _create(user_config_path(), training), True
        return _edit(path, training), False
    except UserError as exc:
        line = by_hand(training)
        raise (exc if str(exc).endswith(line) else UserError(f"{exc}; {line}")) from None


def check_recordable(explicit_profile: Path | None, db: Path | None = None, *, in_profile: bool = True) -> None:
    """Before a session starts, what would throw its result away at the end, so that nobody
    learns for ten minutes to be told the result could not be kept: the profile it will be
    recorded in (a valid profile that may be rewritten, in a folder that takes new files; when
    there is none, a config folder where one can be made), unless `in_profile` is False (a quiz
    goes in the history only), and the history (`db` as --db: read as `hygiene history` reads
    it, and writable; or a folder where one can be made). Nothing is created or changed."""
    from hygiene.store.database import check_saveable
    from hygiene.store.location import store_path

    if in_profile:
        _check_profile(explicit_profile)
    history = store_path(db)
    try:
        check_saveable(history)
    except UserError as exc:
        raise UserError(
            f"{exc}\n{history}: your training is saved in this history too, so fix this first, or run with --no-record"
        ) from None


def _check_profile(explicit: Path | None) -> None:
    from hygiene.files import blocked_folder, read_user_text
    from hygiene.profile.locate import find_profile, user_config_path
    from hygiene.profile.parse import MAX_PROFILE_BYTES

    path, _ = find_profile(explicit)
    if path is None:
        new = user_config_path()
        if os.path.islink(new):
            raise UserError(f"{new}: {DANGLING}; remove the link or create the file, or run with --no-record")
        blocked = blocked_folder(new.parent)
        if blocked is not None:
            raise UserError(f"{blocked[0]}: {blocked[1]}, so your training could not be recorded in a new profile "
                            f"at {new}; name one with --profile, or run with --no-record")  # fmt: skip
        return
    target, refusal = _editable(path)
    if refusal is not None:
        reason, remedy = refusal
        raise UserError(f"{path}: {reason}, so your training could not be recorded in it; {remedy}, "
                        "or run with --no-record")  # fmt: skip
    text = read_user_text(target, MAX_PROFILE_BYTES, "profile")
    try:
        _validated(text, target)
    except UserError as exc:
        raise UserError(
            f"{exc}\n{path}: your training is recorded in this profile, so fix these mistakes first "
            f"(`hygiene profile check {path}` lists them), or run with --no-record"
        ) from None


def record_in_history(result: TrainingResult, explicit: Path | None = None) -> Path:
    """Save the session in the history an audit saves to (--db, $HYGIENE_HISTORY, the user data
    folder), created private if there is none; returns its path."""
    from hygiene.store.database import open_store
    from hygiene.store.location import store_path

    path = store_path(explicit)
    store = open_store(path, create=True)
    try:
        store.save_training(result)
    finally:
        store.close()
    return path


def by_hand(training: Training) -> str:
    """The line to add under [attest] when hygiene may not write the profile itself."""
    from hygiene.profile.template import training_toml

    return f"add it under [attest] yourself: training_completed = {training_toml(training)}"


def _edit(path: Path, training: Training) -> Path:
    from hygiene.files import read_user_text, write_private
    from hygiene.profile.edit import CannotEdit, set_training
    from hygiene.profile.parse import MAX_PROFILE_BYTES

    target, refusal = _editable(path)
    if refusal is not None:
        raise UserError(f"{path}: {refusal[0]}, so the training was not recorded in it")
    text = read_user_text(target, MAX_PROFILE_BYTES, "profile")
    try:
        _validated(text, target)
    except UserError as exc:
        raise UserError(
            f"{exc}\n{path}: was left as it is and the training was not recorded in it: "
            f"fix these mistakes first (`hygiene profile check {path}` lists them)"
        ) from None
    unsafe = UserError(f"{path}: could not be changed safely, so it was left as it is")
    try:
        edited = set_training(text, training)
    except CannotEdit:
        raise unsafe from None
    if _validated(edited, target).training != training:  # set_training checked it; this is the profile's reader
        raise unsafe
    if read_user_text(target, MAX_PROFILE_BYTES, "profile") != text:  # an editor saved it meanwhile
        raise UserError(f"{path}: changed while the training was being recorded, so it was left as it is now")
    write_private(target, edited, force=True)
    return target


def _editable(path: Path) -> tuple[Path, tuple[str, str] | None]:
    """The file to rewrite (the one a link names), and why it may not be, with what would let
    it be; None when it may (see the module's docstring). What is not a regular file is left
    to the reading, which says what it is. A read-only profile stays as it is for root too:
    the owner's write bit is asked, as well as this user's access."""
    from hygiene.files import blocked_folder

    euid = os.geteuid() if hasattr(os, "geteuid") else None  # Windows has no owners to compare here
    target = path
    try:
        if os.path.islink(path):
            target = Path(os.path.realpath(path))
            if not target.name.lower().endswith(".toml"):
                return target, (f"is a symbolic link to {target}, not to a *.toml file", "point it at your profile")
            if euid is not None and os.lstat(path).st_uid != euid:  # a cloned repository's, followed under sudo
                return target, ("is a symbolic link that belongs to another user", "name your profile itself")
        st = os.stat(target)
    except OSError as exc:  # a link loop, a folder that may not be looked into
        return target, (f"cannot be looked at ({exc.strerror})", "check its path")
    if not stat.S_ISREG(st.st_mode):
        return target, None
    if euid is not None and st.st_uid != euid:
        return target, ("belongs to another user", "run hygiene learn as that user")
    if st.st_nlink != 1:
        return target, (
            f"has {st.st_nlink} hard links, which a rewrite would split",
            "give it a single name",
        )
    if not (st.st_mode & stat.S_IWUSR and os.access(target, os.W_OK)):
        return target, ("is read-only", "make it writable")
    folder = Path(os.path.abspath(target)).parent
    if blocked_folder(folder) is not None:  # the replace makes the new file beside the old one first
        return target, (f"is in {folder}, a folder that takes no new file", "let the folder take new files")
    return target, None


def _create(path: Path, training: Training) -> Path:
    from hygiene.files import write_private
    from hygiene.profile.edit import set_training
    from hygiene.profile.locate import make_config_folder

    if os.path.islink(path):  # find_profile found nothing there: the link names a file that is not there
        raise UserError(f"{path}: {DANGLING}, so the training was not recorded; remove the link or create the file")
    make_config_folder(path.parent)
    text = set_training(NEW_PROFILE.format(day=training.day), training)
    _validated(text, path)
    write_private(path, text)  # never replaces a profile that appeared meanwhile
    return path


def _validated(text: str, path: Path) -> Profile:
    from hygiene.profile.parse import parse_profile
    from hygiene.registry import BY_ID

    return parse_profile(text, path, date.today(), known_checks=frozenset(BY_ID))
