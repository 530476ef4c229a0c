"""Where the profile is: --profile, then $HYGIENE_PROFILE, then the user config folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

from hygiene.errors import UserError
from hygiene.profile.model import NO_PROFILE, Profile
from hygiene.profile.parse import read_profile

FILE_NAME = "hygiene.toml"
ENV_VAR = "HYGIENE_PROFILE"
LOCAL_HINT = f"./{FILE_NAME} was not used; pass --profile ./{FILE_NAME} to use it"


def user_config_path() -> Path:
    from platformdirs import user_config_path as config_dir  # only needed when looking for one

    return config_dir("hygiene", appauthor=False) / FILE_NAME


def make_config_folder(folder: Path) -> None:
    """hygiene's own config folder, made when a profile is first written there (`hygiene init`,
    `hygiene learn`); a folder named by the user must exist already."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{folder}: cannot create the config folder ({exc.strerror or exc})") from None


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
    explicit: Path | None = None,
    today: date | None = None,
    notify: Callable[[str], None] | None = None,
    *,
    known_checks: Collection[str],
) -> Profile:
    """The profile an audit uses; `notify` (the CLI's) hears of a ./hygiene.toml left unused.
    `known_checks`: the ids a weight or waiver may name (see parse_profile)."""
    path, _ = find_profile(explicit)
    hint = unused_local_profile(path, explicit)
    if hint and notify is not None:
        notify(hint)
    return NO_PROFILE if path is None else read_profile(path, today, known_checks=known_checks)
